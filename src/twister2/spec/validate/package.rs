//! Checks of how pods get the package and of the encoded Job object's size.

use crate::twister2::spec::{JobSpec, MAX_JOB_OBJECT_LEN, UploadMethod};

impl JobSpec {
    pub(super) fn check_upload(&self, p: &mut Vec<String>) {
        if let Some(uri) = self.upload.uri()
            && !(uri.starts_with("http://") || uri.starts_with("https://"))
        {
            p.push(format!(
                "package URI '{uri}' must be an http:// or https:// URL"
            ));
        }
        if let UploadMethod::S3 { object, .. } = &self.upload {
            let name = format!("/{}.tar.gz", self.job_id);
            let bucket = object
                .strip_prefix("s3://")
                .and_then(|rest| rest.strip_suffix(&name));
            if !bucket.is_some_and(|b| !b.is_empty() && !b.starts_with('/'))
                || object.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                p.push(format!(
                    "package object '{object}' must be s3://BUCKET[/PREFIX]{name}"
                ));
            }
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
        assert_eq!(UploadMethod::ClientToPods.s3_object(), None);
    }

    #[test]
    fn s3_is_the_web_server_method_to_pods_with_an_object_of_the_job() {
        let s3 = |object: &str, uri: &str| UploadMethod::S3 {
            object: object.into(),
            uri: uri.into(),
        };
        let good = s3(
            "s3://bkt/team/j.tar.gz",
            "https://bkt.s3.example/j.tar.gz?X=1",
        );
        assert_eq!(good.as_str(), "webserver");
        assert_eq!(good.uri(), Some("https://bkt.s3.example/j.tar.gz?X=1"));
        assert_eq!(good.s3_object(), Some("s3://bkt/team/j.tar.gz"));
        let mut spec = JobSpec::example("j");
        spec.upload = good;
        assert_eq!(problems(&spec), Vec::<String>::new());
        for object in [
            "bkt/j.tar.gz",
            "s3://j.tar.gz",
            "s3:///j.tar.gz",
            "s3://bkt/other.tar.gz",
            "s3://bkt/j.tar.gz.old",
            "s3://b kt/j.tar.gz",
        ] {
            spec.upload = s3(object, "https://x/j.tar.gz");
            assert!(
                has(&spec, "must be s3://BUCKET[/PREFIX]/j.tar.gz"),
                "{object}"
            );
        }
        spec.upload = s3("s3://bkt/j.tar.gz", "s3://bkt/j.tar.gz");
        assert!(has(&spec, "must be an http:// or https:// URL"));
    }

    #[test]
    fn before_the_upload_the_uri_is_a_valid_placeholder_naming_the_object() {
        let method = UploadMethod::s3_before_upload("s3://bkt/team/j.tar.gz".into());
        assert_eq!(
            method.uri(),
            Some("https://s3-presigned-url-made-at-submit.invalid/bkt/team/j.tar.gz")
        );
        assert_eq!(method.s3_object(), Some("s3://bkt/team/j.tar.gz"));
        let mut spec = JobSpec::example("j");
        spec.upload = method;
        assert_eq!(problems(&spec), Vec::<String>::new());
    }
}
