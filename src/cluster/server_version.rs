//! The API server's version (`GET /version`).

use anyhow::Result;
use k8s_openapi::apimachinery::pkg::version::Info;

use crate::cluster::Cluster;

/// Ask the API server for its version.
pub async fn server_version(cluster: &Cluster) -> Result<Info> {
    cluster
        .client
        .apiserver_version()
        .await
        .map_err(|e| cluster.explain(e))
}
