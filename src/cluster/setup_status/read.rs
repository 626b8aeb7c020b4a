//! Reading everything `setup status` shows, concurrently, and turning the reads into rows.

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{Node, Secret, Service};
use k8s_openapi::api::rbac::v1::{ClusterRole, Role, RoleBinding};
use kube::api::{Api, ListParams};

use super::auth_row::auth_status;
use super::node_labels_row::node_label_status;
use super::report::{Read, SetupStatus, StatusOptions};
use super::secret_row::secret_status;
use super::workload_row::{workload_status, zookeeper_storage};
use crate::cluster::Cluster;
use crate::manifests::{auth, dashboard, uploader, zookeeper};

/// Reads everything `setup status` shows, concurrently (one request per object, one node list).
pub async fn read_setup_status(cluster: &Cluster, opts: &StatusOptions) -> SetupStatus {
    let ns = cluster.namespace.as_str();
    let client = &cluster.client;
    let roles: Api<Role> = Api::namespaced(client.clone(), ns);
    let bindings: Api<RoleBinding> = Api::namespaced(client.clone(), ns);
    let cluster_roles: Api<ClusterRole> = Api::all(client.clone());
    let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
    let services: Api<Service> = Api::namespaced(client.clone(), ns);
    let sets: Api<StatefulSet> = Api::namespaced(client.clone(), ns);
    let nodes: Api<Node> = Api::all(client.clone());
    let nodes_role = auth::nodes_cluster_role_name(ns);

    let (
        (role, binding, submitter, submitter_binding, node_role),
        secret,
        (zk_set, zk_service, zk_headless),
        (dash_set, dash_service),
        (up_set, up_service),
        node_list,
    ) = futures::join!(
        async {
            futures::join!(
                get(cluster, &roles, auth::ROLE_NAME),
                get(cluster, &bindings, auth::ROLE_BINDING_NAME),
                get(cluster, &roles, auth::SUBMITTER_NAME),
                get(cluster, &bindings, auth::SUBMITTER_NAME),
                get(cluster, &cluster_roles, &nodes_role),
            )
        },
        get(cluster, &secrets, &opts.secret_name),
        async {
            futures::join!(
                get(cluster, &sets, zookeeper::NAME),
                get(cluster, &services, zookeeper::NAME),
                get(cluster, &services, zookeeper::HEADLESS_NAME),
            )
        },
        async {
            futures::join!(
                get(cluster, &sets, dashboard::NAME),
                get(cluster, &services, dashboard::NAME),
            )
        },
        async {
            futures::join!(
                get(cluster, &sets, uploader::NAME),
                get(cluster, &services, uploader::NAME),
            )
        },
        async {
            nodes
                .list(&ListParams::default())
                .await
                .map(|l| l.items)
                .map_err(|e| first_line(&cluster.explain(e).to_string()))
        },
    );

    let components = vec![
        auth_status(
            &role,
            &binding,
            &submitter,
            &submitter_binding,
            &node_role,
            &nodes_role,
        ),
        secret_status(&secret, &opts.secret_name),
        workload_status(
            zookeeper::COMPONENT,
            zookeeper::NAME,
            &zk_set,
            &[
                (zookeeper::NAME, &zk_service),
                (zookeeper::HEADLESS_NAME, &zk_headless),
            ],
            |sts| {
                format!(
                    "{}; {}",
                    zookeeper::server_addresses(ns),
                    zookeeper_storage(sts)
                )
            },
        ),
        workload_status(
            dashboard::COMPONENT,
            dashboard::NAME,
            &dash_set,
            &[(dashboard::NAME, &dash_service)],
            |_| dashboard::dashboard_host(ns),
        ),
        workload_status(
            uploader::COMPONENT,
            uploader::NAME,
            &up_set,
            &[(uploader::NAME, &up_service)],
            |_| uploader::web_server_url(ns),
        ),
        node_label_status(&node_list, &opts.rack_key, &opts.datacenter_key),
    ];
    SetupStatus {
        kind: "SetupStatus".to_string(),
        namespace: ns.to_string(),
        components,
    }
}

async fn get<K>(cluster: &Cluster, api: &Api<K>, name: &str) -> Read<K>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    api.get_opt(name)
        .await
        .map_err(|e| first_line(&cluster.explain(e).to_string()))
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}
