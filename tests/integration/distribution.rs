//! Distribution: the committed generated files (completion scripts, man pages, the
//! configuration-key reference, the krew manifest) are up to date, the docs cover every command
//! and flag, kubectl's plugin completion works end to end against the fake API server, and the
//! krew packaging yields an archive that installs and runs.
//!
//! The generated files are rewritten instead of compared when `UPDATE_GENERATED=1`:
//! `UPDATE_GENERATED=1 cargo nextest run --workspace distribution::generated`.

mod completion;
mod docs;
mod generated;
mod krew;
