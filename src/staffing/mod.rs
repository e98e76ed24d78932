//! Staffing (hard rule 8 of design.md): a KPPS crew for each TPS, escorts for every
//! wave and searchers at every TPS, by name, from the staff on duty that day.
//! Input: the TPS and waves of a plan (from `optimise`); output: assignments for
//! `petugas.csv` and `kpu/kpps.csv`, shortfalls by role and time window, and each
//! officer's load. The escort capacity the optimiser schedules against comes from
//! [`escort_capacity`], i.e. from this same named roster.

mod duty;
mod kpps;

pub use duty::{
    BreakRule, DutyAssignment, DutyRole, Job, Missing, StaffShortfall, fill_jobs, shortfalls,
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
    /// Officers (NIPs of `pemilih_lain.csv`) voting in this wave: kept off duties over
    /// its voting time.
    #[serde(default)]
    pub voting: Vec<Nip>,
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
    pub shortfalls: Vec<StaffShortfall>,
    /// Load of every staff member who was assigned anything.
    pub load: Vec<StaffLoad>,
}

impl Staffing {
    /// Whether every seat and job is filled.
    pub fn is_complete(&self) -> bool {
        self.kpps_short.is_empty() && self.shortfalls.is_empty()
    }

    /// What the roster lacks, as requests (`kekurangan.csv`): KPPS members PPS must
    /// appoint from outside per TPS, then escorts and searchers by window and sex.
    /// Windows are whole slots of `slot` minutes from midnight (the ruleset's
    /// `menit_slot`), each asking for the most officers missing in it.
    pub fn requests(&self, tps: &[TpsNeed], slot: u16) -> Vec<Request> {
        let mut out = Vec::new();
        for &(nomor, n) in &self.kpps_short {
            let t = tps.iter().find(|t| t.nomor == nomor);
            out.push(Request {
                peran: "kpps".into(),
                jenis_kelamin: String::new(),
                mulai: t.map_or(Clock(0), |t| t.crew_from),
                selesai: t.map_or(Clock(0), |t| t.crew_until),
                jumlah: n,
                nomor_tps: Some(nomor),
                tindakan: format!(
                    "PPS mengangkat {n} anggota KPPS dari luar UPT untuk TPS {nomor} (petugas UPT yang memenuhi syarat tidak cukup)"
                ),
            });
        }
        // Escorts and searchers per role and sex, minute by minute, then the most
        // missing in each slot of the day, equal neighbouring slots as one window: a
        // request a regu can be planned from.
        let mut profiles: BTreeMap<(DutyRole, bool, bool), Vec<u32>> = BTreeMap::new();
        for s in &self.shortfalls {
            let p = profiles
                .entry((s.role, s.visit, s.women))
                .or_insert_with(|| vec![0; 24 * 60]);
            for m in s.from.0..s.until.0.min(24 * 60) {
                p[m as usize] += s.count;
            }
        }
        let slot = slot.max(1) as usize;
        for ((role, visit, women), p) in profiles {
            let buckets: Vec<u32> = p
                .chunks(slot)
                .map(|c| c.iter().copied().max().unwrap_or(0))
                .collect();
            let mut i = 0;
            while i < buckets.len() {
                let n = buckets[i];
                let start = i;
                while i < buckets.len() && buckets[i] == n {
                    i += 1;
                }
                if n == 0 {
                    continue;
                }
                let (from, until) = (
                    Clock((start * slot) as u16),
                    Clock(((i * slot).min(24 * 60)) as u16),
                );
                let (peran, what) = match (role, visit) {
                    (DutyRole::Pengawal, false) => ("pengawal", "petugas pengawal gelombang"),
                    (DutyRole::Pengawal, true) => (
                        "pengawal_kunjungan",
                        "petugas pengawal kunjungan kotak suara keliling",
                    ),
                    (DutyRole::Pemeriksa, _) => ("pemeriksa", "petugas pemeriksa di TPS"),
                };
                out.push(Request {
                    peran: peran.into(),
                    jenis_kelamin: if women { "P".into() } else { String::new() },
                    mulai: from,
                    selesai: until,
                    jumlah: n,
                    nomor_tps: None,
                    tindakan: format!(
                        "tambah {n} {what}{} yang bertugas {from}-{until} (geser regu jaga atau tugaskan petugas lepas dinas)",
                        if women { " perempuan" } else { "" },
                    ),
                });
            }
        }
        out.sort_by(|a, b| {
            (
                a.peran != "kpps",
                a.mulai,
                &a.peran,
                &a.jenis_kelamin,
                a.nomor_tps,
            )
                .cmp(&(
                    b.peran != "kpps",
                    b.mulai,
                    &b.peran,
                    &b.jenis_kelamin,
                    b.nomor_tps,
                ))
        });
        out
    }
}

/// One request for staff the roster lacks (a line of `kekurangan.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// `kpps`, `pengawal`, `pengawal_kunjungan` or `pemeriksa`.
    pub peran: String,
    /// `P` where the officers must be women, else empty.
    pub jenis_kelamin: String,
    /// Needed from.
    pub mulai: Clock,
    /// Needed until.
    pub selesai: Clock,
    /// How many more at the same time.
    pub jumlah: u32,
    /// The TPS (KPPS requests).
    pub nomor_tps: Option<u32>,
    /// What to do.
    pub tindakan: String,
}

/// Searchers at each TPS while it is open: one duty per TPS over the whole voting day,
/// relayed between officers at the post (see [`fill_jobs`]) so everybody gets breaks.
fn searcher_jobs(rules: &Ruleset, tps: &[TpsNeed]) -> Vec<Job> {
    let (open, close) = (rules.jam.buka.0, rules.jam.tutup.0);
    if rules.pengawalan.pemeriksa_per_tps == 0 || close <= open {
        return Vec::new();
    }
    tps.iter()
        .map(|t| Job {
            place: format!("TPS {}", t.nomor),
            role: DutyRole::Pemeriksa,
            from: Clock(open),
            until: Clock(close),
            count: rules.pengawalan.pemeriksa_per_tps,
            needs_woman: t.serves_women && rules.pengawalan.pemeriksa_perempuan_tps_perempuan,
            tps: t.nomor,
            wave: None,
            visit: false,
        })
        .collect()
}

/// Staffs a plan: crews first (for the whole day), then searchers and escorts.
pub fn assign(
    staff: &[Staff],
    rules: &Ruleset,
    election_day: NaiveDate,
    tps: &[TpsNeed],
    waves: &[WaveNeed],
) -> Staffing {
    let (mut kpps, kpps_short) = choose_crews(staff, rules, election_day, tps);
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
            visit: w.mobile,
        });
    }
    let rule = BreakRule {
        max_stretch: rules.pengawalan.maks_menit_tanpa_istirahat,
        break_minutes: rules.pengawalan.menit_istirahat,
        min_relay: rules.pengawalan.menit_estafet_minimal,
    };
    let crew_of =
        |kpps: &[CrewSeat]| -> BTreeSet<Nip> { kpps.iter().map(|s| s.nip.clone()).collect() };
    let votes: duty::Votes = waves
        .iter()
        .flat_map(|w| {
            w.voting
                .iter()
                .map(|n| (n.clone(), (w.busy_from.0, w.busy_until.0)))
        })
        .collect();
    let (mut duties, mut missing) = fill_jobs(staff, &crew_of(&kpps), &jobs, rule, &votes);
    // Crews and escorts together: a woman on a crew who could escort or search is
    // swapped for a man who may sit there, where women escorts or searchers run short.
    swap_women_off_crews(
        staff,
        rules,
        election_day,
        tps,
        &jobs,
        rule,
        &mut kpps,
        &mut duties,
        &mut missing,
        &votes,
    );
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
            mulai: d.from,
            selesai: d.until,
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

/// Swaps women off crews for men where women escorts or searchers are missing: each
/// crew woman who may escort or search (and is not the only woman of a TPS serving
/// women) is tried against the men who may sit on that crew and are on no crew, the
/// staffing filled again, and a swap kept when it lowers the women missing without
/// raising the officers missing in all. A bounded number of tries (fewer on a large
/// day, see `SWAP_WORK`); deterministic.
#[allow(clippy::too_many_arguments)]
fn swap_women_off_crews(
    staff: &[Staff],
    rules: &Ruleset,
    election_day: NaiveDate,
    tps: &[TpsNeed],
    jobs: &[Job],
    rule: BreakRule,
    kpps: &mut [CrewSeat],
    duties: &mut Vec<DutyAssignment>,
    missing: &mut Vec<Missing>,
    votes: &duty::Votes,
) {
    // At most 40 tries, fewer where one fill is large (seats x officers beyond
    // `SWAP_WORK` in all): a roster of thousands of waves is not refilled 40 times.
    // A count, not a clock, so the same input gives the same staffing on any machine.
    const SWAP_WORK: usize = 40_000_000;
    let seats: usize = jobs.iter().map(|j| j.count as usize).sum();
    let fill_work = (seats * staff.len()).max(1);
    let tries_allowed = (SWAP_WORK / fill_work).clamp(1, 40);
    let mut tries = 0;
    let by_nip: BTreeMap<&Nip, &Staff> = staff.iter().map(|s| (&s.nip, s)).collect();
    let mut score = duty::missing_minutes(missing);
    while score.0 > 0 && tries < tries_allowed {
        let mut improved = false;
        'seats: for i in 0..kpps.len() {
            let Some(woman) = by_nip.get(&kpps[i].nip).copied() else {
                continue;
            };
            let useful = woman
                .roles
                .iter()
                .any(|r| matches!(r, StaffRole::Pengawal | StaffRole::Pemeriksa));
            if woman.sex != Sex::P || !useful {
                continue;
            }
            let nomor = kpps[i].nomor_tps;
            let Some(need) = tps.iter().find(|t| t.nomor == nomor) else {
                continue;
            };
            let women_here = kpps
                .iter()
                .filter(|s| s.nomor_tps == nomor)
                .filter(|s| by_nip.get(&s.nip).is_some_and(|p| p.sex == Sex::P))
                .count();
            if need.serves_women && rules.kpps.utamakan_perempuan && women_here <= 1 {
                continue;
            }
            let seated: BTreeSet<&Nip> = kpps.iter().map(|s| &s.nip).collect();
            let mut men: Vec<&Staff> = staff
                .iter()
                .filter(|s| s.sex == Sex::L && !seated.contains(&s.nip))
                .filter(|s| {
                    kpps_bars(s, rules, election_day, need.crew_from, need.crew_until).is_empty()
                })
                .collect();
            // Men who cannot escort or search first: they cost the day nothing.
            men.sort_by_key(|s| {
                (
                    s.roles
                        .iter()
                        .any(|r| matches!(r, StaffRole::Pengawal | StaffRole::Pemeriksa)),
                    s.nip.clone(),
                )
            });
            for man in men.into_iter().take(3) {
                if tries >= tries_allowed {
                    break 'seats;
                }
                tries += 1;
                let old = std::mem::replace(&mut kpps[i].nip, man.nip.clone());
                let crew: BTreeSet<Nip> = kpps.iter().map(|s| s.nip.clone()).collect();
                let (d, m) = fill_jobs(staff, &crew, jobs, rule, votes);
                let sc = duty::missing_minutes(&m);
                if sc.0 < score.0 && sc.1 <= score.1 {
                    score = sc;
                    *duties = d;
                    *missing = m;
                    improved = true;
                    break 'seats;
                }
                kpps[i].nip = old;
            }
        }
        if !improved {
            break;
        }
    }
    // Chairs stay the most educated of each crew.
    let mut by_tps: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, s) in kpps.iter().enumerate() {
        by_tps.entry(s.nomor_tps).or_default().push(i);
    }
    for idx in by_tps.values() {
        let mut people: Vec<&Nip> = idx.iter().map(|&i| &kpps[i].nip).collect();
        people.sort_by(|a, b| {
            let (pa, pb) = (by_nip[a], by_nip[b]);
            pb.education.cmp(&pa.education).then(a.cmp(b))
        });
        let people: Vec<Nip> = people.into_iter().cloned().collect();
        for (k, (&i, nip)) in idx.iter().zip(people).enumerate() {
            kpps[i].nip = nip;
            kpps[i].jabatan = if (k as u32) < rules.kpps.ketua {
                "ketua".into()
            } else {
                "anggota".into()
            };
        }
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
    let escort = |s: &Staff| s.roles.contains(&StaffRole::Pengawal);
    let search = |s: &Staff| s.roles.contains(&StaffRole::Pemeriksa);
    let escorts = on_duty_per_minute(staff, crew, escort);
    let search_only = on_duty_per_minute(staff, crew, |s| search(s) && !escort(s));
    (0..1440u16)
        .map(|m| {
            let i = m as usize;
            escorts[i].saturating_sub(searchers_needed(m).saturating_sub(search_only[i]))
        })
        .collect()
}

/// Women escorts available at each minute, same rules as [`escort_capacity`].
pub fn women_escort_capacity(staff: &[Staff], crew: &BTreeSet<Nip>) -> Vec<u32> {
    on_duty_per_minute(staff, crew, |s| {
        s.sex == Sex::P && s.roles.contains(&StaffRole::Pengawal)
    })
}

/// Staff of `kind` on duty at each minute of the day and on no crew (1440 entries):
/// each one's shift added once and summed along the day.
fn on_duty_per_minute(
    staff: &[Staff],
    crew: &BTreeSet<Nip>,
    kind: impl Fn(&Staff) -> bool,
) -> Vec<u32> {
    let mut delta = vec![0i64; 1441];
    for s in staff.iter().filter(|s| kind(s) && !crew.contains(&s.nip)) {
        let (a, b) = (s.on_duty_from.0.min(1440), s.on_duty_until.0.min(1440));
        if a < b {
            delta[a as usize] += 1;
            delta[b as usize] -= 1;
        }
    }
    let mut level = 0i64;
    delta[..1440]
        .iter()
        .map(|d| {
            level += d;
            level.max(0) as u32
        })
        .collect()
}

#[cfg(test)]
mod tests;
