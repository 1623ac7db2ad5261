//! Timestamps as the store writes them: UTC, RFC 3339, always six fractional digits,
//! so that text order is time order and a value read back equals the one written.

use time::format_description::StaticFormatDescription;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::StoreError;

const DB_FORMAT: StaticFormatDescription =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// Now, truncated to what the store keeps (microseconds).
pub(crate) fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

pub(crate) fn truncate(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(UtcOffset::UTC);
    at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000)
        .expect("a whole number of microseconds is a valid nanosecond value")
}

pub(crate) fn encode(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(DB_FORMAT)
        .expect("every UTC date-time can be formatted")
}

pub(crate) fn decode(what: &'static str, text: &str) -> Result<OffsetDateTime, StoreError> {
    PrimitiveDateTime::parse(text, DB_FORMAT)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|error| StoreError::invalid_row(what, format!("timestamp {text:?}: {error}")))
}

pub(crate) fn decode_optional(
    what: &'static str,
    text: Option<&str>,
) -> Result<Option<OffsetDateTime>, StoreError> {
    text.map(|text| decode(what, text)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_timestamp_round_trips_and_text_order_is_time_order() {
        let five_and_a_half = datetime!(2026-01-02 03:04:05.5 +02:00);
        let five_and_a_bit = datetime!(2026-01-02 01:04:05.123456 UTC);
        assert_eq!(encode(five_and_a_half), "2026-01-02T01:04:05.500000Z");
        assert_eq!(
            decode("test", &encode(five_and_a_half)).unwrap(),
            five_and_a_half
        );
        assert_eq!(
            decode("test", &encode(five_and_a_bit)).unwrap(),
            five_and_a_bit
        );
        assert!(encode(five_and_a_half) > encode(five_and_a_bit));
        assert!(decode("test", "yesterday").is_err());
    }
}
