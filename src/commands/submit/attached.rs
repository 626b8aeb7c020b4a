//! After a submit: staying attached while the job runs — delivering the package to pods that
//! (re)start (direct method), following the logs, and waiting for the end with its outcome.

use anyhow::{Result, anyhow};

use super::delivery::Delivery;
use crate::cluster::job_wait::OutcomeRules;
use crate::cluster::logs::{Destination, LogOptions, Tail};
use crate::cluster::{self, Cluster};
use crate::twister2::submit::Plan;

/// After the job runs: keep delivering the package (direct method) and/or wait for the end.
pub(super) async fn attached(
    cluster: &Cluster,
    plan: &Plan,
    delivery: &Delivery,
    wait: bool,
    follow: bool,
    interrupted: std::pin::Pin<&mut impl std::future::Future<Output = &'static str>>,
) -> Result<()> {
    let job_id = &plan.spec.job_id;
    if delivery.is_direct() {
        eprintln!(
            "staying attached until the job ends: with the direct upload method this client copies \
the package into pods as they (re)start. Ctrl-C detaches (the job keeps running, but restarted \
pods will not get the package); `kubectl twister2 setup uploader` avoids this."
        );
    }
    let end = async {
        let rules = OutcomeRules {
            max_worker_restarts: plan.config.max_worker_restarts(),
            zookeeper: plan.config.zookeeper_addresses().is_some(),
        };
        cluster::job_wait::wait_for_job_end(cluster, job_id, &rules).await
    };
    // --follow: the logs command's streamer, from the first line of every container; it ends
    // by itself when the job's ConfigMap is gone.
    let logs = async {
        if !follow {
            return Ok(());
        }
        let color = crate::output::terminal::use_color(
            crate::output::terminal::ColorChoice::Auto,
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
        );
        let options = LogOptions {
            tail: Tail::All,
            destination: Destination::Print {
                prefix: true,
                color,
            },
            ..LogOptions::default()
        };
        cluster::logs::follow_job(
            cluster,
            job_id,
            &options,
            Box::new(std::io::stdout()),
            std::future::pending(),
        )
        .await
    };
    let run_all = async {
        let (outcome, followed) = futures::join!(end, logs);
        (outcome, followed)
    };
    let redelivered = delivery.keep_delivering();
    tokio::pin!(redelivered);
    let (outcome, followed) = tokio::select! {
        all = run_all => all,
        result = &mut redelivered => {
            result?;
            return Err(anyhow!("the package delivery of job {job_id} stopped"));
        }
        signal = interrupted => {
            eprintln!("detached ({signal}); job {job_id} keeps running (kill it with `kubectl twister2 kill {job_id}`)");
            delivery.stop();
            return Ok(());
        }
    };
    delivery.stop();
    followed?;
    let outcome = outcome?;
    if !wait {
        eprintln!("job {job_id} ended: {outcome}");
        return Ok(());
    }
    if outcome.is_failure() {
        return Err(crate::exit::ExitStatus {
            code: 3,
            message: format!("job {job_id} ended {outcome}"),
        }
        .into());
    }
    eprintln!("job {job_id} {outcome}");
    Ok(())
}
