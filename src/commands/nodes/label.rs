//! `kubectl twister2 nodes label`: rack and datacenter labels from flags (`--rack R
//! [--datacenter D] NODE...`) or from a Twister2 config file's racks.list and datacenters.list
//! (`--from-config FILE`, whose label keys are used too), all checked before the first patch.

use anyhow::Result;

use crate::cli::GlobalArgs;
use crate::cli::nodes::LabelArgs;
use crate::commands::nodes::{Wording, carry_out, keys_from_args, load_config, resolve_keys};
use crate::exit::usage;
use crate::twister2::label_plan::{LabelRequest, assigned_value_problems, plan_label};

/// Run `nodes label`.
pub async fn run(global: &GlobalArgs, args: &LabelArgs) -> Result<()> {
    let (keys, request) = match &args.from_config {
        Some(path) => {
            let config = load_config(path)?;
            let racks = config.racks_list();
            if racks.is_empty() {
                return Err(usage(format!(
                    "{} lists no racks: it needs twister2.resource.racks.list, e.g.\n  \
twister2.resource.racks.list:\n    - rack-a: [10.0.0.1, 10.0.0.2]",
                    path.display()
                )));
            }
            let request = LabelRequest::Lists {
                racks,
                datacenters: config.datacenters_list(),
            };
            (resolve_keys(&args.keys, Some(&config))?, request)
        }
        None => (
            keys_from_args(&args.keys)?,
            LabelRequest::Assign {
                rack: args.rack.clone(),
                datacenter: args.datacenter.clone(),
                nodes: args.nodes.clone(),
            },
        ),
    };
    let bad_values = assigned_value_problems(&request);
    if !bad_values.is_empty() {
        let lines: Vec<String> = bad_values.iter().map(|p| p.to_string()).collect();
        return Err(usage(lines.join("\n")));
    }
    let wording = Wording {
        done: "labeled",
        verb: "label",
    };
    carry_out(global, &args.write, wording, |nodes| {
        plan_label(nodes, &keys, &request, args.overwrite)
    })
    .await
}
