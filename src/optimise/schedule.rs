//! The voting-day schedule, given the registration: waves of each group to its TPS in
//! each slot under booth throughput, the windows, the wave size, the time separation of
//! voters that may not mix, and the escorts on duty (busy for the walk there, the
//! voting and the walk back); mobile visits inside the visit window.
//!
//! A greedy list schedule (slot by slot, most constrained groups first, work-conserving)
//! is tried first; with all windows ending at closing minus the buffer it is feasible
//! whenever the registration rows hold and escorts suffice. When it leaves voters
//! unserved, an elastic MILP (integer voters and escorts per group, TPS and slot, with
//! slack on every escort row and on every group's total) decides whether a schedule
//! exists and otherwise measures the smallest relaxation.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use crate::layout::Layout;
use crate::model::{Clock, Facility};

use super::capacity::{
    EscortProfile, Slot, minutes_per_voter, slot_capacity, slots, touched_minutes, visit_officers,
    visit_teams, wave_escorts,
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
}

impl Ctx<'_> {
    fn parts(&self) -> Vec<Part> {
        let mut out = Vec::new();
        for (c, copy) in self.copies.iter().enumerate() {
            for (&g, &n) in &copy.parts {
                let walk = self
                    .layout
                    .walk(self.groups.groups[g].block, copy.site)
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

/// Schedules the day. `Ok` holds every wave; `Err` the measured shortfall.
pub fn schedule(
    facility: &Facility,
    layout: &Layout,
    groups: &Groups,
    copies: &[Copy],
    profile: &EscortProfile,
    settings: &SolveSettings,
    elastic_model: bool,
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
    };
    let parts = ctx.parts();
    let mut usage = vec![0i64; 24 * 60];
    let (mut waves, mut unserved) = visits(&ctx, &parts, profile, &mut usage);
    let mobile_usage = usage.clone();
    let (walking, left) = greedy_walks(&ctx, &parts, profile, &mut usage);
    if left.is_empty() && unserved.is_empty() {
        waves.extend(walking);
        waves.sort_by_key(|w| (w.start, w.copy, w.group));
        return Ok((waves, Status::Heuristic));
    }
    if !elastic_model {
        unserved.extend(left);
        return Err(Shortfall {
            escorts: Vec::new(),
            unserved,
        });
    }
    // The greedy left voters: decide with the elastic model.
    match elastic(&ctx, &parts, profile, &mobile_usage, settings) {
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
        None => {
            unserved.extend(left);
            Err(Shortfall {
                escorts: greedy_shortage(&ctx, &parts, profile, &mobile_usage),
                unserved,
            })
        }
    }
}

/// Mobile visits: each TPS's teams visit their blocks (one trip per visit group),
/// the least flexible visits first (shortest window, then earliest end, then nearest),
/// each at the earliest minute inside its window when a team is free for the walk
/// there, the voting and the walk back, and the officers it needs are on duty.
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
    let mut by_copy: BTreeMap<usize, Vec<&Part>> = BTreeMap::new();
    for p in parts.iter().filter(|p| ctx.groups.groups[p.group].mobile) {
        by_copy.entry(p.copy).or_default().push(p);
    }
    for (c, mut ps) in by_copy {
        ps.sort_by(|a, b| {
            let (ga, gb) = (&ctx.groups.groups[a.group], &ctx.groups.groups[b.group]);
            let len = |g: &super::groups::Group| g.window.1.0.saturating_sub(g.window.0.0);
            len(ga)
                .cmp(&len(gb))
                .then(ga.window.1.cmp(&gb.window.1))
                .then(a.walk.total_cmp(&b.walk))
                .then(a.group.cmp(&b.group))
        });
        // Each team's busy intervals (leaving the site, back at the site).
        let mut team_busy: Vec<Vec<(f64, f64)>> = vec![Vec::new(); teams];
        // All clinic voters of a TPS are in the clinic: one trip serves them all, group
        // after group, inside their common window; other visits are a trip each.
        let (clinic, others): (Vec<&Part>, Vec<&Part>) = ps
            .into_iter()
            .partition(|p| ctx.groups.groups[p.group].clinic);
        let mut trips: Vec<Vec<&Part>> = Vec::new();
        if !clinic.is_empty() {
            trips.push(clinic);
        }
        trips.extend(others.into_iter().map(|p| vec![p]));
        for trip in trips {
            let window = trip.iter().fold((Clock(0), Clock(24 * 60)), |(a, b), p| {
                let w = ctx.groups.groups[p.group].window;
                (a.max(w.0), b.min(w.1))
            });
            let walk = trip.iter().map(|p| p.walk).fold(0.0, f64::max);
            let officers = trip
                .iter()
                .map(|p| visit_officers(f, ctx.groups.groups[p.group].high_risk))
                .max()
                .unwrap_or(0);
            let durs: Vec<u16> = trip
                .iter()
                .map(|p| (p.count as f64 * mk).ceil() as u16)
                .collect();
            let dur: u16 = durs.iter().sum();
            let mut placed = false;
            let mut start = window.0.0;
            'search: while start + dur <= window.1.0 {
                let a = start as f64 - walk;
                let b = (start + dur) as f64 + walk;
                if free(profile, usage, a, b) >= officers as i64 {
                    for busy in team_busy.iter_mut() {
                        if busy.iter().all(|&(x, y)| b <= x || y <= a) {
                            busy.push((a, b));
                            book(usage, a, b, officers);
                            let mut t = start;
                            for (p, d) in trip.iter().zip(&durs) {
                                waves.push(PlannedWave {
                                    copy: c,
                                    group: p.group,
                                    start: Clock(t),
                                    end: Clock(t + d),
                                    voters: p.count,
                                    escorts: visit_officers(
                                        f,
                                        ctx.groups.groups[p.group].high_risk,
                                    ),
                                    mobile: true,
                                });
                                t += d;
                            }
                            placed = true;
                            break 'search;
                        }
                    }
                }
                start += 1;
            }
            if !placed {
                unserved.extend(trip.iter().map(|p| (c, p.group, p.count)));
            }
        }
    }
    (waves, unserved)
}

fn greedy_walks(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    usage: &mut [i64],
) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
    let f = ctx.facility;
    let ratio = f.rules.pengawalan.wbp_per_pengawal.max(1) as i64;
    let officers = f.rules.pengawalan.petugas_per_wbp_risiko_tinggi.max(1) as i64;
    let max_wave = f.rules.pengawalan.maks_gelombang;
    let mut remaining: Vec<u32> = parts
        .iter()
        .map(|p| {
            if ctx.groups.groups[p.group].mobile {
                0
            } else {
                p.count
            }
        })
        .collect();
    let mut by_copy: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in parts.iter().enumerate() {
        by_copy.entry(p.copy).or_default().push(i);
    }
    let mut waves = Vec::new();
    for q in 0..ctx.slots.len() {
        let slot = ctx.slots[q];
        // TPS with the least slack (capacity left minus voters left) go first, so
        // escorts short at this slot are taken from those that can still catch up.
        let mut order: Vec<(i64, usize)> = by_copy
            .iter()
            .map(|(&c, idx)| {
                let cap: i64 = ctx.slot_cap[c][q..].iter().map(|&x| x as i64).sum();
                let load: i64 = idx.iter().map(|&i| remaining[i] as i64).sum();
                (cap - load, c)
            })
            .collect();
        order.sort();
        for (_, c) in order {
            let idx = &by_copy[&c];
            let mut cap_left = ctx.slot_cap[c][q];
            let open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| remaining[i] > 0 && ctx.slot_in_window(parts[i].group, q))
                .collect();
            if open.is_empty() || cap_left == 0 {
                continue;
            }
            // The mix key to serve: the one whose open voters are the most constrained
            // (latest window start), then the most voters left.
            let mut keys: BTreeMap<&super::groups::MixKey, (Clock, u32)> = BTreeMap::new();
            for &i in &open {
                let g = &ctx.groups.groups[parts[i].group];
                let e = keys.entry(&g.mix).or_insert((Clock(0), 0));
                e.0 = e.0.max(g.window.0);
                e.1 += remaining[i];
            }
            // High-risk voters need officers per inmate: serve them when nothing else
            // waits at this TPS, so escorts go round in the busy hours.
            let Some(key) = keys
                .iter()
                .max_by_key(|(k, (start, left))| (!k.high_risk, *start, *left))
                .map(|(k, _)| (*k).clone())
            else {
                continue;
            };
            let mut chosen: Vec<usize> = open
                .into_iter()
                .filter(|&i| ctx.groups.groups[parts[i].group].mix == key)
                .collect();
            chosen.sort_by_key(|&i| {
                let g = &ctx.groups.groups[parts[i].group];
                (
                    std::cmp::Reverse(g.window.0),
                    std::cmp::Reverse(remaining[i]),
                    i,
                )
            });
            for i in chosen {
                if cap_left == 0 {
                    break;
                }
                let p = &parts[i];
                let g = &ctx.groups.groups[p.group];
                let a = slot.start.0 as f64 - p.walk;
                let b = slot.end.0 as f64 + p.walk;
                let avail = free(profile, usage, a, b).max(0);
                let by_escort = if g.high_risk {
                    avail / officers
                } else {
                    avail * ratio
                };
                let n = remaining[i]
                    .min(cap_left)
                    .min(max_wave)
                    .min(by_escort.min(u32::MAX as i64) as u32);
                if n == 0 {
                    continue;
                }
                let e = wave_escorts(f, n, g.high_risk);
                book(usage, a, b, e);
                remaining[i] -= n;
                cap_left -= n;
                waves.push(PlannedWave {
                    copy: c,
                    group: p.group,
                    start: slot.start,
                    end: slot.end,
                    voters: n,
                    escorts: e,
                    mobile: false,
                });
            }
        }
    }
    let left = parts
        .iter()
        .zip(&remaining)
        .filter(|(_, r)| **r > 0)
        .map(|(p, r)| (p.copy, p.group, *r))
        .collect();
    (waves, left)
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
    let (_, _) = greedy_walks(ctx, parts, &unlimited, &mut usage);
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

/// (part, slot, voters, escorts unless high risk, touched minutes).
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
            let e = if g.high_risk {
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
    // Escort rows on elementary intervals.
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
        if profile.at(m) != profile.at(m - 1)
            || mobile_usage[m as usize] != mobile_usage[m as usize - 1]
        {
            cuts.insert(m);
        }
    }
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut slack_rows: Vec<(i64, i64, Variable)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut sum = Expression::from(0.0);
        let mut any = false;
        for t in vars.iter().filter(|t| t.4.0 <= a && t.4.1 >= b) {
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
            .map(|m| profile.at(m) as i64 - mobile_usage[m as usize])
            .min()
            .unwrap_or(0) as f64;
        let s = pv.add(variable().min(0.0));
        obj += 1e3 * s;
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
            .clamp(Duration::from_millis(200), Duration::from_secs(3)),
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
                escorts: e.unwrap_or(0).max(wave_escorts(f, v, g.high_risk)),
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
            for m in *a..*b {
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
