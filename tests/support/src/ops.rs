//! The verbs on the store: create, get, list, update, patch (merge/strategic/JSON/apply), delete, deletecollection.

use std::sync::Arc;

use base64::Engine;
use serde_json::{Value, json};

use crate::apply::{self, ApplyOutcome, Manager};
use crate::kinds;
use crate::patch::{self, PatchType};
use crate::resources::Res;
use crate::selectors::{LabelSelector, Selectors};
use crate::state::State;
use crate::status::{ApiError, success_status};
use crate::store::EventType;
use crate::util;

/// Options of a write request.
#[derive(Debug, Clone, Default)]
pub struct WriteOpts {
    /// `dryRun=All`: validate, allocate nothing, persist nothing.
    pub dry_run: bool,
    /// `fieldManager` (or the default derived from the User-Agent).
    pub field_manager: String,
    /// `force=true` for server-side apply.
    pub force: bool,
}

/// Options of a delete request (query parameters and the DeleteOptions body).
#[derive(Debug, Clone, Default)]
pub struct DeleteOpts {
    /// `dryRun=All`.
    pub dry_run: bool,
    /// `Orphan`, `Background`, `Foreground` (default: cascade).
    pub propagation: Option<String>,
    /// `preconditions.uid`.
    pub uid: Option<String>,
    /// `preconditions.resourceVersion`.
    pub resource_version: Option<String>,
}

/// Options of a list request.
#[derive(Debug, Clone, Default)]
pub struct ListOpts {
    /// Selectors.
    pub sel: Selectors,
    /// `limit` (0 = none).
    pub limit: usize,
    /// `continue` token.
    pub cont: Option<String>,
}

fn kind_checks(res: Res, obj: &Value) -> Result<(), ApiError> {
    let info = res.info();
    if let Some(av) = obj.get("apiVersion").and_then(Value::as_str)
        && !av.is_empty()
        && av != info.api_version()
    {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({av}) does not match the expected API version ({})",
            info.api_version()
        )));
    }
    if let Some(k) = obj.get("kind").and_then(Value::as_str)
        && !k.is_empty()
        && k != info.kind
    {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({k}) does not match the expected kind ({})",
            info.kind
        )));
    }
    Ok(())
}

fn set_type_meta(res: Res, obj: &mut Value) {
    if let Some(m) = obj.as_object_mut() {
        m.insert("apiVersion".into(), json!(res.info().api_version()));
        m.insert("kind".into(), json!(res.info().kind));
    }
}

fn namespace_usable(st: &State, res: Res, ns: &str, name: &str) -> Result<(), ApiError> {
    if !res.info().namespaced {
        return Ok(());
    }
    match st.store.get(Res::namespaces(), "", ns) {
        None => Err(ApiError::not_found("", "namespaces", ns)),
        Some(n) if n.pointer("/metadata/deletionTimestamp").is_some() => Err(ApiError::new(
            403,
            "Forbidden",
            format!(
                "{} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                crate::status::qualified(res.info().group, res.info().plural)
            ),
        )
        .with_details(name, res.info().group, res.info().plural)),
        Some(_) => Ok(()),
    }
}

fn invalid(res: Res, name: &str, errs: Vec<crate::status::FieldError>) -> ApiError {
    ApiError::invalid(res.info().kind, res.info().group, name, errs)
}

/// Create an object (`POST`).
pub fn create(
    st: &mut State,
    res: Res,
    ns: &str,
    body: Value,
    o: &WriteOpts,
) -> Result<Value, ApiError> {
    let mut obj = body;
    kinds::check_shape(res, &obj)?;
    kind_checks(res, &obj)?;
    let body_ns = util::namespace_of(&obj).to_string();
    if res.info().namespaced && !body_ns.is_empty() && body_ns != ns {
        return Err(ApiError::bad_request(
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    let mut name = util::name_of(&obj).to_string();
    if name.is_empty() {
        let prefix = obj
            .pointer("/metadata/generateName")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if prefix.is_empty() {
            return Err(invalid(
                res,
                "",
                vec![crate::status::FieldError::required(
                    "metadata.name",
                    "name or generateName is required",
                )],
            ));
        }
        name = format!("{prefix}{}", util::random_suffix());
        if let Some(meta) = util::meta_mut(&mut obj) {
            meta.insert("name".into(), json!(name));
        }
    }
    namespace_usable(st, res, ns, &name)?;
    let errs = crate::validation::validate_name(&name, res.info().name_rule);
    if !errs.is_empty() {
        return Err(invalid(res, &name, errs));
    }
    if st.store.get(res, ns, &name).is_some() {
        return Err(ApiError::already_exists(
            res.info().group,
            res.info().plural,
            &name,
        ));
    }
    let mgr = Manager {
        name: &o.field_manager,
        api_version: &res.info().api_version(),
        subresource: "",
    };
    if res.info().has_status()
        && let Some(m) = obj.as_object_mut()
    {
        m.remove("status");
    }
    init_metadata(res, ns, &mut obj);
    apply::record_update(None, &mut obj, &mgr, &util::now_rfc3339());
    finish_create(st, res, ns, &name, obj, o)
}

fn init_metadata(res: Res, ns: &str, obj: &mut Value) {
    set_type_meta(res, obj);
    if let Some(meta) = util::meta_mut(obj) {
        if res.info().namespaced {
            meta.insert("namespace".into(), json!(ns));
        } else {
            meta.remove("namespace");
        }
        meta.insert("uid".into(), json!(util::new_uid()));
        meta.insert("creationTimestamp".into(), json!(util::now_rfc3339()));
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        meta.remove("selfLink");
        if res.info().has_generation {
            meta.insert("generation".into(), json!(1));
        } else {
            meta.remove("generation");
        }
    }
}

/// Defaults, validation, allocation and commit of a new object whose metadata is initialised.
fn finish_create(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    mut obj: Value,
    o: &WriteOpts,
) -> Result<Value, ApiError> {
    kinds::defaults_on_create(res, &mut obj);
    if res.info().plural == "secrets" && res.info().group.is_empty() {
        kinds::fold_string_data(&mut obj);
    }
    let errs = kinds::validate(res, &obj);
    if !errs.is_empty() {
        return Err(invalid(res, name, errs));
    }
    if res == Res::services() {
        st.alloc
            .prepare(&mut obj, None, o.dry_run)
            .map_err(|e| invalid(res, name, e))?;
    }
    if o.dry_run {
        return Ok(obj);
    }
    Ok((*st.commit(EventType::Added, res, ns, name, obj)).clone())
}

/// Read one object.
pub fn get(st: &State, res: Res, ns: &str, name: &str) -> Result<Arc<Value>, ApiError> {
    st.store
        .get(res, ns, name)
        .cloned()
        .ok_or_else(|| ApiError::not_found(res.info().group, res.info().plural, name))
}

fn encode_continue(ns: &str, name: &str, rv: u64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"ns": ns, "name": name, "rv": rv}).to_string())
}

fn decode_continue(token: &str) -> Result<(String, String, Option<u64>), ApiError> {
    let bad = || {
        ApiError::bad_request(
            "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
        )
    };
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim_end_matches('='))
        .map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
    let ns = v.get("ns").and_then(Value::as_str).ok_or_else(bad)?;
    let name = v.get("name").and_then(Value::as_str).ok_or_else(bad)?;
    Ok((
        ns.to_string(),
        name.to_string(),
        v.get("rv").and_then(Value::as_u64),
    ))
}

/// List objects: `kind: <Kind>List` with `metadata.resourceVersion` and paging.
pub fn list(st: &State, res: Res, ns: Option<&str>, lo: &ListOpts) -> Result<Value, ApiError> {
    let info = res.info();
    // Every page of a paged list reports the resourceVersion of its first page, as the real
    // server does (it serves all pages from that snapshot): a watch started from it then
    // replays whatever changed while the later pages were read, so nothing is missed.
    let mut first_page_rv: Option<u64> = None;
    let iter: Box<dyn Iterator<Item = &Arc<Value>>> = match &lo.cont {
        Some(token) if !token.is_empty() => {
            let (after_ns, after_name, rv) = decode_continue(token)?;
            first_page_rv = rv;
            st.store.list_after(res, ns, &after_ns, &after_name)
        }
        _ => match (lo.sel.fields.required_name(), ns) {
            (Some(name), Some(ns)) => Box::new(st.store.get(res, ns, name).into_iter()),
            _ => st.store.list(res, ns),
        },
    };
    let mut items = Vec::new();
    let mut more = false;
    let mut remaining = 0u64;
    let mut last: Option<(String, String)> = None;
    for obj in iter.filter(|o| lo.sel.matches(o)) {
        if lo.limit > 0 && items.len() >= lo.limit {
            more = true;
            remaining += 1;
            continue;
        }
        last = Some((
            util::namespace_of(obj).to_string(),
            util::name_of(obj).to_string(),
        ));
        items.push((**obj).clone());
    }
    let rv = first_page_rv.unwrap_or_else(|| st.store.current_rv());
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if more && let Some((lns, lname)) = last {
        meta["continue"] = json!(encode_continue(&lns, &lname, rv));
        meta["remainingItemCount"] = json!(remaining);
    }
    Ok(json!({
        "kind": format!("{}List", info.kind),
        "apiVersion": info.api_version(),
        "metadata": meta,
        "items": items,
    }))
}

/// The `autoscaling/v1` Scale view of a StatefulSet or Deployment.
pub fn scale_of(obj: &Value) -> Value {
    let sel = obj
        .pointer("/spec/selector")
        .map(LabelSelector::from_label_selector_object)
        .unwrap_or_default();
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            "name": util::name_of(obj),
            "namespace": util::namespace_of(obj),
            "uid": util::uid_of(obj),
            "resourceVersion": util::rv_of(obj),
            "creationTimestamp": obj.pointer("/metadata/creationTimestamp").cloned().unwrap_or(Value::Null),
        },
        "spec": {"replicas": obj.pointer("/spec/replicas").cloned().unwrap_or(json!(0))},
        "status": {
            "replicas": obj.pointer("/status/replicas").cloned().unwrap_or(json!(0)),
            "selector": sel.to_query(),
        },
    })
}

fn check_subresource(res: Res, sub: &str) -> Result<(), ApiError> {
    if sub.is_empty() || res.info().subresources.contains(&sub) {
        Ok(())
    } else {
        Err(ApiError::unknown_resource())
    }
}

/// Replace an object (`PUT`), optionally on the `status` or `scale` subresource.
pub fn update(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    sub: &str,
    body: Value,
    o: &WriteOpts,
) -> Result<Value, ApiError> {
    check_subresource(res, sub)?;
    if sub != "scale" {
        kinds::check_shape(res, &body)?;
    }
    let old = get(st, res, ns, name)?;
    if sub == "scale" {
        let rv = util::rv_of(&body);
        if !rv.is_empty() && rv != util::rv_of(&old) {
            return Err(ApiError::conflict(
                res.info().group,
                res.info().plural,
                name,
            ));
        }
        let mut new = (*old).clone();
        set_replicas(name, &mut new, body.pointer("/spec/replicas"))?;
        let stored = write_existing(st, res, ns, name, &old, new, o, "", false)?;
        return Ok(scale_of(&stored));
    }
    kind_checks(res, &body)?;
    let body_name = util::name_of(&body);
    if !body_name.is_empty() && body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    let body_ns = util::namespace_of(&body);
    if res.info().namespaced && !body_ns.is_empty() && body_ns != ns {
        return Err(ApiError::bad_request(
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    let rv = util::rv_of(&body);
    if !rv.is_empty() && rv != util::rv_of(&old) {
        return Err(ApiError::conflict(
            res.info().group,
            res.info().plural,
            name,
        ));
    }
    write_existing(st, res, ns, name, &old, body, o, sub, false)
}

/// Set `spec.replicas` from a Scale, which must hold a non-negative integer.
fn set_replicas(name: &str, obj: &mut Value, replicas: Option<&Value>) -> Result<(), ApiError> {
    let value = replicas.cloned().unwrap_or(json!(0));
    if value.as_i64().is_none_or(|n| n < 0) {
        return Err(ApiError::invalid(
            "Scale",
            "autoscaling",
            name,
            vec![crate::status::FieldError::invalid(
                "spec.replicas",
                value,
                "must be greater than or equal to 0",
            )],
        ));
    }
    if let Some(spec) = util::child_obj(obj, "spec") {
        spec.insert("replicas".into(), value);
    }
    Ok(())
}

/// Common path of every write to an existing object: keep identity, apply kind rules, skip no-ops, commit.
#[allow(clippy::too_many_arguments)]
fn write_existing(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    old: &Arc<Value>,
    body: Value,
    o: &WriteOpts,
    sub: &str,
    applied: bool,
) -> Result<Value, ApiError> {
    let info = res.info();
    let mut new = if sub == "status" {
        let mut n = (**old).clone();
        match body.get("status") {
            Some(s) => n["status"] = s.clone(),
            None => {
                if let Some(m) = n.as_object_mut() {
                    m.remove("status");
                }
            }
        }
        if applied {
            // An apply to /status may also carry managedFields written by apply.
            if let Some(mf) = body.pointer("/metadata/managedFields") {
                n["metadata"]["managedFields"] = mf.clone();
            }
        }
        n
    } else {
        let mut n = body;
        if info.has_status() {
            match old.get("status") {
                Some(s) => n["status"] = s.clone(),
                None => {
                    if let Some(m) = n.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
        n
    };
    set_type_meta(res, &mut new);
    // Identity and system metadata come from the stored object.
    let old_meta = old.get("metadata").cloned().unwrap_or(json!({}));
    if let Some(meta) = util::meta_mut(&mut new) {
        for key in [
            "name",
            "namespace",
            "uid",
            "creationTimestamp",
            "generation",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "resourceVersion",
        ] {
            match old_meta.get(key) {
                Some(v) => {
                    meta.insert(key.into(), v.clone());
                }
                None => {
                    meta.remove(key);
                }
            }
        }
        if !applied {
            match old_meta.get("managedFields") {
                Some(v) => meta.insert("managedFields".into(), v.clone()),
                None => meta.remove("managedFields"),
            };
        }
    }
    if res.info().plural == "secrets" && res.info().group.is_empty() {
        kinds::fold_string_data(&mut new);
    }
    if sub.is_empty() {
        kinds::spec_defaults(res, &mut new);
        let mut errs = kinds::validate(res, &new);
        errs.extend(kinds::validate_update(res, old, &new));
        if !errs.is_empty() {
            return Err(invalid(res, name, errs));
        }
        if res == Res::services() {
            // Validates, fills defaults and keeps the ports/IP the update omitted; allocates nothing yet.
            st.alloc
                .prepare(&mut new, Some(old), true)
                .map_err(|e| invalid(res, name, e))?;
        }
    }
    if info.has_generation && kinds::spec_changed(old, &new) {
        let g = old
            .pointer("/metadata/generation")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        new["metadata"]["generation"] = json!(g + 1);
    }
    if !applied {
        let mgr = Manager {
            name: &o.field_manager,
            api_version: &info.api_version(),
            subresource: sub,
        };
        let now = util::now_rfc3339();
        apply::record_update(Some(old), &mut new, &mgr, &now);
        // A write that changes nothing keeps the old managedFields times.
        if strip_managed(&new) == strip_managed(old) {
            return Ok((**old).clone());
        }
    }
    if new == **old {
        return Ok((**old).clone());
    }
    if o.dry_run {
        return Ok(new);
    }
    if res == Res::services() && sub.is_empty() {
        st.alloc
            .prepare(&mut new, Some(old), false)
            .map_err(|e| invalid(res, name, e))?;
    }
    // Finalizers removed from an object being deleted: it goes away now.
    let finalizers_empty = new
        .pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_none_or(|f| f.is_empty());
    if new.pointer("/metadata/deletionTimestamp").is_some() && finalizers_empty {
        st.commit(EventType::Modified, res, ns, name, new.clone());
        let stored = st.commit(EventType::Deleted, res, ns, name, new);
        return Ok((*stored).clone());
    }
    Ok((*st.commit(EventType::Modified, res, ns, name, new)).clone())
}

fn strip_managed(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut)
        && let Some(Value::Array(list)) = m.get_mut("managedFields")
    {
        for e in list {
            if let Some(e) = e.as_object_mut() {
                e.remove("time");
            }
        }
    }
    v
}

/// Parse a request body as JSON, or YAML for apply patches.
pub fn parse_body(body: &[u8], allow_yaml: bool) -> Result<Value, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => Ok(v),
        Err(e) if allow_yaml => serde_yaml::from_slice::<Value>(body).map_err(|ye| {
            ApiError::bad_request(format!("error decoding YAML: {ye} (as JSON: {e})"))
        }),
        Err(e) => Err(ApiError::bad_request(format!(
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml: {e}"
        ))),
    }
}

/// Patch an object; returns the object and whether it was created (server-side apply of a missing object).
#[allow(clippy::too_many_arguments)]
pub fn patch(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    sub: &str,
    ptype: PatchType,
    body: &[u8],
    o: &WriteOpts,
) -> Result<(Value, bool), ApiError> {
    check_subresource(res, sub)?;
    let patch_doc = parse_body(body, ptype == PatchType::Apply)?;
    let info = res.info();
    let existing = st.store.get(res, ns, name).cloned();
    if ptype == PatchType::Apply {
        if o.field_manager.is_empty() {
            return Err(ApiError::bad_request(
                "PATCH, application/apply-patch+yaml requires fieldManager to be set",
            ));
        }
        if sub == "scale" {
            if !patch_doc.is_object() {
                return Err(ApiError::bad_request(
                    "the body of the request was in an unknown format",
                ));
            }
        } else {
            kinds::check_shape(res, &patch_doc)?;
        }
        kind_checks(res, &patch_doc)?;
        if patch_doc.get("apiVersion").is_none() || patch_doc.get("kind").is_none() {
            return Err(ApiError::bad_request("invalid object type: /, Kind="));
        }
        let body_name = util::name_of(&patch_doc);
        if !body_name.is_empty() && body_name != name {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        let mut cfg = patch_doc.clone();
        if sub.is_empty()
            && info.has_status()
            && let Some(m) = cfg.as_object_mut()
        {
            m.remove("status");
        }
        let mgr = Manager {
            name: &o.field_manager,
            api_version: &info.api_version(),
            subresource: sub,
        };
        let now = util::now_rfc3339();
        return match existing {
            None => {
                if !sub.is_empty() {
                    return Err(ApiError::not_found(info.group, info.plural, name));
                }
                namespace_usable(st, res, ns, name)?;
                let errs = crate::validation::validate_name(name, info.name_rule);
                if !errs.is_empty() {
                    return Err(invalid(res, name, errs));
                }
                let mut obj = match apply::server_side_apply(None, &cfg, &mgr, o.force, &now) {
                    ApplyOutcome::Applied(v) => v,
                    ApplyOutcome::Conflict(m) => {
                        return Err(ApiError::conflict_msg(info.group, info.plural, name, m));
                    }
                };
                if let Some(meta) = util::meta_mut(&mut obj) {
                    meta.insert("name".into(), json!(name));
                }
                init_metadata(res, ns, &mut obj);
                finish_create(st, res, ns, name, obj, o).map(|v| (v, true))
            }
            Some(old) => {
                let view = if sub == "scale" {
                    scale_of(&old)
                } else {
                    (*old).clone()
                };
                let rv = util::rv_of(&cfg);
                if !rv.is_empty() && rv != util::rv_of(&old) {
                    return Err(ApiError::conflict(info.group, info.plural, name));
                }
                let merged = match apply::server_side_apply(Some(&view), &cfg, &mgr, o.force, &now)
                {
                    ApplyOutcome::Applied(v) => v,
                    ApplyOutcome::Conflict(m) => {
                        return Err(ApiError::conflict_msg(info.group, info.plural, name, m));
                    }
                };
                if sub == "scale" {
                    let mut new = (*old).clone();
                    set_replicas(name, &mut new, merged.pointer("/spec/replicas"))?;
                    let stored = write_existing(st, res, ns, name, &old, new, o, "", false)?;
                    return Ok((scale_of(&stored), false));
                }
                write_existing(st, res, ns, name, &old, merged, o, sub, true).map(|v| (v, false))
            }
        };
    }
    let old = existing.ok_or_else(|| ApiError::not_found(info.group, info.plural, name))?;
    let mut target = if sub == "scale" {
        scale_of(&old)
    } else {
        (*old).clone()
    };
    match ptype {
        PatchType::Merge => patch::merge_patch(&mut target, &patch_doc),
        PatchType::Strategic => patch::strategic_merge_patch(&mut target, &patch_doc),
        PatchType::Json => patch::json_patch(&mut target, &patch_doc)
            .map_err(|e| ApiError::new(422, "Invalid", e))?,
        PatchType::Apply => {}
    }
    if sub != "scale" {
        kinds::check_shape(res, &target)?;
    } else if !target.is_object() {
        return Err(ApiError::bad_request("the patched Scale is not an object"));
    }
    let rv = util::rv_of(&target);
    if !rv.is_empty() && rv != util::rv_of(&old) {
        return Err(ApiError::conflict(info.group, info.plural, name));
    }
    if sub == "scale" {
        let mut new = (*old).clone();
        set_replicas(name, &mut new, target.pointer("/spec/replicas"))?;
        let stored = write_existing(st, res, ns, name, &old, new, o, "", false)?;
        return Ok((scale_of(&stored), false));
    }
    if util::name_of(&target) != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({}) does not match the name on the URL ({name})",
            util::name_of(&target)
        )));
    }
    write_existing(st, res, ns, name, &old, target, o, sub, false).map(|v| (v, false))
}

/// Delete an object; the answer is the object (pods, namespaces, finalizers pending) or a Success Status.
pub fn delete(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    d: &DeleteOpts,
) -> Result<Value, ApiError> {
    let info = res.info();
    let old = get(st, res, ns, name)?;
    if let Some(uid) = &d.uid
        && uid != util::uid_of(&old)
    {
        return Err(ApiError::conflict_msg(
            info.group,
            info.plural,
            name,
            format!(
                "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                util::uid_of(&old)
            ),
        ));
    }
    if let Some(rv) = &d.resource_version
        && rv != util::rv_of(&old)
    {
        return Err(ApiError::conflict_msg(
            info.group,
            info.plural,
            name,
            format!(
                "Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {}",
                util::rv_of(&old)
            ),
        ));
    }
    let has_finalizers = old
        .pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| !f.is_empty());
    let mut marked = (*old).clone();
    if let Some(meta) = util::meta_mut(&mut marked) {
        meta.entry("deletionTimestamp")
            .or_insert_with(|| json!(util::now_rfc3339()));
        meta.entry("deletionGracePeriodSeconds")
            .or_insert_with(|| json!(0));
    }
    if res == Res::namespaces() {
        marked["status"]["phase"] = json!("Terminating");
    }
    if d.dry_run {
        return Ok(
            if has_finalizers || res == Res::pods() || res == Res::namespaces() {
                marked
            } else {
                success_status(name, info.group, info.plural, util::uid_of(&old))
            },
        );
    }
    if has_finalizers {
        if old.pointer("/metadata/deletionTimestamp").is_some() {
            return Ok((*old).clone());
        }
        return Ok((*st.commit(EventType::Modified, res, ns, name, marked)).clone());
    }
    let gone = delete_now(st, res, ns, name, d.propagation.as_deref());
    Ok(if res == Res::pods() || res == Res::namespaces() {
        gone
    } else {
        success_status(name, info.group, info.plural, util::uid_of(&old))
    })
}

/// Remove an object immediately with its cascade (dependents via ownerReferences; a namespace's content).
pub fn delete_now(
    st: &mut State,
    res: Res,
    ns: &str,
    name: &str,
    propagation: Option<&str>,
) -> Value {
    let Some(old) = st.store.get(res, ns, name).cloned() else {
        return Value::Null;
    };
    let mut last = (*old).clone();
    if let Some(meta) = util::meta_mut(&mut last) {
        meta.entry("deletionTimestamp")
            .or_insert_with(|| json!(util::now_rfc3339()));
        meta.entry("deletionGracePeriodSeconds")
            .or_insert_with(|| json!(0));
    }
    if res == Res::namespaces() {
        last["status"]["phase"] = json!("Terminating");
        for (r, n, o) in st.store.keys_in_namespace(name) {
            delete_now(st, r, &n, &o, Some("Background"));
        }
    }
    let uid = util::uid_of(&old).to_string();
    let stored = st.commit(EventType::Deleted, res, ns, name, last);
    // Dependents: objects whose ownerReferences point at the deleted uid.
    let dependents: Vec<(Res, String, String, Value)> = st
        .store
        .dependents(&uid)
        .into_iter()
        .filter_map(|(r, n, o)| {
            let v = st.store.get(r, &n, &o).map(|v| (**v).clone())?;
            Some((r, n, o, v))
        })
        .collect();
    for (r, n, o, mut v) in dependents {
        if propagation == Some("Orphan") {
            if let Some(Value::Array(refs)) = v.pointer_mut("/metadata/ownerReferences") {
                refs.retain(|x| x.get("uid").and_then(Value::as_str) != Some(uid.as_str()));
            }
            st.commit(EventType::Modified, r, &n, &o, v);
        } else {
            delete_now(st, r, &n, &o, propagation);
        }
    }
    (*stored).clone()
}

/// Delete every object matching the selectors; answers the list of deleted objects.
pub fn delete_collection(
    st: &mut State,
    res: Res,
    ns: Option<&str>,
    sel: &Selectors,
    d: &DeleteOpts,
) -> Result<Value, ApiError> {
    let lo = ListOpts {
        sel: sel.clone(),
        limit: 0,
        cont: None,
    };
    let listed = list(st, res, ns, &lo)?;
    let mut deleted = Vec::new();
    for item in listed["items"].as_array().cloned().unwrap_or_default() {
        let name = util::name_of(&item).to_string();
        let item_ns = util::namespace_of(&item).to_string();
        match delete(st, res, &item_ns, &name, d) {
            Ok(_) => deleted.push(item),
            Err(e) if e.code == 404 => {}
            Err(e) => return Err(e),
        }
    }
    let info = res.info();
    Ok(json!({
        "kind": format!("{}List", info.kind),
        "apiVersion": info.api_version(),
        "metadata": {"resourceVersion": st.store.current_rv().to_string()},
        "items": deleted,
    }))
}

/// Store an object as given (test seeding): fills identity metadata and defaults, keeps `status`,
/// replaces an existing object of the same name. Namespaces are not required to exist.
pub fn put(st: &mut State, mut obj: Value) -> Result<Value, ApiError> {
    let av = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let res = Res::by_kind(&av, &kind).ok_or_else(|| {
        ApiError::bad_request(format!(
            "no resource type for apiVersion {av:?} kind {kind:?}"
        ))
    })?;
    kinds::check_shape(res, &obj)?;
    let name = util::name_of(&obj).to_string();
    if name.is_empty() {
        return Err(invalid(
            res,
            "",
            vec![crate::status::FieldError::required(
                "metadata.name",
                "name is required",
            )],
        ));
    }
    let ns = if res.info().namespaced {
        let n = util::namespace_of(&obj);
        if n.is_empty() {
            "default".to_string()
        } else {
            n.to_string()
        }
    } else {
        String::new()
    };
    let existing = st.store.get(res, &ns, &name).cloned();
    let status = obj.get("status").cloned();
    set_type_meta(res, &mut obj);
    if let Some(meta) = util::meta_mut(&mut obj) {
        if res.info().namespaced {
            meta.insert("namespace".into(), json!(ns));
        }
        let uid = existing
            .as_ref()
            .map(|e| util::uid_of(e).to_string())
            .unwrap_or_else(util::new_uid);
        meta.entry("uid").or_insert_with(|| json!(uid));
        meta.entry("creationTimestamp")
            .or_insert_with(|| json!(util::now_rfc3339()));
        if res.info().has_generation {
            meta.entry("generation").or_insert_with(|| json!(1));
        }
    }
    kinds::defaults_on_create(res, &mut obj);
    if let Some(s) = status {
        obj["status"] = s;
    }
    if res.info().plural == "secrets" {
        kinds::fold_string_data(&mut obj);
    }
    if res == Res::services() {
        crate::services::apply_defaults(&mut obj);
        let mut candidate = obj.clone();
        st.alloc
            .prepare(&mut candidate, existing.as_deref(), false)
            .map_err(|e| invalid(res, &name, e))?;
        obj = candidate;
    }
    let kind = if existing.is_some() {
        EventType::Modified
    } else {
        EventType::Added
    };
    Ok((*st.commit(kind, res, &ns, &name, obj)).clone())
}
