//! What a logs run is asked to do: which sources, which part of each log, and where lines go.
//! Plain data shared by `kubectl twister2 logs` and `submit --follow`.

use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

/// Most log streams open at once when nothing else is said.
pub const DEFAULT_MAX_CONCURRENCY: usize = 64;

/// Lines kept per container when following and no `--tail` was given (kubectl's default for
/// several pods).
pub const FOLLOW_DEFAULT_TAIL: i64 = 10;

/// Which sources (job master, workers, containers) to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Worker IDs wanted (`--worker 7`, `--worker 0-3`); empty = no worker filter.
    pub workers: Vec<RangeInclusive<u32>>,
    /// Whether the job master is wanted (`--job-master`).
    pub job_master: bool,
    /// Only containers with this name (`--container`).
    pub container: Option<String>,
}

impl Selection {
    /// Whether neither `--worker` nor `--job-master` narrows the roles.
    pub fn all_roles(&self) -> bool {
        self.workers.is_empty() && !self.job_master
    }

    /// Whether worker `id` was asked for by `--worker`.
    pub fn names_worker(&self, id: u32) -> bool {
        self.workers.iter().any(|r| r.contains(&id))
    }
}

/// How much of each log to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tail {
    /// kubectl's default: every line without `-f`, the last [`FOLLOW_DEFAULT_TAIL`] with `-f`.
    #[default]
    Default,
    /// Every line.
    All,
    /// The last N lines.
    Last(u32),
}

impl Tail {
    /// `tailLines` for a request, given whether the run follows.
    pub fn lines(self, follow: bool) -> Option<i64> {
        match self {
            Tail::Default if follow => Some(FOLLOW_DEFAULT_TAIL),
            Tail::Default | Tail::All => None,
            Tail::Last(n) => Some(i64::from(n)),
        }
    }
}

/// `--since` / `--since-time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Lines newer than this long ago (`sinceSeconds`).
    Ago(Duration),
    /// Lines at or after this time (`sinceTime`).
    Time(jiff::Timestamp),
}

/// Where lines go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// stdout, one writer, each line whole.
    Print {
        /// Start each line with its source (`[worker-7] `).
        prefix: bool,
        /// Colour the prefix (a stable colour per source).
        color: bool,
    },
    /// One file per source instance in this directory, in Twister2's client-side layout;
    /// nothing on stdout.
    Save(PathBuf),
}

/// Everything a logs run needs besides the cluster and the job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogOptions {
    /// Keep following (new pods, restarts, resumed streams) until the job ends or a stop.
    pub follow: bool,
    /// Which sources.
    pub selection: Selection,
    /// How many lines of the logs that already exist.
    pub tail: Tail,
    /// Only lines since then.
    pub since: Option<Since>,
    /// Keep the API server's RFC 3339 timestamp in front of each line.
    pub timestamps: bool,
    /// Without `follow`: the previous instance of each container instead of the current one.
    /// With `follow`: the previous instance of restarted containers first, then the current.
    pub previous: bool,
    /// Most log streams (and exec sessions) open at once; more sources wait for a free slot.
    pub max_concurrency: usize,
    /// Where lines go.
    pub destination: Destination,
    /// With `follow`: give up when no pod of the job appeared within this time.
    pub wait_timeout: Option<Duration>,
    /// How long streams that are still open may drain once the job has ended.
    pub end_grace: Duration,
}

impl Default for LogOptions {
    /// Every source, printed with prefixes (no colour), kubectl's tail default, no time limit.
    fn default() -> Self {
        LogOptions {
            follow: false,
            selection: Selection::default(),
            tail: Tail::Default,
            since: None,
            timestamps: false,
            previous: false,
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            destination: Destination::Print {
                prefix: true,
                color: false,
            },
            wait_timeout: None,
            end_grace: Duration::from_secs(2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_defaults_follow_kubectl() {
        assert_eq!(Tail::Default.lines(false), None);
        assert_eq!(Tail::Default.lines(true), Some(10));
        assert_eq!(Tail::All.lines(true), None);
        assert_eq!(Tail::Last(3).lines(false), Some(3));
        assert_eq!(Tail::Last(0).lines(true), Some(0));
    }

    #[test]
    fn selection_roles() {
        let mut s = Selection::default();
        assert!(s.all_roles());
        s.workers = vec![0..=3, 7..=7];
        assert!(!s.all_roles());
        assert!(s.names_worker(2) && s.names_worker(7));
        assert!(!s.names_worker(4));
        let jm = Selection {
            job_master: true,
            ..Selection::default()
        };
        assert!(!jm.all_roles());
    }
}
