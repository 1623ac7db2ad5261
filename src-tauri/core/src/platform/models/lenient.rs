//! Serde helpers for the vendor's inconsistent types on reads: booleans sent as strings,
//! a list sent as one string, timestamps as Unix seconds or ISO 8601.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `true`, `false`, `"true"` or `"false"` (the vendor writes `trusted` as a string and reads it as a boolean).
pub(crate) fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::Bool(b)) => Ok(Some(b)),
        Some(Raw::Text(text)) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(de::Error::custom("expected true or false")),
        },
    }
}

/// A list of strings, or one string meaning a list of one (`app_screenshot_uris` is a
/// string in the vendor's write schema and an array in its read examples).
pub(crate) fn list_or_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        List(Vec<String>),
        One(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => None,
        Some(Raw::List(list)) => Some(list),
        Some(Raw::One(one)) if one.is_empty() => Some(Vec::new()),
        Some(Raw::One(one)) => Some(vec![one]),
    })
}

/// The string `"true"` / `"false"` the vendor's write schema asks for.
pub(crate) fn bool_as_string<S: Serializer>(value: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(true) => s.serialize_str("true"),
        Some(false) => s.serialize_str("false"),
        None => s.serialize_none(),
    }
}

/// Unix seconds (`1754377015`, from `/oauth/token`) or ISO 8601
/// (`"2021-11-16T13:29:47.000Z"`, from `/oauth/service/token`).
pub(crate) fn unix_or_iso_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Seconds(i64),
        Fractional(f64),
        Text(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::Seconds(s)) => OffsetDateTime::from_unix_timestamp(s)
            .map(Some)
            .map_err(|_| de::Error::custom("timestamp out of range")),
        Some(Raw::Fractional(s)) => OffsetDateTime::from_unix_timestamp(s.trunc() as i64)
            .map(Some)
            .map_err(|_| de::Error::custom("timestamp out of range")),
        Some(Raw::Text(text)) => {
            if let Ok(seconds) = text.trim().parse::<i64>() {
                return OffsetDateTime::from_unix_timestamp(seconds)
                    .map(Some)
                    .map_err(|_| de::Error::custom("timestamp out of range"));
            }
            OffsetDateTime::parse(text.trim(), &Rfc3339)
                .map(Some)
                .map_err(|_| de::Error::custom("expected Unix seconds or an ISO 8601 time"))
        }
    }
}

/// A whole number sent as a number or a numeric string (`expires_in`).
pub(crate) fn number_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(u64),
        Text(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::Number(n)) => Ok(Some(n)),
        Some(Raw::Text(text)) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom("expected a whole number")),
    }
}

/// An identifier sent as a string or as a number (`app_id`).
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Text(text) => text,
        Raw::Number(n) => n.to_string(),
    })
}
