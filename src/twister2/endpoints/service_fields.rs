//! Readers of Service fields: labels, namespace, ports, nodePorts, protocol and URL scheme.

use std::borrow::Cow;

use k8s_openapi::api::core::v1::{Service, ServicePort};

pub(super) fn label<'a>(
    meta: &'a k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    key: &str,
) -> Option<&'a str> {
    meta.labels.as_ref()?.get(key).map(String::as_str)
}

pub(super) fn is_local(policy: Option<&str>) -> bool {
    policy == Some("Local")
}

/// The ports of a Service with an allocated nodePort.
pub(super) fn node_port_ports(service: &Service) -> Vec<(&ServicePort, u16)> {
    service
        .spec
        .iter()
        .flat_map(|s| s.ports.iter().flatten())
        .filter_map(|p| {
            let node_port = u16::try_from(p.node_port?).ok()?;
            Some((p, node_port))
        })
        .collect()
}

pub(super) fn port_number(port: &ServicePort) -> Option<u16> {
    u16::try_from(port.port).ok()
}

pub(super) fn protocol(port: &ServicePort) -> &str {
    port.protocol.as_deref().unwrap_or("TCP")
}

/// URL scheme of a Service port: `http`/`https` when its appProtocol or name says so (the
/// `http`, `http-…` naming convention), else the transport protocol in lower case.
pub(super) fn scheme(port: &ServicePort) -> &'static str {
    let named = |text: &str, scheme: &str| {
        text == scheme
            || text
                .strip_prefix(scheme)
                .is_some_and(|rest| rest.starts_with('-'))
    };
    let hints = [port.app_protocol.as_deref(), port.name.as_deref()];
    for hint in hints.into_iter().flatten() {
        let hint = hint.to_ascii_lowercase();
        if named(&hint, "https") {
            return "https";
        }
        if named(&hint, "http") {
            return "http";
        }
    }
    match protocol(port) {
        "UDP" => "udp",
        "SCTP" => "sctp",
        _ => "tcp",
    }
}

pub(super) fn http_path(scheme: &str) -> Cow<'static, str> {
    Cow::Borrowed(if scheme.starts_with("http") { "/" } else { "" })
}

pub(super) fn namespace_of(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> &str {
    meta.namespace.as_deref().unwrap_or_default()
}
