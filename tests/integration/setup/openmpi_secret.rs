//! `setup openmpi-secret`: the SSH key Secret, kept unless rotated; the private key never leaks.

use super::{NS, env, managed_objects, plugin, run_ok, secret_text, yaml_documents};
use crate::common::{fails, ok};

#[test]
fn openmpi_secret_is_kept_unless_rotated_and_the_key_pair_matches() {
    use kubectl_twister2::twister2::ssh_keys::{PublicKeyInfo, SshKeyPair};

    let env = env();
    env.server.set_control_plane(false);
    ok(plugin(&env).args(["setup", "uploader"]));
    let (stdout, stderr) = run_ok(plugin(&env).args(["setup", "openmpi-secret"]));
    assert_eq!(
        stdout,
        "# Twister2 configuration for namespace team-a\nkubernetes.secret.name: twister2-openmpi-ssh-key\n"
    );
    assert!(
        stderr.contains("generated key RSA 3072 SHA256:"),
        "{stderr}"
    );
    let secret = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    assert_eq!(secret["type"], "Opaque");
    let private = secret_text(&secret, "id_rsa");
    let public = secret_text(&secret, "id_rsa.pub");
    assert_eq!(secret_text(&secret, "authorized_keys"), public);
    let pair = SshKeyPair::parse_private_key(&private, "the Secret").unwrap();
    assert_eq!(pair.public_key_file(), public);
    assert_eq!(
        PublicKeyInfo::parse(&public).unwrap().fingerprint,
        pair.fingerprint()
    );
    assert!(public.starts_with("ssh-rsa "));
    assert_eq!(pair.info().bits, 3072);
    // Neither stream carried the private key.
    let body = private.lines().nth(1).unwrap().to_string();
    for text in [&stdout, &stderr] {
        assert!(!text.contains("PRIVATE KEY") && !text.contains(&body));
        assert!(!text.contains(secret["data"]["id_rsa"].as_str().unwrap()));
    }

    // Kept: exit 0, nothing written.
    let before = managed_objects(&env);
    let rv = env.server.resource_version();
    let (_, stderr) = run_ok(plugin(&env).args(["setup", "openmpi-secret"]));
    assert!(
        stderr.contains("secret/twister2-openmpi-ssh-key exists"),
        "{stderr}"
    );
    assert!(stderr.contains("use --rotate to replace"), "{stderr}");
    assert!(stderr.contains(&pair.fingerprint()), "{stderr}");
    assert_eq!(env.server.resource_version(), rv);

    // Rotated: only the Secret changes, and its key is new.
    let (stdout, stderr) = run_ok(plugin(&env).args([
        "setup",
        "openmpi-secret",
        "--rotate",
        "--key-type",
        "ed25519",
    ]));
    let after = managed_objects(&env);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.2.clone())
        .collect();
    assert_eq!(changed, ["twister2-openmpi-ssh-key"]);
    let rotated = env
        .server
        .get("secrets", NS, "twister2-openmpi-ssh-key")
        .unwrap();
    let new_public = secret_text(&rotated, "id_rsa.pub");
    assert!(new_public.starts_with("ssh-ed25519 "));
    assert_ne!(new_public, public);
    assert_eq!(secret_text(&rotated, "authorized_keys"), new_public);
    let new_private = secret_text(&rotated, "id_rsa");
    assert_eq!(
        SshKeyPair::parse_private_key(&new_private, "s")
            .unwrap()
            .public_key_file(),
        new_public
    );
    for text in [&stdout, &stderr] {
        assert!(!text.contains("PRIVATE KEY"));
    }
    assert!(
        stderr.contains("running OpenMPI jobs keep the old one"),
        "{stderr}"
    );
}

#[test]
fn openmpi_private_key_only_in_requested_output_and_saved_owner_only() {
    use kubectl_twister2::twister2::ssh_keys::{KeyType, SshKeyPair};
    use std::os::unix::fs::PermissionsExt as _;

    let env = env();
    // -o yaml is a request for the key.
    let stdout = ok(plugin(&env).args(["setup", "openmpi-secret", "--name", "mpi", "-o", "yaml"]));
    let docs = yaml_documents(&stdout);
    assert_eq!(docs.len(), 1);
    assert!(secret_text(&docs[0], "id_rsa").contains("BEGIN OPENSSH PRIVATE KEY"));

    // --save-private-key: 0600, equal to the Secret's key; refused over a file without --force.
    let file = env.dir.path().join("mpi_key");
    let (stdout, stderr) = run_ok(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "mpi2",
                "--key-type",
                "ed25519",
                "--save-private-key",
            ])
            .arg(&file),
    );
    assert!(!stdout.contains("PRIVATE KEY") && !stderr.contains("PRIVATE KEY"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let saved = std::fs::read_to_string(&file).unwrap();
    let secret = env.server.get("secrets", NS, "mpi2").unwrap();
    assert_eq!(saved, secret_text(&secret, "id_rsa"));
    let rv = env.server.resource_version();
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "mpi3",
                "--save-private-key",
            ])
            .arg(&file),
        2,
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        env.server.resource_version(),
        rv,
        "refused before writing anything"
    );
    assert!(env.server.get("secrets", NS, "mpi3").is_none());
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--dry-run=client",
                "--save-private-key",
            ])
            .arg(&file),
        2,
    );
    assert!(err.contains("dry run"), "{err}");

    // Import: the Secret holds the imported key; the public key is derived.
    let key = SshKeyPair::generate(KeyType::Ed25519).unwrap();
    let key_file = env.dir.path().join("imported");
    std::fs::write(&key_file, key.private_key_file()).unwrap();
    let (stdout, stderr) = run_ok(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "imp",
                "--from-private-key",
            ])
            .arg(&key_file),
    );
    assert!(
        stderr.contains(&format!("imported key ED25519 256 {}", key.fingerprint())),
        "{stderr}"
    );
    assert!(!stdout.contains("PRIVATE KEY") && !stderr.contains("PRIVATE KEY"));
    let secret = env.server.get("secrets", NS, "imp").unwrap();
    assert_eq!(secret_text(&secret, "id_rsa.pub"), key.public_key_file());

    // A public key given as the private one is refused before any request.
    let pub_file = env.dir.path().join("imported.pub");
    std::fs::write(&pub_file, key.public_key_file()).unwrap();
    env.server.clear_requests();
    let err = fails(
        plugin(&env)
            .args([
                "setup",
                "openmpi-secret",
                "--name",
                "imp2",
                "--from-private-key",
            ])
            .arg(&pub_file),
        1,
    );
    assert!(err.contains("public key"), "{err}");
    assert!(env.server.requests().is_empty());
}
