//! The command tree without its hidden subcommands, for static completion scripts.

use clap::Command;

/// `cmd` re-assembled without its hidden subcommands, at every level, for generators that do
/// not skip them (clap_complete's static scripts would otherwise offer `__complete`). Names,
/// aliases, descriptions, arguments and groups are kept; parsing-only settings are not, so the
/// result is for generating text, not for parsing. (clap takes names as `&'static str`: the
/// few bytes of names and aliases are leaked, once per generated script.)
pub fn without_hidden_subcommands(cmd: &Command) -> Command {
    fn name(text: &str) -> &'static str {
        Box::leak(text.to_string().into_boxed_str())
    }
    let mut out = Command::new(name(cmd.get_name()));
    if let Some(bin_name) = cmd.get_bin_name() {
        out = out.bin_name(bin_name.to_string());
    }
    if let Some(about) = cmd.get_about() {
        out = out.about(about.clone());
    }
    if let Some(long_about) = cmd.get_long_about() {
        out = out.long_about(long_about.clone());
    }
    if let Some(after_help) = cmd.get_after_help() {
        out = out.after_help(after_help.clone());
    }
    let visible: Vec<&str> = cmd.get_visible_aliases().collect();
    for alias in cmd.get_all_aliases() {
        out = if visible.contains(&alias) {
            out.visible_alias(name(alias))
        } else {
            out.alias(name(alias))
        };
    }
    if cmd.is_disable_help_flag_set() {
        out = out.disable_help_flag(true);
    }
    if cmd.is_disable_version_flag_set() {
        out = out.disable_version_flag(true);
    }
    for arg in cmd.get_arguments() {
        out = out.arg(arg.clone());
    }
    for group in cmd.get_groups() {
        out = out.group(group.clone());
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out = out.subcommand(without_hidden_subcommands(sub));
    }
    out
}
