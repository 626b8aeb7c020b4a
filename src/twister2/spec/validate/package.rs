//! Checks of how pods get the package and of the encoded Job object's size.

use crate::twister2::spec::{JobSpec, MAX_JOB_OBJECT_LEN, UploadMethod};

impl JobSpec {
    pub(super) fn check_upload(&self, p: &mut Vec<String>) {
        if let UploadMethod::WebServer { uri } = &self.upload
            && !(uri.starts_with("http://") || uri.starts_with("https://"))
        {
            p.push(format!(
                "package URI '{uri}' must be an http:// or https:// URL"
            ));
        }
        if self.package_size == 0 {
            p.push("job package size is 0".to_string());
        }
        if self.job_object_base64.is_empty() {
            p.push("the encoded Job object is empty".to_string());
        } else if self.job_object_base64.len() > MAX_JOB_OBJECT_LEN {
            p.push(format!(
                "the encoded Job object is {} bytes, too large for a ConfigMap",
                self.job_object_base64.len()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::twister2::spec::validate::test_support::*;
    use crate::twister2::spec::*;

    #[test]
    fn upload_and_job_object() {
        let mut spec = JobSpec::example("j");
        spec.upload = UploadMethod::WebServer {
            uri: "ftp://x/j.tar.gz".into(),
        };
        spec.package_size = 0;
        spec.job_object_base64 = String::new();
        for needle in [
            "must be an http:// or https:// URL",
            "package size is 0",
            "Job object is empty",
        ] {
            assert!(has(&spec, needle), "{needle}");
        }
        spec.job_object_base64 = "A".repeat(MAX_JOB_OBJECT_LEN + 1);
        assert!(has(&spec, "too large for a ConfigMap"));
        assert_eq!(UploadMethod::ClientToPods.as_str(), "client-to-pods");
        assert_eq!(UploadMethod::ClientToPods.uri(), None);
    }
}
