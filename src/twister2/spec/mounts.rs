//! Mount paths of Twister2's own volumes and the image's working directory.

/// Mount path of the pod-shared memory `emptyDir` (`twister2-memory-dir`).
pub const MEMORY_DIR_MOUNT: &str = "/twister2-memory-dir";
/// Mount path of the volatile-disk `emptyDir` (`twister2-volatile-dir`).
pub const VOLATILE_MOUNT: &str = "/twister2-volatile";
/// Mount path of the job's persistent volume claim (`persistent-volume`).
pub const PERSISTENT_MOUNT: &str = "/persistent";
/// Mount path of the OpenMPI SSH key Secret (`kube-openmpi-ssh-key`).
pub const OPENMPI_KEY_MOUNT: &str = "/ssh-key/openmpi";
/// Working directory of the `twister2/twister2-k8s` image (init scripts, libraries).
pub const IMAGE_WORKDIR: &str = "/twister2";
/// Twister2's own mount paths; an existing volume may not be mounted on, above or below them.
pub const TWISTER2_MOUNTS: [&str; 4] = [
    MEMORY_DIR_MOUNT,
    VOLATILE_MOUNT,
    PERSISTENT_MOUNT,
    OPENMPI_KEY_MOUNT,
];
