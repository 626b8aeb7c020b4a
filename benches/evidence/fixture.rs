//! The fake cluster the submit and kill sections start from: a fresh fake API server, a
//! kubeconfig for it in a scratch directory, and one running uploader pod (`setup uploader`'s
//! objects, run by the fake StatefulSet controller).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fake_kube::FakeServer;
use kubectl_twister2::manifests::uploader;
use tempfile::TempDir;

/// A fake cluster with one running uploader pod.
pub struct Cluster {
    pub server: FakeServer,
    pub dir: TempDir,
    pub kubeconfig: PathBuf,
}

impl Cluster {
    /// Start the server, write the kubeconfig, install the uploader and wait until it runs.
    pub fn with_uploader() -> Cluster {
        let server = FakeServer::start().expect("fake server");
        let dir = tempfile::tempdir().expect("temp dir");
        let kubeconfig = server
            .write_kubeconfig(dir.path(), fake_kube::KubeconfigOpts::default())
            .expect("kubeconfig");
        let mut options = uploader::UploaderOptions::new("default");
        options.replicas = 1;
        for object in uploader::uploader_objects(&options)
            .expect("uploader objects")
            .to_json_values()
            .expect("json")
        {
            server.create(object).expect("create uploader");
        }
        let uploader_runs = || {
            server
                .list_selected("pods", Some("default"), uploader::POD_SELECTOR)
                .map(|p| !p.is_empty() && p.iter().all(|p| p["status"]["phase"] == "Running"))
                .unwrap_or(false)
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !uploader_runs() {
            assert!(Instant::now() < deadline, "uploader never ran");
            std::thread::sleep(Duration::from_millis(10));
        }
        Cluster {
            server,
            dir,
            kubeconfig,
        }
    }
}
