//! The rights a submitter needs in a namespace, once: each row a verb on a kind of the registry
//! (`kinds`), with the commands that need it. `setup auth --submitter` grants every row (the
//! `twister2-submitter` Role); `submit`'s pre-flight asks the API server about the rows its
//! request needs (SelfSubjectAccessReviews), so the two can never drift apart.

use super::kinds::Kind;

/// Which part of submit needs a right (other commands' rights are granted, not pre-checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Every submit.
    Submit,
    /// A submit whose package goes through the exec API (the web-server and direct methods).
    SubmitExec,
    /// A submit that creates the job's claim.
    SubmitClaim,
    /// A submit that reads existing claims: a restart's kept claim, `--volume` claims.
    SubmitReadClaims,
    /// A submit with `--expose ingress`.
    SubmitIngress,
    /// `submit --wait`/`--follow`: the end of the job.
    SubmitWait,
    /// Other commands only (jobs, describe, logs, endpoints, kill, clear).
    Others,
}

/// One right of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Right {
    /// The verb.
    pub verb: &'static str,
    /// The kind of object.
    pub kind: Kind,
    /// A subresource (`exec`, `log`), or `""`.
    pub subresource: &'static str,
    /// Which part of submit needs it.
    pub need: Need,
}

const fn right(verb: &'static str, kind: Kind, need: Need) -> Right {
    Right {
        verb,
        kind,
        subresource: "",
        need,
    }
}

const fn sub(verb: &'static str, kind: Kind, subresource: &'static str, need: Need) -> Right {
    Right {
        verb,
        kind,
        subresource,
        need,
    }
}

impl Right {
    /// The API group (`""` for core).
    pub fn group(&self) -> String {
        self.kind.group()
    }

    /// The resource as RBAC names it: `pods`, `pods/exec`.
    pub fn resource(&self) -> String {
        if self.subresource.is_empty() {
            self.kind.plural()
        } else {
            format!("{}/{}", self.kind.plural(), self.subresource)
        }
    }

    /// `create statefulsets.apps`, `create pods/exec`, as `kubectl auth can-i` reads.
    pub fn describe(&self) -> String {
        let group = self.group();
        if group.is_empty() {
            format!("{} {}", self.verb, self.resource())
        } else {
            format!("{} {}.{group}", self.verb, self.resource())
        }
    }
}

use Kind::{ConfigMap, Event, Ingress, PersistentVolumeClaim, Pod, Service, StatefulSet};
use Need::{Others, Submit, SubmitClaim, SubmitExec, SubmitIngress, SubmitReadClaims, SubmitWait};

/// What `twister2-submitter` grants in the namespace, with the commands that need each right.
/// Cluster-scoped needs (nodes) are `auth::NODE_READ_VERBS`; `selfsubjectaccessreviews` is
/// allowed to every user already. The namespace object is not granted: submit's pre-flight
/// reads it only to name a missing namespace early and carries on when that read is Forbidden.
pub const SUBMITTER_RIGHTS: &[Right] = &[
    // jobs, describe, logs, endpoints: read job pods; submit --wait and logs -f watch them;
    // submit and kill find the uploader pods (app=twister2-uploader).
    right("get", Pod, Others),
    right("list", Pod, Submit),
    right("watch", Pod, Submit),
    // logs: container logs of job pods.
    sub("get", Pod, "log", Others),
    // submit: copy the job package into uploader/job pods; kill: remove it from uploader pods.
    // `create` is the verb for exec; clusters before 1.31 (or with the
    // AuthorizePodWebsocketUpgradeCreatePermission gate off) authorize websocket exec as `get`.
    sub("create", Pod, "exec", SubmitExec),
    sub("get", Pod, "exec", Others),
    // submit: worker, job-master and NodePort Services; rollback and kill delete them;
    // describe and endpoints read them; submit checks the names are free; kill watches them
    // disappear while the job master cleans up.
    right("get", Service, Others),
    right("list", Service, Others),
    right("watch", Service, Others),
    right("create", Service, Submit),
    right("delete", Service, Submit),
    // submit: the job ConfigMap; kill: patch KILL_JOB, delete leftovers; jobs lists jobs;
    // submit --wait watches for the ConfigMap to disappear (job end).
    right("get", ConfigMap, Others),
    right("list", ConfigMap, Others),
    right("watch", ConfigMap, SubmitWait),
    right("create", ConfigMap, Submit),
    right("patch", ConfigMap, Others),
    right("delete", ConfigMap, Submit),
    // submit: the job's PersistentVolumeClaim (persistent volume per worker); submit checks the
    // `--volume` claims and restart the kept one; kill and clear watch and delete it.
    right("get", PersistentVolumeClaim, SubmitReadClaims),
    right("list", PersistentVolumeClaim, Others),
    right("watch", PersistentVolumeClaim, Others),
    right("create", PersistentVolumeClaim, SubmitClaim),
    right("delete", PersistentVolumeClaim, SubmitClaim),
    // submit --wait, describe: scheduling and image-pull events of job pods.
    right("list", Event, Others),
    right("watch", Event, Others),
    // submit: worker and job-master StatefulSets; jobs/describe show them; kill deletes them.
    right("get", StatefulSet, Others),
    right("list", StatefulSet, Others),
    right("watch", StatefulSet, Others),
    right("create", StatefulSet, Submit),
    right("delete", StatefulSet, Submit),
    // submit --expose ingress creates them; endpoints lists them; kill watches and deletes them.
    right("get", Ingress, Others),
    right("list", Ingress, Others),
    right("watch", Ingress, Others),
    right("create", Ingress, SubmitIngress),
    right("delete", Ingress, SubmitIngress),
];

/// What one submit does that needs rights beyond every submit's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SubmitNeeds {
    /// The package goes through the exec API (not S3).
    pub exec: bool,
    /// The job's claim is created.
    pub claim: bool,
    /// Existing claims are read (a restart's kept claim, `--volume` claims).
    pub read_claims: bool,
    /// `--expose ingress`.
    pub ingress: bool,
    /// `--wait`/`--follow`.
    pub wait: bool,
}

/// The rights of the table a submit with `needs` uses, in table order.
pub fn submit_rights(needs: SubmitNeeds) -> Vec<Right> {
    SUBMITTER_RIGHTS
        .iter()
        .filter(|r| match r.need {
            Submit => true,
            SubmitExec => needs.exec,
            SubmitClaim => needs.claim,
            SubmitReadClaims => needs.read_claims,
            SubmitIngress => needs.ingress,
            SubmitWait => needs.wait,
            Others => false,
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_read_like_kubectl_auth_can_i() {
        assert_eq!(
            right("create", StatefulSet, Submit).describe(),
            "create statefulsets.apps"
        );
        assert_eq!(
            sub("create", Pod, "exec", SubmitExec).describe(),
            "create pods/exec"
        );
    }

    #[test]
    fn rights_table_has_no_duplicates() {
        for (i, row) in SUBMITTER_RIGHTS.iter().enumerate() {
            assert!(!SUBMITTER_RIGHTS[..i].contains(row), "duplicate {row:?}");
        }
    }

    #[test]
    fn a_submit_checks_only_rows_of_the_table() {
        let plain = submit_rights(SubmitNeeds {
            exec: true,
            ..SubmitNeeds::default()
        });
        let described: Vec<String> = plain.iter().map(Right::describe).collect();
        assert_eq!(
            described,
            [
                "list pods",
                "watch pods",
                "create pods/exec",
                "create services",
                "delete services",
                "create configmaps",
                "delete configmaps",
                "create statefulsets.apps",
                "delete statefulsets.apps",
            ]
        );
        let everything = submit_rights(SubmitNeeds {
            exec: true,
            claim: true,
            read_claims: true,
            ingress: true,
            wait: true,
        });
        assert_eq!(everything.len(), plain.len() + 6);
        assert!(everything.iter().all(|r| SUBMITTER_RIGHTS.contains(r)));
    }
}
