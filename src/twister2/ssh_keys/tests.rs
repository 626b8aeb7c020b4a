//! Generated and imported key pairs end to end: formats, fingerprints, errors, OpenSSH interop.

use std::path::Path;
use std::sync::OnceLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ssh_key::private::KeypairData;
use ssh_key::{LineEnding, Mpint, PrivateKey, PublicKey};

use super::*;

/// One generated RSA key shared by the tests (3072-bit generation is slow in debug builds).
fn rsa() -> &'static SshKeyPair {
    static KEY: OnceLock<SshKeyPair> = OnceLock::new();
    KEY.get_or_init(|| SshKeyPair::generate(KeyType::Rsa).unwrap())
}

fn public_of_private(pair: &SshKeyPair) -> PublicKey {
    PrivateKey::from_openssh(pair.private_key_file())
        .unwrap()
        .public_key()
        .clone()
}

#[test]
fn generated_rsa_key_is_3072_bits_in_openssh_format() {
    let pair = rsa();
    assert_eq!(pair.key_type(), KeyType::Rsa);
    assert!(
        pair.private_key_file()
            .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    );
    assert!(
        pair.private_key_file()
            .ends_with("-----END OPENSSH PRIVATE KEY-----\n")
    );
    assert!(pair.public_key_file().starts_with("ssh-rsa AAAA"));
    assert!(pair.public_key_file().ends_with(" twister2\n"));
    assert_eq!(pair.public_key_file().lines().count(), 1);
    assert_eq!(pair.info().bits, 3072);
    assert_eq!(pair.info().algorithm, "ssh-rsa");
}

#[test]
fn generated_private_and_public_keys_parse_back_as_a_matching_pair() {
    for pair in [rsa(), &SshKeyPair::generate(KeyType::Ed25519).unwrap()] {
        let public = PublicKey::from_openssh(pair.public_key_file().trim()).unwrap();
        let derived = public_of_private(pair);
        assert_eq!(derived.key_data(), public.key_data());
        assert_eq!(public.comment(), KEY_COMMENT);
        // The private file also imports through the public API to the same key.
        let again = SshKeyPair::parse_private_key(pair.private_key_file(), "test").unwrap();
        assert_eq!(again.public_key_file(), pair.public_key_file());
        assert_eq!(again.private_key_file(), pair.private_key_file());
    }
}

#[test]
fn authorized_keys_equals_the_public_key_file() {
    let pair = rsa();
    assert_eq!(pair.authorized_keys(), pair.public_key_file());
    let ed = SshKeyPair::generate(KeyType::Ed25519).unwrap();
    assert_eq!(ed.authorized_keys(), ed.public_key_file());
    assert!(ed.public_key_file().starts_with("ssh-ed25519 AAAA"));
    assert_eq!(ed.info().bits, 256);
}

#[test]
fn two_generated_keys_differ() {
    let a = SshKeyPair::generate(KeyType::Ed25519).unwrap();
    let b = SshKeyPair::generate(KeyType::Ed25519).unwrap();
    assert_ne!(a.fingerprint(), b.fingerprint());
}

#[test]
fn fingerprints_are_stable_and_match_ssh_keygen() {
    // Fingerprints printed by `ssh-keygen -lf` for the fixtures.
    let rsa = SshKeyPair::parse_private_key(fixtures::RSA_PKCS1, "fixture").unwrap();
    assert_eq!(rsa.fingerprint(), fixtures::RSA_FINGERPRINT);
    assert_eq!(rsa.fingerprint(), rsa.fingerprint());
    let ed = SshKeyPair::parse_private_key(fixtures::ED25519_OPENSSH, "fixture").unwrap();
    assert_eq!(ed.fingerprint(), fixtures::ED25519_FINGERPRINT);
    let info = PublicKeyInfo::parse(fixtures::RSA_PUBLIC).unwrap();
    assert_eq!(info.fingerprint, fixtures::RSA_FINGERPRINT);
    assert_eq!(
        info.summary(),
        format!("RSA 2048 {}", fixtures::RSA_FINGERPRINT)
    );
    assert_eq!(rsa.info(), info);
}

#[test]
fn one_rsa_key_imports_identically_from_pkcs1_pkcs8_and_openssh() {
    let pkcs1 = SshKeyPair::parse_private_key(fixtures::RSA_PKCS1, "a").unwrap();
    let pkcs8 = SshKeyPair::parse_private_key(fixtures::RSA_PKCS8, "b").unwrap();
    let openssh = SshKeyPair::parse_private_key(fixtures::RSA_OPENSSH, "c").unwrap();
    let expected = format!(
        "{} {KEY_COMMENT}\n",
        fixtures::RSA_PUBLIC.rsplit_once(' ').unwrap().0
    );
    for pair in [&pkcs1, &pkcs8, &openssh] {
        assert_eq!(pair.public_key_file(), expected);
        assert_eq!(pair.key_type(), KeyType::Rsa);
        // Re-encoded as OpenSSH, whatever the input format was.
        assert!(
            pair.private_key_file()
                .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")
        );
        assert_eq!(
            public_of_private(pair).key_data(),
            public_of_private(&pkcs1).key_data()
        );
    }
}

#[test]
fn ed25519_imports_from_openssh_and_pkcs8() {
    let openssh = SshKeyPair::parse_private_key(fixtures::ED25519_OPENSSH, "x").unwrap();
    assert_eq!(openssh.key_type(), KeyType::Ed25519);
    let pkcs8 = SshKeyPair::parse_private_key(fixtures::ED25519_PKCS8, "x").unwrap();
    assert_eq!(
        pkcs8.public_key_file(),
        format!("{} twister2\n", fixtures::ED25519_PKCS8_PUBLIC)
    );
    assert_eq!(pkcs8.fingerprint(), fixtures::ED25519_PKCS8_FINGERPRINT);
}

#[test]
fn import_reads_files_and_tolerates_surrounding_whitespace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("id_rsa");
    std::fs::write(&path, format!("\n\n{}\r\n", fixtures::RSA_PKCS1)).unwrap();
    let pair = SshKeyPair::from_private_key_file(&path).unwrap();
    assert_eq!(pair.fingerprint(), fixtures::RSA_FINGERPRINT);
    // Files saved with Windows line endings.
    for fixture in [fixtures::RSA_OPENSSH, fixtures::ED25519_OPENSSH] {
        std::fs::write(&path, fixture.replace('\n', "\r\n")).unwrap();
        assert!(SshKeyPair::from_private_key_file(&path).is_ok());
    }
}

#[test]
fn bad_key_files_give_clear_errors() {
    let err = |text: &str| {
        SshKeyPair::parse_private_key(text, "KEYFILE")
            .unwrap_err()
            .to_string()
    };
    let e = err(fixtures::RSA_PUBLIC);
    assert!(e.contains("KEYFILE holds a public key"), "{e}");
    let e = err(fixtures::ED25519_ENCRYPTED);
    assert!(e.contains("KEYFILE is protected by a passphrase"), "{e}");
    let e = err(fixtures::RSA_PKCS1_ENCRYPTED_HEAD);
    assert!(e.contains("protected by a passphrase"), "{e}");
    let e = err("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----");
    assert!(e.contains("protected by a passphrase"), "{e}");
    let e = err(fixtures::ECDSA_OPENSSH);
    assert!(e.contains("ecdsa-sha2-nistp256 key"), "{e}");
    assert!(e.contains("use an RSA"), "{e}");
    let e = err("-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----");
    assert!(e.contains("holds a EC key"), "{e}");
    let e = err(fixtures::RSA_1024_OPENSSH);
    assert!(e.contains("1024-bit RSA key; use at least 2048"), "{e}");
    let e = err("hello");
    assert!(e.contains("KEYFILE is not a usable private key"), "{e}");
    assert!(e.contains("no `-----BEGIN"), "{e}");
    let e = err("-----BEGIN RSA PRIVATE KEY-----\nnot base64!!\n-----END RSA PRIVATE KEY-----");
    assert!(e.contains("bad base64"), "{e}");
    let truncated: String = fixtures::RSA_PKCS1
        .lines()
        .take(10)
        .collect::<Vec<_>>()
        .join("\n");
    let e = err(&format!("{truncated}\n-----END RSA PRIVATE KEY-----"));
    assert!(e.contains("truncated") || e.contains("missing"), "{e}");
    let e = err("-----BEGIN RSA PRIVATE KEY-----\nMIIB");
    assert!(e.contains("END"), "{e}");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'A'; 70_000]).unwrap();
    let e = SshKeyPair::from_private_key_file(&big)
        .unwrap_err()
        .to_string();
    assert!(e.contains("larger than 65536 bytes"), "{e}");
    let e = SshKeyPair::from_private_key_file(Path::new("/nonexistent/id_rsa"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("cannot read private key file /nonexistent/id_rsa"),
        "{e}"
    );
}

#[test]
fn a_pkcs1_key_whose_primes_do_not_match_the_modulus_is_rejected() {
    // Flip one bit inside the first prime of the PKCS#1 fixture.
    let der = STANDARD
        .decode(
            fixtures::RSA_PKCS1
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect::<String>(),
        )
        .unwrap();
    let mut damaged = der;
    // `openssl asn1parse`: prime1's 129 content bytes start at offset 536.
    damaged[600] ^= 0x01;
    let pem = format!(
        "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
        STANDARD.encode(&damaged)
    );
    let e = SshKeyPair::parse_private_key(&pem, "k")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not the product of the two primes"), "{e}");
    // The same check covers OpenSSH-format files.
    let pair = SshKeyPair::parse_private_key(fixtures::RSA_OPENSSH, "k").unwrap();
    let key = PrivateKey::from_openssh(pair.private_key_file()).unwrap();
    let KeypairData::Rsa(mut rsa) = key.key_data().clone() else {
        panic!("not RSA")
    };
    let mut q = rsa.private.q.as_positive_bytes().unwrap().to_vec();
    q[10] ^= 0x01;
    rsa.private.q = Mpint::from_positive_bytes(&q).unwrap();
    let damaged = PrivateKey::new(KeypairData::Rsa(rsa), "x").unwrap();
    let text = damaged.to_openssh(LineEnding::LF).unwrap();
    let e = SshKeyPair::parse_private_key(&text, "k")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not the product of the two primes"), "{e}");
}

#[test]
fn debug_never_prints_private_material() {
    for pair in [rsa(), &SshKeyPair::generate(KeyType::Ed25519).unwrap()] {
        let debug = format!("{pair:?}");
        assert!(debug.contains("<redacted>"));
        assert!(debug.contains(&pair.fingerprint()));
        assert!(!debug.contains("PRIVATE KEY"));
        let body: String = pair
            .private_key_file()
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        // No 16-character piece of the encoded private key shows up.
        for start in (0..body.len().saturating_sub(16)).step_by(16) {
            assert!(!debug.contains(&body[start..start + 16]));
        }
    }
}

#[test]
fn public_key_info_rejects_garbage() {
    assert!(PublicKeyInfo::parse("").is_err());
    assert!(PublicKeyInfo::parse("ssh-rsa notbase64").is_err());
    let e = PublicKeyInfo::parse(fixtures::RSA_PKCS1)
        .unwrap_err()
        .to_string();
    assert!(e.contains("found a PEM block"), "{e}");
}

/// Runs the real OpenSSH tools on generated keys when they are installed: `ssh-keygen -y`
/// must derive our public key from our private key file, and `-l` our fingerprint.
#[test]
fn openssh_reads_generated_keys() {
    let Ok(out) = std::process::Command::new("ssh-keygen").arg("-?").output() else {
        eprintln!("ssh-keygen not on PATH; skipping the OpenSSH interoperability check");
        return;
    };
    drop(out);
    let dir = tempfile::tempdir().unwrap();
    for (name, pair) in [
        ("rsa", rsa()),
        ("ed", &SshKeyPair::generate(KeyType::Ed25519).unwrap()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, pair.private_key_file()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let out = std::process::Command::new("ssh-keygen")
            .arg("-y")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let derived = String::from_utf8(out.stdout).unwrap();
        let ours = pair.public_key_file().rsplit_once(' ').unwrap().0;
        assert!(derived.starts_with(ours), "{derived} vs {ours}");
        let out = std::process::Command::new("ssh-keygen")
            .arg("-l")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        let listed = String::from_utf8(out.stdout).unwrap();
        assert!(listed.contains(&pair.fingerprint()), "{listed}");
    }
}

mod fixtures;
