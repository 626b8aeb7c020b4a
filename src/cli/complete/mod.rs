//! `__complete`, the hidden entry point behind kubectl's plugin completion: its arguments and the
//! pure half of answering — walking clap's command tree over the typed words to find the static
//! candidates (subcommands, flags, possible values) and what must be looked up in the cluster.
//!
//! Files: `answer` (candidates, directives, look-ups), `walk` (the typed words through the tree),
//! `tree` (what clap's tree says of a flag or subcommand), `typed_globals` (kubectl's global
//! flags as typed) and `without_hidden` (the tree for static completion scripts).

use clap::Args;

mod answer;
mod tree;
mod typed_globals;
mod walk;
mod without_hidden;

#[cfg(test)]
mod tests;

pub use answer::{Answer, Candidate, Directive, Lookup, Source};
pub use typed_globals::typed_globals;
pub use walk::{complete, complete_in};
pub use without_hidden::without_hidden_subcommands;

/// Name of the hidden subcommand that `completions/kubectl_complete-twister2` runs.
pub const SUBCOMMAND: &str = "__complete";

/// `kubectl twister2 __complete WORD...` (hidden).
#[derive(Debug, Clone, Args)]
#[command(disable_help_flag = true)]
pub struct CompleteArgs {
    /// The words typed after `twister2`; the last one is the word being completed (empty when
    /// the cursor follows a space).
    #[arg(
        value_name = "WORD",
        num_args = 0..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub words: Vec<String>,
}
