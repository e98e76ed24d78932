//! What one plan folder says, read back from what `plan` wrote: `plan.json` for the
//! TPS, ballots, waves, staffing, requests and objective; `kpu/tps.csv` for the voters
//! by sex; `kpu/tindak_lanjut.csv` and `kpu/tindak_lanjut_orang.csv` for the
//! follow-ups. Nothing is planned or re-read from the facility's inputs: a comparison
//! shows the plans as they were written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;
use crate::lang::text;
use crate::model::{Category, Clock};
use crate::plan::Plan;
use crate::staffing::{Request, StaffAssignment};

use super::blocks::{self, BlockView};

/// The most escorts on duty at one minute, and the first minute it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Peak {
    /// Escorts (distinct officers with a `pengawal` duty) on duty at once.
    pub escorts: u32,
    /// When that many are first on duty (`None` without escorts).
    pub at: Option<Clock>,
}

/// The figures of one plan folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The plan folder as given.
    pub folder: PathBuf,
    /// Facility code.
    pub facility: String,
    /// Facility name.
    pub facility_name: String,
    /// Scenario name (empty: none).
    pub scenario: String,
    /// Ruleset name.
    pub ruleset: String,
    /// Registered voters.
    pub voters: u32,
    /// Registered voters per list (DPT, DPTb, DPK), every list present.
    pub by_category: BTreeMap<Category, u32>,
    /// Voters men / women (from `kpu/tps.csv`; `None` when the plan was not read from a
    /// folder).
    pub by_sex: Option<(u32, u32)>,
    /// TPS opened.
    pub tps: u32,
    /// The proven lower bound on the TPS count.
    pub tps_lower_bound: u32,
    /// Ballots per type, reserve included, in the ruleset's order.
    pub ballots: Vec<(String, u32)>,
    /// KPPS seats filled from the UPT's staff.
    pub kpps: u32,
    /// KPPS members PPS must appoint from outside.
    pub kpps_outside: u32,
    /// Escorts at peak.
    pub escort_peak: Peak,
    /// Lines of `kekurangan.csv`.
    pub requests: u32,
    /// Officer-minutes requested (each line: officers x minutes of its window).
    pub request_minutes: u64,
    /// Waves (walks and mobile visits).
    pub waves: u32,
    /// When the day's first wave starts.
    pub first_start: Option<Clock>,
    /// When the day's last wave ends.
    pub last_end: Option<Clock>,
    /// Rows of `kpu/tindak_lanjut.csv` (one per inmate and reason).
    pub follow_ups: u32,
    /// Rows of `kpu/tindak_lanjut_orang.csv` (inmates concerned); `None` when not read.
    pub follow_up_people: Option<u32>,
    /// Walking minutes x voters, one way (the objective's term).
    pub walk_minutes: f64,
    /// Per block: where and when it votes.
    pub blocks: BTreeMap<String, BlockView>,
}

/// The figures `plan.json` alone gives (the CSV-derived ones empty or zero).
pub fn from_plan(folder: &Path, plan: &Plan) -> Figures {
    let mut by_category: BTreeMap<Category, u32> = Category::ALL.iter().map(|c| (*c, 0)).collect();
    let mut ballots: Vec<(String, u32)> = Vec::new();
    for t in &plan.tps {
        for v in &t.voters {
            *by_category.entry(v.category).or_default() += 1;
        }
        for b in &t.ballots {
            match ballots.iter_mut().find(|(c, _)| *c == b.code) {
                Some((_, n)) => *n += b.total,
                None => ballots.push((b.code.clone(), b.total)),
            }
        }
    }
    let staffing = plan.staffing.as_ref();
    Figures {
        folder: folder.to_path_buf(),
        facility: plan.facility.clone(),
        facility_name: plan.facility_name.clone(),
        scenario: plan.inputs.scenario.clone(),
        ruleset: plan.ruleset.clone(),
        voters: plan.tps.iter().map(|t| t.voters.len() as u32).sum(),
        by_category,
        by_sex: None,
        tps: plan.solver.tps,
        tps_lower_bound: plan.solver.tps_lower_bound,
        ballots,
        kpps: staffing.map_or(0, |s| s.kpps.len() as u32),
        kpps_outside: plan
            .kekurangan
            .iter()
            .filter(|r| r.peran == "kpps")
            .map(|r| r.jumlah)
            .sum(),
        escort_peak: staffing.map_or(Peak::default(), |s| escort_peak(&s.assignments)),
        requests: plan.kekurangan.len() as u32,
        request_minutes: request_minutes(&plan.kekurangan),
        waves: plan.waves.len() as u32,
        first_start: plan.waves.iter().map(|w| w.start).min(),
        last_end: plan.waves.iter().map(|w| w.end).max(),
        follow_ups: 0,
        follow_up_people: None,
        walk_minutes: plan.objective.walk_voter_minutes,
        blocks: blocks::views(&plan.waves),
    }
}

/// The most officers with a `pengawal` duty at one minute (an officer counted once
/// however many of their duties touch the minute; duties are half-open `[mulai,
/// selesai)`), and the first minute it is reached.
pub fn escort_peak(assignments: &[StaffAssignment]) -> Peak {
    let mut by_officer: BTreeMap<&str, Vec<(u16, u16)>> = BTreeMap::new();
    for a in assignments.iter().filter(|a| a.peran == "pengawal") {
        if a.mulai < a.selesai {
            by_officer
                .entry(a.nip.as_str())
                .or_default()
                .push((a.mulai.0, a.selesai.0));
        }
    }
    // Each officer's duties merged, then one +1/-1 event per merged stretch.
    let mut events: Vec<(u16, i32)> = Vec::new();
    for spans in by_officer.values_mut() {
        spans.sort_unstable();
        let mut cur: Option<(u16, u16)> = None;
        for &(a, b) in spans.iter() {
            cur = match cur {
                Some((s, e)) if a <= e => Some((s, e.max(b))),
                Some((s, e)) => {
                    events.push((s, 1));
                    events.push((e, -1));
                    Some((a, b))
                }
                None => Some((a, b)),
            };
        }
        if let Some((s, e)) = cur {
            events.push((s, 1));
            events.push((e, -1));
        }
    }
    // Ends before starts at the same minute: a duty ending at 09:00 and one starting
    // then never overlap.
    events.sort_unstable();
    let (mut now, mut best) = (0i32, Peak::default());
    for (m, d) in events {
        now += d;
        if now > best.escorts as i32 {
            best = Peak {
                escorts: now as u32,
                at: Some(Clock(m)),
            };
        }
    }
    best
}

/// Officer-minutes of the requests: officers x minutes of each window.
pub fn request_minutes(requests: &[Request]) -> u64 {
    requests
        .iter()
        .map(|r| u64::from(r.jumlah) * u64::from(r.selesai.0.saturating_sub(r.mulai.0)))
        .sum()
}

/// Reads the plan folder `folder`: a problem naming the file when it is not a plan
/// folder (E0601), its `plan.json` cannot be read (E0602) or a table beside it is
/// missing or damaged (E0605).
pub fn read(folder: &Path) -> Result<Figures, Box<Problem>> {
    let file = folder.join("plan.json");
    if !file.is_file() {
        return Err(Box::new(Problem::error(
            "E0601",
            &file,
            text!(
                "{} bukan folder rencana tpsplan: tidak ada plan.json",
                "{} is not a tpsplan plan folder: there is no plan.json",
                folder.display()
            ),
        )));
    }
    let plan = crate::plan::read_plan(folder).map_err(|e| {
        Box::new(Problem::error(
            "E0602",
            &file,
            text!(
                "plan.json tidak dapat dibaca: {e}",
                "plan.json cannot be read: {e}"
            ),
        ))
    })?;
    let mut f = from_plan(folder, &plan);
    let tps = read_csv(&folder.join("kpu").join("tps.csv"))?;
    let (l, p) = (
        tps.sum("pemilih_l").map_err(|e| tps.problem(e))?,
        tps.sum("pemilih_p").map_err(|e| tps.problem(e))?,
    );
    f.by_sex = Some((l as u32, p as u32));
    f.follow_ups = read_csv(&folder.join("kpu").join("tindak_lanjut.csv"))?.rows as u32;
    f.follow_up_people =
        Some(read_csv(&folder.join("kpu").join("tindak_lanjut_orang.csv"))?.rows as u32);
    Ok(f)
}

/// A CSV file of the plan folder, read whole.
struct Csv {
    path: PathBuf,
    header: Vec<String>,
    records: Vec<csv::StringRecord>,
    rows: usize,
}

impl Csv {
    fn problem(&self, why: crate::lang::Text) -> Box<Problem> {
        Box::new(Problem::error("E0605", &self.path, why))
    }

    /// The sum of a whole-number column.
    fn sum(&self, column: &str) -> Result<u64, crate::lang::Text> {
        let i = self
            .header
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| text!("kolom {column} tidak ada", "the column {column} is missing"))?;
        let mut total = 0u64;
        for (n, r) in self.records.iter().enumerate() {
            let v = r.get(i).unwrap_or("");
            total += v.trim().parse::<u64>().map_err(|_| {
                text!(
                    "baris {}: {column} '{v}' bukan bilangan bulat",
                    "line {}: {column} '{v}' is not a whole number",
                    n + 2
                )
            })?;
        }
        Ok(total)
    }
}

fn read_csv(path: &Path) -> Result<Csv, Box<Problem>> {
    let fail = |why: String| {
        Box::new(Problem::error(
            "E0605",
            path,
            text!(
                "berkas rencana tidak dapat dibaca: {why}",
                "a file of the plan cannot be read: {why}"
            ),
        ))
    };
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| fail(e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| fail(e.to_string()))?;
    Ok(Csv {
        path: path.to_path_buf(),
        header,
        rows: records.len(),
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Nip;

    fn duty(nip: &str, peran: &str, from: u16, until: u16) -> StaffAssignment {
        StaffAssignment {
            nip: Nip::from(nip),
            nama: nip.into(),
            peran: peran.into(),
            tempat: "TPS 901".into(),
            mulai: Clock(from),
            selesai: Clock(until),
            nomor_tps: 901,
            gelombang: None,
        }
    }

    #[test]
    fn peak_counts_distinct_escorts_on_duty_at_one_minute() {
        let duties = vec![
            duty("a", "pengawal", 420, 450),
            // The same officer twice over one stretch counts once.
            duty("a", "pengawal", 440, 470),
            duty("b", "pengawal", 445, 460),
            // A duty ending when another starts does not overlap it.
            duty("c", "pengawal", 400, 445),
            // Searchers and crews are not escorts.
            duty("d", "pemeriksa", 420, 800),
            duty("e", "anggota_kpps", 360, 1380),
        ];
        let p = escort_peak(&duties);
        assert_eq!((p.escorts, p.at), (2, Some(Clock(420))));
        // One minute longer, c overlaps b: three at 07:25.
        let mut longer = duties.clone();
        longer[3] = duty("c", "pengawal", 400, 446);
        let p = escort_peak(&longer);
        assert_eq!((p.escorts, p.at), (3, Some(Clock(445))));
        assert_eq!(escort_peak(&[]), Peak::default());
    }

    #[test]
    fn request_minutes_are_officers_times_window() {
        let r = |n: u32, from: u16, until: u16| Request {
            peran: "pengawal".into(),
            jenis_kelamin: String::new(),
            mulai: Clock(from),
            selesai: Clock(until),
            jumlah: n,
            nomor_tps: None,
            tindakan: String::new(),
        };
        assert_eq!(request_minutes(&[r(2, 420, 480), r(1, 600, 615)]), 135);
        assert_eq!(request_minutes(&[]), 0);
    }
}
