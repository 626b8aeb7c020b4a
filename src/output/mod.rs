//! Everything printed: kubectl-style tables, `-o json|yaml|name` documents, ages, progress bars and
//! spinners (stderr, TTY only), colours (TTY only, never with `NO_COLOR`) and confirmation prompts.
//! stdout carries data only; progress, warnings and errors go to stderr.

pub mod age;
pub mod document;
pub mod progress;
pub mod prompt;
pub mod table;
pub mod terminal;
pub mod tree;
