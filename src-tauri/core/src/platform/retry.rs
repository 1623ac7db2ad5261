//! When a failed attempt is tried again, and after how long: the retry rules in one
//! pure function ([`decide`]), plus `Retry-After` parsing and jittered exponential backoff.

use std::time::Duration;

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::endpoint::RetryClass;
use super::options::RetryPolicy;

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttemptFailure {
    /// The connection never opened: the platform cannot have seen the request.
    NotSent,
    /// The request may have reached the platform (broken connection, timeout, cut-off answer).
    MaybeSent,
    /// The platform answered with this non-success status.
    Status(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    RetryAfter(Duration),
    GiveUp,
}

/// Whether to try again after `attempt` (1-based) failed as `failure`.
pub(crate) fn decide(
    policy: &RetryPolicy,
    class: RetryClass,
    attempt: u32,
    failure: AttemptFailure,
    retry_after: Option<Duration>,
) -> Decision {
    if attempt >= policy.max_attempts || class == RetryClass::Never {
        return Decision::GiveUp;
    }
    let idempotent = class == RetryClass::Idempotent;
    let retryable = match failure {
        AttemptFailure::NotSent => true,
        // 429 is a refusal: the platform did nothing, so even a create may be resent.
        AttemptFailure::Status(429) => true,
        AttemptFailure::Status(status) => idempotent && (500..600).contains(&status),
        AttemptFailure::MaybeSent => idempotent,
    };
    if !retryable {
        return Decision::GiveUp;
    }
    match retry_after {
        Some(wait) if wait > policy.max_retry_after => Decision::GiveUp,
        Some(wait) => Decision::RetryAfter(wait),
        None => Decision::RetryAfter(backoff(policy, attempt, jitter())),
    }
}

/// A uniform draw in `[0, 1)` from the OS (a retry is rare; no generator kept per thread).
fn jitter() -> f64 {
    use rand::RngCore;
    (rand::rngs::OsRng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// `base * 2^(attempt-1)`, capped, scaled into `[50 %, 100 %]` by `jitter` (0..1) so that
/// many clients failing together do not come back together.
pub(crate) fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> Duration {
    let exponent = attempt.saturating_sub(1).min(16);
    let full = policy
        .base_backoff
        .saturating_mul(1 << exponent)
        .min(policy.max_backoff);
    full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

const HTTP_DATE: &[FormatItem<'static>] = format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

/// `Retry-After` as delay-seconds (`"3"`) or an HTTP-date, relative to `now`.
pub(crate) fn parse_retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = PrimitiveDateTime::parse(value, HTTP_DATE)
        .ok()?
        .assume_utc();
    let wait = at - now;
    Some(if wait.is_negative() {
        Duration::ZERO
    } else {
        wait.unsigned_abs()
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 3,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(60),
        }
    }

    #[test]
    fn backoff_doubles_from_the_base_and_is_capped() {
        let p = policy();
        assert_eq!(backoff(&p, 1, 1.0), Duration::from_millis(100));
        assert_eq!(backoff(&p, 2, 1.0), Duration::from_millis(200));
        assert_eq!(backoff(&p, 3, 1.0), Duration::from_millis(300));
        assert_eq!(backoff(&p, 40, 1.0), Duration::from_millis(300));
        assert_eq!(backoff(&p, 1, 0.0), Duration::from_millis(50));
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        let now = datetime!(2015-10-21 07:28:00 UTC);
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn reads_retry_network_errors_5xx_and_429_honouring_retry_after() {
        let p = policy();
        let idem = RetryClass::Idempotent;
        let wait = Some(Duration::from_secs(2));
        assert_eq!(
            decide(&p, idem, 1, AttemptFailure::Status(429), wait),
            Decision::RetryAfter(Duration::from_secs(2))
        );
        assert!(matches!(
            decide(&p, idem, 1, AttemptFailure::Status(503), None),
            Decision::RetryAfter(_)
        ));
        assert!(matches!(
            decide(&p, idem, 2, AttemptFailure::MaybeSent, None),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&p, idem, 1, AttemptFailure::Status(404), None),
            Decision::GiveUp
        );
        assert_eq!(
            decide(&p, idem, 3, AttemptFailure::Status(503), None),
            Decision::GiveUp
        );
    }

    #[test]
    fn a_retry_after_beyond_the_cap_is_not_waited_out() {
        let p = policy();
        assert_eq!(
            decide(
                &p,
                RetryClass::Idempotent,
                1,
                AttemptFailure::Status(429),
                Some(Duration::from_secs(61))
            ),
            Decision::GiveUp
        );
    }

    #[test]
    fn writes_retry_only_what_proves_the_platform_did_nothing() {
        let p = policy();
        let writes = RetryClass::RefusalsOnly;
        assert_eq!(
            decide(&p, writes, 1, AttemptFailure::Status(500), None),
            Decision::GiveUp
        );
        assert_eq!(
            decide(&p, writes, 1, AttemptFailure::MaybeSent, None),
            Decision::GiveUp
        );
        assert!(matches!(
            decide(&p, writes, 1, AttemptFailure::Status(429), None),
            Decision::RetryAfter(_)
        ));
        assert!(matches!(
            decide(&p, writes, 1, AttemptFailure::NotSent, None),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&p, RetryClass::Never, 1, AttemptFailure::NotSent, None),
            Decision::GiveUp
        );
    }
}
