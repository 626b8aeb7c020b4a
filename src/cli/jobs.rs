//! Arguments of the job commands: `submit`, `restart`, `clear`, `kill`, `jobs`, `describe`.

// The doc comments below are clap's --help text, written for a terminal (`[,scalable]`,
// `worker<ID>.log`), not rustdoc markup.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use std::path::PathBuf;

use clap::Args;

use crate::cli::{ListOutputArgs, WriteArgs, parse_duration};

/// `kubectl twister2 submit NAME --jar FILE --class WORKER_CLASS [options] [-- ARGS]`
#[derive(Debug, Clone, Args)]
pub struct SubmitArgs {
    /// Job name (lower-case letters, digits and dashes; other names are converted as Twister2
    /// does, and the plugin says so).
    pub name: String,

    /// The job file: a jar (or zip / python file for the other --job-type values).
    #[arg(long = "jar", visible_alias = "job-file", value_name = "FILE")]
    pub job_file: PathBuf,

    /// Worker class (twister2.resource.job.worker.class); required except for python jobs.
    #[arg(long = "class", value_name = "WORKER_CLASS")]
    pub worker_class: Option<String>,

    /// Driver class (twister2.resource.job.driver.class).
    #[arg(long, value_name = "CLASS")]
    pub driver_class: Option<String>,

    /// Format of the job file.
    #[arg(long, value_name = "TYPE", default_value = "jar", value_parser = ["jar", "java_zip", "python", "python_zip"])]
    pub job_type: String,

    /// python_zip jobs: the Python file inside the zip that starts the job (Twister2's
    /// main_file).
    #[arg(long, value_name = "PATH")]
    pub main_file: Option<String>,

    /// One compute resource of N pods, one worker per pod.
    #[arg(long, value_name = "N", conflicts_with = "compute_resource")]
    pub workers: Option<u32>,

    /// A compute resource: cpu=1,memory=2Gi,disk=1Gi,instances=4,workers-per-pod=2[,scalable]
    /// (repeatable; index = order given).
    #[arg(long = "compute-resource", value_name = "SPEC")]
    pub compute_resource: Vec<String>,

    /// CPU per worker (Kubernetes quantity: 0.5, 500m, 2), default for every compute resource.
    #[arg(long, value_name = "QUANTITY")]
    pub cpu: Option<String>,

    /// Memory per worker (Kubernetes quantity: 1Gi, 1024Mi), default for every compute resource.
    #[arg(long, value_name = "QUANTITY")]
    pub memory: Option<String>,

    /// Twister2 configuration file of flat dotted keys (repeatable; later files win).
    #[arg(long = "config", value_name = "FILE")]
    pub config_files: Vec<PathBuf>,

    /// A Twister2 distribution's conf/ directory (common/ then kubernetes/ are read).
    #[arg(long, value_name = "DIR")]
    pub conf_dir: Option<PathBuf>,

    /// Set one Twister2 configuration key (repeatable): KEY=VALUE.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// A value of the job configuration the workers read (JobConfig; repeatable): KEY=VALUE,
    /// VALUE in YAML (42 is an Integer, 42L a Long, 0.5 a Double, [a, b] a list).
    #[arg(long = "job-config", value_name = "KEY=VALUE")]
    pub job_config: Vec<String>,

    /// A YAML map of job configuration values (repeatable; --job-config wins).
    #[arg(long = "job-config-file", value_name = "FILE")]
    pub job_config_files: Vec<PathBuf>,

    /// Container image of the job master and workers.
    #[arg(long, value_name = "IMAGE")]
    pub image: Option<String>,

    /// Image pull policy: Always, IfNotPresent or Never.
    #[arg(long, value_name = "POLICY")]
    pub image_pull_policy: Option<String>,

    /// Give the job a persistent volume claim of SIZE per worker (e.g. 1Gi).
    #[arg(long, value_name = "SIZE")]
    pub persistent_storage: Option<String>,

    /// Storage class of the persistent volume claim.
    #[arg(long, value_name = "CLASS")]
    pub storage_class: Option<String>,

    /// Run as an OpenMPI job (needs the SSH Secret from `setup openmpi-secret`).
    #[arg(long)]
    pub openmpi: bool,

    /// Use ZooKeeper (Twister2's fault tolerance): --zookeeper uses the `setup zookeeper`
    /// service, --zookeeper=HOST:PORT[,HOST:PORT] these servers. Checkpointed jobs use the
    /// service when it exists.
    #[arg(long, value_name = "ADDRESSES", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub zookeeper: Option<String>,

    /// Dashboard URL; default: the `setup dashboard` service.
    #[arg(long, value_name = "URL")]
    pub dashboard: Option<String>,

    /// How the objects are placed and exposed.
    #[command(flatten)]
    pub objects: ObjectArgs,

    /// Use this job ID instead of generating one.
    #[arg(long, value_name = "ID")]
    pub job_id: Option<String>,

    /// Checks, waiting, --dry-run and -o.
    #[command(flatten)]
    pub run: RunArgs,

    /// Arguments of a Python job (its `args`); Java jobs' workers never see arguments.
    #[arg(last = true, value_name = "ARGS")]
    pub job_args: Vec<String>,
}

/// Submit's options of the objects themselves (placement, exposure, pull secret) that are not
/// Twister2 configuration; kept beside a checkpointed job's package so `restart` recreates
/// the same objects.
#[derive(Debug, Clone, Default, Args, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObjectArgs {
    /// Secret used to pull the image (must exist in the namespace).
    #[arg(long, value_name = "NAME")]
    pub image_pull_secret: Option<String>,

    /// Run workers only on nodes labelled KEY=VALUE (repeatable; required node affinity).
    #[arg(long = "target", value_name = "KEY=VALUE")]
    pub targets: Vec<String>,

    /// Mount an existing PersistentVolumeClaim in the job master and workers: CLAIM:/path[:ro].
    #[arg(long = "volume", value_name = "CLAIM:/PATH")]
    pub volumes: Vec<String>,

    /// Guaranteed QoS: limits equal to requests on every container.
    #[arg(long)]
    pub guaranteed: bool,

    /// Expose the workers: nodeport[=PORT], loadbalancer, or ingress=HOST[/PATH].
    #[arg(long, value_name = "HOW")]
    pub expose: Option<String>,

    /// Allowed client CIDR of a LoadBalancer (repeatable).
    #[arg(long = "load-balancer-source-range", value_name = "CIDR")]
    pub load_balancer_source_ranges: Vec<String>,

    /// Ingress class of `--expose ingress`.
    #[arg(long, value_name = "CLASS")]
    pub ingress_class: Option<String>,

    /// TLS Secret of `--expose ingress`.
    #[arg(long, value_name = "SECRET")]
    pub tls_secret: Option<String>,

    /// externalTrafficPolicy of the NodePort/LoadBalancer service: Cluster or Local.
    #[arg(long, value_name = "POLICY")]
    pub external_traffic_policy: Option<String>,

    /// Spread workers evenly over racks, datacenters or nodes (topology spread constraints).
    #[arg(long, value_name = "DOMAIN", value_parser = ["rack", "datacenter", "node"])]
    pub spread: Option<String>,

    /// Run workers only in this rack (repeatable).
    #[arg(long = "rack", value_name = "RACK")]
    pub racks: Vec<String>,

    /// Run workers only in this datacenter (repeatable).
    #[arg(long = "datacenter", value_name = "DATACENTER")]
    pub datacenters: Vec<String>,
}

/// How long `submit` and `restart` wait, and for what.
#[derive(Debug, Clone, Args)]
pub struct WaitArgs {
    /// Limit of each waiting phase (pods scheduled, running, package delivered).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// Stay until the job ends; exit non-zero if it ended FAILED or KILLED.
    #[arg(long, conflicts_with = "detach")]
    pub wait: bool,

    /// Stream the job's logs (every pod, prefixed) while waiting for it to end; implies --wait.
    #[arg(short = 'f', long, conflicts_with = "detach")]
    pub follow: bool,

    /// Return right after the objects are created (web-server upload only).
    #[arg(long)]
    pub detach: bool,
}

/// What `submit` and `restart` check before creating anything, beyond what they always check.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckArgs {
    /// Create the job even when no node could take its pods or no StorageClass its claim (for
    /// clusters where an autoscaler adds nodes or a provisioner classes on demand).
    #[arg(long)]
    pub skip_scheduling_checks: bool,
}

/// How `submit` and `restart` run: what they check before creating, how long they wait after,
/// and what they print instead with a dry run.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// How long to wait, and for what.
    #[command(flatten)]
    pub waiting: WaitArgs,

    /// --skip-scheduling-checks.
    #[command(flatten)]
    pub checks: CheckArgs,

    /// --dry-run and -o.
    #[command(flatten)]
    pub write: WriteArgs,
}

/// `kubectl twister2 restart JOBID`
#[derive(Debug, Clone, Args)]
pub struct RestartArgs {
    /// The checkpointed job to restart from its saved package.
    #[arg(value_name = "JOBID")]
    pub job_id: String,

    /// Directory of saved packages (twister2.resource.uploader.directory); default
    /// ~/.twister2/repository, where Twister2's own client keeps them too.
    #[arg(long, value_name = "DIR")]
    pub repository: Option<PathBuf>,

    /// Checks, waiting, --dry-run and -o.
    #[command(flatten)]
    pub run: RunArgs,
}

/// `kubectl twister2 clear JOBID...|--all`
#[derive(Debug, Clone, Args)]
pub struct ClearArgs {
    /// Ended jobs whose saved package and kept claim to remove.
    #[arg(value_name = "JOBID", required_unless_present = "all")]
    pub job_ids: Vec<String>,

    /// Every saved package and kept claim of a job that is not running (Twister2's clearall).
    #[arg(long, conflicts_with = "job_ids")]
    pub all: bool,

    /// Directory of saved packages (default ~/.twister2/repository).
    #[arg(long, value_name = "DIR")]
    pub repository: Option<PathBuf>,

    /// Do not ask for confirmation.
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// Only list what would be removed.
    #[arg(long)]
    pub dry_run: bool,
}

/// `kubectl twister2 kill JOBID...|--last|--all`
#[derive(Debug, Clone, Args)]
pub struct KillArgs {
    /// Jobs to kill.
    #[arg(value_name = "JOBID", required_unless_present_any = ["last", "all"])]
    pub job_ids: Vec<String>,

    /// Kill the job this plugin submitted last.
    #[arg(long, conflicts_with_all = ["job_ids", "all"])]
    pub last: bool,

    /// Kill every Twister2 job in the namespace.
    #[arg(long, conflicts_with = "job_ids")]
    pub all: bool,

    /// Do not ask for confirmation.
    #[arg(short = 'y', long)]
    pub yes: bool,

    /// How long to let the job master clean up before deleting what is left.
    #[arg(long, value_name = "DURATION", default_value = "15s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,

    /// Keep the job's persistent volume claim, its package in S3 (S3 upload method) and its
    /// saved package (checkpointed jobs, for `restart`).
    /// Twister2's job master deletes the claim when it ends a killed job, so a job with a claim
    /// is then not signalled: its other objects are deleted directly.
    #[arg(long)]
    pub keep_data: bool,

    /// Exit 0 when a job does not exist.
    #[arg(long)]
    pub ignore_not_found: bool,
}

/// `kubectl twister2 jobs`
#[derive(Debug, Clone, Args)]
pub struct JobsArgs {
    /// List jobs in every namespace.
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Output flags.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

/// `kubectl twister2 describe JOBID`
#[derive(Debug, Clone, Args)]
pub struct DescribeArgs {
    /// The job to describe.
    #[arg(value_name = "JOBID", required_unless_present = "last")]
    pub job_id: Option<String>,

    /// Describe the job this plugin submitted last.
    #[arg(long, conflicts_with = "job_id")]
    pub last: bool,
}
