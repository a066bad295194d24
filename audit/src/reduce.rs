//! Partials merged in an order that depends only on the input, never on the threads or on which of them counted
//! what. The entity summaries drop entities once full, so their merge is not associative: merging partials in the
//! order they happened to finish (rayon's `fold` + `reduce`) made the reported vuids and bids change from run to
//! run. Here every piece of input is counted into its own partial and the partials merge in a fixed tree.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::filter::Setup;
use crate::stats::Partial;

/// Counts `items` on all cores: each leaf of `per_leaf` consecutive items into its own partial (in item order),
/// the leaves merged pairwise in a binary tree fixed by their number (left half, then right half).
pub(crate) fn fold_tree<T: Sync, E: Send>(
    items: &[T],
    per_leaf: usize,
    setup: &Arc<Setup>,
    feed: &(dyn Fn(&mut Partial, &T) -> Result<(), E> + Sync),
) -> Result<Partial, E> {
    let leaves: Vec<&[T]> = items.chunks(per_leaf.max(1)).collect();
    tree(&leaves, setup, feed)
}

fn tree<T: Sync, E: Send>(
    leaves: &[&[T]],
    setup: &Arc<Setup>,
    feed: &(dyn Fn(&mut Partial, &T) -> Result<(), E> + Sync),
) -> Result<Partial, E> {
    match leaves {
        [] => Ok(Partial::new(setup)),
        [leaf] => {
            let mut p = Partial::new(setup);
            for item in *leaf {
                feed(&mut p, item)?;
            }
            Ok(p)
        }
        _ => {
            let (left, right) = leaves.split_at(leaves.len() / 2);
            let (a, b) = rayon::join(|| tree(left, setup, feed), || tree(right, setup, feed));
            Ok(a?.merge(b?))
        }
    }
}

/// Merges partials numbered 0, 1, 2… in that order, whatever order they arrive in: those that arrive early wait
/// (as many as there are pieces being counted at once).
pub(crate) struct InOrder {
    total: Partial,
    next: u64,
    waiting: BTreeMap<u64, Partial>,
}

impl InOrder {
    pub fn new(setup: &Arc<Setup>) -> InOrder {
        InOrder {
            total: Partial::new(setup),
            next: 0,
            waiting: BTreeMap::new(),
        }
    }

    /// Partial number `seq`.
    pub fn add(&mut self, seq: u64, p: Partial) {
        self.waiting.insert(seq, p);
        while let Some(p) = self.waiting.remove(&self.next) {
            self.total = std::mem::replace(&mut self.total, Partial::new(&p.setup)).merge(p);
            self.next += 1;
        }
    }

    /// Everything added, merged in order (a gap, left by a piece never added, merges what follows it last, in order).
    pub fn finish(self) -> Partial {
        self.waiting
            .into_values()
            .fold(self.total, |total, p| total.merge(p))
    }
}
