//! Reading what `setup` installed in a namespace: one row per component with readiness,
//! addresses, the SSH key fingerprint and node-label counts (reads run concurrently); and
//! finding the objects `setup remove` may delete (by the managed-by label only).
//!
//! Files: `report` (the rows, the options and what every row uses), `read` (the concurrent
//! reads), `auth_row`, `secret_row`, `workload_row` and `node_labels_row` (one kind of row each)
//! and `managed_objects` (what `setup remove` may delete).

mod auth_row;
mod managed_objects;
mod node_labels_row;
mod read;
mod report;
mod secret_row;
mod workload_row;

pub use auth_row::auth_status;
pub use managed_objects::{ManagedObject, managed_objects, managed_selector};
pub use node_labels_row::node_label_status;
pub use read::read_setup_status;
pub use report::{ComponentStatus, Installed, SetupStatus, StatusOptions};
pub use secret_row::secret_status;
pub use workload_row::workload_status;
