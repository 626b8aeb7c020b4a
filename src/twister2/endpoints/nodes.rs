//! Which nodes NodePort endpoints use, and which of their addresses (`AddressType`).

use k8s_openapi::api::core::v1::Node;

/// Which node address a NodePort endpoint shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AddressType {
    /// The node's ExternalIP when it has one, else its InternalIP.
    #[default]
    Preferred,
    /// ExternalIP only; nodes without one are left out.
    External,
    /// InternalIP only.
    Internal,
    /// The Hostname address.
    Hostname,
}

impl AddressType {
    /// `status.addresses[].type` values, in order of preference.
    fn kubernetes_types(self) -> &'static [&'static str] {
        match self {
            AddressType::Preferred => &["ExternalIP", "InternalIP"],
            AddressType::External => &["ExternalIP"],
            AddressType::Internal => &["InternalIP"],
            AddressType::Hostname => &["Hostname"],
        }
    }

    /// For messages: "an ExternalIP or InternalIP", "an ExternalIP", …
    pub fn describe(self) -> &'static str {
        match self {
            AddressType::Preferred => "an ExternalIP or InternalIP",
            AddressType::External => "an ExternalIP",
            AddressType::Internal => "an InternalIP",
            AddressType::Hostname => "a Hostname",
        }
    }

    /// The address of `node` of this type (the first one, when there are several).
    pub fn pick(self, node: &Node) -> Option<&str> {
        let addresses = node.status.as_ref()?.addresses.as_ref()?;
        self.kubernetes_types().iter().find_map(|wanted| {
            addresses
                .iter()
                .find(|a| a.type_ == *wanted && !a.address.is_empty())
                .map(|a| a.address.as_str())
        })
    }
}

/// One usable node: its name and the chosen address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NodeAddress<'a> {
    pub(super) name: &'a str,
    pub(super) address: &'a str,
}

/// Usable nodes (Ready or without conditions, with an address of the chosen type), sorted by
/// name, and notes on those left out.
pub(super) fn usable_nodes<'a>(
    nodes: &'a [Node],
    address_type: AddressType,
) -> (Vec<NodeAddress<'a>>, Vec<String>) {
    let mut usable = Vec::with_capacity(nodes.len());
    let (mut not_ready, mut without_address) = (0usize, 0usize);
    for node in nodes {
        let Some(name) = node.metadata.name.as_deref() else {
            continue;
        };
        let ready = node
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
            .is_none_or(|c| c.status == "True");
        if !ready {
            not_ready += 1;
            continue;
        }
        match address_type.pick(node) {
            Some(address) => usable.push(NodeAddress { name, address }),
            None => without_address += 1,
        }
    }
    usable.sort_by(|a, b| a.name.cmp(b.name));
    let mut notes = Vec::new();
    if not_ready > 0 {
        notes.push(format!(
            "{not_ready} of {} nodes are not Ready and are left out of the NodePort endpoints",
            nodes.len()
        ));
    }
    if without_address > 0 {
        notes.push(format!(
            "{without_address} of {} nodes have no {} address and are left out of the NodePort \
endpoints (see --address-type)",
            nodes.len(),
            address_type.kubernetes_types().join(" or ")
        ));
    }
    (usable, notes)
}
