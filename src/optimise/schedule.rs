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
pub struct Shortfall {
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

impl Ctx<'_> {
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
) -> Result<(Vec<PlannedWave>, Status), Shortfall> {
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
    let ctx = Ctx {
        facility,
        layout,
        groups,
        copies,
        slots,
        slot_cap,
        deadline: Instant::now() + settings.time_limit,
    };
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
        return Err(Shortfall::default());
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
        return Err(Shortfall {
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
                Err(Shortfall {
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
            Err(Shortfall {
                escorts: Vec::new(),
                unserved: left,
            })
        }
        None => {
            unserved.extend(left);
            Err(Shortfall {
                escorts: greedy_shortage(&ctx, &parts, profile, &mobile_usage),
                unserved,
            })
        }
    }
}

/// Mobile visits: each TPS's teams visit their places (blocks, the clinic) one after
/// another. A team walks out to its first place before the window opens and back from
/// its last after it closes, so its farthest place goes first and its second farthest
/// last, places whose voters may all come early before those that must wait. At a
/// place the groups follow each other, each inside its own list's window. A visit waits
/// for free officers, minute by minute, until it would end after its window.
fn visits(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    usage: &mut [i64],
) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
    let f = ctx.facility;
    let mk = f.rules.pengawalan.menit_kunjungan_per_pemilih;
    let teams = visit_teams(f) as usize;
    let mut waves = Vec::new();
    let mut unserved = Vec::new();
    // Per copy, per block: the parts and the walk.
    let mut by_copy: BTreeMap<usize, BTreeMap<usize, (f64, Vec<&Part>)>> = BTreeMap::new();
    for p in parts.iter().filter(|p| ctx.groups.groups[p.group].mobile) {
        let block = ctx.groups.groups[p.group].place;
        let e = by_copy
            .entry(p.copy)
            .or_default()
            .entry(block)
            .or_insert((p.walk, Vec::new()));
        e.1.push(p);
    }
    for (c, blocks) in by_copy {
        // Longest visits to the least loaded team.
        let mut list: Vec<(usize, f64, Vec<&Part>)> =
            blocks.into_iter().map(|(b, (w, ps))| (b, w, ps)).collect();
        let dur_of =
            |ps: &[&Part]| -> f64 { ps.iter().map(|p| (p.count as f64 * mk).ceil()).sum::<f64>() };
        list.sort_by(|a, b| {
            (dur_of(&b.2) + 2.0 * b.1)
                .total_cmp(&(dur_of(&a.2) + 2.0 * a.1))
                .then(a.0.cmp(&b.0))
        });
        let mut rounds: Vec<Vec<(usize, f64, Vec<&Part>)>> = vec![Vec::new(); teams.max(1)];
        let mut load = vec![0.0f64; teams.max(1)];
        for item in list {
            let t = (0..load.len())
                .min_by(|a, b| load[*a].total_cmp(&load[*b]).then(a.cmp(b)))
                .unwrap_or(0);
            load[t] += dur_of(&item.2) + 2.0 * item.1;
            rounds[t].push(item);
        }
        for mut round in rounds {
            // Farthest first, second farthest last, the rest nearest first; then blocks
            // whose voters may all come early before blocks that must wait (a clinic
            // visit, a DPTb or DPK list), so the team's day moves forward.
            round.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            if round.len() > 2 {
                let second = round.remove(1);
                round[1..].sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                round.push(second);
            }
            let latest_open = |ps: &[&Part]| {
                ps.iter()
                    .map(|p| ctx.groups.groups[p.group].window.0)
                    .max()
                    .unwrap_or(Clock(0))
            };
            round.sort_by_key(|item| latest_open(&item.2));
            // Minute the team is back at the TPS (free to walk out again).
            let mut back = f64::NEG_INFINITY;
            for (_, walk, mut ps) in round {
                // The block's groups one after another, each inside its own window
                // (earliest window first); the team stays at the block between them.
                ps.sort_by_key(|p| (ctx.groups.groups[p.group].window.0, p.group));
                let mut ready = (back + walk).ceil();
                let mut last_end = None;
                for p in ps {
                    let window = ctx.groups.groups[p.group].window;
                    let officers = visit_officers(f, ctx.groups.groups[p.group].high_risk);
                    let dur = (p.count as f64 * mk).ceil() as u16;
                    let mut start = ready.max(window.0.0 as f64) as u16;
                    let mut placed = false;
                    while start + dur <= window.1.0 {
                        let a = start as f64 - walk;
                        let b = (start + dur) as f64 + walk;
                        if free(profile, usage, a, b) >= officers as i64 {
                            book(usage, a, b, officers);
                            waves.push(PlannedWave {
                                copy: c,
                                group: p.group,
                                start: Clock(start),
                                end: Clock(start + dur),
                                voters: p.count,
                                escorts: officers,
                                mobile: true,
                            });
                            ready = (start + dur) as f64;
                            last_end = Some(b);
                            placed = true;
                            break;
                        }
                        start += 1;
                    }
                    if !placed {
                        unserved.push((c, p.group, p.count));
                    }
                }
                if let Some(b) = last_end {
                    back = b;
                }
            }
        }
    }
    (waves, unserved)
}

/// Escorts the waves of `n` voters of one group in one slot need, cut into waves of
/// at most `maks_gelombang` (a multiple of `wbp_per_pengawal` when it can be).
fn slot_escorts(f: &Facility, n: u32, high_risk: bool) -> u32 {
    chunks(f, n)
        .into_iter()
        .map(|v| wave_escorts(f, v, high_risk))
        .sum()
}

/// The waves `n` voters of one group in one slot are cut into.
fn chunks(f: &Facility, n: u32) -> Vec<u32> {
    let e = &f.rules.pengawalan;
    let ratio = e.wbp_per_pengawal.max(1);
    let max_wave = e.maks_gelombang.max(1);
    let size = if max_wave >= ratio {
        max_wave / ratio * ratio
    } else {
        max_wave
    };
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let v = left.min(size);
        out.push(v);
        left -= v;
    }
    out
}

/// The walking schedule, slot by slot:
/// - a TPS serves what it *must* now: the voters an as-late-as-possible schedule of its
///   remaining voters cannot fit in the later slots (so no TPS falls behind);
/// - beyond that it serves one full wave of `m = min(wbp_per_pengawal, maks_gelombang)`
///   voters of one group (one escort) — more only when the later slots force it, which
///   keeps the escorts per voter at the floor the bound counts;
/// - high-risk voters (officers per inmate, never with others) go in the first slots
///   in which officers are free, so they do not meet the crowded late windows;
/// - TPS that must serve go first, then those with the least slack;
/// - every wave waits for free escorts; what no escort could take is placed afterwards
///   in any slot of its window with room and free escorts, earlier or later.
fn greedy_walks(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    usage: &mut [i64],
    variant: Variant,
) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
    let Variant {
        lookahead,
        light,
        eager,
        reverse,
    } = variant;
    let f = ctx.facility;
    let m = escort_wave(f);
    let ratio = f.rules.pengawalan.wbp_per_pengawal.max(1) as i64;
    let officers = f.rules.pengawalan.petugas_per_wbp_risiko_tinggi.max(1) as i64;
    let nslots = ctx.slots.len();
    let gs = &ctx.groups.groups;
    let mut remaining: Vec<u32> = parts
        .iter()
        .map(|p| if gs[p.group].mobile { 0 } else { p.count })
        .collect();
    let mut by_copy: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in parts.iter().enumerate() {
        if !gs[p.group].mobile {
            by_copy.entry(p.copy).or_default().push(i);
        }
    }
    // Turn (colour) of each part: parts of one colour may share a slot.
    let mut colour = vec![0usize; parts.len()];
    for idx in by_copy.values() {
        let mut classes: Vec<Vec<&super::groups::MixKey>> = Vec::new();
        for &i in idx {
            let key = &gs[parts[i].group].mix;
            let pos = classes
                .iter()
                .position(|c| c.iter().all(|k| k.compatible(key)));
            colour[i] = match pos {
                Some(p) => {
                    classes[p].push(key);
                    p
                }
                None => {
                    classes.push(vec![key]);
                    classes.len() - 1
                }
            };
        }
    }
    let ncopies = ctx.copies.len();
    let mut served = vec![vec![0u32; nslots]; ncopies];
    let mut turn: Vec<Vec<Option<usize>>> = vec![vec![None; nslots]; ncopies];
    // (copy, slot, part) -> voters; turned into waves at the end.
    let mut amount: BTreeMap<(usize, usize, usize), u32> = BTreeMap::new();
    let escorts_of = |i: usize, n: u32| {
        let g = &gs[parts[i].group];
        if g.escorted {
            slot_escorts(f, n, g.high_risk) as i64
        } else {
            0
        }
    };
    let interval = |i: usize, q: usize| {
        let s = ctx.slots[q];
        (
            s.start.0 as f64 - parts[i].walk,
            s.end.0 as f64 + parts[i].walk,
        )
    };
    // A new wave of a women's block needs a woman escort free over its interval
    // (the women on duty, per minute, less the women's waves already placed).
    let women_wave = |i: usize| {
        f.rules.pengawalan.pengawal_perempuan_blok_perempuan
            && gs[parts[i].group].mix.sex == crate::model::Sex::P
    };
    let women_used = std::cell::RefCell::new(vec![0i64; 24 * 60]);
    let woman_free = |i: usize, q: usize| -> bool {
        let (a, b) = interval(i, q);
        let (from, to) = touched_minutes(a, b);
        let used = women_used.borrow();
        (from..to).all(|m| {
            profile
                .women_at(m)
                .is_none_or(|w| w as i64 - used.get(m.max(0) as usize).copied().unwrap_or(0) >= 1)
        })
    };
    // How many more voters of part `i` escorts allow in slot `q`, given `have` already.
    let by_escorts = |usage: &[i64], i: usize, q: usize, have: u32, want: u32| -> u32 {
        if have == 0 && women_wave(i) && !woman_free(i, q) {
            return 0;
        }
        if !gs[parts[i].group].escorted {
            return want;
        }
        let (a, b) = interval(i, q);
        let free_now = free(profile, usage, a, b);
        let base = escorts_of(i, have);
        let mut lo = 0u32;
        let mut hi = want;
        // Largest k with escorts(have + k) - escorts(have) <= free.
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if escorts_of(i, have + mid) - base <= free_now {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    };
    let book_part = |usage: &mut [i64], i: usize, q: usize, have: u32, add: u32| {
        let (a, b) = interval(i, q);
        let extra = escorts_of(i, have + add) - escorts_of(i, have);
        if extra > 0 {
            book(usage, a, b, extra as u32);
        }
        if have == 0 && add > 0 && women_wave(i) {
            book(&mut women_used.borrow_mut(), a, b, 1);
        }
    };
    let order: Vec<usize> = if reverse {
        (0..nslots).rev().collect()
    } else {
        (0..nslots).collect()
    };
    for (pos, &q) in order.iter().enumerate() {
        let later = &order[pos + 1..];
        let now_and_later = &order[pos..];
        // What each TPS must serve now.
        let mut musts: Vec<(u32, i64, usize, BTreeMap<usize, u32>)> = Vec::new();
        for (&c, idx) in &by_copy {
            let must = alap_must(
                ctx,
                parts,
                idx,
                &remaining,
                &colour,
                c,
                later,
                light.then_some(m),
            );
            let total: u32 = must.values().sum();
            let cap: i64 = now_and_later
                .iter()
                .map(|&x| ctx.slot_cap[c][x] as i64)
                .sum();
            let load: i64 = idx.iter().map(|&i| remaining[i] as i64).sum();
            musts.push((total, cap - load, c, must));
        }
        musts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        // What the TPS are expected to need in the next slots (their pace of voters who
        // are not high risk, in escorts), so high-risk waves leave it to them.
        let mut projected = vec![0i64; usage.len()];
        let mut own: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for (&c, idx) in &by_copy {
            let normal: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| remaining[i] > 0 && !gs[parts[i].group].high_risk)
                .collect();
            let left: u32 = normal.iter().map(|&i| remaining[i]).sum();
            let Some(&next) = later.first() else {
                continue;
            };
            if left == 0 {
                continue;
            }
            let slots_left = later.len() as u32;
            let pace = left.div_ceil(slots_left).min(ctx.slot_cap[c][next]);
            let e = pace.div_ceil(m) as i64;
            let walk = normal.iter().map(|&i| parts[i].walk).fold(0.0f64, f64::max);
            for &q2 in later.iter().take(lookahead) {
                let s2 = ctx.slots[q2];
                let (from, to) = touched_minutes(s2.start.0 as f64 - walk, s2.end.0 as f64 + walk);
                let mine = own.entry(c).or_insert_with(|| vec![0i64; projected.len()]);
                for t in from.max(0)..to.min(projected.len() as i64) {
                    projected[t as usize] += e;
                    mine[t as usize] += e;
                }
            }
        }
        for (must_total, _, c, must) in musts {
            let idx = &by_copy[&c];
            let open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| remaining[i] > 0 && ctx.slot_in_window(parts[i].group, q))
                .collect();
            let cap_left = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            if open.is_empty() || cap_left == 0 {
                continue;
            }
            // High-risk inmates part `i`'s officers could take in this slot: officers
            // free over its walk, less what the other TPS are expected to need next.
            let spare = |i: usize| -> i64 {
                let (a, b) = interval(i, q);
                let (from, to) = touched_minutes(a, b);
                (from..to)
                    .map(|t| {
                        let t = t.max(0) as usize;
                        profile.at(t as i64) as i64
                            - usage.get(t).copied().unwrap_or(0)
                            - projected.get(t).copied().unwrap_or(0)
                            + own.get(&c).and_then(|o| o.get(t)).copied().unwrap_or(0)
                    })
                    .min()
                    .unwrap_or(0)
                    / officers
            };
            // Room this TPS has left from now on beyond its voters still waiting.
            let slack: i64 = now_and_later
                .iter()
                .map(|&x| ctx.slot_cap[c][x] as i64)
                .sum::<i64>()
                - idx.iter().map(|&i| remaining[i] as i64).sum::<i64>();
            // The turn: what must go now, else high-risk voters when officers are
            // free, else the colour with the most voters waiting.
            let pick = if must_total > 0 {
                must.iter()
                    .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
                    .map(|(i, _)| colour[*i])
            } else {
                let hr: Vec<usize> = open
                    .iter()
                    .copied()
                    .filter(|&i| gs[parts[i].group].high_risk)
                    .collect();
                let hr_left: u32 = hr.iter().map(|&i| remaining[i]).sum();
                let hr_room = hr.first().map(|&i| spare(i)).unwrap_or(0);
                // A TPS without room for another turn takes its high-risk voters at once.
                let sc = ctx.slot_cap[c][q] as i64;
                let need = if slack < 2 * sc {
                    (hr_left as i64).min(sc)
                } else {
                    (hr_left.min(4) as i64).max(1)
                };
                let hr_ok = hr_room >= need;
                if hr_ok {
                    hr.first().map(|&i| colour[i])
                } else {
                    let mut per: BTreeMap<usize, u32> = BTreeMap::new();
                    for &i in &open {
                        *per.entry(colour[i]).or_default() += remaining[i];
                    }
                    per.into_iter()
                        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
                        .map(|(k, _)| k)
                }
            };
            let Some(pick) = pick else { continue };
            if turn[c][q].is_some_and(|t| t != pick) {
                continue;
            }
            let mut chosen: Vec<usize> = open.into_iter().filter(|&i| colour[i] == pick).collect();
            if chosen.is_empty() {
                continue;
            }
            // Must first, then most voters left.
            chosen.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(must.get(&i).copied().unwrap_or(0)),
                    std::cmp::Reverse(remaining[i]),
                    i,
                )
            });
            let high_risk = gs[parts[chosen[0]].group].high_risk;
            let mut want: BTreeMap<usize, u32> = BTreeMap::new();
            for &i in &chosen {
                let n = must.get(&i).copied().unwrap_or(0).min(remaining[i]);
                if n > 0 {
                    want.insert(i, n);
                }
            }
            let planned: u32 = want.values().sum();
            if high_risk {
                // As many as the officers left over the expected needs allow (at least
                // what must go now).
                let mut budget: i64 = chosen.first().map(|&i| spare(i)).unwrap_or(0);
                // A TPS without room for another turn takes them all at once.
                if slack < 2 * ctx.slot_cap[c][q] as i64 {
                    budget = i64::MAX / 4;
                }
                for &i in &chosen {
                    let have = want.get(&i).copied().unwrap_or(0);
                    budget -= have as i64;
                    let more = (remaining[i] - have).min(budget.max(0) as u32);
                    if more > 0 {
                        want.insert(i, have + more);
                        budget -= more as i64;
                    }
                }
            } else if eager {
                // Fill the slot, most voters left first.
                let mut room = cap_left.saturating_sub(planned);
                for &i in &chosen {
                    if room == 0 {
                        break;
                    }
                    let have = want.get(&i).copied().unwrap_or(0);
                    let add = room.min(remaining[i] - have);
                    if add > 0 {
                        want.insert(i, have + add);
                        room -= add;
                    }
                }
            } else if planned < m {
                // Top up to one full wave, from a group already going, else the one
                // with the most voters left.
                let mut room = m - planned;
                let first = want.keys().next().copied().unwrap_or(chosen[0]);
                let have = want.get(&first).copied().unwrap_or(0);
                let add = room.min(remaining[first] - have);
                if add > 0 {
                    want.insert(first, have + add);
                    room -= add;
                }
                // Round an escort's wave up with other groups only when it costs no
                // extra escort (never: each group walks in its own wave).
                let _ = room;
            }
            // Serve within the slot's room and the escorts free.
            let mut left_in_slot = cap_left;
            for &i in &chosen {
                let Some(&n) = want.get(&i) else { continue };
                let n = n.min(left_in_slot);
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, n);
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                left_in_slot -= n;
                turn[c][q] = Some(pick);
            }
        }
        // Spread the second escorts: a TPS with more voters left than one full wave per
        // slot will need extra waves; do a fair share of them now rather than all at
        // the end, where the late windows and the visits crowd the officers.
        let slots_left = now_and_later.len() as u32;
        let mut extra: Vec<(u32, usize)> = Vec::new();
        for (&c, idx) in &by_copy {
            let left: u32 = idx
                .iter()
                .filter(|&&i| !gs[parts[i].group].high_risk)
                .map(|&i| remaining[i])
                .sum();
            let beyond = left.saturating_sub(m * slots_left.saturating_sub(1));
            if beyond > 0 {
                extra.push((beyond, c));
            }
        }
        extra.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (beyond, c) in extra {
            let Some(t) = turn[c][q] else { continue };
            let idx = &by_copy[&c];
            let share = beyond.div_ceil(slots_left.max(1));
            let mut room = ctx.slot_cap[c][q].saturating_sub(served[c][q]).min(share);
            let mut open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| {
                    remaining[i] > 0
                        && colour[i] == t
                        && !gs[parts[i].group].high_risk
                        && ctx.slot_in_window(parts[i].group, q)
                })
                .collect();
            // Groups already walking this slot first (no new wave), then most left.
            open.sort_by_key(|&i| {
                (
                    !amount.contains_key(&(c, q, i)),
                    std::cmp::Reverse(remaining[i]),
                    i,
                )
            });
            for i in open {
                if room == 0 {
                    break;
                }
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                room -= n;
            }
        }
    }
    // Leftovers: any slot of the window with room, the same turn and free escorts.
    for (&c, idx) in &by_copy {
        for &i in idx {
            if remaining[i] == 0 {
                continue;
            }
            for q in 0..nslots {
                if remaining[i] == 0 {
                    break;
                }
                if !ctx.slot_in_window(parts[i].group, q)
                    || turn[c][q].is_some_and(|t| t != colour[i])
                {
                    continue;
                }
                let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                turn[c][q] = Some(colour[i]);
            }
        }
    }
    // Still left: exchange two slots of the TPS so that a slot of the same turn lands
    // where officers are free, then add the voters left to it.
    for (&c, idx) in &by_copy {
        if ctx.out_of_time() {
            break;
        }
        for &i in idx {
            let mut tries = 0;
            while remaining[i] > 0 && tries < 4 {
                tries += 1;
                let mut done = false;
                'host: for q_host in 0..nslots {
                    if !ctx.slot_in_window(parts[i].group, q_host)
                        || turn[c][q_host].is_some_and(|t| t != colour[i])
                    {
                        continue;
                    }
                    for q_new in 0..nslots {
                        if q_new == q_host {
                            continue;
                        }
                        if exchange_and_add(
                            ctx,
                            parts,
                            idx,
                            profile,
                            usage,
                            &mut amount,
                            &mut served,
                            &mut turn,
                            &mut remaining,
                            (c, i, q_host, q_new),
                            colour[i],
                            &escorts_of,
                        ) {
                            done = true;
                            break 'host;
                        }
                    }
                }
                if !done {
                    break;
                }
            }
        }
    }
    // Still left: make officers free where a slot has room for them, by moving other
    // waves (of any TPS) whose walks overlap to another slot of their own window, with
    // room, the same turn and officers free there.
    let keys: Vec<(usize, usize)> = by_copy
        .iter()
        .flat_map(|(&c, idx)| idx.iter().map(move |&i| (c, i)))
        .collect();
    for &(c, i) in &keys {
        if ctx.out_of_time() {
            break;
        }
        let mut moves = 0;
        for q in 0..nslots {
            if remaining[i] == 0 || moves >= 40 {
                break;
            }
            if !ctx.slot_in_window(parts[i].group, q) || turn[c][q].is_some_and(|t| t != colour[i])
            {
                continue;
            }
            let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            let add = room.min(remaining[i]);
            if add == 0 {
                continue;
            }
            let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
            let need = escorts_of(i, have + add) - escorts_of(i, have);
            let (a, b) = interval(i, q);
            let mut guard = 0;
            while free(profile, usage, a, b) < need && guard < 12 {
                guard += 1;
                // A wave whose walk overlaps, moved to a slot whose walk does not.
                let overlapping: Vec<(usize, usize, usize, u32)> = amount
                    .iter()
                    .filter(|((cc, qq, jj), _)| {
                        !(*cc == c && *qq == q) && {
                            let (x, y) = interval(*jj, *qq);
                            x < b && a < y
                        }
                    })
                    .map(|(&(cc, qq, jj), &n)| (cc, qq, jj, n))
                    .collect();
                let mut moved = false;
                'waves: for (cc, q1, j, n) in overlapping {
                    for q2 in 0..nslots {
                        if q2 == q1 || !ctx.slot_in_window(parts[j].group, q2) {
                            continue;
                        }
                        let (x2, y2) = interval(j, q2);
                        if x2 < b && a < y2 {
                            continue;
                        }
                        if turn[cc][q2].is_some_and(|t| t != colour[j])
                            || served[cc][q2] + n > ctx.slot_cap[cc][q2]
                        {
                            continue;
                        }
                        let there = amount.get(&(cc, q2, j)).copied().unwrap_or(0);
                        let extra = escorts_of(j, there + n) - escorts_of(j, there);
                        if free(profile, usage, x2, y2) < extra {
                            continue;
                        }
                        // Move: off q1, onto q2.
                        let (x1, y1) = interval(j, q1);
                        let (from, to) = touched_minutes(x1, y1);
                        let e1 = escorts_of(j, n);
                        for t in from.max(0)..to.min(usage.len() as i64) {
                            usage[t as usize] -= e1;
                        }
                        book_part(usage, j, q2, there, n);
                        amount.remove(&(cc, q1, j));
                        *amount.entry((cc, q2, j)).or_default() += n;
                        served[cc][q1] -= n;
                        served[cc][q2] += n;
                        if served[cc][q1] == 0 {
                            turn[cc][q1] = None;
                        }
                        turn[cc][q2] = Some(colour[j]);
                        moves += 1;
                        moved = true;
                        break 'waves;
                    }
                }
                if !moved {
                    break;
                }
            }
            // Room may have changed if a wave of this TPS moved away.
            let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
            let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
            if n > 0 && turn[c][q].is_none_or(|t| t == colour[i]) {
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                turn[c][q] = Some(colour[i]);
            }
        }
    }
    let mut waves = Vec::new();
    for (&(c, q, i), &n) in &amount {
        let slot = ctx.slots[q];
        let p = &parts[i];
        for v in chunks(f, n) {
            waves.push(PlannedWave {
                copy: c,
                group: p.group,
                start: slot.start,
                end: slot.end,
                voters: v,
                escorts: if gs[p.group].escorted {
                    wave_escorts(f, v, gs[p.group].high_risk)
                } else {
                    0
                },
                mobile: false,
            });
        }
    }
    let _ = ratio;
    let left = parts
        .iter()
        .zip(&remaining)
        .filter(|(_, r)| **r > 0)
        .map(|(p, r)| (p.copy, p.group, *r))
        .collect();
    (waves, left)
}

/// Exchanges the contents of slots `q_host` and `q_new` of TPS `c`, then adds voters
/// of part `i` (turn `col`) to the slot now at `q_new`; kept only when every window,
/// the slot capacities and the officers free allow it and some voters were added.
#[allow(clippy::too_many_arguments)]
fn exchange_and_add(
    ctx: &Ctx,
    parts: &[Part],
    idx: &[usize],
    profile: &EscortProfile,
    usage: &mut [i64],
    amount: &mut BTreeMap<(usize, usize, usize), u32>,
    served: &mut [Vec<u32>],
    turn: &mut [Vec<Option<usize>>],
    remaining: &mut [u32],
    (c, i, q_host, q_new): (usize, usize, usize, usize),
    col: usize,
    escorts_of: &dyn Fn(usize, u32) -> i64,
) -> bool {
    let content = |q: usize, amount: &BTreeMap<(usize, usize, usize), u32>| -> Vec<(usize, u32)> {
        idx.iter()
            .filter_map(|&j| amount.get(&(c, q, j)).map(|&n| (j, n)))
            .collect()
    };
    let host = content(q_host, amount);
    let other = content(q_new, amount);
    let fits = |list: &[(usize, u32)], q: usize| {
        list.iter()
            .all(|&(j, _)| ctx.slot_in_window(parts[j].group, q))
            && list.iter().map(|p| p.1).sum::<u32>() <= ctx.slot_cap[c][q]
    };
    if !fits(&host, q_new) || !fits(&other, q_host) {
        return false;
    }
    if !ctx.slot_in_window(parts[i].group, q_new) {
        return false;
    }
    let span = |j: usize, q: usize| {
        let s = ctx.slots[q];
        (
            s.start.0 as f64 - parts[j].walk,
            s.end.0 as f64 + parts[j].walk,
        )
    };
    let unbook = |usage: &mut [i64], list: &[(usize, u32)], q: usize| {
        for &(j, n) in list {
            let (a, b) = span(j, q);
            let (from, to) = touched_minutes(a, b);
            let e = escorts_of(j, n);
            for t in from.max(0)..to.min(usage.len() as i64) {
                usage[t as usize] -= e;
            }
        }
    };
    let rebook = |usage: &mut [i64], list: &[(usize, u32)], q: usize| {
        for &(j, n) in list {
            book(usage, span(j, q).0, span(j, q).1, escorts_of(j, n) as u32);
        }
    };
    unbook(usage, &host, q_host);
    unbook(usage, &other, q_new);
    // Host content at q_new, plus as many of part i as room and officers allow.
    let room = ctx.slot_cap[c][q_new].saturating_sub(host.iter().map(|p| p.1).sum::<u32>());
    let mut moved_host = host.clone();
    let have = host.iter().find(|p| p.0 == i).map(|p| p.1).unwrap_or(0);
    let mut add = room.min(remaining[i]);
    // Books a list part by part while the officers are free; undoes it otherwise.
    let try_book = |usage: &mut [i64], list: &[(usize, u32)], q: usize| -> bool {
        for (k, &(j, n)) in list.iter().enumerate() {
            let (a, b) = span(j, q);
            if free(profile, usage, a, b) < escorts_of(j, n) {
                unbook(usage, &list[..k], q);
                return false;
            }
            book(usage, a, b, escorts_of(j, n) as u32);
        }
        true
    };
    // The others first (they were there), at q_host; then the host with part i at q_new.
    let mut ok = try_book(usage, &other, q_host);
    if ok {
        loop {
            let mut trial = moved_host.clone();
            match trial.iter_mut().find(|p| p.0 == i) {
                Some(p) => p.1 = have + add,
                None => trial.push((i, add)),
            }
            if add > 0 && try_book(usage, &trial, q_new) {
                moved_host = trial;
                break;
            }
            if add == 0 {
                ok = false;
                break;
            }
            add -= 1;
        }
        if !ok {
            unbook(usage, &other, q_host);
        }
    }
    if !ok {
        rebook(usage, &host, q_host);
        rebook(usage, &other, q_new);
        return false;
    }
    for &(j, _) in host.iter().chain(&other) {
        amount.remove(&(c, q_host, j));
        amount.remove(&(c, q_new, j));
    }
    for &(j, n) in &moved_host {
        amount.insert((c, q_new, j), n);
    }
    for &(j, n) in &other {
        amount.insert((c, q_host, j), n);
    }
    served[c][q_new] = moved_host.iter().map(|p| p.1).sum();
    served[c][q_host] = other.iter().map(|p| p.1).sum();
    let turn_other = turn[c][q_new];
    turn[c][q_new] = Some(col);
    turn[c][q_host] = if other.is_empty() { None } else { turn_other };
    remaining[i] -= add;
    true
}

/// The voters of TPS `c` that a schedule of its remaining voters over the slots still to
/// come (`later`, in the order the greedy goes) cannot fit, filled from the farthest
/// (so they must vote now), per part. Each of those slots serves one turn (the one whose
/// parts have the fewest other slots) and within it the most constrained parts.
#[allow(clippy::too_many_arguments)]
fn alap_must(
    ctx: &Ctx,
    parts: &[Part],
    idx: &[usize],
    remaining: &[u32],
    colour: &[usize],
    c: usize,
    later: &[usize],
    per_slot: Option<u32>,
) -> BTreeMap<usize, u32> {
    let gs = &ctx.groups.groups;
    let mut rem: BTreeMap<usize, u32> = idx
        .iter()
        .filter(|&&i| remaining[i] > 0)
        .map(|&i| (i, remaining[i]))
        .collect();
    // Most constrained first: in time order the latest window start, in reverse order
    // the earliest window end.
    let forward = later.windows(2).all(|w| w[0] < w[1]);
    let key = |i: usize| -> Clock {
        let w = gs[parts[i].group].window;
        if forward {
            w.0
        } else {
            Clock(u16::MAX - w.1.0)
        }
    };
    for &q2 in later.iter().rev() {
        let open: Vec<usize> = rem
            .iter()
            .filter(|(i, n)| **n > 0 && ctx.slot_in_window(parts[**i].group, q2))
            .map(|(i, _)| *i)
            .collect();
        if open.is_empty() {
            continue;
        }
        // The turn whose parts start latest (fewest other slots), then most voters.
        let mut per: BTreeMap<usize, (Clock, u32)> = BTreeMap::new();
        for &i in &open {
            let e = per.entry(colour[i]).or_insert((Clock(0), 0));
            e.0 = e.0.max(key(i));
            e.1 += rem[&i];
        }
        let Some((&pick, _)) = per
            .iter()
            .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
        else {
            continue;
        };
        let mut chosen: Vec<usize> = open.into_iter().filter(|&i| colour[i] == pick).collect();
        chosen.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
        let mut room = per_slot.map_or(ctx.slot_cap[c][q2], |p| p.min(ctx.slot_cap[c][q2]));
        for i in chosen {
            if room == 0 {
                break;
            }
            let n = rem[&i].min(room);
            room -= n;
            if let Some(r) = rem.get_mut(&i) {
                *r -= n;
            }
        }
    }
    rem.retain(|_, n| *n > 0);
    rem
}

/// Escorts the greedy would need beyond those on duty, with unlimited escorts.
fn greedy_shortage(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    mobile_usage: &[i64],
) -> Vec<(Clock, Clock, u32)> {
    let unlimited = EscortProfile::constant(u32::MAX / 4);
    let mut usage = mobile_usage.to_vec();
    let plain = Variant {
        lookahead: 0,
        light: false,
        eager: false,
        reverse: false,
    };
    let (_, _) = greedy_walks(ctx, parts, &unlimited, &mut usage, plain);
    let short: Vec<i64> = (0..usage.len())
        .map(|m| (usage[m] - profile.at(m as i64) as i64).max(0))
        .collect();
    ranges(&short)
}

/// Merges minutes with a positive shortage into `(from, to, max)` ranges.
fn ranges(short: &[i64]) -> Vec<(Clock, Clock, u32)> {
    let mut out = Vec::new();
    let mut m = 0;
    while m < short.len() {
        if short[m] > 0 {
            let from = m;
            let mut peak = 0;
            while m < short.len() && short[m] > 0 {
                peak = peak.max(short[m]);
                m += 1;
            }
            out.push((Clock(from as u16), Clock(m as u16), peak as u32));
        } else {
            m += 1;
        }
    }
    out
}

type ElasticResult = (Vec<PlannedWave>, Shortfall);

/// (part, slot, voters, escorts unless high risk or unescorted, touched minutes).
type SlotVar = (usize, usize, Variable, Option<Variable>, (i64, i64));

/// The elastic schedule MILP. `None` when the solver gave nothing in time.
fn elastic(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    mobile_usage: &[i64],
    settings: &SolveSettings,
) -> Option<ElasticResult> {
    let f = ctx.facility;
    let ratio = f.rules.pengawalan.wbp_per_pengawal.max(1) as f64;
    let officers = f.rules.pengawalan.petugas_per_wbp_risiko_tinggi as f64;
    let max_wave = f.rules.pengawalan.maks_gelombang as f64;
    let mut pv = ProblemVariables::new();
    let mut obj = Expression::from(0.0);
    let mut rows = Vec::new();
    // v, e per (part, slot); ranges of touched minutes.
    let mut vars: Vec<SlotVar> = Vec::new();
    let mut over: Vec<(usize, Variable)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let g = &ctx.groups.groups[p.group];
        if g.mobile {
            continue;
        }
        let mut sum = Expression::from(0.0);
        for q in 0..ctx.slots.len() {
            if !ctx.slot_in_window(p.group, q) {
                continue;
            }
            let s = ctx.slots[q];
            let v = pv.add(
                variable()
                    .integer()
                    .min(0.0)
                    .max(max_wave.min(p.count as f64)),
            );
            let range = touched_minutes(s.start.0 as f64 - p.walk, s.end.0 as f64 + p.walk);
            let dur = (range.1 - range.0) as f64;
            let e = if !g.escorted {
                None
            } else if g.high_risk {
                obj += settings_weight(f) * officers * dur * v;
                None
            } else {
                let e = pv.add(variable().integer().min(0.0));
                rows.push(constraint!(ratio * e >= v));
                obj += settings_weight(f) * dur * e;
                Some(e)
            };
            // Finish early: a little per voter-minute after opening.
            obj += 1e-6 * (s.end.0 as f64) * v;
            sum += v;
            vars.push((i, q, v, e, range));
        }
        let o = pv.add(variable().min(0.0).max(p.count as f64));
        obj += 1e5 * o;
        rows.push(constraint!(sum + o == p.count as f64));
        over.push((i, o));
    }
    // Throughput and mix exclusivity per TPS and slot.
    for (c, _) in ctx.copies.iter().enumerate() {
        let keys: BTreeSet<&super::groups::MixKey> = parts
            .iter()
            .filter(|p| p.copy == c && !ctx.groups.groups[p.group].mobile)
            .map(|p| &ctx.groups.groups[p.group].mix)
            .collect();
        for q in 0..ctx.slots.len() {
            let cap = ctx.slot_cap[c][q] as f64;
            let in_slot: Vec<&SlotVar> = vars
                .iter()
                .filter(|(i, qq, ..)| *qq == q && parts[*i].copy == c)
                .collect();
            if in_slot.is_empty() {
                continue;
            }
            let sum: Expression = in_slot.iter().map(|t| t.2).sum();
            rows.push(constraint!(sum <= cap));
            if keys.len() > 1 {
                let mut pick = Expression::from(0.0);
                for key in &keys {
                    let a = pv.add(variable().binary());
                    pick += a;
                    for t in in_slot
                        .iter()
                        .filter(|t| &&ctx.groups.groups[parts[t.0].group].mix == key)
                    {
                        rows.push(constraint!(t.2 <= cap * a));
                    }
                }
                rows.push(constraint!(pick <= 1.0));
            }
        }
    }
    // Escort rows on elementary intervals (a long walk may reach past either end of
    // the day: nothing is booked there).
    let mobile_at = |m: i64| -> i64 {
        usize::try_from(m)
            .ok()
            .and_then(|m| mobile_usage.get(m))
            .copied()
            .unwrap_or(0)
    };
    let mut cuts: BTreeSet<i64> = BTreeSet::new();
    for t in &vars {
        cuts.insert(t.4.0);
        cuts.insert(t.4.1);
    }
    let (lo, hi) = match (cuts.first(), cuts.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    };
    for m in lo.max(1)..hi {
        if profile.at(m) != profile.at(m - 1) || mobile_at(m) != mobile_at(m - 1) {
            cuts.insert(m);
        }
    }
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut slack_rows: Vec<(i64, i64, Variable)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut sum = Expression::from(0.0);
        let mut any = false;
        for t in vars
            .iter()
            .filter(|t| t.4.0 <= a && t.4.1 >= b)
            .filter(|t| ctx.groups.groups[parts[t.0].group].escorted)
        {
            any = true;
            match t.3 {
                Some(e) => sum += e,
                None => sum += officers * t.2,
            }
        }
        if !any {
            continue;
        }
        let cap = (a..b)
            .map(|m| profile.at(m) as i64 - mobile_at(m))
            .min()
            .unwrap_or(0) as f64;
        // Officers short, per minute of the interval (a request is for officer-time).
        let s = pv.add(variable().min(0.0));
        obj += 1e2 * (b - a) as f64 * s;
        rows.push(constraint!(sum <= cap + s));
        slack_rows.push((a, b, s));
    }
    let mut read: Vec<Variable> = Vec::new();
    for t in &vars {
        read.push(t.2);
        if let Some(e) = t.3 {
            read.push(e);
        }
    }
    read.extend(over.iter().map(|o| o.1));
    read.extend(slack_rows.iter().map(|s| s.2));
    let milp = Milp {
        vars: pv,
        objective: obj,
        constraints: rows,
        warm: Vec::new(),
    };
    let settings = SolveSettings {
        time_limit: settings
            .time_limit
            .mul_f64(0.25)
            .clamp(Duration::from_millis(100), Duration::from_secs(1)),
        mip_gap: settings.mip_gap.max(1e-3),
        ..*settings
    };
    let solved = solve(milp, &read, &settings).ok()?;
    let mut it = solved.values.into_iter();
    let mut waves = Vec::new();
    for t in &vars {
        let v = it.next().unwrap_or(0.0).round() as u32;
        let e = t.3.map(|_| it.next().unwrap_or(0.0).round() as u32);
        if v > 0 {
            let p = &parts[t.0];
            let g = &ctx.groups.groups[p.group];
            let s = ctx.slots[t.1];
            waves.push(PlannedWave {
                copy: p.copy,
                group: p.group,
                start: s.start,
                end: s.end,
                voters: v,
                escorts: if g.escorted {
                    e.unwrap_or(0).max(wave_escorts(f, v, g.high_risk))
                } else {
                    0
                },
                mobile: false,
            });
        }
    }
    let mut shortfall = Shortfall::default();
    for (i, _) in &over {
        let o = it.next().unwrap_or(0.0);
        if o > 0.5 {
            shortfall
                .unserved
                .push((parts[*i].copy, parts[*i].group, o.round() as u32));
        }
    }
    let mut short = vec![0i64; 24 * 60];
    for (a, b, _) in &slack_rows {
        let s = it.next().unwrap_or(0.0);
        if s > 1e-6 {
            for m in (*a).max(0)..(*b).min(short.len() as i64) {
                short[m as usize] = short[m as usize].max(s.ceil() as i64);
            }
        }
    }
    shortfall.escorts = ranges(&short);
    Some((waves, shortfall))
}

fn settings_weight(f: &Facility) -> f64 {
    f.rules.bobot.menit_pengawal
}
