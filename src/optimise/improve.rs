//! Local search on a registration: the concrete TPS and who is registered at each,
//! improved move by move while every TPS keeps to the packer's rules
//! ([`Packer::check`]): the cap, the window throughput with turns, the visit time, the
//! exclusive sets. The score is the registration's part of the objective: TPS, splits,
//! walking and escort cost per voter, imbalance. Moves, first improvement:
//! - *close* a TPS: pour its voters into the others (whole or into TPS already holding
//!   their block);
//! - *relocate* a block's voters at one TPS to another;
//! - *swap* two blocks' voters between two TPS;
//! - *merge* a split block: move its voters at one TPS to another of its TPS, making
//!   room there by moving one other block's voters the opposite way.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use super::assign::CostFn;
use super::decode::{Copy, Packer};
use super::groups::Groups;
use crate::facility::Facility;

/// Voters of one unit at one TPS, per group.
type Fragment = BTreeMap<usize, u32>;

struct Search<'a, 'p> {
    groups: &'a Groups,
    packer: &'a Packer<'p>,
    cost: CostFn<'a>,
    w_tps: f64,
    w_split: f64,
    w_imb: f64,
    copies: Vec<Copy>,
}

impl Search<'_, '_> {
    fn unit_of(&self, g: usize) -> usize {
        self.groups.groups[g].unit
    }

    fn fragment(&self, c: usize, u: usize) -> Fragment {
        self.copies[c]
            .parts
            .iter()
            .filter(|(g, _)| self.unit_of(**g) == u)
            .map(|(&g, &n)| (g, n))
            .collect()
    }

    fn units_at(&self, c: usize) -> BTreeSet<usize> {
        self.copies[c]
            .parts
            .keys()
            .map(|&g| self.unit_of(g))
            .collect()
    }

    fn score(&self) -> f64 {
        let mut tps_of_block: BTreeMap<usize, usize> = BTreeMap::new();
        let mut demand = 0.0;
        let mut hi = 0u32;
        let mut lo = u32::MAX;
        let mut open = 0;
        for c in &self.copies {
            if c.parts.is_empty() {
                continue;
            }
            open += 1;
            let blocks: BTreeSet<usize> = c
                .parts
                .keys()
                .map(|&g| self.groups.groups[g].block)
                .collect();
            for b in blocks {
                *tps_of_block.entry(b).or_default() += 1;
            }
            let mut load = 0;
            for (&g, &n) in &c.parts {
                demand += n as f64 * (self.cost)(g, c.site);
                load += n;
            }
            hi = hi.max(load);
            lo = lo.min(load);
        }
        let splits: usize = tps_of_block.values().map(|n| n - 1).sum();
        let imbalance = if open > 0 { hi - lo } else { 0 };
        self.w_tps * open as f64
            + self.w_split * splits as f64
            + demand
            + self.w_imb * imbalance as f64
    }

    /// Cost of a fragment's voters at TPS `c`'s site.
    fn demand(&self, c: usize, frag: &Fragment) -> f64 {
        frag.iter()
            .map(|(&g, &n)| n as f64 * (self.cost)(g, self.copies[c].site))
            .sum()
    }

    fn holds_block(&self, c: usize, block: usize) -> bool {
        self.copies[c]
            .parts
            .keys()
            .any(|&g| self.groups.groups[g].block == block)
    }

    /// Whether moving `frag` (of unit `u`) from `a` to `b` can lower the score at all:
    /// the walking and escort costs, the split it may save, the TPS it may close, and
    /// at most its own size off the imbalance.
    fn promising(&self, a: usize, b: usize, u: usize, frag: &Fragment) -> bool {
        let block = self.groups.units[u].block;
        let size: u32 = frag.values().sum();
        let mut delta = self.demand(b, frag) - self.demand(a, frag);
        if self.holds_block(b, block) {
            delta -= self.w_split;
        }
        let load_a: u32 = self.copies[a].parts.values().sum();
        if load_a == size {
            delta -= self.w_tps;
        }
        delta - self.w_imb * (size as f64) < -1e-9
    }

    fn allowed(&self, c: usize, frag: &Fragment) -> bool {
        let copy = &self.copies[c];
        frag.keys().all(|&g| {
            let grp = &self.groups.groups[g];
            grp.class == copy.class && self.packer.block_sites(grp.block).contains(&copy.site)
        })
    }

    fn with(&self, c: usize, add: &Fragment, remove: &Fragment) -> Option<Fragment> {
        let mut content = self.copies[c].parts.clone();
        for (&g, &n) in remove {
            let e = content.entry(g).or_default();
            *e = e.checked_sub(n)?;
            if *e == 0 {
                content.remove(&g);
            }
        }
        for (&g, &n) in add {
            *content.entry(g).or_default() += n;
        }
        Some(content)
    }

    fn feasible(&self, c: usize, content: &Fragment) -> bool {
        content.is_empty()
            || self
                .packer
                .check(self.copies[c].site, self.copies[c].class, content)
    }

    /// Applies new contents for some TPS if the score drops; keeps the old otherwise.
    fn try_apply(&mut self, changes: Vec<(usize, Fragment)>, current: &mut f64) -> bool {
        for (c, content) in &changes {
            if !self.feasible(*c, content) {
                return false;
            }
        }
        let old: Vec<(usize, Fragment)> = changes
            .iter()
            .map(|(c, _)| (*c, self.copies[*c].parts.clone()))
            .collect();
        for (c, content) in changes {
            self.copies[c].parts = content;
        }
        let s = self.score();
        if s < *current - 1e-9 {
            *current = s;
            true
        } else {
            for (c, content) in old {
                self.copies[c].parts = content;
            }
            false
        }
    }

    /// Moves `to_b` from TPS `a` to `b` and `to_a` from `b` to `a`, kept if the score
    /// drops.
    fn exchange(
        &mut self,
        (a, b): (usize, usize),
        to_b: &Fragment,
        to_a: &Fragment,
        current: &mut f64,
    ) -> bool {
        let (Some(ca), Some(cb)) = (self.with(a, to_a, to_b), self.with(b, to_b, to_a)) else {
            return false;
        };
        self.try_apply(vec![(a, ca), (b, cb)], current)
    }

    fn relocate(&mut self, current: &mut f64) -> bool {
        let n = self.copies.len();
        for a in 0..n {
            for u in self.units_at(a) {
                let frag = self.fragment(a, u);
                for b in 0..n {
                    if b == a
                        || self.copies[b].parts.is_empty()
                        || !self.allowed(b, &frag)
                        || !self.promising(a, b, u, &frag)
                    {
                        continue;
                    }
                    if self.exchange((a, b), &frag, &Fragment::new(), current) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn swap(&mut self, current: &mut f64) -> bool {
        let n = self.copies.len();
        for a in 0..n {
            for u in self.units_at(a) {
                let fu = self.fragment(a, u);
                for b in a + 1..n {
                    if !self.allowed(b, &fu) {
                        continue;
                    }
                    for v in self.units_at(b) {
                        if v == u {
                            continue;
                        }
                        let fv = self.fragment(b, v);
                        if !self.allowed(a, &fv) {
                            continue;
                        }
                        // Costs, splits saved, and the imbalance at most both sizes.
                        let mut delta = self.demand(b, &fu) - self.demand(a, &fu)
                            + self.demand(a, &fv)
                            - self.demand(b, &fv);
                        if self.holds_block(b, self.groups.units[u].block) {
                            delta -= self.w_split;
                        }
                        if self.holds_block(a, self.groups.units[v].block) {
                            delta -= self.w_split;
                        }
                        let sizes: u32 = fu.values().sum::<u32>() + fv.values().sum::<u32>();
                        if delta - self.w_imb * sizes as f64 >= -1e-9 {
                            continue;
                        }
                        if self.exchange((a, b), &fu, &fv, current) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    /// A split unit's fragment at `a` joins its fragment at `b`, one other fragment of
    /// `b` (or part of it, within one group) going to `a` to make room.
    fn merge(&mut self, current: &mut f64) -> bool {
        let n = self.copies.len();
        let mut where_: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for c in 0..n {
            for u in self.units_at(c) {
                where_.entry(u).or_default().push(c);
            }
        }
        for (u, list) in where_ {
            if list.len() < 2 {
                continue;
            }
            for &a in &list {
                let fu = self.fragment(a, u);
                for &b in &list {
                    if a == b {
                        continue;
                    }
                    for v in self.units_at(b) {
                        if v == u {
                            continue;
                        }
                        let fv = self.fragment(b, v);
                        if !self.allowed(a, &fv) {
                            continue;
                        }
                        // All of v, or as little of it as makes room (one group at a time).
                        let mut options: Vec<Fragment> = vec![fv.clone()];
                        for (&g, &cnt) in &fv {
                            let need: u32 = fu.values().sum();
                            let part = need.min(cnt);
                            if part > 0 && part < cnt {
                                options.push(Fragment::from([(g, part)]));
                            }
                        }
                        for out in options {
                            if self.exchange((a, b), &fu, &out, current) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        false
    }

    /// Empties TPS `a` into the others: each fragment whole into one TPS, else spread
    /// over the TPS already holding its unit, else over any.
    fn close(&mut self, current: &mut f64) -> bool {
        let n = self.copies.len();
        for a in 0..n {
            if self.copies[a].parts.is_empty() {
                continue;
            }
            let saved: Vec<Fragment> = self.copies.iter().map(|c| c.parts.clone()).collect();
            let mut ok = true;
            let units: Vec<usize> = self.units_at(a).into_iter().collect();
            for u in units {
                let frag = self.fragment(a, u);
                // Whole into the TPS holding u, else the fullest that takes it.
                let mut targets: Vec<usize> = (0..n)
                    .filter(|&b| b != a && !self.copies[b].parts.is_empty())
                    .filter(|&b| self.allowed(b, &frag))
                    .collect();
                targets.sort_by_key(|&b| {
                    let holds = self.units_at(b).contains(&u);
                    let load: u32 = self.copies[b].parts.values().sum();
                    (!holds, std::cmp::Reverse(load), b)
                });
                let mut placed = false;
                for &b in &targets {
                    if let Some(cb) = self.with(b, &frag, &Fragment::new())
                        && self.feasible(b, &cb)
                    {
                        self.copies[b].parts = cb;
                        placed = true;
                        break;
                    }
                }
                if !placed {
                    // Spread group by group, voter counts as large as each TPS takes.
                    for (&g, &cnt) in &frag {
                        let mut left = cnt;
                        for &b in &targets {
                            if left == 0 {
                                break;
                            }
                            let mut lo = 0;
                            let mut hi = left;
                            while lo < hi {
                                let mid = (lo + hi).div_ceil(2);
                                let ok_mid = self
                                    .with(b, &Fragment::from([(g, mid)]), &Fragment::new())
                                    .is_some_and(|c| self.feasible(b, &c));
                                if ok_mid {
                                    lo = mid;
                                } else {
                                    hi = mid - 1;
                                }
                            }
                            if lo > 0 {
                                *self.copies[b].parts.entry(g).or_default() += lo;
                                left -= lo;
                            }
                        }
                        if left > 0 {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    break;
                }
            }
            if ok {
                self.copies[a].parts.clear();
                let s = self.score();
                if s < *current - 1e-9 {
                    *current = s;
                    return true;
                }
            }
            for (c, p) in self.copies.iter_mut().zip(saved) {
                c.parts = p;
            }
        }
        false
    }
}

/// Most improving moves one search makes: a guard only (measured: at most 74 moves
/// on `large` seeds 2024, 1, 6 and 8, 27 on Pancur Batu).
const MAX_STEPS: u32 = 20_000;

/// Improves `copies` until no move improves (at most 20,000 moves, a guard, or until
/// `time_limit`) and returns them (empty TPS dropped).
pub fn improve(
    facility: &Facility,
    groups: &Groups,
    packer: &Packer,
    copies: Vec<Copy>,
    cost: CostFn<'_>,
    time_limit: Duration,
) -> Vec<Copy> {
    let started = Instant::now();
    let w = &facility.rules.bobot;
    let mut s = Search {
        groups,
        packer,
        cost,
        w_tps: w.tps,
        w_split: w.blok_terpecah,
        w_imb: w.ketidakseimbangan,
        copies,
    };
    let mut current = s.score();
    // Until no move improves: the same registration whatever the machine's load. The
    // clock only guards against a pathological run (the plan's own limit).
    let mut steps = 0u32;
    while steps < MAX_STEPS && started.elapsed() < time_limit {
        steps += 1;
        let improved = s.close(&mut current)
            || s.merge(&mut current)
            || s.relocate(&mut current)
            || s.swap(&mut current);
        if !improved {
            break;
        }
    }
    s.copies.retain(|c| !c.parts.is_empty());
    s.copies
}
