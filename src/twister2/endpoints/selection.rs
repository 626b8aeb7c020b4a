//! What the user asked for (`Selection`), the label selectors to list with, what the cluster
//! returned (`Inventory`) and who a Service belongs to.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Node, Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;

use super::nodes::AddressType;
use super::service_fields::{is_local, label, node_port_ports};
use crate::twister2::names::{APP, APP_TWISTER2, JOB, WORKER_POD, dashboard, uploader, zookeeper};

/// `app` label values of the services `setup` creates (dashboard, uploader, ZooKeeper).
pub const SETUP_APPS: [&str; 3] = [dashboard::APP, uploader::APP, zookeeper::APP];

/// Up to this many jobs, the worker-pod list names them (`t2-wp in (…)`); beyond, it takes every
/// worker pod (`t2-wp`), to keep the request line short.
const NAMED_POD_SELECTOR_LIMIT: usize = 10;

/// What the user asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'s> {
    /// Only these jobs (empty: every job).
    pub job_ids: &'s [String],
    /// Add setup's services (dashboard, uploader, ZooKeeper).
    pub all_services: bool,
    /// Which node address NodePort rows show.
    pub address_type: AddressType,
}

impl Selection<'_> {
    /// Label selector of the one Service list: job services (either client), and setup's with
    /// `--all-services` (chosen job IDs are then kept client-side).
    pub fn service_selector(&self) -> String {
        if self.all_services {
            let apps: Vec<&str> = std::iter::once(APP_TWISTER2)
                .chain(SETUP_APPS.iter().copied())
                .collect();
            format!("{APP} in ({})", apps.join(","))
        } else {
            self.ingress_selector()
        }
    }

    /// Label selector of the Ingress list (setup creates no Ingress).
    pub fn ingress_selector(&self) -> String {
        match self.job_ids {
            [] => format!("{APP}={APP_TWISTER2}"),
            [one] => format!("{JOB}={one}"),
            ids => format!("{JOB} in ({})", ids.join(",")),
        }
    }

    pub(super) fn wants_job(&self, job: &str) -> bool {
        self.job_ids.is_empty() || self.job_ids.iter().any(|id| id == job)
    }
}

/// The label selectors of the pod lists that NodePort Services with `externalTrafficPolicy:
/// Local` need (none when there is no such Service): the jobs' worker pods (`t2-wp`), and setup's
/// pods when one of setup's Services is Local.
pub fn pod_selectors(services: &[Service], selection: &Selection<'_>) -> Vec<String> {
    let mut jobs = BTreeSet::new();
    let mut setup = false;
    for service in services {
        let Some(spec) = &service.spec else { continue };
        if !(is_local(spec.external_traffic_policy.as_deref())
            && spec.type_.as_deref() == Some("NodePort")
            && !node_port_ports(service).is_empty())
        {
            continue;
        }
        match owner(service, selection) {
            Some(Owner::Job(job)) => {
                jobs.insert(job);
            }
            Some(Owner::Setup) => setup = true,
            None => {}
        }
    }
    let mut selectors = Vec::new();
    if !jobs.is_empty() {
        let ids: Vec<&str> = jobs.into_iter().collect();
        selectors.push(match ids.as_slice() {
            [one] => format!("{WORKER_POD}={one}"),
            many if many.len() <= NAMED_POD_SELECTOR_LIMIT => {
                format!("{WORKER_POD} in ({})", many.join(","))
            }
            _ => WORKER_POD.to_string(),
        });
    }
    if setup {
        selectors.push(format!("{APP} in ({})", SETUP_APPS.join(",")));
    }
    selectors
}

/// What the cluster returned.
#[derive(Debug, Clone, Copy)]
pub struct Inventory<'a> {
    /// The Services of the one list.
    pub services: &'a [Service],
    /// Every node, or `None` when they could not be listed.
    pub nodes: Option<&'a [Node]>,
    /// Pods of the lists [`pod_selectors`] asked for.
    pub pods: &'a [Pod],
    /// The jobs' Ingresses.
    pub ingresses: &'a [Ingress],
}

/// Who a Service or Ingress belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner<'a> {
    Job(&'a str),
    Setup,
}

/// The job (label `t2-job`, if chosen) or setup (label `app` of a setup service, with
/// `--all-services`) a Service belongs to; `None` when it is not wanted.
pub(super) fn owner<'a>(service: &'a Service, selection: &Selection<'_>) -> Option<Owner<'a>> {
    if let Some(job) = label(&service.metadata, JOB) {
        return selection.wants_job(job).then_some(Owner::Job(job));
    }
    let app = label(&service.metadata, APP)?;
    (selection.all_services && SETUP_APPS.contains(&app)).then_some(Owner::Setup)
}
