//! Submit's pre-flight: every read submit needs, in one concurrent wave before anything is
//! created — the facts that shape the job (uploader pods, node locations, ZooKeeper and dashboard
//! services) and the checks that must pass (namespace, no leftovers of the jobID, Secrets, a
//! restart's kept claim, the caller's rights via SelfSubjectAccessReview). Every problem is
//! reported at once.

use anyhow::Result;
use futures::future::join_all;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
};
use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Node, PersistentVolumeClaim, Pod, Secret, Service,
};
use kube::api::{Api, ListParams, PostParams};

use crate::cluster::Cluster;
pub use crate::manifests::rights::Right;
use crate::twister2::names::{self, job_selector};
use crate::twister2::node_info::{NodeData, encode_from_nodes};

/// What pre-flight needs to know about the job to be submitted.
#[derive(Debug, Clone, Default)]
pub struct PreflightInput {
    /// The jobID.
    pub job_id: String,
    /// Label selector of uploader pods (`twister2.kubernetes.uploader.web.server.label`); `None`
    /// when the package does not go through them (the S3 upload method).
    pub uploader_selector: Option<String>,
    /// List nodes for `ENCODED_NODE_INFO_LIST` (false when locations come from the config).
    pub list_nodes: bool,
    /// Node label key of racks, if configured.
    pub rack_key: Option<String>,
    /// Node label key of datacenters, if configured.
    pub datacenter_key: Option<String>,
    /// The OpenMPI Secret that must exist (OpenMPI jobs).
    pub openmpi_secret: Option<String>,
    /// The image pull Secret that must exist.
    pub pull_secret: Option<String>,
    /// Look for the `setup zookeeper` Service.
    pub discover_zookeeper: bool,
    /// Look for the `setup dashboard` Service.
    pub discover_dashboard: bool,
    /// A restart: the job's claim, kept since its job master ended it, that must exist (the
    /// pods restore from its checkpoints).
    pub kept_claim: Option<String>,
    /// The rights of the submitter table this submit will use.
    pub rights: Vec<Right>,
}

/// What pre-flight found.
#[derive(Debug, Clone, Default)]
pub struct PreflightReport {
    /// Names of uploader pods (web-server method when not empty).
    pub uploader_pods: Vec<String>,
    /// `ENCODED_NODE_INFO_LIST`, when nodes were listed.
    pub encoded_node_info: Option<String>,
    /// Discovered ZooKeeper address.
    pub zookeeper: Option<String>,
    /// Discovered dashboard URL.
    pub dashboard: Option<String>,
    /// Problems that stop the submit.
    pub problems: Vec<String>,
    /// Things to tell the user that do not stop the submit.
    pub warnings: Vec<String>,
}

fn is_status(error: &kube::Error, code: u16) -> bool {
    matches!(error, kube::Error::Api(s) if s.code == code)
}

/// Run every pre-flight read concurrently and collect facts and problems.
pub async fn run(cluster: &Cluster, input: &PreflightInput) -> Result<PreflightReport> {
    let ns = cluster.namespace.as_str();
    let client = cluster.client.clone();
    let by_job = ListParams::default().labels(&job_selector(&input.job_id));

    let namespace = async {
        match Api::<Namespace>::all(client.clone()).get(ns).await {
            Ok(_) => Ok(None),
            Err(e) if is_status(&e, 404) => Ok(Some(format!(
                "namespace \"{ns}\" does not exist (create it with `kubectl create namespace {ns}`)"
            ))),
            // A submitter may not read namespaces: the first write will say if it is missing.
            Err(e) if is_status(&e, 403) => Ok(None),
            Err(e) => Err(cluster.explain(e)),
        }
    };
    let leftovers = async {
        let config_maps = Api::<ConfigMap>::namespaced(client.clone(), ns);
        let services = Api::<Service>::namespaced(client.clone(), ns);
        let stateful_sets = Api::<StatefulSet>::namespaced(client.clone(), ns);
        let (cms, svcs, stss) = match futures::try_join!(
            config_maps.list_metadata(&by_job),
            services.list_metadata(&by_job),
            stateful_sets.list_metadata(&by_job),
        ) {
            Ok(lists) => lists,
            // Not allowed to look: the access reviews below name the missing rights.
            Err(e) if is_status(&e, 403) => return anyhow::Ok(None),
            Err(e) => return Err(cluster.explain(e)),
        };
        let mut names: Vec<String> = Vec::new();
        for (kind, list) in [
            (
                "configmap",
                cms.items.iter().map(|o| &o.metadata).collect::<Vec<_>>(),
            ),
            ("service", svcs.items.iter().map(|o| &o.metadata).collect()),
            (
                "statefulset",
                stss.items.iter().map(|o| &o.metadata).collect(),
            ),
        ] {
            for meta in list {
                names.push(format!("{kind}/{}", meta.name.clone().unwrap_or_default()));
            }
        }
        anyhow::Ok((!names.is_empty()).then(|| {
            format!(
                "objects of job {} already exist in namespace \"{ns}\": {} (kill it first, or choose another --job-id)",
                input.job_id,
                names.join(", ")
            )
        }))
    };
    let secret_check = |name: Option<String>, what: &'static str| {
        let client = client.clone();
        async move {
            let Some(name) = name else {
                return anyhow::Ok(None);
            };
            match Api::<Secret>::namespaced(client, ns)
                .get_metadata(&name)
                .await
            {
                Ok(_) => Ok(None),
                Err(e) if is_status(&e, 404) => Ok(Some(match what {
                    "openmpi" => format!(
                        "the OpenMPI SSH Secret \"{name}\" does not exist in namespace \"{ns}\"; create it with `kubectl twister2 setup openmpi-secret -n {ns}`"
                    ),
                    _ => format!(
                        "the image pull Secret \"{name}\" does not exist in namespace \"{ns}\" (kubectl create secret docker-registry {name} …)"
                    ),
                })),
                Err(e) if is_status(&e, 403) => Ok(None),
                Err(e) => Err(cluster.explain(e)),
            }
        }
    };
    let uploaders = async {
        let Some(selector) = &input.uploader_selector else {
            return Ok(Vec::new());
        };
        match Api::<Pod>::namespaced(client.clone(), ns)
            .list_metadata(&ListParams::default().labels(selector))
            .await
        {
            Ok(list) => Ok(list
                .items
                .into_iter()
                .filter(|p| p.metadata.deletion_timestamp.is_none())
                .filter_map(|p| p.metadata.name)
                .collect::<Vec<_>>()),
            // The access reviews below report `list pods` as missing.
            Err(e) if is_status(&e, 403) => Ok(Vec::new()),
            Err(e) => Err(cluster.explain(e)),
        }
    };
    let nodes = async {
        if !input.list_nodes {
            return anyhow::Ok(Ok(None));
        }
        match Api::<Node>::all(client.clone())
            .list(&ListParams::default())
            .await
        {
            Ok(list) => {
                let data: Vec<NodeData> = list.items.iter().map(NodeData::from_node).collect();
                Ok(Ok(Some(encode_from_nodes(
                    &data,
                    input.rack_key.as_deref(),
                    input.datacenter_key.as_deref(),
                ))))
            }
            Err(e) if is_status(&e, 403) => Ok(Err(
                "cannot list nodes, so pods get no rack/datacenter information \
(ENCODED_NODE_INFO_LIST is empty); grant it with `kubectl twister2 setup auth --nodes`, or set \
twister2.resource.kubernetes.node.locations.from.config: true"
                    .to_string(),
            )),
            Err(e) => Err(cluster.explain(e)),
        }
    };
    let service_exists = |name: &'static str, wanted: bool| {
        let client = client.clone();
        async move {
            if !wanted {
                return anyhow::Ok(false);
            }
            match Api::<Service>::namespaced(client, ns)
                .get_metadata(name)
                .await
            {
                Ok(_) => Ok(true),
                Err(e) if is_status(&e, 404) || is_status(&e, 403) => Ok(false),
                Err(e) => Err(cluster.explain(e)),
            }
        }
    };
    let claim = async {
        let Some(name) = &input.kept_claim else {
            return anyhow::Ok(None);
        };
        match Api::<PersistentVolumeClaim>::namespaced(client.clone(), ns)
            .get_metadata(name)
            .await
        {
            Ok(claim) if claim.metadata.deletion_timestamp.is_some() => Ok(Some(format!(
                "the job's persistent volume claim \"{name}\" is being deleted, so its \
checkpoints are gone; submit the job afresh instead"
            ))),
            Ok(_) => Ok(None),
            Err(e) if is_status(&e, 404) => Ok(Some(format!(
                "the job's persistent volume claim \"{name}\" does not exist in namespace \
\"{ns}\", so there are no checkpoints to restore from (Twister2 keeps it only when a \
checkpointed job FAILED; kill and clear delete it); submit the job afresh instead"
            ))),
            // The access reviews below report `get persistentvolumeclaims` as missing.
            Err(e) if is_status(&e, 403) => Ok(None),
            Err(e) => Err(cluster.explain(e)),
        }
    };
    let rights = join_all(input.rights.iter().map(|right| {
        let client = client.clone();
        async move {
            let review = SelfSubjectAccessReview {
                spec: SelfSubjectAccessReviewSpec {
                    resource_attributes: Some(ResourceAttributes {
                        namespace: Some(ns.to_string()),
                        verb: Some(right.verb.to_string()),
                        group: Some(right.group()),
                        resource: Some(right.kind.plural()),
                        subresource: (!right.subresource.is_empty())
                            .then(|| right.subresource.to_string()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                ..Default::default()
            };
            let answer = Api::<SelfSubjectAccessReview>::all(client)
                .create(&PostParams::default(), &review)
                .await;
            (right, answer)
        }
    }));

    let (namespace, leftovers, openmpi, pull, uploaders, nodes, zk, dash, claim, rights) = futures::join!(
        namespace,
        leftovers,
        secret_check(input.openmpi_secret.clone(), "openmpi"),
        secret_check(input.pull_secret.clone(), "pull"),
        uploaders,
        nodes,
        service_exists(names::zookeeper::NAME, input.discover_zookeeper),
        service_exists(names::dashboard::NAME, input.discover_dashboard),
        claim,
        rights,
    );
    let mut report = PreflightReport::default();
    report.problems.extend(namespace?);
    report.problems.extend(leftovers?);
    report.problems.extend(openmpi?);
    report.problems.extend(pull?);
    report.problems.extend(claim?);
    report.uploader_pods = uploaders?;
    match nodes? {
        Ok(info) => report.encoded_node_info = info,
        Err(warning) => report.warnings.push(warning),
    }
    if zk? {
        report.zookeeper = Some(names::zookeeper::server_addresses(ns));
    }
    if dash? {
        report.dashboard = Some(names::dashboard::host(ns));
    }
    let mut missing: Vec<String> = Vec::new();
    for (right, answer) in rights {
        match answer {
            Ok(review) if review.status.as_ref().is_some_and(|s| s.allowed) => {}
            Ok(_) => missing.push(right.describe()),
            // A cluster without the authorization API (or that refuses reviews) cannot be asked;
            // the writes themselves will then say what is missing.
            Err(e) if is_status(&e, 404) || is_status(&e, 403) => {}
            Err(e) => return Err(cluster.explain(e)),
        }
    }
    if !missing.is_empty() {
        report.problems.push(format!(
            "you may not {} in namespace \"{ns}\"; a cluster admin can grant these with \
`kubectl twister2 setup auth --submitter USER -n {ns}`",
            missing.join(", ")
        ));
    }
    Ok(report)
}
