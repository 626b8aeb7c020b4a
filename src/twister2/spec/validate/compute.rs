//! Checks of what the pods run: compute resources, the job master, worker ports, OpenMPI.

use crate::twister2::names::is_dns1123_subdomain;
use crate::twister2::resources::{
    ComputeResource, JobResourceRules, ResourceProblems, validate_job_resources,
};
use crate::twister2::spec::{Exposure, JobSpec, MAX_DECIMAL_SIZE, MIN_JOB_MASTER_CPU};

impl JobSpec {
    pub(super) fn check_compute_resources(&self, p: &mut Vec<String>) {
        let rules = JobResourceRules {
            openmpi: self.is_openmpi(),
            bind_worker_to_cpu: self.bind_to_cpu,
            node_port: matches!(self.exposure, Exposure::NodePort { .. }),
        };
        if let Err(ResourceProblems(found)) =
            validate_job_resources(&self.compute_resources, &rules)
        {
            p.extend(found.iter().map(ToString::to_string));
        }
        for cr in &self.compute_resources {
            let memory = u64::from(cr.ram_mb) * u64::from(self.container_multiplier(cr));
            if memory > u64::from(u32::MAX) {
                p.push(format!(
                    "compute resource {}: memory per container {memory}Mi is too large",
                    cr.index
                ));
            }
        }
    }

    /// OpenMPI runs all workers of a pod in one container, so its resources are multiplied.
    fn container_multiplier(&self, cr: &ComputeResource) -> u32 {
        if self.is_openmpi() {
            cr.workers_per_pod.max(1)
        } else {
            1
        }
    }

    pub(super) fn check_job_master(&self, p: &mut Vec<String>) {
        let jm = &self.job_master;
        if !(jm.cpu.is_finite() && (MIN_JOB_MASTER_CPU..MAX_DECIMAL_SIZE).contains(&jm.cpu)) {
            p.push(format!(
                "job master cpu {} must be at least {MIN_JOB_MASTER_CPU} (twister2.job.master.cpu)",
                jm.cpu
            ));
        }
        if jm.ram_mb == 0 {
            p.push("job master memory must be positive".to_string());
        }
        if jm.port == 0 {
            p.push("job master port must not be 0".to_string());
        }
        if !(jm.volatile_gb.is_finite() && jm.volatile_gb >= 0.0) {
            p.push(format!(
                "job master volatile size {} must be zero or positive",
                jm.volatile_gb
            ));
        }
        if !(jm.persistent_gb.is_finite() && jm.persistent_gb >= 0.0) {
            p.push(format!(
                "job master persistent size {} must be zero or positive",
                jm.persistent_gb
            ));
        }
        if jm.persistent_gb > 0.0 && self.persistent_storage.is_none() {
            p.push(
                "the job master asks for persistent storage \
                 (twister2.job.master.persistent.volume.size) but the job has none; \
                 add --persistent-storage"
                    .to_string(),
            );
        }
    }

    pub(super) fn check_ports(&self, p: &mut Vec<String>) {
        if self.worker_base_port == 0 {
            p.push("worker base port must not be 0".to_string());
        }
        let widest = self
            .compute_resources
            .iter()
            .map(|cr| self.containers(cr))
            .max();
        let top = u64::from(self.worker_base_port)
            + u64::from(widest.unwrap_or(1).saturating_sub(1))
                * (u64::from(self.additional_ports) + 1)
            + u64::from(self.additional_ports);
        if top > u64::from(u16::MAX) {
            p.push(format!(
                "worker ports would reach {top}, above 65535 (base port {}, {} additional ports)",
                self.worker_base_port, self.additional_ports
            ));
        }
    }

    /// Containers of a pod of `cr`: one per worker, or one for OpenMPI.
    fn containers(&self, cr: &ComputeResource) -> u32 {
        if self.is_openmpi() {
            1
        } else {
            cr.workers_per_pod
        }
    }

    pub(super) fn check_openmpi(&self, p: &mut Vec<String>) {
        let Some(mpi) = &self.openmpi else { return };
        if !is_dns1123_subdomain(&mpi.secret_name) {
            p.push(format!(
                "OpenMPI secret '{}' is not a valid Secret name",
                mpi.secret_name
            ));
        }
        // Equal workers per pod is one of the compute resource checks.
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn openmpi_needs_equal_workers_per_pod_and_a_secret_name() {
        let mut spec = JobSpec::example("j");
        spec.openmpi = Some(OpenMpi {
            secret_name: "twister2-openmpi-ssh-key".into(),
        });
        let mut second = spec.compute_resources[0].clone();
        second.index = 1;
        second.workers_per_pod = 3;
        spec.compute_resources.push(second);
        assert!(has(&spec, "OpenMPI jobs need the same workers-per-pod"));
        spec.compute_resources[1].workers_per_pod = 2;
        assert_eq!(spec.validate(), Ok(()));
        spec.openmpi = Some(OpenMpi {
            secret_name: "Bad Name".into(),
        });
        assert!(has(&spec, "OpenMPI secret 'Bad Name'"));
    }

    #[test]
    fn compute_resource_rules() {
        let mut spec = JobSpec::example("j");
        let mut second = spec.compute_resources[0].clone();
        second.index = 1;
        spec.compute_resources.push(second);
        spec.compute_resources[0].scalable = true;
        assert!(has(&spec, "only the last compute resource may be"));
        spec.compute_resources[0].scalable = false;
        spec.compute_resources[1].scalable = true;
        assert_eq!(spec.validate(), Ok(()));
        spec.compute_resources[1].index = 5;
        assert!(has(&spec, "position 1 has index 5"));
        spec.compute_resources[1].index = 1;
        spec.compute_resources[0].cpu = 0.0;
        spec.compute_resources[0].ram_mb = 0;
        spec.compute_resources[0].disk_gb = -1.0;
        spec.compute_resources[0].workers_per_pod = 0;
        for needle in [
            "cpu 0 must",
            "memory 0Mi",
            "disk -1",
            "workers-per-pod must",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
        spec.compute_resources.clear();
        assert!(has(&spec, "no compute resource"));
    }

    #[test]
    fn bind_to_cpu_needs_whole_cpus() {
        let mut spec = JobSpec::example("j");
        spec.bind_to_cpu = true;
        assert!(has(&spec, "needs whole cores"));
        spec.compute_resources[0].cpu = 2.0;
        assert_eq!(spec.validate(), Ok(()));
    }

    #[test]
    fn values_java_would_write_in_exponent_notation_are_refused() {
        let mut spec = JobSpec::example("j");
        spec.job_master.cpu = 0.0005;
        assert!(has(&spec, "job master cpu 0.0005 must be at least 0.001"));
        spec.job_master.cpu = 0.001;
        assert_eq!(spec.validate(), Ok(()));
        spec.persistent_storage = Some(PersistentStorage {
            per_worker_gb: 2_500_000.0,
            storage_class: None,
            access_mode: AccessMode::ReadWriteOnce,
        });
        assert!(has(
            &spec,
            "persistent storage of 10000000 GiB in total is too large"
        ));
    }

    #[test]
    fn openmpi_container_memory_must_fit() {
        let mut spec = JobSpec::example("j");
        spec.openmpi = Some(OpenMpi {
            secret_name: "k".into(),
        });
        spec.compute_resources[0].ram_mb = 1 << 30;
        spec.compute_resources[0].workers_per_pod = 8;
        assert!(has(&spec, "memory per container 8589934592Mi is too large"));
    }

    #[test]
    fn worker_ports_must_fit() {
        let mut spec = JobSpec::example("j");
        spec.worker_base_port = 65535;
        assert!(has(&spec, "worker ports would reach 65536"));
        spec.worker_base_port = 65534;
        assert_eq!(spec.validate(), Ok(()));
        spec.additional_ports = 1;
        assert!(has(&spec, "above 65535"));
    }
}
