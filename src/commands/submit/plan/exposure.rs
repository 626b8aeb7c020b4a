//! How the job is exposed: `--expose` and the configuration's NodePort keys.

use anyhow::Result;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::Config;
use crate::twister2::spec::{Exposure, IngressExposure};

/// Parse `--expose` (and the config's NodePort keys) into an [`Exposure`].
pub fn exposure(args: &SubmitArgs, config: &Config) -> Result<Exposure> {
    let Some(expose) = args.expose.as_deref() else {
        if config.node_port_requested() {
            return Ok(Exposure::NodePort {
                node_port: config.node_port(),
            });
        }
        return Ok(Exposure::None);
    };
    if expose == "nodeport" || expose.starts_with("nodeport=") {
        return Ok(Exposure::NodePort {
            node_port: config.node_port(),
        });
    }
    if expose == "loadbalancer" {
        return Ok(Exposure::LoadBalancer {
            source_ranges: args.load_balancer_source_ranges.clone(),
        });
    }
    if let Some(target) = expose.strip_prefix("ingress=") {
        let (host, path) = match target.find('/') {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, "/"),
        };
        return Ok(Exposure::Ingress(IngressExposure {
            host: host.to_string(),
            path: path.to_string(),
            class: args.ingress_class.clone(),
            tls_secret: args.tls_secret.clone(),
        }));
    }
    Err(usage(format!(
        "--expose {expose}: use nodeport, nodeport=PORT, loadbalancer or ingress=HOST[/PATH]"
    )))
}
