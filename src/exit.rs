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

/// Several problems found together, reported as one error: a heading and one `  - ` line per
/// problem. Exit 2 (usage) when every problem is a usage problem, else 1.
#[derive(Debug, Default)]
pub struct Problems {
    items: Vec<(String, bool)>,
}

impl Problems {
    /// Notes a mistake in how the command was called.
    pub fn usage(&mut self, message: impl Into<String>) {
        self.items.push((message.into(), true));
    }

    /// Notes a problem of the environment (a file, the configuration, the cluster).
    pub fn other(&mut self, message: impl Into<String>) {
        self.items.push((message.into(), false));
    }

    /// Notes the error of `result` (usage or not, as its chain says) and returns its value.
    pub fn take<T>(&mut self, result: anyhow::Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                let usage = code_for(&e) == 2;
                self.items.push((format!("{e:#}"), usage));
                None
            }
        }
    }

    /// Takes over every problem of `other`.
    pub fn absorb(&mut self, other: Problems) {
        self.items.extend(other.items);
    }

    /// Whether nothing was noted.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many problems were noted.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `Ok` when nothing was noted; else one error headed `heading`.
    pub fn into_result(self, heading: &str) -> anyhow::Result<()> {
        if self.items.is_empty() {
            return Ok(());
        }
        let usage = self.items.iter().all(|(_, usage)| *usage);
        let lines: Vec<&str> = self.items.iter().map(|(m, _)| m.as_str()).collect();
        let message = if lines.len() == 1 && !heading.ends_with(':') {
            format!("{heading}: {}", lines[0])
        } else {
            format!(
                "{}:\n  - {}",
                heading.trim_end_matches(':'),
                lines.join("\n  - ")
            )
        };
        Err(if usage {
            UsageError(message).into()
        } else {
            anyhow::anyhow!(message)
        })
    }
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

    #[test]
    fn problems_are_reported_together_with_the_right_class() {
        assert!(Problems::default().into_result("x").is_ok());
        let mut p = Problems::default();
        p.usage("--workers must be at least 1");
        p.take::<()>(Err(usage("--cpu: bad")));
        let e = p.into_result("cannot submit job j").unwrap_err();
        assert_eq!(code_for(&e), 2);
        assert_eq!(
            e.to_string(),
            "cannot submit job j:\n  - --workers must be at least 1\n  - --cpu: bad"
        );
        let mut p = Problems::default();
        p.usage("a");
        p.other("file missing");
        let e = p.into_result("cannot submit job j").unwrap_err();
        assert_eq!(code_for(&e), 1);
        let mut p = Problems::default();
        p.other("only one");
        assert_eq!(
            p.into_result("cannot submit job j")
                .unwrap_err()
                .to_string(),
            "cannot submit job j: only one"
        );
    }
}
