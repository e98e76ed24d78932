//! The per-TPS rules the packer keeps: whether one TPS may hold its voters (cap,
//! class, exclusive sets, visit time inside every visit window, window throughput with
//! turns), the turns voters who may not meet need, and the visit teams' walking.

use std::collections::{BTreeMap, BTreeSet};

use super::super::groups::MixKey;
use super::Packer;

impl Packer<'_> {
    /// Whether the visit teams of one TPS at `site` fit the visits of `content` into
    /// every narrower visit window: its voters one after another plus the walks between
    /// their blocks (the first walk out and the last walk back lie outside).
    pub(super) fn visits_fit(&self, site: usize, content: &BTreeMap<usize, u32>) -> bool {
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
