//! From aggregated TPS counts to concrete TPS: the registration model says how many
//! TPS of a class stand at a site and how many voters of each group register there;
//! the packer splits a site's groups over its copies (first-fit decreasing, keeping a
//! block's voters together where they fit) while respecting the cap, the window
//! throughput rows and the visit time of each copy. The same packer, given no model
//! solution, is the greedy registration used when the solver finds nothing in time.

use std::collections::BTreeMap;

use crate::layout::Layout;
use crate::model::Facility;

use super::capacity::{Throughput, visit_minutes, visit_teams};
use super::groups::Groups;

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
            copies: Vec::new(),
            room: layout.sites.iter().map(|s| s.max_tps).collect(),
            penalty: BTreeMap::new(),
        }
    }

    fn walk(&self, g: usize, site: usize) -> f64 {
        self.layout
            .walk(self.groups.groups[g].block, site)
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
        if grp.mobile {
            let mut used = 0.0;
            for (&h, &n) in &copy.parts {
                if self.groups.groups[h].mobile {
                    used += self.visit_minutes_per_voter * n as f64 + 2.0 * self.walk(h, copy.site);
                }
            }
            if !copy.parts.contains_key(&g) {
                used += 2.0 * self.walk(g, copy.site);
            }
            let left = self.visit_capacity - used;
            let by_visit = if left <= 0.0 {
                0
            } else {
                (left / self.visit_minutes_per_voter + 1e-9).floor() as u32
            };
            fit = fit.min(by_visit);
        } else {
            for &(a, b, cap) in &self.throughput[copy.site].intervals {
                if grp.window.0 >= a && grp.window.1 <= b {
                    let used: u32 = copy
                        .parts
                        .iter()
                        .filter(|(h, _)| {
                            let w = &self.groups.groups[**h];
                            !w.mobile && w.window.0 >= a && w.window.1 <= b
                        })
                        .map(|(_, n)| *n)
                        .sum();
                    fit = fit.min(cap.saturating_sub(pen).saturating_sub(used));
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
        // Check incrementally on a scratch copy.
        let mut scratch = Packer {
            facility: self.facility,
            layout: self.layout,
            groups: self.groups,
            throughput: Vec::new(),
            cap: self.cap,
            visit_capacity: self.visit_capacity,
            visit_minutes_per_voter: self.visit_minutes_per_voter,
            copies: vec![self.copies[c].clone()],
            room: Vec::new(),
            penalty: self.penalty.clone(),
        };
        scratch.throughput = self.throughput.clone();
        for &(g, n) in parts {
            if scratch.max_fit(0, g) < n {
                return false;
            }
            scratch.add(0, g, n);
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

/// Decodes a registration solution: `copies[(site, class)]` TPS and `flow[(group, site)]`
/// voters. Returns the packed copies, or the groups (and amounts) it could not place.
pub fn decode(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &BTreeMap<(usize, usize), u32>,
    flow: &BTreeMap<(usize, usize), u32>,
    penalty: &BTreeMap<(usize, usize), u32>,
) -> Result<Vec<Copy>, Vec<(usize, u32)>> {
    let mut p = Packer::new(facility, layout, groups);
    p.penalty = penalty.clone();
    let mut leftovers = Vec::new();
    for (&(s, k), &n) in copies {
        let ids: Vec<usize> = (0..n).filter_map(|_| p.open(s, k)).collect();
        // Units at this site, largest first.
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
        // Mobile-heavy and large units first: they are the hardest to fit.
        units.sort_by_key(|(u, parts)| {
            let total: u32 = parts.iter().map(|p| p.1).sum();
            (std::cmp::Reverse(total), *u)
        });
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

/// Greedy registration without a model: units by size (largest first), each placed in
/// the nearest allowed copies, opening copies as needed.
pub fn greedy(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    penalty: &BTreeMap<(usize, usize), u32>,
) -> Result<Vec<Copy>, Vec<(usize, u32)>> {
    let mut p = Packer::new(facility, layout, groups);
    p.penalty = penalty.clone();
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
