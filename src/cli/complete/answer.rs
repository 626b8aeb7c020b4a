//! What a completion request answers: candidates, the shell directive and any look-up to make.

/// A cobra `ShellCompDirective`: how the shell should treat the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive(pub u8);

impl Directive {
    /// Let the shell do its default (complete file names when there are no candidates).
    pub const DEFAULT: Directive = Directive(0);
    /// Never fall back to file names.
    pub const NO_FILE_COMP: Directive = Directive(4);
    /// Complete directory names only.
    pub const FILTER_DIRS: Directive = Directive(16);
}

/// One completion candidate: the value and a one-line description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the shell inserts.
    pub value: String,
    /// Shown beside the value by shells that show descriptions (may be empty).
    pub description: String,
}

impl Candidate {
    /// A candidate; the description is cut to its first line and tabs become spaces.
    pub fn new(value: impl Into<String>, description: impl AsRef<str>) -> Candidate {
        let description = description
            .as_ref()
            .lines()
            .next()
            .unwrap_or_default()
            .replace('\t', " ")
            .trim()
            .to_string();
        Candidate {
            value: value.into(),
            description,
        }
    }

    /// The protocol line: `value` or `value<TAB>description`.
    pub fn line(&self) -> String {
        if self.description.is_empty() {
            self.value.clone()
        } else {
            format!("{}\t{}", self.value, self.description)
        }
    }
}

/// Where the values of an argument come from when clap does not know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Twister2 job IDs: the `t2-job` label of the `app=twister2` ConfigMaps.
    JobIds,
    /// Node names.
    Nodes,
    /// Namespace names.
    Namespaces,
    /// Setup components installed in the namespace (all of them when the cluster cannot tell).
    Components,
    /// Context names of the kubeconfig.
    Contexts,
    /// Cluster names of the kubeconfig.
    Clusters,
    /// User names of the kubeconfig.
    Users,
}

impl Source {
    /// Whether answering needs the API server (the kubeconfig sources only read files).
    pub fn needs_cluster(self) -> bool {
        !matches!(self, Source::Contexts | Source::Clusters | Source::Users)
    }
}

/// A look-up the caller must make, and how to turn its results into candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// What to look up.
    pub source: Source,
    /// Written before every value (e.g. `--namespace=` when completing `--namespace=de`).
    pub prefix: String,
    /// The part of the value typed so far.
    pub typed: String,
    /// Values already given to the same argument, not offered again.
    pub given: Vec<String>,
    /// `-A/--all-namespaces` was typed: look in every namespace.
    pub all_namespaces: bool,
}

impl Lookup {
    /// The found values that start with what was typed and were not given yet, with the prefix.
    pub fn finish(&self, found: Vec<Candidate>) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        for candidate in found {
            let value = format!("{}{}", self.prefix, candidate.value);
            if !candidate.value.starts_with(&self.typed)
                || self.given.contains(&candidate.value)
                || out.iter().any(|c| c.value == value)
            {
                continue;
            }
            out.push(Candidate {
                value,
                description: candidate.description,
            });
        }
        out
    }
}

/// The answer to one completion request, before any look-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Candidates known without the cluster; replaced by the look-up's when it succeeds.
    pub candidates: Vec<Candidate>,
    /// What to ask the cluster or the kubeconfig, if anything.
    pub lookup: Option<Lookup>,
    /// The directive for the shell.
    pub directive: Directive,
    /// The global (kubeconfig) flags typed so far, one `--name=value` token each.
    pub global_flags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_results_are_filtered_prefixed_and_deduplicated() {
        let lookup = Lookup {
            source: Source::Namespaces,
            prefix: "--namespace=".into(),
            typed: "d".into(),
            given: vec!["dev".into()],
            all_namespaces: false,
        };
        let found = vec![
            Candidate::new("default", "Active"),
            Candidate::new("dev", "Active"),
            Candidate::new("kube-system", "Active"),
            Candidate::new("default", "again"),
        ];
        assert_eq!(
            lookup.finish(found),
            [Candidate::new("--namespace=default", "Active")]
        );
    }

    #[test]
    fn candidate_lines_follow_the_protocol() {
        assert_eq!(Candidate::new("a", "").line(), "a");
        assert_eq!(Candidate::new("a", "b\tc\nmore").line(), "a\tb c");
    }
}
