//! The virtual clock: real UTC time plus an offset that only the admin API moves, and
//! only forward. Code expiry (30 s) and token expiry are judged against it, so tests
//! advance it instead of sleeping.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VirtualClock {
    offset_secs: i64,
}

impl VirtualClock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + Duration::seconds(self.offset_secs)
    }

    /// Moves the clock forward by `secs` (saturating; the clock never goes back).
    pub fn advance(&mut self, secs: u64) {
        let secs = i64::try_from(secs).unwrap_or(i64::MAX);
        // Keep far below OffsetDateTime's range so `now()` can never overflow.
        const LIMIT: i64 = 100 * 365 * 24 * 3600;
        self.offset_secs = self.offset_secs.saturating_add(secs).min(LIMIT);
    }

    pub fn offset_secs(&self) -> i64 {
        self.offset_secs
    }
}

/// Formats a time the way the vendor does in `/oauth/service/token`: `2021-11-16T13:29:47.000Z`.
pub fn vendor_timestamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_by_the_given_seconds() {
        let mut clock = VirtualClock::default();
        let before = clock.now();
        clock.advance(3600);
        let moved = clock.now() - before;
        assert!(moved >= Duration::seconds(3600) && moved < Duration::seconds(3610));
        assert_eq!(clock.offset_secs(), 3600);
    }

    #[test]
    fn advancing_by_an_absurd_amount_saturates_instead_of_overflowing() {
        let mut clock = VirtualClock::default();
        clock.advance(u64::MAX);
        clock.advance(u64::MAX);
        let _ = clock.now();
        assert!(clock.offset_secs() > 0);
    }

    #[test]
    fn vendor_timestamps_have_milliseconds_and_a_z() {
        let at = OffsetDateTime::from_unix_timestamp(1_637_069_387).unwrap();
        assert_eq!(vendor_timestamp(at), "2021-11-16T13:29:47.000Z");
    }
}
