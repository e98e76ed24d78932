//! `penyesuaian.csv` (optional): hand edits that `plan` keeps as stated. Columns
//! `jenis,objek,nilai` (and an optional free `keterangan`); each row is one pin of
//! [`PinKind`]. Every cell is checked against the rest of the folder: the block, voter
//! and site named must exist, a TPS number must be one the plan can give (from the
//! ruleset's `nomor_awal`), nothing may be pinned twice. Rules that need the voters
//! (the cap, segregation, windows) are checked when planning (`crate::optimise::pins`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::rows::{Parsed, read, row};
use crate::diagnostics::Problem;
use crate::lang::text;
use crate::model::{Inmate, Node, NodeId, NodeKind, Pin, PinKind, RegNo};

/// `penyesuaian.csv`, relative to a facility folder.
pub const PINS_FILE: &str = "penyesuaian.csv";
/// Column names of `penyesuaian.csv`.
pub const PIN_COLUMNS: &[&str] = &["jenis", "objek", "nilai"];
/// Optional columns.
const PIN_OPTIONAL_COLUMNS: &[&str] = &["keterangan"];
/// The `jenis` values, in the order of the README.
pub const PIN_KINDS: &[&str] = &[
    "blok_tps",
    "blok_lokasi",
    "pemilih_tps",
    "lokasi_tutup",
    "jumlah_tps",
    "jam_gelombang",
];
/// TPS one plan may open at most (as `jumlah_tps` in facility.toml).
const MAX_TPS: u32 = 1000;

#[derive(Deserialize)]
struct PinRow<'a> {
    jenis: &'a str,
    objek: &'a str,
    nilai: &'a str,
}

/// What the rows are checked against.
pub(crate) struct PinContext<'a> {
    /// `layout/nodes.csv` (None when it had errors: names are then not checked).
    pub nodes: Option<&'a [Node]>,
    /// `inmates.csv` and `pemilih_lain.csv` (None when either had errors).
    pub people: Option<Vec<&'a Inmate>>,
    /// The ruleset's first TPS number (None when the ruleset could not be built).
    pub first_tps: Option<u32>,
}

/// Reads and checks `penyesuaian.csv`.
pub(crate) fn read_pins(path: &Path, ctx: &PinContext, problems: &mut Vec<Problem>) -> Parsed<Pin> {
    let parsed = read(
        path,
        (PIN_COLUMNS, PIN_OPTIONAL_COLUMNS),
        problems,
        |rec, header, c| {
            let r: PinRow = row(rec, header, c)?;
            let jenis = r.jenis.to_lowercase();
            let block = |c: &mut super::cells::Cells, v: &str| -> Option<NodeId> {
                let v = c.text("objek", v)?;
                let id = NodeId::from(v);
                if let Some(nodes) = ctx.nodes
                    && !nodes.iter().any(|n| n.id == id && n.kind == NodeKind::Blok)
                {
                    c.error(
                        "E0702",
                        "objek",
                        text!(
                            "blok '{v}' tidak ada di layout/nodes.csv",
                            "block '{v}' is not in layout/nodes.csv"
                        ),
                    );
                    return None;
                }
                Some(id)
            };
            let site = |c: &mut super::cells::Cells, field: &str, v: &str| -> Option<NodeId> {
                let v = c.text(field, v)?;
                let id = NodeId::from(v);
                if let Some(nodes) = ctx.nodes
                    && !nodes.iter().any(|n| n.id == id && n.is_site())
                {
                    c.error(
                        "E0704",
                        field,
                        text!(
                            "'{v}' bukan lokasi TPS (simpul dengan maks_tps > 0) di layout/nodes.csv",
                            "'{v}' is not a TPS site (a node with maks_tps > 0) in layout/nodes.csv"
                        ),
                    );
                    return None;
                }
                Some(id)
            };
            let tps = |c: &mut super::cells::Cells, v: &str| -> Option<u32> {
                let n = c.count("nilai", v)?;
                if let Some(first) = ctx.first_tps
                    && !(first..first + MAX_TPS).contains(&n)
                {
                    c.error(
                        "E0705",
                        "nilai",
                        text!(
                            "nomor TPS {n} di luar penomoran rencana: TPS bernomor {first}, {}, ... (paling banyak {MAX_TPS} TPS)",
                            "TPS number {n} is outside the plan's numbering: TPS are numbered {first}, {}, ... (at most {MAX_TPS} TPS)",
                            first + 1
                        ),
                    );
                    return None;
                }
                Some(n)
            };
            let kind = match jenis.as_str() {
                "blok_tps" => {
                    let b = block(c, r.objek);
                    let n = tps(c, r.nilai);
                    PinKind::BlokTps { blok: b?, tps: n? }
                }
                "blok_lokasi" => {
                    let b = block(c, r.objek);
                    let s = site(c, "nilai", r.nilai);
                    PinKind::BlokLokasi {
                        blok: b?,
                        lokasi: s?,
                    }
                }
                "pemilih_tps" => {
                    let reg = c.text("objek", r.objek).map(|v| RegNo(v.to_string()));
                    let reg = match (reg, &ctx.people) {
                        (Some(reg), Some(people)) if !people.iter().any(|p| p.reg_no == reg) => {
                            c.error(
                                "E0703",
                                "objek",
                                text!(
                                    "pemilih '{}' tidak ada di inmates.csv maupun pemilih_lain.csv",
                                    "voter '{}' is in neither inmates.csv nor pemilih_lain.csv",
                                    reg.0
                                ),
                            );
                            None
                        }
                        (reg, _) => reg,
                    };
                    let n = tps(c, r.nilai);
                    PinKind::PemilihTps {
                        no_registrasi: reg?,
                        tps: n?,
                    }
                }
                "lokasi_tutup" => PinKind::LokasiTutup {
                    lokasi: site(c, "objek", r.objek)?,
                },
                "jumlah_tps" => {
                    let n = c.count("nilai", r.nilai)?;
                    if !(1..=MAX_TPS).contains(&n) {
                        c.error(
                            "E0705",
                            "nilai",
                            text!(
                                "jumlah TPS {n}: tulis 1 sampai {MAX_TPS}",
                                "TPS count {n}: write 1 to {MAX_TPS}"
                            ),
                        );
                        return None;
                    }
                    PinKind::JumlahTps { jumlah: n }
                }
                "jam_gelombang" => {
                    let b = block(c, r.objek);
                    let t = c.clock("nilai", r.nilai);
                    PinKind::JamGelombang {
                        blok: b?,
                        mulai: t?,
                    }
                }
                other => {
                    c.error(
                        "E0701",
                        "jenis",
                        text!(
                            "jenis '{other}' tidak dikenal; tulis salah satu dari: {}",
                            "unknown jenis '{other}'; write one of: {}",
                            PIN_KINDS.join(", ")
                        ),
                    );
                    return None;
                }
            };
            Some(Pin {
                line: c.line(),
                kind,
            })
        },
    );
    twice(path, &parsed.items, problems);
    parsed
}

/// What a pin fixes: two pins with the same subject contradict or repeat each other.
fn subject(kind: &PinKind) -> (&'static str, String) {
    match kind {
        PinKind::BlokTps { blok, .. } => ("blok_tps", blok.to_string()),
        PinKind::BlokLokasi { blok, .. } => ("blok_lokasi", blok.to_string()),
        PinKind::PemilihTps { no_registrasi, .. } => ("pemilih_tps", no_registrasi.0.clone()),
        PinKind::LokasiTutup { lokasi } => ("lokasi_tutup", lokasi.to_string()),
        PinKind::JumlahTps { .. } => ("jumlah_tps", String::new()),
        PinKind::JamGelombang { blok, .. } => ("jam_gelombang", blok.to_string()),
    }
}

/// Reports a subject pinned more than once, and a block pinned to a site that a row
/// also closes.
fn twice(path: &Path, pins: &[Pin], problems: &mut Vec<Problem>) {
    let mut first: BTreeMap<(&'static str, String), u64> = BTreeMap::new();
    for p in pins {
        let key = subject(&p.kind);
        match first.get(&key) {
            Some(&line) => problems.push(
                Problem::error(
                    "E0706",
                    path,
                    text!(
                        "{} '{}' sudah diatur di baris {line}; satu hal hanya boleh diatur sekali",
                        "{} '{}' is already set on line {line}; one thing may be set only once",
                        key.0,
                        key.1
                    ),
                )
                .at_line(p.line)
                .field("objek"),
            ),
            None => {
                first.insert(key, p.line);
            }
        }
    }
    for p in pins {
        if let PinKind::BlokLokasi { blok, lokasi } = &p.kind
            && let Some(closed) = pins
                .iter()
                .find(|q| matches!(&q.kind, PinKind::LokasiTutup { lokasi: l } if l == lokasi))
        {
            problems.push(
                Problem::error(
                    "E0709",
                    path,
                    text!(
                        "blok '{blok}' ditempatkan di lokasi '{lokasi}' yang ditutup di baris {} (aturan 4: lokasi TPS)",
                        "block '{blok}' is placed at site '{lokasi}', which line {} closes (rule 4: TPS sites)",
                        closed.line
                    ),
                )
                .at_line(p.line)
                .field("nilai"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::FacilityBuilder;

    /// A problem as (code, line, field).
    type Found = (&'static str, Option<u64>, String);

    fn read_rows(rows: &str) -> (Vec<Pin>, Vec<Found>) {
        let (f, _) = FacilityBuilder::new("pin")
            .block("blok-a", "umum")
            .block("blok-b", "umum")
            .site("aula", "umum", 2, 4)
            .site("lapangan", "umum", 2, 4)
            .build();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(PINS_FILE);
        std::fs::write(&path, format!("jenis,objek,nilai\n{rows}")).unwrap();
        let ctx = PinContext {
            nodes: Some(&f.nodes),
            people: Some(Vec::new()),
            first_tps: Some(901),
        };
        let mut problems = Vec::new();
        let pins = read_pins(&path, &ctx, &mut problems).items;
        let found = problems
            .iter()
            .map(|p| {
                (
                    p.code,
                    p.line,
                    p.field.as_ref().map(|f| f.id.clone()).unwrap_or_default(),
                )
            })
            .collect();
        (pins, found)
    }

    #[test]
    fn every_kind_reads_into_its_pin() {
        let (pins, problems) = read_rows(
            "blok_tps,blok-a,903\nBLOK_LOKASI,blok-b,aula\nlokasi_tutup,lapangan,\njumlah_tps,,8\njam_gelombang,blok-a,09:30\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let kinds: Vec<&PinKind> = pins.iter().map(|p| &p.kind).collect();
        assert_eq!(
            kinds[0],
            &PinKind::BlokTps {
                blok: NodeId::from("blok-a"),
                tps: 903
            }
        );
        assert!(
            matches!(kinds[1], PinKind::BlokLokasi { lokasi, .. } if lokasi.as_str() == "aula")
        );
        assert!(matches!(kinds[2], PinKind::LokasiTutup { .. }));
        assert_eq!(kinds[3], &PinKind::JumlahTps { jumlah: 8 });
        assert!(matches!(kinds[4], PinKind::JamGelombang { mulai, .. } if mulai.0 == 9 * 60 + 30));
        assert_eq!(
            pins.iter().map(|p| p.line).collect::<Vec<_>>(),
            [2, 3, 4, 5, 6]
        );
    }

    #[test]
    fn each_bad_cell_is_named_with_line_field_and_code() {
        let (pins, problems) = read_rows(
            "geser,blok-a,903\nblok_tps,blok-z,903\nblok_lokasi,blok-a,blok-b\npemilih_tps,X-1,903\nblok_tps,blok-b,900\njumlah_tps,,0\njam_gelombang,blok-a,9.30\nblok_tps,blok-a,904\nblok_tps,blok-a,905\n",
        );
        assert_eq!(
            problems,
            vec![
                ("E0701", Some(2), "jenis".to_string()),
                ("E0702", Some(3), "objek".to_string()),
                ("E0704", Some(4), "nilai".to_string()),
                ("E0703", Some(5), "objek".to_string()),
                ("E0705", Some(6), "nilai".to_string()),
                ("E0705", Some(7), "nilai".to_string()),
                ("E0015", Some(8), "nilai".to_string()),
                ("E0706", Some(10), "objek".to_string()),
            ]
        );
        // The good row is kept (the twice-set one too: the error stops planning).
        assert_eq!(pins.len(), 2);
    }

    #[test]
    fn a_block_placed_at_a_site_another_row_closes_is_refused() {
        let (_, problems) = read_rows("lokasi_tutup,aula,\nblok_lokasi,blok-a,aula\n");
        assert_eq!(problems, vec![("E0709", Some(3), "nilai".to_string())]);
    }
}
