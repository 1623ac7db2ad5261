//! Gives the memory a burst of work freed back to the system once the app goes quiet.
//!
//! A sync of a large directory (the platform's answer, the embedded sandbox serving it,
//! the cache written) allocates tens of MiB on the runtime's threads and frees them
//! again, but glibc keeps freed pages in its per-thread arenas: the console idled ~15 MiB
//! (PSS) heavier after a 1,000-app sync than before it (issue 21's memory benchmark).
//! Every command pokes [`AFTER_COMMANDS`] when it finishes; once no command has finished
//! for [`QUIET`], `malloc_trim(0)` hands the free pages of every arena back (about a
//! millisecond, on a blocking thread).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How long no command must have finished before the app trims.
pub const QUIET: Duration = Duration::from_secs(2);

/// The trim after commands.
pub static AFTER_COMMANDS: Quiet = Quiet::new(QUIET, release_free_memory);

/// Runs `action` once `period` has passed since the last [`Quiet::poke`]: a burst of
/// pokes makes one run, after its last poke.
pub struct Quiet {
    period: Duration,
    action: fn(),
    last_poke: Mutex<Option<Instant>>,
    armed: AtomicBool,
}

impl Quiet {
    pub const fn new(period: Duration, action: fn()) -> Self {
        Self {
            period,
            action,
            last_poke: Mutex::new(None),
            armed: AtomicBool::new(false),
        }
    }

    /// Something just finished: (re)starts the wait. Called within the Tokio runtime
    /// (the commands run on it).
    pub fn poke(&'static self) {
        *self.last_poke.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        if self.armed.swap(true, Ordering::AcqRel) {
            return; // The waiting task will see the new poke.
        }
        tokio::spawn(async move {
            loop {
                let last = *self.last_poke.lock().unwrap_or_else(|e| e.into_inner());
                let due = last.unwrap_or_else(Instant::now) + self.period;
                if Instant::now() >= due {
                    break;
                }
                tokio::time::sleep_until(due).await;
            }
            // Disarmed before the action: a poke from here on arms a new wait.
            self.armed.store(false, Ordering::Release);
            let _ = tokio::task::spawn_blocking(self.action).await;
        });
    }
}

/// Returns the allocator's free pages to the system (glibc only; elsewhere nothing).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    static RUNS: AtomicUsize = AtomicUsize::new(0);
    fn count() {
        RUNS.fetch_add(1, Ordering::SeqCst);
    }
    static QUIET_TEST: Quiet = Quiet::new(Duration::from_millis(300), count);

    #[test]
    fn a_burst_of_pokes_runs_the_action_once_after_the_burst_has_been_quiet_for_the_period() {
        // Tokio's paused clock: the waits are exact, whatever else the machine is doing.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..5 {
                QUIET_TEST.poke();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            // The last poke was at 400 ms: nothing runs before 700 ms.
            tokio::time::sleep_until(started + Duration::from_millis(690)).await;
            assert_eq!(
                RUNS.load(Ordering::SeqCst),
                0,
                "ran during or right after the burst"
            );
            tokio::time::sleep_until(started + Duration::from_millis(710)).await;
            assert_eq!(
                RUNS.load(Ordering::SeqCst),
                1,
                "runs 300 ms after the last poke"
            );
            tokio::time::sleep(Duration::from_secs(2)).await;
            assert_eq!(RUNS.load(Ordering::SeqCst), 1, "one run per burst");

            // A later poke arms a new wait.
            QUIET_TEST.poke();
            tokio::time::sleep(Duration::from_millis(310)).await;
            assert_eq!(RUNS.load(Ordering::SeqCst), 2);
        });
    }
}
