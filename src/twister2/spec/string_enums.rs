//! The string-backed enums of a spec (pull policy, access mode, …) and their macro.

use std::fmt;
use std::str::FromStr;

/// Defines a string-backed enum with `as_str`, `Display`, `FromStr` (case-sensitive, listing the
/// accepted spellings on error) and `ALL`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used by Twister2 / Kubernetes.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| {
                        let accepted: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("invalid {} '{}': expected one of {}", $what, s, accepted.join(", "))
                    })
            }
        }
    };
}

string_enum!(
    /// Container image pull policy.
    PullPolicy, "image pull policy" {
        /// Always pull.
        Always => "Always",
        /// Pull when the node does not have the image (Twister2's default).
        IfNotPresent => "IfNotPresent",
        /// Never pull.
        Never => "Never",
    }
);

string_enum!(
    /// Transport protocol of worker ports (`kubernetes.worker.transport.protocol`).
    TransportProtocol, "transport protocol" {
        /// TCP (Twister2's default).
        Tcp => "TCP",
        /// UDP.
        Udp => "UDP",
    }
);

string_enum!(
    /// Access mode of the job's persistent volume claim.
    AccessMode, "storage access mode" {
        /// Read-write by one node.
        ReadWriteOnce => "ReadWriteOnce",
        /// Read-only by many nodes.
        ReadOnlyMany => "ReadOnlyMany",
        /// Read-write by many nodes (Twister2's default; workers share the claim).
        ReadWriteMany => "ReadWriteMany",
        /// Read-write by one pod.
        ReadWriteOncePod => "ReadWriteOncePod",
    }
);

string_enum!(
    /// `externalTrafficPolicy` of a NodePort or LoadBalancer Service.
    ExternalTrafficPolicy, "external traffic policy" {
        /// Any node forwards to any worker (Kubernetes' default).
        Cluster => "Cluster",
        /// Only nodes running a worker answer; the client address is kept.
        Local => "Local",
    }
);

string_enum!(
    /// Operator of Twister2's worker-to-node mapping (`…worker.mapping.operator`).
    NodeSelectorOperator, "node selector operator" {
        /// Label value in the list.
        In => "In",
        /// Label value not in the list.
        NotIn => "NotIn",
        /// Label present.
        Exists => "Exists",
        /// Label absent.
        DoesNotExist => "DoesNotExist",
        /// Label value, as an integer, greater than the single value.
        Gt => "Gt",
        /// Label value, as an integer, less than the single value.
        Lt => "Lt",
    }
);

string_enum!(
    /// Twister2's uniform worker mapping (`kubernetes.worker.mapping.uniform`).
    UniformMapping, "uniform worker mapping" {
        /// No pod (anti-)affinity (Twister2's default).
        None => "none",
        /// Every worker pod on one node (required pod affinity on the hostname).
        AllSameNode => "all-same-node",
        /// Every worker pod on its own node (required pod anti-affinity on the hostname).
        AllSeparateNodes => "all-separate-nodes",
    }
);

string_enum!(
    /// What `--spread` spreads worker pods over.
    SpreadDomain, "spread domain" {
        /// Racks (the rack label key).
        Rack => "rack",
        /// Datacenters (the datacenter label key).
        Datacenter => "datacenter",
        /// Nodes (`kubernetes.io/hostname`).
        Node => "node",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_enums_round_trip_and_explain_errors() {
        for v in UniformMapping::ALL {
            assert_eq!(v.as_str().parse::<UniformMapping>(), Ok(*v));
        }
        assert_eq!(TransportProtocol::Udp.to_string(), "UDP");
        let err = "sideways".parse::<SpreadDomain>().unwrap_err();
        assert_eq!(
            err,
            "invalid spread domain 'sideways': expected one of rack, datacenter, node"
        );
    }
}
