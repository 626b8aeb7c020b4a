//! The object store: objects by (resource, namespace, name), the global resourceVersion, watch history and the change feed.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::ops::Bound;
use std::sync::Arc;

use serde_json::{Value, json};
use tokio::sync::broadcast;

use crate::resources::Res;

/// Watch event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// Object created.
    Added,
    /// Object changed.
    Modified,
    /// Object deleted.
    Deleted,
}

impl EventType {
    /// The wire name (`ADDED`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One committed change, as seen by watchers, controllers and test subscriptions.
#[derive(Debug, Clone)]
pub struct StoreEvent {
    /// What happened.
    pub kind: EventType,
    /// Resource type.
    pub res: Res,
    /// Namespace ("" for cluster-scoped).
    pub namespace: String,
    /// Object name.
    pub name: String,
    /// The object after the change (for deletions: the last state, with the deletion's resourceVersion).
    pub object: Arc<Value>,
    /// The object before the change, if any.
    pub old: Option<Arc<Value>>,
    /// The resourceVersion of the change.
    pub rv: u64,
}

/// A store key.
pub type Key = (Res, String, String);

/// Objects, the resourceVersion counter and the retained event history.
#[derive(Debug)]
pub struct Store {
    objects: BTreeMap<Key, Arc<Value>>,
    /// Owner uid → keys of the objects whose ownerReferences name it.
    owners: HashMap<String, BTreeSet<Key>>,
    rv: u64,
    history: VecDeque<Arc<StoreEvent>>,
    history_limit: usize,
    /// Every event with rv > history_start is retained.
    history_start: u64,
    tx: broadcast::Sender<Arc<StoreEvent>>,
}

impl Store {
    /// An empty store keeping `history_limit` events for watch resumption.
    pub fn new(history_limit: usize) -> Self {
        let (tx, _) = broadcast::channel(65_536);
        Store {
            objects: BTreeMap::new(),
            owners: HashMap::new(),
            rv: 0,
            history: VecDeque::new(),
            history_limit: history_limit.max(1),
            history_start: 0,
            tx,
        }
    }

    /// The current (latest) resourceVersion.
    pub fn current_rv(&self) -> u64 {
        self.rv
    }

    /// One object.
    pub fn get(&self, res: Res, ns: &str, name: &str) -> Option<&Arc<Value>> {
        self.objects.get(&(res, ns.to_string(), name.to_string()))
    }

    /// Objects of a type, in one namespace (`Some`) or all (`None`), ordered by namespace then name.
    pub fn list<'a>(
        &'a self,
        res: Res,
        ns: Option<&str>,
    ) -> Box<dyn Iterator<Item = &'a Arc<Value>> + 'a> {
        match ns {
            Some(ns) => {
                let start = (res, ns.to_string(), String::new());
                let ns_owned = ns.to_string();
                Box::new(
                    self.objects
                        .range((Bound::Included(start), Bound::Unbounded))
                        .take_while(move |((r, n, _), _)| *r == res && *n == ns_owned)
                        .map(|(_, v)| v),
                )
            }
            None => {
                let start = (res, String::new(), String::new());
                Box::new(
                    self.objects
                        .range((Bound::Included(start), Bound::Unbounded))
                        .take_while(move |((r, _, _), _)| *r == res)
                        .map(|(_, v)| v),
                )
            }
        }
    }

    /// Objects of a type after a key (exclusive), for `continue` paging.
    pub fn list_after<'a>(
        &'a self,
        res: Res,
        ns: Option<&str>,
        after_ns: &str,
        after_name: &str,
    ) -> Box<dyn Iterator<Item = &'a Arc<Value>> + 'a> {
        let start = (res, after_ns.to_string(), after_name.to_string());
        let ns_owned = ns.map(str::to_string);
        Box::new(
            self.objects
                .range((Bound::Excluded(start), Bound::Unbounded))
                .take_while(move |((r, n, _), _)| {
                    *r == res && ns_owned.as_ref().is_none_or(|want| want == n)
                })
                .map(|(_, v)| v),
        )
    }

    /// Write an object (create or modify) or delete it, bump the resourceVersion, record and publish the event.
    /// Returns the stored object (for deletions: the last state with the deletion's resourceVersion).
    pub fn commit(
        &mut self,
        kind: EventType,
        res: Res,
        ns: &str,
        name: &str,
        mut obj: Value,
    ) -> Arc<Value> {
        self.rv += 1;
        let rv = self.rv;
        if let Some(meta) = crate::util::meta_mut(&mut obj) {
            meta.insert("resourceVersion".into(), json!(rv.to_string()));
        }
        let key = (res, ns.to_string(), name.to_string());
        let obj = Arc::new(obj);
        let old = match kind {
            EventType::Deleted => self.objects.remove(&key),
            _ => self.objects.insert(key.clone(), obj.clone()),
        };
        if let Some(o) = &old {
            for uid in owner_uids(o) {
                if let Some(set) = self.owners.get_mut(&uid) {
                    set.remove(&key);
                    if set.is_empty() {
                        self.owners.remove(&uid);
                    }
                }
            }
        }
        if kind != EventType::Deleted {
            for uid in owner_uids(&obj) {
                self.owners.entry(uid).or_default().insert(key.clone());
            }
        }
        let ev = Arc::new(StoreEvent {
            kind,
            res,
            namespace: ns.to_string(),
            name: name.to_string(),
            object: obj.clone(),
            old,
            rv,
        });
        self.history.push_back(ev.clone());
        while self.history.len() > self.history_limit {
            if let Some(e) = self.history.pop_front() {
                self.history_start = e.rv;
            }
        }
        // No receivers is fine.
        let _ = self.tx.send(ev);
        obj
    }

    /// Subscribe to every future event.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<StoreEvent>> {
        self.tx.subscribe()
    }

    /// Events with rv > `since`, or `Err(oldest resumable rv)` when they are no longer retained.
    pub fn events_since(&self, since: u64) -> Result<Vec<Arc<StoreEvent>>, u64> {
        if since < self.history_start {
            return Err(self.history_start);
        }
        Ok(self
            .history
            .iter()
            .filter(|e| e.rv > since)
            .cloned()
            .collect())
    }

    /// Forget the retained history (as etcd compaction does): older resourceVersions then answer 410.
    pub fn compact(&mut self) {
        self.history.clear();
        self.history_start = self.rv;
    }

    /// Keys of the objects whose ownerReferences name `uid`.
    pub fn dependents(&self, uid: &str) -> Vec<Key> {
        self.owners
            .get(uid)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Every key in a namespace (used by namespace deletion).
    pub fn keys_in_namespace(&self, ns: &str) -> Vec<Key> {
        self.objects
            .keys()
            .filter(|(_, n, _)| n == ns)
            .cloned()
            .collect()
    }

    /// Every object, with its key.
    pub fn all(&self) -> impl Iterator<Item = (&Key, &Arc<Value>)> {
        self.objects.iter()
    }

    /// Number of stored objects.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

fn owner_uids(obj: &Value) -> Vec<String> {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .map(|refs| {
            refs.iter()
                .filter_map(|r| r.get("uid").and_then(Value::as_str).map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_list_and_history() {
        let mut s = Store::new(3);
        let cm = Res::by_plural("", "configmaps").unwrap();
        let mut rx = s.subscribe();
        for n in ["b", "a", "c"] {
            s.commit(
                EventType::Added,
                cm,
                "ns1",
                n,
                json!({"metadata": {"name": n}}),
            );
        }
        s.commit(
            EventType::Added,
            cm,
            "ns2",
            "a",
            json!({"metadata": {"name": "a"}}),
        );
        assert_eq!(s.current_rv(), 4);
        let names: Vec<&str> = s
            .list(cm, Some("ns1"))
            .map(|o| crate::util::name_of(o))
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(s.list(cm, None).count(), 4);
        assert_eq!(s.list_after(cm, Some("ns1"), "ns1", "a").count(), 2);
        assert_eq!(
            s.get(cm, "ns1", "a").unwrap()["metadata"]["resourceVersion"],
            "2"
        );
        assert_eq!(rx.try_recv().unwrap().rv, 1);
        assert_eq!(s.events_since(2).unwrap().len(), 2);
        assert_eq!(s.events_since(0).err(), Some(1));
        let del = s.commit(
            EventType::Deleted,
            cm,
            "ns1",
            "a",
            json!({"metadata": {"name": "a"}}),
        );
        assert_eq!(del["metadata"]["resourceVersion"], "5");
        assert!(s.get(cm, "ns1", "a").is_none());
        s.compact();
        assert_eq!(s.events_since(4).err(), Some(5));
        let owned = json!({"metadata": {"name": "d", "ownerReferences": [{"uid": "u1"}]}});
        s.commit(EventType::Added, cm, "ns1", "d", owned);
        assert_eq!(
            s.dependents("u1"),
            [(cm, "ns1".to_string(), "d".to_string())]
        );
        s.commit(
            EventType::Modified,
            cm,
            "ns1",
            "d",
            json!({"metadata": {"name": "d"}}),
        );
        assert!(s.dependents("u1").is_empty());
        assert_eq!(s.events_since(5).unwrap().len(), 2);
    }
}
