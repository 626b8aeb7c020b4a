//! The HTTP entry point: parse the path into a resource request, authenticate, log, run hooks,
//! authorize, and dispatch to the verbs, watch, logs, exec and discovery.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{FromRequestParts, Request, State as AxState};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use serde_json::{Value, json};
use tokio_stream::wrappers::ReceiverStream;

use crate::authz::{self, Attributes, UserInfo};
use crate::hooks::Decision;
use crate::ops::{self, DeleteOpts, ListOpts, WriteOpts};
use crate::patch::PatchType;
use crate::request_log::RequestRecord;
use crate::resources::Res;
use crate::selectors::{FieldSelector, LabelSelector, Selectors};
use crate::state::Shared;
use crate::status::ApiError;

/// Per-server context handed to the handler.
#[derive(Clone)]
pub struct Ctx {
    /// Shared state.
    pub shared: Arc<Shared>,
    /// `host:port` clients use.
    pub address: String,
}

/// Build the router.
pub fn app(ctx: Ctx) -> Router {
    Router::new().fallback(handle).with_state(ctx)
}

fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decode a query string into (key, value) pairs, in order.
pub fn query_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

struct Query(Vec<(String, String)>);

impl Query {
    fn get(&self, k: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    }
    fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .collect()
    }
    fn flag(&self, k: &str) -> bool {
        matches!(self.get(k), Some("true") | Some("1") | Some("True"))
    }
}

/// What a path addresses.
#[derive(Debug)]
enum Target {
    Version,
    Health,
    Api,
    Apis,
    ApiGroup(String),
    ResourceList(String, String),
    Resource {
        res: Res,
        ns: Option<String>,
        name: Option<String>,
        sub: String,
    },
    Unknown,
}

fn parse_path(path: &str) -> Target {
    let segs: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let (group, version, rest): (&str, &str, &[&str]) = match segs.as_slice() {
        ["version"] => return Target::Version,
        ["healthz" | "readyz" | "livez", ..] => return Target::Health,
        ["api"] => return Target::Api,
        ["apis"] => return Target::Apis,
        ["api", v] => return Target::ResourceList(String::new(), v.to_string()),
        ["apis", g] => return Target::ApiGroup(g.to_string()),
        ["apis", g, v] => return Target::ResourceList(g.to_string(), v.to_string()),
        ["api", v, rest @ ..] => ("", v, rest),
        ["apis", g, v, rest @ ..] => (g, v, rest),
        _ => return Target::Unknown,
    };
    let (ns, rest): (Option<&str>, &[&str]) = if rest.len() >= 3
        && rest[0] == "namespaces"
        && rest[2] != "status"
        && rest[2] != "finalize"
    {
        (Some(rest[1]), &rest[2..])
    } else {
        (None, rest)
    };
    let Some((plural, more)) = rest.split_first() else {
        return Target::Unknown;
    };
    let Some(res) = Res::find(group, version, plural) else {
        return Target::Unknown;
    };
    if ns.is_some() && !res.info().namespaced {
        return Target::Unknown;
    }
    let (name, sub) = match more {
        [] => (None, String::new()),
        [name] => (Some(name.to_string()), String::new()),
        [name, sub] => (Some(name.to_string()), sub.to_string()),
        _ => return Target::Unknown,
    };
    if ns.is_none() && res.info().namespaced && name.is_some() {
        return Target::Unknown;
    }
    Target::Resource {
        res,
        ns: ns.map(String::from),
        name,
        sub,
    }
}

fn verb_for(method: &Method, name: bool, sub: &str, q: &Query) -> &'static str {
    let watch = q.flag("watch");
    match *method {
        Method::GET if sub == "exec" || sub == "attach" || sub == "portforward" => "create",
        Method::GET if watch => "watch",
        Method::GET | Method::HEAD if name => "get",
        Method::GET | Method::HEAD => "list",
        Method::POST => "create",
        Method::PUT => "update",
        Method::PATCH => "patch",
        Method::DELETE if name => "delete",
        Method::DELETE => "deletecollection",
        _ => "unknown",
    }
}

/// Build a JSON response.
pub fn json_response(code: u16, body: &Value) -> Response {
    let mut resp = (
        StatusCode::from_u16(code).unwrap_or(StatusCode::OK),
        body.to_string(),
    )
        .into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    resp
}

/// The response for an error.
pub fn error_response(e: &ApiError) -> Response {
    let mut resp = json_response(e.code, &e.to_status());
    if let Some(secs) = e.retry_after
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

fn header_str(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(String::from)
}

async fn handle(AxState(ctx): AxState<Ctx>, req: Request) -> Response {
    let (mut parts, body) = req.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let query_raw = parts.uri.query().unwrap_or_default().to_string();
    let q = Query(query_pairs(&query_raw));
    let mut rec = RequestRecord::new(method.as_str(), &path, &query_raw);
    rec.user_agent = header_str(&parts.headers, "user-agent").unwrap_or_default();
    rec.content_type = header_str(&parts.headers, "content-type").unwrap_or_default();
    rec.impersonated_user = header_str(&parts.headers, "impersonate-user");
    rec.impersonated_groups = parts
        .headers
        .get_all("impersonate-group")
        .iter()
        .filter_map(|v| v.to_str().ok().map(String::from))
        .collect();
    let target = parse_path(&path);
    let mut streaming = false;
    if let Target::Resource { res, ns, name, sub } = &target {
        rec.verb = verb_for(&method, name.is_some(), sub, &q).to_string();
        rec.group = res.info().group.to_string();
        rec.resource = res.info().plural.to_string();
        rec.subresource = sub.clone();
        rec.namespace = ns.clone().unwrap_or_default();
        rec.name = name.clone().unwrap_or_default();
        if !res.info().namespaced && *res == Res::namespaces() {
            rec.namespace = name.clone().unwrap_or_default();
        }
        streaming = rec.verb == "watch" || (sub == "log" && q.flag("follow"));
        if sub == "exec" {
            rec.command = q.all("command");
        }
    } else {
        rec.verb = method.as_str().to_ascii_lowercase();
    }
    let body_bytes = match axum::body::to_bytes(body, 1 << 30).await {
        Ok(b) => b,
        Err(_) => bytes::Bytes::new(),
    };
    rec.body = body_bytes.to_vec();

    let auth_header = header_str(&parts.headers, "authorization");
    let (user, id, decision) = {
        let mut st = ctx.shared.lock();
        let user = st.auth.authenticate(auth_header.as_deref());
        rec.user = user.as_ref().map(|u| u.name.clone()).unwrap_or_default();
        let decision = st.hooks.decide(&rec, streaming);
        let id = st.log.push(rec.clone());
        (user, id, decision)
    };
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    let resp = match user {
        Err(e) => error_response(&e),
        Ok(user) => {
            let attempt = serve(
                &ctx, &mut parts, &method, &target, &q, &rec, user, &decision, body_bytes, id,
            )
            .await;
            match attempt {
                Ok(r) => r,
                Err(e) => error_response(&e),
            }
        }
    };
    let code = resp.status().as_u16();
    let mut st = ctx.shared.lock();
    st.log.update(id, |r| {
        r.status = code;
        r.end = Some(Instant::now());
    });
    resp
}

fn effective_user(user: &UserInfo, rec: &RequestRecord) -> UserInfo {
    match &rec.impersonated_user {
        Some(name) => {
            let mut groups = rec.impersonated_groups.clone();
            if !groups.iter().any(|g| g == "system:authenticated") {
                groups.push("system:authenticated".into());
            }
            UserInfo {
                name: name.clone(),
                groups,
            }
        }
        None => user.clone(),
    }
}

fn forbidden_for(user: &str, rec: &RequestRecord, res: Res) -> ApiError {
    // A create names no object (the name comes from the body).
    let name = if rec.verb == "create" && rec.subresource.is_empty() {
        ""
    } else {
        rec.name.as_str()
    };
    let ns = if res.info().namespaced {
        rec.namespace.as_str()
    } else {
        ""
    };
    ApiError::forbidden(
        user,
        &rec.verb,
        &rec.group,
        &rec.resource,
        &rec.subresource,
        ns,
        name,
    )
}

#[allow(clippy::too_many_arguments)]
async fn serve(
    ctx: &Ctx,
    parts: &mut http::request::Parts,
    method: &Method,
    target: &Target,
    q: &Query,
    rec: &RequestRecord,
    user: UserInfo,
    decision: &Decision,
    body: bytes::Bytes,
    id: u64,
) -> Result<Response, ApiError> {
    // Impersonation needs the `impersonate` permission.
    if let Some(imp) = &rec.impersonated_user {
        let st = ctx.shared.lock();
        let a = Attributes {
            verb: "impersonate".into(),
            resource: "users".into(),
            name: imp.clone(),
            ..Default::default()
        };
        if !authz::allows(&st.auth, &st.store, &user, &a) {
            return Err(ApiError::forbidden(
                &user.name,
                "impersonate",
                "",
                "users",
                "",
                "",
                imp,
            ));
        }
        for g in &rec.impersonated_groups {
            let a = Attributes {
                verb: "impersonate".into(),
                resource: "groups".into(),
                name: g.clone(),
                ..Default::default()
            };
            if !authz::allows(&st.auth, &st.store, &user, &a) {
                return Err(ApiError::forbidden(
                    &user.name,
                    "impersonate",
                    "",
                    "groups",
                    "",
                    "",
                    g,
                ));
            }
        }
    }
    let user = effective_user(&user, rec);
    if let Target::Resource { res, .. } = target
        && decision.deny
    {
        return Err(forbidden_for(&user.name, rec, *res));
    }
    if let Some(f) = &decision.fail {
        let mut e = ApiError::for_code(f.code, f.message.as_deref());
        if let Target::Resource { res, .. } = target {
            let info = res.info();
            e = e.with_details(&rec.name, info.group, info.plural);
            if f.code == 409 && f.message.is_none() && !rec.name.is_empty() {
                e = ApiError::conflict(info.group, info.plural, &rec.name);
            }
        }
        e.retry_after = f.retry_after;
        return Err(e);
    }
    let git_version = ctx.shared.lock().opts.git_version.clone();
    match target {
        Target::Version => Ok(json_response(200, &crate::discovery::version(&git_version))),
        Target::Health => {
            let mut r = (StatusCode::OK, "ok").into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            Ok(r)
        }
        Target::Api => Ok(json_response(
            200,
            &crate::discovery::core_versions(&ctx.address),
        )),
        Target::Apis => Ok(json_response(200, &crate::discovery::groups())),
        Target::ApiGroup(g) => crate::discovery::group(g)
            .map(|v| json_response(200, &v))
            .ok_or_else(ApiError::unknown_resource),
        Target::ResourceList(g, v) => crate::discovery::resource_list(g, v)
            .map(|v| json_response(200, &v))
            .ok_or_else(ApiError::unknown_resource),
        Target::Unknown => Err(ApiError::unknown_resource()),
        Target::Resource { res, ns, name, sub } => {
            {
                let st = ctx.shared.lock();
                let a = Attributes {
                    verb: rec.verb.clone(),
                    group: rec.group.clone(),
                    resource: rec.resource.clone(),
                    subresource: rec.subresource.clone(),
                    namespace: if res.info().namespaced {
                        rec.namespace.clone()
                    } else {
                        String::new()
                    },
                    name: if rec.verb == "create" && sub.is_empty() {
                        String::new()
                    } else {
                        rec.name.clone()
                    },
                };
                let review = !res.info().stored;
                if !review && !authz::allows(&st.auth, &st.store, &user, &a) {
                    return Err(forbidden_for(&user.name, rec, *res));
                }
            }
            resource(
                ctx,
                parts,
                method,
                *res,
                ns.as_deref(),
                name.as_deref(),
                sub,
                q,
                rec,
                &user,
                decision,
                body,
                id,
            )
            .await
        }
    }
}

fn write_opts(q: &Query, rec: &RequestRecord) -> Result<WriteOpts, ApiError> {
    let dry_run = match q.get("dryRun") {
        None | Some("") => false,
        Some("All") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "Invalid dry run value: [{other}], supported values: [All]"
            )));
        }
    };
    let field_manager = match q.get("fieldManager") {
        Some(m) if !m.is_empty() => m.to_string(),
        _ => {
            let ua = rec.user_agent.split('/').next().unwrap_or_default();
            if ua.is_empty() {
                "unknown".to_string()
            } else {
                ua.chars().take(128).collect()
            }
        }
    };
    Ok(WriteOpts {
        dry_run,
        field_manager,
        force: q.flag("force"),
    })
}

fn selectors(q: &Query, res: Res) -> Result<Selectors, ApiError> {
    Ok(Selectors {
        labels: LabelSelector::parse(q.get("labelSelector").unwrap_or_default())?,
        fields: FieldSelector::parse(q.get("fieldSelector").unwrap_or_default(), res)?,
    })
}

fn stream_response(
    rx: tokio::sync::mpsc::Receiver<crate::watch::Chunk>,
    content_type: &'static str,
) -> Response {
    let mut resp = Response::new(Body::from_stream(ReceiverStream::new(rx)));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    resp
}

#[allow(clippy::too_many_arguments)]
async fn resource(
    ctx: &Ctx,
    parts: &mut http::request::Parts,
    method: &Method,
    res: Res,
    ns: Option<&str>,
    name: Option<&str>,
    sub: &str,
    q: &Query,
    rec: &RequestRecord,
    user: &UserInfo,
    decision: &Decision,
    body: bytes::Bytes,
    id: u64,
) -> Result<Response, ApiError> {
    let shared = &ctx.shared;
    let info = res.info();
    let ns_str = ns.unwrap_or_default();
    if !info.stored {
        if *method != Method::POST || name.is_some() {
            return Err(ApiError::method_not_allowed(info.group, info.plural));
        }
        let review = ops::parse_body(&body, false)?;
        let st = shared.lock();
        return Ok(json_response(
            201,
            &authz::self_subject_access_review(&st.auth, &st.store, user, &review),
        ));
    }
    match (method.clone(), name) {
        (Method::GET, Some(n)) if sub == "log" => {
            let p = crate::logs::LogParams {
                container: q.get("container").map(String::from),
                follow: q.flag("follow"),
                previous: q.flag("previous"),
                tail_lines: q
                    .get("tailLines")
                    .and_then(|v| v.parse::<i64>().ok())
                    .map(|v| v.max(0) as usize),
                since_seconds: q.get("sinceSeconds").and_then(|v| v.parse().ok()),
                since_time: q.get("sinceTime").and_then(|v| v.parse().ok()),
                timestamps: q.flag("timestamps"),
                limit_bytes: q.get("limitBytes").and_then(|v| v.parse().ok()),
            };
            let rx = crate::logs::start(
                shared.clone(),
                ns_str.to_string(),
                n.to_string(),
                p,
                decision.drop,
                id,
            )?;
            Ok(stream_response(rx, "text/plain"))
        }
        (Method::GET | Method::POST, Some(n)) if sub == "portforward" => {
            crate::portforward::serve(ctx, parts, ns_str, n, q.all("ports")).await
        }
        (Method::GET | Method::POST, Some(n)) if sub == "exec" => {
            exec(ctx, parts, ns_str, n, q, id).await
        }
        (Method::GET, n) if q.flag("watch") => {
            let mut sel = selectors(q, res)?;
            if let Some(n) = n {
                sel.fields = FieldSelector::parse(&format!("metadata.name={n}"), res)?;
            }
            let p = crate::watch::WatchParams {
                resource_version: q.get("resourceVersion").unwrap_or_default().to_string(),
                sel,
                timeout: q
                    .get("timeoutSeconds")
                    .and_then(|v| v.parse().ok())
                    .map(Duration::from_secs),
                bookmarks: q.flag("allowWatchBookmarks"),
                send_initial_events: q.flag("sendInitialEvents"),
            };
            let rx = crate::watch::start(
                shared.clone(),
                res,
                ns.map(String::from),
                p,
                decision.drop,
                id,
            )?;
            Ok(stream_response(rx, "application/json"))
        }
        (Method::GET, Some(n)) => {
            let st = shared.lock();
            let obj = ops::get(&st, res, ns_str, n)?;
            let accept = header_str(&parts.headers, "accept").unwrap_or_default();
            match sub {
                "" if crate::table::wants_table(&accept) => {
                    let meta = json!({"resourceVersion": crate::util::rv_of(&obj)});
                    let full = q.get("includeObject") == Some("Object");
                    Ok(json_response(
                        200,
                        &crate::table::table(res, &[(*obj).clone()], meta, full),
                    ))
                }
                "" | "status" => Ok(json_response(200, &obj)),
                "scale" if info.subresources.contains(&"scale") => {
                    Ok(json_response(200, &ops::scale_of(&obj)))
                }
                _ => Err(ApiError::unknown_resource()),
            }
        }
        (Method::GET, None) => {
            let lo = ListOpts {
                sel: selectors(q, res)?,
                limit: q.get("limit").and_then(|v| v.parse().ok()).unwrap_or(0),
                cont: q.get("continue").map(String::from),
            };
            let st = shared.lock();
            let list = ops::list(&st, res, ns, &lo)?;
            let accept = header_str(&parts.headers, "accept").unwrap_or_default();
            if crate::table::wants_table(&accept) {
                let items = list["items"].as_array().cloned().unwrap_or_default();
                let full = q.get("includeObject") == Some("Object");
                let table = crate::table::table(res, &items, list["metadata"].clone(), full);
                return Ok(json_response(200, &table));
            }
            Ok(json_response(200, &list))
        }
        (Method::POST, None) => {
            let Some(ns_for_create) = ns.or((!info.namespaced).then_some("")) else {
                return Err(ApiError::method_not_allowed(info.group, info.plural));
            };
            let o = write_opts(q, rec)?;
            let obj = ops::parse_body(&body, true)?;
            let mut st = shared.lock();
            Ok(json_response(
                201,
                &ops::create(&mut st, res, ns_for_create, obj, &o)?,
            ))
        }
        (Method::PUT, Some(n)) => {
            let o = write_opts(q, rec)?;
            let obj = ops::parse_body(&body, true)?;
            let mut st = shared.lock();
            let sub = if sub == "finalize" { "" } else { sub };
            Ok(json_response(
                200,
                &ops::update(&mut st, res, ns_str, n, sub, obj, &o)?,
            ))
        }
        (Method::PATCH, Some(n)) => {
            let ct = header_str(&parts.headers, "content-type").unwrap_or_default();
            let ptype = PatchType::from_content_type(&ct).ok_or_else(|| {
                ApiError::new(
                    415,
                    "UnsupportedMediaType",
                    format!("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {ct:?})"),
                )
            })?;
            let o = write_opts(q, rec)?;
            let mut st = shared.lock();
            let (obj, created) = ops::patch(&mut st, res, ns_str, n, sub, ptype, &body, &o)?;
            Ok(json_response(if created { 201 } else { 200 }, &obj))
        }
        (Method::DELETE, n) => {
            let opts_body: Value = if body.is_empty() {
                json!({})
            } else {
                ops::parse_body(&body, false)?
            };
            let dry_run = q.get("dryRun") == Some("All")
                || opts_body
                    .get("dryRun")
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|v| v == "All"));
            let d = DeleteOpts {
                dry_run,
                propagation: q
                    .get("propagationPolicy")
                    .map(String::from)
                    .or_else(|| {
                        opts_body
                            .get("propagationPolicy")
                            .and_then(Value::as_str)
                            .map(String::from)
                    })
                    .or_else(|| {
                        opts_body
                            .get("orphanDependents")
                            .and_then(Value::as_bool)
                            .filter(|b| *b)
                            .map(|_| "Orphan".to_string())
                    }),
                uid: opts_body
                    .pointer("/preconditions/uid")
                    .and_then(Value::as_str)
                    .map(String::from),
                resource_version: opts_body
                    .pointer("/preconditions/resourceVersion")
                    .and_then(Value::as_str)
                    .map(String::from),
            };
            let mut st = shared.lock();
            match n {
                Some(n) => {
                    let out = ops::delete(&mut st, res, ns_str, n, &d)?;
                    let still_there = !d.dry_run && st.store.get(res, ns_str, n).is_some();
                    Ok(json_response(if still_there { 202 } else { 200 }, &out))
                }
                None => {
                    let sel = selectors(q, res)?;
                    Ok(json_response(
                        200,
                        &ops::delete_collection(&mut st, res, ns, &sel, &d)?,
                    ))
                }
            }
        }
        _ => Err(ApiError::method_not_allowed(info.group, info.plural)),
    }
}

async fn exec(
    ctx: &Ctx,
    parts: &mut http::request::Parts,
    ns: &str,
    pod: &str,
    q: &Query,
    id: u64,
) -> Result<Response, ApiError> {
    let command = q.all("command");
    let (container, tty) = {
        let st = ctx.shared.lock();
        let obj = ops::get(&st, Res::pods(), ns, pod)?;
        let container = crate::logs::resolve_container(&obj, q.get("container"))?;
        let running = obj.pointer("/status/phase").and_then(Value::as_str) == Some("Running");
        let container_running = obj
            .pointer("/status/containerStatuses")
            .and_then(Value::as_array)
            .and_then(|l| {
                l.iter()
                    .find(|s| s.get("name").and_then(Value::as_str) == Some(container.as_str()))
            })
            .is_some_and(|s| s.pointer("/state/running").is_some());
        if !running || !container_running {
            return Err(ApiError::bad_request(format!(
                "unable to upgrade connection: container not found (\"{container}\")"
            )));
        }
        (container, q.flag("tty"))
    };
    if command.is_empty() {
        return Err(ApiError::bad_request("you must specify at least 1 command"));
    }
    let ws = WebSocketUpgrade::from_request_parts(parts, &())
        .await
        .map_err(|_| ApiError::bad_request("Upgrade request required"))?
        .protocols(["v5.channel.k8s.io", "v4.channel.k8s.io"]);
    let v5 = ws
        .selected_protocol()
        .is_some_and(|p| p.as_bytes() == b"v5.channel.k8s.io");
    if ws.selected_protocol().is_none() {
        return Err(ApiError::bad_request(
            "unable to upgrade connection: no supported subprotocol (offer v5.channel.k8s.io or v4.channel.k8s.io)",
        ));
    }
    let req = crate::exec::ExecRequest {
        namespace: ns.to_string(),
        pod: pod.to_string(),
        container,
        command,
        stdin: Vec::new(),
        tty,
    };
    let want_stdin = q.flag("stdin");
    let shared = ctx.shared.clone();
    Ok(ws.on_upgrade(move |socket| {
        crate::exec::serve_socket(socket, shared, req, want_stdin, v5, id)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        match parse_path("/api/v1/namespaces/ns/pods/p/log") {
            Target::Resource { res, ns, name, sub } => {
                assert_eq!(res, Res::pods());
                assert_eq!(ns.as_deref(), Some("ns"));
                assert_eq!(name.as_deref(), Some("p"));
                assert_eq!(sub, "log");
            }
            t => panic!("{t:?}"),
        }
        match parse_path("/api/v1/namespaces/ns") {
            Target::Resource { res, ns, name, .. } => {
                assert_eq!(res, Res::namespaces());
                assert!(ns.is_none());
                assert_eq!(name.as_deref(), Some("ns"));
            }
            t => panic!("{t:?}"),
        }
        assert!(matches!(
            parse_path("/api/v1/namespaces/ns/status"),
            Target::Resource { .. }
        ));
        assert!(matches!(
            parse_path("/api/v1/pods"),
            Target::Resource {
                name: None,
                ns: None,
                ..
            }
        ));
        assert!(matches!(parse_path("/api/v1/pods/x"), Target::Unknown));
        assert!(matches!(
            parse_path("/apis/apps/v1/namespaces/a/statefulsets/s/scale"),
            Target::Resource { .. }
        ));
        assert!(matches!(parse_path("/apis/batch/v1/jobs"), Target::Unknown));
        assert!(matches!(
            parse_path("/apis/apps/v1"),
            Target::ResourceList(..)
        ));
        assert!(matches!(parse_path("/version"), Target::Version));
    }

    #[test]
    fn query_decoding() {
        let q = query_pairs("labelSelector=app%3Dx%2Cb+in+%28c%29&command=ls&command=-l&watch=1");
        assert_eq!(
            q[0],
            ("labelSelector".to_string(), "app=x,b in (c)".to_string())
        );
        assert_eq!(q.iter().filter(|(k, _)| k == "command").count(), 2);
    }
}
