//! Fuzz target: a Twister2 configuration file (`--config FILE`) of arbitrary bytes, loaded as the
//! plugin loads it. Invariants: no panic; a refusal names the file; an accepted file gives a
//! configuration whose every accessor answers, whose load is deterministic, and whose rendering
//! into the job package's `kubernetes/*.yaml` files loads back to the same values.

#![no_main]

use std::path::{Path, PathBuf};

use kubectl_twister2::twister2::config::{Config, ConfigSources};
use libfuzzer_sys::fuzz_target;

/// A file of this process (fuzzing jobs run as separate processes).
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("t2-fuzz-{}-{name}.yaml", std::process::id()))
}

fn load(path: &Path) -> Result<Config, String> {
    let sources = ConfigSources {
        files: vec![path.to_path_buf()],
        ..ConfigSources::default()
    };
    Config::load(&sources)
        .map(|loaded| loaded.config)
        .map_err(|e| e.to_string())
}

/// Every accessor the commands use, so that none of them can panic on a loaded value.
fn touch_everything(config: &Config) {
    let _ = (
        config.namespace(),
        config.docker_image(),
        config.image_pull_policy(),
        config.job_name(),
        config.worker_class(),
        config.driver_class(),
        config.compute_resources(),
        config.additional_ports(),
        config.user_name(),
        config.job_id(),
        config.log_in_client(),
        config.persistent_volume_per_worker_gb(),
        config.job_master_persistent_volume_gb(),
        config.storage_class(),
        config.storage_access_mode(),
        config.uploader_class(),
        config.uploader_web_server(),
        config.uploader_web_server_directory(),
        config.uploader_web_server_label(),
    );
    let _ = (
        config.node_locations_from_config(),
        config.rack_label_key(),
        config.datacenter_label_key(),
        config.racks_list(),
        config.datacenters_list(),
        config.bind_worker_to_cpu(),
        config.node_mapping(),
        config.uniform_mapping(),
        config.zookeeper_addresses(),
        config.zookeeper_root(),
        config.jvm_memory_fraction(),
        config.job_master_port(),
        config.job_master_volatile_gb(),
        config.job_master_cpu(),
        config.job_master_ram_mb(),
        config.dashboard_host(),
        config.job_master_used(),
        config.job_master_runs_in_client(),
        config.job_master_provided_ip(),
    );
    let _ = (
        config.channel_class(),
        config.is_openmpi(),
        config.secret_name(),
        config.check_pwd_free_ssh(),
        config.mpi_params(),
        config.worker_base_port(),
        config.transport_protocol(),
        config.node_port_requested(),
        config.node_port(),
        config.checkpointing_enabled(),
        config.logging_storage_type(),
        config.check_consistency(),
        config.package_files().map(|files| files.len()),
    );
}

/// Whether a value carries a YAML tag (`!x value`) anywhere.
fn tagged(value: &serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Tagged(_) => true,
        serde_yaml::Value::Sequence(items) => items.iter().any(tagged),
        serde_yaml::Value::Mapping(map) => map.iter().any(|(k, v)| tagged(k) || tagged(v)),
        _ => false,
    }
}

fn values(config: &Config) -> Vec<(String, String)> {
    config
        .entries()
        .map(|(key, entry)| (key.to_string(), format!("{:?}", entry.value)))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let path = scratch("input");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let first = load(&path);
    let name = path.display().to_string();
    match &first {
        Err(message) => assert!(
            message.contains(&name),
            "a refusal must name the file {name}: {message}"
        ),
        Ok(config) => {
            touch_everything(config);
            let again = load(&path).expect("the same file loads twice");
            assert_eq!(values(config), values(&again), "loading is deterministic");
            // What the job receives (its package's kubernetes/*.yaml) loads back to the same
            // values. Known failure, reported: a tagged value (`k: [!, 1]`) is rendered as
            // `!! 1`, which no YAML parser accepts; such inputs skip this check so that the
            // fuzzer keeps looking for other failures.
            if config.entries().any(|(_, entry)| tagged(&entry.value)) {
                return;
            }
            let files = config
                .package_files()
                .expect("the package's configuration files are written");
            let dir = scratch("package-conf");
            let _ = std::fs::remove_dir_all(&dir);
            for file in &files {
                let path = dir.join(&file.path);
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("scratch dir");
                std::fs::write(&path, &file.contents).expect("scratch file written");
            }
            let sources = ConfigSources {
                conf_dir: Some(dir),
                ..ConfigSources::default()
            };
            let reloaded = Config::load(&sources).unwrap_or_else(|e| {
                panic!("the packaged configuration is refused: {e}\n{files:?}")
            });
            assert_eq!(
                values(config),
                values(&reloaded.config),
                "packaged and reloaded values differ: {files:?}"
            );
        }
    }
});
