//! Escorts and searchers by name: every job (a wave's escort, a TPS's searcher shift)
//! is a time interval needing a number of officers of a role, some of them women.
//! Jobs are filled in time order from the officers on duty who are not KPPS, nobody
//! in two places at once, nobody past the longest stretch without a break; what
//! cannot be filled becomes a shortfall by role and time window.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Clock, Nip, Sex, Staff, StaffRole};

mod exchange;

use exchange::{Seg, augment_gaps, women_to_women_seats};

/// The role a job needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyRole {
    /// Escort of a wave (walk there, voting, walk back) or of a mobile visit.
    Pengawal,
    /// Searcher at a TPS.
    Pemeriksa,
}

impl DutyRole {
    /// The staff role that may do it.
    pub fn staff_role(self) -> StaffRole {
        match self {
            DutyRole::Pengawal => StaffRole::Pengawal,
            DutyRole::Pemeriksa => StaffRole::Pemeriksa,
        }
    }

    /// Its name as written in `petugas.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            DutyRole::Pengawal => "pengawal",
            DutyRole::Pemeriksa => "pemeriksa",
        }
    }
}

/// One interval job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// What it is, for `petugas.csv` `tempat` ("blok A -> TPS 901").
    pub place: String,
    /// Role needed.
    pub role: DutyRole,
    /// Busy from.
    pub from: Clock,
    /// Busy until.
    pub until: Clock,
    /// Officers needed.
    pub count: u32,
    /// At least one of them a woman.
    pub needs_woman: bool,
    /// The TPS it serves.
    pub tps: u32,
    /// Index of the wave in the plan, for escort jobs.
    pub wave: Option<usize>,
    /// A mobile-box visit (its escorts are requested apart from the waves').
    pub visit: bool,
}

/// Break rule for officers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakRule {
    /// Longest stretch of work (jobs less than `break_minutes` apart count as one stretch).
    pub max_stretch: u16,
    /// The break that ends a stretch.
    pub break_minutes: u16,
    /// Shortest relay: an officer takes over a duty for at least this long (or for the
    /// rest of it).
    pub min_relay: u16,
}

/// One officer's assignment to a job, for the part of it they cover (a relay when a
/// duty is handed over at the post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyAssignment {
    /// Index of the job in the input slice.
    pub job: usize,
    /// Who.
    pub nip: Nip,
    /// From (the job's start, or a handover).
    pub from: Clock,
    /// Until (the job's end, or a handover).
    pub until: Clock,
}

/// Officers missing for a job over part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// Index of the job.
    pub job: usize,
    /// Missing from.
    pub from: Clock,
    /// Missing until.
    pub until: Clock,
    /// How many officers are missing in all.
    pub count: u32,
    /// Whether the required woman is among the missing.
    pub woman: bool,
}

struct Officer<'a> {
    staff: &'a Staff,
    /// Busy intervals, sorted, never overlapping.
    busy: Vec<(u16, u16)>,
    /// Planned rests (staggered breaks): no work there, sorted.
    rest: Vec<(u16, u16)>,
}

impl Officer<'_> {
    /// The latest end `e <= until` such that this officer can work `[from, e)` on top of
    /// what they already do: on duty, free, and no stretch (work with gaps shorter than
    /// a break) longer than the rule allows. `None` when they cannot start at `from`.
    fn reach(&self, from: u16, until: u16, rule: BreakRule) -> Option<u16> {
        if self.staff.on_duty_from.0 > from || self.staff.on_duty_until.0 <= from {
            return None;
        }
        if self.rest.iter().any(|&(a, b)| a <= from && from < b) {
            return None;
        }
        let rest_at = self
            .rest
            .iter()
            .find(|&&(a, _)| a > from)
            .map_or(u16::MAX, |&(a, _)| a);
        let brk = rule.break_minutes;
        // The stretch this work would join, backwards.
        let next = self.busy.partition_point(|&(a, _)| a <= from);
        if next > 0 && self.busy[next - 1].1 > from {
            return None;
        }
        let mut start = from;
        for &(a, b) in self.busy[..next].iter().rev() {
            if start < b + brk {
                start = a;
            } else {
                break;
            }
        }
        let mut e = until
            .min(self.staff.on_duty_until.0)
            .min(rest_at)
            .min(start.saturating_add(rule.max_stretch));
        if let Some(&(na, _)) = self.busy.get(next) {
            e = e.min(na);
            if e + brk > na {
                // Joins the following stretch: all of it must fit, else stop a break
                // before it.
                let mut end = e;
                for &(a, b) in &self.busy[next..] {
                    if a < end + brk {
                        end = end.max(b);
                    } else {
                        break;
                    }
                }
                if end - start > rule.max_stretch {
                    e = e.min(na.saturating_sub(brk));
                }
            }
        }
        (e > from).then_some(e)
    }

    /// The first minute `>= t` at which this officer is on duty, not working and not
    /// resting (where [`Officer::reach`] can succeed at all); `None` when none is left.
    fn next_free(&self, mut t: u16) -> Option<u16> {
        t = t.max(self.staff.on_duty_from.0);
        loop {
            if t >= self.staff.on_duty_until.0 {
                return None;
            }
            // Both lists are sorted and their intervals never overlap each other.
            let covering = |list: &[(u16, u16)]| {
                let k = list.partition_point(|&(a, _)| a <= t);
                (k > 0 && list[k - 1].1 > t).then(|| list[k - 1].1)
            };
            let inside = covering(&self.busy).max(covering(&self.rest));
            match inside {
                Some(b) => t = b,
                None => return Some(t),
            }
        }
    }

    fn book(&mut self, from: u16, until: u16) {
        let at = self.busy.partition_point(|&(a, _)| a < from);
        self.busy.insert(at, (from, until));
    }

    fn load(&self) -> u32 {
        self.busy.iter().map(|(a, b)| (b - a) as u32).sum()
    }
}

/// When officers of `pemilih_lain.csv` vote: their wave at the TPS, `[from, until)` in
/// minutes, by NIP.
pub type Votes = BTreeMap<Nip, (u16, u16)>;

/// Relay segments `(officer, from, until)` and the gaps nobody could cover.
type Cover<'a> = (Vec<(&'a Nip, u16, u16)>, Vec<(u16, u16)>);

/// Covers one seat of a job over `[from, until)` by relays: at each handover the
/// officer who can take the rest of it, else the one who can take the most (at least
/// the shortest relay). Returns the segments and the gaps nobody could cover.
fn cover_seat<'a>(
    officers: &mut BTreeMap<&'a Nip, Officer<'a>>,
    job: &Job,
    women_only: bool,
    from: u16,
    until: u16,
    rule: BreakRule,
) -> Cover<'a> {
    let role = job.role.staff_role();
    let qualified =
        |o: &Officer| o.staff.roles.contains(&role) && (!women_only || o.staff.sex == Sex::P);
    let mut segments = Vec::new();
    let mut gaps: Vec<(u16, u16)> = Vec::new();
    let mut t = from;
    while t < until {
        let need = rule.min_relay.max(1).min(until - t);
        let best = officers
            .iter()
            .filter(|(_, o)| qualified(o))
            .filter_map(|(n, o)| {
                let e = o.reach(t, until, rule)?;
                (e - t >= need).then_some((*n, o.staff, o.load(), e))
            })
            .min_by_key(|&(_, s, load, e)| {
                // The rest of the duty in one hand first; then the longest relay.
                (
                    e < until,
                    std::cmp::Reverse(e),
                    s.on_duty_until,
                    s.sex == Sex::P,
                    load,
                    &s.nip,
                )
            })
            .map(|(n, _, _, e)| (n, e));
        match best {
            Some((n, e)) => {
                if let Some(o) = officers.get_mut(n) {
                    o.book(t, e);
                }
                segments.push((n, t, e));
                t = e;
            }
            None => {
                // Nobody can start before some officer is next on duty, free and not
                // resting: the gap runs at least until then.
                let next = officers
                    .values()
                    .filter(|o| qualified(o))
                    .filter_map(|o| o.next_free(t + 1))
                    .min()
                    .unwrap_or(until)
                    .clamp(t + 1, until);
                match gaps.last_mut() {
                    Some(g) if g.1 == t => g.1 = next,
                    _ => gaps.push((t, next)),
                }
                t = next;
            }
        }
    }
    (segments, gaps)
}

/// Fills `jobs` (any order; they are taken by start time, then end, then index) from
/// `staff` minus `excluded` (the KPPS). Each of a job's seats is covered by relays
/// handed over at the post when no one officer can take all of it (shift ends,
/// breaks): the officer who can take the rest of it is preferred, then the one whose
/// duty ends soonest (keeping long shifts for later jobs), men before women (women are
/// scarce for women's blocks), less loaded first, then by nip. A job that needs a woman
/// has one seat held by women; where no woman can take it a man holds it and the woman
/// is missing. Deterministic.
///
/// Where that leaves officers missing, the fill is tried again with the breaks planned
/// ahead and levelled (officer by officer, each break where the day's duties and the
/// breaks already planned are lowest, so not everybody who started together rests
/// together), and the fill that leaves the fewest officer-minutes missing (then
/// women-minutes, then handovers) is kept.
pub fn fill_jobs(
    staff: &[Staff],
    excluded: &std::collections::BTreeSet<Nip>,
    jobs: &[Job],
    rule: BreakRule,
    votes: &Votes,
) -> (Vec<DutyAssignment>, Vec<Missing>) {
    let plain = fill_once(staff, excluded, jobs, rule, false, votes);
    if plain.1.is_empty() {
        return plain;
    }
    let score = |f: &(Vec<DutyAssignment>, Vec<Missing>)| {
        let (women, all) = missing_minutes(&f.1);
        (all, women, f.0.len())
    };
    let levelled = fill_once(staff, excluded, jobs, rule, true, votes);
    if score(&levelled) < score(&plain) {
        levelled
    } else {
        plain
    }
}

/// Officer-minutes missing: `(women, all)` (the women's are part of all).
pub(super) fn missing_minutes(missing: &[Missing]) -> (u64, u64) {
    missing.iter().fold((0, 0), |(w, a), m| {
        let len = u64::from(m.until.0.saturating_sub(m.from.0)) * u64::from(m.count);
        (w + if m.woman { len } else { 0 }, a + len)
    })
}

/// Planned rests for one officer whose working window `[from, until)` (their duty
/// within the day's jobs of their roles) is longer than a stretch: each rest falls
/// where `load` (duties and rests planned so far, per minute) is lowest, from a third
/// of a stretch to a whole stretch after the previous rest (or the window's start),
/// the later on ties; the next while more than a stretch of the window remains.
fn planned_rests((from, until): (u16, u16), load: &mut [u32], rule: BreakRule) -> Vec<(u16, u16)> {
    let (s, b) = (rule.max_stretch.max(1), rule.break_minutes.max(1));
    if until <= from || until - from <= s {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = from;
    while until - start > s {
        let peak = |r: u16| {
            (r..(r + b).min(load.len() as u16))
                .map(|m| load[m as usize])
                .max()
                .unwrap_or(0)
        };
        let at = (start + s / 3..=start + s)
            .step_by(5)
            .chain(std::iter::once(start + s))
            .min_by_key(|&r| (peak(r), std::cmp::Reverse(r)))
            .unwrap_or(start + s);
        if at >= until || until - at <= b {
            break;
        }
        out.push((at, at + b));
        for m in at..(at + b).min(load.len() as u16) {
            load[m as usize] += 1;
        }
        start = at + b;
    }
    out
}

/// One fill in time order (see [`fill_jobs`]); with `levelled` the breaks are planned
/// ahead by [`planned_rests`].
pub(super) fn fill_once(
    staff: &[Staff],
    excluded: &std::collections::BTreeSet<Nip>,
    jobs: &[Job],
    rule: BreakRule,
    levelled: bool,
    votes: &Votes,
) -> (Vec<DutyAssignment>, Vec<Missing>) {
    // The day's work per staff role: from the first job's start to the last one's end.
    let mut window: BTreeMap<StaffRole, (u16, u16)> = BTreeMap::new();
    for j in jobs.iter().filter(|j| j.until > j.from) {
        let w = window
            .entry(j.role.staff_role())
            .or_insert((j.from.0, j.until.0));
        w.0 = w.0.min(j.from.0);
        w.1 = w.1.max(j.until.0);
    }
    let mut load = vec![0u32; 24 * 60];
    for j in jobs {
        for m in j.from.0..j.until.0.min(24 * 60) {
            load[m as usize] += j.count;
        }
    }
    let mut officers: BTreeMap<&Nip, Officer> = staff
        .iter()
        .filter(|s| !excluded.contains(&s.nip))
        .map(|s| {
            let window = s.roles.iter().filter_map(|r| window.get(r)).fold(
                None,
                |acc: Option<(u16, u16)>, &(a, b)| {
                    Some(acc.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
                },
            );
            let rest = match window {
                Some(w) if levelled => planned_rests(
                    (s.on_duty_from.0.max(w.0), s.on_duty_until.0.min(w.1)),
                    &mut load,
                    rule,
                ),
                _ => Vec::new(),
            };
            (
                &s.nip,
                Officer {
                    staff: s,
                    // An officer of pemilih_lain.csv is at the TPS during their
                    // wave: no duty then (it counts as work for the breaks).
                    busy: votes.get(&s.nip).map(|&v| vec![v]).unwrap_or_default(),
                    rest,
                },
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| (jobs[i].from, jobs[i].until, i));
    let mut out = Vec::new();
    let mut segs: Vec<Seg> = Vec::new();
    let mut missing = Vec::new();
    for i in order {
        let job = &jobs[i];
        let (from, until) = (job.from.0, job.until.0);
        if until <= from {
            continue;
        }
        for seat in 0..job.count {
            let woman_seat = seat == 0 && job.needs_woman;
            let (mut segments, gaps) =
                cover_seat(&mut officers, job, woman_seat, from, until, rule);
            let mut open = Vec::new();
            if woman_seat {
                // Where no woman can take the seat a man holds it; the woman is missing.
                for &(a, b) in &gaps {
                    missing.push(Missing {
                        job: i,
                        from: Clock(a),
                        until: Clock(b),
                        count: 1,
                        woman: true,
                    });
                    let (more, _) = cover_seat(&mut officers, job, false, a, b, rule);
                    segments.extend(more);
                }
            } else {
                open = gaps;
            }
            for (a, b) in open {
                missing.push(Missing {
                    job: i,
                    from: Clock(a),
                    until: Clock(b),
                    count: 1,
                    woman: false,
                });
            }
            for (n, a, b) in segments {
                segs.push(Seg {
                    job: i,
                    nip: n,
                    from: a,
                    until: b,
                    woman_seat,
                });
            }
        }
    }
    women_to_women_seats(jobs, &mut officers, &mut segs, &mut missing, rule);
    augment_gaps(jobs, &mut officers, &mut segs, &mut missing, rule);
    for s in segs.into_iter().filter(|s| s.until > s.from) {
        out.push(DutyAssignment {
            job: s.job,
            nip: s.nip.clone(),
            from: Clock(s.from),
            until: Clock(s.until),
        });
    }
    out.sort_by(|a, b| {
        a.job
            .cmp(&b.job)
            .then(a.from.cmp(&b.from))
            .then(a.nip.cmp(&b.nip))
    });
    missing.sort_by_key(|m| (m.job, m.from, m.woman));
    (out, missing)
}

/// A shortfall over a time window: `count` more officers of `role` (women if `women`)
/// are needed from `from` to `until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffShortfall {
    /// Role.
    pub role: DutyRole,
    /// The missing officers must be women.
    pub women: bool,
    /// From.
    pub from: Clock,
    /// Until.
    pub until: Clock,
    /// How many more at the same time.
    pub count: u32,
    /// Escorts of mobile-box visits (not of walking waves).
    #[serde(default)]
    pub visit: bool,
}

impl StaffShortfall {
    /// "kurang 2 pengawal perempuan 09:30-10:00" / "2 more women escorts 09:30-10:00".
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        match lang {
            Lang::Id => format!(
                "kurang {} {}{}{} {}-{}",
                self.count,
                self.role.as_str(),
                if self.women { " perempuan" } else { "" },
                if self.visit { " kunjungan" } else { "" },
                self.from,
                self.until
            ),
            Lang::En => format!(
                "{} more {}{}{} {}-{}",
                self.count,
                if self.women { "women " } else { "" },
                match self.role {
                    DutyRole::Pengawal => "escorts",
                    DutyRole::Pemeriksa => "searchers",
                },
                if self.visit { " for visits" } else { "" },
                self.from,
                self.until
            ),
        }
    }
}

/// Turns per-job misses into windows: per role and sex, the number missing at each
/// minute, cut into maximal windows of constant count. A missing woman counts as a
/// woman short; the other missing officers count as officers of either sex.
pub fn shortfalls(jobs: &[Job], missing: &[Missing]) -> Vec<StaffShortfall> {
    let mut profile: BTreeMap<(DutyRole, bool, bool), BTreeMap<u16, i64>> = BTreeMap::new();
    for m in missing {
        let job = &jobs[m.job];
        let mut add = |women: bool, n: u32| {
            if n == 0 {
                return;
            }
            let p = profile.entry((job.role, job.visit, women)).or_default();
            *p.entry(m.from.0).or_default() += n as i64;
            *p.entry(m.until.0).or_default() -= n as i64;
        };
        add(true, m.woman as u32);
        add(false, m.count - m.woman as u32);
    }
    let mut out = Vec::new();
    for ((role, visit, women), deltas) in profile {
        let mut level = 0i64;
        let mut open: Option<(u16, i64)> = None;
        for (t, d) in deltas {
            level += d;
            match open {
                Some((start, l)) if l != level => {
                    out.push(StaffShortfall {
                        role,
                        women,
                        from: Clock(start),
                        until: Clock(t),
                        count: l as u32,
                        visit,
                    });
                    open = (level > 0).then_some((t, level));
                }
                None if level > 0 => open = Some((t, level)),
                _ => {}
            }
        }
    }
    out.sort_by_key(|s| (s.from, s.role, s.visit, s.women, s.until));
    out
}
