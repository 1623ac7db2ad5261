//! How hard a new store passphrase is to guess, and why a weak one is refused.
//!
//! The estimate follows zxcvbn's idea (guesses an attacker needs, on a 0–4 scale, 3 and
//! up accepted) in a few hundred lines instead of the crate's 4 MB of dictionaries,
//! which would more than double the CLI's size: a passphrase is as strong as the
//! guesses of its weakest reading, where common passwords, keyboard runs, sequences,
//! repeats and a single dictionary-like word with digits around it all count as the few
//! guesses they really are.

/// Accepted from this score up (zxcvbn's "safely unguessable" band, about 10^8 guesses
/// against the store's slow Argon2id hash).
pub const MIN_SCORE: u8 = 3;

/// The estimate: a 0–4 score, and what makes it weak when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    pub score: u8,
    pub reason: Option<String>,
}

/// The 100 most common passwords' stems (lowercase, digits and symbols stripped at
/// the ends): a passphrase that is one of these, decorated, is a few thousand guesses.
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "qwerty",
    "qwertyuiop",
    "asdfgh",
    "asdfghjkl",
    "zxcvbnm",
    "letmein",
    "welcome",
    "admin",
    "administrator",
    "login",
    "master",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "soccer",
    "hockey",
    "superman",
    "batman",
    "iloveyou",
    "sunshine",
    "princess",
    "shadow",
    "michael",
    "jennifer",
    "jordan",
    "hunter",
    "ranger",
    "buster",
    "thomas",
    "tigger",
    "robert",
    "charlie",
    "andrew",
    "daniel",
    "starwars",
    "trustno",
    "whatever",
    "freedom",
    "secret",
    "computer",
    "internet",
    "changeme",
    "default",
    "test",
    "tester",
    "testing",
    "guest",
    "root",
    "toor",
    "pass",
    "passwd",
    "access",
    "mustang",
    "harley",
    "ninja",
    "azerty",
    "solo",
    "flower",
    "cheese",
    "killer",
    "pepper",
    "ginger",
    "hello",
    "hellothere",
    "love",
    "lovely",
    "summer",
    "winter",
    "spring",
    "autumn",
    "abc",
    "abcdef",
    "intandem",
    "vcita",
    "sandbox",
    "console",
    "mypassword",
    "qazwsx",
    "zaq",
    "passphrase",
    "nothing",
    "samsung",
    "apple",
    "google",
    "microsoft",
    "linux",
];

/// Keyboard rows and the alphabet: a run along one is a handful of guesses.
const RUNS: &[&str] = &[
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "abcdefghijklmnopqrstuvwxyz",
];

/// Estimates `passphrase`'s strength.
pub fn estimate(passphrase: &str) -> Strength {
    let chars: Vec<char> = passphrase.chars().collect();
    let lower = passphrase.to_lowercase();
    let stem: String = lower.trim_matches(|c: char| !c.is_alphabetic()).to_owned();
    if COMMON.contains(&stem.as_str()) || COMMON.contains(&lower.as_str()) {
        return weak(0, "it is a common password with a few characters added");
    }
    if let Some(unit) = repeated_unit(&chars) {
        let reason = format!(
            "it repeats {:?}, which is barely harder to guess than writing it once",
            unit.iter().collect::<String>()
        );
        return Strength {
            score: score_of(log10_guesses(&unit) + (chars.len() / unit.len()) as f64 / 10.0).min(1),
            reason: Some(reason),
        };
    }
    if is_sequence(&lower) {
        return weak(0, "it is a run of neighbouring keys or characters");
    }
    // A single word with digits or symbols only at its ends: a dictionary word, guessed
    // from a word list with the usual decorations.
    let letters_only_in_middle = stem.chars().all(char::is_alphabetic)
        && !stem.contains(' ')
        && stem.chars().count() >= chars.len().saturating_sub(4);
    let mut guesses = log10_guesses(&chars);
    if letters_only_in_middle {
        guesses = guesses.min(5.0 + (stem.chars().count() as f64 - 6.0).max(0.0) * 0.5);
    }
    let score = score_of(guesses);
    if score >= MIN_SCORE {
        Strength {
            score,
            reason: None,
        }
    } else if letters_only_in_middle {
        weak(
            score,
            "it is one word with a few digits or symbols around it",
        )
    } else {
        weak(
            score,
            "it is too short for the few kinds of characters it uses",
        )
    }
}

fn weak(score: u8, reason: &str) -> Strength {
    Strength {
        score,
        reason: Some(reason.to_owned()),
    }
}

/// zxcvbn's bands of guesses: < 10^3, < 10^6, < 10^8, < 10^10, more.
fn score_of(log10_guesses: f64) -> u8 {
    match log10_guesses {
        g if g < 3.0 => 0,
        g if g < 6.0 => 1,
        g if g < 8.0 => 2,
        g if g < 10.0 => 3,
        _ => 4,
    }
}

/// log10 of (alphabet size ^ length), the alphabet being the kinds of characters used.
fn log10_guesses(chars: &[char]) -> f64 {
    let mut alphabet = 0.0;
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        alphabet += 26.0;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        alphabet += 26.0;
    }
    if chars.iter().any(char::is_ascii_digit) {
        alphabet += 10.0;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        alphabet += 33.0;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        alphabet += 100.0;
    }
    chars.len() as f64 * f64::max(alphabet, 1.0).log10()
}

/// The shortest unit the whole passphrase repeats ("abcabcabc" → "abc"), if any.
fn repeated_unit(chars: &[char]) -> Option<Vec<char>> {
    (1..=chars.len() / 2)
        .filter(|len| chars.len().is_multiple_of(*len))
        .find(|&len| chars.chunks(len).all(|chunk| chunk == &chars[..len]))
        .map(|len| chars[..len].to_vec())
}

/// A run along a keyboard row or the alphabet, either way ("asdfghjk", "87654321").
fn is_sequence(lower: &str) -> bool {
    let reversed: String = lower.chars().rev().collect();
    RUNS.iter()
        .any(|row| row.contains(lower) || row.contains(reversed.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_repeated_sequential_and_decorated_passwords_are_weak_with_a_reason() {
        for weak_one in [
            "password",
            "Password1!",
            "password123",
            "qwertyuiop",
            "12345678",
            "abcdefgh",
            "87654321",
            "hunter2hunter2",
            "aaaaaaaaaaaa",
            "Summer2024!",
            "Monkey99",
            "abcabcabcabc",
        ] {
            let strength = estimate(weak_one);
            assert!(strength.score < MIN_SCORE, "{weak_one}: {strength:?}");
            assert!(strength.reason.is_some(), "{weak_one}");
        }
    }

    #[test]
    fn long_passphrases_and_mixed_random_ones_are_accepted() {
        for strong in [
            "correct horse battery staple",
            "e2e passphrase 3",
            "Tr0ub4dor&3x",
            "purple-otter-47-lantern",
            "9f#Lq2@vZ1",
            "été à Montréal avec 3 amis",
        ] {
            let strength = estimate(strong);
            assert!(strength.score >= MIN_SCORE, "{strong}: {strength:?}");
            assert_eq!(strength.reason, None);
        }
    }
}
