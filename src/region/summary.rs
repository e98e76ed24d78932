//! One row per UPT of a region run: what `ringkasan.csv` holds and the regional report
//! shows, and the order in which the Kanwil should act on them ([`rank`]).

use std::cmp::Reverse;
use std::path::Path;

use crate::export::Table;
use crate::model::FacilityInfo;
use crate::planned::Planned;
use crate::reference::Reference;

/// How a UPT of the region came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No feasible registration (or refused under `--ketat`): no plan written.
    Infeasible,
    /// Input errors (or a folder that could not be read): no plan written.
    Error,
    /// Planned and written.
    Ok,
}

impl Status {
    /// The value of the `status` column.
    pub fn code(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Infeasible => "tidak_layak",
            Status::Error => "galat",
        }
    }
}

/// The result of one UPT, as the row is built from it.
pub enum Outcome<'a> {
    /// The plan.
    Planned(&'a Planned),
    /// Why no feasible plan exists.
    Infeasible(String),
    /// The input error.
    Error(String),
}

/// One UPT of a region run.
#[derive(Debug, Clone, PartialEq)]
pub struct UptRow {
    /// The UPT's folder relative to the region folder (and to the output folder).
    pub upt: String,
    /// The UPT's name from `facility.toml` (empty when it could not be read).
    pub name: String,
    /// Kab/kota code (`12.07`), empty when unknown.
    pub kabkota_code: String,
    /// Kab/kota by name from the reference tables (the code where they lack it).
    pub kabkota: String,
    /// How it came out.
    pub status: Status,
    /// Inmates on the roster.
    pub wbp: u64,
    /// Voters registered at its TPS (inmates and other voters).
    pub pemilih: u64,
    /// Voters on the DPT.
    pub dpt: u64,
    /// Voters on the DPTb.
    pub dptb: u64,
    /// Voters on the DPK.
    pub dpk: u64,
    /// Inmates among the voters.
    pub pemilih_wbp: u64,
    /// TPS planned.
    pub tps: u32,
    /// The lower bound of TPS.
    pub tps_lower_bound: u32,
    /// The solver's gap (fraction), none without a plan.
    pub gap: Option<f64>,
    /// KPPS members named from the UPT's staff.
    pub kpps: u64,
    /// KPPS members PPS must appoint from outside.
    pub kpps_from_outside: u64,
    /// Lines of staff requests (`kekurangan.csv`).
    pub requests: u64,
    /// Officer-minutes requested: each line's number of officers times its minutes.
    pub request_minutes: u64,
    /// Follow-up lines (`kpu/tindak_lanjut.csv`).
    pub follow_ups: u64,
    /// Why there is no plan.
    pub note: String,
    /// Place in the action order (1 first); none when nothing needs doing.
    pub action: Option<usize>,
}

impl UptRow {
    /// The row of one UPT; `info` is its `facility.toml` where it could be read.
    pub fn new(
        rel: &Path,
        info: Option<&FacilityInfo>,
        outcome: Outcome,
        reference: &Reference,
    ) -> Self {
        let kabkota_code = info
            .and_then(|i| i.region.kabkota())
            .unwrap_or_default()
            .to_string();
        let kabkota = reference
            .kabkota(&kabkota_code)
            .map(|k| k.name.clone())
            .unwrap_or_else(|| kabkota_code.clone());
        let mut row = UptRow {
            upt: rel.display().to_string(),
            name: info.map(|i| i.name.clone()).unwrap_or_default(),
            kabkota_code,
            kabkota,
            status: Status::Ok,
            wbp: 0,
            pemilih: 0,
            dpt: 0,
            dptb: 0,
            dpk: 0,
            pemilih_wbp: 0,
            tps: 0,
            tps_lower_bound: 0,
            gap: None,
            kpps: 0,
            kpps_from_outside: 0,
            requests: 0,
            request_minutes: 0,
            follow_ups: 0,
            note: String::new(),
            action: None,
        };
        match outcome {
            Outcome::Planned(p) => row.fill(p),
            Outcome::Infeasible(why) => {
                row.status = Status::Infeasible;
                row.note = why;
            }
            Outcome::Error(why) => {
                row.status = Status::Error;
                row.note = why;
            }
        }
        row
    }

    fn fill(&mut self, p: &Planned) {
        use crate::model::Category;
        let of = |c: Category| p.voters.iter().filter(|v| v.category == c).count() as u64;
        self.wbp = p.facility.inmates.len() as u64;
        self.pemilih = p.voters.len() as u64;
        self.dpt = of(Category::Dpt);
        self.dptb = of(Category::Dptb);
        self.dpk = of(Category::Dpk);
        self.pemilih_wbp = p.voters.iter().filter(|v| !v.other).count() as u64;
        self.tps = p.plan.solver.tps;
        self.tps_lower_bound = p.plan.solver.tps_lower_bound;
        self.gap = Some(p.plan.solver.gap);
        self.kpps = p.plan.staffing.as_ref().map_or(0, |s| s.kpps.len() as u64);
        self.kpps_from_outside = p
            .plan
            .kekurangan
            .iter()
            .filter(|r| r.peran == "kpps")
            .map(|r| r.jumlah as u64)
            .sum();
        self.requests = p.plan.kekurangan.len() as u64;
        self.request_minutes = p
            .plan
            .kekurangan
            .iter()
            .map(|r| r.jumlah as u64 * r.selesai.0.saturating_sub(r.mulai.0) as u64)
            .sum();
        self.follow_ups = p.follow_ups.len() as u64;
    }

    /// The share of inmates who vote, 0 to 1; none without inmates or without a plan.
    pub fn share(&self) -> Option<f64> {
        (self.status == Status::Ok && self.wbp > 0)
            .then(|| self.pemilih_wbp as f64 / self.wbp as f64)
    }

    /// Whether the Kanwil has something to act on: no plan, staff to request, or
    /// inmates who cannot vote as things stand or need paperwork.
    pub fn needs_action(&self) -> bool {
        self.status != Status::Ok || self.requests > 0 || self.follow_ups > 0
    }

    /// The action class: 0 no feasible plan, 1 input errors, 2 staff requests, 3
    /// follow-ups only, 4 nothing to do.
    pub fn action_class(&self) -> u8 {
        match self.status {
            Status::Infeasible => 0,
            Status::Error => 1,
            Status::Ok if self.requests > 0 => 2,
            Status::Ok if self.follow_ups > 0 => 3,
            Status::Ok => 4,
        }
    }
}

/// The order in which the Kanwil acts: UPTs without a feasible plan first, then those
/// with input errors, then those that need staff from outside (most officer-minutes
/// first), then those with follow-ups only; inside a class the lowest share of inmates
/// who vote first, then the most follow-up lines, then the folder name. UPTs with
/// nothing to do are left out. Returns indices into `rows`.
pub fn action_order(rows: &[UptRow]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].needs_action())
        .collect();
    // Shares compared in hundredths of a per cent: exact, the same on every machine.
    let share = |r: &UptRow| (r.pemilih_wbp * 10_000).checked_div(r.wbp).unwrap_or(0);
    order.sort_by(|&a, &b| {
        let key = |r: &UptRow| {
            (
                r.action_class(),
                Reverse(r.request_minutes),
                share(r),
                Reverse(r.follow_ups),
            )
        };
        key(&rows[a])
            .cmp(&key(&rows[b]))
            .then_with(|| Path::new(&rows[a].upt).cmp(Path::new(&rows[b].upt)))
    });
    order
}

/// Sorts the rows by folder and numbers the action order into [`UptRow::action`].
pub fn rank(rows: &mut [UptRow]) {
    // Folder by folder, as the region walk sorts them (`papua/x` before `papua-barat/y`).
    rows.sort_by(|a, b| Path::new(&a.upt).cmp(Path::new(&b.upt)));
    for r in rows.iter_mut() {
        r.action = None;
    }
    for (place, i) in action_order(rows).into_iter().enumerate() {
        rows[i].action = Some(place + 1);
    }
}

/// The columns of `ringkasan.csv`: the first eleven as before issue 16, then the
/// Kanwil's columns.
pub const COLUMNS: [&str; 22] = [
    "upt",
    "status",
    "wbp",
    "pemilih",
    "tps",
    "tps_batas_bawah",
    "gap_persen",
    "kpps",
    "permintaan_petugas",
    "tindak_lanjut",
    "keterangan",
    "nama_upt",
    "kode_kabkota",
    "kabkota",
    "dpt",
    "dptb",
    "dpk",
    "pemilih_wbp",
    "persen_pemilih_wbp",
    "kpps_dari_luar",
    "menit_petugas_diminta",
    "urutan_tindakan",
];

/// `ringkasan.csv` as a table, one row per UPT in the order of `rows`.
pub fn table(rows: &[UptRow]) -> Table {
    let mut table = Table::new("ringkasan", &COLUMNS);
    for r in rows {
        table.push(vec![
            r.upt.clone().into(),
            r.status.code().into(),
            r.wbp.into(),
            r.pemilih.into(),
            r.tps.into(),
            r.tps_lower_bound.into(),
            r.gap
                .map(|g| format!("{:.2}", g * 100.0))
                .unwrap_or_default()
                .into(),
            r.kpps.into(),
            r.requests.into(),
            r.follow_ups.into(),
            r.note.clone().into(),
            r.name.clone().into(),
            r.kabkota_code.clone().into(),
            r.kabkota.clone().into(),
            r.dpt.into(),
            r.dptb.into(),
            r.dpk.into(),
            r.pemilih_wbp.into(),
            r.share()
                .map(|s| format!("{:.2}", s * 100.0))
                .unwrap_or_default()
                .into(),
            r.kpps_from_outside.into(),
            r.request_minutes.into(),
            r.action.map(|a| a.to_string()).unwrap_or_default().into(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(upt: &str, status: Status, wbp: u64, voters: u64, minutes: u64, follow: u64) -> UptRow {
        UptRow {
            upt: upt.into(),
            name: String::new(),
            kabkota_code: String::new(),
            kabkota: String::new(),
            status,
            wbp,
            pemilih: voters,
            dpt: voters,
            dptb: 0,
            dpk: 0,
            pemilih_wbp: voters,
            tps: 1,
            tps_lower_bound: 1,
            gap: Some(0.0),
            kpps: 7,
            kpps_from_outside: 0,
            requests: u64::from(minutes > 0),
            request_minutes: minutes,
            follow_ups: follow,
            note: String::new(),
            action: None,
        }
    }

    #[test]
    fn no_plan_comes_first_then_requests_by_minutes_then_low_shares() {
        let rows = vec![
            row("a-beres", Status::Ok, 100, 100, 0, 0),
            row("b-sedikit-pemilih", Status::Ok, 100, 60, 0, 40),
            row("c-galat", Status::Error, 0, 0, 0, 0),
            row("d-minta-sedikit", Status::Ok, 100, 95, 30, 5),
            row("e-tidak-layak", Status::Infeasible, 0, 0, 0, 0),
            row("f-minta-banyak", Status::Ok, 100, 99, 600, 1),
            row("g-banyak-pemilih", Status::Ok, 100, 90, 0, 10),
            row("h-sama-persen", Status::Ok, 200, 180, 0, 25),
        ];
        let names: Vec<&str> = action_order(&rows)
            .into_iter()
            .map(|i| rows[i].upt.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "e-tidak-layak",
                "c-galat",
                "f-minta-banyak",
                "d-minta-sedikit",
                "b-sedikit-pemilih",
                // the same 90 %: more follow-up lines first
                "h-sama-persen",
                "g-banyak-pemilih",
            ]
        );
    }

    #[test]
    fn ranks_number_the_action_order_and_leave_the_rest_empty() {
        let mut rows = vec![
            row("z", Status::Ok, 10, 5, 0, 5),
            row("a", Status::Ok, 10, 10, 0, 0),
            row("m", Status::Infeasible, 0, 0, 0, 0),
        ];
        rank(&mut rows);
        let got: Vec<(&str, Option<usize>)> =
            rows.iter().map(|r| (r.upt.as_str(), r.action)).collect();
        assert_eq!(got, [("a", None), ("m", Some(1)), ("z", Some(2))]);
        // Folders sort component by component, as the region walk does.
        let mut nested = vec![
            row("papua-barat/b", Status::Ok, 1, 1, 0, 0),
            row("papua/a", Status::Ok, 1, 1, 0, 0),
        ];
        rank(&mut nested);
        assert_eq!(nested[0].upt, "papua/a");
        let mut bytes = Vec::new();
        table(&rows).write_csv(&mut bytes).unwrap();
        let csv = String::from_utf8(bytes).unwrap();
        assert!(csv.contains("urutan_tindakan"), "{csv}");
        assert!(csv.contains(",50.00,"), "{csv}");
    }
}
