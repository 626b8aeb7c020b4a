//! The job's name and jobID, given or generated as Twister2 does.

use anyhow::Result;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::config::Config;
use crate::twister2::job_id::{self, validate_job_id};

/// The user name part of generated jobIDs: `twister2.user.name`, else the OS user.
fn user_name(config: &Config) -> Option<String> {
    config
        .user_name()
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|u| !u.is_empty())
}

/// The job's name and ID, decided from the arguments and configuration alone (pre-flight needs
/// the ID before anything else is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The jobID.
    pub job_id: String,
    /// The (converted) job name.
    pub job_name: String,
    /// "job name 'X' became 'y'" when the name was converted.
    pub notice: Option<String>,
}

/// Decide the jobID: `--job-id`/`twister2.job.id` (validated), else generated as Twister2 does.
pub fn identity(args: &SubmitArgs, config: &Config, now_ms: i64) -> Result<Identity> {
    match config.job_id() {
        Some(id) => {
            validate_job_id(id).map_err(|e| usage(e.to_string()))?;
            let converted =
                job_id::convert_job_name(&args.name).map_err(|e| usage(e.to_string()))?;
            Ok(Identity {
                job_id: id.to_string(),
                job_name: converted.converted,
                notice: None,
            })
        }
        None => {
            let generated =
                job_id::generate_job_id(&args.name, user_name(config).as_deref(), now_ms)
                    .map_err(|e| usage(e.to_string()))?;
            let notice = generated.job_name.changed().then(|| {
                format!(
                    "job name '{}' became '{}'",
                    generated.job_name.original, generated.job_name.converted
                )
            });
            Ok(Identity {
                job_id: generated.id,
                job_name: generated.job_name.converted,
                notice,
            })
        }
    }
}
