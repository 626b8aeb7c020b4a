//! Running one argv command in a pod's container through the exec API (kube-rs, websocket): bytes
//! streamed to stdin, stdout and stderr collected, and the exit status read from the status
//! channel. Commands are argv vectors, never shell strings.

use anyhow::{Result, anyhow, bail};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Status;
use kube::Api;
use kube::api::AttachParams;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use crate::cluster::Cluster;

/// Size of the pipes between this process and the websocket task: large enough that a package
/// streams in few frames.
const PIPE_BUFFER: usize = 64 * 1024;

/// How the command ended, from the exec status channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitStatus {
    /// The command exited with this code (0 = success).
    Code(i32),
    /// The runtime reported a failure without an exit code (e.g. the executable does not exist).
    Failure(String),
    /// The stream ended without a status.
    Unknown,
}

/// What a command produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecOutcome {
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
    /// Everything written to stderr.
    pub stderr: Vec<u8>,
    /// How it ended.
    pub status: ExitStatus,
}

impl ExecOutcome {
    /// Whether the command exited with code 0.
    pub fn success(&self) -> bool {
        self.status == ExitStatus::Code(0)
    }

    /// stdout as (lossy) text.
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Why the command did not succeed, for messages: the exit code or runtime failure, with
    /// the first lines of stderr.
    pub fn failure_text(&self) -> String {
        let how = match &self.status {
            ExitStatus::Code(0) => "exited with code 0".to_string(),
            ExitStatus::Code(code) => format!("exited with code {code}"),
            ExitStatus::Failure(message) => format!("could not run: {message}"),
            ExitStatus::Unknown => "ended without an exit status".to_string(),
        };
        let stderr = String::from_utf8_lossy(&self.stderr);
        let stderr: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect();
        if stderr.is_empty() {
            how
        } else {
            format!("{how}: {}", stderr.join(" / "))
        }
    }
}

/// Runs `argv` in `container` of `pod` (in the cluster's namespace), sending `stdin` (then
/// end-of-file) when given. A command that runs and fails is an `Ok` outcome with its status;
/// an `Err` means the command could not be started or the stream broke, and names the pod and
/// container.
pub async fn exec(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    argv: &[&str],
    stdin: Option<&[u8]>,
) -> Result<ExecOutcome> {
    let Some(program) = argv.first() else {
        bail!("no command to run in container {container} of pod {pod}");
    };
    let place = format!(
        "container {container} of pod {pod} (namespace {})",
        cluster.namespace
    );
    let api: Api<Pod> = Api::namespaced(cluster.client.clone(), &cluster.namespace);
    let params = AttachParams {
        container: Some(container.to_string()),
        stdin: stdin.is_some(),
        stdout: true,
        stderr: true,
        tty: false,
        max_stdin_buf_size: Some(PIPE_BUFFER),
        max_stdout_buf_size: Some(PIPE_BUFFER),
        max_stderr_buf_size: Some(PIPE_BUFFER),
    };
    let mut process = api
        .exec(pod, argv.iter().copied(), &params)
        .await
        .map_err(|e| anyhow!("cannot run {program} in {place}: {}", cluster.explain(e)))?;
    let status = process.take_status();
    let stdout = process.stdout();
    let stderr = process.stderr();
    let writer = process.stdin();
    let send = async move {
        if let (Some(mut writer), Some(bytes)) = (writer, stdin) {
            writer.write_all(bytes).await?;
            writer.shutdown().await?;
        }
        Ok::<(), std::io::Error>(())
    };
    let reads = async { tokio::join!(read_all(stdout), read_all(stderr)) };
    let status_wait = async {
        match status {
            Some(status) => status.await,
            None => None,
        }
    };
    tokio::pin!(send, reads, status_wait);
    // When the stream breaks (the connection is cut), kube-rs ends its message loop without
    // closing the stdout/stderr pipes, so their readers would wait forever: the status channel,
    // which closes whenever the loop ends, decides when to stop waiting for them.
    let (mut sent, mut outputs, mut status) = (None, None, None);
    loop {
        tokio::select! {
            result = &mut send, if sent.is_none() => sent = Some(result),
            result = &mut reads, if outputs.is_none() => outputs = Some(result),
            result = &mut status_wait, if status.is_none() => status = Some(result),
        }
        match (&outputs, &status) {
            (Some(_), Some(_)) | (None, Some(None)) => break,
            _ => {}
        }
    }
    let status = status.flatten();
    // The message loop is over: joining it now sends nothing more to the server.
    let joined = process.join().await;
    let status = match status {
        Some(status) => exit_status(&status),
        None => {
            if let Err(e) = joined {
                bail!("the exec stream of {program} in {place} broke: {e}");
            }
            match sent {
                Some(Err(e)) => bail!("could not send stdin to {program} in {place}: {e}"),
                None if stdin.is_some() => bail!(
                    "the exec stream of {program} in {place} ended before all of stdin was sent"
                ),
                _ => {}
            }
            ExitStatus::Unknown
        }
    };
    if outputs.is_none() {
        // The loop ended normally without a status: it closed the pipes, so the reads end.
        outputs = Some(reads.await);
    }
    let (stdout, stderr) = outputs.unwrap_or((Ok(Vec::new()), Ok(Vec::new())));
    Ok(ExecOutcome {
        stdout: stdout.map_err(|e| anyhow!("reading stdout of {program} in {place}: {e}"))?,
        stderr: stderr.map_err(|e| anyhow!("reading stderr of {program} in {place}: {e}"))?,
        status,
    })
}

async fn read_all(reader: Option<impl AsyncRead + Unpin>) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    if let Some(mut reader) = reader {
        reader.read_to_end(&mut out).await?;
    }
    Ok(out)
}

/// Reads the `Status` of the exec status channel: `Success`, a `NonZeroExitCode` failure whose
/// `ExitCode` cause holds the code, or another failure (its message).
pub fn exit_status(status: &Status) -> ExitStatus {
    if status.status.as_deref() == Some("Success") {
        return ExitStatus::Code(0);
    }
    let code = status
        .details
        .as_ref()
        .and_then(|d| d.causes.as_ref())
        .and_then(|causes| {
            causes
                .iter()
                .find(|c| c.reason.as_deref() == Some("ExitCode"))
                .and_then(|c| c.message.as_deref())
                .and_then(|m| m.trim().parse::<i32>().ok())
        });
    match code {
        Some(code) => ExitStatus::Code(code),
        None => ExitStatus::Failure(
            status
                .message
                .clone()
                .filter(|m| !m.is_empty())
                .or_else(|| status.reason.clone())
                .unwrap_or_else(|| "unknown failure".to_string()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(json: serde_json::Value) -> Status {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn success_status_is_code_zero() {
        assert_eq!(
            exit_status(&status(serde_json::json!({"status": "Success"}))),
            ExitStatus::Code(0)
        );
    }

    #[test]
    fn non_zero_exit_code_is_read_from_the_causes() {
        let s = status(serde_json::json!({
            "status": "Failure",
            "message": "command terminated with non-zero exit code: exit code 3",
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": "3"}]},
        }));
        assert_eq!(exit_status(&s), ExitStatus::Code(3));
    }

    #[test]
    fn runtime_failure_keeps_the_message() {
        let s = status(serde_json::json!({
            "status": "Failure",
            "message": "exec: \"mv\": executable file not found in $PATH",
            "reason": "InternalError",
        }));
        assert_eq!(
            exit_status(&s),
            ExitStatus::Failure("exec: \"mv\": executable file not found in $PATH".into())
        );
        let bare = status(serde_json::json!({"status": "Failure", "reason": "InternalError"}));
        assert_eq!(
            exit_status(&bare),
            ExitStatus::Failure("InternalError".into())
        );
    }

    #[test]
    fn failure_text_names_code_and_stderr() {
        let outcome = ExecOutcome {
            stdout: Vec::new(),
            stderr: b"dd: failed to open '/x': Permission denied\n\n".to_vec(),
            status: ExitStatus::Code(1),
        };
        assert!(!outcome.success());
        assert_eq!(
            outcome.failure_text(),
            "exited with code 1: dd: failed to open '/x': Permission denied"
        );
        let unknown = ExecOutcome {
            stdout: b"12\n".to_vec(),
            stderr: Vec::new(),
            status: ExitStatus::Unknown,
        };
        assert_eq!(unknown.failure_text(), "ended without an exit status");
        assert_eq!(unknown.stdout_text(), "12\n");
    }
}
