//! What a submit asks its pre-flight to read and check: the facts to look for (uploader pods,
//! nodes, StorageClasses, the `setup` services, a kept claim, `--volume` claims) and the rights
//! of the submitter table the request needs.

use crate::cli::jobs::{CheckArgs, WaitArgs};
use crate::cluster::preflight::PreflightInput;
use crate::manifests::rights::{self, Right, SubmitNeeds};
use crate::twister2::spec::Exposure;
use crate::twister2::submit::{DEFAULT_OPENMPI_SECRET, SubmitRequest, ZooKeeperUse};

/// The rights of the submitter table this submit uses, for SelfSubjectAccessReviews.
fn required_rights(request: &SubmitRequest, wait: bool) -> Vec<Right> {
    let config = &request.config;
    let claim = config.persistent_volume_per_worker_gb() > 0.0;
    rights::submit_rights(SubmitNeeds {
        // The uploader and the direct method copy the package through the exec API; S3 does not.
        exec: !config.uses_s3_uploader(),
        claim: claim && !request.is_restore(),
        read_claims: (claim && request.is_restore()) || !request.objects.volumes.is_empty(),
        ingress: matches!(request.objects.exposure, Exposure::Ingress(_)),
        wait,
    })
}

pub(super) fn preflight_input(
    request: &SubmitRequest,
    waiting: &WaitArgs,
    checks: &CheckArgs,
) -> PreflightInput {
    let config = &request.config;
    let claim = config.persistent_volume_per_worker_gb() > 0.0;
    PreflightInput {
        job_id: request.job_id.clone(),
        // S3 needs no uploader pods: they are not looked for.
        uploader_selector: (!config.uses_s3_uploader())
            .then(|| config.uploader_web_server_label().to_string()),
        node_info: !config.node_locations_from_config(),
        scheduling_checks: !checks.skip_scheduling_checks,
        // A restart reuses the kept claim: no StorageClass provisions anything.
        storage_classes: claim && !request.is_restore(),
        // Twister2 leaves the keys unset (every rack `null`) when the config names none; the
        // plugin uses the same defaults as `nodes label` so labelled nodes are always seen.
        rack_key: Some(request.objects.placement.rack_label_key.clone()),
        datacenter_key: Some(request.objects.placement.datacenter_label_key.clone()),
        openmpi_secret: config.is_openmpi().then(|| {
            config
                .secret_name()
                .unwrap_or(DEFAULT_OPENMPI_SECRET)
                .to_string()
        }),
        pull_secret: request.objects.image_pull_secret.clone(),
        discover_zookeeper: matches!(request.zookeeper, ZooKeeperUse::Discover { .. }),
        discover_dashboard: request.discover_dashboard,
        kept_claim: (request.is_restore() && claim).then(|| request.job_id.clone()),
        volume_claims: request
            .objects
            .volumes
            .iter()
            .map(|v| v.claim_name.clone())
            .collect(),
        rights: required_rights(request, waiting.wait || waiting.follow),
    }
}
