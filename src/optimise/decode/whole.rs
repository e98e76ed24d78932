//! Whole units into a site's TPS: an exact search that puts every unit (the groups of
//! one block and kind) whole into one of `n` TPS, each keeping to [`Packer::check`].

use std::collections::BTreeMap;

use super::Packer;

impl Packer<'_> {
    /// Puts `units` whole into the empty copies `ids` (all of `class` at `site`) when
    /// [`Packer::partition_whole`] finds a way; `false` (nothing placed) otherwise.
    pub(super) fn fill_whole(
        &mut self,
        ids: &[usize],
        site: usize,
        class: usize,
        units: &[(usize, Vec<(usize, u32)>)],
    ) -> bool {
        if ids.iter().any(|&c| !self.copies[c].parts.is_empty()) {
            return false;
        }
        let Some(bins) = self.partition_whole(site, class, ids.len(), units) else {
            return false;
        };
        for (&c, bin) in ids.iter().zip(bins) {
            for (g, n) in bin {
                self.add(c, g, n);
            }
        }
        true
    }

    /// Whether `units` (amounts per group) go whole into `n` TPS of `class` at `site`.
    pub fn fits_whole(
        &self,
        site: usize,
        class: usize,
        n: usize,
        units: &[(usize, Vec<(usize, u32)>)],
    ) -> bool {
        self.partition_whole(site, class, n, units).is_some()
    }

    /// `units` whole into `n` TPS of `class` at `site`, every TPS keeping to the rules
    /// ([`Packer::check`], which only gets harder as voters are added): an exact search,
    /// units largest first, each into one of the TPS used so far or the next one (the
    /// TPS are alike). It stops after a fixed number of steps (then `None`, as when no
    /// way exists).
    fn partition_whole(
        &self,
        site: usize,
        class: usize,
        n: usize,
        units: &[(usize, Vec<(usize, u32)>)],
    ) -> Option<Vec<BTreeMap<usize, u32>>> {
        /// Steps of the search at most: sites hold a few TPS and about a dozen units.
        const MAX_STEPS: u32 = 20_000;
        struct Search<'s, 'p> {
            packer: &'s Packer<'p>,
            site: usize,
            class: usize,
            units: Vec<&'s (usize, Vec<(usize, u32)>)>,
            bins: Vec<BTreeMap<usize, u32>>,
            steps: u32,
        }
        impl Search<'_, '_> {
            /// `Some(true)` found, `Some(false)` none below this point, `None` out of
            /// steps.
            fn go(&mut self, i: usize) -> Option<bool> {
                if i == self.units.len() {
                    return Some(true);
                }
                self.steps += 1;
                if self.steps > MAX_STEPS {
                    return None;
                }
                let used = self.bins.iter().filter(|b| !b.is_empty()).count();
                for b in 0..self.bins.len().min(used + 1) {
                    let mut content = self.bins[b].clone();
                    for &(g, a) in &self.units[i].1 {
                        *content.entry(g).or_default() += a;
                    }
                    if !self.packer.check(self.site, self.class, &content) {
                        continue;
                    }
                    let before = std::mem::replace(&mut self.bins[b], content);
                    if self.go(i + 1)? {
                        return Some(true);
                    }
                    self.bins[b] = before;
                }
                Some(false)
            }
        }
        if n == 0 || units.is_empty() {
            return None;
        }
        let mut order: Vec<&(usize, Vec<(usize, u32)>)> = units.iter().collect();
        order.sort_by_key(|(u, parts)| {
            let total: u32 = parts.iter().map(|p| p.1).sum();
            (std::cmp::Reverse(total), *u)
        });
        let mut search = Search {
            packer: self,
            site,
            class,
            units: order,
            bins: vec![BTreeMap::new(); n],
            steps: 0,
        };
        match search.go(0) {
            Some(true) => Some(search.bins),
            _ => None,
        }
    }
}
