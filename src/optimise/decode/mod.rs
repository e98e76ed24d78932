//! From aggregated TPS counts to concrete TPS: the registration model says how many
//! TPS of a class stand at a site and how many voters of each group register there;
//! the packer splits a site's groups over its copies (first-fit decreasing, keeping a
//! block's voters together where they fit) while respecting the cap, the window
//! throughput rows and the visit time of each copy. The same packer, given no model
//! solution, is the greedy registration used when the solver finds nothing in time.
//!
//! The pieces: `packer` fills TPS copies one group at a time, `rules` says whether
//! a TPS may hold its voters, `whole` puts whole units into a site's TPS by an exact
//! search.

use std::collections::BTreeMap;

use crate::facility::Facility;
use crate::layout::Layout;

use super::groups::Groups;

mod packer;
mod rules;
mod whole;

pub use packer::Packer;
pub use rules::{mix_colors, visit_walking};

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
    p.finish(leftovers)
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
    p.finish(units.into_iter().flat_map(|u| {
        groups.units[u]
            .groups
            .iter()
            .map(|&g| (g, groups.groups[g].size()))
    }))
}
