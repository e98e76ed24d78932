//! Staffing (hard rule 8 of design.md): a KPPS crew for each TPS, escorts for every
//! wave and searchers at every TPS, by name, from the staff on duty that day.
//! Input: the TPS and waves of a plan (from `optimise`); output: assignments for
//! `petugas.csv` and `kpu/kpps.csv`, shortfalls by role and time window, and each
//! officer's load. The escort capacity the optimiser schedules against comes from
//! [`escort_capacity`], i.e. from this same named roster.

mod duty;
mod kpps;

pub use duty::{
    BreakRule, DutyAssignment, DutyRole, Job, Missing, Shortfall, fill_jobs, shortfalls,
};
pub use kpps::{CrewSeat, KppsBar, TpsNeed, choose_crews, kpps_bars};

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Clock, Nip, Sex, Staff, StaffRole};
use crate::rules::Ruleset;

/// One wave (or mobile visit) that needs escorts, in the plan's wave order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveNeed {
    /// TPS number.
    pub nomor_tps: u32,
    /// Block fetched.
    pub block: String,
    /// Escorts busy from (departure from the block).
    pub busy_from: Clock,
    /// Escorts busy until (back at the block).
    pub busy_until: Clock,
    /// Escorts needed.
    pub escorts: u32,
    /// The block is a women's block (a woman escort is needed if the ruleset says so).
    pub women: bool,
    /// A KPPS visit to the clinic or a locked block rather than a walk to the TPS.
    pub mobile: bool,
}

/// One line of `petugas.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAssignment {
    /// nip.
    pub nip: Nip,
    /// nama.
    pub nama: String,
    /// `ketua_kpps`, `anggota_kpps`, `pengawal` or `pemeriksa`.
    pub peran: String,
    /// Where ("TPS 901", "blok A1 -> TPS 901").
    pub tempat: String,
    /// From.
    pub mulai: Clock,
    /// Until.
    pub selesai: Clock,
    /// The TPS served (crews, searchers and escorts alike).
    pub nomor_tps: u32,
    /// Index into the plan's waves, for escorts.
    #[serde(default)]
    pub gelombang: Option<usize>,
}

/// An officer's load over the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffLoad {
    /// nip.
    pub nip: Nip,
    /// Minutes assigned.
    pub menit_tugas: u32,
    /// Minutes on duty.
    pub menit_dinas: u32,
    /// Assigned / on duty.
    pub utilisasi: f64,
}

/// The staffing of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Staffing {
    /// KPPS seats, by TPS then rank.
    pub kpps: Vec<CrewSeat>,
    /// Every assignment (KPPS, escorts, searchers), sorted.
    pub assignments: Vec<StaffAssignment>,
    /// Empty KPPS seats per TPS: (TPS number, seats missing).
    pub kpps_short: Vec<(u32, u32)>,
    /// Escorts and searchers missing, by role and window.
    pub shortfalls: Vec<Shortfall>,
    /// Load of every staff member who was assigned anything.
    pub load: Vec<StaffLoad>,
}

impl Staffing {
    /// Whether every seat and job is filled.
    pub fn is_complete(&self) -> bool {
        self.kpps_short.is_empty() && self.shortfalls.is_empty()
    }
}

/// Searcher shifts at each TPS: the voting day cut into stretches no longer than the
/// break rule allows, so searchers can rotate.
fn searcher_jobs(rules: &Ruleset, tps: &[TpsNeed]) -> Vec<Job> {
    let (open, close) = (rules.jam.buka.0, rules.jam.tutup.0);
    let stretch = rules
        .pengawalan
        .maks_menit_tanpa_istirahat
        .max(rules.jam.menit_slot)
        .max(1);
    let mut jobs = Vec::new();
    for t in tps {
        let mut from = open;
        while from < close && rules.pengawalan.pemeriksa_per_tps > 0 {
            let until = (from + stretch).min(close);
            jobs.push(Job {
                place: format!("TPS {}", t.nomor),
                role: DutyRole::Pemeriksa,
                from: Clock(from),
                until: Clock(until),
                count: rules.pengawalan.pemeriksa_per_tps,
                needs_woman: t.serves_women && rules.pengawalan.pemeriksa_perempuan_tps_perempuan,
                tps: t.nomor,
                wave: None,
            });
            from = until;
        }
    }
    jobs
}

/// Staffs a plan: crews first (for the whole day), then searchers and escorts.
pub fn assign(
    staff: &[Staff],
    rules: &Ruleset,
    election_day: NaiveDate,
    tps: &[TpsNeed],
    waves: &[WaveNeed],
) -> Staffing {
    let (kpps, kpps_short) = choose_crews(staff, rules, election_day, tps);
    let crew: BTreeSet<Nip> = kpps.iter().map(|s| s.nip.clone()).collect();
    let mut jobs = searcher_jobs(rules, tps);
    for (i, w) in waves.iter().enumerate() {
        jobs.push(Job {
            place: if w.mobile {
                format!("kunjungan {} (TPS {})", w.block, w.nomor_tps)
            } else {
                format!("{} -> TPS {}", w.block, w.nomor_tps)
            },
            role: DutyRole::Pengawal,
            from: w.busy_from,
            until: w.busy_until,
            count: w.escorts,
            needs_woman: w.women && rules.pengawalan.pengawal_perempuan_blok_perempuan,
            tps: w.nomor_tps,
            wave: Some(i),
        });
    }
    let rule = BreakRule {
        max_stretch: rules.pengawalan.maks_menit_tanpa_istirahat,
        break_minutes: rules.pengawalan.menit_istirahat,
    };
    let (duties, missing) = fill_jobs(staff, &crew, &jobs, rule);
    let by_nip: BTreeMap<&Nip, &Staff> = staff.iter().map(|s| (&s.nip, s)).collect();
    let tps_by_no: BTreeMap<u32, &TpsNeed> = tps.iter().map(|t| (t.nomor, t)).collect();
    let mut assignments = Vec::new();
    for seat in &kpps {
        let t = tps_by_no[&seat.nomor_tps];
        assignments.push(StaffAssignment {
            nip: seat.nip.clone(),
            nama: by_nip
                .get(&seat.nip)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            peran: format!("{}_kpps", seat.jabatan),
            tempat: format!("TPS {}", seat.nomor_tps),
            mulai: t.crew_from,
            selesai: t.crew_until,
            nomor_tps: seat.nomor_tps,
            gelombang: None,
        });
    }
    for d in &duties {
        let job = &jobs[d.job];
        assignments.push(StaffAssignment {
            nip: d.nip.clone(),
            nama: by_nip
                .get(&d.nip)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            peran: job.role.as_str().to_string(),
            tempat: job.place.clone(),
            mulai: job.from,
            selesai: job.until,
            nomor_tps: job.tps,
            gelombang: job.wave,
        });
    }
    assignments.sort_by(|a, b| {
        a.mulai
            .cmp(&b.mulai)
            .then(a.tempat.cmp(&b.tempat))
            .then(a.nip.cmp(&b.nip))
    });
    let mut busy: BTreeMap<&Nip, u32> = BTreeMap::new();
    for a in &assignments {
        *busy.entry(&a.nip).or_default() += (a.selesai.0 - a.mulai.0) as u32;
    }
    let load = busy
        .into_iter()
        .map(|(nip, m)| {
            let s = by_nip[nip];
            let duty = (s.on_duty_until.0.saturating_sub(s.on_duty_from.0)) as u32;
            StaffLoad {
                nip: nip.clone(),
                menit_tugas: m,
                menit_dinas: duty,
                utilisasi: if duty == 0 {
                    0.0
                } else {
                    m as f64 / duty as f64
                },
            }
        })
        .collect();
    Staffing {
        kpps,
        assignments,
        kpps_short,
        shortfalls: shortfalls(&jobs, &missing),
        load,
    }
}

/// Escorts available at each minute of the day (index = minute since midnight, 1440
/// entries): staff who may escort, on duty, not on a crew, less the searchers the TPS
/// need that searcher-only staff cannot cover. This is what the optimiser schedules
/// waves against, so the plan fits the named roster.
pub fn escort_capacity(
    staff: &[Staff],
    crew: &BTreeSet<Nip>,
    searchers_needed: impl Fn(u16) -> u32,
) -> Vec<u32> {
    (0..1440u16)
        .map(|m| {
            let on = |s: &&Staff| {
                !crew.contains(&s.nip) && s.on_duty_from.0 <= m && m < s.on_duty_until.0
            };
            let escort = |s: &&Staff| s.roles.contains(&StaffRole::Pengawal);
            let search = |s: &&Staff| s.roles.contains(&StaffRole::Pemeriksa);
            let escorts = staff.iter().filter(on).filter(escort).count() as u32;
            let search_only = staff
                .iter()
                .filter(on)
                .filter(|s| search(s) && !escort(s))
                .count() as u32;
            escorts.saturating_sub(searchers_needed(m).saturating_sub(search_only))
        })
        .collect()
}

/// Women escorts available at each minute, same rules as [`escort_capacity`].
pub fn women_escort_capacity(staff: &[Staff], crew: &BTreeSet<Nip>) -> Vec<u32> {
    (0..1440u16)
        .map(|m| {
            staff
                .iter()
                .filter(|s| {
                    s.sex == Sex::P
                        && !crew.contains(&s.nip)
                        && s.roles.contains(&StaffRole::Pengawal)
                        && s.on_duty_from.0 <= m
                        && m < s.on_duty_until.0
                })
                .count() as u32
        })
        .collect()
}

#[cfg(test)]
mod tests;
