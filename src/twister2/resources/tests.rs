//! Tests that span several files: a `ComputeResource`'s quantity strings and job-wide checks.

use super::*;

fn cr(index: u32, cpu: f64, wpp: u32, instances: u32, scalable: bool) -> ComputeResource {
    ComputeResource {
        index,
        cpu,
        ram_mb: 1024,
        disk_gb: 1.0,
        instances,
        workers_per_pod: wpp,
        scalable,
    }
}

#[test]
fn quantity_strings() {
    let r = cr(0, 0.5, 2, 1, false);
    assert_eq!(r.cpu_quantity(), "0.50");
    assert_eq!(r.memory_quantity(), "1024Mi");
    assert_eq!(r.volatile_size_limit().as_deref(), Some("2.00Gi"));
    let r = ComputeResource { disk_gb: 0.0, ..r };
    assert_eq!(r.volatile_size_limit(), None);
    assert_eq!(format_volatile_size_limit(1.125, 1), "1.13Gi");
    assert_eq!(format_pvc_size(4.0), "4.0Gi");
    assert_eq!(format_pvc_size(0.5), "0.5Gi");
    assert_eq!(format_pvc_size(12.25), "12.25Gi");
    assert_eq!(pvc_request(1.0, 4, None), "4.0Gi");
    assert_eq!(pvc_request(0.5, 3, Some(0.25)), "1.75Gi");
    assert_eq!(format_job_master_cpu(0.2), "0.2");
    assert_eq!(format_job_master_cpu(1.0), "1.0");
    assert_eq!(format_memory_mib(1024 + 128), "1152Mi");
}

#[test]
fn valid_job_passes() {
    let resources = vec![cr(0, 1.0, 1, 2, false), cr(1, 2.0, 1, 3, true)];
    let rules = JobResourceRules {
        openmpi: false,
        bind_worker_to_cpu: true,
        node_port: true,
    };
    assert_eq!(validate_job_resources(&resources, &rules), Ok(()));
    assert_eq!(number_of_workers(&resources), Some(5));
}

#[test]
fn every_problem_is_reported_at_once() {
    let resources = vec![
        cr(0, 0.5, 2, 0, true),
        cr(1, 1.0, 0, 1, false),
        cr(5, 1.0, 3, 1, true),
    ];
    let rules = JobResourceRules {
        openmpi: true,
        bind_worker_to_cpu: true,
        node_port: true,
    };
    let problems = validate_job_resources(&resources, &rules).unwrap_err().0;
    let expect = [
        ResourceProblem::ScalableNotLast { index: 0 },
        ResourceProblem::ZeroInstances { index: 0 },
        ResourceProblem::OpenMpiScalable { index: 0 },
        ResourceProblem::FractionalCpuWithBinding { index: 0, cpu: 0.5 },
        ResourceProblem::NodePortWorkersPerPod {
            index: 0,
            workers_per_pod: 2,
        },
        ResourceProblem::ZeroWorkersPerPod { index: 1 },
        ResourceProblem::OpenMpiWorkersPerPodDiffer {
            index: 1,
            workers_per_pod: 0,
            first: 2,
        },
        ResourceProblem::IndexMismatch {
            position: 2,
            index: 5,
        },
        ResourceProblem::OpenMpiWorkersPerPodDiffer {
            index: 5,
            workers_per_pod: 3,
            first: 2,
        },
    ];
    for e in &expect {
        assert!(problems.contains(e), "missing {e:?} in {problems:?}");
    }
    let text = ResourceProblems(problems).to_string();
    assert!(text.contains("only the last compute resource may be"));
    assert!(text.lines().count() >= expect.len());
}

#[test]
fn empty_and_oversized_jobs() {
    let problems = validate_job_resources(&[], &JobResourceRules::default())
        .unwrap_err()
        .0;
    assert_eq!(problems, vec![ResourceProblem::NoResources]);
    let huge = vec![cr(0, 1.0, 2, i32::MAX as u32, false)];
    let problems = validate_job_resources(&huge, &JobResourceRules::default())
        .unwrap_err()
        .0;
    assert!(problems.contains(&ResourceProblem::TooManyWorkers));
    assert_eq!(number_of_workers(&huge), None);
    let bad = vec![ComputeResource {
        cpu: f64::NAN,
        ram_mb: 0,
        disk_gb: -1.0,
        ..cr(0, 1.0, 1, 1, false)
    }];
    let problems = validate_job_resources(&bad, &JobResourceRules::default())
        .unwrap_err()
        .0;
    assert_eq!(problems.len(), 3, "{problems:?}");
}
