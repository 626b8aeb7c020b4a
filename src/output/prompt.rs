//! Confirmation before destructive work: `-y/--yes` skips it; on a terminal dialoguer asks; without
//! a terminal and without `-y` the work is refused with a message saying how to proceed.

use anyhow::{Result, bail};

use crate::output::terminal;

/// Ask "`question` [y/N]" unless `yes`; refuse without a terminal.
pub fn confirm(question: &str, yes: bool) -> Result<bool> {
    decide(question, yes, terminal::interactive(), || {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(anyhow::Error::from)
    })
}

fn decide(
    question: &str,
    yes: bool,
    interactive: bool,
    ask: impl FnOnce() -> Result<bool>,
) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !interactive {
        bail!(
            "refusing to go ahead without confirmation ({question}): not running on a terminal; \
pass -y/--yes to confirm"
        );
    }
    ask()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_skips_the_question() {
        assert!(decide("kill?", true, false, || unreachable!()).unwrap());
    }

    #[test]
    fn no_terminal_without_yes_refuses() {
        let err = decide("kill job x?", false, false, || unreachable!()).unwrap_err();
        assert!(err.to_string().contains("-y/--yes"), "{err}");
        assert!(err.to_string().contains("kill job x?"), "{err}");
    }

    #[test]
    fn terminal_asks() {
        assert!(!decide("q", false, true, || Ok(false)).unwrap());
    }
}
