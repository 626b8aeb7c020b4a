//! Progress on stderr: indicatif bars and spinners on a terminal; on anything else, plain lines
//! only when something changes (so logs of CI runs stay readable), and nothing on stdout.

use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::terminal;

/// A set of progress lines, one per thing being waited for.
#[derive(Debug, Clone)]
pub struct Progress {
    multi: Option<MultiProgress>,
}

/// One line of a [`Progress`].
#[derive(Debug, Clone)]
pub struct Line {
    bar: Option<ProgressBar>,
    prefix: String,
    last: std::sync::Arc<std::sync::Mutex<Printed>>,
}

/// What a plain (non-terminal) line last printed, and when.
#[derive(Debug, Default)]
struct Printed {
    text: String,
    at: Option<std::time::Instant>,
}

/// Without a terminal, a changing line is printed at most this often (its final state always).
const PLAIN_INTERVAL: Duration = Duration::from_secs(2);

impl Progress {
    /// Bars on a terminal, plain change lines otherwise.
    pub fn new() -> Self {
        Self::with_tty(terminal::stderr_is_tty())
    }

    /// Force the mode (tests).
    pub fn with_tty(tty: bool) -> Self {
        Self {
            multi: tty.then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())),
        }
    }

    /// A spinner line named `prefix` (e.g. the StatefulSet).
    pub fn line(&self, prefix: &str) -> Line {
        let bar = self.multi.as_ref().map(|multi| {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix:.bold} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(prefix.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Line {
            bar,
            prefix: prefix.to_string(),
            last: Default::default(),
        }
    }

    /// Print a message above the bars (or as a plain stderr line).
    pub fn println(&self, message: &str) {
        match &self.multi {
            Some(multi) => {
                let _ = multi.println(message);
            }
            None => eprintln!("{message}"),
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}

impl Line {
    /// Update the line; without a terminal, print it when it changed, at most every 2 s.
    pub fn set(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(message.to_string()),
            None => self.print_plain(message, false),
        }
    }

    /// A discrete step (e.g. "signal sent", "deleting leftovers"): replaces the line on a
    /// terminal, and is always printed elsewhere (unlike [`Line::set`]'s throttled counts).
    pub fn step(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(message.to_string()),
            None => self.print_plain(message, true),
        }
    }

    /// Finish the line with a final message (always printed).
    pub fn finish(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.finish_with_message(message.to_string()),
            None => self.print_plain(message, true),
        }
    }

    fn print_plain(&self, message: &str, always: bool) {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        if should_print(&last, message, always, now) {
            eprintln!("{}: {message}", self.prefix);
            last.text = message.to_string();
            last.at = Some(now);
        }
    }
}

/// Whether a plain line prints `message`: only a change, and a routine update only when the
/// previous print is at least [`PLAIN_INTERVAL`] old.
fn should_print(last: &Printed, message: &str, always: bool, now: std::time::Instant) -> bool {
    let due = last
        .at
        .is_none_or(|at| now.duration_since(at) >= PLAIN_INTERVAL);
    last.text != message && (always || due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn plain_lines_print_changes_throttled_and_steps_always() {
        let start = Instant::now();
        let never = Printed::default();
        assert!(should_print(&never, "1/4 running", false, start));
        let printed = Printed {
            text: "1/4 running".into(),
            at: Some(start),
        };
        assert!(
            !should_print(&printed, "1/4 running", true, start),
            "no repeats"
        );
        assert!(
            !should_print(&printed, "2/4 running", false, start),
            "throttled"
        );
        assert!(
            should_print(&printed, "2/4 running", true, start),
            "steps and finals always"
        );
        let later = start + PLAIN_INTERVAL;
        assert!(should_print(&printed, "3/4 running", false, later));
    }
}
