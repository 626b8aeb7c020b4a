//! Server-side apply and `metadata.managedFields` bookkeeping (simplified field ownership).
//!
//! Ownership is tracked per leaf path (scalars, whole lists and empty maps are leaves; lists are
//! atomic). An apply conflicts when it changes the value of a field another manager owns (unless
//! `force`), takes ownership of what it sets, and removes fields it owned before but no longer sets
//! (unless another manager owns them). Updates (PUT, non-apply PATCH) take ownership of the
//! fields they change.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

/// A leaf field path.
pub type FieldPath = Vec<String>;

const SKIPPED_META: &[&str] = &[
    "name",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
    "generateName",
];

/// Leaf paths set in an object (excluding identity and system metadata, `apiVersion`, `kind`).
pub fn field_paths(obj: &Value) -> BTreeSet<FieldPath> {
    let mut out = BTreeSet::new();
    if let Value::Object(m) = obj {
        for (k, v) in m {
            if k == "apiVersion" || k == "kind" {
                continue;
            }
            if k == "metadata" {
                if let Value::Object(meta) = v {
                    for (mk, mv) in meta {
                        if SKIPPED_META.contains(&mk.as_str()) {
                            continue;
                        }
                        collect(mv, vec![k.clone(), mk.clone()], &mut out);
                    }
                }
                continue;
            }
            collect(v, vec![k.clone()], &mut out);
        }
    }
    out
}

fn collect(v: &Value, path: FieldPath, out: &mut BTreeSet<FieldPath>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, child) in m {
                let mut p = path.clone();
                p.push(k.clone());
                collect(child, p, out);
            }
        }
        _ => {
            out.insert(path);
        }
    }
}

/// Value at a path.
pub fn get_path<'a>(obj: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = obj;
    for seg in path {
        cur = cur.as_object()?.get(seg)?;
    }
    Some(cur)
}

/// Remove the value at a path; prunes maps left empty by the removal (except top-level ones).
pub fn remove_path(obj: &mut Value, path: &[String]) {
    fn rec(cur: &mut Value, path: &[String]) -> bool {
        let Some(map) = cur.as_object_mut() else {
            return false;
        };
        match path {
            [] => false,
            [last] => {
                map.remove(last);
                map.is_empty()
            }
            [first, rest @ ..] => {
                let now_empty = map.get_mut(first).is_some_and(|child| rec(child, rest));
                if now_empty && !rest.is_empty() {
                    map.remove(first);
                }
                map.is_empty()
            }
        }
    }
    rec(obj, path);
}

fn overlaps(a: &[String], b: &[String]) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Encode leaf paths as a `fieldsV1` object (`{"f:metadata":{"f:labels":{"f:app":{}}}}`).
pub fn encode_fields(paths: &BTreeSet<FieldPath>) -> Value {
    let mut root = Map::new();
    for p in paths {
        let mut cur = &mut root;
        for seg in p {
            let entry = cur
                .entry(format!("f:{seg}"))
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            let Some(next) = entry.as_object_mut() else {
                break;
            };
            cur = next;
        }
    }
    Value::Object(root)
}

/// Decode a `fieldsV1` object into leaf paths (`k:`/`v:`/`i:` list entries count as their list).
pub fn decode_fields(v: &Value) -> BTreeSet<FieldPath> {
    fn rec(v: &Value, path: FieldPath, out: &mut BTreeSet<FieldPath>) {
        let children: Vec<(&String, &Value)> = v
            .as_object()
            .map(|m| m.iter().filter(|(k, _)| k.as_str() != ".").collect())
            .unwrap_or_default();
        if children.is_empty() {
            if !path.is_empty() {
                out.insert(path);
            }
            return;
        }
        for (k, child) in children {
            if let Some(name) = k.strip_prefix("f:") {
                let mut p = path.clone();
                p.push(name.to_string());
                rec(child, p, out);
            } else if !path.is_empty() {
                out.insert(path.clone());
            }
        }
    }
    let mut out = BTreeSet::new();
    rec(v, Vec::new(), &mut out);
    out
}

/// One `managedFields` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedEntry {
    /// Manager name.
    pub manager: String,
    /// `Apply` or `Update`.
    pub operation: String,
    /// apiVersion of the request.
    pub api_version: String,
    /// Subresource (`status`) or empty.
    pub subresource: String,
    /// `time` field.
    pub time: String,
    /// Owned leaf paths.
    pub fields: BTreeSet<FieldPath>,
}

impl ManagedEntry {
    fn to_json(&self) -> Value {
        let mut v = json!({
            "manager": self.manager,
            "operation": self.operation,
            "apiVersion": self.api_version,
            "time": self.time,
            "fieldsType": "FieldsV1",
            "fieldsV1": encode_fields(&self.fields),
        });
        if !self.subresource.is_empty() {
            v["subresource"] = json!(self.subresource);
        }
        v
    }
}

/// Read `metadata.managedFields`.
pub fn read_managed(obj: &Value) -> Vec<ManagedEntry> {
    let s = |e: &Value, k: &str| {
        e.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    obj.pointer("/metadata/managedFields")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|e| ManagedEntry {
                    manager: s(e, "manager"),
                    operation: s(e, "operation"),
                    api_version: s(e, "apiVersion"),
                    subresource: s(e, "subresource"),
                    time: s(e, "time"),
                    fields: e.get("fieldsV1").map(decode_fields).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Write `metadata.managedFields` (entries without fields are dropped).
pub fn write_managed(obj: &mut Value, entries: &[ManagedEntry]) {
    let list: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.is_empty())
        .map(ManagedEntry::to_json)
        .collect();
    if let Some(meta) = crate::util::meta_mut(obj) {
        if list.is_empty() {
            meta.remove("managedFields");
        } else {
            meta.insert("managedFields".into(), Value::Array(list));
        }
    }
}

/// Who changes the object and how.
#[derive(Debug, Clone)]
pub struct Manager<'a> {
    /// Manager name.
    pub name: &'a str,
    /// apiVersion of the request.
    pub api_version: &'a str,
    /// Subresource written (`status`) or "".
    pub subresource: &'a str,
}

/// Record an Update by `mgr` that turned `old` into `new` (ownership of changed leaves moves to `mgr`).
pub fn record_update(old: Option<&Value>, new: &mut Value, mgr: &Manager<'_>, now: &str) {
    let mut entries = old.map(read_managed).unwrap_or_default();
    let new_paths = field_paths(new);
    let changed: BTreeSet<FieldPath> = match old {
        None => new_paths.clone(),
        Some(o) => new_paths
            .iter()
            .filter(|p| get_path(o, p) != get_path(new, p))
            .cloned()
            .collect(),
    };
    // Drop ownership of fields that no longer exist.
    for e in &mut entries {
        e.fields.retain(|p| get_path(new, p).is_some());
    }
    if !changed.is_empty() {
        for e in &mut entries {
            e.fields.retain(|p| !changed.iter().any(|c| overlaps(c, p)));
        }
        match entries.iter_mut().find(|e| {
            e.manager == mgr.name && e.operation == "Update" && e.subresource == mgr.subresource
        }) {
            Some(e) => {
                e.fields.extend(changed);
                e.time = now.to_string();
                e.api_version = mgr.api_version.to_string();
            }
            None => entries.push(ManagedEntry {
                manager: mgr.name.to_string(),
                operation: "Update".into(),
                api_version: mgr.api_version.to_string(),
                subresource: mgr.subresource.to_string(),
                time: now.to_string(),
                fields: changed,
            }),
        }
    }
    write_managed(new, &entries);
}

/// The result of a server-side apply.
#[derive(Debug)]
pub enum ApplyOutcome {
    /// The merged object (managedFields updated).
    Applied(Value),
    /// Conflicts with other managers: the message the server returns.
    Conflict(String),
}

/// Apply `cfg` as `mgr` onto `current` (None = create).
pub fn server_side_apply(
    current: Option<&Value>,
    cfg: &Value,
    mgr: &Manager<'_>,
    force: bool,
    now: &str,
) -> ApplyOutcome {
    let new_paths = field_paths(cfg);
    let mut entries = current.map(read_managed).unwrap_or_default();
    let base = current.cloned().unwrap_or_else(|| json!({}));
    let is_self = |e: &ManagedEntry| {
        e.manager == mgr.name && e.operation == "Apply" && e.subresource == mgr.subresource
    };

    // Conflicts: fields another manager owns whose value this apply would change.
    let mut conflicts: Vec<(String, String, FieldPath)> = Vec::new();
    for e in entries.iter().filter(|e| !is_self(e)) {
        for owned in &e.fields {
            for p in new_paths.iter().filter(|p| overlaps(p, owned)) {
                let deepest: &[String] = if p.len() >= owned.len() { p } else { owned };
                if get_path(&base, deepest) != get_path(cfg, deepest)
                    && get_path(&base, deepest).is_some()
                {
                    conflicts.push((e.manager.clone(), e.api_version.clone(), deepest.to_vec()));
                }
            }
        }
    }
    conflicts.sort();
    conflicts.dedup();
    if !conflicts.is_empty() && !force {
        let n = conflicts.len();
        let fmt = |p: &FieldPath| format!(".{}", p.join("."));
        let message = if n == 1 {
            let (m, v, p) = &conflicts[0];
            format!(
                "Apply failed with 1 conflict: conflict with \"{m}\" using {v}: {}",
                fmt(p)
            )
        } else {
            let lines: Vec<String> = conflicts
                .iter()
                .map(|(m, v, p)| format!("- conflict with \"{m}\" using {v}: {}", fmt(p)))
                .collect();
            format!("Apply failed with {n} conflicts:\n{}", lines.join("\n"))
        };
        return ApplyOutcome::Conflict(message);
    }

    // Take ownership (forced or not conflicting) from the others.
    for e in entries.iter_mut().filter(|e| !is_self(e)) {
        e.fields.retain(|owned| {
            !new_paths.iter().any(|p| {
                overlaps(p, owned) && {
                    let deepest: &[String] = if p.len() >= owned.len() { p } else { owned };
                    get_path(&base, deepest) != get_path(cfg, deepest)
                }
            })
        });
    }

    let mut merged = base.clone();
    // Remove fields this manager applied before and no longer applies, unless someone else owns them.
    if let Some(prev) = entries.iter().find(|e| is_self(e)) {
        for gone in prev.fields.difference(&new_paths) {
            let others_own = entries
                .iter()
                .filter(|e| !is_self(e))
                .any(|e| e.fields.iter().any(|o| overlaps(o, gone)));
            let still_set = new_paths
                .iter()
                .any(|p| p.starts_with(gone) || gone.starts_with(p));
            if !others_own && !still_set {
                remove_path(&mut merged, gone);
            }
        }
    }
    deep_merge(&mut merged, cfg);

    let changed_for_me = entries
        .iter()
        .find(|e| is_self(e))
        .is_none_or(|e| e.fields != new_paths);
    match entries.iter_mut().find(|e| is_self(e)) {
        Some(e) => {
            if changed_for_me || current.is_none_or(|c| changed_values(c, &merged)) {
                e.time = now.to_string();
            }
            e.fields = new_paths;
            e.api_version = mgr.api_version.to_string();
        }
        None => entries.push(ManagedEntry {
            manager: mgr.name.to_string(),
            operation: "Apply".into(),
            api_version: mgr.api_version.to_string(),
            subresource: mgr.subresource.to_string(),
            time: now.to_string(),
            fields: new_paths,
        }),
    }
    for e in &mut entries {
        e.fields.retain(|p| get_path(&merged, p).is_some());
    }
    write_managed(&mut merged, &entries);
    ApplyOutcome::Applied(merged)
}

fn changed_values(old: &Value, new: &Value) -> bool {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("managedFields");
        }
        v
    };
    strip(old) != strip(new)
}

/// Merge `src` into `dst`: maps merge recursively, everything else (lists included) replaces.
pub fn deep_merge(dst: &mut Value, src: &Value) {
    match (dst, src) {
        (Value::Object(d), Value::Object(s)) => {
            for (k, v) in s {
                match d.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => {
                        deep_merge(existing, v)
                    }
                    _ => {
                        d.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (d, s) => *d = s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mgr(name: &str) -> Manager<'_> {
        Manager {
            name,
            api_version: "v1",
            subresource: "",
        }
    }

    fn applied(o: ApplyOutcome) -> Value {
        match o {
            ApplyOutcome::Applied(v) => v,
            ApplyOutcome::Conflict(m) => panic!("conflict: {m}"),
        }
    }

    #[test]
    fn fields_roundtrip() {
        let obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "labels": {"a": "1"}}, "data": {"k": "v", "e": {}}});
        let paths = field_paths(&obj);
        assert_eq!(paths.len(), 3);
        assert_eq!(decode_fields(&encode_fields(&paths)), paths);
    }

    #[test]
    fn apply_create_update_remove_and_conflict() {
        let cfg = json!({"metadata": {"name": "x", "labels": {"a": "1"}}, "data": {"k": "v", "gone": "soon"}});
        let obj = applied(server_side_apply(None, &cfg, &mgr("tool"), false, "t0"));
        let entries = read_managed(&obj);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].operation, "Apply");

        // Same config again: same object.
        let again = applied(server_side_apply(
            Some(&obj),
            &cfg,
            &mgr("tool"),
            false,
            "t1",
        ));
        assert_eq!(again, obj);

        // Dropping a field removes it.
        let cfg2 = json!({"metadata": {"name": "x", "labels": {"a": "1"}}, "data": {"k": "v"}});
        let obj2 = applied(server_side_apply(
            Some(&obj),
            &cfg2,
            &mgr("tool"),
            false,
            "t2",
        ));
        assert!(obj2["data"].get("gone").is_none());

        // Another manager changing the value conflicts unless forced.
        let cfg3 = json!({"data": {"k": "other"}});
        match server_side_apply(Some(&obj2), &cfg3, &mgr("intruder"), false, "t3") {
            ApplyOutcome::Conflict(m) => {
                assert_eq!(
                    m,
                    "Apply failed with 1 conflict: conflict with \"tool\" using v1: .data.k"
                )
            }
            ApplyOutcome::Applied(_) => panic!("expected conflict"),
        }
        let forced = applied(server_side_apply(
            Some(&obj2),
            &cfg3,
            &mgr("intruder"),
            true,
            "t3",
        ));
        assert_eq!(forced["data"]["k"], "other");
        let owners: Vec<String> = read_managed(&forced)
            .into_iter()
            .map(|e| e.manager)
            .collect();
        assert_eq!(owners, ["tool", "intruder"]);
    }

    #[test]
    fn update_takes_ownership_of_changes() {
        let old = json!({"metadata": {"name": "x"}, "data": {"a": "1"}});
        let mut new = json!({"metadata": {"name": "x"}, "data": {"a": "1", "b": "2"}});
        record_update(Some(&old), &mut new, &mgr("kubectl-edit"), "t");
        let e = read_managed(&new);
        assert_eq!(e[0].manager, "kubectl-edit");
        assert_eq!(e[0].fields.len(), 1);
    }
}
