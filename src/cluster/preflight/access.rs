//! Pre-flight's SelfSubjectAccessReviews: which rights of the submitter table the caller lacks
//! in the namespace.

use anyhow::Result;
use futures::future::join_all;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
};
use kube::api::{Api, PostParams};

use super::is_status;
use crate::cluster::Cluster;
use crate::manifests::rights::Right;

/// The problem naming every right of `rights` the caller lacks, if any.
pub(super) async fn missing_rights(cluster: &Cluster, rights: &[Right]) -> Result<Option<String>> {
    let ns = cluster.namespace.as_str();
    let answers = join_all(rights.iter().map(|right| {
        let client = cluster.client.clone();
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
    }))
    .await;
    let mut missing: Vec<String> = Vec::new();
    for (right, answer) in answers {
        match answer {
            Ok(review) if review.status.as_ref().is_some_and(|s| s.allowed) => {}
            Ok(_) => missing.push(right.describe()),
            // A cluster without the authorization API (or that refuses reviews) cannot be asked;
            // the writes themselves will then say what is missing.
            Err(e) if is_status(&e, 404) || is_status(&e, 403) => {}
            Err(e) => return Err(cluster.explain(e)),
        }
    }
    Ok((!missing.is_empty()).then(|| {
        format!(
            "you may not {} in namespace \"{ns}\"; a cluster admin can grant these with \
`kubectl twister2 setup auth --submitter USER -n {ns}`",
            missing.join(", ")
        )
    }))
}
