//! Arguments of `nodes` (list, `--tree`), `nodes label`, `nodes unlabel` and `nodes export`.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};

use crate::cli::{ListOutputArgs, WriteArgs};

/// `kubectl twister2 nodes [COMMAND]`
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct NodesArgs {
    /// Label nodes, remove labels or export them; without a command, list the nodes.
    #[command(subcommand)]
    pub command: Option<NodesCommand>,

    /// Listing options (without a command).
    #[command(flatten)]
    pub show: ShowArgs,
}

/// The `nodes` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum NodesCommand {
    /// Set rack and datacenter labels: on the given nodes, or from a Twister2 config's
    /// racks.list and datacenters.list. Everything is checked before the first change.
    Label(LabelArgs),
    /// Remove rack and/or datacenter labels from the given nodes (or from all).
    Unlabel(UnlabelArgs),
    /// Print the current labels as a Twister2 config fragment (racks.list, datacenters.list),
    /// for `twister2.resource.kubernetes.node.locations.from.config: true`.
    Export(ExportArgs),
}

/// Which node label keys hold racks and datacenters.
#[derive(Debug, Clone, Default, Args)]
pub struct KeyArgs {
    /// Node label key of racks (default: the config's twister2.resource.rack.labey.key, else
    /// `rack`).
    #[arg(long, value_name = "KEY")]
    pub rack_key: Option<String>,

    /// Node label key of datacenters (default: the config's
    /// twister2.resource.datacenter.labey.key, else `datacenter`).
    #[arg(long, value_name = "KEY")]
    pub datacenter_key: Option<String>,

    /// A Twister2 config file (e.g. resource.yaml) to read the label keys from.
    #[arg(long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `nodes` without a command: the list or the tree.
#[derive(Debug, Clone, Default, Args)]
pub struct ShowArgs {
    /// Count Twister2 pods in every namespace (default: the current namespace).
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Draw datacenter → rack → node → Twister2 pods as a tree.
    #[arg(long, conflicts_with_all = ["output", "no_headers"])]
    pub tree: bool,

    /// Label keys.
    #[command(flatten)]
    pub keys: KeyArgs,

    /// Output flags.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

/// `nodes label`
#[derive(Debug, Clone, Args)]
#[command(group(
    ArgGroup::new("what")
        .args(["rack", "datacenter", "from_config"])
        .multiple(true)
        .required(true)
))]
pub struct LabelArgs {
    /// The rack to put the nodes in.
    #[arg(long, value_name = "RACK")]
    pub rack: Option<String>,

    /// The datacenter to put the nodes in.
    #[arg(long, value_name = "DATACENTER")]
    pub datacenter: Option<String>,

    /// Nodes by name, InternalIP, ExternalIP or hostname.
    #[arg(value_name = "NODE", required_unless_present = "from_config")]
    pub nodes: Vec<String>,

    /// Take racks and datacenters (and the label keys) from this Twister2 config file:
    /// twister2.resource.racks.list (rack → node addresses) and
    /// twister2.resource.datacenters.list (datacenter → racks).
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["rack", "datacenter", "nodes", "config"]
    )]
    pub from_config: Option<PathBuf>,

    /// Replace values that are already set (a different existing value is otherwise refused).
    #[arg(long)]
    pub overwrite: bool,

    /// Label keys.
    #[command(flatten)]
    pub keys: KeyArgs,

    /// `--dry-run` prints the plan; `-o` prints the nodes as changed.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `nodes unlabel`
#[derive(Debug, Clone, Args)]
pub struct UnlabelArgs {
    /// Remove the rack label (with neither --rack nor --datacenter: both).
    #[arg(long)]
    pub rack: bool,

    /// Remove the datacenter label (with neither --rack nor --datacenter: both).
    #[arg(long)]
    pub datacenter: bool,

    /// Nodes by name, InternalIP, ExternalIP or hostname.
    #[arg(value_name = "NODE", required_unless_present = "all")]
    pub nodes: Vec<String>,

    /// Every node that carries the label(s).
    #[arg(long, conflicts_with = "nodes")]
    pub all: bool,

    /// Label keys.
    #[command(flatten)]
    pub keys: KeyArgs,

    /// `--dry-run` prints the plan; `-o` prints the nodes as changed.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `nodes export`
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Label keys.
    #[command(flatten)]
    pub keys: KeyArgs,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, DryRun, ListFormat};

    use super::*;

    fn nodes(args: &[&str]) -> Result<NodesArgs, clap::Error> {
        let mut argv = vec!["kubectl-twister2", "nodes"];
        argv.extend(args);
        match Cli::try_parse_from(argv)?.command {
            Command::Nodes(n) => Ok(n),
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn listing_flags() {
        let n = nodes(&["-A", "--tree", "--rack-key", "example.com/rack"]).unwrap();
        assert!(n.command.is_none());
        assert!(n.show.all_namespaces && n.show.tree);
        assert_eq!(n.show.keys.rack_key.as_deref(), Some("example.com/rack"));
        let n = nodes(&["-o", "json"]).unwrap();
        assert_eq!(n.show.output.output, ListFormat::Json);
        assert!(nodes(&["--tree", "-o", "json"]).is_err());
    }

    #[test]
    fn label_needs_something_to_set_and_nodes() {
        let n = nodes(&[
            "label",
            "--rack",
            "r1",
            "--datacenter",
            "d1",
            "node-0",
            "10.0.0.2",
        ])
        .unwrap();
        let Some(NodesCommand::Label(l)) = n.command else {
            panic!("not label")
        };
        assert_eq!(l.rack.as_deref(), Some("r1"));
        assert_eq!(l.nodes, ["node-0", "10.0.0.2"]);
        let n = nodes(&[
            "label",
            "--from-config",
            "r.yaml",
            "--dry-run",
            "--overwrite",
        ])
        .unwrap();
        let Some(NodesCommand::Label(l)) = n.command else {
            panic!("not label")
        };
        assert_eq!(l.write.dry_run, DryRun::Client);
        assert!(l.overwrite);
        assert!(nodes(&["label", "node-0"]).is_err(), "nothing to set");
        assert!(nodes(&["label", "--rack", "r1"]).is_err(), "no nodes");
        assert!(
            nodes(&["label", "--from-config", "r.yaml", "node-0"]).is_err(),
            "lists and nodes"
        );
        assert!(
            nodes(&["label", "--from-config", "r.yaml", "--config", "k.yaml"]).is_err(),
            "two config files"
        );
    }

    #[test]
    fn unlabel_and_export() {
        let n = nodes(&["unlabel", "--all", "--rack"]).unwrap();
        let Some(NodesCommand::Unlabel(u)) = n.command else {
            panic!("not unlabel")
        };
        assert!(u.all && u.rack && !u.datacenter);
        assert!(nodes(&["unlabel"]).is_err());
        assert!(nodes(&["unlabel", "--all", "node-0"]).is_err());
        let n = nodes(&["export", "--datacenter-key", "dc"]).unwrap();
        let Some(NodesCommand::Export(e)) = n.command else {
            panic!("not export")
        };
        assert_eq!(e.keys.datacenter_key.as_deref(), Some("dc"));
    }
}
