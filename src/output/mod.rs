//! Everything printed: kubectl-style tables, `-o json|yaml|name` documents, ages, progress bars and
//! spinners (stderr, TTY only), colours (TTY only, never with `NO_COLOR`) and confirmation prompts,
//! and each verb's rendering (`describe`, `jobs`, `nodes`, `endpoints`): pure functions from
//! what a command found to the text it prints, testable without a terminal.
//! stdout carries data only; progress, warnings and errors go to stderr.

pub mod age;
pub mod describe;
pub mod document;
pub mod endpoints;
pub mod jobs;
pub mod nodes;
pub mod progress;
pub mod prompt;
pub mod table;
pub mod terminal;
pub mod tree;
