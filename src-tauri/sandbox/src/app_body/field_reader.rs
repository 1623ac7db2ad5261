//! `Fields`: typed reads of a JSON request body's fields, with messages that name the
//! field (and the index, in lists) and say what was expected.

use serde_json::{Map, Value};

pub fn one_of(field: &str, value: String, allowed: &[&str]) -> Result<String, String> {
    if allowed.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err(format!(
            "{field} must be one of {}: got {value:?}",
            allowed.join(", ")
        ))
    }
}

/// Typed reads of a request body's fields: `None` when absent, `Some(None)` for null.
pub struct Fields<'a>(pub &'a Map<String, Value>);

impl Fields<'_> {
    pub fn string(&self, key: &str) -> Result<Option<Option<String>>, String> {
        match self.0.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
            Some(other) => Err(format!("{key} must be a string: got {}", kind(other))),
        }
    }

    /// A boolean, also accepted as the strings "true"/"false" (how the vendor takes
    /// `trusted`). Null resets it to false.
    pub fn flag(&self, key: &str) -> Result<Option<bool>, String> {
        match self.0.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(false)),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" => Ok(Some(true)),
            Some(Value::String(s)) if s == "false" => Ok(Some(false)),
            Some(other) => Err(format!("{key} must be \"true\" or \"false\": got {other}")),
        }
    }

    /// An array of strings (null clears it), each one of `allowed` when given.
    pub fn string_list(
        &self,
        key: &str,
        allowed: Option<&[&str]>,
    ) -> Result<Option<Vec<String>>, String> {
        let items = match self.0.get(key) {
            None => return Ok(None),
            Some(Value::Null) => return Ok(Some(Vec::new())),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(format!(
                    "{key} must be an array of strings: got {}",
                    kind(other)
                ))
            }
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => match allowed {
                    Some(allowed) => one_of(&format!("{key}[{i}]"), s.clone(), allowed),
                    None => Ok(s.clone()),
                },
                other => Err(format!("{key}[{i}] must be a string: got {}", kind(other))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// The reference types the screenshot lists as strings; they are arrays on reads.
    pub fn string_or_list(&self, key: &str) -> Result<Option<Vec<String>>, String> {
        match self.0.get(key) {
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            _ => self.string_list(key, None),
        }
    }

    pub fn object(&self, key: &str) -> Result<Option<Option<Map<String, Value>>>, String> {
        match self.0.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::Object(map)) => Ok(Some(Some(map.clone()))),
            Some(other) => Err(format!("{key} must be an object: got {}", kind(other))),
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
