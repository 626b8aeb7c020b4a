//! What `nodes label` and `nodes unlabel` were asked to do.

/// What `nodes label` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelRequest {
    /// `--rack R [--datacenter D] NODE...` (at least one of rack and datacenter).
    Assign {
        /// The rack to set.
        rack: Option<String>,
        /// The datacenter to set.
        datacenter: Option<String>,
        /// Node names or addresses.
        nodes: Vec<String>,
    },
    /// `--from-config FILE`: `twister2.resource.racks.list` (rack → node addresses) and
    /// `twister2.resource.datacenters.list` (datacenter → racks), in file order.
    Lists {
        /// Racks and their node addresses.
        racks: Vec<(String, Vec<String>)>,
        /// Datacenters and their racks.
        datacenters: Vec<(String, Vec<String>)>,
    },
}

/// Which nodes `nodes unlabel` works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlabelTargets {
    /// `--all`: every node carrying one of the labels.
    All,
    /// Node names or addresses.
    Nodes(Vec<String>),
}
