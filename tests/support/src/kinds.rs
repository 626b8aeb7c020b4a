//! Per-kind defaults and validation the real server applies on create and update (pods, statefulsets, secrets, ...).

use base64::Engine;
use serde_json::{Value, json};

use crate::resources::Res;
use crate::selectors::LabelSelector;
use crate::status::FieldError;

/// Defaults of the desired state (`spec`, Secret `type`) the server fills on create and update.
pub fn spec_defaults(res: Res, obj: &mut Value) {
    match (res.info().group, res.info().plural) {
        ("", "pods") => pod_spec_defaults(obj),
        ("", "secrets") => {
            if let Some(m) = obj.as_object_mut() {
                m.entry("type").or_insert_with(|| json!("Opaque"));
            }
        }
        ("", "persistentvolumeclaims") => {
            if let Some(spec) = crate::util::child_obj(obj, "spec") {
                spec.entry("volumeMode")
                    .or_insert_with(|| json!("Filesystem"));
            }
        }
        ("", "services") => crate::services::apply_defaults(obj),
        ("apps", "statefulsets") => {
            if let Some(spec) = crate::util::child_obj(obj, "spec") {
                spec.entry("replicas").or_insert_with(|| json!(1));
                spec.entry("podManagementPolicy")
                    .or_insert_with(|| json!("OrderedReady"));
                spec.entry("revisionHistoryLimit")
                    .or_insert_with(|| json!(10));
                spec.entry("updateStrategy").or_insert_with(
                    || json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}),
                );
                spec.entry("persistentVolumeClaimRetentionPolicy")
                    .or_insert_with(|| json!({"whenDeleted": "Retain", "whenScaled": "Retain"}));
            }
        }
        ("apps", "deployments") => {
            if let Some(spec) = crate::util::child_obj(obj, "spec") {
                spec.entry("replicas").or_insert_with(|| json!(1));
                spec.entry("revisionHistoryLimit")
                    .or_insert_with(|| json!(10));
                spec.entry("progressDeadlineSeconds")
                    .or_insert_with(|| json!(600));
                spec.entry("strategy").or_insert_with(|| {
                    json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}})
                });
            }
        }
        _ => {}
    }
}

/// Fill the defaults the server adds on create (spec defaults plus initial status).
pub fn defaults_on_create(res: Res, obj: &mut Value) {
    spec_defaults(res, obj);
    match (res.info().group, res.info().plural) {
        ("", "pods") if obj.pointer("/status/phase").is_none() => {
            obj["status"] = json!({"phase": "Pending", "qosClass": "BestEffort"});
        }
        ("", "namespaces") => {
            let name = crate::util::name_of(obj).to_string();
            if let Some(meta) = crate::util::meta_mut(obj) {
                let labels = meta.entry("labels").or_insert_with(|| json!({}));
                if let Some(l) = labels.as_object_mut() {
                    l.insert("kubernetes.io/metadata.name".into(), json!(name));
                }
            }
            if let Some(spec) = crate::util::child_obj(obj, "spec") {
                spec.entry("finalizers")
                    .or_insert_with(|| json!(["kubernetes"]));
            }
            obj["status"] = json!({"phase": "Active"});
        }
        ("", "persistentvolumeclaims")
            if obj.get("status").is_none_or(|s| s.get("phase").is_none()) =>
        {
            obj["status"] = json!({"phase": "Pending"});
        }
        ("apps", "statefulsets") if obj.get("status").is_none() => {
            obj["status"] = json!({"replicas": 0, "availableReplicas": 0});
        }
        ("networking.k8s.io", "ingresses") if obj.get("status").is_none() => {
            obj["status"] = json!({"loadBalancer": {}});
        }
        _ => {}
    }
}

fn pod_spec_defaults(obj: &mut Value) {
    if let Some(spec) = crate::util::child_obj(obj, "spec") {
        spec.entry("restartPolicy")
            .or_insert_with(|| json!("Always"));
        spec.entry("dnsPolicy")
            .or_insert_with(|| json!("ClusterFirst"));
        spec.entry("schedulerName")
            .or_insert_with(|| json!("default-scheduler"));
        spec.entry("terminationGracePeriodSeconds")
            .or_insert_with(|| json!(30));
        spec.entry("serviceAccountName")
            .or_insert_with(|| json!("default"));
        spec.entry("enableServiceLinks")
            .or_insert_with(|| json!(true));
        if let Some(Value::Array(cs)) = spec.get_mut("containers") {
            for c in cs {
                if let Some(m) = c.as_object_mut() {
                    let latest = m.get("image").and_then(Value::as_str).is_some_and(|i| {
                        i.ends_with(":latest") || !i.rsplit('/').next().unwrap_or(i).contains(':')
                    });
                    m.entry("imagePullPolicy")
                        .or_insert_with(|| json!(if latest { "Always" } else { "IfNotPresent" }));
                    m.entry("terminationMessagePath")
                        .or_insert_with(|| json!("/dev/termination-log"));
                    m.entry("terminationMessagePolicy")
                        .or_insert_with(|| json!("File"));
                }
            }
        }
    }
}

/// Convert a Secret's `stringData` into base64 `data`, as the server does.
pub fn fold_string_data(obj: &mut Value) {
    let Some(map) = obj.as_object_mut() else {
        return;
    };
    let Some(Value::Object(sd)) = map.remove("stringData") else {
        return;
    };
    let data = map.entry("data").or_insert_with(|| json!({}));
    if !data.is_object() {
        *data = json!({});
    }
    if let Some(d) = data.as_object_mut() {
        for (k, v) in sd {
            let text = v.as_str().unwrap_or_default();
            d.insert(
                k,
                json!(base64::engine::general_purpose::STANDARD.encode(text)),
            );
        }
    }
}

/// The JSON type a field must have.
#[derive(Clone, Copy)]
enum Shape {
    Object,
    StringMap,
    ObjectArray,
    StringArray,
    String,
    Integer,
}

impl Shape {
    fn fits(self, v: &Value) -> bool {
        match self {
            Shape::Object => v.is_object(),
            Shape::StringMap => v
                .as_object()
                .is_some_and(|m| m.values().all(Value::is_string)),
            Shape::ObjectArray => v.as_array().is_some_and(|a| a.iter().all(Value::is_object)),
            Shape::StringArray => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Shape::String => v.is_string(),
            Shape::Integer => v.is_i64() || v.is_u64(),
        }
    }

    fn go_type(self) -> &'static str {
        match self {
            Shape::Object => "struct",
            Shape::StringMap => "map[string]string",
            Shape::ObjectArray => "[]struct",
            Shape::StringArray => "[]string",
            Shape::String => "string",
            Shape::Integer => "int32",
        }
    }
}

const COMMON_SHAPES: &[(&str, Shape)] = &[
    ("/metadata", Shape::Object),
    ("/metadata/name", Shape::String),
    ("/metadata/namespace", Shape::String),
    ("/metadata/generateName", Shape::String),
    ("/metadata/resourceVersion", Shape::String),
    ("/metadata/uid", Shape::String),
    ("/metadata/labels", Shape::StringMap),
    ("/metadata/annotations", Shape::StringMap),
    ("/metadata/ownerReferences", Shape::ObjectArray),
    ("/metadata/finalizers", Shape::StringArray),
    ("/metadata/managedFields", Shape::ObjectArray),
    ("/spec", Shape::Object),
    ("/status", Shape::Object),
];

fn kind_shapes(res: Res) -> &'static [(&'static str, Shape)] {
    match (res.info().group, res.info().plural) {
        ("", "pods") => &[
            ("/spec/containers", Shape::ObjectArray),
            ("/spec/initContainers", Shape::ObjectArray),
            ("/spec/volumes", Shape::ObjectArray),
            ("/spec/nodeName", Shape::String),
            ("/status/containerStatuses", Shape::ObjectArray),
            ("/status/initContainerStatuses", Shape::ObjectArray),
            ("/status/conditions", Shape::ObjectArray),
            ("/status/phase", Shape::String),
        ],
        ("apps", "statefulsets") | ("apps", "deployments") => &[
            ("/spec/replicas", Shape::Integer),
            ("/spec/selector", Shape::Object),
            ("/spec/selector/matchLabels", Shape::StringMap),
            ("/spec/selector/matchExpressions", Shape::ObjectArray),
            ("/spec/template", Shape::Object),
            ("/spec/template/metadata", Shape::Object),
            ("/spec/template/metadata/labels", Shape::StringMap),
            ("/spec/template/metadata/annotations", Shape::StringMap),
            ("/spec/template/spec", Shape::Object),
            ("/spec/template/spec/containers", Shape::ObjectArray),
            ("/spec/template/spec/volumes", Shape::ObjectArray),
            ("/spec/volumeClaimTemplates", Shape::ObjectArray),
            ("/spec/serviceName", Shape::String),
        ],
        ("", "services") => &[
            ("/spec/ports", Shape::ObjectArray),
            ("/spec/selector", Shape::StringMap),
            ("/spec/type", Shape::String),
            ("/spec/clusterIP", Shape::String),
            ("/status/loadBalancer", Shape::Object),
            ("/status/loadBalancer/ingress", Shape::ObjectArray),
        ],
        ("", "configmaps") => &[
            ("/data", Shape::StringMap),
            ("/binaryData", Shape::StringMap),
        ],
        ("", "secrets") => &[
            ("/data", Shape::StringMap),
            ("/stringData", Shape::StringMap),
            ("/type", Shape::String),
        ],
        ("", "nodes") => &[
            ("/status/addresses", Shape::ObjectArray),
            ("/status/conditions", Shape::ObjectArray),
        ],
        ("", "namespaces") => &[("/status/phase", Shape::String)],
        ("", "persistentvolumeclaims") => &[
            ("/spec/resources", Shape::Object),
            ("/spec/accessModes", Shape::StringArray),
        ],
        ("", "events") => &[("/involvedObject", Shape::Object)],
        ("rbac.authorization.k8s.io", "roles") | ("rbac.authorization.k8s.io", "clusterroles") => {
            &[("/rules", Shape::ObjectArray)]
        }
        ("rbac.authorization.k8s.io", "rolebindings")
        | ("rbac.authorization.k8s.io", "clusterrolebindings") => &[
            ("/subjects", Shape::ObjectArray),
            ("/roleRef", Shape::Object),
        ],
        _ => &[],
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Reject bodies whose fields have the wrong JSON types, as the server's decoder does (400).
pub fn check_shape(res: Res, obj: &Value) -> Result<(), crate::status::ApiError> {
    let kind = res.info().kind;
    let fail = |detail: String| {
        crate::status::ApiError::bad_request(format!(
            "{kind} in version \"{}\" cannot be handled as a {kind}: {detail}",
            res.info().version
        ))
    };
    if !obj.is_object() {
        return Err(fail(format!(
            "json: cannot unmarshal {} into Go value of type struct",
            json_type(obj)
        )));
    }
    for (path, shape) in COMMON_SHAPES.iter().chain(kind_shapes(res).iter()) {
        if let Some(v) = obj.pointer(path)
            && !v.is_null()
            && !shape.fits(v)
        {
            let field = path.trim_start_matches('/').replace('/', ".");
            return Err(fail(format!(
                "json: cannot unmarshal {} into Go struct field {kind}.{field} of type {}",
                json_type(v),
                shape.go_type()
            )));
        }
    }
    Ok(())
}

/// Validation shared by create and update (kind-specific required fields).
pub fn validate(res: Res, obj: &Value) -> Vec<FieldError> {
    let mut errs = crate::validation::validate_labels(obj);
    match (res.info().group, res.info().plural) {
        ("", "pods") => validate_containers(obj.pointer("/spec"), "spec", &mut errs),
        ("apps", "statefulsets") | ("apps", "deployments") => {
            let Some(sel) = obj.pointer("/spec/selector") else {
                errs.push(FieldError::required("spec.selector", ""));
                return errs;
            };
            let labels = obj
                .pointer("/spec/template/metadata/labels")
                .cloned()
                .unwrap_or(json!({}));
            let selector = LabelSelector::from_label_selector_object(sel);
            if selector.is_empty() {
                errs.push(FieldError::invalid(
                    "spec.selector",
                    sel.clone(),
                    "empty selector is invalid for deployment",
                ));
            } else if !selector.matches(&json!({"metadata": {"labels": labels}})) {
                errs.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    json!(go_map(&labels)),
                    "`selector` does not match template `labels`",
                ));
            }
            validate_containers(
                obj.pointer("/spec/template/spec"),
                "spec.template.spec",
                &mut errs,
            );
            if let Some(r) = obj.pointer("/spec/replicas").and_then(Value::as_i64)
                && r < 0
            {
                errs.push(FieldError::invalid(
                    "spec.replicas",
                    json!(r),
                    "must be greater than or equal to 0",
                ));
            }
        }
        ("", "services") => {
            let ports = obj.pointer("/spec/ports").and_then(Value::as_array);
            let headless = obj.pointer("/spec/clusterIP").and_then(Value::as_str) == Some("None");
            let external =
                obj.pointer("/spec/type").and_then(Value::as_str) == Some("ExternalName");
            if ports.is_none_or(|p| p.is_empty()) && !headless && !external {
                errs.push(FieldError::required("spec.ports", ""));
            }
            if let Some(t) = obj.pointer("/spec/type").and_then(Value::as_str)
                && !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&t)
            {
                errs.push(FieldError::not_supported(
                    "spec.type",
                    json!(t),
                    &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
                ));
            }
            for (i, p) in ports.into_iter().flatten().enumerate() {
                match p.get("port").and_then(Value::as_i64) {
                    None => errs.push(FieldError::required(&format!("spec.ports[{i}].port"), "")),
                    Some(n) if !(1..=65535).contains(&n) => errs.push(FieldError::invalid(
                        &format!("spec.ports[{i}].port"),
                        json!(n),
                        "must be between 1 and 65535, inclusive",
                    )),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    errs
}

fn go_map(v: &Value) -> String {
    let pairs: Vec<String> = v
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect())
        .unwrap_or_default();
    format!("map[string]string{{{}}}", pairs.join(", "))
}

fn validate_containers(spec: Option<&Value>, prefix: &str, errs: &mut Vec<FieldError>) {
    let containers = spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_array);
    match containers {
        None => errs.push(FieldError::required(&format!("{prefix}.containers"), "")),
        Some(cs) if cs.is_empty() => {
            errs.push(FieldError::required(&format!("{prefix}.containers"), ""))
        }
        Some(cs) => {
            let mut seen = Vec::new();
            for (i, c) in cs.iter().enumerate() {
                let name = c.get("name").and_then(Value::as_str).unwrap_or_default();
                if name.is_empty() {
                    errs.push(FieldError::required(
                        &format!("{prefix}.containers[{i}].name"),
                        "",
                    ));
                } else if seen.contains(&name) {
                    errs.push(FieldError::duplicate(
                        &format!("{prefix}.containers[{i}].name"),
                        json!(name),
                    ));
                } else {
                    seen.push(name);
                }
                if c.get("image")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    errs.push(FieldError::required(
                        &format!("{prefix}.containers[{i}].image"),
                        "",
                    ));
                }
            }
        }
    }
}

/// Update rules: immutable fields per kind.
pub fn validate_update(res: Res, old: &Value, new: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match (res.info().group, res.info().plural) {
        ("", "configmaps") | ("", "secrets") => {
            if old.get("immutable").and_then(Value::as_bool) == Some(true)
                && (old.get("data") != new.get("data")
                    || old.get("binaryData") != new.get("binaryData"))
            {
                errs.push(FieldError::forbidden(
                    "data",
                    "field is immutable when `immutable` is set",
                ));
            }
            if res.info().plural == "secrets" && old.get("type") != new.get("type") {
                errs.push(FieldError::invalid(
                    "type",
                    new.get("type").cloned().unwrap_or(Value::Null),
                    "field is immutable",
                ));
            }
        }
        ("apps", "statefulsets") => {
            let mut o = old.get("spec").cloned().unwrap_or(json!({}));
            let mut n = new.get("spec").cloned().unwrap_or(json!({}));
            for key in [
                "replicas",
                "ordinals",
                "template",
                "updateStrategy",
                "persistentVolumeClaimRetentionPolicy",
                "minReadySeconds",
            ] {
                if let Some(m) = o.as_object_mut() {
                    m.remove(key);
                }
                if let Some(m) = n.as_object_mut() {
                    m.remove(key);
                }
            }
            if o != n {
                errs.push(FieldError::forbidden(
                    "spec",
                    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                ));
            }
        }
        ("apps", "deployments")
            if old.pointer("/spec/selector") != new.pointer("/spec/selector") =>
        {
            errs.push(FieldError::invalid(
                "spec.selector",
                new.pointer("/spec/selector")
                    .cloned()
                    .unwrap_or(Value::Null),
                "field is immutable",
            ));
        }
        ("", "pods") => {
            let strip = |v: &Value| {
                let mut s = v.get("spec").cloned().unwrap_or(json!({}));
                if let Some(Value::Array(cs)) = s.get_mut("containers") {
                    for c in cs {
                        if let Some(m) = c.as_object_mut() {
                            m.remove("image");
                        }
                    }
                }
                if let Some(m) = s.as_object_mut() {
                    m.remove("activeDeadlineSeconds");
                    m.remove("tolerations");
                    m.remove("terminationGracePeriodSeconds");
                }
                s
            };
            if strip(old) != strip(new) {
                errs.push(FieldError::forbidden(
                    "spec",
                    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                ));
            }
        }
        _ => {}
    }
    errs
}

/// Whether a write changed the part of the object that bumps `metadata.generation`.
pub fn spec_changed(old: &Value, new: &Value) -> bool {
    old.get("spec") != new.get("spec")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(check_shape(Res::services(), &json!({"spec": {"ports": [{"port": 80}]}})).is_ok());
        let e = check_shape(Res::services(), &json!({"spec": {"ports": "80"}})).unwrap_err();
        assert_eq!(e.code, 400);
        assert!(e.message.starts_with("Service in version \"v1\" cannot be handled as a Service: json: cannot unmarshal string into Go struct field Service.spec.ports"), "{}", e.message);
        assert!(check_shape(Res::pods(), &json!({"metadata": {"labels": {"a": 1}}})).is_err());
        assert!(check_shape(Res::pods(), &json!("x")).is_err());
    }

    #[test]
    fn secret_string_data() {
        let mut s = json!({"stringData": {"a": "hi"}, "data": {"b": "eA=="}});
        fold_string_data(&mut s);
        assert_eq!(s, json!({"data": {"a": "aGk=", "b": "eA=="}}));
    }

    #[test]
    fn statefulset_selector_must_match() {
        let sts = Res::statefulsets();
        let ok = json!({"spec": {"selector": {"matchLabels": {"a": "1"}}, "template": {"metadata": {"labels": {"a": "1"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}}});
        assert!(validate(sts, &ok).is_empty());
        let bad = json!({"spec": {"selector": {"matchLabels": {"a": "2"}}, "template": {"metadata": {"labels": {"a": "1"}}, "spec": {"containers": [{"name": "c", "image": "i:1"}]}}}});
        let e = validate(sts, &bad);
        assert!(
            e[0].to_string()
                .contains("`selector` does not match template `labels`")
        );
        let mut changed = ok.clone();
        changed["spec"]["serviceName"] = json!("x");
        assert_eq!(validate_update(sts, &ok, &changed).len(), 1);
        let mut scaled = ok.clone();
        scaled["spec"]["replicas"] = json!(3);
        assert!(validate_update(sts, &ok, &scaled).is_empty());
    }

    #[test]
    fn pod_defaults_and_validation() {
        let mut p = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}});
        defaults_on_create(Res::pods(), &mut p);
        assert_eq!(p["status"]["phase"], "Pending");
        assert_eq!(p["spec"]["containers"][0]["imagePullPolicy"], "Always");
        assert!(
            validate(Res::pods(), &json!({"spec": {}}))[0]
                .to_string()
                .contains("spec.containers: Required value")
        );
    }
}
