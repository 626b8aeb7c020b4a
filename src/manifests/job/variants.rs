//! Named job variants covering every feature, shared by the manifest tests (contract tests,
//! snapshots and schema validation).

use crate::twister2::resources::ComputeResource;
use crate::twister2::spec::*;

/// Job ID of every variant.
pub const ID: &str = "u-hello-36cz77mu";

fn one_worker_per_pod(mut spec: JobSpec) -> JobSpec {
    for cr in &mut spec.compute_resources {
        cr.instances *= cr.workers_per_pod;
        cr.workers_per_pod = 1;
    }
    spec
}

/// The canonical job: 2 pods × 2 workers, 0.5 cpu, 1024 MiB, 1 GiB disk.
pub fn plain() -> JobSpec {
    JobSpec::example(ID)
}

/// OpenMPI with Twister2's default Secret name.
pub fn openmpi() -> JobSpec {
    JobSpec {
        openmpi: Some(OpenMpi {
            secret_name: "twister2-openmpi-ssh-key".into(),
        }),
        ..plain()
    }
}

/// NodePort exposure on a fixed port with the Local traffic policy.
pub fn nodeport() -> JobSpec {
    JobSpec {
        exposure: Exposure::NodePort {
            node_port: Some(30080),
        },
        external_traffic_policy: Some(ExternalTrafficPolicy::Local),
        ..one_worker_per_pod(plain())
    }
}

/// Persistent storage of 1 GiB per worker on the `twister2-nfs-storage` class.
pub fn persistent() -> JobSpec {
    JobSpec {
        persistent_storage: Some(PersistentStorage {
            per_worker_gb: 1.0,
            storage_class: Some("twister2-nfs-storage".into()),
            access_mode: AccessMode::ReadWriteMany,
        }),
        ..plain()
    }
}

/// Two compute resources, `--target`s, Twister2's node mapping and uniform mapping, and an
/// image pull secret.
pub fn targets() -> JobSpec {
    let mut spec = plain();
    spec.compute_resources.push(ComputeResource {
        index: 1,
        cpu: 1.0,
        ram_mb: 2048,
        disk_gb: 0.0,
        instances: 2,
        workers_per_pod: 1,
        scalable: true,
    });
    spec.targets = vec![
        "topology.kubernetes.io/zone=us-east-1a".parse().unwrap(),
        "example.com/gpu=true".parse().unwrap(),
    ];
    spec.node_mapping = Some(NodeMapping {
        key: "kubernetes.io/hostname".into(),
        operator: NodeSelectorOperator::In,
        values: vec!["e012".into(), "e013".into()],
    });
    spec.uniform_mapping = UniformMapping::AllSeparateNodes;
    spec.image_pull_secret = Some("regcred".into());
    spec
}

/// Existing claims (one read-only) and guaranteed QoS.
pub fn volumes() -> JobSpec {
    JobSpec {
        volumes: vec![
            "data:/data".parse().unwrap(),
            "reference:/reference:ro".parse().unwrap(),
        ],
        guaranteed: true,
        ..plain()
    }
}

/// LoadBalancer exposure with source ranges.
pub fn loadbalancer() -> JobSpec {
    JobSpec {
        exposure: Exposure::LoadBalancer {
            source_ranges: vec!["10.0.0.0/8".into(), "192.168.1.0/24".into()],
        },
        external_traffic_policy: Some(ExternalTrafficPolicy::Cluster),
        ..one_worker_per_pod(plain())
    }
}

/// Ingress exposure with a class and TLS.
pub fn ingress() -> JobSpec {
    JobSpec {
        exposure: Exposure::Ingress(IngressExposure {
            host: "t2.example.com".into(),
            path: "/jobs".into(),
            class: Some("nginx".into()),
            tls_secret: Some("t2-tls".into()),
        }),
        ..one_worker_per_pod(plain())
    }
}

/// `--spread rack` restricted to two racks of one datacenter, direct upload, node locations
/// from config.
pub fn spread() -> JobSpec {
    JobSpec {
        placement: Placement {
            spread: Some(SpreadDomain::Rack),
            racks: vec!["r1".into(), "r2".into()],
            datacenters: vec!["dc1".into()],
            ..Placement::default()
        },
        upload: UploadMethod::ClientToPods,
        encoded_node_info: None,
        ..plain()
    }
}

/// The S3 upload method (Twister2's `S3Uploader`) with a bucket prefix, as
/// `--dry-run=client` renders it: the presigned URL is a placeholder until the upload.
pub fn s3() -> JobSpec {
    JobSpec {
        upload: UploadMethod::s3_before_upload(format!("s3://twister2-jobs/team-a/{ID}.tar.gz")),
        ..plain()
    }
}

/// Every variant with its name.
pub fn all() -> Vec<(&'static str, JobSpec)> {
    vec![
        ("plain", plain()),
        ("openmpi", openmpi()),
        ("nodeport", nodeport()),
        ("persistent", persistent()),
        ("targets", targets()),
        ("volumes", volumes()),
        ("loadbalancer", loadbalancer()),
        ("ingress", ingress()),
        ("spread", spread()),
        ("s3", s3()),
    ]
}
