//! `kubectl twister2 logs JOBID|--last`: arguments checked before any cluster call, turned into
//! [`LogOptions`], then read once, followed (until the job ends or Ctrl-C, both exit 0), or the
//! in-pod log files fetched.

use std::io::IsTerminal;

use anyhow::Result;

use crate::cli::GlobalArgs;
use crate::cli::logs::LogsArgs;
use crate::cluster::logs::{self, Destination, LogOptions, Selection, Since, Tail};
use crate::cluster::{self};
use crate::commands::kill::check_job_ids;
use crate::exit::usage;
use crate::output::terminal::use_color;
use crate::state;

/// The options a command line asks for; usage errors for values clap cannot check.
pub fn options(args: &LogsArgs, stdout_is_tty: bool) -> Result<LogOptions> {
    let tail = match args.tail {
        None => Tail::Default,
        Some(-1) => Tail::All,
        Some(n) if n >= 0 => Tail::Last(u32::try_from(n).unwrap_or(u32::MAX)),
        Some(n) => {
            return Err(usage(format!(
                "--tail {n}: give a number of lines, or -1 for all of them"
            )));
        }
    };
    let since = match (args.since, args.since_time) {
        (Some(d), _) if d.is_zero() => {
            return Err(usage("--since must be greater than 0 (e.g. 30s, 5m, 1h)"));
        }
        (Some(d), _) => Some(Since::Ago(d)),
        (None, Some(t)) => Some(Since::Time(t)),
        (None, None) => None,
    };
    if args.max_concurrency == 0 {
        return Err(usage("--max-concurrency must be at least 1"));
    }
    let destination = match &args.save {
        Some(dir) => Destination::Save(dir.clone()),
        None => Destination::Print {
            prefix: !args.no_prefix,
            color: use_color(args.color, stdout_is_tty),
        },
    };
    Ok(LogOptions {
        follow: args.follow,
        selection: Selection {
            workers: args.workers.clone(),
            job_master: args.job_master,
            container: args.container.clone(),
        },
        tail,
        since,
        timestamps: args.timestamps,
        previous: args.previous,
        max_concurrency: args.max_concurrency,
        destination,
        wait_timeout: args.timeout,
        ..LogOptions::default()
    })
}

/// Run `logs`.
pub async fn run(global: &GlobalArgs, args: &LogsArgs) -> Result<()> {
    let options = options(args, std::io::stdout().is_terminal())?;
    let job_id = match &args.job_id {
        Some(id) => id.clone(),
        None => state::last_job()?,
    };
    check_job_ids(std::slice::from_ref(&job_id))?;
    if args.files {
        let cluster = cluster::connect(global).await?;
        return logs::fetch_files(&cluster, &job_id, &options, Box::new(std::io::stdout())).await;
    }
    if !args.follow {
        // A plain read is interrupted the usual way: Ctrl-C ends the process.
        let cluster = cluster::connect(global).await?;
        return logs::run(
            &cluster,
            &job_id,
            &options,
            Box::new(std::io::stdout()),
            std::future::pending(),
        )
        .await;
    }
    // Ctrl-C, SIGTERM and SIGHUP end following cleanly (exit 0).
    let stop = crate::signals::interrupted();
    let cluster = cluster::connect(global).await?;
    logs::run(
        &cluster,
        &job_id,
        &options,
        Box::new(std::io::stdout()),
        async move {
            stop.await;
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn args(list: &[&str]) -> LogsArgs {
        let mut all = vec!["kubectl-twister2", "logs"];
        all.extend_from_slice(list);
        match Cli::try_parse_from(all).unwrap().command {
            Command::Logs(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_from_flags() {
        let o = options(&args(&["j", "-f", "--tail", "-1", "--worker", "2"]), false).unwrap();
        assert!(o.follow);
        assert_eq!(o.tail, Tail::All);
        assert_eq!(o.selection.workers, vec![2..=2]);
        assert_eq!(
            o.destination,
            Destination::Print {
                prefix: true,
                color: false
            }
        );
        let o = options(
            &args(&["j", "--tail", "5", "--no-prefix", "--color", "always"]),
            false,
        )
        .unwrap();
        assert_eq!(o.tail, Tail::Last(5));
        assert_eq!(
            o.destination,
            Destination::Print {
                prefix: false,
                color: true
            }
        );
        let o = options(&args(&["j", "--save", "out"]), true).unwrap();
        assert_eq!(o.destination, Destination::Save("out".into()));
        assert_eq!(o.tail, Tail::Default);
        let o = options(&args(&["j", "--since", "90s"]), false).unwrap();
        assert_eq!(
            o.since,
            Some(Since::Ago(std::time::Duration::from_secs(90)))
        );
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for bad in [
            vec!["j", "--tail", "-2"],
            vec!["j", "--since", "0"],
            vec!["j", "--max-concurrency", "0"],
        ] {
            let error = options(&args(&bad), false).unwrap_err();
            assert_eq!(crate::exit::code_for(&error), 2, "{bad:?}");
        }
    }
}
