//! Small helpers for the words people read: one place for what several messages need.

/// `text` with its first letter in upper case (an error's text opening a sentence).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::capitalized;

    #[test]
    fn the_first_letter_is_made_upper_case_and_nothing_else_changes() {
        assert_eq!(capitalized("state mismatch: b"), "State mismatch: b");
        assert_eq!(capitalized("élan"), "Élan");
        assert_eq!(capitalized(""), "");
        assert_eq!(capitalized("Already"), "Already");
    }
}
