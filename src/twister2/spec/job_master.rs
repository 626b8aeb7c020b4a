//! `JobMasterSpec`: the job master's cpu, memory, port and volumes.

/// Job-master settings (`twister2.job.master.*`). The job master always runs in the cluster
/// (`twister2.job.master.runs.in.client: false`).
#[derive(Debug, Clone, PartialEq)]
pub struct JobMasterSpec {
    /// CPU cores (`twister2.job.master.cpu`, default 0.2).
    pub cpu: f64,
    /// Memory, MiB (`twister2.job.master.ram`, default 1024); the container gets 128 MiB more.
    pub ram_mb: u32,
    /// Port the job master listens on (`twister2.job.master.port`, default 11011).
    pub port: u16,
    /// Volatile emptyDir, GiB (`twister2.job.master.volatile.volume.size`, default 0 = none).
    pub volatile_gb: f64,
    /// Share of the job's claim, GiB (`twister2.job.master.persistent.volume.size`, default 0).
    pub persistent_gb: f64,
}

impl Default for JobMasterSpec {
    fn default() -> Self {
        JobMasterSpec {
            cpu: 0.2,
            ram_mb: 1024,
            port: 11011,
            volatile_gb: 0.0,
            persistent_gb: 0.0,
        }
    }
}
