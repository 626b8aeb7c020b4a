//! The object settings of a submit: every object option from the flags and the configuration
//! (image, pull policy, ports' protocol, mappings, claim access mode, targets, volumes,
//! exposure, placement), each parsed once into its typed value.

use std::str::FromStr;

use anyhow::Result;

use crate::cli::jobs::ObjectArgs;
use crate::exit::{Problems, usage};
use crate::twister2::config::{Config, keys};
use crate::twister2::names::{DEFAULT_DATACENTER_LABEL_KEY, DEFAULT_RACK_LABEL_KEY};
use crate::twister2::spec::{
    AccessMode, ExistingVolume, Exposure, ExternalTrafficPolicy, IngressExposure, NodeMapping,
    NodeSelectorOperator, NodeTarget, Placement, PullPolicy, SpreadDomain, TransportProtocol,
    UniformMapping,
};
use crate::twister2::submit::ObjectSettings;

/// The parsed value, or `None` with the problem noted.
fn parse_or_note<T>(problems: &mut Problems, what: &str, result: Result<T, String>) -> Option<T> {
    result
        .map_err(|e| problems.usage(format!("{what}: {e}")))
        .ok()
}

/// Every object option, from the flags and the configuration; `None` when any was invalid (the
/// problems are noted).
pub fn object_settings(
    o: &ObjectArgs,
    config: &Config,
    problems: &mut Problems,
) -> Option<ObjectSettings> {
    let before = problems.len();
    let image = config.docker_image().map(str::to_string);
    if image.is_none() {
        problems.usage("no image: give --image (or twister2.resource.kubernetes.docker.image)");
    }
    let pull_policy = parse_or_note(
        problems,
        keys::IMAGE_PULL_POLICY,
        PullPolicy::from_str(config.image_pull_policy()),
    );
    let transport = parse_or_note(
        problems,
        keys::TRANSPORT_PROTOCOL,
        TransportProtocol::from_str(config.transport_protocol()),
    );
    let uniform = parse_or_note(
        problems,
        keys::WORKER_MAPPING_UNIFORM,
        UniformMapping::from_str(config.uniform_mapping()),
    );
    let access_mode = parse_or_note(
        problems,
        keys::STORAGE_ACCESS_MODE,
        AccessMode::from_str(config.storage_access_mode()),
    );
    let targets: Vec<NodeTarget> = o
        .targets
        .iter()
        .filter_map(|t| parse_or_note(problems, "--target", NodeTarget::from_str(t)))
        .collect();
    let volumes: Vec<ExistingVolume> = o
        .volumes
        .iter()
        .filter_map(|v| parse_or_note(problems, "--volume", ExistingVolume::from_str(v)))
        .collect();
    let external_traffic_policy = o.external_traffic_policy.as_deref().and_then(|p| {
        parse_or_note(
            problems,
            "--external-traffic-policy",
            ExternalTrafficPolicy::from_str(p),
        )
    });
    let spread = o
        .spread
        .as_deref()
        .and_then(|s| parse_or_note(problems, "--spread", SpreadDomain::from_str(s)));
    let node_mapping = config.node_mapping().and_then(|m| {
        let operator = parse_or_note(
            problems,
            keys::WORKER_MAPPING_OPERATOR,
            NodeSelectorOperator::from_str(&m.operator),
        )?;
        Some(NodeMapping {
            key: m.key,
            operator,
            values: m.values,
        })
    });
    let exposure = problems.take(exposure(o, config));
    if problems.len() > before {
        return None;
    }
    Some(ObjectSettings {
        image: image?,
        image_pull_policy: pull_policy?,
        image_pull_secret: o.image_pull_secret.clone(),
        transport_protocol: transport?,
        uniform_mapping: uniform?,
        node_mapping,
        storage_access_mode: access_mode?,
        targets,
        volumes,
        guaranteed: o.guaranteed,
        exposure: exposure?,
        external_traffic_policy,
        placement: Placement {
            spread,
            racks: o.racks.clone(),
            datacenters: o.datacenters.clone(),
            rack_label_key: config
                .rack_label_key()
                .unwrap_or(DEFAULT_RACK_LABEL_KEY)
                .to_string(),
            datacenter_label_key: config
                .datacenter_label_key()
                .unwrap_or(DEFAULT_DATACENTER_LABEL_KEY)
                .to_string(),
        },
    })
}

/// Parse `--expose` (and the config's NodePort keys) into an [`Exposure`].
fn exposure(o: &ObjectArgs, config: &Config) -> Result<Exposure> {
    let Some(expose) = o.expose.as_deref() else {
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
            source_ranges: o.load_balancer_source_ranges.clone(),
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
            class: o.ingress_class.clone(),
            tls_secret: o.tls_secret.clone(),
        }));
    }
    Err(usage(format!(
        "--expose {expose}: use nodeport, nodeport=PORT, loadbalancer or ingress=HOST[/PATH]"
    )))
}
