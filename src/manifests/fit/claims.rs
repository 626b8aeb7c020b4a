//! The existing claims a job mounts (`--volume`): they exist, are not being deleted or lost, and
//! their access modes let every pod that mounts them do so.

use k8s_openapi::api::core::v1::PersistentVolumeClaim;

use super::Lookup;
use crate::twister2::spec::ExistingVolume;

const RWO: &str = "ReadWriteOnce";
const ROX: &str = "ReadOnlyMany";
const RWX: &str = "ReadWriteMany";
const RWOP: &str = "ReadWriteOncePod";

/// Problems and warnings of the claims `volumes` name.
#[derive(Debug, Default)]
pub struct ClaimFindings {
    /// Claims the pods can never mount.
    pub problems: Vec<String>,
    /// Claims some pods may fail to mount.
    pub warnings: Vec<String>,
}

/// The access modes a claim has: the bound volume's, else the ones asked for.
fn access_modes(claim: &PersistentVolumeClaim) -> Vec<String> {
    let bound = claim
        .status
        .as_ref()
        .filter(|s| s.phase.as_deref() == Some("Bound"))
        .and_then(|s| s.access_modes.clone());
    bound
        .or_else(|| claim.spec.as_ref().and_then(|s| s.access_modes.clone()))
        .unwrap_or_default()
}

/// Checks each `--volume` claim; `pods` is how many pods mount it (the job master and every
/// worker pod), `one_node` whether the cluster has a single schedulable node (so a
/// ReadWriteOnce claim is no risk).
pub fn check(
    volumes: &[ExistingVolume],
    lookup: &dyn Fn(&str) -> Option<Lookup<PersistentVolumeClaim>>,
    pods: u32,
    one_node: bool,
    namespace: &str,
) -> ClaimFindings {
    let mut found = ClaimFindings::default();
    for volume in volumes {
        let name = &volume.claim_name;
        let flag = format!(
            "--volume {name}:{}{}",
            volume.mount_path,
            if volume.read_only { ":ro" } else { "" }
        );
        let claim = match lookup(name) {
            Some(Lookup::Found(claim)) => claim,
            Some(Lookup::NotFound) => {
                found.problems.push(format!(
                    "the claim \"{name}\" of {flag} does not exist in namespace \"{namespace}\"; \
create the PersistentVolumeClaim first (`kubectl get pvc -n {namespace}` lists those that do)"
                ));
                continue;
            }
            // Not allowed to read it: the access reviews name the missing right.
            Some(Lookup::Forbidden) | None => continue,
        };
        if claim.metadata.deletion_timestamp.is_some() {
            found.problems.push(format!(
                "the claim \"{name}\" of {flag} is being deleted in namespace \"{namespace}\""
            ));
            continue;
        }
        if claim.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Lost") {
            found.problems.push(format!(
                "the claim \"{name}\" of {flag} has lost its volume (phase Lost), so no pod can \
mount it"
            ));
            continue;
        }
        let modes = access_modes(&claim);
        let has = |mode: &str| modes.iter().any(|m| m == mode);
        let shown = if modes.is_empty() {
            "none".to_string()
        } else {
            modes.join(", ")
        };
        let mounters = format!("the job master and {} worker pods", pods.saturating_sub(1));
        if has(RWOP) && !has(RWX) && !has(ROX) && !has(RWO) {
            found.problems.push(format!(
                "the claim \"{name}\" of {flag} is ReadWriteOncePod: only one pod may mount it, \
but {mounters} all do"
            ));
        } else if volume.read_only && !has(ROX) && !has(RWX) && !one_node {
            found.warnings.push(format!(
                "the claim \"{name}\" is mounted read-only ({flag}) by {mounters}, but its access \
modes ({shown}) do not allow many readers: pods on any node but the one it attaches to stay \
ContainerCreating (Multi-Attach error); use a ReadOnlyMany or ReadWriteMany claim"
            ));
        } else if !volume.read_only && has(RWO) && !has(RWX) && !one_node {
            found.warnings.push(format!(
                "the claim \"{name}\" of {flag} is ReadWriteOnce and shared by {mounters}: pods \
on any node but the one it attaches to stay ContainerCreating (Multi-Attach error); use a \
ReadWriteMany claim"
            ));
        } else if !volume.read_only && has(ROX) && !has(RWX) && !has(RWO) {
            found.warnings.push(format!(
                "the claim \"{name}\" allows only ReadOnlyMany, so writes under {} fail; mount \
it with :ro ({flag}:ro)",
                volume.mount_path
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::{PersistentVolumeClaimSpec, PersistentVolumeClaimStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

    use super::*;

    fn claim(modes: &[&str], phase: &str) -> PersistentVolumeClaim {
        PersistentVolumeClaim {
            metadata: ObjectMeta {
                name: Some("data".into()),
                ..ObjectMeta::default()
            },
            spec: Some(PersistentVolumeClaimSpec {
                access_modes: Some(modes.iter().map(|m| m.to_string()).collect()),
                ..PersistentVolumeClaimSpec::default()
            }),
            status: Some(PersistentVolumeClaimStatus {
                phase: Some(phase.into()),
                ..PersistentVolumeClaimStatus::default()
            }),
        }
    }

    fn volume(read_only: bool) -> ExistingVolume {
        ExistingVolume {
            claim_name: "data".into(),
            mount_path: "/data".into(),
            read_only,
        }
    }

    fn run(claim: Option<Lookup<PersistentVolumeClaim>>, read_only: bool) -> ClaimFindings {
        let lookup = move |_: &str| claim.clone();
        check(&[volume(read_only)], &lookup, 5, false, "t2")
    }

    #[test]
    fn a_missing_deleted_or_lost_claim_stops_the_submit() {
        let f = run(Some(Lookup::NotFound), false);
        assert!(
            f.problems[0].contains(
                "the claim \"data\" of --volume data:/data does not exist in namespace \"t2\""
            ),
            "{:?}",
            f.problems
        );
        let mut deleting = claim(&[RWX], "Bound");
        deleting.metadata.deletion_timestamp = Some(Time(jiff::Timestamp::UNIX_EPOCH));
        assert!(run(Some(Lookup::Found(deleting)), false).problems[0].contains("being deleted"));
        assert!(
            run(Some(Lookup::Found(claim(&[RWX], "Lost"))), false).problems[0].contains("Lost")
        );
        assert!(run(Some(Lookup::Forbidden), false).problems.is_empty());
    }

    #[test]
    fn access_modes_that_not_every_pod_can_use_are_named() {
        let f = run(Some(Lookup::Found(claim(&[RWX], "Bound"))), false);
        assert!(f.problems.is_empty() && f.warnings.is_empty());
        let f = run(Some(Lookup::Found(claim(&[RWO], "Bound"))), false);
        assert!(
            f.warnings[0].contains("ReadWriteOnce and shared by the job master and 4 worker pods"),
            "{:?}",
            f.warnings
        );
        let f = run(Some(Lookup::Found(claim(&[RWO], "Pending"))), true);
        assert!(
            f.warnings[0].contains("do not allow many readers"),
            "{:?}",
            f.warnings
        );
        let f = run(Some(Lookup::Found(claim(&[ROX], "Bound"))), true);
        assert!(f.warnings.is_empty());
        let f = run(Some(Lookup::Found(claim(&[ROX], "Bound"))), false);
        assert!(
            f.warnings[0].contains("mount it with :ro (--volume data:/data:ro)"),
            "{:?}",
            f.warnings
        );
        let f = run(Some(Lookup::Found(claim(&[RWOP], "Bound"))), false);
        assert!(
            f.problems[0].contains("only one pod may mount it"),
            "{:?}",
            f.problems
        );
        // One schedulable node: every pod shares it, so ReadWriteOnce is fine.
        let lookup = |_: &str| Some(Lookup::Found(claim(&[RWO], "Bound")));
        assert!(
            check(&[volume(false)], &lookup, 5, true, "t2")
                .warnings
                .is_empty()
        );
    }
}
