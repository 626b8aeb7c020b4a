//! One module per subcommand: thin glue from parsed arguments to a spec, manifests, cluster calls
//! and output. `run` dispatches.

pub mod completion;
pub mod dashboard;
pub mod describe;
pub mod jobs;
pub mod kill;
pub mod setup;
pub mod version;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Submit(_) => Err(anyhow::anyhow!("submit is being wired up")),
        Command::Jobs(args) => jobs::run(&cli.global, &args).await,
        Command::Describe(args) => describe::run(&cli.global, &args).await,
        Command::Kill(args) => kill::run(&cli.global, &args).await,
        Command::Setup(args) => setup::run(&cli.global, args).await,
        Command::Dashboard(args) => dashboard::run(&cli.global, &args).await,
        Command::Version(args) => version::run(&cli.global, &args).await,
        Command::Completion(args) => completion::run(&args),
    }
}
