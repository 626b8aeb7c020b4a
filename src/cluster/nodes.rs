//! Nodes on the cluster: one list of every node, the Twister2 pods (one `app=twister2` pod list
//! in a namespace or all), whether the caller may patch nodes (a SelfSubjectAccessReview), and
//! label changes sent as JSON merge patches of labels only, concurrently with a bound.

use anyhow::{Context, Result};
use futures::StreamExt;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
};
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, ListParams, Patch, PatchParams, PostParams};

use crate::cluster::Cluster;
use crate::twister2::label_plan::NodePatch;
use crate::twister2::names::{MANAGER, all_jobs_selector};

/// How many node patches are in flight at once.
pub const PATCH_CONCURRENCY: usize = 32;

fn is_status(error: &kube::Error, code: u16) -> bool {
    matches!(error, kube::Error::Api(s) if s.code == code)
}

/// Every node of the cluster, in one list request.
pub async fn list_nodes(cluster: &Cluster) -> Result<Vec<Node>> {
    match Api::<Node>::all(cluster.client.clone())
        .list(&ListParams::default())
        .await
    {
        Ok(list) => Ok(list.items),
        Err(e) if is_status(&e, 403) => Err(cluster.explain(e)).context(
            "cannot list nodes (cluster-wide); a cluster admin can allow it with \
`kubectl twister2 setup auth --submitter USER --nodes`",
        ),
        Err(e) => Err(cluster.explain(e)).context("cannot list nodes"),
    }
}

/// Every pod labelled `app=twister2` (jobs of either client) in the cluster's namespace, or in
/// all namespaces, in one list request.
pub async fn list_twister2_pods(
    cluster: &Cluster,
    all_namespaces: bool,
) -> Result<Vec<Pod>, kube::Error> {
    let api = if all_namespaces {
        Api::<Pod>::all(cluster.client.clone())
    } else {
        Api::<Pod>::namespaced(cluster.client.clone(), &cluster.namespace)
    };
    let params = ListParams::default().labels(&all_jobs_selector());
    Ok(api.list(&params).await?.items)
}

/// Whether the caller may patch nodes; `None` when the cluster cannot be asked (no
/// authorization API, or reviews refused) — the patches themselves will then tell.
pub async fn may_patch_nodes(cluster: &Cluster) -> Result<Option<bool>> {
    let review = SelfSubjectAccessReview {
        spec: SelfSubjectAccessReviewSpec {
            resource_attributes: Some(ResourceAttributes {
                verb: Some("patch".to_string()),
                group: Some(String::new()),
                resource: Some("nodes".to_string()),
                ..Default::default()
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    match Api::<SelfSubjectAccessReview>::all(cluster.client.clone())
        .create(&PostParams::default(), &review)
        .await
    {
        Ok(answer) => Ok(Some(answer.status.is_some_and(|s| s.allowed))),
        Err(e) if is_status(&e, 403) || is_status(&e, 404) => Ok(None),
        Err(e) => Err(cluster.explain(e)).context("cannot ask whether you may label nodes"),
    }
}

/// What happened to one node's patch.
#[derive(Debug)]
pub struct PatchOutcome {
    /// Node name.
    pub node: String,
    /// The node as stored (or as it would be, with `dry_run`) when full objects were asked
    /// for, `None` otherwise; or why the patch failed.
    pub result: Result<Option<Node>>,
}

/// Sends every patch as a JSON merge patch of `metadata.labels` (field manager
/// `kubectl-twister2`), at most [`PATCH_CONCURRENCY`] at a time; `dry_run` sends `dryRun=All`.
/// Unless `full_objects`, the server is asked to answer with the metadata only
/// (`PartialObjectMetadata`), which spares sending and decoding every node's status. Returns
/// one outcome per patch, in the order given.
pub async fn patch_labels(
    cluster: &Cluster,
    patches: &[NodePatch],
    dry_run: bool,
    full_objects: bool,
) -> Vec<PatchOutcome> {
    let api = Api::<Node>::all(cluster.client.clone());
    let params = PatchParams {
        dry_run,
        field_manager: Some(MANAGER.to_string()),
        ..PatchParams::default()
    };
    let mut outcomes: Vec<(usize, PatchOutcome)> =
        futures::stream::iter(patches.iter().enumerate().map(|(i, patch)| {
            let api = api.clone();
            let params = params.clone();
            async move {
                let body = patch.merge_patch();
                let patch_body = Patch::Merge(&body);
                let result = if full_objects {
                    api.patch(&patch.node, &params, &patch_body).await.map(Some)
                } else {
                    api.patch_metadata(&patch.node, &params, &patch_body)
                        .await
                        .map(|_| None)
                };
                (
                    i,
                    PatchOutcome {
                        node: patch.node.clone(),
                        result: result.map_err(|e| cluster.explain(e)),
                    },
                )
            }
        }))
        .buffer_unordered(PATCH_CONCURRENCY)
        .collect()
        .await;
    outcomes.sort_by_key(|(i, _)| *i);
    outcomes.into_iter().map(|(_, o)| o).collect()
}
