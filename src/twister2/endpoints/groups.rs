//! `Endpoints`: every way in, grouped (rows that share everything but the node), and its rows.

use std::borrow::Cow;

use super::endpoint::{Endpoint, EndpointType};
use super::nodes::NodeAddress;

/// Where the rows of a group go.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Reach<'a> {
    /// Every usable node (`externalTrafficPolicy: Cluster`).
    AllNodes,
    /// These usable nodes (indexes), which run a ready pod of the Service (`Local`).
    SomeNodes(Vec<usize>),
    /// The nodes could not be listed: one row without an address.
    NodesUnknown,
    /// One fixed place.
    Place {
        /// What the ADDRESS column shows; `None` = not assigned yet (`<pending>`).
        address: Option<Cow<'a, str>>,
        /// The name clients use (`-o name`, URL); `None` when there is none yet.
        host: Option<Cow<'a, str>>,
        /// Where a `--check` probe connects.
        connect: Option<Cow<'a, str>>,
    },
}

/// Endpoints that share everything but the node.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Group<'a> {
    pub(super) namespace: &'a str,
    pub(super) job: Option<&'a str>,
    pub(super) service: &'a str,
    pub(super) kind: EndpointType,
    pub(super) port: u16,
    pub(super) protocol: &'a str,
    pub(super) policy: Option<&'a str>,
    pub(super) scheme: &'static str,
    pub(super) path: Cow<'a, str>,
    pub(super) fixed_url: Option<String>,
    pub(super) reach: Reach<'a>,
}

impl Group<'_> {
    pub(super) fn order(&self) -> (&str, bool, &str, &str, EndpointType, u16) {
        (
            self.namespace,
            self.job.is_none(),
            self.job.unwrap_or_default(),
            self.service,
            self.kind,
            self.port,
        )
    }
}

/// Every way in, grouped; iterate with [`Endpoints::rows`].
#[derive(Debug, Clone, Default)]
pub struct Endpoints<'a> {
    pub(super) nodes: Vec<NodeAddress<'a>>,
    pub(super) groups: Vec<Group<'a>>,
    /// Things the user should know (nodes left out, Local Services without ready pods, chosen
    /// jobs that are not exposed), one sentence each.
    pub notes: Vec<String>,
    /// Chosen job IDs of which no Service or Ingress exists in the scope.
    pub missing_jobs: Vec<String>,
    /// Some NodePort endpoints could not be given node addresses (nodes not listed).
    pub nodes_unknown: bool,
}

impl<'a> Endpoints<'a> {
    /// Every endpoint, in order: namespace, job (setup's services last), Service, type, port,
    /// node name.
    pub fn rows(&self) -> impl Iterator<Item = Endpoint<'_>> + '_ {
        self.groups.iter().flat_map(move |group| {
            let nodes: Box<dyn Iterator<Item = Option<&NodeAddress<'_>>> + '_> = match &group.reach
            {
                Reach::AllNodes => Box::new(self.nodes.iter().map(Some)),
                Reach::SomeNodes(indexes) => {
                    Box::new(indexes.iter().filter_map(|i| self.nodes.get(*i)).map(Some))
                }
                Reach::NodesUnknown | Reach::Place { .. } => Box::new(std::iter::once(None)),
            };
            nodes.map(move |node| Endpoint { group, node })
        })
    }

    /// How many endpoints there are.
    pub fn len(&self) -> usize {
        self.groups
            .iter()
            .map(|group| match &group.reach {
                Reach::AllNodes => self.nodes.len(),
                Reach::SomeNodes(indexes) => indexes.len(),
                Reach::NodesUnknown | Reach::Place { .. } => 1,
            })
            .sum()
    }

    /// Whether there is no endpoint.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
