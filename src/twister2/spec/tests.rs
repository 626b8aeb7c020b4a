//! Tests spanning several of a spec's values: parsing `--target` and `--volume`.

use super::{ExistingVolume, NodeTarget};

#[test]
fn parse_targets_and_volumes() {
    let t: NodeTarget = "zone=us-east-1a".parse().unwrap();
    assert_eq!((t.key.as_str(), t.value.as_str()), ("zone", "us-east-1a"));
    assert!("zone".parse::<NodeTarget>().is_err());
    assert!("=a".parse::<NodeTarget>().is_err());
    let v: ExistingVolume = "data:/data".parse().unwrap();
    assert_eq!(
        v,
        ExistingVolume {
            claim_name: "data".into(),
            mount_path: "/data".into(),
            read_only: false
        }
    );
    let v: ExistingVolume = "ref:/ref:ro".parse().unwrap();
    assert!(v.read_only);
    assert_eq!(v.mount_path, "/ref");
    assert!("data".parse::<ExistingVolume>().is_err());
    assert!(":/data".parse::<ExistingVolume>().is_err());
    assert!("data:/x:rx".parse::<ExistingVolume>().is_err());
}
