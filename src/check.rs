//! What `tpsplan check DIR` finds: every facility below a folder validated (read in
//! parallel) with its problems, and the voter readiness of each ([`ReadinessTotals`],
//! with its summary block). `commands::check` prints the problems sorted by file and
//! line, then the summary (one block for a facility, one line per facility plus totals
//! for a region). Reads only: nothing is ever written into the input folder.
//!
//! Neighbours: [`crate::input`] does the reading and validation; [`readiness`] counts
//! from a validated [`Facility`] and is where eligibility decisions can be added.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Problem;
use crate::eligibility;

use crate::facility::Facility;
use crate::input;
use crate::lang::{Lang, text};
use crate::model::{Registration, Sex, StaffRole};
use crate::reference::Reference;

/// ReadinessTotals of one facility, or summed over several: the roster, the eligibility
/// decisions (who votes here, why the others cannot) and the staff and sites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadinessTotals {
    /// Facilities counted.
    pub facilities: usize,
    /// Inmates on the roster.
    pub inmates: usize,
    /// Men (`L`).
    pub men: usize,
    /// Women (`P`).
    pub women: usize,
    /// On the permanent list (`pendaftaran` dpt).
    pub dpt: usize,
    /// Filed a Model A move (`pendaftaran` dptb).
    pub dptb: usize,
    /// On the DPT at home, Model A still to file (`pendaftaran` dpt_asal).
    pub dpt_asal: usize,
    /// Not registered here yet (`pendaftaran` belum).
    pub unregistered: usize,
    /// Voters here as things stand (eligibility decisions).
    pub voters: usize,
    /// Non-voters per reason code (an inmate may have several).
    pub obstacles: BTreeMap<&'static str, usize>,
    /// Rows of `tindak_lanjut.csv`.
    pub follow_ups: usize,
    /// Staff on duty (absent ones removed by the scenario).
    pub staff_on_duty: usize,
    /// Staff who may take the KPPS role.
    pub staff_kpps: usize,
    /// Staff who may escort.
    pub staff_escort: usize,
    /// Staff who may search.
    pub staff_search: usize,
    /// Candidate TPS sites (not closed by the scenario).
    pub sites: usize,
    /// TPS those sites can hold together.
    pub tps_capacity: u64,
    /// Voters those TPS can take at the ruleset's cap.
    pub voter_capacity: u64,
    /// The full eligibility summary of a single facility (not summed).
    pub detail: Option<eligibility::Readiness>,
}

/// Counts the readiness of a validated facility: roster, eligibility, staff, layout.
pub fn readiness(f: &Facility, reference: &Reference) -> ReadinessTotals {
    let rules = &f.rules;
    let decisions = eligibility::decide(f, reference);
    let detail = eligibility::Readiness::from(f, &decisions);
    let mut r = ReadinessTotals {
        facilities: 1,
        inmates: f.inmates.len(),
        voters: detail.voters.total(),
        obstacles: detail
            .obstacles
            .iter()
            .map(|(k, n)| (k.code(), *n))
            .collect(),
        follow_ups: detail.follow_ups.iter().map(|row| row.count).sum(),
        ..ReadinessTotals::default()
    };
    for i in &f.inmates {
        match i.sex {
            Sex::L => r.men += 1,
            Sex::P => r.women += 1,
        }
        match i.registration {
            Registration::Dpt => r.dpt += 1,
            Registration::Dptb => r.dptb += 1,
            Registration::DptAsal => r.dpt_asal += 1,
            Registration::Belum => r.unregistered += 1,
        }
    }
    r.staff_on_duty = f.staff.len();
    for s in &f.staff {
        r.staff_kpps += usize::from(s.roles.contains(&StaffRole::Kpps));
        r.staff_escort += usize::from(s.roles.contains(&StaffRole::Pengawal));
        r.staff_search += usize::from(s.roles.contains(&StaffRole::Pemeriksa));
    }
    for n in f
        .nodes
        .iter()
        .filter(|n| n.is_site() && !f.scenario.closed_sites.contains(&n.id))
    {
        r.sites += 1;
        r.tps_capacity += u64::from(n.max_tps);
        r.voter_capacity += u64::from(n.max_tps) * u64::from(rules.tps.maks_pemilih);
    }
    r.detail = Some(detail);
    r
}

impl ReadinessTotals {
    /// Adds another facility's counts to this one (the detail is not summed).
    pub fn add(&mut self, o: &ReadinessTotals) {
        self.facilities += o.facilities;
        self.inmates += o.inmates;
        self.men += o.men;
        self.women += o.women;
        self.dpt += o.dpt;
        self.dptb += o.dptb;
        self.dpt_asal += o.dpt_asal;
        self.unregistered += o.unregistered;
        self.voters += o.voters;
        for (k, n) in &o.obstacles {
            *self.obstacles.entry(k).or_default() += n;
        }
        self.follow_ups += o.follow_ups;
        self.staff_on_duty += o.staff_on_duty;
        self.staff_kpps += o.staff_kpps;
        self.staff_escort += o.staff_escort;
        self.staff_search += o.staff_search;
        self.sites += o.sites;
        self.tps_capacity += o.tps_capacity;
        self.voter_capacity += o.voter_capacity;
    }

    /// The summary block of one facility, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let l = Labels::of(lang);
        let mut s = String::new();
        let row = |s: &mut String, label: &str, n: usize, extra: String| {
            let _ = writeln!(s, "  {label:<32}{n:>7}{extra}");
        };
        row(
            &mut s,
            l.inmates,
            self.inmates,
            format!("   ({} {}, {} {})", l.men, self.men, l.women, self.women),
        );
        row(
            &mut s,
            l.registration,
            self.dpt + self.dptb + self.dpt_asal + self.unregistered,
            format!(
                "   (DPT {}, DPTb {}, {} {}, {} {})",
                self.dpt, self.dptb, l.home_dpt, self.dpt_asal, l.unregistered, self.unregistered
            ),
        );
        row(
            &mut s,
            l.staff,
            self.staff_on_duty,
            format!(
                "   (KPPS {}, {} {}, {} {})",
                self.staff_kpps, l.escort, self.staff_escort, l.search, self.staff_search
            ),
        );
        row(
            &mut s,
            l.sites,
            self.sites,
            format!(
                "   ({} {} TPS, {} {})",
                l.capacity, self.tps_capacity, self.voter_capacity, l.voters
            ),
        );
        if let Some(d) = &self.detail {
            s.push('\n');
            s.push_str(&d.render(lang));
        }
        s
    }
}

/// Summary labels in one language.
pub(crate) struct Labels {
    pub(crate) inmates: &'static str,
    pub(crate) men: &'static str,
    pub(crate) women: &'static str,
    pub(crate) scenario: &'static str,
    pub(crate) registration: &'static str,
    pub(crate) unregistered: &'static str,
    pub(crate) home_dpt: &'static str,
    pub(crate) staff: &'static str,
    pub(crate) escort: &'static str,
    pub(crate) search: &'static str,
    pub(crate) sites: &'static str,
    pub(crate) capacity: &'static str,
    pub(crate) voters: &'static str,
    pub(crate) summary_of: &'static str,
    pub(crate) not_ready: &'static str,
    pub(crate) checked: &'static str,
    pub(crate) errors: &'static str,
    pub(crate) warnings: &'static str,
    pub(crate) total: &'static str,
    pub(crate) status_ok: &'static str,
    pub(crate) table_head: [&'static str; 12],
}

impl Labels {
    pub(crate) fn of(lang: Lang) -> &'static Labels {
        match lang {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }
}

static ID: Labels = Labels {
    inmates: "WBP",
    men: "L",
    women: "P",
    scenario: "skenario",
    registration: "Pendaftaran",
    unregistered: "belum",
    home_dpt: "DPT asal",
    staff: "Petugas bertugas",
    escort: "pengawal",
    search: "pemeriksa",
    sites: "Calon lokasi TPS",
    capacity: "daya tampung",
    voters: "pemilih",
    summary_of: "UPT",
    not_ready: "belum dapat diringkas: perbaiki dulu galatnya",
    checked: "Diperiksa",
    errors: "galat",
    warnings: "peringatan",
    total: "JUMLAH",
    status_ok: "siap",
    table_head: [
        "UPT",
        "WBP",
        "L",
        "P",
        "DPT",
        "DPTb",
        "belum",
        "pemilih",
        "tanpa NIK",
        "tanpa NKK",
        "petugas",
        "TPS maks",
    ],
};

static EN: Labels = Labels {
    inmates: "Inmates",
    men: "men",
    women: "women",
    scenario: "scenario",
    registration: "Registration",
    unregistered: "not yet",
    home_dpt: "DPT at home",
    staff: "Staff on duty",
    escort: "escort",
    search: "search",
    sites: "Candidate TPS sites",
    capacity: "room for",
    voters: "voters",
    summary_of: "Facility",
    not_ready: "no summary yet: fix the errors first",
    checked: "Checked",
    errors: "errors",
    warnings: "warnings",
    total: "TOTAL",
    status_ok: "ready",
    table_head: [
        "facility", "inmates", "M", "F", "DPT", "DPTb", "not yet", "voters", "no NIK", "no NKK",
        "staff", "max TPS",
    ],
};

/// What checking one facility folder produced.
pub(crate) struct Outcome {
    /// The facility folder.
    pub(crate) dir: PathBuf,
    /// `kode` of `facility.toml`, when the facility was built.
    code: Option<String>,
    /// "name (kode) - ruleset, date[, scenario]", or the folder's name.
    pub(crate) title: String,
    /// Its problems, unsorted.
    pub(crate) problems: Vec<Problem>,
    /// Its readiness, when the facility was built without a shared `kode`.
    pub(crate) readiness: Option<ReadinessTotals>,
}

impl Outcome {
    /// How many of its problems are errors.
    pub(crate) fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }
}

/// Checks every facility folder of `dirs` (in parallel) under `scenario`, in the order
/// given, with the codes two of them share flagged.
pub(crate) fn check_folders(dirs: &[PathBuf], scenario: Option<&str>, lang: Lang) -> Vec<Outcome> {
    let reference = Reference::builtin();
    let mut outcomes: Vec<Outcome> = dirs
        .par_iter()
        .map(|d| check_one(d, scenario, reference, lang))
        .collect();
    flag_shared_codes(&mut outcomes);
    outcomes
}

fn check_one(dir: &Path, scenario: Option<&str>, reference: &Reference, lang: Lang) -> Outcome {
    let loaded = input::load_facility(dir, scenario, reference);
    let mut problems = loaded.problems;
    let (title, readiness) = match &loaded.facility {
        Some(f) => {
            if scenario.is_none() {
                problems.extend(input::check_scenarios(f));
            }
            let scen = if f.scenario.name.is_empty() {
                String::new()
            } else {
                format!(", {} {}", Labels::of(lang).scenario, f.scenario.name)
            };
            (
                format!(
                    "{} ({}) - {}, {}{scen}",
                    f.info.name,
                    f.info.code,
                    f.rules.nama,
                    f.election_date()
                ),
                Some(readiness(f, reference)),
            )
        }
        None => (folder_name(dir), None),
    };
    Outcome {
        dir: dir.to_path_buf(),
        code: loaded.facility.as_ref().map(|f| f.info.code.clone()),
        title,
        problems,
        readiness,
    }
}

/// Two facilities of one region with the same `kode` (E0107, on the later folder):
/// plans and reports are keyed by it.
fn flag_shared_codes(outcomes: &mut [Outcome]) {
    let mut first: std::collections::HashMap<String, PathBuf> = Default::default();
    for o in outcomes.iter_mut() {
        let Some(code) = o.code.clone() else { continue };
        match first.get(&code) {
            None => {
                first.insert(code, o.dir.clone());
            }
            Some(earlier) => {
                let file = o.dir.join(input::FACILITY_FILE);
                let line = std::fs::read_to_string(&file).ok().and_then(|t| {
                    t.lines()
                        .position(|l| {
                            l.trim_start()
                                .strip_prefix("kode")
                                .is_some_and(|r| r.trim_start().starts_with('='))
                        })
                        .map(|i| i as u64 + 1)
                });
                let mut p = Problem::error(
                    "E0107",
                    &file,
                    text!(
                        "kode '{code}' juga dipakai oleh {}",
                        "kode '{code}' is also used by {}",
                        earlier.display()
                    ),
                )
                .field("kode");
                if let Some(l) = line {
                    p = p.at_line(l);
                }
                o.problems.push(p);
                o.readiness = None;
            }
        }
    }
}

pub(crate) fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summing_readiness_adds_every_count() {
        let a = ReadinessTotals {
            facilities: 1,
            inmates: 10,
            men: 9,
            women: 1,
            obstacles: [("tanpa_nik", 2)].into(),
            tps_capacity: 3,
            ..ReadinessTotals::default()
        };
        let mut t = ReadinessTotals::default();
        t.add(&a);
        t.add(&a);
        assert_eq!(
            (
                t.facilities,
                t.inmates,
                t.women,
                t.obstacles["tanpa_nik"],
                t.tps_capacity
            ),
            (2, 20, 2, 4, 6)
        );
    }
}
