use super::*;
use crate::model::{Category, Clock};
use crate::optimise::{PlanOptions, plan};
use crate::plan::{RegisteredVoter, Tps};
use crate::testing::{FacilityBuilder, VoterSpec};

/// A real plan of a small facility, whose TPS the tests replace by hand.
fn template() -> Plan {
    let (f, voters) = FacilityBuilder::new("ubah")
        .block("A", "umum")
        .site("aula", "umum", 1, 4)
        .path("A", "aula", 2.0, false)
        .voters("A", 10, VoterSpec::man())
        .escorts(10, Clock::hm(6, 0), Clock::hm(14, 0))
        .build();
    plan(&f, &voters, &PlanOptions::default()).expect("plans")
}

fn voter(reg: &str, block: &str, category: Category) -> RegisteredVoter {
    RegisteredVoter {
        reg_no: reg.into(),
        block: block.into(),
        category,
        mobile: false,
    }
}

/// A plan of TPS (number, site, voters).
fn with_tps(base: &Plan, tps: Vec<(u32, &str, Vec<RegisteredVoter>)>) -> Plan {
    let mut p = base.clone();
    let t0: Tps = base.tps[0].clone();
    p.tps = tps
        .into_iter()
        .map(|(number, site, voters)| Tps {
            number,
            site: site.into(),
            voters,
            ..t0.clone()
        })
        .collect();
    p
}

fn loaded(plan: Plan) -> Loaded {
    Loaded {
        plan,
        names: BTreeMap::from([("R9".into(), "Lama Sembilan".to_string())]),
        folder: "lama".into(),
        digest: "0".into(),
    }
}

fn names(regs: &[&str]) -> BTreeMap<RegNo, String> {
    regs.iter()
        .map(|r| (RegNo::from(*r), format!("Nama {r}")))
        .collect()
}

fn reasons(c: &Changes) -> Vec<(&str, &'static str)> {
    c.rows
        .iter()
        .map(|r| (r.reg_no.as_str(), r.reason.code()))
        .collect()
}

#[test]
fn every_voter_moved_left_or_new_is_listed_once_with_its_reason() {
    let base = template();
    let dpt = Category::Dpt;
    let old = with_tps(
        &base,
        vec![
            (
                901,
                "aula",
                vec![
                    voter("R1", "A", dpt),
                    voter("R2", "A", dpt),
                    voter("R3", "A", dpt),
                    voter("R4", "A", dpt),
                    voter("R5", "A", dpt),
                ],
            ),
            (
                902,
                "masjid",
                vec![
                    voter("R8", "B", dpt),
                    voter("R9", "B", dpt),
                    voter("R6", "B", dpt),
                ],
            ),
        ],
    );
    // R1 stays; R2 at 902 with the same data while 901 still stands (kapasitas); R3's
    // block changed and their TPS (pindah_blok); R4 became DPTb and moved
    // (data_berubah); R5's block changed but not their TPS (kept); R8 still in the
    // roster, no longer a voter; R9 left the roster; R6 stays; N1 is new.
    let new = with_tps(
        &base,
        vec![
            (
                901,
                "aula",
                vec![voter("R1", "A", dpt), voter("R5", "C", dpt)],
            ),
            (
                902,
                "masjid",
                vec![
                    voter("R2", "A", dpt),
                    voter("R3", "C", dpt),
                    voter("R4", "A", Category::Dptb),
                    voter("R6", "B", dpt),
                    voter("N1", "B", dpt),
                ],
            ),
        ],
    );
    let roster = names(&["R1", "R2", "R3", "R4", "R5", "R6", "R8", "N1"]);
    let c = diff(&loaded(old), &new, &roster);
    assert_eq!(
        reasons(&c),
        vec![
            ("R2", "kapasitas"),
            ("R3", "pindah_blok"),
            ("R4", "data_berubah"),
            ("R8", "tidak_memilih"),
            ("R9", "bebas"),
            ("N1", "baru"),
        ]
    );
    assert_eq!((c.kept, c.moved(), c.left(), c.new_voters()), (3, 3, 2, 1));
    // Names from the new roster, else from the old plan's list.
    assert_eq!(c.rows[3].name, "Nama R8");
    assert_eq!(c.rows[4].name, "Lama Sembilan");
    let r3 = &c.rows[1];
    assert_eq!(r3.old, Some((901, "aula".into())));
    assert_eq!(r3.new, Some((902, "masjid".into())));
    assert_eq!(r3.note, "blok A -> C");
    let record = c.record();
    assert_eq!(
        (record.tetap, record.pindah, record.keluar, record.baru),
        (3, 3, 2, 1)
    );
}

#[test]
fn a_closed_tps_and_the_renumbered_last_one_are_told_apart() {
    let base = template();
    let dpt = Category::Dpt;
    let old = with_tps(
        &base,
        vec![
            (901, "aula", vec![voter("R1", "A", dpt)]),
            (902, "masjid", vec![voter("R2", "B", dpt)]),
            (903, "aula", vec![voter("R3", "A", dpt)]),
        ],
    );
    // 902 closed: its voter went to 901 (tps_ditutup); 903 took number 902 at its own
    // site (nomor_tps_berubah).
    let new = with_tps(
        &base,
        vec![
            (
                901,
                "aula",
                vec![voter("R1", "A", dpt), voter("R2", "B", dpt)],
            ),
            (902, "aula", vec![voter("R3", "A", dpt)]),
        ],
    );
    let c = diff(&loaded(old), &new, &names(&["R1", "R2", "R3"]));
    assert_eq!(
        reasons(&c),
        vec![("R2", "tps_ditutup"), ("R3", "nomor_tps_berubah")]
    );
    assert_eq!(c.kept, 1);
}

#[test]
fn the_table_has_no_identity_numbers_and_empty_cells_for_no_tps() {
    let base = template();
    let dpt = Category::Dpt;
    let old = with_tps(&base, vec![(901, "aula", vec![voter("R1", "A", dpt)])]);
    let new = with_tps(&base, vec![(901, "aula", vec![voter("N1", "A", dpt)])]);
    let c = diff(&loaded(old), &new, &names(&["N1"]));
    let t = table(&c);
    assert!(!t.columns.contains(&"nik") && !t.columns.contains(&"nkk"));
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][3], Cell::Int(901));
    assert_eq!(t.rows[0][5], Cell::from(""));
    assert_eq!(t.rows[1][3], Cell::from(""));
    assert_eq!(t.rows[1][5], Cell::Int(901));
    let s = summary(&c, Lang::Id);
    assert!(s.contains("0 pindah TPS, 1 keluar, 1 baru"), "{s}");
}
