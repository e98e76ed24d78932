//! From aggregated TPS counts to concrete TPS: the registration model says how many
//! TPS of a class stand at a site and how many voters of each group register there;
//! the packer splits a site's groups over its copies (first-fit decreasing, keeping a
//! block's voters together where they fit) while respecting the cap, the window
//! throughput rows and the visit time of each copy. The same packer, given no model
//! solution, is the greedy registration used when the solver finds nothing in time.

use std::collections::{BTreeMap, BTreeSet};

use crate::facility::Facility;
use crate::layout::Layout;

use super::capacity::{Throughput, visit_intervals, visit_minutes, visit_room, visit_teams};
use super::groups::{Groups, MixKey};

/// How the registration is tightened after a schedule that did not fit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tightening {
    /// Capacity withheld per (site, class) and TPS.
    pub penalty: BTreeMap<(usize, usize), u32>,
    /// Most voters a TPS takes per slot (one escort's wave) when officers are short.
    pub slot_limit: Option<u32>,
}

/// One TPS being filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// Site index in the layout.
    pub site: usize,
    /// TPS class.
    pub class: usize,
    /// Voters per group.
    pub parts: BTreeMap<usize, u32>,
}

/// Fills TPS copies under every per-TPS rule.
pub struct Packer<'a> {
    facility: &'a Facility,
    layout: &'a Layout,
    groups: &'a Groups,
    throughput: Vec<Throughput>,
    cap: u32,
    visit_capacity: f64,
    visit_minutes_per_voter: f64,
    visit_teams: u32,
    /// Visit windows narrower than the day (see [`visit_intervals`]).
    visit_windows: Vec<(crate::model::Clock, crate::model::Clock, u32)>,
    /// Copies made so far.
    pub copies: Vec<Copy>,
    /// Copies still allowed per site.
    pub room: Vec<u32>,
    /// Capacity withheld per (site, class) and TPS (feedback from the schedule).
    pub penalty: BTreeMap<(usize, usize), u32>,
}

impl<'a> Packer<'a> {
    /// An empty packer.
    pub fn new(facility: &'a Facility, layout: &'a Layout, groups: &'a Groups) -> Self {
        let throughput = layout
            .sites
            .iter()
            .map(|s| Throughput::new(facility, s.booths, &groups.groups))
            .collect();
        Self {
            facility,
            layout,
            groups,
            throughput,
            cap: facility.rules.tps.maks_pemilih,
            visit_capacity: visit_teams(facility) as f64 * visit_minutes(facility),
            visit_minutes_per_voter: facility.rules.pengawalan.menit_kunjungan_per_pemilih,
            visit_teams: visit_teams(facility),
            visit_windows: visit_intervals(facility, &groups.groups),
            copies: Vec::new(),
            room: layout.sites.iter().map(|s| s.max_tps).collect(),
            penalty: BTreeMap::new(),
        }
    }

    /// Applies a tightening: the withheld capacity and the slot limit.
    pub fn tighten(&mut self, t: &Tightening) {
        self.penalty = t.penalty.clone();
        if t.slot_limit.is_some() {
            self.throughput = self
                .layout
                .sites
                .iter()
                .map(|s| {
                    Throughput::limited(self.facility, s.booths, &self.groups.groups, t.slot_limit)
                })
                .collect();
        }
    }

    /// Sites block `b` may use.
    pub fn block_sites(&self, b: usize) -> &[usize] {
        &self.layout.blocks[b].sites
    }

    /// The registration cap of one TPS.
    pub fn cap(&self) -> u32 {
        self.cap
    }

    /// Most walking voters one TPS at `site` serves in a day.
    pub fn day_capacity(&self, site: usize) -> u32 {
        self.throughput.get(site).map(|t| t.day()).unwrap_or(0)
    }

    fn walk(&self, g: usize, site: usize) -> f64 {
        self.layout
            .walk(self.groups.groups[g].place, site)
            .unwrap_or(0.0)
    }

    /// The most voters of group `g` that copy `c` can still take.
    pub fn max_fit(&self, c: usize, g: usize) -> u32 {
        let copy = &self.copies[c];
        let grp = &self.groups.groups[g];
        if copy.class != grp.class {
            return 0;
        }
        let total: u32 = copy.parts.values().sum();
        let pen = self
            .penalty
            .get(&(copy.site, copy.class))
            .copied()
            .unwrap_or(0);
        let mut fit = self.cap.saturating_sub(pen).saturating_sub(total);
        if copy.parts.keys().any(|&h| {
            self.groups
                .exclusive_pair(self.groups.groups[h].unit, grp.unit)
        }) {
            return 0;
        }
        if grp.mobile {
            // The visit teams' time inside the window: voting plus the walks between
            // blocks (the first walk out and the last walk back lie outside it).
            let mut voters = 0u32;
            let mut walks: BTreeMap<usize, f64> = BTreeMap::new();
            for (&h, &n) in &copy.parts {
                let hg = &self.groups.groups[h];
                if hg.mobile {
                    voters += n;
                    walks.insert(hg.place, self.walk(h, copy.site));
                }
            }
            walks.insert(grp.place, self.walk(g, copy.site));
            let walks: Vec<f64> = walks.into_values().collect();
            let fixed = visit_walking(&walks, self.visit_teams);
            let left = self.visit_capacity - fixed;
            let by_visit = if left < 0.0 {
                0
            } else {
                ((left / self.visit_minutes_per_voter + 1e-9).floor() as u32).saturating_sub(voters)
            };
            fit = fit.min(by_visit).min(visit_room(
                &self.visit_windows,
                &self.groups.groups,
                copy.parts.iter(),
                grp.window,
            ));
            // The narrower windows hold the walks between their blocks too.
            while fit > 0 {
                let mut content = copy.parts.clone();
                *content.entry(g).or_default() += fit;
                if self.visits_fit(copy.site, &content) {
                    break;
                }
                fit -= 1;
            }
        } else {
            // Voters who may not meet take turns: each extra set of them loses a slot.
            let colors = mix_colors(
                copy.parts
                    .keys()
                    .map(|&h| &self.groups.groups[h])
                    .filter(|h| !h.mobile)
                    .map(|h| &h.mix)
                    .chain(std::iter::once(&grp.mix)),
            );
            let slot_cap = self.throughput[copy.site]
                .per_slot
                .iter()
                .copied()
                .max()
                .unwrap_or(0);
            let pen = pen + slot_cap * colors.saturating_sub(1);
            for &(a, b, cap) in &self.throughput[copy.site].intervals {
                let used: u32 = copy
                    .parts
                    .iter()
                    .filter(|(h, _)| {
                        let w = &self.groups.groups[**h];
                        !w.mobile && w.window.0 >= a && w.window.1 <= b
                    })
                    .map(|(_, n)| *n)
                    .sum();
                let room = cap.saturating_sub(pen);
                if grp.window.0 >= a && grp.window.1 <= b {
                    fit = fit.min(room.saturating_sub(used));
                } else if used > room {
                    return 0;
                }
            }
        }
        fit
    }

    fn add(&mut self, c: usize, g: usize, n: u32) {
        if n > 0 {
            *self.copies[c].parts.entry(g).or_default() += n;
        }
    }

    /// Opens a copy of `class` at `site` if the site has room.
    pub fn open(&mut self, site: usize, class: usize) -> Option<usize> {
        if self.room[site] == 0 {
            return None;
        }
        self.room[site] -= 1;
        self.copies.push(Copy {
            site,
            class,
            parts: BTreeMap::new(),
        });
        Some(self.copies.len() - 1)
    }

    /// Places the groups of one unit (amounts per group) among the copies `candidates`:
    /// whole in one copy if any takes it all (the fullest such copy), else spread.
    /// Returns what could not be placed.
    pub fn place_unit(
        &mut self,
        parts: &[(usize, u32)],
        candidates: &[usize],
    ) -> Vec<(usize, u32)> {
        let whole = candidates
            .iter()
            .copied()
            .filter(|&c| self.fits_all(c, parts))
            .max_by_key(|&c| {
                (
                    self.copies[c].parts.values().sum::<u32>(),
                    std::cmp::Reverse(c),
                )
            });
        if let Some(c) = whole {
            for &(g, n) in parts {
                self.add(c, g, n);
            }
            return Vec::new();
        }
        let mut left = Vec::new();
        for &(g, mut n) in parts {
            // Copies already holding this unit first, then the roomiest.
            let unit = self.groups.groups[g].unit;
            let mut order: Vec<usize> = candidates.to_vec();
            order.sort_by_key(|&c| {
                let holds = self.copies[c]
                    .parts
                    .keys()
                    .any(|h| self.groups.groups[*h].unit == unit);
                (!holds, std::cmp::Reverse(self.max_fit(c, g)), c)
            });
            for c in order {
                if n == 0 {
                    break;
                }
                let k = self.max_fit(c, g).min(n);
                self.add(c, g, k);
                n -= k;
            }
            if n > 0 {
                left.push((g, n));
            }
        }
        left
    }

    fn fits_all(&self, c: usize, parts: &[(usize, u32)]) -> bool {
        let copy = &self.copies[c];
        let mut content = copy.parts.clone();
        for &(g, n) in parts {
            *content.entry(g).or_default() += n;
        }
        self.check(copy.site, copy.class, &content)
    }

    /// Whether the visit teams of one TPS at `site` fit the visits of `content` into
    /// every narrower visit window: its voters one after another plus the walks between
    /// their blocks (the first walk out and the last walk back lie outside).
    fn visits_fit(&self, site: usize, content: &BTreeMap<usize, u32>) -> bool {
        let gs = &self.groups.groups;
        let mk = self.visit_minutes_per_voter;
        self.visit_windows.iter().all(|&(a, b, cap)| {
            let mut voters = 0u32;
            let mut walks: BTreeMap<usize, f64> = BTreeMap::new();
            for (&g, &n) in content {
                let w = gs[g].window;
                if gs[g].mobile && n > 0 && w.0 >= a && w.1 <= b {
                    voters += n;
                    walks.insert(gs[g].place, self.walk(g, site));
                }
            }
            if voters == 0 {
                return true;
            }
            let minutes = self.visit_teams as f64 * f64::from(b.0 - a.0);
            let walking = visit_walking(&walks.into_values().collect::<Vec<_>>(), self.visit_teams);
            voters <= cap && voters as f64 * mk + walking <= minutes + 1e-9
        })
    }

    /// Whether one TPS of `class` at `site` may hold `content` (voters per group): the
    /// class, the cap, the exclusive sets, the visit time and the window throughput
    /// with the turns of voters who may not meet.
    pub fn check(&self, site: usize, class: usize, content: &BTreeMap<usize, u32>) -> bool {
        let pen = self.penalty.get(&(site, class)).copied().unwrap_or(0);
        let total: u32 = content.values().sum();
        if total > self.cap.saturating_sub(pen) {
            return false;
        }
        let gs = &self.groups.groups;
        if content.keys().any(|&g| gs[g].class != class) {
            return false;
        }
        let units: BTreeSet<usize> = content.keys().map(|&g| gs[g].unit).collect();
        for set in &self.groups.exclusive {
            if set.iter().filter(|u| units.contains(u)).count() > 1 {
                return false;
            }
        }
        let mut voters = 0u32;
        let mut walks: BTreeMap<usize, f64> = BTreeMap::new();
        for (&g, &n) in content {
            if gs[g].mobile {
                voters += n;
                walks.insert(gs[g].place, self.walk(g, site));
            }
        }
        if voters > 0 {
            let need = visit_walking(&walks.into_values().collect::<Vec<_>>(), self.visit_teams)
                + voters as f64 * self.visit_minutes_per_voter;
            if need > self.visit_capacity + 1e-9 {
                return false;
            }
            if !self.visits_fit(site, content) {
                return false;
            }
        }
        let colors = mix_colors(
            content
                .keys()
                .map(|&g| &gs[g])
                .filter(|g| !g.mobile)
                .map(|g| &g.mix),
        );
        let thr = &self.throughput[site];
        let slot_cap = thr.per_slot.iter().copied().max().unwrap_or(0);
        let pen = pen + slot_cap * colors.saturating_sub(1);
        for &(a, b, cap) in &thr.intervals {
            let used: u32 = content
                .iter()
                .filter(|(g, _)| {
                    let w = &gs[**g];
                    !w.mobile && w.window.0 >= a && w.window.1 <= b
                })
                .map(|(_, n)| *n)
                .sum();
            if used > cap.saturating_sub(pen) {
                return false;
            }
        }
        true
    }

    /// Places leftovers anywhere allowed: existing copies of the class at allowed sites,
    /// then new copies at allowed sites with room (nearest first). Returns what is left.
    pub fn place_anywhere(&mut self, g: usize, mut n: u32) -> u32 {
        let grp = &self.groups.groups[g];
        let block = grp.block;
        let class = grp.class;
        let mut sites = self.layout.blocks[block].sites.clone();
        sites.sort_by(|a, b| self.walk(g, *a).total_cmp(&self.walk(g, *b)).then(a.cmp(b)));
        for &s in &sites {
            let cands: Vec<usize> = (0..self.copies.len())
                .filter(|&c| self.copies[c].site == s && self.copies[c].class == class)
                .collect();
            for c in cands {
                let k = self.max_fit(c, g).min(n);
                self.add(c, g, k);
                n -= k;
                if n == 0 {
                    return 0;
                }
            }
        }
        for &s in &sites {
            while n > 0 {
                let Some(c) = self.open(s, class) else {
                    break;
                };
                let k = self.max_fit(c, g).min(n);
                if k == 0 {
                    // Nothing fits even in an empty copy: give the site's room back.
                    self.copies.pop();
                    self.room[s] += 1;
                    break;
                }
                self.add(c, g, k);
                n -= k;
            }
            if n == 0 {
                return 0;
            }
        }
        n
    }

    /// Puts `units` whole into the empty copies `ids` (all of `class` at `site`) when
    /// [`Packer::partition_whole`] finds a way; `false` (nothing placed) otherwise.
    fn fill_whole(
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

    /// Drops copies left empty and returns their room.
    pub fn prune(&mut self) {
        let mut i = 0;
        while i < self.copies.len() {
            if self.copies[i].parts.is_empty() {
                let s = self.copies[i].site;
                self.room[s] += 1;
                self.copies.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// How many turns voters with these mix keys need at least: keys that may meet share a
/// turn (greedy colouring of the keys that may not meet).
pub fn mix_colors<'k>(keys: impl Iterator<Item = &'k MixKey>) -> u32 {
    let mut distinct: Vec<&MixKey> = keys.collect();
    distinct.sort();
    distinct.dedup();
    let mut colors: Vec<Vec<&MixKey>> = Vec::new();
    for k in distinct {
        match colors
            .iter_mut()
            .find(|c| c.iter().all(|other| other.compatible(k)))
        {
            Some(c) => c.push(k),
            None => colors.push(vec![k]),
        }
    }
    colors.len() as u32
}

/// Walking minutes inside the visit window of a TPS whose teams visit blocks at these
/// walking distances: every block costs the walk there and back, except that each team
/// walks out to its first block before the window opens and back from its last block
/// after it closes. With one team the farthest block goes first and the second
/// farthest last; with several, each team's round is assumed to save as much.
pub fn visit_walking(walks: &[f64], teams: u32) -> f64 {
    let mut w: Vec<f64> = walks.to_vec();
    w.sort_by(|a, b| b.total_cmp(a));
    let teams = teams.max(1) as usize;
    let total: f64 = w.iter().map(|x| 2.0 * x).sum();
    let saving: f64 = if w.len() <= teams {
        total
    } else {
        w.iter().take(2 * teams).sum()
    };
    (total - saving).max(0.0)
}

/// Decodes a registration solution: `copies[(site, class)]` TPS and `flow[(group, site)]`
/// voters. Returns the packed copies, or the groups (and amounts) it could not place.
pub fn decode(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &BTreeMap<(usize, usize), u32>,
    flow: &BTreeMap<(usize, usize), u32>,
    tight: &Tightening,
) -> Result<Vec<Copy>, Vec<(usize, u32)>> {
    let mut p = Packer::new(facility, layout, groups);
    p.tighten(tight);
    let mut leftovers = Vec::new();
    for (&(s, k), &n) in copies {
        let ids: Vec<usize> = (0..n).filter_map(|_| p.open(s, k)).collect();
        let units = units_at(groups, flow, s, k);
        if p.fill_whole(&ids, s, k, &units) {
            continue;
        }
        for (_, parts) in units {
            leftovers.extend(p.place_unit(&parts, &ids));
        }
    }
    let mut stuck = Vec::new();
    for (g, n) in leftovers {
        let left = p.place_anywhere(g, n);
        if left > 0 {
            stuck.push((g, left));
        }
    }
    p.prune();
    if stuck.is_empty() {
        Ok(p.copies)
    } else {
        Err(stuck)
    }
}

/// The units registered at site `s` in class `k` with their amounts per group, largest
/// first (they are the hardest to fit).
fn units_at(
    groups: &Groups,
    flow: &BTreeMap<(usize, usize), u32>,
    s: usize,
    k: usize,
) -> Vec<(usize, Vec<(usize, u32)>)> {
    let mut units: BTreeMap<usize, Vec<(usize, u32)>> = BTreeMap::new();
    for (&(g, site), &amount) in flow {
        if site == s && groups.groups[g].class == k && amount > 0 {
            units
                .entry(groups.groups[g].unit)
                .or_default()
                .push((g, amount));
        }
    }
    let mut units: Vec<(usize, Vec<(usize, u32)>)> = units.into_iter().collect();
    units.sort_by_key(|(u, parts)| {
        let total: u32 = parts.iter().map(|p| p.1).sum();
        (std::cmp::Reverse(total), *u)
    });
    units
}

/// TPS from a registration whose units each stand at one site (see
/// [`super::reassign`]): the units of every site whole into its TPS by the exact search
/// of [`Packer::fits_whole`]. `None` when a site's units do not go whole into its
/// TPS.
pub fn decode_whole(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &BTreeMap<(usize, usize), u32>,
    flow: &BTreeMap<(usize, usize), u32>,
    tight: &Tightening,
) -> Option<Vec<Copy>> {
    let mut p = Packer::new(facility, layout, groups);
    p.tighten(tight);
    for (&(s, k), &n) in copies {
        let ids: Vec<usize> = (0..n).filter_map(|_| p.open(s, k)).collect();
        let units = units_at(groups, flow, s, k);
        if !units.is_empty() && !p.fill_whole(&ids, s, k, &units) {
            return None;
        }
    }
    // Every voter placed: none registered at a site without TPS of their class.
    let mut placed = vec![0u32; groups.groups.len()];
    for c in &p.copies {
        for (&g, &n) in &c.parts {
            placed[g] += n;
        }
    }
    let mut wanted = vec![0u32; groups.groups.len()];
    for (&(g, _), &n) in flow {
        wanted[g] += n;
    }
    if placed != wanted {
        return None;
    }
    p.prune();
    Some(p.copies)
}

/// Greedy registration without a model: units by size (largest first), each placed in
/// the nearest allowed copies, opening copies as needed.
pub fn greedy(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    tight: &Tightening,
) -> Result<Vec<Copy>, Vec<(usize, u32)>> {
    let mut p = Packer::new(facility, layout, groups);
    p.tighten(tight);
    let mut units: Vec<usize> = (0..groups.units.len()).collect();
    units.sort_by_key(|&u| {
        let total: u32 = groups.units[u]
            .groups
            .iter()
            .map(|&g| groups.groups[g].size())
            .sum();
        (std::cmp::Reverse(total), u)
    });
    let mut stuck = Vec::new();
    for u in units {
        for &g in &groups.units[u].groups {
            let left = p.place_anywhere(g, groups.groups[g].size());
            if left > 0 {
                stuck.push((g, left));
            }
        }
    }
    p.prune();
    if stuck.is_empty() {
        Ok(p.copies)
    } else {
        Err(stuck)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_team_walks_out_before_and_back_after_its_window() {
        // One block: no walking inside the window.
        assert_eq!(visit_walking(&[12.0], 1), 0.0);
        // Three blocks, one team: out to the farthest (20) first, back from the second
        // farthest (12) last, so only the walks around the 5-minute block remain inside:
        // 2 (20 + 12 + 5) - 20 - 12 = 42.
        assert_eq!(visit_walking(&[5.0, 20.0, 12.0], 1), 42.0);
        // As many teams as blocks: every block is a team's only one.
        assert_eq!(visit_walking(&[5.0, 20.0], 2), 0.0);
    }
}
