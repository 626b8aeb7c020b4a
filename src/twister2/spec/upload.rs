//! `UploadMethod`: how pods get the job package.

/// How pods get the job package (`UPLOAD_METHOD`, `JOB_PACKAGE_URI`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadMethod {
    /// Pods download the package from the uploader web server.
    WebServer {
        /// Full download URL of `<jobID>.tar.gz`.
        uri: String,
    },
    /// Pods download the package from a presigned URL of an S3 object (Twister2's
    /// `S3Uploader`); to the pods this is the web-server method.
    S3 {
        /// The object: `s3://BUCKET[/PREFIX]/<jobID>.tar.gz`.
        object: String,
        /// The object's presigned download URL (before the upload: a placeholder).
        uri: String,
    },
    /// The client copies the package into each pod as it starts.
    ClientToPods,
}

impl UploadMethod {
    /// Host of the placeholder `JOB_PACKAGE_URI` of an S3 job that was not uploaded yet (a
    /// `.invalid` name, reserved so that it never resolves).
    pub const S3_PLACEHOLDER_HOST: &'static str = "s3-presigned-url-made-at-submit.invalid";

    /// The S3 method for `object` before the upload: `JOB_PACKAGE_URI` is a visible placeholder,
    /// `https://s3-presigned-url-made-at-submit.invalid/BUCKET/…/<jobID>.tar.gz`, that the real
    /// submit replaces with the object's presigned URL.
    pub fn s3_before_upload(object: String) -> UploadMethod {
        let path = object.strip_prefix("s3://").unwrap_or(&object);
        let uri = format!("https://{}/{path}", Self::S3_PLACEHOLDER_HOST);
        UploadMethod::S3 { object, uri }
    }

    /// Value of `UPLOAD_METHOD`: `webserver` (also for S3, as Twister2 sets it) or
    /// `client-to-pods`.
    pub fn as_str(&self) -> &'static str {
        match self {
            UploadMethod::WebServer { .. } | UploadMethod::S3 { .. } => "webserver",
            UploadMethod::ClientToPods => "client-to-pods",
        }
    }

    /// Value of `JOB_PACKAGE_URI` (none for the direct method).
    pub fn uri(&self) -> Option<&str> {
        match self {
            UploadMethod::WebServer { uri } | UploadMethod::S3 { uri, .. } => Some(uri),
            UploadMethod::ClientToPods => None,
        }
    }

    /// The S3 object of the package (S3 method only).
    pub fn s3_object(&self) -> Option<&str> {
        match self {
            UploadMethod::S3 { object, .. } => Some(object),
            _ => None,
        }
    }
}
