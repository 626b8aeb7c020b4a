//! The `kubectl-twister2` binary: parse, build a runtime, run, map the error to an exit code.

use clap::Parser;
use kubectl_twister2::{cli::Cli, cluster::errors, commands, exit};

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and clap's own messages: clap picks stdout/stderr and 0/2.
            error.exit()
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            std::process::exit(1);
        }
    };
    let result = runtime.block_on(commands::run(cli));
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if let Err(error) = result {
        // One line; a cause its wrapper already quotes is not repeated.
        eprintln!("error: {}", errors::chain_text(error.as_ref()));
        std::process::exit(exit::code_for(&error));
    }
}
