//! What the report shows, filled by the plan writer from the plan (`export::outputs`)
//! and by tests from hand-made figures.

use chrono::NaiveDate;

use super::super::charts::RenderedChart;
use crate::model::Clock;
use crate::rules::{BallotType, HonorariaRules};

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// UPT name (`nama` in facility.toml).
    pub facility_name: String,
    /// UPT code (`kode`).
    pub facility_code: String,
    /// Ruleset name (`pemilu-2024`).
    pub ruleset: String,
    /// Election day.
    pub election_date: NaiveDate,
    /// Scenario name, if the plan is for one.
    pub scenario: Option<String>,
    /// How good the plan is known to be.
    pub solver: SolverSummary,
    /// One row per TPS, as in `kpu/tps.csv`.
    pub tps: Vec<TpsRow>,
    /// Ballot types in the ruleset's order (`surat_suara.jenis`): table columns.
    pub ballot_types: Vec<BallotType>,
    /// One row per TPS and ballot type, as in `kpu/surat_suara.csv`.
    pub ballots: Vec<BallotRow>,
    /// Staff counts.
    pub staff: StaffSummary,
    /// Honoraria per person from the ruleset (`[honor]`).
    pub honor: HonorariaRules,
    /// Follow-ups grouped by reason (from `kpu/tindak_lanjut.csv`).
    pub follow_ups: Vec<FollowUpGroup>,
    /// The charts, in display order.
    pub charts: Vec<RenderedChart>,
    /// Warnings for the meeting (e.g. TPS whose DPTb and DPK voters exceed the reserve).
    pub warnings: Vec<String>,
    /// Staff the roster lacks, to be requested (`kekurangan.csv`), shown first.
    pub requests: Vec<crate::staffing::Request>,
    /// Written with `--serah-terima`: the folder holds `kpu-rahasia/`.
    pub handover: bool,
    /// Inmates on the roster (WBP), for the share who can vote.
    pub inmates: u32,
    /// Voters of `pemilih_lain.csv` (officers) among the voters: not WBP, so left out
    /// of the share of WBP who can vote.
    pub other_voters: u32,
    /// Inmates with at least one follow-up (people, not rows).
    pub follow_up_people: u32,
    /// Per TPS the ballots short if printed from the DPT and reserve only (DPTb and
    /// DPK voters beyond the reserve): `(tps, [(code, short)])`, TPS with none left out.
    pub reserve_short: Vec<(u32, Vec<(String, u32)>)>,
    /// The slot where escorts busy come closest to the escorts on duty: `(start,
    /// needed, on duty)`.
    pub escort_peak: Option<(Clock, u32, u32)>,
}

/// The optimiser's verdict on the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SolverSummary {
    /// Solver status as shown (`optimal`, `batas waktu`, ...).
    pub status: String,
    /// Lower bound on the number of TPS.
    pub lower_bound: u32,
    /// Relative gap of the objective, 0.0 when proven optimal (0.005 is 0.5 %).
    pub gap: f64,
}

/// One TPS (a row of `kpu/tps.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TpsRow {
    /// `nomor_tps`.
    pub tps: u32,
    /// `lokasi`: the site's name.
    pub site: String,
    /// `pemilih_l`.
    pub voters_l: u32,
    /// `pemilih_p`.
    pub voters_p: u32,
    /// `dpt`.
    pub dpt: u32,
    /// `dptb`.
    pub dptb: u32,
    /// `dpk`.
    pub dpk: u32,
    /// `bilik`.
    pub booths: u32,
    /// `kotak`.
    pub boxes: u32,
    /// `kpps`.
    pub kpps: u32,
    /// `linmas_diminta`.
    pub linmas: u32,
    /// `ptps_diminta`.
    pub ptps: u32,
    /// `jam_buka`.
    pub opens: Clock,
    /// `jam_tutup`.
    pub closes: Clock,
}

impl TpsRow {
    /// `jumlah_pemilih`.
    pub fn voters(&self) -> u32 {
        self.voters_l + self.voters_p
    }
}

/// Ballots of one type at one TPS (a row of `kpu/surat_suara.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRow {
    /// `nomor_tps`.
    pub tps: u32,
    /// `jenis`: the ballot code.
    pub code: String,
    /// `pemilih`.
    pub voters: u32,
    /// `cadangan`.
    pub reserve: u32,
}

/// Staff of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StaffSummary {
    /// KPPS chairs (jabatan ketua).
    pub kpps_chairs: u32,
    /// KPPS members (jabatan anggota).
    pub kpps_members: u32,
    /// Officers assigned as escorts.
    pub escorts: u32,
    /// Officers assigned as searchers.
    pub searchers: u32,
}

/// Inmates sharing one follow-up reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpGroup {
    /// The reason as a label in the report's language.
    pub reason: String,
    /// The reason code (`alasan` in `kpu/tindak_lanjut.csv`).
    pub code: String,
    /// The deadline (`batas_waktu`), if any.
    pub deadline: Option<NaiveDate>,
    /// Inmates concerned.
    pub count: u32,
}
