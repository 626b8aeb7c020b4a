//! Arguments of `setup auth|openmpi-secret|zookeeper|dashboard|uploader|all|status|remove` and
//! of `dashboard`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use crate::cli::{ListOutputArgs, WriteArgs, parse_duration};

// Defaults shown in --help; a test keeps them equal to the manifests' own constants.
const DEFAULT_SECRET_NAME: &str = "twister2-openmpi-ssh-key";
const DEFAULT_ZOOKEEPER_IMAGE: &str = "zookeeper:3.8.4";
const DEFAULT_DASHBOARD_IMAGE: &str = "twister2/twister2-k8s:0.8.0";
const DEFAULT_UPLOADER_IMAGE: &str = "nginx:1.27.3";

/// `kubectl twister2 setup COMMAND`
#[derive(Debug, Clone, Args)]
pub struct SetupArgs {
    /// What to set up, check or remove.
    #[command(subcommand)]
    pub command: SetupCommand,
}

/// The setup subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum SetupCommand {
    /// RBAC: Twister2's Role and RoleBinding for job pods, optionally a Role for submitting users.
    Auth(AuthArgs),
    /// The SSH key Secret OpenMPI jobs mount (generated in-process, or imported).
    #[command(name = "openmpi-secret")]
    OpenmpiSecret(OpenMpiSecretArgs),
    /// A ZooKeeper ensemble for fault-tolerant jobs.
    Zookeeper(ZookeeperArgs),
    /// The Twister2 dashboard (Service and StatefulSet).
    Dashboard(DashboardSetupArgs),
    /// The nginx web server job pods download their job package from.
    Uploader(UploaderArgs),
    /// auth, openmpi-secret and uploader in one go (--zookeeper and --dashboard add those).
    All(AllArgs),
    /// What is installed in the namespace, and whether it is ready.
    Status(StatusArgs),
    /// Delete what `setup` created (only objects labelled as managed by kubectl-twister2).
    Remove(RemoveArgs),
}

/// `--wait` and `--timeout` of the setup commands that start pods.
#[derive(Debug, Clone, Args)]
pub struct WaitArgs {
    /// Wait until the pods are ready, showing progress on stderr.
    #[arg(long)]
    pub wait: bool,

    /// How long --wait waits (e.g. 90s, 5m).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration, requires = "wait")]
    pub timeout: Duration,
}

/// `--storage-class` and `--storage-size`: persistence through volumeClaimTemplates.
#[derive(Debug, Clone, Default, Args)]
pub struct StorageArgs {
    /// StorageClass of the data volume(s); giving it (or --storage-size) turns persistence on.
    #[arg(long, value_name = "CLASS")]
    pub storage_class: Option<String>,

    /// Size of each data volume (e.g. 5Gi); giving it (or --storage-class) turns persistence on.
    #[arg(long, value_name = "SIZE")]
    pub storage_size: Option<String>,
}

/// `setup auth`
#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// Bind the job Role to this ServiceAccount instead of `default` (created if missing).
    #[arg(long, value_name = "NAME")]
    pub service_account: Option<String>,

    /// Bind the job Role to this group (repeatable); `system:authenticated` is what Twister2's
    /// own file does.
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Grant this user the rights submit, kill, jobs, logs and endpoints need (repeatable).
    #[arg(long = "submitter", value_name = "USER")]
    pub submitter_users: Vec<String>,

    /// Grant this group the submitter rights (repeatable).
    #[arg(long = "submitter-group", value_name = "GROUP")]
    pub submitter_groups: Vec<String>,

    /// Also let submitters list nodes (cluster-wide; for rack/datacenter info and endpoints).
    #[arg(long)]
    pub nodes: bool,

    /// With --nodes: also let submitters label nodes (`nodes label`).
    #[arg(long, requires = "nodes")]
    pub label_nodes: bool,

    /// Name of the OpenMPI Secret submitters may check (`kubernetes.secret.name`).
    #[arg(long, value_name = "NAME", default_value = DEFAULT_SECRET_NAME)]
    pub secret_name: String,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// SSH key algorithms `setup openmpi-secret` generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum KeyTypeArg {
    /// RSA 3072 (works with the old OpenSSH in Twister2's image).
    #[default]
    Rsa,
    /// Ed25519.
    Ed25519,
}

/// `setup openmpi-secret`
#[derive(Debug, Clone, Args)]
pub struct OpenMpiSecretArgs {
    /// Secret name; must match `kubernetes.secret.name` in the jobs' configuration.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_SECRET_NAME)]
    pub name: String,

    /// Type of the generated key.
    #[arg(long, value_enum, default_value_t = KeyTypeArg::Rsa, conflicts_with = "from_private_key")]
    pub key_type: KeyTypeArg,

    /// Import this private key (OpenSSH or unencrypted PEM) instead of generating one.
    #[arg(long, value_name = "FILE")]
    pub from_private_key: Option<PathBuf>,

    /// Replace the key of an existing Secret (running OpenMPI jobs keep the old one).
    #[arg(long)]
    pub rotate: bool,

    /// Also write the private key to FILE (mode 0600).
    #[arg(long, value_name = "FILE")]
    pub save_private_key: Option<PathBuf>,

    /// With --save-private-key: overwrite FILE if it exists.
    #[arg(long, requires = "save_private_key")]
    pub force: bool,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `setup zookeeper`
#[derive(Debug, Clone, Args)]
pub struct ZookeeperArgs {
    /// Number of ZooKeeper servers: 1, 3 or 5.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub replicas: i32,

    /// ZooKeeper image, pinned to a tag or digest (3.5 or newer).
    #[arg(long, value_name = "IMAGE", default_value = DEFAULT_ZOOKEEPER_IMAGE)]
    pub image: String,

    /// Persistent storage of the component.
    #[command(flatten)]
    pub storage: StorageArgs,

    /// --wait and --timeout.
    #[command(flatten)]
    pub wait: WaitArgs,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `setup dashboard`
#[derive(Debug, Clone, Args)]
pub struct DashboardSetupArgs {
    /// Dashboard image, pinned to a tag or digest.
    #[arg(long, value_name = "IMAGE", default_value = DEFAULT_DASHBOARD_IMAGE)]
    pub image: String,

    /// Persistent storage of the component.
    #[command(flatten)]
    pub storage: StorageArgs,

    /// --wait and --timeout.
    #[command(flatten)]
    pub wait: WaitArgs,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `setup uploader`
#[derive(Debug, Clone, Args)]
pub struct UploaderArgs {
    /// Number of nginx pods; every package is copied to each.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub replicas: i32,

    /// nginx image, pinned to a tag or digest; it needs a shell and `tar`.
    #[arg(long, value_name = "IMAGE", default_value = DEFAULT_UPLOADER_IMAGE)]
    pub image: String,

    /// --wait and --timeout.
    #[command(flatten)]
    pub wait: WaitArgs,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `setup all`
#[derive(Debug, Clone, Args)]
pub struct AllArgs {
    /// Also set up ZooKeeper (one server unless --zookeeper-replicas).
    #[arg(long)]
    pub zookeeper: bool,

    /// Number of ZooKeeper servers with --zookeeper: 1, 3 or 5.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "zookeeper")]
    pub zookeeper_replicas: i32,

    /// Also set up the dashboard.
    #[arg(long)]
    pub dashboard: bool,

    /// Grant this user the submitter rights (repeatable); see `setup auth --submitter`.
    #[arg(long = "submitter", value_name = "USER")]
    pub submitter_users: Vec<String>,

    /// Grant this group the submitter rights (repeatable).
    #[arg(long = "submitter-group", value_name = "GROUP")]
    pub submitter_groups: Vec<String>,

    /// Type of the generated OpenMPI key.
    #[arg(long, value_enum, default_value_t = KeyTypeArg::Rsa)]
    pub key_type: KeyTypeArg,

    /// Number of uploader pods.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub uploader_replicas: i32,

    /// Persistence for ZooKeeper and the dashboard (see `setup zookeeper`).
    #[command(flatten)]
    pub storage: StorageArgs,

    /// --wait and --timeout.
    #[command(flatten)]
    pub wait: WaitArgs,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `setup status`
#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    /// Name of the OpenMPI Secret to look at.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_SECRET_NAME)]
    pub secret_name: String,

    /// Node label key holding the rack (Twister2's `twister2.resource.rack.labey.key`).
    #[arg(long, value_name = "KEY", default_value = "rack")]
    pub rack_key: String,

    /// Node label key holding the datacenter (`twister2.resource.datacenter.labey.key`).
    #[arg(long, value_name = "KEY", default_value = "datacenter")]
    pub datacenter_key: String,

    /// Output flags.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

/// A component `setup` installs (and `setup remove` deletes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Component {
    /// Roles, RoleBindings, the ServiceAccount and the node ClusterRole made by `setup auth`.
    Auth,
    /// The OpenMPI SSH Secret.
    #[value(name = "openmpi-secret")]
    OpenmpiSecret,
    /// ZooKeeper Services and StatefulSet.
    Zookeeper,
    /// Dashboard Service and StatefulSet.
    Dashboard,
    /// Uploader Service and StatefulSet.
    Uploader,
}

impl Component {
    /// Every component, in setup order.
    pub const ALL: [Component; 5] = [
        Component::Auth,
        Component::OpenmpiSecret,
        Component::Zookeeper,
        Component::Dashboard,
        Component::Uploader,
    ];
}

/// `setup remove`
#[derive(Debug, Clone, Args)]
pub struct RemoveArgs {
    /// Components to remove.
    #[arg(
        value_enum,
        value_name = "COMPONENT",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub components: Vec<Component>,

    /// Remove every component.
    #[arg(long)]
    pub all: bool,

    /// Also delete the PersistentVolumeClaims (ZooKeeper and dashboard data); kept otherwise.
    #[arg(long)]
    pub delete_data: bool,

    /// Do not ask for confirmation.
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Only print what would be deleted.
    #[arg(long)]
    pub dry_run: bool,
}

/// `kubectl twister2 dashboard`
#[derive(Debug, Clone, Args)]
pub struct DashboardArgs {
    /// Local port to listen on (default: a free one).
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, DryRun, WriteFormat};

    use super::*;

    fn setup(args: &[&str]) -> SetupCommand {
        let mut argv = vec!["kubectl-twister2", "setup"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv).unwrap().command {
            Command::Setup(s) => s.command,
            other => panic!("parsed {other:?}"),
        }
    }

    #[test]
    fn auth_flags() {
        let SetupCommand::Auth(a) = setup(&[
            "auth",
            "--submitter",
            "alice",
            "--submitter-group",
            "devs",
            "--nodes",
            "--label-nodes",
            "--dry-run=client",
            "-o",
            "yaml",
        ]) else {
            panic!()
        };
        assert_eq!(a.submitter_users, ["alice"]);
        assert_eq!(a.submitter_groups, ["devs"]);
        assert!(a.nodes && a.label_nodes);
        assert_eq!(a.write.dry_run, DryRun::Client);
        assert_eq!(a.write.output, Some(WriteFormat::Yaml));
        assert_eq!(a.secret_name, "twister2-openmpi-ssh-key");
        let bad = Cli::try_parse_from(["kubectl-twister2", "setup", "auth", "--label-nodes"]);
        assert!(bad.is_err(), "--label-nodes needs --nodes");
    }

    #[test]
    fn wait_and_timeout() {
        let SetupCommand::Zookeeper(z) = setup(&["zookeeper", "--wait", "--timeout", "90s"]) else {
            panic!()
        };
        assert!(z.wait.wait);
        assert_eq!(z.wait.timeout, Duration::from_secs(90));
        assert_eq!(z.replicas, 1);
        let SetupCommand::Uploader(u) = setup(&["uploader"]) else {
            panic!()
        };
        assert!(!u.wait.wait);
        assert_eq!(u.wait.timeout, Duration::from_secs(300));
        let bad = Cli::try_parse_from(["kubectl-twister2", "setup", "uploader", "--timeout", "1m"]);
        assert!(bad.is_err(), "--timeout needs --wait");
    }

    #[test]
    fn openmpi_flags() {
        let SetupCommand::OpenmpiSecret(o) =
            setup(&["openmpi-secret", "--key-type", "ed25519", "--rotate"])
        else {
            panic!()
        };
        assert_eq!(o.key_type, KeyTypeArg::Ed25519);
        assert!(o.rotate);
        for bad in [
            &[
                "openmpi-secret",
                "--key-type",
                "rsa",
                "--from-private-key",
                "k",
            ][..],
            &["openmpi-secret", "--force"][..],
        ] {
            let mut argv = vec!["kubectl-twister2", "setup"];
            argv.extend_from_slice(bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn remove_needs_components_or_all() {
        let SetupCommand::Remove(r) = setup(&["remove", "zookeeper", "openmpi-secret", "-y"])
        else {
            panic!()
        };
        assert_eq!(
            r.components,
            [Component::Zookeeper, Component::OpenmpiSecret]
        );
        assert!(r.yes && !r.all && !r.delete_data);
        let SetupCommand::Remove(r) = setup(&["remove", "--all", "--delete-data"]) else {
            panic!()
        };
        assert!(r.all && r.delete_data);
        for bad in [
            &["remove"][..],
            &["remove", "--all", "auth"][..],
            &["remove", "nodes"][..],
        ] {
            let mut argv = vec!["kubectl-twister2", "setup"];
            argv.extend_from_slice(bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn defaults_match_the_manifests() {
        use crate::manifests::{dashboard, openmpi, uploader, zookeeper};
        assert_eq!(DEFAULT_SECRET_NAME, openmpi::DEFAULT_SECRET_NAME);
        assert_eq!(DEFAULT_ZOOKEEPER_IMAGE, zookeeper::DEFAULT_IMAGE);
        assert_eq!(DEFAULT_DASHBOARD_IMAGE, dashboard::DEFAULT_IMAGE);
        assert_eq!(DEFAULT_UPLOADER_IMAGE, uploader::DEFAULT_IMAGE);
    }

    #[test]
    fn dashboard_port() {
        let cli = Cli::try_parse_from(["kubectl-twister2", "dashboard", "--port", "8080"]).unwrap();
        let Command::Dashboard(d) = cli.command else {
            panic!()
        };
        assert_eq!(d.port, Some(8080));
    }
}
