//! Checks of submit's flags that need nothing but the flags.

use anyhow::Result;

use crate::cli::jobs::SubmitArgs;
use crate::exit::usage;
use crate::twister2::proto::JobFormatType;

/// Check what can be checked from the arguments alone (exit 2 on a mistake).
pub fn check_arguments(args: &SubmitArgs) -> Result<()> {
    // A missing --class is not a mistake here: the class may come from the configuration, and is
    // checked on the effective one.
    JobFormatType::from_cli_name(&args.job_type)
        .ok_or_else(|| usage(format!("--job-type {}: unknown type", args.job_type)))?;
    let exposure_flags = !args.load_balancer_source_ranges.is_empty()
        && args.expose.as_deref() != Some("loadbalancer");
    if exposure_flags {
        return Err(usage(
            "--load-balancer-source-range needs --expose loadbalancer",
        ));
    }
    if (args.ingress_class.is_some() || args.tls_secret.is_some())
        && !args
            .expose
            .as_deref()
            .is_some_and(|e| e.starts_with("ingress="))
    {
        return Err(usage(
            "--ingress-class and --tls-secret need --expose ingress=HOST",
        ));
    }
    if args.storage_class.is_some() && args.persistent_storage.is_none() {
        return Err(usage("--storage-class needs --persistent-storage SIZE"));
    }
    Ok(())
}
