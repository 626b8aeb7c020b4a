//! One module per subcommand: thin glue from parsed arguments to a spec, manifests, cluster calls
//! and output. `run` dispatches.

pub mod clear;
pub mod complete;
pub mod completion;
pub mod dashboard;
pub mod describe;
pub mod endpoints;
pub mod jobs;
pub mod kill;
pub mod logs;
pub mod nodes;
pub mod restart;
pub mod setup;
pub mod submit;
pub mod version;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Submit(args) => submit::run(&cli.global, &args).await,
        Command::Restart(args) => restart::run(&cli.global, &args).await,
        Command::Clear(args) => clear::run(&cli.global, &args).await,
        Command::Jobs(args) => jobs::run(&cli.global, &args).await,
        Command::Describe(args) => describe::run(&cli.global, &args).await,
        Command::Kill(args) => kill::run(&cli.global, &args).await,
        Command::Logs(args) => logs::run(&cli.global, &args).await,
        Command::Endpoints(args) => endpoints::run(&cli.global, &args).await,
        Command::Setup(args) => setup::run(&cli.global, args).await,
        Command::Dashboard(args) => dashboard::run(&cli.global, &args).await,
        Command::Nodes(args) => nodes::run(&cli.global, &args).await,
        Command::Version(args) => version::run(&cli.global, &args).await,
        Command::Completion(args) => completion::run(&args),
        Command::Complete(args) => complete::run(&args).await,
    }
}
