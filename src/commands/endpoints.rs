//! `kubectl twister2 endpoints`: how to reach the jobs' workers from outside — one row per way in
//! (JOB, SERVICE, TYPE, NODE, ADDRESS, PORT, URL), `--check` probes, and `-o wide|json|yaml|name`.
//! Output is streamed: rows are generated while written, so thousands of nodes times hundreds
//! of NodePorts cost no more memory than the objects read.

use std::io::{self, Write};

use anyhow::{Result, anyhow};

use crate::cli::endpoints::{AddressTypeArg, EndpointsArgs};
use crate::cli::{GlobalArgs, ListFormat};
use crate::cluster::endpoints::{probe_all, probe_timeout, read};
use crate::cluster::job_objects::Scope;
use crate::cluster::{self, Cluster};
use crate::commands::kill::check_job_ids;
use crate::output::endpoints::View;
use crate::twister2::endpoints::{AddressType, Endpoints, Inventory, Selection, endpoints};

/// Run `endpoints`.
pub async fn run(global: &GlobalArgs, args: &EndpointsArgs) -> Result<()> {
    check_job_ids(&args.job_ids)?;
    let cluster = cluster::connect(global).await?;
    let scope = if args.all_namespaces {
        Scope::AllNamespaces
    } else {
        Scope::Namespace(&cluster.namespace)
    };
    let selection = Selection {
        job_ids: &args.job_ids,
        all_services: args.all_services,
        address_type: address_type(args.address_type),
    };
    let reads = read(&cluster, scope, &selection).await?;
    for warning in &reads.warnings {
        eprintln!("warning: {warning}");
    }
    let inventory = Inventory {
        services: &reads.services,
        nodes: reads.nodes.as_deref().ok(),
        pods: &reads.pods,
        ingresses: &reads.ingresses,
    };
    let found = endpoints(&inventory, &selection);
    for note in &found.notes {
        eprintln!("note: {note}");
    }
    let checks = if args.check {
        let targets: Vec<Option<(&str, u16)>> = found.rows().map(|r| r.probe_target()).collect();
        Some(probe_all(&targets, probe_timeout(cluster.request_timeout)).await)
    } else {
        None
    };
    let format = args.output.output;
    let view = View {
        endpoints: &found,
        checks: checks.as_deref(),
        all_namespaces: args.all_namespaces,
    };
    let written = {
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        view.write(&mut out, format, args.output.no_headers)
            .and_then(|()| out.flush())
    };
    match written {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        other => other?,
    }
    if found.is_empty() && !matches!(format, ListFormat::Json | ListFormat::Yaml) {
        eprintln!("{}", empty_message(&cluster, args.all_namespaces));
    }
    let mut problems = Vec::new();
    if found.nodes_unknown
        && let Err(why) = &reads.nodes
    {
        problems.push(format!(
            "cannot list nodes, so the NodePort endpoints have no address: {why}"
        ));
    }
    problems.extend(missing(&found, &cluster, args.all_namespaces));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(anyhow!(problems.join("\n")))
    }
}

fn address_type(arg: Option<AddressTypeArg>) -> AddressType {
    match arg {
        None => AddressType::Preferred,
        Some(AddressTypeArg::External) => AddressType::External,
        Some(AddressTypeArg::Internal) => AddressType::Internal,
        Some(AddressTypeArg::Hostname) => AddressType::Hostname,
    }
}

/// kubectl's "No resources found" for endpoints.
fn empty_message(cluster: &Cluster, all_namespaces: bool) -> String {
    if all_namespaces {
        "No endpoints found.".to_string()
    } else {
        format!("No endpoints found in namespace {}.", cluster.namespace)
    }
}

/// The problem of chosen jobs that do not exist (reported after the rows of those that do).
fn missing(found: &Endpoints<'_>, cluster: &Cluster, all_namespaces: bool) -> Option<String> {
    if found.missing_jobs.is_empty() {
        return None;
    }
    let jobs: Vec<String> = found
        .missing_jobs
        .iter()
        .map(|j| format!("{j:?}"))
        .collect();
    let (noun, verb) = if jobs.len() == 1 {
        ("job", "is")
    } else {
        ("jobs", "are")
    };
    let place = if all_namespaces {
        "in any namespace".to_string()
    } else {
        format!("in namespace {:?}", cluster.namespace)
    };
    Some(format!(
        "{noun} {} {verb} not found {place} (`kubectl twister2 jobs{}` lists the jobs there)",
        jobs.join(", "),
        if all_namespaces {
            " -A".to_string()
        } else {
            format!(" -n {}", cluster.namespace)
        }
    ))
}
