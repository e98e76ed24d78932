//! Escorts and searchers by name: every job (a wave's escort, a TPS's searcher shift)
//! is a time interval needing a number of officers of a role, some of them women.
//! Jobs are filled in time order from the officers on duty who are not KPPS, nobody
//! in two places at once, nobody past the longest stretch without a break; what
//! cannot be filled becomes a shortfall by role and time window.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Clock, Nip, Sex, Staff, StaffRole};

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
}

/// Break rule for officers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakRule {
    /// Longest stretch of work (jobs less than `break_minutes` apart count as one stretch).
    pub max_stretch: u16,
    /// The break that ends a stretch.
    pub break_minutes: u16,
}

/// One officer's assignment to a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyAssignment {
    /// Index of the job in the input slice.
    pub job: usize,
    /// Who.
    pub nip: Nip,
}

/// Officers missing for a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// Index of the job.
    pub job: usize,
    /// How many officers are missing in all.
    pub count: u32,
    /// Whether the required woman is among the missing.
    pub woman: bool,
}

struct Officer<'a> {
    staff: &'a Staff,
    busy: Vec<(u16, u16)>,
}

impl Officer<'_> {
    fn free_for(&self, from: u16, until: u16, rule: BreakRule) -> bool {
        if self.staff.on_duty_from.0 > from || self.staff.on_duty_until.0 < until {
            return false;
        }
        if self.busy.iter().any(|&(a, b)| a < until && from < b) {
            return false;
        }
        // The stretch this job would join: chain jobs whose gaps are shorter than a break.
        let mut intervals = self.busy.clone();
        intervals.push((from, until));
        intervals.sort_unstable();
        let (mut start, mut end) = intervals[0];
        for &(a, b) in &intervals[1..] {
            if a < end + rule.break_minutes {
                end = end.max(b);
            } else {
                if start <= from && from < end && end - start > rule.max_stretch {
                    return false;
                }
                start = a;
                end = b;
            }
        }
        !(start <= from && from < end && end - start > rule.max_stretch)
    }
}

/// Fills `jobs` (any order; they are taken by start time, then end, then index) from
/// `staff` minus `excluded` (the KPPS). For each job, a woman is taken first when it
/// needs one; then officers whose duty ends soonest (keeping long shifts for later
/// jobs), men before women (women are scarce for women's blocks), less loaded first,
/// then by nip. Deterministic.
pub fn fill_jobs(
    staff: &[Staff],
    excluded: &std::collections::BTreeSet<Nip>,
    jobs: &[Job],
    rule: BreakRule,
) -> (Vec<DutyAssignment>, Vec<Missing>) {
    let mut officers: BTreeMap<&Nip, Officer> = staff
        .iter()
        .filter(|s| !excluded.contains(&s.nip))
        .map(|s| {
            (
                &s.nip,
                Officer {
                    staff: s,
                    busy: Vec::new(),
                },
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| (jobs[i].from, jobs[i].until, i));
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for i in order {
        let job = &jobs[i];
        let (from, until) = (job.from.0, job.until.0);
        let mut candidates: Vec<&Nip> = officers
            .iter()
            .filter(|(_, o)| {
                o.staff.roles.contains(&job.role.staff_role()) && o.free_for(from, until, rule)
            })
            .map(|(n, _)| *n)
            .collect();
        let key = |n: &&Nip, officers: &BTreeMap<&Nip, Officer>| {
            let o = &officers[*n];
            let load: u32 = o.busy.iter().map(|(a, b)| (b - a) as u32).sum();
            (
                o.staff.on_duty_until,
                o.staff.sex == Sex::P,
                load,
                o.staff.nip.clone(),
            )
        };
        candidates.sort_by_key(|n| key(n, &officers));
        let mut chosen: Vec<&Nip> = Vec::new();
        let mut woman_missing = false;
        if job.needs_woman && job.count > 0 {
            match candidates
                .iter()
                .position(|n| officers[*n].staff.sex == Sex::P)
            {
                Some(p) => chosen.push(candidates.remove(p)),
                None => woman_missing = true,
            }
        }
        for n in candidates {
            if chosen.len() as u32 >= job.count {
                break;
            }
            chosen.push(n);
        }
        for n in &chosen {
            if let Some(o) = officers.get_mut(*n) {
                o.busy.push((from, until));
            }
            out.push(DutyAssignment {
                job: i,
                nip: (*n).clone(),
            });
        }
        let short = job.count.saturating_sub(chosen.len() as u32);
        if short > 0 || woman_missing {
            missing.push(Missing {
                job: i,
                count: short.max(woman_missing as u32),
                woman: woman_missing,
            });
        }
    }
    out.sort_by(|a, b| a.job.cmp(&b.job).then(a.nip.cmp(&b.nip)));
    missing.sort_by_key(|m| m.job);
    (out, missing)
}

/// A shortfall over a time window: `count` more officers of `role` (women if `women`)
/// are needed from `from` to `until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
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
}

impl Shortfall {
    /// "kurang 2 pengawal perempuan 09:30-10:00" / "2 more women escorts 09:30-10:00".
    pub fn describe(&self, lang: crate::cli::Lang) -> String {
        use crate::cli::Lang;
        match lang {
            Lang::Id => format!(
                "kurang {} {}{} {}-{}",
                self.count,
                self.role.as_str(),
                if self.women { " perempuan" } else { "" },
                self.from,
                self.until
            ),
            Lang::En => format!(
                "{} more {}{} {}-{}",
                self.count,
                if self.women { "women " } else { "" },
                match self.role {
                    DutyRole::Pengawal => "escorts",
                    DutyRole::Pemeriksa => "searchers",
                },
                self.from,
                self.until
            ),
        }
    }
}

/// Turns per-job misses into windows: per role and sex, the number missing at each
/// minute, cut into maximal windows of constant count. A missing woman counts as a
/// woman short; the other missing officers count as officers of either sex.
pub fn shortfalls(jobs: &[Job], missing: &[Missing]) -> Vec<Shortfall> {
    let mut profile: BTreeMap<(DutyRole, bool), BTreeMap<u16, i64>> = BTreeMap::new();
    for m in missing {
        let job = &jobs[m.job];
        let mut add = |women: bool, n: u32| {
            if n == 0 {
                return;
            }
            let p = profile.entry((job.role, women)).or_default();
            *p.entry(job.from.0).or_default() += n as i64;
            *p.entry(job.until.0).or_default() -= n as i64;
        };
        add(true, m.woman as u32);
        add(false, m.count - m.woman as u32);
    }
    let mut out = Vec::new();
    for ((role, women), deltas) in profile {
        let mut level = 0i64;
        let mut open: Option<(u16, i64)> = None;
        for (t, d) in deltas {
            level += d;
            match open {
                Some((start, l)) if l != level => {
                    out.push(Shortfall {
                        role,
                        women,
                        from: Clock(start),
                        until: Clock(t),
                        count: l as u32,
                    });
                    open = (level > 0).then_some((t, level));
                }
                None if level > 0 => open = Some((t, level)),
                _ => {}
            }
        }
    }
    out.sort_by_key(|s| (s.from, s.role, s.women, s.until));
    out
}
