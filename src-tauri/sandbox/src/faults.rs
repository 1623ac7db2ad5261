//! Fault injection for tests: `Faults` is the configuration the admin API takes, and
//! `FaultInjector` decides, request by request, what to inject. Decisions are
//! deterministic: "every Nth" counts the requests the faults apply to, and the 5xx rate
//! draws from [`FaultDraws`] seeded by `seed` (0 by default), so a test sees the same
//! sequence on every run. Faults never apply to `/__admin/`.

use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Delay added before answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Share of requests (0.0 to 1.0) answered with `status_5xx` instead of being handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// The status for injected server errors; 503 when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_5xx: Option<u16>,
    /// Every Nth request is answered 429 with `Retry-After`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit_every: Option<u64>,
    /// The `Retry-After` seconds on injected 429s; 1 when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    /// Every Nth response has its body cut in half (still with a consistent Content-Length).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncate_every: Option<u64>,
    /// Path prefixes the faults apply to; empty means every non-admin path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Moves the virtual clock forward this many seconds before each request the faults
    /// apply to is handled: with `paths: ["/oauth/token"]`, every code reaches its
    /// exchange this much older (a slow client, without waiting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advance_clock_secs: Option<u64>,
    /// Seed of the RNG behind `error_rate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

impl Faults {
    /// Checks ranges; the message names the field at fault.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(rate) = self.error_rate {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!(
                    "error_rate must be between 0.0 and 1.0: got {rate}"
                ));
            }
        }
        if let Some(status) = self.status_5xx {
            if !(500..=599).contains(&status) {
                return Err(format!("status_5xx must be a 5xx status: got {status}"));
            }
        }
        for (field, every) in [
            ("rate_limit_every", self.rate_limit_every),
            ("truncate_every", self.truncate_every),
        ] {
            if every == Some(0) {
                return Err(format!(
                    "{field} must be at least 1 (leave it out to turn it off)"
                ));
            }
        }
        if let Some(secs) = self.advance_clock_secs {
            if secs > 86_400 {
                return Err(format!(
                    "advance_clock_secs must be at most 86400: got {secs}"
                ));
            }
        }
        if let Some(latency) = self.latency_ms {
            if latency > 60_000 {
                return Err(format!("latency_ms must be at most 60000: got {latency}"));
            }
        }
        Ok(())
    }

    fn applies_to(&self, path: &str) -> bool {
        self.paths.is_empty()
            || self
                .paths
                .iter()
                .any(|prefix| path.starts_with(prefix.as_str()))
    }
}

/// What to do to one request.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultDecision {
    pub latency: Option<Duration>,
    /// Seconds to move the virtual clock forward before handling the request.
    pub advance_clock_secs: Option<u64>,
    pub answer: InjectedAnswer,
    pub truncate: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InjectedAnswer {
    /// Let the request through to its handler.
    Handle,
    RateLimited {
        retry_after_secs: u64,
    },
    ServerError {
        status: u16,
    },
}

/// The 5xx rate's draws: SplitMix64 from the seed, so that a test can compute the
/// sequence a seed gives (a small generator of our own: the sandbox ships in the console,
/// and a cryptographic one would only add to its size).
#[derive(Clone, Debug)]
pub struct FaultDraws(u64);

impl FaultDraws {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// `true` with probability `rate` (0..=1): always at 1, never at 0.
    pub fn chance(&mut self, rate: f64) -> bool {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // The top 53 bits as a float in [0, 1).
        ((z >> 11) as f64 / (1u64 << 53) as f64) < rate
    }
}

pub struct FaultInjector {
    faults: Faults,
    draws: FaultDraws,
    matched: u64,
}

impl Default for FaultInjector {
    fn default() -> Self {
        Self::new(Faults::default())
    }
}

impl FaultInjector {
    pub fn new(faults: Faults) -> Self {
        let draws = FaultDraws::new(faults.seed.unwrap_or(0));
        Self {
            faults,
            draws,
            matched: 0,
        }
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Decides for a request to `path`; `None` when no fault applies to it.
    pub fn decide(&mut self, path: &str) -> Option<FaultDecision> {
        if path.starts_with("/__admin")
            || !self.faults.applies_to(path)
            || self.faults == Faults::default()
        {
            return None;
        }
        self.matched += 1;
        let n = self.matched;
        let every = |setting: Option<u64>| setting.is_some_and(|every| n.is_multiple_of(every));
        let error_drawn = match self.faults.error_rate {
            Some(rate) if rate > 0.0 => self.draws.chance(rate),
            _ => false,
        };
        let answer = if every(self.faults.rate_limit_every) {
            InjectedAnswer::RateLimited {
                retry_after_secs: self.faults.retry_after_secs.unwrap_or(1),
            }
        } else if error_drawn {
            InjectedAnswer::ServerError {
                status: self.faults.status_5xx.unwrap_or(503),
            }
        } else {
            InjectedAnswer::Handle
        };
        Some(FaultDecision {
            latency: self
                .faults
                .latency_ms
                .filter(|ms| *ms > 0)
                .map(Duration::from_millis),
            advance_clock_secs: self.faults.advance_clock_secs.filter(|secs| *secs > 0),
            answer,
            truncate: every(self.faults.truncate_every),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(faults: Faults, path: &str, count: usize) -> Vec<InjectedAnswer> {
        let mut injector = FaultInjector::new(faults);
        (0..count)
            .map(|_| {
                injector
                    .decide(path)
                    .map_or(InjectedAnswer::Handle, |d| d.answer)
            })
            .collect()
    }

    #[test]
    fn every_third_request_is_rate_limited() {
        let faults = Faults {
            rate_limit_every: Some(3),
            retry_after_secs: Some(7),
            ..Faults::default()
        };
        let limited: Vec<usize> = answers(faults, "/platform/v1/apps", 9)
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                matches!(
                    a,
                    InjectedAnswer::RateLimited {
                        retry_after_secs: 7
                    }
                )
            })
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(limited, vec![3, 6, 9]);
    }

    #[test]
    fn the_error_rate_is_roughly_honoured_and_the_same_on_every_run() {
        let faults = Faults {
            error_rate: Some(0.25),
            ..Faults::default()
        };
        let first = answers(faults.clone(), "/oauth/token", 400);
        let errors = first
            .iter()
            .filter(|a| matches!(a, InjectedAnswer::ServerError { status: 503 }))
            .count();
        assert!((60..=140).contains(&errors), "{errors} errors out of 400");
        assert_eq!(first, answers(faults, "/oauth/token", 400));
    }

    #[test]
    fn a_draw_at_rate_one_always_hits_at_zero_never_and_seeds_give_different_sequences() {
        let mut draws = FaultDraws::new(3);
        assert!((0..1000).all(|_| draws.chance(1.0)));
        assert!((0..1000).all(|_| !draws.chance(0.0)));
        let sequence = |seed| {
            let mut draws = FaultDraws::new(seed);
            (0..64).map(|_| draws.chance(0.5)).collect::<Vec<_>>()
        };
        assert_eq!(sequence(1), sequence(1));
        assert_ne!(sequence(1), sequence(2));
    }

    #[test]
    fn faults_apply_only_to_listed_prefixes_and_never_to_admin_paths() {
        let faults = Faults {
            error_rate: Some(1.0),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        };
        let mut injector = FaultInjector::new(faults);
        assert!(injector.decide("/platform/v1/apps/abc").is_some());
        assert!(injector.decide("/oauth/token").is_none());
        let everywhere = Faults {
            error_rate: Some(1.0),
            ..Faults::default()
        };
        assert!(FaultInjector::new(everywhere)
            .decide("/__admin/faults")
            .is_none());
    }

    #[test]
    fn out_of_range_settings_are_rejected_naming_the_field() {
        let bad = [
            Faults {
                error_rate: Some(1.5),
                ..Faults::default()
            },
            Faults {
                status_5xx: Some(404),
                ..Faults::default()
            },
            Faults {
                truncate_every: Some(0),
                ..Faults::default()
            },
        ];
        let fields = ["error_rate", "status_5xx", "truncate_every"];
        for (faults, field) in bad.iter().zip(fields) {
            assert!(faults.validate().unwrap_err().starts_with(field));
        }
    }
}
