//! The packer: TPS copies opened at sites and filled group by group under every
//! per-TPS rule (the cap, the exclusive sets, the visit time, the window throughput
//! with the turns of voters who may not meet), and what one more group still fits.

use std::collections::BTreeMap;

use crate::facility::Facility;
use crate::layout::Layout;

use super::super::capacity::{Throughput, visit_intervals, visit_minutes, visit_room, visit_teams};
use super::super::groups::Groups;
use super::{Copy, Tightening, mix_colors, visit_walking};

/// Fills TPS copies under every per-TPS rule.
pub struct Packer<'a> {
    pub(super) facility: &'a Facility,
    pub(super) layout: &'a Layout,
    pub(super) groups: &'a Groups,
    pub(super) throughput: Vec<Throughput>,
    pub(super) cap: u32,
    pub(super) visit_capacity: f64,
    pub(super) visit_minutes_per_voter: f64,
    pub(super) visit_teams: u32,
    /// Visit windows narrower than the day (see [`visit_intervals`]).
    pub(super) visit_windows: Vec<(crate::model::Clock, crate::model::Clock, u32)>,
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

    pub(super) fn walk(&self, g: usize, site: usize) -> f64 {
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

    pub(super) fn add(&mut self, c: usize, g: usize, n: u32) {
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

    /// Places each `(group, voters)` of `rest` wherever it still fits, in order, then
    /// drops empty copies: the copies, or every group with the voters that did not fit.
    pub fn finish(
        mut self,
        rest: impl IntoIterator<Item = (usize, u32)>,
    ) -> Result<Vec<Copy>, Vec<(usize, u32)>> {
        let mut stuck = Vec::new();
        for (g, n) in rest {
            let left = self.place_anywhere(g, n);
            if left > 0 {
                stuck.push((g, left));
            }
        }
        self.prune();
        if stuck.is_empty() {
            Ok(self.copies)
        } else {
            Err(stuck)
        }
    }
}
