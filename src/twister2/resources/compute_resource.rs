//! The `ComputeResource` type: one group of worker pods of a job and its per-worker quantities.

use super::java_format::{format_cpu, format_memory_mib, format_volatile_size_limit};

/// One compute resource: `instances` pods, each running `workers_per_pod` workers, each worker
/// with `cpu` cores, `ram_mb` MiB and `disk_gb` GiB of volatile disk.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeResource {
    /// Position in the job (0-based); the worker StatefulSet is `<jobID>-<index>`.
    pub index: u32,
    /// CPU cores per worker.
    pub cpu: f64,
    /// Memory per worker, MiB (Twister2's `ram`, megabytes).
    pub ram_mb: u32,
    /// Volatile disk per worker, GiB (Twister2's `disk`); 0 means no volatile volume.
    pub disk_gb: f64,
    /// Number of pods.
    pub instances: u32,
    /// Workers (containers) per pod.
    pub workers_per_pod: u32,
    /// Whether the job master may scale this resource (only the last one may be).
    pub scalable: bool,
}

impl ComputeResource {
    /// Number of workers this resource contributes: instances × workers per pod (saturating, so
    /// absurd inputs cannot overflow;
    /// [`validate_job_resources`](super::validate_job_resources) rejects them).
    pub fn workers(&self) -> u32 {
        self.instances.saturating_mul(self.workers_per_pod)
    }

    /// The per-worker CPU request as the Java client writes it: `%.2f` (`0.50`).
    pub fn cpu_quantity(&self) -> String {
        format_cpu(self.cpu)
    }

    /// The per-worker memory request as the Java client writes it: `<ram>Mi`.
    pub fn memory_quantity(&self) -> String {
        format_memory_mib(u64::from(self.ram_mb))
    }

    /// `sizeLimit` of the pod's `twister2-volatile-dir` emptyDir (disk × workers per pod, `%.2fGi`),
    /// or `None` when the resource asks for no volatile disk.
    pub fn volatile_size_limit(&self) -> Option<String> {
        (self.disk_gb > 0.0).then(|| format_volatile_size_limit(self.disk_gb, self.workers_per_pod))
    }

    /// Whether `cpu` is a whole number of cores (required by `kubernetes.bind.worker.to.cpu`).
    pub fn has_integer_cpu(&self) -> bool {
        self.cpu.fract() == 0.0
    }
}
