//! `kubectl twister2 dashboard`: forwards a local port to the dashboard pod (kube-rs, no kubectl
//! subprocess), prints the URL, follows a replaced pod and stops cleanly on Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use k8s_openapi::api::apps::v1::StatefulSet;
use kube::api::Api;
use tokio::net::TcpListener;

use crate::cli::GlobalArgs;
use crate::cli::setup::DashboardArgs;
use crate::cluster::port_forward::{self, KubeTunnel};
use crate::cluster::{self};
use crate::manifests::dashboard;

/// Run `dashboard`.
pub async fn run(global: &GlobalArgs, args: &DashboardArgs) -> Result<()> {
    let cluster = cluster::connect(global).await?;
    let ns = cluster.namespace.clone();
    let sets: Api<StatefulSet> = Api::namespaced(cluster.client.clone(), &ns);
    let installed = sets.get_opt(dashboard::NAME).await.map_err(|e| {
        anyhow!(
            "cannot read statefulset/{}: {}",
            dashboard::NAME,
            cluster.explain(e)
        )
    })?;
    if installed.is_none() {
        return Err(anyhow!(
            "the Twister2 dashboard is not installed in namespace {ns}; install it with \
`kubectl twister2 setup dashboard -n {ns}`"
        ));
    }
    let port = args.port.unwrap_or(0);
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        anyhow!(
            "cannot listen on 127.0.0.1:{port}: {e}; choose another --port, or leave it out to \
use a free one"
        )
    })?;
    let local = listener.local_addr()?;
    let stop = crate::signals::interrupted();
    let mut target = port_forward::follow_pods(&cluster, &format!("app={}", dashboard::APP));
    // Give the watch a moment to find the pod, so the first message is accurate.
    let _ = tokio::time::timeout(Duration::from_secs(2), target.wait_for(Option::is_some)).await;
    let remote = u16::try_from(dashboard::CONTAINER_PORT)
        .map_err(|_| anyhow!("dashboard port out of range"))?;
    match target.borrow().clone() {
        Some(pod) => eprintln!(
            "Forwarding 127.0.0.1:{} -> pod/{pod}:{remote} in namespace {ns}. Press Ctrl-C to stop.",
            local.port()
        ),
        None => eprintln!(
            "No dashboard pod is ready yet in namespace {ns}; connections wait for one. Press \
Ctrl-C to stop."
        ),
    }
    println!("http://127.0.0.1:{}/", local.port());
    let say: port_forward::Say = Arc::new(|line| eprintln!("{line}"));
    port_forward::serve(
        listener,
        target,
        Arc::new(KubeTunnel::new(&cluster)),
        remote,
        async move {
            // Ctrl-C, SIGTERM and SIGHUP stop forwarding cleanly.
            stop.await;
        },
        say,
    )
    .await?;
    eprintln!("stopped");
    Ok(())
}
