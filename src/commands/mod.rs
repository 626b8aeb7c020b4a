//! One module per subcommand: thin glue from parsed arguments to a spec, manifests, cluster calls
//! and output. `run` dispatches.

pub mod completion;
pub mod version;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Run the parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Version(args) => version::run(&cli.global, &args).await,
        Command::Completion(args) => completion::run(&args),
    }
}
