//! Command-line definitions: kubectl's global flags, the output flags every command shares, and
//! the subcommands. Parsing only; nothing here touches the cluster or the terminal.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod complete;
pub mod endpoints;
pub mod jobs;
pub mod logs;
pub mod nodes;
pub mod setup;

/// Run Twister2 jobs on Kubernetes: set up a namespace, submit, watch, expose and kill jobs.
#[derive(Debug, Parser)]
#[command(
    name = "kubectl-twister2",
    bin_name = "kubectl twister2",
    about = "Run Twister2 jobs on Kubernetes",
    long_about = "Run Twister2 jobs on Kubernetes: prepare a namespace (RBAC, OpenMPI SSH secret, \
ZooKeeper, dashboard, job-package uploader), submit jobs compatible with Twister2's own client, \
follow their logs, list how to reach them, and kill them.",
    disable_version_flag = true,
    propagate_version = false
)]
pub struct Cli {
    /// kubectl's global flags, accepted after any subcommand.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Submit a Twister2 job: create its objects, deliver its package, wait until it runs.
    Submit(Box<jobs::SubmitArgs>),
    /// Restart a checkpointed job from its saved package (same jobID, RESTORE_JOB=true).
    Restart(jobs::RestartArgs),
    /// Remove ended jobs' saved packages and kept persistent volume claims.
    Clear(jobs::ClearArgs),
    /// List Twister2 jobs (including jobs submitted by Twister2's own client).
    #[command(visible_alias = "list")]
    Jobs(jobs::JobsArgs),
    /// Show a job's objects, pods, compute resources, configuration and recent events.
    Describe(jobs::DescribeArgs),
    /// Kill Twister2 jobs: ask each job master to end its job, then delete what is left.
    Kill(jobs::KillArgs),
    /// Read or follow a job's logs: every pod and container, each line prefixed by its source.
    Logs(logs::LogsArgs),
    /// List how to reach jobs' workers from outside: NodePorts, load balancers, Ingresses.
    Endpoints(endpoints::EndpointsArgs),
    /// Prepare a namespace: RBAC, OpenMPI SSH Secret, ZooKeeper, dashboard, uploader.
    Setup(setup::SetupArgs),
    /// Open the Twister2 dashboard on a local port (native port-forward).
    Dashboard(setup::DashboardArgs),
    /// Nodes' racks and datacenters: list, draw as a tree, label, unlabel, export.
    Nodes(nodes::NodesArgs),
    /// Print the plugin version and, unless --client, the API server's version.
    Version(VersionArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completion(CompletionArgs),
    /// Answer kubectl's plugin completion (run by `kubectl_complete-twister2`).
    #[command(name = complete::SUBCOMMAND, hide = true)]
    Complete(complete::CompleteArgs),
}

/// kubectl's global flags (genericclioptions), in the spelling kubectl users type.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file to use (only this file; KUBECONFIG is ignored).
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Cluster access"
    )]
    pub kubeconfig: Option<PathBuf>,

    /// The name of the kubeconfig context to use.
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help_heading = "Cluster access"
    )]
    pub context: Option<String>,

    /// The name of the kubeconfig cluster to use.
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help_heading = "Cluster access"
    )]
    pub cluster: Option<String>,

    /// The name of the kubeconfig user to use.
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help_heading = "Cluster access"
    )]
    pub user: Option<String>,

    /// The namespace to work in (default: the context's namespace, else "default").
    #[arg(
        short = 'n',
        long,
        global = true,
        value_name = "NAMESPACE",
        help_heading = "Cluster access"
    )]
    pub namespace: Option<String>,

    /// Username to impersonate for the operation.
    #[arg(
        long = "as",
        global = true,
        value_name = "USER",
        help_heading = "Cluster access"
    )]
    pub as_user: Option<String>,

    /// Group to impersonate for the operation (repeatable).
    #[arg(
        long = "as-group",
        global = true,
        value_name = "GROUP",
        help_heading = "Cluster access"
    )]
    pub as_group: Vec<String>,

    /// How long to wait for a single API request before giving up (e.g. 5s, 1m; 0 = no limit).
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        default_value = "0",
        value_parser = parse_request_timeout,
        help_heading = "Cluster access"
    )]
    pub request_timeout: RequestTimeout,

    /// Do not verify the API server's TLS certificate (insecure).
    #[arg(long, global = true, help_heading = "Cluster access")]
    pub insecure_skip_tls_verify: bool,

    /// Log every API request (method, path, status, latency) to stderr; -v=8 adds headers
    /// with credentials redacted.
    #[arg(
        short = 'v',
        long = "verbose",
        global = true,
        value_name = "LEVEL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "6",
        help_heading = "Cluster access"
    )]
    pub verbose: Option<u8>,
}

/// A per-request time limit; `None` means no limit (kubectl's `0`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestTimeout(pub Option<Duration>);

/// `--request-timeout`: kubectl accepts `0`, a bare integer of seconds, or a Go duration.
pub fn parse_request_timeout(text: &str) -> Result<RequestTimeout, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(RequestTimeout(
            (seconds > 0).then(|| Duration::from_secs(seconds)),
        ));
    }
    let duration = parse_duration(text)?;
    Ok(RequestTimeout((!duration.is_zero()).then_some(duration)))
}

/// Parse a Go/kubectl duration such as `300ms`, `5s`, `1m30s`, `1.5h`, `2h45m` (units required,
/// except for a bare `0`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!("invalid duration {text:?}: use a number with a unit, e.g. 30s, 5m, 1h30m, 500ms")
    };
    let text = text.trim();
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    if text.is_empty() || text.starts_with('-') {
        return Err(bad());
    }
    let mut rest = text.strip_prefix('+').unwrap_or(text);
    let mut total = 0f64;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        if number_len == 0 {
            return Err(bad());
        }
        let number: f64 = rest[..number_len].parse().map_err(|_| bad())?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        rest = &rest[unit_len..];
        total += number * seconds_per_unit;
    }
    if !total.is_finite() || total > 1e12 {
        return Err(bad());
    }
    Ok(Duration::from_secs_f64(total))
}

/// Output format of a command that prints objects it writes (`--dry-run`, `-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WriteFormat {
    /// YAML documents.
    Yaml,
    /// JSON (a `List` when there are several objects).
    Json,
    /// `kind/name`, one per line.
    Name,
}

/// Output format of a command that lists things (defined with the rendering).
pub use crate::output::document::ListFormat;

/// Output flags of every listing command.
#[derive(Debug, Clone, Default, Args)]
pub struct ListOutputArgs {
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = ListFormat::Table)]
    pub output: ListFormat,

    /// Do not print the header row of tables.
    #[arg(long)]
    pub no_headers: bool,
}

/// Where a write goes: kubectl's `--dry-run` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DryRun {
    /// Write to the cluster.
    #[default]
    None,
    /// Render locally; contact no cluster.
    Client,
    /// Send to the server with dryRun=All; nothing is persisted.
    Server,
}

/// `--dry-run` and `-o` of every command that writes.
#[derive(Debug, Clone, Default, Args)]
pub struct WriteArgs {
    /// Only print what would be written (client: render locally; server: the server validates).
    #[arg(long, value_enum, value_name = "MODE", num_args = 0..=1, require_equals = true, default_value_t = DryRun::None, default_missing_value = "client")]
    pub dry_run: DryRun,

    /// Print the objects written (or that would be written) in this format.
    #[arg(short = 'o', long = "output", value_enum)]
    pub output: Option<WriteFormat>,
}

/// `kubectl twister2 version`
#[derive(Debug, Clone, Args)]
pub struct VersionArgs {
    /// Print only the plugin's version; do not contact the cluster.
    #[arg(long)]
    pub client: bool,

    /// Output format (default: human-readable lines).
    #[arg(short = 'o', long = "output", value_enum)]
    pub output: Option<StructuredFormat>,
}

/// JSON or YAML, for commands whose output is one document (defined with the rendering).
pub use crate::output::document::StructuredFormat;

/// `kubectl twister2 completion SHELL`
#[derive(Debug, Clone, Args)]
pub struct CompletionArgs {
    /// The shell to generate the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_follow_kubectl() {
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("300ms"), Ok(Duration::from_millis(300)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        for bad in ["", "5", "-1s", "5x", "s", "1..5s", "1m-3s"] {
            assert!(parse_duration(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn request_timeout_accepts_bare_seconds_and_zero() {
        assert_eq!(parse_request_timeout("0"), Ok(RequestTimeout(None)));
        assert_eq!(
            parse_request_timeout("2"),
            Ok(RequestTimeout(Some(Duration::from_secs(2))))
        );
        assert_eq!(
            parse_request_timeout("2s"),
            Ok(RequestTimeout(Some(Duration::from_secs(2))))
        );
        assert_eq!(parse_request_timeout("0s"), Ok(RequestTimeout(None)));
        assert!(parse_request_timeout("soon").is_err());
    }

    #[test]
    fn global_flags_are_accepted_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "kubectl-twister2",
            "version",
            "--client",
            "-n",
            "jobs",
            "--as",
            "alice",
            "--as-group",
            "g1",
            "--as-group",
            "g2",
            "--request-timeout",
            "5s",
            "-v",
        ])
        .unwrap();
        assert_eq!(cli.global.namespace.as_deref(), Some("jobs"));
        assert_eq!(cli.global.as_user.as_deref(), Some("alice"));
        assert_eq!(cli.global.as_group, ["g1", "g2"]);
        assert_eq!(
            cli.global.request_timeout,
            RequestTimeout(Some(Duration::from_secs(5)))
        );
        assert_eq!(cli.global.verbose, Some(6));
    }

    #[test]
    fn verbose_takes_kubectl_levels() {
        let cli = Cli::try_parse_from(["kubectl-twister2", "version", "-v=8"]).unwrap();
        assert_eq!(cli.global.verbose, Some(8));
    }
}
