//! kubectl's global flags rebuilt from the tokens typed before the word being completed.

use clap::Parser;

use crate::cli::GlobalArgs;

/// Parses nothing but kubectl's global flags, to rebuild them from typed tokens.
#[derive(Debug, Parser)]
#[command(name = "kubectl-twister2", disable_help_flag = true)]
struct TypedGlobals {
    #[command(flatten)]
    global: GlobalArgs,
}

/// kubectl's global flags as typed (tokens from
/// [`Answer::global_flags`](super::Answer::global_flags)); tokens clap would refuse (e.g. a
/// half-typed `--request-timeout`) are left out, and `-v` is never honoured so that completion
/// prints nothing but candidates.
pub fn typed_globals(tokens: &[String]) -> GlobalArgs {
    let parse = |tokens: &[&String]| {
        TypedGlobals::try_parse_from(
            std::iter::once("kubectl-twister2").chain(tokens.iter().map(|t| t.as_str())),
        )
    };
    let mut accepted: Vec<&String> = Vec::new();
    for token in tokens {
        accepted.push(token);
        if parse(&accepted).is_err() {
            accepted.pop();
        }
    }
    let mut global = parse(&accepted).map(|t| t.global).unwrap_or_default();
    global.verbose = None;
    global
}
