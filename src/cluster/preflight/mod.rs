//! Submit's pre-flight: every read submit needs, in one concurrent wave before anything is
//! created — the facts that shape the job (uploader pods, nodes, ZooKeeper and dashboard
//! Services) and what the checks judge (namespace, leftovers of the jobID, Secrets, a restart's
//! kept claim, `--volume` claims, StorageClasses, the caller's rights via
//! SelfSubjectAccessReview). Reads in the namespace are in `namespaced`, cluster-scoped ones
//! in `cluster::cluster_scoped`, the access reviews in `access`; `manifests::fit` judges the
//! objects against what was read.

mod access;
mod namespaced;

use std::collections::BTreeMap;

use anyhow::Result;
use k8s_openapi::api::core::v1::{Node, PersistentVolumeClaim};
use k8s_openapi::api::storage::v1::StorageClass;

use crate::cluster::Cluster;
use crate::cluster::cluster_scoped::list_all_if;
use crate::manifests::fit::{ClusterView, Lookup};
pub use crate::manifests::rights::Right;
use crate::twister2::names;
use crate::twister2::node_info::{NodeData, encode_from_nodes};

/// What pre-flight needs to know about the job to be submitted.
#[derive(Debug, Clone, Default)]
pub struct PreflightInput {
    /// The jobID.
    pub job_id: String,
    /// Label selector of uploader pods (`twister2.kubernetes.uploader.web.server.label`); `None`
    /// when the package does not go through them (the S3 upload method).
    pub uploader_selector: Option<String>,
    /// Encode the nodes as `ENCODED_NODE_INFO_LIST` (false when locations come from the config).
    pub node_info: bool,
    /// Read what the scheduling checks judge: nodes (placement) and, with `storage_classes`,
    /// StorageClasses (false with `--skip-scheduling-checks`).
    pub scheduling_checks: bool,
    /// The job creates a claim, whose StorageClass is checked.
    pub storage_classes: bool,
    /// Node label key of racks, if configured.
    pub rack_key: Option<String>,
    /// Node label key of datacenters, if configured.
    pub datacenter_key: Option<String>,
    /// The OpenMPI Secret that must exist (OpenMPI jobs).
    pub openmpi_secret: Option<String>,
    /// The image pull Secret that must exist and hold registry credentials.
    pub pull_secret: Option<String>,
    /// Look for the `setup zookeeper` Service.
    pub discover_zookeeper: bool,
    /// Look for the `setup dashboard` Service.
    pub discover_dashboard: bool,
    /// A restart: the job's claim, kept since its job master ended it, that must exist (the
    /// pods restore from its checkpoints).
    pub kept_claim: Option<String>,
    /// The `--volume` claims, read for the claim checks.
    pub volume_claims: Vec<String>,
    /// The rights of the submitter table this submit will use.
    pub rights: Vec<Right>,
}

/// What pre-flight found.
#[derive(Debug, Clone, Default)]
pub struct PreflightReport {
    /// Names of uploader pods (web-server method when not empty).
    pub uploader_pods: Vec<String>,
    /// `ENCODED_NODE_INFO_LIST`, when nodes were listed for it.
    pub encoded_node_info: Option<String>,
    /// Discovered ZooKeeper address.
    pub zookeeper: Option<String>,
    /// Discovered dashboard URL.
    pub dashboard: Option<String>,
    /// Every node, when read.
    pub nodes: Option<Lookup<Vec<Node>>>,
    /// Every StorageClass, when read.
    pub storage_classes: Option<Lookup<Vec<StorageClass>>>,
    /// The `--volume` claims.
    pub claims: BTreeMap<String, Lookup<PersistentVolumeClaim>>,
    /// Problems that stop the submit.
    pub problems: Vec<String>,
}

impl PreflightReport {
    /// What was read, for `manifests::fit`.
    pub fn view<'a>(&'a self, namespace: &'a str) -> ClusterView<'a> {
        ClusterView {
            namespace,
            nodes: self.nodes.as_ref(),
            storage_classes: self.storage_classes.as_ref(),
            claims: &self.claims,
        }
    }

    /// Whether the nodes could not be read.
    pub fn nodes_forbidden(&self) -> bool {
        matches!(self.nodes, Some(Lookup::Forbidden))
    }

    /// Whether the StorageClasses could not be read.
    pub fn storage_classes_forbidden(&self) -> bool {
        matches!(self.storage_classes, Some(Lookup::Forbidden))
    }
}

fn is_status(error: &kube::Error, code: u16) -> bool {
    matches!(error, kube::Error::Api(s) if s.code == code)
}

/// Run every pre-flight read concurrently and collect facts and problems.
pub async fn run(cluster: &Cluster, input: &PreflightInput) -> Result<PreflightReport> {
    let ns = cluster.namespace.as_str();
    let (
        namespace,
        leftovers,
        openmpi,
        pull,
        uploaders,
        nodes,
        classes,
        zk,
        dash,
        kept,
        claims,
        rights,
    ) = futures::join!(
        namespaced::namespace(cluster),
        namespaced::leftovers(cluster, &input.job_id),
        namespaced::openmpi_secret(cluster, input.openmpi_secret.as_deref()),
        namespaced::pull_secret(cluster, input.pull_secret.as_deref()),
        namespaced::uploader_pods(cluster, input.uploader_selector.as_deref()),
        list_all_if::<Node>(cluster, input.node_info || input.scheduling_checks),
        list_all_if::<StorageClass>(cluster, input.scheduling_checks && input.storage_classes),
        namespaced::service_exists(cluster, names::zookeeper::NAME, input.discover_zookeeper),
        namespaced::service_exists(cluster, names::dashboard::NAME, input.discover_dashboard),
        namespaced::kept_claim(cluster, input.kept_claim.as_deref()),
        namespaced::claims(cluster, &input.volume_claims),
        access::missing_rights(cluster, &input.rights),
    );
    let mut report = PreflightReport::default();
    for problem in [namespace?, leftovers?, openmpi?, pull?, kept?] {
        report.problems.extend(problem);
    }
    report.uploader_pods = uploaders?;
    report.nodes = nodes?;
    if input.node_info
        && let Some(Lookup::Found(nodes)) = &report.nodes
    {
        let data: Vec<NodeData> = nodes.iter().map(NodeData::from_node).collect();
        report.encoded_node_info = Some(encode_from_nodes(
            &data,
            input.rack_key.as_deref(),
            input.datacenter_key.as_deref(),
        ));
    }
    // Without the checks the nodes were read for the node info only (a Forbidden read is kept
    // for the note that the pods get no node information).
    if !input.scheduling_checks && matches!(report.nodes, Some(Lookup::Found(_))) {
        report.nodes = None;
    }
    report.storage_classes = classes?;
    report.claims = claims?;
    if zk? {
        report.zookeeper = Some(names::zookeeper::server_addresses(ns));
    }
    if dash? {
        report.dashboard = Some(names::dashboard::host(ns));
    }
    report.problems.extend(rights?);
    Ok(report)
}
