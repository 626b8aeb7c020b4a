//! Exit codes: 0 success, 1 runtime error, 2 usage error, or a status a command chose (e.g. a job
//! that ended FAILED while `submit --wait` watched it), and the one-line text of a failed command.
//! Errors carry their class in the anyhow chain.

/// A mistake in how the command was called (exit 2), found before any cluster call.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A failure that must end the process with a particular exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExitStatus {
    /// The process exit code.
    pub code: i32,
    /// What to print on stderr.
    pub message: String,
}

/// Usage-error constructor for `?` sites: `return Err(usage("..."))`.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The exit code for an error returned by a command.
pub fn code_for(error: &anyhow::Error) -> i32 {
    for cause in error.chain() {
        if cause.is::<UsageError>() {
            return 2;
        }
        if let Some(status) = cause.downcast_ref::<ExitStatus>() {
            return status.code;
        }
    }
    1
}

/// The error as one line: each cause after the message that wraps it (`outer: inner`), leaving out
/// a cause whose text the line already ends with (many errors quote their source in their own
/// message, which would otherwise print it twice).
pub fn message(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.is_empty() {
            line = text;
        } else if !text.is_empty() && !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read key file /k: {source}")]
    struct QuotesItsSource {
        source: std::io::Error,
    }

    #[test]
    fn a_cause_already_quoted_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let error = anyhow::Error::new(QuotesItsSource { source: io });
        assert_eq!(
            format!("{error:#}"),
            "cannot read key file /k: no such file: no such file"
        );
        assert_eq!(message(&error), "cannot read key file /k: no such file");
        let wrapped = error.context("setup openmpi-secret");
        assert_eq!(
            message(&wrapped),
            "setup openmpi-secret: cannot read key file /k: no such file"
        );
        let plain = Err::<(), _>(anyhow::anyhow!("inner"))
            .context("outer")
            .unwrap_err();
        assert_eq!(message(&plain), "outer: inner");
    }

    #[test]
    fn classes_map_to_codes() {
        assert_eq!(code_for(&usage("bad flag")), 2);
        assert_eq!(code_for(&anyhow::anyhow!("boom")), 1);
        let wrapped = Err::<(), _>(usage("bad"))
            .context("while parsing")
            .unwrap_err();
        assert_eq!(code_for(&wrapped), 2);
        let status = anyhow::Error::new(ExitStatus {
            code: 3,
            message: "job FAILED".into(),
        });
        assert_eq!(code_for(&status), 3);
    }
}
