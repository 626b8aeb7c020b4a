//! What the terminal allows: whether stderr/stdin are TTYs, and whether to colour (`--color`,
//! `NO_COLOR`, TTY).

use std::io::IsTerminal;

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Whether stderr is a terminal (progress bars and spinners only then).
pub fn stderr_is_tty() -> bool {
    std::io::stderr().is_terminal()
}

/// Whether both stdin and stderr are terminals (prompts only then).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether to colour output going to a stream that `is_tty` describes.
pub fn use_color(choice: ColorChoice, is_tty: bool) -> bool {
    decide_color(choice, is_tty, std::env::var_os("NO_COLOR"))
}

fn decide_color(choice: ColorChoice, is_tty: bool, no_color: Option<std::ffi::OsString>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_tty && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_rules() {
        assert!(decide_color(ColorChoice::Auto, true, None));
        assert!(!decide_color(ColorChoice::Auto, false, None));
        assert!(!decide_color(ColorChoice::Auto, true, Some("1".into())));
        assert!(decide_color(ColorChoice::Auto, true, Some("".into())));
        assert!(decide_color(ColorChoice::Always, false, Some("1".into())));
        assert!(!decide_color(ColorChoice::Never, true, None));
    }
}
