//! Twister2's Java class names the plugin compares values against (channels, uploaders).

/// Twister2's TCP channel (the shipped Kubernetes `network.yaml` value).
pub const TCP_CHANNEL_CLASS: &str = "edu.iu.dsc.tws.comms.tcp.TWSTCPChannel";
/// Twister2's MPI channel: a job using it is an OpenMPI job. It is also Twister2's code default
/// when `twister2.network.channel.class` is absent.
pub const MPI_CHANNEL_CLASS: &str = "edu.iu.dsc.tws.comms.mpi.TWSMPIChannel";
/// The Kubernetes uploader (web server or direct upload).
pub const K8S_UPLOADER_CLASS: &str = "edu.iu.dsc.tws.rsched.uploaders.k8s.K8sUploader";
/// The S3 uploader.
pub const S3_UPLOADER_CLASS: &str = "edu.iu.dsc.tws.rsched.uploaders.s3.S3Uploader";
