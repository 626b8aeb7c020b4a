//! Exit codes: 0 success, 1 runtime error, 2 usage error, or a status a command chose (e.g. a job
//! that ended FAILED while `submit --wait` watched it). Errors carry their class in the anyhow chain.

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

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

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
