//! Helpers shared by the validation tests: the problems a spec has, one worker per pod.

use crate::twister2::spec::JobSpec;

pub(super) fn problems(spec: &JobSpec) -> Vec<String> {
    match spec.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.problems,
    }
}

pub(super) fn has(spec: &JobSpec, needle: &str) -> bool {
    let found = problems(spec);
    found.iter().any(|m| m.contains(needle)) || {
        eprintln!("looked for '{needle}' in {found:#?}");
        false
    }
}

pub(super) fn wpp1(mut spec: JobSpec) -> JobSpec {
    for cr in &mut spec.compute_resources {
        cr.workers_per_pod = 1;
    }
    spec
}
