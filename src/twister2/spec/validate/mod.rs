//! [`JobSpec::validate`]: every check of a spec, one file per concern; all problems at once.

mod compute;
mod exposure;
mod identity;
mod package;
mod placement;
mod storage;
#[cfg(test)]
mod test_support;

use super::{InvalidSpec, JobSpec};

impl JobSpec {
    /// Checks everything and returns every problem at once, before anything is created.
    ///
    /// Compat: Twister2 mounts claim `<jobID>` in the job master whenever
    /// `twister2.job.master.persistent.volume.size` > 0 but creates the claim only when workers
    /// ask for persistent storage, leaving the job master pending; such a job is refused here.
    ///
    /// Compat: checks Twister2 does not make: a fixed node port within 30000–32767, worker
    /// ports within 65535, one worker per pod for LoadBalancer and Ingress exposure as for
    /// NodePort, values for `In`/`NotIn` and one integer for `Gt`/`Lt` in the worker mapping,
    /// label syntax of targets, racks and datacenters, `--spread` against `all-same-node`,
    /// existing-volume mount paths clear of Twister2's own mounts and of the image's
    /// `/twister2`, and a job object that fits in a ConfigMap.
    pub fn validate(&self) -> Result<(), InvalidSpec> {
        let mut p = Vec::new();
        self.check_identity(&mut p);
        self.check_compute_resources(&mut p);
        self.check_job_master(&mut p);
        self.check_ports(&mut p);
        self.check_openmpi(&mut p);
        self.check_storage(&mut p);
        self.check_volumes(&mut p);
        self.check_exposure(&mut p);
        self.check_placement(&mut p);
        self.check_upload(&mut p);
        self.check_labels(&mut p);
        if p.is_empty() {
            Ok(())
        } else {
            Err(InvalidSpec { problems: p })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut spec = JobSpec::example("Bad_ID");
        spec.namespace = "Not Valid".into();
        spec.compute_resources[0].instances = 0;
        spec.exposure = Exposure::NodePort {
            node_port: Some(80),
        };
        let found = problems(&spec);
        assert!(found.len() >= 5, "{found:#?}");
        let text = spec.validate().unwrap_err().to_string();
        assert!(
            text.starts_with("invalid job:\n  - job ID 'Bad_ID'"),
            "{text}"
        );
    }
}
