//! `OpenMpi`: an OpenMPI job's SSH key Secret.

/// An OpenMPI job: workers start through `mpirun` over SSH keys from a Secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenMpi {
    /// Secret with `id_rsa`, `id_rsa.pub`, `authorized_keys` (`kubernetes.secret.name`).
    pub secret_name: String,
}
