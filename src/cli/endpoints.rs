//! Arguments of `kubectl twister2 endpoints`.

use clap::{Args, ValueEnum};

use crate::cli::ListOutputArgs;

/// `kubectl twister2 endpoints [JOBID...] [-A] [--address-type TYPE] [--all-services] [--check]`
#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
kubectl twister2 endpoints                      # every exposed job of the namespace\n  \
kubectl twister2 endpoints u-wc-1a2b3c -o name  # host:port lines for scripts\n  \
kubectl twister2 endpoints -A --check           # every namespace, with a TCP probe each\n  \
kubectl twister2 endpoints --all-services       # also the dashboard, uploader and ZooKeeper")]
pub struct EndpointsArgs {
    /// Only these jobs (default: every job in the namespace, whichever client submitted it).
    #[arg(value_name = "JOBID")]
    pub job_ids: Vec<String>,

    /// List the endpoints of every namespace.
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Node address on NodePort rows (default: ExternalIP when the node has one, else
    /// InternalIP).
    #[arg(long, value_enum, value_name = "TYPE")]
    pub address_type: Option<AddressTypeArg>,

    /// Also list the services setup created (dashboard, uploader, ZooKeeper): cluster DNS name,
    /// NodePort if any, and the `kubectl proxy` URL of the dashboard.
    #[arg(long)]
    pub all_services: bool,

    /// Probe every TCP endpoint with a connect (concurrent, each limited by --request-timeout,
    /// 5s when none is set) and add REACHABLE and LATENCY; with -o name, print only reachable
    /// endpoints.
    #[arg(long)]
    pub check: bool,

    /// Output flags.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

/// `--address-type`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AddressTypeArg {
    /// The node's ExternalIP (nodes without one are left out).
    External,
    /// The node's InternalIP.
    Internal,
    /// The node's Hostname address.
    Hostname,
}
