//! Service defaults and ClusterIP (10.96.0.0/16) / NodePort (30000-32767) allocation with the real 422 texts.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::status::FieldError;

/// The valid NodePort range.
pub const NODE_PORT_MIN: u16 = 30000;
/// Upper end of the NodePort range (inclusive).
pub const NODE_PORT_MAX: u16 = 32767;
const IP_BASE: u32 = (10 << 24) | (96 << 16);
const IP_COUNT: u32 = 1 << 16;

/// Allocated cluster IPs and node ports.
#[derive(Debug, Default)]
pub struct Allocations {
    node_ports: BTreeSet<u16>,
    cluster_ips: BTreeSet<u32>,
    next_port: u16,
    next_ip: u32,
}

fn ip_to_string(ip: u32) -> String {
    format!(
        "{}.{}.{}.{}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    )
}

fn parse_ip(s: &str) -> Option<u32> {
    let parts: Vec<u32> = s
        .split('.')
        .map(|p| p.parse::<u32>().ok().filter(|n| *n < 256))
        .collect::<Option<_>>()?;
    if parts.len() != 4 {
        return None;
    }
    Some((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3])
}

fn needs_node_ports(svc: &Value) -> bool {
    matches!(
        svc.pointer("/spec/type").and_then(Value::as_str),
        Some("NodePort") | Some("LoadBalancer")
    )
}

fn ports_of(svc: &Value) -> Vec<Value> {
    svc.pointer("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Node ports used by a stored service.
pub fn node_ports_of(svc: &Value) -> Vec<u16> {
    ports_of(svc)
        .iter()
        .filter_map(|p| p.get("nodePort").and_then(Value::as_u64))
        .filter_map(|n| u16::try_from(n).ok())
        .collect()
}

fn cluster_ip_of(svc: &Value) -> Option<u32> {
    svc.pointer("/spec/clusterIP")
        .and_then(Value::as_str)
        .and_then(parse_ip)
}

impl Allocations {
    /// Record the allocations of a stored service (seeding, restarts).
    pub fn register(&mut self, svc: &Value) {
        for p in node_ports_of(svc) {
            self.node_ports.insert(p);
        }
        if let Some(ip) = cluster_ip_of(svc) {
            self.cluster_ips.insert(ip);
        }
    }

    /// Release everything a service held.
    pub fn release(&mut self, svc: &Value) {
        for p in node_ports_of(svc) {
            self.node_ports.remove(&p);
        }
        if let Some(ip) = cluster_ip_of(svc) {
            self.cluster_ips.remove(&ip);
        }
    }

    /// Whether a node port is taken.
    pub fn node_port_taken(&self, port: u16) -> bool {
        self.node_ports.contains(&port)
    }

    fn free_port(&mut self, reserved: &BTreeSet<u16>) -> Option<u16> {
        let span = u32::from(NODE_PORT_MAX - NODE_PORT_MIN) + 1;
        for i in 0..span {
            let candidate = NODE_PORT_MIN + ((u32::from(self.next_port) + i) % span) as u16;
            if !self.node_ports.contains(&candidate) && !reserved.contains(&candidate) {
                self.next_port = ((u32::from(candidate - NODE_PORT_MIN) + 1) % span) as u16;
                return Some(candidate);
            }
        }
        None
    }

    fn free_ip(&mut self) -> Option<u32> {
        // .0 is the network, .1 the `kubernetes` service.
        for i in 0..IP_COUNT {
            let off = (self.next_ip + i) % IP_COUNT;
            if off < 2 || off == IP_COUNT - 1 {
                continue;
            }
            let candidate = IP_BASE + off;
            if !self.cluster_ips.contains(&candidate) {
                self.next_ip = off + 1;
                return Some(candidate);
            }
        }
        None
    }

    /// Default, validate and allocate for a service being created (`old` = None) or updated.
    /// With `dry_run`, validates but allocates nothing.
    pub fn prepare(
        &mut self,
        svc: &mut Value,
        old: Option<&Value>,
        dry_run: bool,
    ) -> Result<(), Vec<FieldError>> {
        apply_defaults(svc);
        let mut errs = Vec::new();
        let svc_type = svc
            .pointer("/spec/type")
            .and_then(Value::as_str)
            .unwrap_or("ClusterIP")
            .to_string();

        // Cluster IP.
        let old_ip = old
            .and_then(|o| o.pointer("/spec/clusterIP"))
            .and_then(Value::as_str)
            .map(String::from);
        let requested_ip = svc
            .pointer("/spec/clusterIP")
            .and_then(Value::as_str)
            .map(String::from);
        let mut new_ip: Option<u32> = None;
        match (&old_ip, &requested_ip) {
            (Some(o), Some(r)) if o != r && !r.is_empty() => {
                errs.push(FieldError::invalid("spec.clusterIPs[0]", json!([r]), "may not change once set"));
            }
            (Some(o), _) => {
                svc["spec"]["clusterIP"] = json!(o);
                svc["spec"]["clusterIPs"] = json!([o]);
            }
            (None, Some(r)) if r == "None" => {
                svc["spec"]["clusterIPs"] = json!(["None"]);
            }
            (None, Some(r)) if !r.is_empty() => match parse_ip(r) {
                Some(ip) if (IP_BASE..IP_BASE + IP_COUNT).contains(&ip) => {
                    if self.cluster_ips.contains(&ip) {
                        errs.push(FieldError::invalid(
                            "spec.clusterIPs",
                            json!([r]),
                            &format!("failed to allocate IP {r}: provided IP is already allocated"),
                        ));
                    } else {
                        new_ip = Some(ip);
                    }
                }
                Some(_) => errs.push(FieldError::invalid(
                    "spec.clusterIPs",
                    json!([r]),
                    &format!("failed to allocate IP {r}: the provided IP ({r}) is not in the valid range. The range of valid IPs is 10.96.0.0/16"),
                )),
                None => errs.push(FieldError::invalid(
                    "spec.clusterIPs[0]",
                    json!(r),
                    "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                )),
            },
            _ => {}
        }

        // Node ports.
        let want_node_ports = needs_node_ports(svc);
        let old_ports = old.map(ports_of).unwrap_or_default();
        let old_node_ports: BTreeSet<u16> = old
            .map(node_ports_of)
            .unwrap_or_default()
            .into_iter()
            .collect();
        let mut ports = ports_of(svc);
        let mut claimed: BTreeSet<u16> = BTreeSet::new();
        let mut to_allocate: Vec<usize> = Vec::new();
        for (i, p) in ports.iter_mut().enumerate() {
            let field = format!("spec.ports[{i}].nodePort");
            match p.get("nodePort").and_then(Value::as_i64) {
                Some(n) if !want_node_ports => {
                    let _ = n;
                    errs.push(FieldError::forbidden(
                        &field,
                        &format!("may not be used when `type` is '{svc_type}'"),
                    ));
                }
                Some(n) => {
                    let in_range = n >= i64::from(NODE_PORT_MIN) && n <= i64::from(NODE_PORT_MAX);
                    let port = u16::try_from(n).unwrap_or(0);
                    if !in_range {
                        errs.push(FieldError::invalid(
                            &field,
                            json!(n),
                            &format!(
                                "provided port is not in the valid range. The range of valid ports is {NODE_PORT_MIN}-{NODE_PORT_MAX}"
                            ),
                        ));
                    } else if claimed.contains(&port) {
                        errs.push(FieldError::duplicate(&field, json!(n)));
                    } else if self.node_ports.contains(&port) && !old_node_ports.contains(&port) {
                        errs.push(FieldError::invalid(
                            &field,
                            json!(n),
                            "provided port is already allocated",
                        ));
                    } else {
                        claimed.insert(port);
                    }
                }
                None if want_node_ports => {
                    // Keep the port an update omitted, as the server does.
                    let same = old_ports.iter().find(|o| {
                        o.get("port") == p.get("port")
                            && o.get("protocol").and_then(Value::as_str).unwrap_or("TCP")
                                == p.get("protocol").and_then(Value::as_str).unwrap_or("TCP")
                    });
                    match same.and_then(|o| o.get("nodePort")).and_then(Value::as_u64) {
                        Some(n) if !claimed.contains(&(n as u16)) => {
                            p["nodePort"] = json!(n);
                            claimed.insert(n as u16);
                        }
                        _ => to_allocate.push(i),
                    }
                }
                None => {}
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        if dry_run {
            svc["spec"]["ports"] = Value::Array(ports);
            return Ok(());
        }
        let mut fresh = Vec::new();
        for i in to_allocate {
            match self.free_port(&claimed) {
                Some(n) => {
                    ports[i]["nodePort"] = json!(n);
                    claimed.insert(n);
                    fresh.push(n);
                }
                None => {
                    return Err(vec![FieldError::invalid(
                        &format!("spec.ports[{i}].nodePort"),
                        json!(0),
                        "failed to allocate a nodePort: range is full",
                    )]);
                }
            }
        }
        if !ports.is_empty() {
            svc["spec"]["ports"] = Value::Array(ports);
        }
        // Commit the allocation: release what the old object held and is gone, hold the new set.
        for p in &old_node_ports {
            if !claimed.contains(p) {
                self.node_ports.remove(p);
            }
        }
        self.node_ports.extend(claimed.iter().copied());
        if old_ip.is_none() && requested_ip.as_deref() != Some("None") {
            let ip = match new_ip {
                Some(ip) => Some(ip),
                None => self.free_ip(),
            };
            if let Some(ip) = ip {
                self.cluster_ips.insert(ip);
                let s = ip_to_string(ip);
                svc["spec"]["clusterIP"] = json!(s);
                svc["spec"]["clusterIPs"] = json!([s]);
            }
        }
        Ok(())
    }
}

/// Defaults the server fills into a Service.
pub fn apply_defaults(svc: &mut Value) {
    let Some(spec) = crate::util::child_obj(svc, "spec") else {
        return;
    };
    let svc_type = spec
        .entry("type")
        .or_insert_with(|| json!("ClusterIP"))
        .as_str()
        .unwrap_or("ClusterIP")
        .to_string();
    spec.entry("sessionAffinity")
        .or_insert_with(|| json!("None"));
    spec.entry("internalTrafficPolicy")
        .or_insert_with(|| json!("Cluster"));
    spec.entry("ipFamilies").or_insert_with(|| json!(["IPv4"]));
    spec.entry("ipFamilyPolicy")
        .or_insert_with(|| json!("SingleStack"));
    if svc_type == "NodePort" || svc_type == "LoadBalancer" {
        spec.entry("externalTrafficPolicy")
            .or_insert_with(|| json!("Cluster"));
    }
    if svc_type == "LoadBalancer" {
        spec.entry("allocateLoadBalancerNodePorts")
            .or_insert_with(|| json!(true));
    }
    if let Some(Value::Array(ports)) = spec.get_mut("ports") {
        for p in ports {
            if let Some(m) = p.as_object_mut() {
                m.entry("protocol").or_insert_with(|| json!("TCP"));
                if !m.contains_key("targetPort")
                    && let Some(port) = m.get("port").cloned()
                {
                    m.insert("targetPort".into(), port);
                }
            }
        }
    }
    if let Some(st) = crate::util::child_obj(svc, "status") {
        st.entry("loadBalancer").or_insert_with(|| json!({}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(ty: &str, ports: Value) -> Value {
        json!({"metadata": {"name": "s"}, "spec": {"type": ty, "ports": ports}})
    }

    #[test]
    fn allocates_and_rejects() {
        let mut a = Allocations::default();
        let mut s1 = svc(
            "NodePort",
            json!([{"port": 80}, {"port": 81, "nodePort": 31000}]),
        );
        a.prepare(&mut s1, None, false).unwrap();
        assert_eq!(s1["spec"]["ports"][0]["nodePort"], 30000);
        assert_eq!(s1["spec"]["ports"][1]["nodePort"], 31000);
        assert_eq!(s1["spec"]["clusterIP"], "10.96.0.2");
        assert_eq!(s1["spec"]["ports"][0]["targetPort"], 80);

        let mut s2 = svc("NodePort", json!([{"port": 80, "nodePort": 31000}]));
        let e = a.prepare(&mut s2, None, false).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated"
        );

        let mut s3 = svc("NodePort", json!([{"port": 80, "nodePort": 40000}]));
        let e = a.prepare(&mut s3, None, false).unwrap_err();
        assert!(
            e[0].to_string()
                .ends_with("The range of valid ports is 30000-32767")
        );

        let mut s4 = svc("ClusterIP", json!([{"port": 80, "nodePort": 30500}]));
        assert!(a.prepare(&mut s4, None, false).is_err());

        // Dry run validates but holds nothing.
        let mut s5 = svc("NodePort", json!([{"port": 80, "nodePort": 30600}]));
        a.prepare(&mut s5, None, true).unwrap();
        assert!(!a.node_port_taken(30600));

        // Update keeps omitted ports; release frees them.
        let mut upd = svc(
            "NodePort",
            json!([{"port": 80}, {"port": 81, "nodePort": 31000}]),
        );
        a.prepare(&mut upd, Some(&s1), false).unwrap();
        assert_eq!(upd["spec"]["ports"][0]["nodePort"], 30000);
        assert_eq!(upd["spec"]["clusterIP"], "10.96.0.2");
        a.release(&upd);
        assert!(!a.node_port_taken(31000));

        let mut headless = json!({"metadata": {"name": "h"}, "spec": {"clusterIP": "None", "ports": [{"port": 1}]}});
        a.prepare(&mut headless, None, false).unwrap();
        assert_eq!(headless["spec"]["clusterIPs"], json!(["None"]));
    }
}
