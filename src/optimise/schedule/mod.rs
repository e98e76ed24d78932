//! The voting-day schedule, given the registration: waves of each group to its TPS in
//! each slot under booth throughput, the windows, the wave size, the time separation of
//! voters that may not mix, and the escorts on duty (busy for the walk there, the
//! voting and the walk back); mobile visits inside the visit window.
//!
//! Visits go first (a team walks out before its window and back after it). Walking
//! waves follow a greedy list schedule, slot by slot (`greedy_walks`): each TPS serves
//! what an as-late-as-possible schedule of its remaining voters cannot postpone, else one
//! full wave of `m = min(wbp_per_pengawal, maks_gelombang)` voters (one escort), the
//! second escorts a full TPS needs spread over the day rather than piled at its end;
//! high-risk voters go when officers are free beyond the other TPS's expected needs.
//! Every wave waits for free escorts, so waves shift later (or earlier) when officers
//! come on duty late or are busy. A few variants of this (look-ahead, slot order, filling
//! slots eagerly) are tried and the best kept. Voters still left are placed by repairs:
//! any slot with room and officers, two slots of a TPS exchanged, other waves moved out
//! of the way. When voters remain, or at once on small days, an elastic MILP (integer
//! voters and escorts per group, TPS and slot, with slack on every escort row and on
//! every group's total) decides whether a schedule exists and otherwise measures the
//! smallest relaxation.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::Clock;

use super::capacity::{
    EscortProfile, Slot, escort_wave, minutes_per_voter, slot_capacity, slots, touched_minutes,
    visit_officers, visit_teams, wave_escorts,
};
use super::decode::Copy;
use super::groups::Groups;
use super::solver::{Milp, SolveSettings, Status, solve};

mod elastic;
mod greedy;
mod repair;
mod visits;
mod walks;

#[cfg(test)]
mod tests;

use elastic::*;
use greedy::*;
use repair::*;
use visits::*;
use walks::*;

/// A wave decided by the schedule (voters not yet named).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedWave {
    /// Copy index.
    pub copy: usize,
    /// Group index.
    pub group: usize,
    /// Voting starts.
    pub start: Clock,
    /// Voting ends.
    pub end: Clock,
    /// Voters.
    pub voters: u32,
    /// Escorts.
    pub escorts: u32,
    /// Mobile visit.
    pub mobile: bool,
}

/// A schedule that does not fit, measured.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScheduleShortfall {
    /// Escorts short: `(from, to, officers)`.
    pub escorts: Vec<(Clock, Clock, u32)>,
    /// Voters left unserved: `(copy, group, voters)`.
    pub unserved: Vec<(usize, usize, u32)>,
}

struct Part {
    copy: usize,
    group: usize,
    count: u32,
    walk: f64,
}

struct Ctx<'a> {
    facility: &'a Facility,
    layout: &'a Layout,
    groups: &'a Groups,
    copies: &'a [Copy],
    slots: Vec<Slot>,
    slot_cap: Vec<Vec<u32>>,
    /// When the stage's time is up: the repairs of the walking greedy and further
    /// variants stop there (the best schedule so far stands).
    deadline: Instant,
}

impl<'a> Ctx<'a> {
    /// The day of `copies`: its slots and each TPS's voters per slot by its booths;
    /// the stage ends `time_limit` from now.
    fn new(
        facility: &'a Facility,
        layout: &'a Layout,
        groups: &'a Groups,
        copies: &'a [Copy],
        time_limit: Duration,
    ) -> Self {
        let slots = slots(facility);
        let mpv = minutes_per_voter(facility);
        let slot_cap = copies
            .iter()
            .map(|c| {
                let booths = layout.sites[c.site].booths;
                slots
                    .iter()
                    .map(|s| slot_capacity(booths, s.len(), mpv))
                    .collect()
            })
            .collect();
        Ctx {
            facility,
            layout,
            groups,
            copies,
            slots,
            slot_cap,
            deadline: Instant::now() + time_limit,
        }
    }

    fn out_of_time(&self) -> bool {
        Instant::now() >= self.deadline
    }

    fn parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        for (c, copy) in self.copies.iter().enumerate() {
            for (&g, &n) in &copy.parts {
                let walk = self
                    .layout
                    .walk(self.groups.groups[g].place, copy.site)
                    .unwrap_or(0.0);
                out.push(Part {
                    copy: c,
                    group: g,
                    count: n,
                    walk,
                });
            }
        }
        out
    }

    fn slot_in_window(&self, g: usize, q: usize) -> bool {
        let w = self.groups.groups[g].window;
        let s = self.slots[q];
        s.start >= w.0 && s.end <= w.1
    }
}

fn free(profile: &EscortProfile, usage: &[i64], a: f64, b: f64) -> i64 {
    let (from, to) = touched_minutes(a, b);
    (from..to)
        .map(|m| profile.at(m) as i64 - usage.get(m.max(0) as usize).copied().unwrap_or(0))
        .min()
        .unwrap_or(0)
}

fn book(usage: &mut [i64], a: f64, b: f64, n: u32) {
    let (from, to) = touched_minutes(a, b);
    for m in from.max(0)..to.min(usage.len() as i64) {
        usage[m as usize] += n as i64;
    }
}

/// How the walking greedy shares the officers (see [`greedy_walks`]).
#[derive(Debug, Clone, Copy)]
struct Variant {
    /// Slots ahead whose expected needs high-risk waves leave to the other TPS.
    lookahead: usize,
    /// The as-late-as-possible pass counts one escort's wave per later slot.
    light: bool,
    /// A TPS fills its slots while officers are free.
    eager: bool,
    /// Slots from the last to the first (the crowded end of the day is served first
    /// and what finds no officer there moves earlier).
    reverse: bool,
}

/// A walking schedule: voters left, escort-minutes, waves, what is left per part.
type WalkResult = (u32, f64, Vec<PlannedWave>, Vec<(usize, usize, u32)>);

/// Schedules the day. `Ok` holds every wave; `Err` the measured shortfall. With
/// `accept_escort_slack` a schedule that serves everybody with more escorts than the
/// profile holds is `Ok` (the smallest such excess the elastic model finds).
#[allow(clippy::too_many_arguments)]
pub fn schedule(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    profile: &EscortProfile,
    settings: &SolveSettings,
    elastic_model: bool,
    accept_escort_slack: bool,
) -> Result<(Vec<PlannedWave>, Status), ScheduleShortfall> {
    let ctx = Ctx::new(facility, layout, groups, copies, settings.time_limit);
    let parts = ctx.parts();
    let mut usage = vec![0i64; 24 * 60];
    // Escorts to be requested: visits do not wait for officers (what they lack is
    // asked for), walking waves keep to the roster where they can.
    let ample = EscortProfile {
        per_minute: profile.per_minute.iter().map(|n| n + 10_000).collect(),
        women: None,
    };
    let visit_profile = if accept_escort_slack { &ample } else { profile };
    let (mut waves, mut unserved) = visits(&ctx, &parts, visit_profile, &mut usage);
    let mobile_usage = usage.clone();
    // A few ways of sharing the officers; the first that serves everybody with the
    // fewest escort-minutes, else the one that leaves the fewest voters.
    let mut best: Option<WalkResult> = None;
    // A few ways of sharing the officers (see [`Variant`]), tried in turn.
    let v = |lookahead, light, eager, reverse| Variant {
        lookahead,
        light,
        eager,
        reverse,
    };
    let variants = [
        v(4, false, false, false),
        v(4, true, false, false),
        v(2, false, false, false),
        v(0, false, false, false),
        v(4, true, true, false),
        v(8, false, true, false),
        v(4, false, false, true),
        v(4, true, false, true),
        v(2, false, true, true),
    ];
    for (n, &variant) in variants.iter().enumerate() {
        let mut u = usage.clone();
        let (walking, left) = greedy_walks(&ctx, &parts, profile, &mut u, variant);
        let short: u32 = left.iter().map(|l| l.2).sum();
        let minutes: f64 = walking
            .iter()
            .map(|w| {
                let walk = layout
                    .walk(groups.groups[w.group].place, copies[w.copy].site)
                    .unwrap_or(0.0);
                let (a, b) = touched_minutes(w.start.0 as f64 - walk, w.end.0 as f64 + walk);
                w.escorts as f64 * (b - a) as f64
            })
            .sum();
        if best.as_ref().is_none_or(|b| (short, minutes) < (b.0, b.1)) {
            best = Some((short, minutes, walking, left));
        }
        if (short == 0 && n == 0) || ctx.out_of_time() {
            break;
        }
    }
    let Some((_, _, walking, left)) = best else {
        return Err(ScheduleShortfall::default());
    };
    if left.is_empty() && unserved.is_empty() {
        waves.extend(walking);
        waves.sort_by_key(|w| (w.start, w.copy, w.group));
        return Ok((waves, Status::Heuristic));
    }
    // Small days are decided exactly by the elastic model at once.
    let walking_parts = parts
        .iter()
        .filter(|p| !groups.groups[p.group].mobile)
        .count();
    let small = walking_parts * ctx.slots.len() <= 800;
    if !elastic_model && !small && !accept_escort_slack {
        unserved.extend(left);
        return Err(ScheduleShortfall {
            escorts: Vec::new(),
            unserved,
        });
    }
    // The greedy left voters: decide with the elastic model.
    match elastic(&ctx, &parts, profile, &mobile_usage, settings) {
        Some((walking, shortfall))
            if accept_escort_slack && shortfall.unserved.is_empty() && unserved.is_empty() =>
        {
            // Every voter served; the escorts the roster lacks become requests.
            waves.extend(walking);
            waves.sort_by_key(|w| (w.start, w.copy, w.group));
            Ok((waves, Status::Heuristic))
        }
        Some((walking, shortfall)) => {
            if shortfall.escorts.is_empty() && shortfall.unserved.is_empty() && unserved.is_empty()
            {
                waves.extend(walking);
                waves.sort_by_key(|w| (w.start, w.copy, w.group));
                Ok((waves, Status::Optimal))
            } else {
                unserved.extend(shortfall.unserved);
                Err(ScheduleShortfall {
                    escorts: shortfall.escorts,
                    unserved,
                })
            }
        }
        None if accept_escort_slack && unserved.is_empty() => {
            // The model gave nothing in time: the walking greedy against the roster
            // and the fewest requested officers (the same number at every minute)
            // with which it serves everybody.
            let mut left = Vec::new();
            for extra in [
                1u32, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128, 256, 10_000,
            ] {
                // Out of time: straight to officers enough for everybody, one variant.
                if extra < 10_000 && ctx.out_of_time() {
                    continue;
                }
                let more = EscortProfile {
                    per_minute: profile.per_minute.iter().map(|n| n + extra).collect(),
                    women: None,
                };
                let tried = if ctx.out_of_time() {
                    &variants[..1]
                } else {
                    &variants[..]
                };
                for &variant in tried {
                    let mut u = mobile_usage.clone();
                    let (walking, l) = greedy_walks(&ctx, &parts, &more, &mut u, variant);
                    if l.is_empty() {
                        waves.extend(walking);
                        waves.sort_by_key(|w| (w.start, w.copy, w.group));
                        return Ok((waves, Status::Heuristic));
                    }
                    left = l;
                }
            }
            Err(ScheduleShortfall {
                escorts: Vec::new(),
                unserved: left,
            })
        }
        None => {
            unserved.extend(left);
            Err(ScheduleShortfall {
                escorts: greedy_shortage(&ctx, &parts, profile, &mobile_usage),
                unserved,
            })
        }
    }
}
