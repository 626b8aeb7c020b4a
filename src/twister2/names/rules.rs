//! Kubernetes syntax rules: DNS labels and subdomains, label keys and values, CIDRs, Ingress
//! hosts and paths.

use std::net::IpAddr;

/// RFC 1123 label: lowercase alphanumerics and `-`, at most 63, alphanumeric at both ends.
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// Kubernetes label value: empty, or at most 63 of `[A-Za-z0-9_.-]`, alphanumeric at both ends.
pub fn is_label_value(s: &str) -> bool {
    let b = s.as_bytes();
    b.is_empty()
        || (b.len() <= 63
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric())
}

/// Kubernetes label key: `[prefix/]name`, prefix a DNS subdomain, name a non-empty label value.
pub fn is_qualified_name(s: &str) -> bool {
    let (prefix, name) = match s.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, s),
    };
    prefix.is_none_or(is_dns1123_subdomain) && !name.is_empty() && is_label_value(name)
}

/// `address/prefix-length` for IPv4 or IPv6.
pub fn is_cidr(s: &str) -> bool {
    let Some((address, bits)) = s.split_once('/') else {
        return false;
    };
    let Ok(bits) = bits.parse::<u8>() else {
        return false;
    };
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(_)) => bits <= 32,
        Ok(IpAddr::V6(_)) => bits <= 128,
        Err(_) => false,
    }
}

/// Ingress rule host: a DNS subdomain, optionally `*.`-prefixed, never an IP address.
pub fn is_ingress_host(s: &str) -> bool {
    let name = s.strip_prefix("*.").unwrap_or(s);
    name.parse::<IpAddr>().is_err() && is_dns1123_subdomain(name)
}

/// Ingress `Prefix` path: absolute, no empty, `.` or `..` segments.
pub fn is_ingress_path(s: &str) -> bool {
    if !s.starts_with('/') {
        return false;
    }
    let inner = s.trim_end_matches('/');
    if inner.is_empty() {
        return s == "/";
    }
    inner[1..]
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && !s.ends_with("//")
        && !s.chars().any(|c| c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules() {
        assert!(is_dns1123_label("a-1"));
        assert!(!is_dns1123_label("-a"));
        assert!(!is_dns1123_label(&"a".repeat(64)));
        assert!(is_dns1123_subdomain("a.b-c"));
        assert!(!is_dns1123_subdomain("a..b"));
        assert!(is_label_value(""));
        assert!(is_label_value("A_b.c-D"));
        assert!(!is_label_value("a_"));
        assert!(is_qualified_name("topology.kubernetes.io/zone"));
        assert!(!is_qualified_name("a/b/c"));
        assert!(!is_qualified_name("/zone"));
    }
}
