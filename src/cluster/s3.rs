//! The S3 upload method through the AWS CLI, as Twister2's client does it: finding `aws` on
//! `PATH`, `aws s3 cp` of the package (from a private temporary file), `aws s3 presign` and
//! `aws s3 rm`. Every command runs as an argv; credentials are the CLI's own business (its
//! environment and files), never read or printed here.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context, Result, anyhow};
use tokio::io::AsyncWriteExt;

use crate::twister2::package_file::is_executable;

/// The AWS CLI's program name.
pub const PROGRAM: &str = "aws";

/// Where to get the AWS CLI.
pub const INSTALL_URL: &str =
    "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

/// Lines of a failed command's stderr shown in its error.
const STDERR_LINES: usize = 5;
/// Characters kept of each of those lines.
const LINE_CHARS: usize = 400;

/// The AWS CLI found on `PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aws {
    program: PathBuf,
}

/// Why `aws` cannot be used: it is not on `PATH`.
pub fn not_found_text() -> String {
    format!("the AWS CLI (`{PROGRAM}`) is not on PATH (install it: {INSTALL_URL})")
}

impl Aws {
    /// `aws` on `PATH`, or an error saying it is missing and where to get it.
    pub fn locate() -> Result<Aws> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        find_program(&path, PROGRAM)
            .map(|program| Aws { program })
            .ok_or_else(|| anyhow!(not_found_text()))
    }

    /// `aws s3 cp LOCAL OBJECT`: writes `package` to a temporary file only this user can read
    /// (removed afterwards, also when the upload is abandoned) and copies it to `object`.
    pub async fn upload(&self, package: &[u8], job_id: &str, object: &str) -> Result<()> {
        let file = TempPackage::write(package, job_id).await?;
        let local = file.path.to_string_lossy().into_owned();
        self.run(&["s3", "cp", &local, object]).await.map(drop)
    }

    /// `aws s3 presign OBJECT --expires-in SECS`: the object's download URL.
    pub async fn presign(&self, object: &str, expires_in_secs: i64) -> Result<String> {
        let secs = expires_in_secs.to_string();
        let args = ["s3", "presign", object, "--expires-in", &secs];
        let stdout = self.run(&args).await?;
        let url = stdout.trim();
        let is_url = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        if !is_url {
            // The output is not shown: a presigned URL is a credential for the object.
            return Err(anyhow!("`{}` did not print one http(s) URL", shown(&args)));
        }
        Ok(url.to_string())
    }

    /// `aws s3 rm OBJECT`.
    pub async fn remove(&self, object: &str) -> Result<()> {
        self.run(&["s3", "rm", object]).await.map(drop)
    }

    /// Run `aws ARGS` (no stdin; killed if abandoned); its stdout, or an error showing the
    /// command and the last lines of its stderr.
    async fn run(&self, args: &[&str]) -> Result<String> {
        let (status, stdout, stderr) = run_program(&self.program, args)
            .await
            .with_context(|| format!("cannot run `{}`", shown(args)))?;
        if status.success() {
            return Ok(String::from_utf8_lossy(&stdout).into_owned());
        }
        let how = match status.code() {
            Some(code) => format!("exited with code {code}"),
            None => "was ended by a signal".to_string(),
        };
        let tail = last_lines(&String::from_utf8_lossy(&stderr), STDERR_LINES);
        Err(if tail.is_empty() {
            anyhow!("`{}` {how}", shown(args))
        } else {
            anyhow!("`{}` {how}: {}", shown(args), tail.join("\n  "))
        })
    }
}

/// Run `program ARGS` to its end: (exit status, stdout, stderr). The child is killed when the
/// returned future is dropped (Ctrl-C, a rollback), so no upload goes on behind the plugin's
/// back.
async fn run_program(
    program: &Path,
    args: &[&str],
) -> std::io::Result<(std::process::ExitStatus, Vec<u8>, Vec<u8>)> {
    let output = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .output()
        .await?;
    Ok((output.status, output.stdout, output.stderr))
}

/// The first executable `name` in `path` (a `PATH` value); on Windows with the extensions of
/// `PATHEXT`.
fn find_program(path: &std::ffi::OsStr, name: &str) -> Option<PathBuf> {
    let names: Vec<OsString> = if cfg!(windows) {
        let extensions =
            std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".to_string());
        extensions
            .split(';')
            .filter(|e| !e.is_empty())
            .map(|e| OsString::from(format!("{name}{}", e.to_ascii_lowercase())))
            .collect()
    } else {
        vec![OsString::from(name)]
    };
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|candidate| is_program(candidate))
}

/// A file that can be run: with an execute bit on Unix; any file elsewhere (Windows has none,
/// `PATHEXT` decides).
fn is_program(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && (cfg!(not(unix)) || is_executable(&m)))
}

/// The command as the user would type it (`aws s3 cp …`), arguments with spaces quoted.
fn shown(args: &[&str]) -> String {
    std::iter::once(PROGRAM)
        .chain(args.iter().copied())
        .map(|a| {
            if a.is_empty()
                || a.chars()
                    .any(|c| c.is_whitespace() || c == '\'' || c == '"')
            {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last `n` non-blank lines of `text`, each trimmed and shortened.
fn last_lines(text: &str, n: usize) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| {
            let mut line: String = l.chars().take(LINE_CHARS).collect();
            if l.chars().count() > LINE_CHARS {
                line.push('…');
            }
            line
        })
        .collect()
}

/// The package in a new file of the temporary directory, mode 0600, removed when dropped.
struct TempPackage {
    path: PathBuf,
}

impl TempPackage {
    async fn write(bytes: &[u8], job_id: &str) -> Result<TempPackage> {
        let dir = std::env::temp_dir();
        let mut attempts = 0;
        loop {
            let name = format!(
                "kubectl-twister2-{job_id}-{:016x}.tar.gz",
                rand::random::<u64>()
            );
            let path = dir.join(name);
            let mut options = tokio::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            options.mode(0o600);
            match options.open(&path).await {
                Ok(mut file) => {
                    let package = TempPackage { path };
                    file.write_all(bytes).await.with_context(|| {
                        format!("cannot write the job package to {}", package.path.display())
                    })?;
                    file.flush().await?;
                    return Ok(package);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempts < 8 => {
                    attempts += 1;
                }
                Err(e) => {
                    return Err(anyhow!(
                        "cannot create a temporary file for the job package in {}: {e}",
                        dir.display()
                    ));
                }
            }
        }
    }
}

impl Drop for TempPackage {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_shown_as_typed() {
        assert_eq!(
            shown(&["s3", "cp", "/tmp/a b.tar.gz", "s3://bkt/j.tar.gz"]),
            "aws s3 cp '/tmp/a b.tar.gz' s3://bkt/j.tar.gz"
        );
        assert_eq!(shown(&["s3", "rm", "it's"]), "aws s3 rm 'it'\\''s'");
    }

    #[test]
    fn only_the_last_lines_of_stderr_are_kept() {
        let text = "one\n\ntwo\n  three  \nfour\nfive\nsix\n";
        assert_eq!(last_lines(text, 5), ["two", "three", "four", "five", "six"]);
        assert!(last_lines("\n \n", 5).is_empty());
        let long = "x".repeat(LINE_CHARS + 10);
        assert_eq!(last_lines(&long, 1)[0].chars().count(), LINE_CHARS + 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_first_executable_on_path_is_found() {
        use std::os::unix::fs::PermissionsExt as _;
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        // Not executable in `a`: skipped.
        std::fs::write(a.path().join("aws"), "x").unwrap();
        std::fs::write(b.path().join("aws"), "x").unwrap();
        std::fs::set_permissions(b.path().join("aws"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        let path = std::env::join_paths([a.path(), b.path()]).unwrap();
        assert_eq!(find_program(&path, "aws"), Some(b.path().join("aws")));
        // A directory named aws is no program.
        let c = tempfile::tempdir().unwrap();
        std::fs::create_dir(c.path().join("aws")).unwrap();
        assert_eq!(find_program(c.path().as_os_str(), "aws"), None);
        assert_eq!(find_program(std::ffi::OsStr::new(""), "aws"), None);
    }

    /// An `aws` that runs `body` (a shell script).
    #[cfg(unix)]
    fn fake_aws(dir: &Path, body: &str) -> Aws {
        use std::os::unix::fs::PermissionsExt as _;
        let program = dir.join("aws");
        std::fs::write(&program, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        Aws { program }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_failure_shows_the_command_and_the_end_of_its_stderr() {
        let dir = tempfile::tempdir().unwrap();
        let aws = fake_aws(
            dir.path(),
            "i=1; while [ $i -le 8 ]; do echo \"line $i\" >&2; i=$((i+1)); done; exit 3",
        );
        let text = format!("{:#}", aws.remove("s3://bkt/j.tar.gz").await.unwrap_err());
        assert!(
            text.starts_with("`aws s3 rm s3://bkt/j.tar.gz` exited with code 3: line 4\n  line 5"),
            "{text}"
        );
        assert!(text.ends_with("line 8"), "{text}");
        assert!(!text.contains("line 3"), "{text}");
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn presign_returns_the_url_and_never_shows_other_output() {
        let dir = tempfile::tempdir().unwrap();
        let aws = fake_aws(dir.path(), "echo \"https://bkt.s3.example/$3?expires=$5\"");
        assert_eq!(
            aws.presign("s3://bkt/j.tar.gz", 60).await.unwrap(),
            "https://bkt.s3.example/s3://bkt/j.tar.gz?expires=60"
        );
        let aws = fake_aws(dir.path(), "echo 'secret-looking output'; echo two");
        let text = format!(
            "{:#}",
            aws.presign("s3://bkt/j.tar.gz", 60).await.unwrap_err()
        );
        assert!(text.contains("did not print one http(s) URL"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn an_abandoned_command_is_killed() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let aws = fake_aws(
            dir.path(),
            &format!("echo $$ > {}; exec sleep 30", pid_file.display()),
        );
        let run = aws.remove("s3://bkt/j.tar.gz");
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(500), run)
                .await
                .is_err()
        );
        let pid: i32 = std::fs::read_to_string(&pid_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // Killed at once; reaped by tokio soon after (a zombie until then does not run).
        let running = || {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    let state = stat.rsplit_once(") ")?.1.chars().next()?;
                    Some(state != 'Z' && state != 'X')
                })
                .unwrap_or(false)
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while running() && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(!running(), "aws (pid {pid}) still runs");
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn the_temporary_package_is_private_and_removed() {
        use std::os::unix::fs::PermissionsExt as _;
        let file = TempPackage::write(b"package bytes", "u-j-1").await.unwrap();
        let path = file.path.clone();
        assert_eq!(std::fs::read(&path).unwrap(), b"package bytes");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("kubectl-twister2-u-j-1-")
        );
        drop(file);
        assert!(!path.exists());
    }
}
