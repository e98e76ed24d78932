//! The checker catches what a faulty planner would write: a plan made from a wrong
//! eligibility decision, a wrong reserve, a non-voter registered, KPU rows built by the
//! export code from a wrong decision; and its own code does not reach the planner's
//! logic (a scan of its source). These tests may use the planner to make plans; the
//! checker's code may not.

use std::path::{Path, PathBuf};

use super::*;
use crate::plan::RegisteredVoter;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kalabahi() -> Facility {
    let loaded = crate::input::load_facility(
        &manifest().join("data/ntt/lapas-kalabahi"),
        None,
        Reference::builtin(),
    );
    loaded.facility.expect("the Kalabahi sample loads")
}

/// The Kalabahi sample, and a plan made by the planner from a copy in which one voter's
/// KTP address was put in the UPT's own desa: the plan a planner whose eligibility
/// gives that voter every local ballot would make. Returns the true facility, the plan,
/// the faulty facility, that voter and a ballot code they are not entitled to.
fn faulty_plan() -> (Facility, Plan, Facility, RegNo, String) {
    let truth = kalabahi();
    let reference = Reference::builtin();
    let derived = eligibility::derive(&truth, reference);
    let local: Vec<String> = truth
        .rules
        .surat_suara
        .jenis
        .iter()
        .filter(|b| reference.holds(&truth.info.region, b.pemilihan))
        .map(|b| b.kode.clone())
        .collect();
    let (who, code) = derived
        .voters
        .iter()
        .filter(|v| !v.other)
        .find_map(|v| {
            let missing = local.iter().find(|c| !v.ballots.contains(c))?;
            Some((v.reg_no.clone(), missing.clone()))
        })
        .expect("a voter from elsewhere, short of a local ballot");
    let mut faulty = truth.clone();
    let inmate = faulty
        .inmates
        .iter_mut()
        .find(|i| i.reg_no == who)
        .expect("the voter on the roster");
    inmate.ktp_region = Some(truth.info.region.clone());
    let opts = crate::optimise::PlanOptions::default();
    let planned = crate::planner::plan_facility(faulty.clone(), reference, &opts, Lang::Id)
        .expect("the faulty copy plans");
    (truth, planned.plan, faulty, who, code)
}

fn write(table: &crate::export::Table, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.csv", table.sheet));
    table.write_csv_file(&path).expect("written");
    path
}

#[test]
fn a_plan_from_a_wrong_eligibility_decision_and_its_kpu_rows_are_caught() {
    let (truth, plan, faulty, who, code) = faulty_plan();
    let reference = Reference::builtin();
    // The planner's own view of its plan is clean: the fault is in what it decided.
    assert!(verify(&faulty, reference, &plan).is_empty());

    // Against the true inputs the ballots of the voter's TPS are one too many.
    let tps = plan
        .tps
        .iter()
        .find(|t| t.voters.iter().any(|v| v.reg_no == who))
        .expect("the voter registered")
        .number;
    let found = verify(&truth, reference, &plan);
    assert!(
        found
            .iter()
            .any(|v| v.rule == 9 && v.tps == Some(tps) && v.message.id.contains(&code)),
        "rule 9 at TPS {tps} for {code}: {found:?}"
    );

    // The export code fed the faulty decision writes the voter with that ballot; the
    // checker's own rows (from the true inputs) name the row.
    let dir = tempfile::tempdir().unwrap();
    let decisions = crate::eligibility::decide(&faulty, reference);
    let derived = eligibility::derive(&truth, reference);
    let pemilih = write(
        &crate::export::kpu::pemilih_table(&faulty, &decisions, &plan),
        dir.path(),
    );
    let diff = folder::compare_csv(
        &pemilih,
        &rows::pemilih(&truth, &derived.voters, &plan, false),
    )
    .expect("kpu/pemilih.csv differs");
    assert!(diff.id.contains(who.as_str()), "names {who}: {}", diff.id);
    let surat = write(
        &crate::export::kpu::surat_suara_table(&decisions, &plan),
        dir.path(),
    );
    let diff = folder::compare_csv(&surat, &rows::surat_suara(&truth, &derived.voters, &plan))
        .expect("kpu/surat_suara.csv differs");
    assert!(diff.id.contains(&code), "names {code}: {}", diff.id);

    // With the true decision the same builders agree with the checker's rows.
    let honest = crate::eligibility::decide(&truth, reference);
    let pemilih = write(
        &crate::export::kpu::pemilih_table(&truth, &honest, &plan),
        dir.path(),
    );
    assert_eq!(
        folder::compare_csv(
            &pemilih,
            &rows::pemilih(&truth, &derived.voters, &plan, false)
        ),
        None
    );
    let tps_csv = write(&crate::export::kpu::tps_table(&truth, &plan), dir.path());
    assert_eq!(
        folder::compare_csv(
            &tps_csv,
            &rows::tps(&truth, reference, &derived.voters, &plan)
        ),
        None
    );
}

#[test]
fn a_wrong_reserve_and_a_registered_non_voter_are_named() {
    let truth = kalabahi();
    let reference = Reference::builtin();
    let opts = crate::optimise::PlanOptions::default();
    let plan = crate::planner::plan_facility(truth.clone(), reference, &opts, Lang::Id)
        .expect("Kalabahi plans")
        .plan;
    assert!(verify(&truth, reference, &plan).is_empty());

    // A reserve one too big (as a wrong rounding of 2 % would give).
    let mut wrong = plan.clone();
    let t = &mut wrong.tps[0];
    let b = &mut t.ballots[0];
    b.reserve += 1;
    b.total += 1;
    let (number, code) = (t.number, b.code.clone());
    let found = verify(&truth, reference, &wrong);
    assert!(
        found
            .iter()
            .any(|v| v.rule == 9 && v.tps == Some(number) && v.message.en.contains(&code)),
        "{found:?}"
    );

    // Somebody who may not vote here (no NIK, a foreigner, released before the day...)
    // registered and scheduled as a voter would be by a faulty eligibility decision.
    let derived = eligibility::derive(&truth, reference);
    let outsider = derived.non_voters.first().expect("a non-voter").clone();
    let person = truth
        .people()
        .find(|i| i.reg_no == outsider)
        .expect("on the roster");
    let mut wrong = plan.clone();
    wrong.tps[0].voters.push(RegisteredVoter {
        reg_no: outsider.clone(),
        block: person.block.clone(),
        category: crate::model::Category::Dpt,
        mobile: false,
    });
    let found = verify(&truth, reference, &wrong);
    assert!(
        found
            .iter()
            .any(|v| v.rule == 1 && v.voter.as_ref() == Some(&outsider)),
        "{found:?}"
    );
}

/// The checker's own source (tests apart) reaches none of the planner's deciding code:
/// no eligibility, optimiser, planner or layout module, no staffing logic (its plan data
/// type `Staffing` apart), no `reserve_for`, and none of the export builders of the
/// tables it derives itself. `folder.rs` alone still calls the export builders (and the
/// eligibility decision behind the follow-ups) listed in `STILL_SHARED` for the tables
/// it does not yet derive.
#[test]
fn the_checker_does_not_reach_the_planners_logic() {
    const STILL_SHARED: &[&str] = &[
        "crate::eligibility::decide",
        "crate::eligibility::follow_ups",
        "crate::export::kpu::daftar_table",
        "crate::export::kpu::kekurangan_table",
        "crate::export::kpu::kpps_table",
        "crate::export::kpu::model_a_table",
        "crate::export::kpu::petugas_table",
        "crate::export::kpu::secret_tables",
        "crate::export::kpu::tindak_lanjut_orang_table",
        "crate::export::kpu::tindak_lanjut_table",
    ];
    let dir = manifest().join("src/verify");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "tests.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The code before its tests, comments apart.
        let mut code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        if name == "folder.rs" {
            for allowed in STILL_SHARED {
                code = code.replace(allowed, "");
            }
        }
        let code = code.replace("crate::staffing::Staffing", "");
        for banned in [
            "crate::eligibility",
            "eligibility::decide",
            "crate::optimise",
            "crate::planner",
            "crate::layout",
            "crate::staffing",
            "crate::simulate",
            "crate::export::kpu",
            "reserve_for",
            "kpps_bars",
            "write_csv",
            "export::neutralise",
            "export::mask_id",
            "export::table::",
            "table::neutralise",
            "table::write_xlsx",
        ] {
            assert!(!code.contains(banned), "{name} uses {banned}");
        }
        for line in code.lines().filter(|l| l.trim_start().starts_with("use ")) {
            assert!(
                !line.contains("eligibility") || line.contains("self::eligibility"),
                "{name}: {line}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 9, "{checked} files scanned");
}

#[test]
fn the_per_person_follow_ups_must_say_who_votes_as_the_checker_derived_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tindak_lanjut_orang.csv");
    std::fs::write(
        &path,
        "\u{feff}no_registrasi,nama,pemilih,alasan\r\nA-1,Ani,tidak,bebas_hari_h\r\nB-2,Budi,tidak,tanpa_nik\r\nC-3,Citra,ya,bebas_hari_h\r\n",
    )
    .unwrap();
    let voting: std::collections::BTreeSet<&str> = ["A-1", "C-3"].into_iter().collect();
    let found = folder::check_voter_column(&path, &voting);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0.as_deref(), Some("A-1"));
    assert!(found[0].1.en.contains("'ya'"), "{:?}", found[0].1);
}
