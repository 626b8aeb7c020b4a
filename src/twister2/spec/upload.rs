//! `UploadMethod`: how pods get the job package.

/// How pods get the job package (`UPLOAD_METHOD`, `JOB_PACKAGE_URI`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadMethod {
    /// Pods download the package from a web server (the uploader, or an S3 presigned URL).
    WebServer {
        /// Full download URL of `<jobID>.tar.gz`.
        uri: String,
    },
    /// The client copies the package into each pod as it starts.
    ClientToPods,
}

impl UploadMethod {
    /// Value of `UPLOAD_METHOD`: `webserver` or `client-to-pods`.
    pub fn as_str(&self) -> &'static str {
        match self {
            UploadMethod::WebServer { .. } => "webserver",
            UploadMethod::ClientToPods => "client-to-pods",
        }
    }

    /// Value of `JOB_PACKAGE_URI` (none for the direct method).
    pub fn uri(&self) -> Option<&str> {
        match self {
            UploadMethod::WebServer { uri } => Some(uri),
            UploadMethod::ClientToPods => None,
        }
    }
}
