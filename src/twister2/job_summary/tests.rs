//! Tests of `jobs` and `describe` on the objects the job manifests render (they span every file).

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{
    ContainerState, ContainerStateWaiting, ContainerStatus, Event, ObjectReference, Pod,
    PodCondition, PodStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

use super::*;
use crate::manifests::job::{self as job_manifests, variants};
use crate::twister2::names::{COMPONENT, MANAGED_BY, PART_OF};
use crate::twister2::names::{JOB_OBJECT_KEY, KILL_JOB_KEY};
use crate::twister2::spec::JobSpec;

const ID: &str = variants::ID;

/// The spec with a real job description in its ConfigMap.
fn described(spec: JobSpec) -> JobSpec {
    spec.with_job_object().unwrap()
}

fn at(minute: i64) -> Time {
    Time(Timestamp::from_second(1_735_689_600 + minute * 60).unwrap())
}

fn objects_of(spec: &JobSpec) -> JobObjects {
    let r = job_manifests::render(spec);
    let mut objects = JobObjects {
        config_maps: vec![r.config_map.clone()],
        stateful_sets: std::iter::once(r.job_master.clone())
            .chain(r.workers.iter().cloned())
            .collect(),
        services: [r.worker_service.clone(), r.job_master_service.clone()]
            .into_iter()
            .chain(r.exposure.services.iter().cloned())
            .collect(),
        ingresses: r.exposure.ingress.iter().cloned().collect(),
        pods: Vec::new(),
        persistent_volume_claims: r.persistent_volume_claim.iter().cloned().collect(),
    };
    for (i, cm) in objects.config_maps.iter_mut().enumerate() {
        cm.metadata.creation_timestamp = Some(at(i as i64 + 1));
    }
    for sts in &mut objects.stateful_sets {
        sts.metadata.creation_timestamp = Some(at(2));
    }
    objects
}

/// A pod of `sts` (ordinal `ordinal`) as the StatefulSet controller makes it.
fn pod_of(objects: &JobObjects, sts_name: &str, ordinal: u32, ready: bool) -> Pod {
    let sts = objects
        .stateful_sets
        .iter()
        .find(|s| s.metadata.name.as_deref() == Some(sts_name))
        .unwrap();
    let template = sts.spec.as_ref().unwrap().template.clone();
    let mut meta = template.metadata.unwrap_or_default();
    meta.name = Some(format!("{sts_name}-{ordinal}"));
    meta.namespace = sts.metadata.namespace.clone();
    meta.creation_timestamp = Some(at(3));
    let spec = template.spec.map(|mut s| {
        s.node_name = Some("node-1".into());
        s
    });
    let statuses = spec
        .iter()
        .flat_map(|s| s.containers.iter())
        .map(|c| ContainerStatus {
            name: c.name.clone(),
            ready,
            restart_count: 1,
            ..ContainerStatus::default()
        })
        .collect();
    Pod {
        metadata: meta,
        spec,
        status: Some(PodStatus {
            phase: Some("Running".into()),
            pod_ip: Some("10.244.0.9".into()),
            conditions: Some(vec![PodCondition {
                type_: "Ready".into(),
                status: if ready { "True" } else { "False" }.into(),
                ..PodCondition::default()
            }]),
            container_statuses: Some(statuses),
            ..PodStatus::default()
        }),
    }
}

fn all_pods(objects: &mut JobObjects, ready: bool) {
    let id = objects.config_maps[0].metadata.name.clone().unwrap();
    let jm = pod_of(objects, &format!("{id}-jm"), 0, ready);
    let workers: Vec<Pod> = (0..2)
        .map(|o| pod_of(objects, &format!("{id}-0"), o, ready))
        .collect();
    objects.pods.push(jm);
    objects.pods.extend(workers);
}

fn strip_managed_labels(objects: &mut JobObjects) {
    let strip = |meta: &mut ObjectMeta| {
        if let Some(labels) = meta.labels.as_mut() {
            for key in [MANAGED_BY, PART_OF, COMPONENT] {
                labels.remove(key);
            }
        }
    };
    objects
        .config_maps
        .iter_mut()
        .for_each(|o| strip(&mut o.metadata));
    objects
        .services
        .iter_mut()
        .for_each(|o| strip(&mut o.metadata));
    for sts in &mut objects.stateful_sets {
        strip(&mut sts.metadata);
        if let Some(spec) = sts.spec.as_mut() {
            strip(spec.template.metadata.get_or_insert_with(Default::default));
        }
    }
    objects.pods.iter_mut().for_each(|o| strip(&mut o.metadata));
}

#[test]
fn a_new_job_is_pending_with_workers_counted_per_container() {
    let objects = objects_of(&described(variants::plain()));
    let jobs = summarize(&objects);
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(job.job_id, ID);
    assert_eq!(job.namespace, "default");
    assert_eq!(job.job_name.as_deref(), Some("hello"));
    assert_eq!((job.workers_ready, job.workers_desired), (0, 4));
    assert_eq!(job.master_ready, Some(false));
    assert_eq!(job.status, JobPhase::Pending);
    assert_eq!(job.created.as_deref(), Some("2025-01-01T00:01:00Z"));
    assert_eq!(job.image.as_deref(), Some("twister2/twister2-k8s:0.8.0"));
    assert_eq!(job.upload_method.as_deref(), Some("webserver"));
    assert_eq!(job.created_by, "kubectl-twister2");
    assert!(job.exposed.is_empty());
    assert_eq!(
        job.compute_resources,
        [ComputeResourceSummary {
            index: 0,
            pods: 2,
            workers_per_pod: 2,
            cpu: "0.50".into(),
            memory: "1024Mi".into(),
            disk: Some("1.00Gi".into()),
            scalable: false,
        }]
    );
    assert_eq!(job.compute_resources[0].to_string(), "2x2 0.50cpu 1024Mi");
}

#[test]
fn phases_follow_the_pods_and_the_kill_signal() {
    let mut objects = objects_of(&described(variants::plain()));
    all_pods(&mut objects, false);
    assert_eq!(summarize(&objects)[0].status, JobPhase::Starting);
    objects.pods.clear();
    all_pods(&mut objects, true);
    let job = &summarize(&objects)[0];
    assert_eq!(job.status, JobPhase::Running);
    assert_eq!((job.workers_ready, job.workers_desired), (4, 4));
    assert_eq!(job.master_ready, Some(true));
    // One worker pod (2 workers) not ready.
    objects.pods[2] = pod_of(&objects, &format!("{ID}-0"), 1, false);
    let job = &summarize(&objects)[0];
    assert_eq!((job.workers_ready, job.status), (2, JobPhase::Starting));
    // Killed: KILL_JOB present.
    objects.config_maps[0]
        .data
        .get_or_insert_with(Default::default)
        .insert(KILL_JOB_KEY.into(), "true".into());
    assert_eq!(summarize(&objects)[0].status, JobPhase::Ending);
    // ConfigMap gone while objects remain.
    objects.config_maps.clear();
    assert_eq!(summarize(&objects)[0].status, JobPhase::Ending);
}

#[test]
fn java_client_jobs_are_listed_as_created_by_twister2() {
    let mut objects = objects_of(&described(variants::plain()));
    all_pods(&mut objects, true);
    strip_managed_labels(&mut objects);
    let job = &summarize(&objects)[0];
    assert_eq!(job.created_by, "twister2");
    assert_eq!(job.status, JobPhase::Running);
}

#[test]
fn workers_per_pod_falls_back_to_the_worker_containers() {
    // JobSpec::example carries a job object without compute resources.
    let objects = objects_of(&variants::plain());
    let job = &summarize(&objects)[0];
    assert_eq!(job.workers_desired, 4);
    assert_eq!(job.compute_resources[0].cpu, "0.50");
    assert_eq!(job.compute_resources[0].memory, "1024Mi");
    assert_eq!(job.compute_resources[0].workers_per_pod, 2);
}

#[test]
fn exposure_of_every_kind() {
    let job = &summarize(&objects_of(&variants::nodeport()))[0];
    assert_eq!(job.exposed, ["NodePort:30080"]);
    let mut objects = objects_of(&variants::loadbalancer());
    assert_eq!(summarize(&objects)[0].exposed, ["LoadBalancer:<pending>"]);
    let lb = objects
        .services
        .iter_mut()
        .find(|s| s.metadata.name.as_deref() == Some(&format!("{ID}-lb")))
        .unwrap();
    lb.status = serde_json::from_value(serde_json::json!({
        "loadBalancer": {"ingress": [{"ip": "203.0.113.9"}]}
    }))
    .unwrap();
    assert_eq!(summarize(&objects)[0].exposed, ["LoadBalancer:203.0.113.9"]);
    let job = &summarize(&objects_of(&variants::ingress()))[0];
    assert_eq!(job.exposed, ["Ingress:t2.example.com/jobs"]);
}

#[test]
fn jobs_are_grouped_by_namespace_and_sorted() {
    let mut a = described(JobSpec::example("u-b-2"));
    a.namespace = "zeta".into();
    let b = described(JobSpec::example("u-a-1"));
    let mut c = described(JobSpec::example("u-c-3"));
    c.namespace = "zeta".into();
    let mut objects = JobObjects::default();
    for spec in [a, b, c] {
        let o = objects_of(&spec);
        objects.config_maps.extend(o.config_maps);
        objects.stateful_sets.extend(o.stateful_sets);
        objects.services.extend(o.services);
    }
    let keys: Vec<(String, String)> = summarize(&objects)
        .into_iter()
        .map(|j| (j.namespace, j.job_id))
        .collect();
    assert_eq!(
        keys,
        [
            ("default".to_string(), "u-a-1".to_string()),
            ("zeta".to_string(), "u-b-2".to_string()),
            ("zeta".to_string(), "u-c-3".to_string()),
        ]
    );
}

#[test]
fn pods_and_claims_alone_do_not_make_a_job() {
    let mut objects = objects_of(&described(variants::persistent()));
    all_pods(&mut objects, true);
    objects.config_maps.clear();
    objects.stateful_sets.clear();
    objects.services.clear();
    assert!(summarize(&objects).is_empty());
    assert_eq!(
        objects.job_keys().into_iter().collect::<Vec<_>>(),
        [("default".to_string(), ID.to_string())]
    );
    // describe still shows what is left.
    let details = describe(&objects, &[], "default", ID).unwrap();
    assert_eq!(details.objects.len(), 1);
    assert_eq!(details.objects[0].kind, "PersistentVolumeClaim");
}

#[test]
fn describe_computes_worker_ids_and_orders_pods() {
    let mut spec = described(variants::targets());
    spec.job_id = ID.into();
    let mut objects = objects_of(&spec);
    all_pods(&mut objects, true);
    objects
        .pods
        .push(pod_of(&objects, &format!("{ID}-1"), 1, true));
    let details = describe(&objects, &[], "default", ID).unwrap();
    let roles: Vec<(String, String)> = details
        .pods
        .iter()
        .map(|p| (p.name.clone(), p.role.to_string()))
        .collect();
    assert_eq!(
        roles,
        [
            (format!("{ID}-jm-0"), "job master".to_string()),
            (format!("{ID}-0-0"), "workers 0-1".to_string()),
            (format!("{ID}-0-1"), "workers 2-3".to_string()),
            // Compute resource 1 has one worker per pod, after the 4 workers of resource 0.
            (format!("{ID}-1-1"), "worker 5".to_string()),
        ]
    );
    let pod = &details.pods[1];
    assert_eq!(pod.status, "Running");
    assert_eq!(pod.ready, "2/2");
    assert_eq!(pod.restarts, 2);
    assert_eq!(pod.node.as_deref(), Some("node-1"));
    assert_eq!(pod.ip.as_deref(), Some("10.244.0.9"));
    assert_eq!(
        details.worker_class.as_deref(),
        Some(spec.worker_class.as_str())
    );
    assert_eq!(details.driver_class, None);
    assert_eq!(details.job_object_problem, None);
    assert_eq!(details.summary.compute_resources.len(), 2);
    assert!(details.summary.compute_resources[1].scalable);
}

#[test]
fn openmpi_pods_have_mpi_ranks() {
    let mut objects = objects_of(&described(variants::openmpi()));
    all_pods(&mut objects, true);
    let details = describe(&objects, &[], "default", ID).unwrap();
    assert_eq!(details.pods[1].role, PodRole::OpenMpi);
    assert!(
        details
            .configuration
            .contains(&("OpenMPI".to_string(), "yes".to_string()))
    );
}

#[test]
fn describe_configuration_highlights() {
    let objects = objects_of(&described(variants::persistent()));
    let details = describe(&objects, &[], "default", ID).unwrap();
    let config: BTreeMap<String, String> = details.configuration.iter().cloned().collect();
    assert_eq!(
        config["Image"],
        "twister2/twister2-k8s:0.8.0 (pull IfNotPresent)"
    );
    assert_eq!(config["Job file"], "libexamples-java.jar (jar)");
    assert_eq!(config["Worker ports"], "9000/TCP, 9001/TCP");
    assert_eq!(config["Job master port"], "11011");
    assert_eq!(
        config["Upload method"],
        format!("webserver (http://twister2-uploader.default.svc.cluster.local/{ID}.tar.gz)")
    );
    assert_eq!(config["Job package"], format!("{ID}.tar.gz (123456 bytes)"));
    assert_eq!(config["Submitted"], "2020-12-16T00:00:00Z");
    assert_eq!(config["JVM heap"], "819 MB per worker");
    assert_eq!(config["OpenMPI"], "no");
    assert_eq!(
        config["Node info"],
        "2 nodes: 10.0.0.1 (rack r1, datacenter dc1); 10.0.0.2 (rack r2, datacenter dc1)"
    );
    assert_eq!(config["Persistent volume"], format!("claim {ID}"));
    assert_eq!(config["Exposed"], "no");
    let kinds: Vec<&str> = details.objects.iter().map(|o| o.kind).collect();
    assert_eq!(
        kinds,
        [
            "ConfigMap",
            "StatefulSet",
            "StatefulSet",
            "Service",
            "Service",
            "PersistentVolumeClaim"
        ]
    );
    assert_eq!(details.objects[3].info, "headless");
    let s3 = objects_of(&variants::s3());
    assert_eq!(summarize(&s3)[0].upload_method.as_deref(), Some("s3"));
    let details = describe(&s3, &[], "default", ID).unwrap();
    let config: BTreeMap<String, String> = details.configuration.into_iter().collect();
    assert_eq!(
        config["Upload method"],
        format!(
            "s3 (s3://twister2-jobs/team-a/{ID}.tar.gz; pods download it through a presigned URL)"
        )
    );
    let spread = objects_of(&variants::spread());
    let details = describe(&spread, &[], "default", ID).unwrap();
    let config: BTreeMap<String, String> = details.configuration.into_iter().collect();
    assert_eq!(config["Upload method"], "client-to-pods");
    assert!(
        config["Node info"].starts_with("not given to pods"),
        "{config:?}"
    );
}

#[test]
fn an_unreadable_job_description_is_reported() {
    let mut objects = objects_of(&variants::plain());
    objects.config_maps[0]
        .data
        .get_or_insert_with(Default::default)
        .insert(JOB_OBJECT_KEY.into(), "not base64!".into());
    let details = describe(&objects, &[], "default", ID).unwrap();
    assert!(
        details
            .job_object_problem
            .as_deref()
            .is_some_and(|p| p.contains("not base64")),
        "{:?}",
        details.job_object_problem
    );
    assert!(describe(&objects, &[], "default", "u-other-1").is_none());
    assert!(describe(&objects, &[], "elsewhere", ID).is_none());
}

fn event(kind: &str, name: &str, minute: i64, reason: &str) -> Event {
    Event {
        metadata: ObjectMeta {
            name: Some(format!("{name}.{minute}")),
            namespace: Some("default".into()),
            ..ObjectMeta::default()
        },
        involved_object: ObjectReference {
            kind: Some(kind.into()),
            name: Some(name.into()),
            namespace: Some("default".into()),
            ..ObjectReference::default()
        },
        last_timestamp: Some(at(minute)),
        reason: Some(reason.into()),
        message: Some(format!("{reason} happened\n")),
        type_: Some("Warning".into()),
        count: Some(2),
        ..Event::default()
    }
}

#[test]
fn events_of_the_jobs_pods_and_statefulsets_only_most_recent_first_cut() {
    let mut objects = objects_of(&described(variants::plain()));
    all_pods(&mut objects, false);
    let mut events = vec![
        event("Pod", &format!("{ID}-0-0"), 5, "BackOff"),
        event("StatefulSet", &format!("{ID}-0"), 4, "SuccessfulCreate"),
        event("Pod", "someone-else-0", 6, "Pulled"),
        event("Service", ID, 6, "NotAPodOrStatefulSet"),
    ];
    let mut elsewhere = event("Pod", &format!("{ID}-0-1"), 7, "Elsewhere");
    elsewhere.involved_object.namespace = Some("other".into());
    events.push(elsewhere);
    let details = describe(&objects, &events, "default", ID).unwrap();
    let reasons: Vec<&str> = details.events.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["SuccessfulCreate", "BackOff"]);
    assert_eq!(details.events[1].object, format!("pod/{ID}-0-0"));
    assert_eq!(details.events[1].message, "BackOff happened");
    assert_eq!(details.events[1].count, 2);
    assert_eq!(details.older_events, 0);
    let many: Vec<Event> = (0..(MAX_EVENTS as i64 + 5))
        .map(|m| event("Pod", &format!("{ID}-jm-0"), m, &format!("r{m}")))
        .collect();
    let details = describe(&objects, &many, "default", ID).unwrap();
    assert_eq!(details.events.len(), MAX_EVENTS);
    assert_eq!(details.older_events, 5);
    assert_eq!(details.events[0].reason, "r5");
}

#[test]
fn stuck_pods_show_the_reason() {
    let mut objects = objects_of(&described(variants::plain()));
    all_pods(&mut objects, false);
    let status = objects.pods[1].status.as_mut().unwrap();
    status.phase = Some("Pending".into());
    status.container_statuses.as_mut().unwrap()[0].state = Some(ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: Some("ImagePullBackOff".into()),
            ..ContainerStateWaiting::default()
        }),
        ..ContainerState::default()
    });
    objects.pods[2].status.as_mut().unwrap().conditions = Some(vec![PodCondition {
        type_: "PodScheduled".into(),
        status: "False".into(),
        reason: Some("Unschedulable".into()),
        ..PodCondition::default()
    }]);
    objects.pods[2].status.as_mut().unwrap().container_statuses = None;
    objects.pods[2].status.as_mut().unwrap().phase = Some("Pending".into());
    let details = describe(&objects, &[], "default", ID).unwrap();
    let statuses: Vec<&str> = details.pods.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(statuses, ["Running", "ImagePullBackOff", "Unschedulable"]);
}
