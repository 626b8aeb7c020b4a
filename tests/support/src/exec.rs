//! `pods/exec`: built-in commands over a per-pod in-memory filesystem, custom handlers, and the
//! websocket channel protocol (`v5.channel.k8s.io` / `v4.channel.k8s.io`).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use serde_json::{Value, json};

use crate::state::Shared;

/// What an exec asks for.
#[derive(Debug, Clone)]
pub struct ExecRequest {
    /// Namespace.
    pub namespace: String,
    /// Pod.
    pub pod: String,
    /// Container.
    pub container: String,
    /// argv.
    pub command: Vec<String>,
    /// Everything received on stdin (complete: handlers run after stdin closed).
    pub stdin: Vec<u8>,
    /// `tty=true`.
    pub tty: bool,
}

/// What a command produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExecOutput {
    /// stdout bytes.
    pub stdout: Vec<u8>,
    /// stderr bytes.
    pub stderr: Vec<u8>,
    /// Exit code (0 = success).
    pub exit_code: i32,
    /// Set when the runtime could not start the command (sent as the status message).
    pub runtime_error: Option<String>,
}

impl ExecOutput {
    /// Success with this stdout.
    pub fn ok(stdout: impl Into<Vec<u8>>) -> Self {
        ExecOutput {
            stdout: stdout.into(),
            ..Default::default()
        }
    }

    /// Failure with this stderr and exit code.
    pub fn fail(stderr: impl Into<Vec<u8>>, exit_code: i32) -> Self {
        ExecOutput {
            stderr: stderr.into(),
            exit_code,
            ..Default::default()
        }
    }
}

/// A handler: gets the request and the pod's files (path → bytes). It runs while the server state
/// is locked, so it must not call back into the server.
pub type ExecFn =
    Arc<dyn Fn(&ExecRequest, &mut BTreeMap<String, Vec<u8>>) -> ExecOutput + Send + Sync>;

/// A registered handler for commands starting with `argv_prefix`.
#[derive(Clone)]
pub struct ExecHandler {
    /// Leading argv elements that select the handler.
    pub argv_prefix: Vec<String>,
    /// The handler.
    pub f: ExecFn,
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

fn dir_key(path: &str) -> String {
    let p = normalize(path);
    if p == "/" { p } else { format!("{p}/") }
}

fn is_dir(fs: &BTreeMap<String, Vec<u8>>, path: &str) -> bool {
    let key = dir_key(path);
    key == "/" || fs.keys().any(|k| k.starts_with(&key))
}

fn exists(fs: &BTreeMap<String, Vec<u8>>, path: &str) -> bool {
    fs.contains_key(&normalize(path)) || is_dir(fs, path)
}

fn make_dirs(fs: &mut BTreeMap<String, Vec<u8>>, path: &str) {
    let p = normalize(path);
    let mut cur = String::new();
    for seg in p.split('/').filter(|s| !s.is_empty()) {
        cur.push('/');
        cur.push_str(seg);
        fs.entry(format!("{cur}/")).or_default();
    }
}

fn write_file(fs: &mut BTreeMap<String, Vec<u8>>, path: &str, data: Vec<u8>, append: bool) {
    let p = normalize(path);
    if let Some((parent, _)) = p.rsplit_once('/')
        && !parent.is_empty()
    {
        make_dirs(fs, parent);
    }
    if append {
        fs.entry(p).or_default().extend(data);
    } else {
        fs.insert(p, data);
    }
}

/// Files under a directory: (path relative to the directory, bytes); directory markers as "rel/".
fn files_under(fs: &BTreeMap<String, Vec<u8>>, dir: &str) -> Vec<(String, Vec<u8>)> {
    let key = dir_key(dir);
    fs.iter()
        .filter(|(k, _)| k.starts_with(&key) && k.len() > key.len())
        .map(|(k, v)| (k[key.len()..].to_string(), v.clone()))
        .collect()
}

fn no_such(cmd: &str, path: &str, code: i32) -> ExecOutput {
    ExecOutput::fail(format!("{cmd}: {path}: No such file or directory\n"), code)
}

fn tar_create(fs: &BTreeMap<String, Vec<u8>>, dir: &str, gzip: bool) -> Result<Vec<u8>, String> {
    let mut builder = tar::Builder::new(Vec::new());
    for (rel, data) in files_under(fs, dir) {
        let mut header = tar::Header::new_gnu();
        if let Some(d) = rel.strip_suffix('/') {
            header.set_entry_type(tar::EntryType::Directory);
            header.set_size(0);
            header.set_mode(0o755);
            header.set_mtime(0);
            builder
                .append_data(&mut header, format!("./{d}/"), std::io::empty())
                .map_err(|e| e.to_string())?;
        } else {
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_mtime(0);
            builder
                .append_data(&mut header, format!("./{rel}"), data.as_slice())
                .map_err(|e| e.to_string())?;
        }
    }
    let bytes = builder.into_inner().map_err(|e| e.to_string())?;
    if gzip {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&bytes).map_err(|e| e.to_string())?;
        enc.finish().map_err(|e| e.to_string())
    } else {
        Ok(bytes)
    }
}

fn tar_extract(
    fs: &mut BTreeMap<String, Vec<u8>>,
    dir: &str,
    input: &[u8],
    gzip: bool,
) -> Result<(), String> {
    let raw = if gzip || input.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(input)
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        out
    } else {
        input.to_vec()
    };
    let mut archive = tar::Archive::new(raw.as_slice());
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let path = entry
            .path()
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .to_string();
        let full = format!("{}/{}", normalize(dir), path);
        if entry.header().entry_type().is_dir() {
            make_dirs(fs, &full);
        } else {
            let mut data = Vec::new();
            entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
            write_file(fs, &full, data, false);
        }
    }
    Ok(())
}

/// Parse the tar flags form used by the plugin and kubectl cp: `tar cf - -C DIR .`, `tar xf - -C DIR`, `tar -xzf - -C DIR`.
fn run_tar(args: &[String], stdin: &[u8], fs: &mut BTreeMap<String, Vec<u8>>) -> ExecOutput {
    let mut create = false;
    let mut extract = false;
    let mut gzip = false;
    let mut dir = "/".to_string();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-C" {
            if let Some(d) = args.get(i + 1) {
                dir = d.clone();
            }
            i += 2;
            continue;
        }
        if a == "-" || a == "." {
            i += 1;
            continue;
        }
        let flags = a.trim_start_matches('-');
        if flags.chars().all(|c| "cxzfvpo".contains(c)) {
            create |= flags.contains('c');
            extract |= flags.contains('x');
            gzip |= flags.contains('z');
        }
        i += 1;
    }
    if create {
        if !is_dir(fs, &dir) {
            return ExecOutput::fail(
                format!("tar: {dir}: Cannot open: No such file or directory\n"),
                2,
            );
        }
        match tar_create(fs, &dir, gzip) {
            Ok(bytes) => ExecOutput::ok(bytes),
            Err(e) => ExecOutput::fail(format!("tar: {e}\n"), 2),
        }
    } else if extract {
        match tar_extract(fs, &dir, stdin, gzip) {
            Ok(()) => ExecOutput::ok(Vec::new()),
            Err(e) => ExecOutput::fail(format!("tar: {e}\n"), 2),
        }
    } else {
        ExecOutput::fail(
            "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n",
            2,
        )
    }
}

/// Run a built-in command; `None` when the command is unknown.
pub fn run_builtin(
    cmd: &[String],
    stdin: &[u8],
    fs: &mut BTreeMap<String, Vec<u8>>,
) -> Option<ExecOutput> {
    let (prog, args) = cmd.split_first()?;
    let prog = prog.rsplit('/').next().unwrap_or(prog);
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let out = match prog {
        "true" => ExecOutput::ok(Vec::new()),
        "false" => ExecOutput::fail(Vec::new(), 1),
        "echo" => ExecOutput::ok(format!("{}\n", args.join(" "))),
        "cat" => {
            if paths.is_empty() {
                ExecOutput::ok(stdin.to_vec())
            } else {
                let mut out = Vec::new();
                for p in paths {
                    match fs.get(&normalize(p)) {
                        Some(data) => out.extend_from_slice(data),
                        None if is_dir(fs, p) => {
                            return Some(ExecOutput::fail(
                                format!("cat: {p}: Is a directory\n"),
                                1,
                            ));
                        }
                        None => return Some(no_such("cat", p, 1)),
                    }
                }
                ExecOutput::ok(out)
            }
        }
        "mv" => {
            // `mv [-f] SRC DST`: a rename within the pod's files (coreutils semantics and texts).
            match paths.as_slice() {
                [] => return Some(ExecOutput::fail("mv: missing file operand\n", 1)),
                [src] => {
                    return Some(ExecOutput::fail(
                        format!("mv: missing destination file operand after '{src}'\n"),
                        1,
                    ));
                }
                [src, dst] => {
                    let src_key = normalize(src);
                    let mut dst_key = normalize(dst);
                    if is_dir(fs, dst) && !fs.contains_key(&dst_key) {
                        let base = src_key.rsplit('/').next().unwrap_or_default();
                        dst_key = normalize(&format!("{dst_key}/{base}"));
                    }
                    if let Some(data) = fs.remove(&src_key) {
                        write_file(fs, &dst_key, data, false);
                    } else if is_dir(fs, src) && src_key != "/" {
                        let from = dir_key(src);
                        let to = dir_key(&dst_key);
                        let moved: Vec<(String, Vec<u8>)> = fs
                            .iter()
                            .filter(|(k, _)| k.starts_with(&from))
                            .map(|(k, v)| (format!("{to}{}", &k[from.len()..]), v.clone()))
                            .collect();
                        fs.retain(|k, _| !k.starts_with(&from));
                        make_dirs(fs, &dst_key);
                        fs.extend(moved);
                    } else {
                        return Some(ExecOutput::fail(
                            format!("mv: cannot stat '{src}': No such file or directory\n"),
                            1,
                        ));
                    }
                    ExecOutput::ok(Vec::new())
                }
                _ => {
                    return Some(ExecOutput::fail(
                        "mv: moving several files is not supported by the fake server\n",
                        1,
                    ));
                }
            }
        }
        "tee" => {
            let append = args.iter().any(|a| a == "-a");
            for p in &paths {
                write_file(fs, p, stdin.to_vec(), append);
            }
            ExecOutput::ok(stdin.to_vec())
        }
        "dd" => {
            let of = args.iter().find_map(|a| a.strip_prefix("of="));
            let quiet = args.iter().any(|a| a == "status=none");
            match of {
                Some(p) => {
                    write_file(fs, p, stdin.to_vec(), false);
                    let summary = if quiet {
                        String::new()
                    } else {
                        format!(
                            "0+1 records in\n0+1 records out\n{} bytes copied\n",
                            stdin.len()
                        )
                    };
                    ExecOutput {
                        stderr: summary.into_bytes(),
                        ..Default::default()
                    }
                }
                None => ExecOutput::ok(stdin.to_vec()),
            }
        }
        "stat" => {
            let fmt = args
                .iter()
                .position(|a| a == "-c")
                .and_then(|i| args.get(i + 1));
            let target = args
                .iter()
                .enumerate()
                .filter(|(i, a)| {
                    !a.starts_with('-') && args.get(i.wrapping_sub(1)).is_none_or(|p| p != "-c")
                })
                .map(|(_, a)| a)
                .next_back();
            match (fmt.map(String::as_str), target) {
                (Some("%s"), Some(p)) => match fs.get(&normalize(p)) {
                    Some(data) => ExecOutput::ok(format!("{}\n", data.len())),
                    None if is_dir(fs, p) => ExecOutput::ok("4096\n"),
                    None => ExecOutput::fail(
                        format!("stat: cannot statx '{p}': No such file or directory\n"),
                        1,
                    ),
                },
                (_, Some(p)) if exists(fs, p) => ExecOutput::ok(format!("  File: {p}\n")),
                (_, Some(p)) => ExecOutput::fail(
                    format!("stat: cannot statx '{p}': No such file or directory\n"),
                    1,
                ),
                _ => ExecOutput::fail("stat: missing operand\n", 1),
            }
        }
        "rm" => {
            let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
            let recursive = args
                .iter()
                .any(|a| a.starts_with('-') && (a.contains('r') || a.contains('R')));
            for p in paths {
                let key = normalize(p);
                if fs.remove(&key).is_some() {
                    continue;
                }
                if is_dir(fs, p) {
                    if recursive {
                        let dk = dir_key(p);
                        fs.retain(|k, _| !k.starts_with(&dk));
                        continue;
                    }
                    return Some(ExecOutput::fail(
                        format!("rm: cannot remove '{p}': Is a directory\n"),
                        1,
                    ));
                }
                if !force {
                    return Some(ExecOutput::fail(
                        format!("rm: cannot remove '{p}': No such file or directory\n"),
                        1,
                    ));
                }
            }
            ExecOutput::ok(Vec::new())
        }
        "mkdir" => {
            let parents = args.iter().any(|a| a == "-p");
            for p in paths {
                if !parents && exists(fs, p) {
                    return Some(ExecOutput::fail(
                        format!("mkdir: cannot create directory '{p}': File exists\n"),
                        1,
                    ));
                }
                make_dirs(fs, p);
            }
            ExecOutput::ok(Vec::new())
        }
        "ls" => {
            let target = paths.first().map(|s| s.as_str()).unwrap_or("/");
            if fs.contains_key(&normalize(target)) {
                ExecOutput::ok(format!("{target}\n"))
            } else if is_dir(fs, target) {
                let mut names: Vec<String> = files_under(fs, target)
                    .into_iter()
                    .map(|(rel, _)| rel.split('/').next().unwrap_or_default().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                names.dedup();
                let mut text = names.join("\n");
                if !text.is_empty() {
                    text.push('\n');
                }
                ExecOutput::ok(text)
            } else {
                ExecOutput::fail(
                    format!("ls: cannot access '{target}': No such file or directory\n"),
                    2,
                )
            }
        }
        "test" | "[" => {
            let args: Vec<&String> = args.iter().filter(|a| a.as_str() != "]").collect();
            let ok = match args.as_slice() {
                [flag, p] if flag.as_str() == "-e" => exists(fs, p),
                [flag, p] if flag.as_str() == "-f" => fs.contains_key(&normalize(p)),
                [flag, p] if flag.as_str() == "-d" => is_dir(fs, p),
                [flag, p] if flag.as_str() == "-s" => {
                    fs.get(&normalize(p)).is_some_and(|d| !d.is_empty())
                }
                _ => false,
            };
            ExecOutput {
                exit_code: if ok { 0 } else { 1 },
                ..Default::default()
            }
        }
        "tar" => run_tar(args, stdin, fs),
        "sh" | "bash" => {
            let script = args
                .iter()
                .position(|a| a == "-c")
                .and_then(|i| args.get(i + 1))?;
            return run_shell(script, stdin, fs);
        }
        _ => return None,
    };
    Some(out)
}

/// A tiny shell: `exit N`, `cat > PATH`, `cat >> PATH`, and single commands without metacharacters.
fn run_shell(script: &str, stdin: &[u8], fs: &mut BTreeMap<String, Vec<u8>>) -> Option<ExecOutput> {
    let s = script.trim();
    if let Some(code) = s.strip_prefix("exit ") {
        return Some(ExecOutput::fail(
            Vec::new(),
            code.trim().parse().unwrap_or(1),
        ));
    }
    for (op, append) in [(">>", true), (">", false)] {
        if let Some((lhs, rhs)) = s.split_once(op) {
            let lhs: Vec<String> = lhs.split_whitespace().map(String::from).collect();
            let path = rhs.trim().trim_matches(['\'', '"']);
            if lhs == ["cat"] && !path.is_empty() && !path.contains(char::is_whitespace) {
                write_file(fs, path, stdin.to_vec(), append);
                return Some(ExecOutput::ok(Vec::new()));
            }
            return None;
        }
    }
    if s.contains(['|', '<', '&', ';', '$', '`', '\'', '"', '(', ')']) {
        return None;
    }
    let argv: Vec<String> = s.split_whitespace().map(String::from).collect();
    run_builtin(&argv, stdin, fs)
}

/// Run a command the way the container runtime would: custom handlers first, then built-ins.
pub fn run(shared: &Shared, req: &ExecRequest) -> ExecOutput {
    let mut st = shared.lock();
    let handler = st
        .pods
        .exec_handlers
        .iter()
        .rev()
        .find(|h| req.command.starts_with(&h.argv_prefix))
        .cloned();
    let fs = st.pods.fs_mut(&req.namespace, &req.pod);
    if let Some(h) = handler {
        return (h.f)(req, fs);
    }
    match run_builtin(&req.command, &req.stdin, fs) {
        Some(out) => out,
        None => {
            let prog = req.command.first().cloned().unwrap_or_default();
            ExecOutput {
                exit_code: 127,
                runtime_error: Some(format!(
                    "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{prog}\": executable file not found in $PATH: unknown"
                )),
                ..Default::default()
            }
        }
    }
}

/// The v1 Status sent on channel 3.
pub fn exit_status(out: &ExecOutput, command: &[String]) -> Value {
    if let Some(msg) = &out.runtime_error {
        return json!({
            "metadata": {}, "status": "Failure", "message": msg, "reason": "InternalError",
            "details": {"causes": [{"message": msg}]},
        });
    }
    if out.exit_code == 0 {
        return json!({"metadata": {}, "status": "Success"});
    }
    json!({
        "metadata": {},
        "status": "Failure",
        "message": format!("command terminated with non-zero exit code: error executing command [{}], exit code {}", command.join(" "), out.exit_code),
        "reason": "NonZeroExitCode",
        "details": {"causes": [{"reason": "ExitCode", "message": out.exit_code.to_string()}]},
    })
}

/// Serve one exec over an upgraded websocket.
pub async fn serve_socket(
    mut socket: WebSocket,
    shared: Arc<Shared>,
    req: ExecRequest,
    want_stdin: bool,
    v5: bool,
    log_id: u64,
) {
    let mut req = req;
    let mut client_closed = false;
    if want_stdin {
        while let Some(msg) = socket.recv().await {
            match msg {
                Ok(Message::Binary(b)) => match b.first() {
                    Some(0) => req.stdin.extend_from_slice(&b[1..]),
                    Some(255) if v5 && b.get(1) == Some(&0) => break,
                    _ => {}
                },
                Ok(Message::Text(t)) => {
                    // base64 protocols are not offered; treat text as raw stdin.
                    req.stdin.extend_from_slice(t.as_bytes());
                }
                Ok(Message::Close(_)) | Err(_) => {
                    client_closed = true;
                    break;
                }
                Ok(_) => {}
            }
        }
    }
    let stdin_copy = req.stdin.clone();
    let command = req.command.clone();
    let out = run(&shared, &req);
    {
        let mut st = shared.lock();
        st.log.update(log_id, |r| r.stdin = Some(stdin_copy));
    }
    if !client_closed {
        let mut stdout = out.stdout.clone();
        let mut stderr = out.stderr.clone();
        if req.tty {
            stdout.append(&mut stderr);
        }
        for (chan, data) in [(1u8, stdout), (2u8, stderr)] {
            for chunk in data.chunks(32 * 1024) {
                let mut frame = Vec::with_capacity(chunk.len() + 1);
                frame.push(chan);
                frame.extend_from_slice(chunk);
                if socket.send(Message::Binary(frame.into())).await.is_err() {
                    return;
                }
            }
        }
        let status = exit_status(&out, &command);
        let mut frame = vec![3u8];
        frame.extend_from_slice(status.to_string().as_bytes());
        let _ = socket.send(Message::Binary(frame.into())).await;
        // A normal closure (1000): clients treat a close without a code as an error.
        let _ = socket
            .send(Message::Close(Some(CloseFrame {
                code: 1000,
                reason: "".into(),
            })))
            .await;
        // Finish the closing handshake as a real server does: read (and drop) whatever the
        // client still sends — e.g. kube-rs's close-stdin signal when no stdin was asked for —
        // until its Close answer. Unread data would make the kernel reset the connection and
        // could cost the client the frames sent above.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), async {
            while let Some(Ok(message)) = socket.recv().await {
                if matches!(message, Message::Close(_)) {
                    break;
                }
            }
        })
        .await;
    }
    let mut st = shared.lock();
    st.log
        .update(log_id, |r| r.stream_end = Some(std::time::Instant::now()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn builtins() {
        let mut fs = BTreeMap::new();
        assert_eq!(
            run_builtin(&argv("tee /opt/a/f.txt"), b"hello", &mut fs)
                .unwrap()
                .stdout,
            b"hello"
        );
        assert_eq!(
            run_builtin(&argv("cat /opt/a/f.txt"), b"", &mut fs)
                .unwrap()
                .stdout,
            b"hello"
        );
        assert_eq!(
            run_builtin(&argv("stat -c %s /opt/a/f.txt"), b"", &mut fs)
                .unwrap()
                .stdout,
            b"5\n"
        );
        assert_eq!(
            run_builtin(&argv("test -e /opt/a"), b"", &mut fs)
                .unwrap()
                .exit_code,
            0
        );
        assert_eq!(
            run_builtin(&argv("test -e /nope"), b"", &mut fs)
                .unwrap()
                .exit_code,
            1
        );
        assert_eq!(
            run_builtin(&argv("ls /opt/a"), b"", &mut fs)
                .unwrap()
                .stdout,
            b"f.txt\n"
        );
        run_builtin(&argv("dd of=/opt/b bs=1M status=none"), b"xyz", &mut fs).unwrap();
        assert_eq!(fs["/opt/b"], b"xyz");
        run_builtin(&argv("mkdir -p /d/e"), b"", &mut fs).unwrap();
        assert_eq!(
            run_builtin(&argv("test -d /d/e"), b"", &mut fs)
                .unwrap()
                .exit_code,
            0
        );
        let tar = run_builtin(&argv("tar cf - -C /opt ."), b"", &mut fs).unwrap();
        assert_eq!(tar.exit_code, 0);
        let mut fs2 = BTreeMap::new();
        run_builtin(&argv("tar xf - -C /copy"), &tar.stdout, &mut fs2).unwrap();
        assert_eq!(fs2["/copy/a/f.txt"], b"hello");
        assert_eq!(fs2["/copy/b"], b"xyz");
        run_builtin(&argv("rm -f /opt/b /missing"), b"", &mut fs).unwrap();
        assert!(!fs.contains_key("/opt/b"));
        assert_eq!(
            run_builtin(&argv("cat /opt/b"), b"", &mut fs)
                .unwrap()
                .exit_code,
            1
        );
        let sh = vec!["sh".to_string(), "-c".to_string(), "cat > /x/y".to_string()];
        run_builtin(&sh, b"data", &mut fs).unwrap();
        assert_eq!(fs["/x/y"], b"data");
        assert!(run_builtin(&argv("frobnicate"), b"", &mut fs).is_none());

        // mv: rename a file, into a directory, a whole directory; errors as coreutils prints them.
        run_builtin(&argv("tee /up/pkg.tar.gz.part"), b"pkg", &mut fs).unwrap();
        assert_eq!(
            run_builtin(
                &argv("mv -f /up/pkg.tar.gz.part /up/pkg.tar.gz"),
                b"",
                &mut fs
            )
            .unwrap()
            .exit_code,
            0
        );
        assert_eq!(fs["/up/pkg.tar.gz"], b"pkg");
        assert!(!fs.contains_key("/up/pkg.tar.gz.part"));
        run_builtin(&argv("mkdir -p /dest"), b"", &mut fs).unwrap();
        run_builtin(&argv("mv /up/pkg.tar.gz /dest"), b"", &mut fs).unwrap();
        assert_eq!(fs["/dest/pkg.tar.gz"], b"pkg");
        run_builtin(&argv("mv /dest /moved"), b"", &mut fs).unwrap();
        assert_eq!(fs["/moved/pkg.tar.gz"], b"pkg");
        assert!(!fs.keys().any(|k| k.starts_with("/dest")));
        let e = run_builtin(&argv("mv /nope /x"), b"", &mut fs).unwrap();
        assert_eq!(
            (e.exit_code, e.stderr.as_slice()),
            (
                1,
                b"mv: cannot stat '/nope': No such file or directory\n".as_slice()
            )
        );
        let e = run_builtin(&argv("mv /moved"), b"", &mut fs).unwrap();
        assert_eq!(
            e.stderr,
            b"mv: missing destination file operand after '/moved'\n"
        );
    }

    #[test]
    fn status_bodies() {
        let s = exit_status(&ExecOutput::fail(Vec::new(), 3), &argv("sh -c x"));
        assert_eq!(s["reason"], "NonZeroExitCode");
        assert_eq!(s["details"]["causes"][0]["message"], "3");
        assert_eq!(
            exit_status(&ExecOutput::ok(Vec::new()), &[])["status"],
            "Success"
        );
    }
}
