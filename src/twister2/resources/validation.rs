//! Checks across a job's compute resources, every problem reported at once.

use std::fmt;

use super::compute_resource::ComputeResource;

/// Job-wide settings that constrain the compute resources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobResourceRules {
    /// The job uses OpenMPI (the MPI channel class).
    pub openmpi: bool,
    /// `kubernetes.bind.worker.to.cpu: true`.
    pub bind_worker_to_cpu: bool,
    /// A NodePort service is requested for the workers.
    pub node_port: bool,
}

/// One thing wrong with a job's compute resources.
#[derive(Debug, Clone, PartialEq)]
pub enum ResourceProblem {
    /// The job has no compute resource.
    NoResources,
    /// A resource's `index` is not its position.
    IndexMismatch {
        /// Position in the list.
        position: usize,
        /// The index it carries.
        index: u32,
    },
    /// A resource other than the last is scalable.
    ScalableNotLast {
        /// Index of the offending resource.
        index: u32,
    },
    /// `instances` is zero.
    ZeroInstances {
        /// Index of the offending resource.
        index: u32,
    },
    /// `workers-per-pod` is zero.
    ZeroWorkersPerPod {
        /// Index of the offending resource.
        index: u32,
    },
    /// CPU is zero, negative or not a number.
    BadCpu {
        /// Index of the offending resource.
        index: u32,
        /// The value.
        cpu: f64,
    },
    /// Memory is zero or beyond Twister2's 32-bit field.
    BadMemory {
        /// Index of the offending resource.
        index: u32,
        /// The value, MiB.
        ram_mb: u32,
    },
    /// Disk is negative or not a number.
    BadDisk {
        /// Index of the offending resource.
        index: u32,
        /// The value, GiB.
        disk_gb: f64,
    },
    /// OpenMPI jobs need the same workers per pod everywhere.
    OpenMpiWorkersPerPodDiffer {
        /// Index of the offending resource.
        index: u32,
        /// Its workers per pod.
        workers_per_pod: u32,
        /// Workers per pod of resource 0.
        first: u32,
    },
    /// OpenMPI jobs cannot be scaled.
    OpenMpiScalable {
        /// Index of the offending resource.
        index: u32,
    },
    /// `kubernetes.bind.worker.to.cpu` needs whole cores.
    FractionalCpuWithBinding {
        /// Index of the offending resource.
        index: u32,
        /// The value.
        cpu: f64,
    },
    /// A NodePort service needs one worker per pod.
    NodePortWorkersPerPod {
        /// Index of the offending resource.
        index: u32,
        /// Its workers per pod.
        workers_per_pod: u32,
    },
    /// instances × workers per pod summed over the job exceeds Twister2's 32-bit worker count.
    TooManyWorkers,
}

impl fmt::Display for ResourceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceProblem::NoResources => write!(f, "the job has no compute resource"),
            ResourceProblem::IndexMismatch { position, index } => write!(
                f,
                "compute resource at position {position} has index {index}; indexes must be 0, 1, 2, … in order"
            ),
            ResourceProblem::ScalableNotLast { index } => write!(
                f,
                "compute resource {index} is scalable, but only the last compute resource may be"
            ),
            ResourceProblem::ZeroInstances { index } => {
                write!(f, "compute resource {index}: instances must be at least 1")
            }
            ResourceProblem::ZeroWorkersPerPod { index } => {
                write!(
                    f,
                    "compute resource {index}: workers-per-pod must be at least 1"
                )
            }
            ResourceProblem::BadCpu { index, cpu } => {
                write!(
                    f,
                    "compute resource {index}: cpu {cpu} must be more than zero"
                )
            }
            ResourceProblem::BadMemory { index, ram_mb } => write!(
                f,
                "compute resource {index}: memory {ram_mb}Mi must be between 1Mi and {}Mi",
                i32::MAX
            ),
            ResourceProblem::BadDisk { index, disk_gb } => write!(
                f,
                "compute resource {index}: disk {disk_gb} must be zero or more"
            ),
            ResourceProblem::OpenMpiWorkersPerPodDiffer {
                index,
                workers_per_pod,
                first,
            } => write!(
                f,
                "compute resource {index} has workers-per-pod {workers_per_pod}, but OpenMPI jobs need the same workers-per-pod in every compute resource (resource 0 has {first})"
            ),
            ResourceProblem::OpenMpiScalable { index } => write!(
                f,
                "compute resource {index} is scalable, but OpenMPI jobs cannot be scaled"
            ),
            ResourceProblem::FractionalCpuWithBinding { index, cpu } => write!(
                f,
                "compute resource {index} has cpu {cpu}, but kubernetes.bind.worker.to.cpu needs whole cores"
            ),
            ResourceProblem::NodePortWorkersPerPod {
                index,
                workers_per_pod,
            } => write!(
                f,
                "compute resource {index} has workers-per-pod {workers_per_pod}, but a NodePort service needs workers-per-pod 1 in every compute resource"
            ),
            ResourceProblem::TooManyWorkers => write!(
                f,
                "the job has more than {} workers in total, more than Twister2 can count",
                i32::MAX
            ),
        }
    }
}

/// Every problem found in a job's compute resources.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ResourceProblems(pub Vec<ResourceProblem>);

/// Checks a job's compute resources together, returning every problem at once: indexes in
/// order, only the last may be scalable, positive instances/cpu/memory, workers-per-pod ≥ 1,
/// OpenMPI ⇒ same workers-per-pod everywhere and not scalable, bind-to-cpu ⇒ whole cores,
/// NodePort ⇒ workers-per-pod 1, and a total worker count that fits Twister2's `int32`.
pub fn validate_job_resources(
    resources: &[ComputeResource],
    rules: &JobResourceRules,
) -> Result<(), ResourceProblems> {
    let mut problems = Vec::new();
    if resources.is_empty() {
        problems.push(ResourceProblem::NoResources);
    }
    let last = resources.len().saturating_sub(1);
    let mut total: u64 = 0;
    for (position, r) in resources.iter().enumerate() {
        let index = r.index;
        if index as usize != position {
            problems.push(ResourceProblem::IndexMismatch { position, index });
        }
        if r.scalable && position != last {
            problems.push(ResourceProblem::ScalableNotLast { index });
        }
        if r.instances == 0 {
            problems.push(ResourceProblem::ZeroInstances { index });
        }
        if r.workers_per_pod == 0 {
            problems.push(ResourceProblem::ZeroWorkersPerPod { index });
        }
        if r.cpu.is_nan() || r.cpu <= 0.0 || r.cpu.is_infinite() {
            problems.push(ResourceProblem::BadCpu { index, cpu: r.cpu });
        }
        if r.ram_mb == 0 || r.ram_mb > i32::MAX as u32 {
            problems.push(ResourceProblem::BadMemory {
                index,
                ram_mb: r.ram_mb,
            });
        }
        if r.disk_gb.is_nan() || r.disk_gb < 0.0 || r.disk_gb.is_infinite() {
            problems.push(ResourceProblem::BadDisk {
                index,
                disk_gb: r.disk_gb,
            });
        }
        if rules.openmpi {
            let first = resources[0].workers_per_pod;
            if r.workers_per_pod != first {
                problems.push(ResourceProblem::OpenMpiWorkersPerPodDiffer {
                    index,
                    workers_per_pod: r.workers_per_pod,
                    first,
                });
            }
            if r.scalable {
                problems.push(ResourceProblem::OpenMpiScalable { index });
            }
        }
        if rules.bind_worker_to_cpu && r.cpu.is_finite() && !r.has_integer_cpu() {
            problems.push(ResourceProblem::FractionalCpuWithBinding { index, cpu: r.cpu });
        }
        if rules.node_port && r.workers_per_pod != 1 {
            problems.push(ResourceProblem::NodePortWorkersPerPod {
                index,
                workers_per_pod: r.workers_per_pod,
            });
        }
        total += u64::from(r.instances) * u64::from(r.workers_per_pod);
    }
    if total > i32::MAX as u64 {
        problems.push(ResourceProblem::TooManyWorkers);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ResourceProblems(problems))
    }
}

/// Total number of workers of a job (Σ instances × workers per pod), as Twister2's `int32`, or
/// `None` if it does not fit.
pub fn number_of_workers(resources: &[ComputeResource]) -> Option<i32> {
    let total: u64 = resources
        .iter()
        .map(|r| u64::from(r.instances) * u64::from(r.workers_per_pod))
        .sum();
    i32::try_from(total).ok()
}
