//! `kubectl twister2 setup …`: one module per verb; `plan` holds what the writing verbs share
//! (where they write, applying, printing, waiting).

pub mod all;
pub mod auth;
pub mod dashboard;
pub mod openmpi_secret;
pub mod plan;
pub mod private_key_file;
pub mod remove;
pub mod status;
pub mod uploader;
pub mod zookeeper;

use anyhow::Result;

use crate::cli::GlobalArgs;
use crate::cli::setup::{SetupArgs, SetupCommand};

/// Run `setup COMMAND`.
pub async fn run(global: &GlobalArgs, args: SetupArgs) -> Result<()> {
    match args.command {
        SetupCommand::Auth(a) => auth::run(global, &a).await,
        SetupCommand::OpenmpiSecret(a) => openmpi_secret::run(global, &a).await,
        SetupCommand::Zookeeper(a) => zookeeper::run(global, &a).await,
        SetupCommand::Dashboard(a) => dashboard::run(global, &a).await,
        SetupCommand::Uploader(a) => uploader::run(global, &a).await,
        SetupCommand::All(a) => all::run(global, &a).await,
        SetupCommand::Status(a) => status::run(global, &a).await,
        SetupCommand::Remove(a) => remove::run(global, &a).await,
    }
}
