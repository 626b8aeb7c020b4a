//! The values of the pods' configuration that the plugin decides from the cluster and the
//! objects — the namespace, ZooKeeper, the dashboard, the uploader's URL — written into the
//! package so the pods agree with the objects, and refused when the user gave a different one.

use serde_yaml::Value;

use super::request::{Namespace, ZooKeeperUse};
use crate::twister2::config::{Config, Source, keys, value_text};

/// What the plugin decides for one job.
#[derive(Debug, Clone)]
pub struct Decisions<'a> {
    /// The namespace of the objects.
    pub namespace: &'a Namespace,
    /// Whether the job uses ZooKeeper.
    pub zookeeper: &'a ZooKeeperUse,
    /// The `setup zookeeper` address pre-flight found, if it looked.
    pub discovered_zookeeper: Option<&'a str>,
    /// The dashboard URL pre-flight found, when the user named none.
    pub dashboard: Option<&'a str>,
    /// The URL the package is served from (web-server method).
    pub uploader_url: &'a str,
    /// A restart: the saved package is shipped unchanged, so nothing is written, only checked.
    pub restore: bool,
}

/// The problem when the configuration names another namespace than the one the objects go
/// to: the pods take the namespace only from their configuration.
pub fn namespace_conflict(config: &Config, namespace: &Namespace) -> Option<String> {
    let entry = config
        .entry(keys::NAMESPACE)
        .filter(|e| e.source.is_given())?;
    if entry.value.as_str() == Some(namespace.name.as_str()) {
        return None;
    }
    Some(format!(
        "{} is \"{}\" in {}, but the job's objects go to namespace \"{}\" (from {}); the pods \
take the namespace only from their configuration, so they would look for their job master and \
ConfigMap in the wrong namespace: drop the key, or give -n {}",
        keys::NAMESPACE,
        value_text(&entry.value),
        entry.source,
        namespace.name,
        namespace.origin,
        entry.value.as_str().unwrap_or("NAMESPACE"),
    ))
}

/// What the decisions tell the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decided {
    /// Facts worth knowing (the ZooKeeper address the job uses).
    pub notes: Vec<String>,
    /// Things that may not be what the user wants.
    pub warnings: Vec<String>,
}

/// Writes the decisions into `config` (source [`Source::Decided`]). Returns what to tell the
/// user, or every value the user gave that disagrees with the objects.
pub fn decide(config: &mut Config, d: &Decisions<'_>) -> Result<Decided, Vec<String>> {
    let mut problems = Vec::new();
    let mut told = Decided::default();
    let namespace = &d.namespace.name;
    let zookeeper = match d.zookeeper {
        ZooKeeperUse::Off | ZooKeeperUse::Given { .. } => None,
        ZooKeeperUse::Discover { why, required } => match d.discovered_zookeeper {
            Some(address) => {
                told.notes.push(format!(
                    "the job uses ZooKeeper ({why}) at {address}, the `setup zookeeper` service \
of namespace {namespace}"
                ));
                Some(address.to_string())
            }
            None if *required => {
                problems.push(format!(
                    "{why} asks for ZooKeeper, but namespace \"{namespace}\" has no `setup \
zookeeper` service: install it with `kubectl twister2 setup zookeeper -n {namespace}`, or name \
the servers with --zookeeper=HOST:PORT"
                ));
                None
            }
            None => {
                told.warnings.push(format!(
                    "{why}, but namespace \"{namespace}\" has no ZooKeeper (`kubectl twister2 \
setup zookeeper`): the job runs without it, so a restart of its job master fails the job"
                ));
                None
            }
        },
    };
    if let ZooKeeperUse::Given { addresses, source } = d.zookeeper {
        told.notes.push(format!(
            "the job uses ZooKeeper at {addresses} (from {source})"
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if d.restore {
        return Ok(told);
    }
    let uploader_given = config
        .source(keys::UPLOADER_WEB_SERVER)
        .is_some_and(Source::is_given);
    let mut set = |key: &str, value: &str, why: &str| {
        // The values are plain strings of keys the table types as strings: they pass.
        let _ = config.set_override(
            key,
            Value::String(value.to_string()),
            Source::Decided(why.to_string()),
        );
    };
    set(
        keys::NAMESPACE,
        namespace,
        "the namespace of the job's objects",
    );
    if let Some(address) = &zookeeper {
        set(
            keys::ZOOKEEPER_ADDRESSES,
            address,
            "the `setup zookeeper` service",
        );
    }
    if let Some(url) = d.dashboard {
        set(keys::DASHBOARD_HOST, url, "the `setup dashboard` service");
    }
    if !uploader_given {
        set(
            keys::UPLOADER_WEB_SERVER,
            d.uploader_url,
            "the uploader of the job's namespace",
        );
    }
    Ok(told)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twister2::config::config_with_sets;
    use crate::twister2::submit::request::NamespaceOrigin;

    fn config(sets: &[&str]) -> Config {
        config_with_sets(sets)
    }

    fn namespace(name: &str) -> Namespace {
        Namespace {
            name: name.to_string(),
            origin: NamespaceOrigin::Flag,
        }
    }

    fn decisions<'a>(ns: &'a Namespace, zk: &'a ZooKeeperUse) -> Decisions<'a> {
        Decisions {
            namespace: ns,
            zookeeper: zk,
            discovered_zookeeper: None,
            dashboard: None,
            uploader_url: "http://twister2-uploader.t2.svc.cluster.local",
            restore: false,
        }
    }

    #[test]
    fn the_objects_namespace_is_written_for_the_pods() {
        let mut c = config(&[]);
        let ns = namespace("t2");
        decide(&mut c, &decisions(&ns, &ZooKeeperUse::Off)).unwrap();
        assert_eq!(c.namespace(), "t2");
        assert!(matches!(
            c.source(keys::NAMESPACE),
            Some(Source::Decided(_))
        ));
        assert_eq!(
            c.get_str(keys::UPLOADER_WEB_SERVER),
            Some("http://twister2-uploader.t2.svc.cluster.local")
        );
        assert_eq!(c.zookeeper_addresses(), None);
    }

    #[test]
    fn a_conflicting_namespace_names_both_values_and_their_sources() {
        let c = config(&["kubernetes.namespace=foo"]);
        let ns = namespace("t2");
        let p = namespace_conflict(&c, &ns).unwrap();
        assert!(p.contains("\"foo\" in --set"), "{p}");
        assert!(p.contains("namespace \"t2\" (from -n/--namespace)"), "{p}");
        assert!(p.contains("-n foo"), "{p}");
        // the same value, or the default, is fine
        assert_eq!(
            namespace_conflict(&config(&["kubernetes.namespace=t2"]), &ns),
            None
        );
        assert_eq!(namespace_conflict(&config(&[]), &ns), None);
    }

    #[test]
    fn zookeeper_is_set_only_when_asked_for() {
        let ns = namespace("t2");
        let mut c = config(&[]);
        let mut d = decisions(&ns, &ZooKeeperUse::Off);
        d.discovered_zookeeper = Some("zk:2181");
        decide(&mut c, &d).unwrap();
        assert_eq!(c.zookeeper_addresses(), None);

        let wanted = ZooKeeperUse::Discover {
            why: "--zookeeper".into(),
            required: true,
        };
        let mut c = config(&[]);
        let mut d = decisions(&ns, &wanted);
        d.discovered_zookeeper = Some("zk:2181");
        let told = decide(&mut c, &d).unwrap();
        assert_eq!(c.zookeeper_addresses(), Some("zk:2181"));
        assert!(told.notes[0].contains("at zk:2181"), "{told:?}");

        let mut c = config(&[]);
        let problems = decide(&mut c, &decisions(&ns, &wanted)).unwrap_err();
        assert!(
            problems[0].contains("setup zookeeper -n t2"),
            "{problems:?}"
        );

        let optional = ZooKeeperUse::Discover {
            why: "checkpointing is on".into(),
            required: false,
        };
        let mut c = config(&[]);
        let told = decide(&mut c, &decisions(&ns, &optional)).unwrap();
        assert!(told.warnings[0].contains("runs without it"), "{told:?}");
        assert_eq!(c.zookeeper_addresses(), None);
    }

    #[test]
    fn a_restore_checks_but_writes_nothing() {
        let ns = namespace("t2");
        let mut c = config(&[]);
        let mut d = decisions(&ns, &ZooKeeperUse::Off);
        d.restore = true;
        decide(&mut c, &d).unwrap();
        assert_eq!(c.source(keys::NAMESPACE), Some(&Source::Default));
    }
}
