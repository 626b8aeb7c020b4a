//! Container image references as the container runtime parses them:
//! `[registry[:port]/]path[:tag][@algorithm:hex]`.

/// Longest repository name (registry and path) a runtime accepts.
const MAX_NAME_LEN: usize = 255;
/// Longest tag.
const MAX_TAG_LEN: usize = 128;

/// Why `reference` is not an image reference the runtime can pull, or `None` when it is one.
pub fn image_reference_problem(reference: &str) -> Option<String> {
    if reference.is_empty() {
        return Some("it is empty".to_string());
    }
    let (rest, digest) = match reference.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (reference, None),
    };
    if let Some(digest) = digest
        && let Some(problem) = digest_problem(digest)
    {
        return Some(problem);
    }
    // A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag
        && let Some(problem) = tag_problem(tag)
    {
        return Some(problem);
    }
    if name.len() > MAX_NAME_LEN {
        return Some(format!(
            "the repository name is longer than {MAX_NAME_LEN} characters"
        ));
    }
    let (registry, path) = split_registry(name);
    if let Some(registry) = registry
        && let Some(problem) = registry_problem(registry)
    {
        return Some(problem);
    }
    if path.is_empty() {
        return Some("it names no repository".to_string());
    }
    path.split('/').find_map(path_component_problem)
}

/// The registry part, when the first component looks like a host (has `.` or `:`, or is
/// `localhost`), as runtimes decide it; and the repository path.
fn split_registry(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, path))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), path)
        }
        _ => (None, name),
    }
}

fn registry_problem(registry: &str) -> Option<String> {
    let bad = || {
        Some(format!(
            "registry '{registry}' is not a host name or address with an optional :port"
        ))
    };
    let (host, port) = if let Some(v6) = registry.strip_prefix('[') {
        let Some((address, after)) = v6.split_once(']') else {
            return bad();
        };
        if address.parse::<std::net::Ipv6Addr>().is_err() {
            return bad();
        }
        match after {
            "" => ("", None),
            after => match after.strip_prefix(':') {
                Some(port) => ("", Some(port)),
                None => return bad(),
            },
        }
    } else {
        match registry.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (registry, None),
        }
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return bad();
    }
    let component_ok = |c: &str| {
        let b = c.as_bytes();
        !b.is_empty()
            && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
    };
    if !host.is_empty() && !host.split('.').all(component_ok) {
        return bad();
    }
    None
}

/// A path component: lowercase alphanumerics joined by `.`, `_`, `__` or runs of `-`.
fn path_component_problem(component: &str) -> Option<String> {
    let bad = |why: &str| {
        Some(format!(
            "repository part '{component}' {why} (lowercase letters and digits, joined by '.', \
'_', '__' or '-')"
        ))
    };
    let b = component.as_bytes();
    if b.is_empty() {
        return bad("is empty");
    }
    if b.iter().any(u8::is_ascii_uppercase) {
        return bad("has uppercase letters");
    }
    if !b[0].is_ascii_alphanumeric() || !b[b.len() - 1].is_ascii_alphanumeric() {
        return bad("must start and end with a letter or digit");
    }
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_lowercase() || b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !(b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) {
            i += 1;
        }
        let separator = &component[start..i];
        let allowed = matches!(separator, "." | "_" | "__") || separator.bytes().all(|c| c == b'-');
        if !allowed {
            return bad(&format!("has '{separator}'"));
        }
    }
    None
}

fn tag_problem(tag: &str) -> Option<String> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = tag.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= MAX_TAG_LEN
        && word(b[0])
        && b.iter().all(|c| word(*c) || matches!(c, b'.' | b'-'));
    (!ok).then(|| {
        format!(
            "tag '{tag}' is not 1 to {MAX_TAG_LEN} letters, digits, '_', '.' and '-' (not \
starting with '.' or '-')"
        )
    })
}

fn digest_problem(digest: &str) -> Option<String> {
    let bad = || {
        Some(format!(
            "digest '{digest}' is not ALGORITHM:HEX (e.g. sha256: and 64 hex digits)"
        ))
    };
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return bad();
    };
    let algorithm_ok = algorithm.split(['+', '.', '-', '_']).all(|part| {
        let b = part.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(u8::is_ascii_alphanumeric)
    });
    if !algorithm_ok || hex.len() < 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return bad();
    }
    if algorithm == "sha256" && hex.len() != 64 {
        return Some(format!(
            "digest '{digest}' has {} hex digits; sha256 has 64",
            hex.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn references_runtimes_pull_are_accepted() {
        let with_digest = format!("twister2/twister2-k8s:0.8.0@{DIGEST}");
        let by_digest = format!("registry.example.com:5000/team/twister2@{DIGEST}");
        for reference in [
            "twister2/twister2-k8s:0.8.0",
            "twister2-k8s",
            "ubuntu",
            "localhost/t2:dev",
            "localhost:5000/t2",
            "registry.example.com:5000/a/b/c:v1.2_3-rc",
            "[::1]:5000/t2:x",
            "my.registry/a__b/c---d/e.f_g:latest",
            "gcr.io/proj/img:V1",
            with_digest.as_str(),
            by_digest.as_str(),
        ] {
            assert_eq!(image_reference_problem(reference), None, "{reference}");
        }
    }

    #[test]
    fn malformed_references_say_which_part_is_wrong() {
        for (reference, why) in [
            ("", "empty"),
            ("Twister2/k8s", "uppercase"),
            ("twister2/k8s:", "tag ''"),
            ("twister2/k8s:-x", "tag '-x'"),
            ("twister2/k8s:a:b", "'k8s:a'"),
            ("t2@sha256:abc", "digest"),
            (
                "t2@sha256:0123456789abcdef0123456789abcdef",
                "sha256 has 64",
            ),
            ("bad_host.example.com/t2", "registry"),
            ("reg.io:port/t2", "registry"),
            ("a/-b", "start and end"),
            ("a/b..c", "'..'"),
            ("a/b_-c", "'_-'"),
            ("a//b", "is empty"),
            ("reg.io/", "names no repository"),
            ("C;$(id)", "uppercase"),
            ("c;id", "';'"),
        ] {
            let problem = image_reference_problem(reference)
                .unwrap_or_else(|| panic!("{reference} accepted"));
            assert!(problem.contains(why), "{reference}: {problem}");
        }
        let long = format!("{}:1", "a".repeat(256));
        assert!(
            image_reference_problem(&long)
                .unwrap()
                .contains("longer than 255")
        );
    }
}
