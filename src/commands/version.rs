//! `kubectl twister2 version`: the plugin's version and git commit, and the API server's version
//! unless `--client`.

use anyhow::Result;
use serde::Serialize;

use crate::cli::{GlobalArgs, VersionArgs};
use crate::cluster::{self, server_version::server_version};
use crate::output::document;

/// The plugin's version, as built.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientVersion {
    /// Semantic version with a leading `v`.
    pub version: String,
    /// Git commit the binary was built from (`unknown` outside git).
    pub git_commit: String,
    /// Target platform, e.g. `linux/amd64`.
    pub platform: String,
}

/// The API server's version, as `/version` reports it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerVersion {
    /// e.g. `v1.33.0`.
    pub git_version: String,
    /// e.g. `linux/amd64`.
    pub platform: String,
}

/// The `-o json|yaml` document.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionReport {
    /// This plugin.
    pub client_version: ClientVersion,
    /// The API server (absent with `--client`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_version: Option<ServerVersion>,
}

/// The plugin's own version.
pub fn client_version() -> ClientVersion {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    ClientVersion {
        version: format!("v{}", env!("CARGO_PKG_VERSION")),
        git_commit: option_env!("KUBECTL_TWISTER2_GIT_COMMIT")
            .filter(|c| !c.is_empty())
            .unwrap_or("unknown")
            .to_string(),
        platform: format!("{}/{arch}", std::env::consts::OS),
    }
}

/// Run `version`.
pub async fn run(global: &GlobalArgs, args: &VersionArgs) -> Result<()> {
    let server_version = if args.client {
        None
    } else {
        let cluster = cluster::connect(global).await?;
        let info = server_version(&cluster).await?;
        Some(ServerVersion {
            git_version: info.git_version,
            platform: info.platform,
        })
    };
    let report = VersionReport {
        client_version: client_version(),
        server_version,
    };
    let text = match args.output {
        Some(format) => document::render(&report, format)?,
        None => human(&report),
    };
    print!("{text}");
    Ok(())
}

fn human(report: &VersionReport) -> String {
    let c = &report.client_version;
    let mut out = format!(
        "Client Version: {} (commit {}, {})\n",
        c.version, c.git_commit, c.platform
    );
    if let Some(s) = &report.server_version {
        out.push_str(&format!("Server Version: {}\n", s.git_version));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_lines() {
        let report = VersionReport {
            client_version: ClientVersion {
                version: "v0.1.0".into(),
                git_commit: "abc1234".into(),
                platform: "linux/amd64".into(),
            },
            server_version: Some(ServerVersion {
                git_version: "v1.33.0".into(),
                platform: "linux/amd64".into(),
            }),
        };
        assert_eq!(
            human(&report),
            "Client Version: v0.1.0 (commit abc1234, linux/amd64)\nServer Version: v1.33.0\n"
        );
    }

    #[test]
    fn version_matches_the_package() {
        assert_eq!(
            client_version().version,
            format!("v{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
