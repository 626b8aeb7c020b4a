//! Server-side `meta.k8s.io/v1` Tables (what `kubectl get` asks for): the printer columns of
//! pods, nodes, services, statefulsets, configmaps, secrets, namespaces, PVCs; Name/Age otherwise.

use serde_json::{Value, json};

use crate::resources::Res;

/// Whether an `Accept` header asks for a Table.
pub fn wants_table(accept: &str) -> bool {
    accept
        .split(',')
        .next()
        .is_some_and(|first| first.contains("as=Table"))
}

/// kubectl's human duration (`45s`, `3m20s`, `5h`, `2d3h`, `1y20d`).
pub fn human_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    let secs = secs.max(0);
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        let d = hours / 24;
        return if h == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{h}h")
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let y = hours / 24 / 365;
        let d = (hours / 24) % 365;
        return if d == 0 {
            format!("{y}y")
        } else {
            format!("{y}y{d}d")
        };
    }
    format!("{}y", hours / 24 / 365)
}

fn age(obj: &Value) -> String {
    let created = obj
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<jiff::Timestamp>().ok());
    match created {
        Some(t) => human_duration(jiff::Timestamp::now().as_second() - t.as_second()),
        None => "<unknown>".into(),
    }
}

fn s<'a>(obj: &'a Value, p: &str) -> &'a str {
    obj.pointer(p).and_then(Value::as_str).unwrap_or_default()
}

fn col(name: &str, ty: &str, priority: u8) -> Value {
    let format = if name == "Name" { "name" } else { "" };
    json!({"name": name, "type": ty, "format": format, "description": name, "priority": priority})
}

fn pod_cells(p: &Value) -> Vec<Value> {
    let statuses = p
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let total = p
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let ready = statuses.iter().filter(|c| c["ready"] == true).count();
    let restarts: u64 = statuses
        .iter()
        .filter_map(|c| c["restartCount"].as_u64())
        .sum();
    let mut status = s(p, "/status/phase").to_string();
    for c in &statuses {
        if let Some(r) = c.pointer("/state/waiting/reason").and_then(Value::as_str) {
            status = r.to_string();
        } else if let Some(r) = c
            .pointer("/state/terminated/reason")
            .and_then(Value::as_str)
        {
            status = r.to_string();
        }
    }
    if p.pointer("/metadata/deletionTimestamp").is_some() {
        status = "Terminating".into();
    }
    let ip = p
        .pointer("/status/podIP")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    let node = p
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    vec![
        json!(s(p, "/metadata/name")),
        json!(format!("{ready}/{total}")),
        json!(status),
        json!(restarts),
        json!(age(p)),
        json!(ip),
        json!(node),
        json!("<none>"),
        json!("<none>"),
    ]
}

fn node_cells(n: &Value) -> Vec<Value> {
    let ready = n
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|c| {
            c.iter()
                .any(|x| x["type"] == "Ready" && x["status"] == "True")
        });
    let mut status = if ready {
        "Ready".to_string()
    } else {
        "NotReady".to_string()
    };
    if n.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push_str(",SchedulingDisabled");
    }
    let addr = |t: &str| {
        n.pointer("/status/addresses")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find(|x| x["type"] == t))
            .and_then(|x| x["address"].as_str())
            .unwrap_or("<none>")
            .to_string()
    };
    let roles: Vec<String> = n
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|l| {
            l.keys()
                .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/").map(String::from))
                .collect()
        })
        .unwrap_or_default();
    vec![
        json!(s(n, "/metadata/name")),
        json!(status),
        json!(if roles.is_empty() {
            "<none>".to_string()
        } else {
            roles.join(",")
        }),
        json!(age(n)),
        json!(s(n, "/status/nodeInfo/kubeletVersion")),
        json!(addr("InternalIP")),
        json!(addr("ExternalIP")),
        json!(s(n, "/status/nodeInfo/osImage")),
        json!(s(n, "/status/nodeInfo/kernelVersion")),
        json!(s(n, "/status/nodeInfo/containerRuntimeVersion")),
    ]
}

fn service_cells(v: &Value) -> Vec<Value> {
    let ty = s(v, "/spec/type");
    let external = match ty {
        "LoadBalancer" => {
            let ingress: Vec<String> = v
                .pointer("/status/loadBalancer/ingress")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(|i| {
                            i["ip"]
                                .as_str()
                                .or(i["hostname"].as_str())
                                .map(String::from)
                        })
                        .collect()
                })
                .unwrap_or_default();
            if ingress.is_empty() {
                "<pending>".to_string()
            } else {
                ingress.join(",")
            }
        }
        "ExternalName" => s(v, "/spec/externalName").to_string(),
        _ => "<none>".to_string(),
    };
    let ports: Vec<String> = v
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    let proto = p["protocol"].as_str().unwrap_or("TCP");
                    match p["nodePort"].as_u64() {
                        Some(np) => format!("{}:{np}/{proto}", p["port"]),
                        None => format!("{}/{proto}", p["port"]),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let selector: Vec<String> = v
        .pointer("/spec/selector")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, x)| format!("{k}={}", x.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    vec![
        json!(s(v, "/metadata/name")),
        json!(ty),
        json!(s(v, "/spec/clusterIP")),
        json!(external),
        json!(if ports.is_empty() {
            "<none>".to_string()
        } else {
            ports.join(",")
        }),
        json!(age(v)),
        json!(if selector.is_empty() {
            "<none>".to_string()
        } else {
            selector.join(",")
        }),
    ]
}

fn columns_and_cells(res: Res, obj: &Value) -> (Vec<Value>, Vec<Value>) {
    let name = json!(s(obj, "/metadata/name"));
    match (res.info().group, res.info().plural) {
        ("", "pods") => (
            vec![
                col("Name", "string", 0),
                col("Ready", "string", 0),
                col("Status", "string", 0),
                col("Restarts", "string", 0),
                col("Age", "string", 0),
                col("IP", "string", 1),
                col("Node", "string", 1),
                col("Nominated Node", "string", 1),
                col("Readiness Gates", "string", 1),
            ],
            pod_cells(obj),
        ),
        ("", "nodes") => (
            vec![
                col("Name", "string", 0),
                col("Status", "string", 0),
                col("Roles", "string", 0),
                col("Age", "string", 0),
                col("Version", "string", 0),
                col("Internal-IP", "string", 1),
                col("External-IP", "string", 1),
                col("OS-Image", "string", 1),
                col("Kernel-Version", "string", 1),
                col("Container-Runtime", "string", 1),
            ],
            node_cells(obj),
        ),
        ("", "services") => (
            vec![
                col("Name", "string", 0),
                col("Type", "string", 0),
                col("Cluster-IP", "string", 0),
                col("External-IP", "string", 0),
                col("Port(s)", "string", 0),
                col("Age", "string", 0),
                col("Selector", "string", 1),
            ],
            service_cells(obj),
        ),
        ("apps", "statefulsets") => {
            let ready = obj
                .pointer("/status/readyReplicas")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            let want = obj
                .pointer("/spec/replicas")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            (
                vec![
                    col("Name", "string", 0),
                    col("Ready", "string", 0),
                    col("Age", "string", 0),
                ],
                vec![name, json!(format!("{ready}/{want}")), json!(age(obj))],
            )
        }
        ("", "configmaps") => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len())
                + obj
                    .get("binaryData")
                    .and_then(Value::as_object)
                    .map_or(0, |m| m.len());
            (
                vec![
                    col("Name", "string", 0),
                    col("Data", "integer", 0),
                    col("Age", "string", 0),
                ],
                vec![name, json!(n), json!(age(obj))],
            )
        }
        ("", "secrets") => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len());
            (
                vec![
                    col("Name", "string", 0),
                    col("Type", "string", 0),
                    col("Data", "integer", 0),
                    col("Age", "string", 0),
                ],
                vec![name, json!(s(obj, "/type")), json!(n), json!(age(obj))],
            )
        }
        ("", "namespaces") => (
            vec![
                col("Name", "string", 0),
                col("Status", "string", 0),
                col("Age", "string", 0),
            ],
            vec![name, json!(s(obj, "/status/phase")), json!(age(obj))],
        ),
        ("", "persistentvolumeclaims") => (
            vec![
                col("Name", "string", 0),
                col("Status", "string", 0),
                col("Volume", "string", 0),
                col("Capacity", "string", 0),
                col("Access Modes", "string", 0),
                col("StorageClass", "string", 0),
                col("Age", "string", 0),
            ],
            vec![
                name,
                json!(s(obj, "/status/phase")),
                json!(s(obj, "/spec/volumeName")),
                json!(s(obj, "/status/capacity/storage")),
                json!(
                    obj.pointer("/status/accessModes")
                        .and_then(Value::as_array)
                        .map(|a| a
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|m| match m {
                                "ReadWriteOnce" => "RWO",
                                "ReadOnlyMany" => "ROX",
                                "ReadWriteMany" => "RWX",
                                "ReadWriteOncePod" => "RWOP",
                                other => other,
                            })
                            .collect::<Vec<_>>()
                            .join(","))
                        .unwrap_or_default()
                ),
                json!(s(obj, "/spec/storageClassName")),
                json!(age(obj)),
            ],
        ),
        _ => (
            vec![col("Name", "string", 0), col("Age", "string", 0)],
            vec![name, json!(age(obj))],
        ),
    }
}

fn partial_metadata(obj: &Value) -> Value {
    json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": obj.get("metadata").cloned().unwrap_or(json!({}))})
}

/// A Table for the objects of a list (or one object); `list_meta` is the list's metadata.
pub fn table(res: Res, objects: &[Value], list_meta: Value, include_object: bool) -> Value {
    let mut columns = columns_and_cells(res, &json!({})).0;
    let rows: Vec<Value> = objects
        .iter()
        .map(|o| {
            let (cols, cells) = columns_and_cells(res, o);
            columns = cols;
            let object = if include_object {
                o.clone()
            } else {
                partial_metadata(o)
            };
            json!({"cells": cells, "object": object})
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": list_meta,
        "columnDefinitions": columns,
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(human_duration(5), "5s");
        assert_eq!(human_duration(119), "119s");
        assert_eq!(human_duration(200), "3m20s");
        assert_eq!(human_duration(600), "10m");
        assert_eq!(human_duration(5 * 3600), "5h");
        assert_eq!(human_duration(5 * 3600 + 120), "5h2m");
        assert_eq!(human_duration(30 * 3600), "30h");
        assert_eq!(human_duration(51 * 3600), "2d3h");
        assert_eq!(human_duration(40 * 86400), "40d");
        assert!(wants_table(
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
        ));
        assert!(!wants_table("application/json"));
    }

    #[test]
    fn pod_and_service_rows() {
        let pod = json!({"metadata": {"name": "p", "creationTimestamp": "2020-01-01T00:00:00Z"},
            "spec": {"containers": [{"name": "c"}], "nodeName": "n"},
            "status": {"phase": "Pending", "containerStatuses": [{"ready": false, "restartCount": 2, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}});
        let t = table(Res::pods(), &[pod], json!({}), false);
        assert_eq!(t["rows"][0]["cells"][1], "0/1");
        assert_eq!(t["rows"][0]["cells"][2], "CrashLoopBackOff");
        assert_eq!(t["rows"][0]["object"]["kind"], "PartialObjectMetadata");
        let svc = json!({"metadata": {"name": "s"}, "spec": {"type": "NodePort", "clusterIP": "10.96.0.2", "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}]}});
        let t = table(Res::services(), &[svc], json!({}), false);
        assert_eq!(t["rows"][0]["cells"][4], "80:30080/TCP");
    }
}
