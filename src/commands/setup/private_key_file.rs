//! `--save-private-key FILE`: writes a private key readable by its owner only (mode 0600),
//! never over an existing file unless forced.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use crate::exit::usage;

/// Fails (usage error) when `path` exists and `force` is not given; run before any cluster call.
pub fn check_target(path: &Path, force: bool) -> Result<()> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(usage(format!(
            "{} exists; pass --force to overwrite it, or choose another --save-private-key file",
            path.display()
        )));
    }
    Ok(())
}

/// Writes `key` to `path` with mode 0600. An existing file is replaced only with `force` (it is
/// removed first, so the new file never inherits looser permissions or a symlink target).
pub fn save(path: &Path, key: &[u8], force: bool) -> Result<()> {
    check_target(path, force)?;
    if force {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot replace {}", path.display())),
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict the permissions of {}", path.display()))?;
    }
    file.write_all(key)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_owner_only_and_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id_rsa");
        save(&path, b"KEY1", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"KEY1");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let e = save(&path, b"KEY2", false).unwrap_err();
        assert_eq!(crate::exit::code_for(&e), 2);
        assert!(e.to_string().contains("--force"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"KEY1");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        save(&path, b"KEY2", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"KEY2");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn force_replaces_a_symlink_instead_of_writing_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, b"keep").unwrap();
        let link = dir.path().join("key");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        assert!(check_target(&link, false).is_err());
        save(&link, b"KEY", true).unwrap();
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"keep");
        assert_eq!(std::fs::read(&link).unwrap(), b"KEY");
    }
}
