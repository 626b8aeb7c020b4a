//! `kubectl twister2 nodes unlabel`: removes the rack and/or datacenter label from the named
//! nodes (every name checked first) or, with `--all`, from every node that has it.

use anyhow::Result;

use crate::cli::GlobalArgs;
use crate::cli::nodes::UnlabelArgs;
use crate::commands::nodes::{Wording, carry_out, keys_from_args};
use crate::twister2::label_plan::{UnlabelTargets, plan_unlabel};

/// Run `nodes unlabel`.
pub async fn run(global: &GlobalArgs, args: &UnlabelArgs) -> Result<()> {
    let keys = keys_from_args(&args.keys)?;
    let targets = if args.all {
        UnlabelTargets::All
    } else {
        UnlabelTargets::Nodes(args.nodes.clone())
    };
    let wording = Wording {
        done: "unlabeled",
        verb: "unlabel",
    };
    carry_out(global, &args.write, wording, |nodes| {
        plan_unlabel(nodes, &keys, args.rack, args.datacenter, &targets)
    })
    .await
}
