//! Arguments of `kubectl twister2 logs JOBID|--last`.

// The doc comments below are clap's --help text, written for a terminal (`[,scalable]`,
// `worker<ID>.log`), not rustdoc markup.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::cli::parse_duration;
use crate::output::terminal::ColorChoice;

/// `kubectl twister2 logs JOBID|--last [options]`
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:
  kubectl twister2 logs u-hello-36cz77mu               every pod and container, once
  kubectl twister2 logs --last -f                      follow the last submitted job until it ends
  kubectl twister2 logs JOBID -f --worker 0-3 --worker 7
  kubectl twister2 logs JOBID --job-master --tail 100 --timestamps
  kubectl twister2 logs JOBID -f --save ~/.twister2/JOBID   files as Twister2's client writes them
  kubectl twister2 logs JOBID --files                  the log files inside the pods")]
pub struct LogsArgs {
    /// The job whose logs to read.
    #[arg(value_name = "JOBID", required_unless_present = "last")]
    pub job_id: Option<String>,

    /// The job this plugin submitted last.
    #[arg(long, conflicts_with = "job_id")]
    pub last: bool,

    /// Keep following: new pods, restarted containers and dropped streams, until the job ends
    /// (its ConfigMap is gone) or Ctrl-C.
    #[arg(short = 'f', long)]
    pub follow: bool,

    /// Only these workers: an ID or a range FROM-TO (repeatable, or comma-separated).
    #[arg(
        long = "worker",
        value_name = "ID|FROM-TO",
        value_delimiter = ',',
        value_parser = parse_worker_range
    )]
    pub workers: Vec<RangeInclusive<u32>>,

    /// Only the job master (with --worker: the job master and those workers).
    #[arg(long)]
    pub job_master: bool,

    /// Only containers with this name (e.g. twister2-container-1).
    #[arg(short = 'c', long, value_name = "NAME")]
    pub container: Option<String>,

    /// Only lines newer than this (e.g. 30s, 5m, 1h).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, conflicts_with = "since_time")]
    pub since: Option<Duration>,

    /// Only lines at or after this time (RFC 3339, e.g. 2025-01-31T12:00:00Z).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub since_time: Option<jiff::Timestamp>,

    /// Lines of each container's existing log to show: -1 for all (default: all, or 10 with -f).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub tail: Option<i64>,

    /// Start each line with the time the API server recorded for it.
    #[arg(long)]
    pub timestamps: bool,

    /// The previous instance of each container (with -f: restarted containers' previous
    /// instance first, then the current one).
    #[arg(short = 'p', long)]
    pub previous: bool,

    /// Do not start lines with their source (worker-7, job-master).
    #[arg(long, conflicts_with = "save")]
    pub no_prefix: bool,

    /// Colour the prefixes: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, conflicts_with = "save")]
    pub color: ColorChoice,

    /// Most log streams open at once; more containers are read as streams end.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_concurrency: usize,

    /// Write one file per container instance into DIR, named as Twister2's client names them
    /// (worker<ID>-ip<podIP>-0.log, job-master-ip<podIP>-0.log; older instances -1, -2, …),
    /// instead of printing.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,

    /// Fetch the log files Twister2 writes inside the pods (/twister2-volatile/logs or
    /// /persistent/logs) through exec.
    #[arg(
        long,
        conflicts_with_all = ["follow", "previous", "since", "since_time", "tail", "timestamps"]
    )]
    pub files: bool,

    /// With -f: give up when no pod of the job appeared within this time (e.g. 2m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "follow")]
    pub timeout: Option<Duration>,
}

/// `7` or `0-3`.
pub fn parse_worker_range(text: &str) -> Result<RangeInclusive<u32>, String> {
    let bad = || format!("invalid worker {text:?}: use an ID such as 7 or a range such as 0-3");
    let text = text.trim();
    let number = |s: &str| {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<u32>().map_err(|_| bad())
    };
    match text.split_once('-') {
        Some((from, to)) => {
            let (from, to) = (number(from)?, number(to)?);
            if from > to {
                return Err(format!(
                    "invalid worker range {text:?}: {from} is greater than {to}"
                ));
            }
            Ok(from..=to)
        }
        None => {
            let id = number(text)?;
            Ok(id..=id)
        }
    }
}

/// An RFC 3339 time.
pub fn parse_time(text: &str) -> Result<jiff::Timestamp, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("invalid time {text:?}: use RFC 3339, e.g. 2025-01-31T12:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<LogsArgs, clap::Error> {
        let mut all = vec!["kubectl-twister2", "logs"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all)?.command {
            Command::Logs(args) => Ok(args),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn worker_ranges() {
        assert_eq!(parse_worker_range("7"), Ok(7..=7));
        assert_eq!(parse_worker_range("0-3"), Ok(0..=3));
        for bad in ["", "-1", "a", "3-1", "1-", "1-2-3", "99999999999"] {
            assert!(parse_worker_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flags_parse_like_kubectl() {
        let a = parse(&[
            "j-1",
            "-f",
            "--worker",
            "0-3,7",
            "--worker",
            "9",
            "--tail",
            "-1",
            "-p",
            "-c",
            "twister2-container-1",
            "--since",
            "5m",
            "--timeout",
            "30s",
        ])
        .unwrap();
        assert_eq!(a.job_id.as_deref(), Some("j-1"));
        assert!(a.follow && a.previous);
        assert_eq!(a.workers, vec![0..=3, 7..=7, 9..=9]);
        assert_eq!(a.tail, Some(-1));
        assert_eq!(a.since, Some(Duration::from_secs(300)));
        assert_eq!(a.container.as_deref(), Some("twister2-container-1"));
        assert_eq!(a.max_concurrency, 64);
        assert_eq!(a.color, ColorChoice::Auto);
        let t = parse(&["--last", "--since-time", "2025-01-31T12:00:00Z"]).unwrap();
        assert!(t.last && t.job_id.is_none());
        assert_eq!(t.since_time, Some("2025-01-31T12:00:00Z".parse().unwrap()));
    }

    #[test]
    fn contradictions_are_usage_errors() {
        for bad in [
            vec![],
            vec!["j", "--last"],
            vec!["j", "--since", "1m", "--since-time", "2025-01-31T12:00:00Z"],
            vec!["j", "--files", "-f"],
            vec!["j", "--files", "--tail", "3"],
            vec!["j", "--save", "d", "--no-prefix"],
            vec!["j", "--save", "d", "--color", "always"],
            vec!["j", "--timeout", "1m"],
            vec!["j", "--since-time", "yesterday"],
        ] {
            assert!(parse(&bad).is_err(), "{bad:?} should be refused");
        }
        assert!(parse(&["j", "--save", "d"]).is_ok());
    }
}
