//! Eligibility, category, ballots, logistics, follow-ups and readiness, table-driven:
//! every row names the rule it checks.

#[path = "common/builder.rs"]
mod builder;

use builder::{d, facility, wbp};
use tpsplan::cli::Lang;
use tpsplan::eligibility::{
    self, Decision, Decisions, Doubt, Readiness, Reason, ReserveWarning, ballot_needs, decide,
    follow_ups, reserve_warnings, voters,
};
use tpsplan::facility::Facility;
use tpsplan::model::{
    Category, Citizenship, Inmate, MaritalStatus, Need, NodeId, RegNo, Registration, Risk, Sex,
    Voter,
};
use tpsplan::reference::Reference;
use tpsplan::rules::load_ruleset;

/// Lapas Kelas IIA Pancur Batu stands in kecamatan Pancur Batu, Deli Serdang.
const PANCUR_BATU: &str = "12.07.05";
const FIVE: [&str; 5] = ["PPWP", "DPR", "DPD", "DPRD_PROV", "DPRD_KAB"];

fn decide_one(f: &Facility) -> Decision {
    let ds = decide(f, Reference::builtin());
    assert_eq!(ds.len(), 1);
    ds.items[0].clone()
}

fn codes(rs: &[Reason]) -> Vec<&'static str> {
    rs.iter().map(|r| r.code()).collect()
}

fn task_codes(dec: &Decision) -> Vec<&'static str> {
    dec.tasks.iter().map(|t| t.reason.code()).collect()
}

/// One row of a person-rule table.
struct PersonRow {
    rule: &'static str,
    tweak: fn(&mut Inmate),
    eligible: bool,
    reasons: &'static [&'static str],
    tasks: &'static [&'static str],
}

#[test]
fn person_rules_decide_who_is_a_voter_on_pemilu_day() {
    let rows = [
        PersonRow {
            rule: "a WNI adult on the DPT votes",
            tweak: |_| {},
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "a WNA never votes",
            tweak: |i| i.citizenship = Citizenship::Wna,
            eligible: false,
            reasons: &["wna"],
            tasks: &["wna"],
        },
        PersonRow {
            rule: "the 17th birthday on election day counts as 17",
            tweak: |i| {
                i.birth_date = d("2007-02-14");
                i.marital = MaritalStatus::Belum
            },
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "17 the day after election day is under age",
            tweak: |i| {
                i.birth_date = d("2007-02-15");
                i.marital = MaritalStatus::Belum
            },
            eligible: false,
            reasons: &["belum_cukup_umur"],
            tasks: &["belum_cukup_umur"],
        },
        PersonRow {
            rule: "a married 16-year-old votes",
            tweak: |i| {
                i.birth_date = d("2007-06-01");
                i.marital = MaritalStatus::Sudah
            },
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "a previously married 16-year-old votes",
            tweak: |i| {
                i.birth_date = d("2007-06-01");
                i.marital = MaritalStatus::Pernah
            },
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "an unmarried 16-year-old does not vote",
            tweak: |i| {
                i.birth_date = d("2007-06-01");
                i.marital = MaritalStatus::Belum
            },
            eligible: false,
            reasons: &["belum_cukup_umur"],
            tasks: &["belum_cukup_umur"],
        },
        PersonRow {
            rule: "a revoked right bars voting",
            tweak: |i| i.right_revoked = true,
            eligible: false,
            reasons: &["hak_dicabut"],
            tasks: &["hak_dicabut"],
        },
        PersonRow {
            rule: "no NIK: KPU drops the record",
            tweak: |i| i.nik = None,
            eligible: false,
            reasons: &["tanpa_nik"],
            tasks: &["tanpa_nik"],
        },
        PersonRow {
            rule: "no NKK: KPU drops the record",
            tweak: |i| i.nkk = None,
            eligible: false,
            reasons: &["tanpa_nkk"],
            tasks: &["tanpa_nkk"],
        },
        PersonRow {
            rule: "neither NIK nor NKK: both reasons",
            tweak: |i| {
                i.nik = None;
                i.nkk = None
            },
            eligible: false,
            reasons: &["tanpa_nik", "tanpa_nkk"],
            tasks: &["tanpa_nik", "tanpa_nkk"],
        },
        PersonRow {
            rule: "an empty release date means still held on the day",
            tweak: |i| i.release_date = None,
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "released the day before election day votes at home",
            tweak: |i| i.release_date = Some(d("2024-02-13")),
            eligible: false,
            reasons: &["bebas_sebelum_hari_h"],
            tasks: &["bebas_sebelum_hari_h"],
        },
        PersonRow {
            rule: "released on election day still votes here, first wave",
            tweak: |i| i.release_date = Some(d("2024-02-14")),
            eligible: true,
            reasons: &[],
            tasks: &["bebas_hari_h"],
        },
        PersonRow {
            rule: "released after election day votes here",
            tweak: |i| i.release_date = Some(d("2024-02-15")),
            eligible: true,
            reasons: &[],
            tasks: &[],
        },
        PersonRow {
            rule: "every failing rule is recorded; permanent ones alone are followed up",
            tweak: |i| {
                i.citizenship = Citizenship::Wna;
                i.right_revoked = true;
                i.nik = None
            },
            eligible: false,
            reasons: &["wna", "hak_dicabut", "tanpa_nik"],
            tasks: &["wna", "hak_dicabut"],
        },
    ];
    for row in rows {
        let mut inmate = wbp("R1", PANCUR_BATU);
        (row.tweak)(&mut inmate);
        let dec = decide_one(&facility("pemilu-2024", PANCUR_BATU).inmate(inmate).build());
        assert_eq!(dec.eligible, row.eligible, "rule: {}", row.rule);
        assert_eq!(codes(&dec.reasons), row.reasons, "rule: {}", row.rule);
        assert_eq!(task_codes(&dec), row.tasks, "rule: {}", row.rule);
    }
}

#[test]
fn age_is_counted_on_election_day_with_29_february_on_1_march_in_common_years() {
    // (rule, birth date, election day, voter?)
    let rows = [
        (
            "born 29 Feb is still 16 on 28 Feb of a common year",
            "2008-02-29",
            "2025-02-28",
            false,
        ),
        (
            "born 29 Feb turns 17 on 1 Mar of a common year",
            "2008-02-29",
            "2025-03-01",
            true,
        ),
        (
            "born 29 Feb turns 17 on 29 Feb of a leap year",
            "2007-02-28",
            "2024-02-29",
            true,
        ),
        (
            "born 1 Mar is 16 on 29 Feb of a leap year",
            "2007-03-01",
            "2024-02-29",
            false,
        ),
        (
            "born 29 Feb 2004 is 17 on election day 2021-03-01",
            "2004-02-29",
            "2021-03-01",
            true,
        ),
    ];
    for (rule, birth, election, voter) in rows {
        let mut inmate = wbp("R1", PANCUR_BATU);
        inmate.birth_date = d(birth);
        inmate.marital = MaritalStatus::Belum;
        let f = facility("pemilu-2024", PANCUR_BATU)
            .election_date(election)
            .data_date("2020-01-01")
            .inmate(inmate)
            .build();
        let dec = decide_one(&f);
        assert_eq!(dec.eligible, voter, "rule: {rule} (age {})", dec.age);
        if !voter {
            assert_eq!(codes(&dec.reasons), ["belum_cukup_umur"], "rule: {rule}");
        }
    }
}

/// One row of the category table.
struct CategoryRow {
    rule: &'static str,
    data_date: &'static str,
    overrides: &'static str,
    registration: Registration,
    ktp_el: bool,
    category: Option<Category>,
    window: Option<(&'static str, &'static str)>,
    reasons: &'static [&'static str],
    task: Option<(&'static str, &'static str, bool)>,
}

#[test]
fn category_follows_registration_ktp_el_and_the_cut_off_dates() {
    let rows = [
        CategoryRow {
            rule: "dpt is DPT, voting from opening",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::Dpt,
            ktp_el: true,
            category: Some(Category::Dpt),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: None,
        },
        CategoryRow {
            rule: "a DPT voter needs no KTP-el",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::Dpt,
            ktp_el: false,
            category: Some(Category::Dpt),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: None,
        },
        CategoryRow {
            rule: "dptb is DPTb, voting from opening (Keputusan KPU 66/2024)",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::Dptb,
            ktp_el: true,
            category: Some(Category::Dptb),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: None,
        },
        CategoryRow {
            rule: "KPU's 11:00 advice for DPTb as a ruleset switch",
            data_date: "2024-01-05",
            overrides: "[jendela]\ndptb = { mulai = \"11:00\", selesai = \"13:00\" }\n",
            registration: Registration::Dptb,
            ktp_el: true,
            category: Some(Category::Dptb),
            window: Some(("11:00", "13:00")),
            reasons: &[],
            task: None,
        },
        CategoryRow {
            rule: "belum with a KTP-el of the UPT's kecamatan is DPK 12:00-13:00, desa to confirm",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::Belum,
            ktp_el: true,
            category: Some(Category::Dpk),
            window: Some(("12:00", "13:00")),
            reasons: &[],
            task: Some(("konfirmasi_wilayah_dpk", "2024-02-14", false)),
        },
        CategoryRow {
            rule: "dpt_asal is planned as DPTb, the UPT files Model A by H-7",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::DptAsal,
            ktp_el: true,
            category: Some(Category::Dptb),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: Some(("perlu_model_a", "2024-02-07", false)),
        },
        CategoryRow {
            rule: "the Model A deadline day itself is still in time",
            data_date: "2024-02-07",
            overrides: "",
            registration: Registration::DptAsal,
            ktp_el: false,
            category: Some(Category::Dptb),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: Some(("perlu_model_a", "2024-02-07", false)),
        },
        CategoryRow {
            rule: "after the Model A deadline dpt_asal votes nowhere while held",
            data_date: "2024-02-10",
            overrides: "",
            registration: Registration::DptAsal,
            ktp_el: true,
            category: None,
            window: None,
            reasons: &["model_a_terlambat"],
            task: Some(("model_a_terlambat", "2024-02-07", true)),
        },
        CategoryRow {
            rule: "after the Model A deadline a KTP-el holder of the area stays DPK",
            data_date: "2024-02-10",
            overrides: "",
            registration: Registration::Belum,
            ktp_el: true,
            category: Some(Category::Dpk),
            window: Some(("12:00", "13:00")),
            reasons: &[],
            task: Some(("konfirmasi_wilayah_dpk", "2024-02-14", false)),
        },
        CategoryRow {
            rule: "before the DPT cut-off a KTP-el holder is reported for the DPT",
            data_date: "2023-06-01",
            overrides: "",
            registration: Registration::Belum,
            ktp_el: true,
            category: Some(Category::Dpk),
            window: Some(("12:00", "13:00")),
            reasons: &[],
            task: Some(("perlu_daftar_dpt", "2023-07-02", false)),
        },
        CategoryRow {
            rule: "belum without KTP-el is no voter: record the KTP-el by H-30",
            data_date: "2024-01-05",
            overrides: "",
            registration: Registration::Belum,
            ktp_el: false,
            category: None,
            window: None,
            reasons: &["tanpa_ktp_el"],
            task: Some(("tanpa_ktp_el", "2024-01-15", false)),
        },
        CategoryRow {
            rule: "a passed KTP-el deadline is stated as passed",
            data_date: "2024-01-20",
            overrides: "",
            registration: Registration::Belum,
            ktp_el: false,
            category: None,
            window: None,
            reasons: &["tanpa_ktp_el"],
            task: Some(("tanpa_ktp_el", "2024-01-15", true)),
        },
        CategoryRow {
            rule: "without DPK, belum with KTP-el after the DPT is fixed cannot vote here",
            data_date: "2024-01-05",
            overrides: "[pendaftaran]\ndpk_diizinkan = false",
            registration: Registration::Belum,
            ktp_el: true,
            category: None,
            window: None,
            reasons: &["dpk_luar_wilayah"],
            task: Some(("dpk_luar_wilayah", "2023-07-02", true)),
        },
        CategoryRow {
            rule: "without DPK, dpt_asal still moves here by Model A",
            data_date: "2024-01-05",
            overrides: "[pendaftaran]\ndpk_diizinkan = false",
            registration: Registration::DptAsal,
            ktp_el: true,
            category: Some(Category::Dptb),
            window: Some(("07:00", "13:00")),
            reasons: &[],
            task: Some(("perlu_model_a", "2024-02-07", false)),
        },
        CategoryRow {
            rule: "windows come from the ruleset",
            data_date: "2024-01-05",
            overrides: "[jendela]\ndptb = { mulai = \"10:00\", selesai = \"13:00\" }",
            registration: Registration::Dptb,
            ktp_el: true,
            category: Some(Category::Dptb),
            window: Some(("10:00", "13:00")),
            reasons: &[],
            task: None,
        },
    ];
    for row in rows {
        let mut inmate = wbp("R1", PANCUR_BATU);
        inmate.registration = row.registration;
        inmate.ktp_el = row.ktp_el;
        let f = facility("pemilu-2024", PANCUR_BATU)
            .data_date(row.data_date)
            .rules(row.overrides)
            .inmate(inmate)
            .build();
        let dec = decide_one(&f);
        assert_eq!(dec.category, row.category, "rule: {}", row.rule);
        assert_eq!(
            dec.window
                .map(|w| (w.mulai.to_string(), w.selesai.to_string())),
            row.window.map(|(a, b)| (a.to_string(), b.to_string())),
            "rule: {}",
            row.rule
        );
        assert_eq!(codes(&dec.reasons), row.reasons, "rule: {}", row.rule);
        let task = dec
            .tasks
            .first()
            .map(|t| (t.reason.code(), t.deadline, t.deadline_passed));
        assert_eq!(
            task,
            row.task.map(|(r, dl, p)| (r, d(dl), p)),
            "rule: {}",
            row.rule
        );
        if let Some(t) = dec.tasks.first() {
            assert_eq!(
                t.action.contains("sudah lewat"),
                t.deadline_passed,
                "rule: {}: {}",
                row.rule,
                t.action
            );
            assert!(t.action.contains(&t.deadline.to_string()), "{}", t.action);
        }
    }
}

#[test]
fn nik_and_nkk_are_only_required_when_the_ruleset_says_so() {
    let mut inmate = wbp("R1", PANCUR_BATU);
    inmate.nik = None;
    inmate.nkk = None;
    let f = facility("pemilu-2024", PANCUR_BATU)
        .rules("[hak_pilih]\nwajib_nik_nkk = false")
        .inmate(inmate)
        .build();
    let dec = decide_one(&f);
    assert!(dec.eligible, "{:?}", dec.reasons);
}

#[test]
fn the_minimum_age_and_the_marital_exception_come_from_the_ruleset() {
    let mut inmate = wbp("R1", PANCUR_BATU);
    inmate.birth_date = d("2007-06-01"); // 16 on 2024-02-14
    inmate.marital = MaritalStatus::Sudah;
    let f = facility("pemilu-2024", PANCUR_BATU)
        .rules("[hak_pilih]\nusia_minimal = 16\nstatus_kawin_boleh = []")
        .inmate(inmate.clone())
        .build();
    assert!(
        decide_one(&f).eligible,
        "16 is enough when usia_minimal = 16"
    );
    let f = facility("pemilu-2024", PANCUR_BATU)
        .rules("[hak_pilih]\nstatus_kawin_boleh = []")
        .inmate(inmate)
        .build();
    assert_eq!(codes(&decide_one(&f).reasons), ["belum_cukup_umur"]);
}

/// One row of a ballot table.
struct BallotRow {
    rule: &'static str,
    ktp: &'static str,
    ballots: &'static [&'static str],
    /// (code, doubt, issued)
    doubts: &'static [(&'static str, Doubt, bool)],
}

fn check_ballots(ruleset: &str, upt: &str, rows: &[BallotRow]) {
    for row in rows {
        let f = facility(ruleset, upt).inmate(wbp("R1", row.ktp)).build();
        let dec = decide_one(&f);
        assert_eq!(dec.ballots, row.ballots, "rule: {} ({})", row.rule, row.ktp);
        let doubts: Vec<(&str, Doubt, bool)> = dec
            .doubts
            .iter()
            .map(|b| (b.code.as_str(), b.doubt, b.issued))
            .collect();
        assert_eq!(doubts, row.doubts, "rule: {} ({})", row.rule, row.ktp);
        assert_eq!(dec.eligible, !row.ballots.is_empty(), "rule: {}", row.rule);
    }
}

#[test]
fn pemilu_ballots_at_pancur_batu_follow_the_ktp_address_and_the_dapil_tables() {
    use Doubt::{Unconfirmed, Unknown};
    check_ballots(
        "pemilu-2024",
        PANCUR_BATU,
        &[
            BallotRow {
                rule: "same kecamatan: same dapil at every level, all five",
                ktp: "12.07.05",
                ballots: &FIVE,
                doubts: &[],
            },
            BallotRow {
                rule: "other kecamatan of Deli Serdang: DPRD-kab dapil unknown, withheld",
                ktp: "12.07.02",
                ballots: &["PPWP", "DPR", "DPD", "DPRD_PROV"],
                doubts: &[("DPRD_KAB", Unknown, false)],
            },
            BallotRow {
                rule: "Galang's dapil is known but Pancur Batu's is not: withheld",
                ktp: "12.07.19",
                ballots: &["PPWP", "DPR", "DPD", "DPRD_PROV"],
                doubts: &[("DPRD_KAB", Unknown, false)],
            },
            BallotRow {
                rule: "Medan: same DPR dapil Sumut I, other DPRD-prov dapil (unconfirmed row)",
                ktp: "12.71.07",
                ballots: &["PPWP", "DPR", "DPD"],
                doubts: &[("DPRD_PROV", Unconfirmed, false)],
            },
            BallotRow {
                rule: "Serdang Bedagai: Sumut I for DPR, inferred Sumut 4 for DPRD-prov",
                ktp: "12.18.01",
                ballots: &["PPWP", "DPR", "DPD"],
                doubts: &[("DPRD_PROV", Unconfirmed, false)],
            },
            BallotRow {
                rule: "Karo: Sumut III and Sumut 11, both confirmed: president and DPD only",
                ktp: "12.06.01",
                ballots: &["PPWP", "DPD"],
                doubts: &[],
            },
            BallotRow {
                rule: "Langkat: Sumut III; its inferred Sumut 12 differs from Sumut 3",
                ktp: "12.05.01",
                ballots: &["PPWP", "DPD"],
                doubts: &[("DPRD_PROV", Unconfirmed, false)],
            },
            BallotRow {
                rule: "another province: president only",
                ktp: "11.01.01",
                ballots: &["PPWP"],
                doubts: &[],
            },
            BallotRow {
                rule: "Jakarta, a province without tables: president only",
                ktp: "31.71.01",
                ballots: &["PPWP"],
                doubts: &[],
            },
            BallotRow {
                rule: "no KTP region: president only, the rest unknown",
                ktp: "",
                ballots: &["PPWP"],
                doubts: &[
                    ("DPR", Unknown, false),
                    ("DPD", Unknown, false),
                    ("DPRD_PROV", Unknown, false),
                    ("DPRD_KAB", Unknown, false),
                ],
            },
        ],
    );
}

#[test]
fn pemilu_ballots_in_alor_use_the_complete_dprd_kab_table() {
    check_ballots(
        "pemilu-2024",
        "53.05.01",
        &[
            BallotRow {
                rule: "same kecamatan",
                ktp: "53.05.01",
                ballots: &FIVE,
                doubts: &[],
            },
            BallotRow {
                rule: "another kab/kota of NTT in another DPR and DPRD-prov dapil",
                ktp: "53.01.01",
                ballots: &["PPWP", "DPD"],
                doubts: &[],
            },
        ],
    );
    // Every kecamatan of Alor is tabled: each gets DPRD_KAB exactly when its dapil is Kalabahi's.
    let r = Reference::builtin();
    let upt: tpsplan::model::RegionCode = "53.05.01".parse().unwrap();
    let home = r.dapil_dprd_kab(&upt).unwrap().name.clone();
    for kec in r.kecamatan_of("53.05") {
        let f = facility("pemilu-2024", "53.05.01")
            .inmate(wbp("R1", &kec.code))
            .build();
        let dec = decide_one(&f);
        let same = kec.dapil_dprd_kab.as_ref().unwrap().name == home;
        assert_eq!(
            dec.ballots.contains(&"DPRD_KAB".to_string()),
            same,
            "{}",
            kec.name
        );
        assert!(dec.doubts.is_empty(), "{}: {:?}", kec.name, dec.doubts);
    }
}

#[test]
fn pilkada_ballots_follow_the_kab_kota_and_the_elections_each_region_holds() {
    check_ballots(
        "pilkada-2024",
        PANCUR_BATU,
        &[
            BallotRow {
                rule: "same kabupaten: governor and regent",
                ktp: "12.07.02",
                ballots: &["GUB", "BUP"],
                doubts: &[],
            },
            BallotRow {
                rule: "Medan, another kab/kota: governor only, never a mayor ballot in a kabupaten",
                ktp: "12.71.07",
                ballots: &["GUB"],
                doubts: &[],
            },
            BallotRow {
                rule: "Karo: governor only",
                ktp: "12.06.01",
                ballots: &["GUB"],
                doubts: &[],
            },
            BallotRow {
                rule: "another province: no ballot, not a voter",
                ktp: "11.01.01",
                ballots: &[],
                doubts: &[],
            },
        ],
    );
    check_ballots(
        "pilkada-2024",
        "12.71.02",
        &[
            BallotRow {
                rule: "UPT in a kota: governor and mayor, never a regent ballot",
                ktp: "12.71.07",
                ballots: &["GUB", "WAL"],
                doubts: &[],
            },
            BallotRow {
                rule: "UPT in Medan, KTP in Deli Serdang: governor only",
                ktp: "12.07.05",
                ballots: &["GUB"],
                doubts: &[],
            },
        ],
    );
    check_ballots(
        "pilkada-2024",
        "34.71.01",
        &[
            BallotRow {
                rule: "DIY holds no governor election: mayor only in Kota Yogyakarta",
                ktp: "34.71.02",
                ballots: &["WAL"],
                doubts: &[],
            },
            BallotRow {
                rule: "DIY, another kab/kota: nothing issued here",
                ktp: "34.02.01",
                ballots: &[],
                doubts: &[],
            },
        ],
    );
    check_ballots(
        "pilkada-2024",
        "31.71.01",
        &[BallotRow {
            rule: "Jakarta holds no mayor elections: governor only",
            ktp: "31.71.03",
            ballots: &["GUB"],
            doubts: &[],
        }],
    );
}

#[test]
fn under_pilkada_an_inmate_from_another_province_is_never_a_voter_and_is_followed_up() {
    let r = Reference::builtin();
    let mut n = 0;
    for (prov, _) in r.provinces().filter(|(p, _)| *p != "12") {
        for registration in [
            Registration::Dpt,
            Registration::Dptb,
            Registration::DptAsal,
            Registration::Belum,
        ] {
            let mut inmate = wbp("R1", &format!("{prov}.01.01"));
            inmate.registration = registration;
            let f = facility("pilkada-2024", PANCUR_BATU).inmate(inmate).build();
            let ds = decide(&f, r);
            let dec = &ds.items[0];
            assert!(!dec.eligible, "province {prov} voted");
            // On no list, the KTP address outside the UPT's area is a list reason too
            // (the follow-up names only the permanent one).
            let expected: &[&str] = if registration == Registration::Belum {
                &["tidak_berhak_surat_suara", "perlu_daftar_dpt"]
            } else {
                &["tidak_berhak_surat_suara"]
            };
            assert_eq!(codes(&dec.reasons), expected, "province {prov}");
            assert!(voters(&f, &ds).is_empty());
            let fu = follow_ups(&f, &ds);
            assert_eq!(fu.len(), 1);
            assert_eq!(fu[0].reason, Reason::TidakBerhakSuratSuara);
            assert_eq!(fu[0].name, "WBP R1");
            assert!(fu[0].action.contains("tidak berhak"), "{}", fu[0].action);
            n += 1;
        }
    }
    assert_eq!(n, 37 * 4);
}

#[test]
fn under_pilkada_an_inmate_without_ktp_region_is_no_voter_until_the_address_is_reconciled() {
    let f = facility("pilkada-2024", PANCUR_BATU)
        .inmate(wbp("R1", ""))
        .build();
    let dec = decide_one(&f);
    assert_eq!(codes(&dec.reasons), ["tanpa_wilayah_ktp"]);
    assert_eq!(task_codes(&dec), ["tanpa_wilayah_ktp"]);
}

fn roster_for_pancur_batu() -> Vec<Inmate> {
    // (how many, KTP kecamatan)
    let groups = [
        (10, "12.07.05"), // Pancur Batu itself
        (8, "12.07.02"),  // Tanjung Morawa, Deli Serdang
        (6, "12.71.07"),  // Medan Tuntungan
        (4, "12.06.01"),  // Kabanjahe, Karo
        (2, "11.71.01"),  // Banda Aceh
    ];
    let mut out = Vec::new();
    for (n, ktp) in groups {
        for k in 0..n {
            out.push(wbp(&format!("{ktp}-{k}"), ktp));
        }
    }
    out
}

#[test]
fn pemilu_counts_at_pancur_batu_add_up_by_ballot_type_and_set() {
    let f = facility("pemilu-2024", PANCUR_BATU)
        .inmates(roster_for_pancur_batu())
        .build();
    let ds = decide(&f, Reference::builtin());
    let r = Readiness::from(&f, &ds);
    assert_eq!(r.voters.total(), 30);
    let by_ballot: Vec<(&str, usize)> = r.by_ballot.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(
        by_ballot,
        [
            ("PPWP", 30),
            ("DPR", 24),
            ("DPD", 28),
            ("DPRD_PROV", 18),
            ("DPRD_KAB", 10)
        ]
    );
    let sets: Vec<(String, usize)> = r
        .by_ballot_set
        .iter()
        .map(|(s, n)| (s.join("+"), *n))
        .collect();
    assert_eq!(
        sets,
        [
            ("PPWP+DPR+DPD+DPRD_PROV+DPRD_KAB".to_string(), 10),
            ("PPWP+DPR+DPD+DPRD_PROV".to_string(), 8),
            ("PPWP+DPR+DPD".to_string(), 6),
            ("PPWP+DPD".to_string(), 4),
            ("PPWP".to_string(), 2),
        ]
    );
    // The doubts: 8 DPRD_KAB withheld (Pancur Batu and Tanjung Morawa dapil unknown),
    // 6 DPRD_PROV refused on Medan's unconfirmed kecamatan split.
    let doubts: Vec<(&str, Doubt, usize)> = r
        .doubts
        .iter()
        .map(|d| (d.code.as_str(), d.doubt, d.voters))
        .collect();
    assert_eq!(
        doubts,
        [
            ("DPRD_PROV", Doubt::Unconfirmed, 6),
            ("DPRD_KAB", Doubt::Unknown, 8)
        ]
    );
    let kab = &r.doubts[1];
    assert_eq!(kab.regions.get("12.07.05 Pancur Batu"), Some(&8));
    assert_eq!(kab.regions.get("12.07.02 Tanjung Morawa"), Some(&8));
}

#[test]
fn pilkada_counts_at_pancur_batu_add_up_by_ballot_type() {
    let f = facility("pilkada-2024", PANCUR_BATU)
        .data_date("2024-10-01")
        .inmates(roster_for_pancur_batu())
        .build();
    let ds = decide(&f, Reference::builtin());
    let r = Readiness::from(&f, &ds);
    assert_eq!(r.voters.total(), 28);
    let by_ballot: Vec<(&str, usize)> = r.by_ballot.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    assert_eq!(by_ballot, [("GUB", 28), ("BUP", 18), ("WAL", 0)]);
    assert_eq!(r.obstacles.get(&Reason::TidakBerhakSuratSuara), Some(&2));
    let fu = follow_ups(&f, &ds);
    assert_eq!(fu.len(), 2);
    assert!(fu.iter().all(|f| f.reason == Reason::TidakBerhakSuratSuara));
}

#[test]
fn voters_carry_the_classes_that_shape_the_plan() {
    // (rule, tweak, juvenile, high_risk, mobile)
    type Tweak = fn(&mut Inmate);
    let rows: [(&str, Tweak, bool, bool, bool); 7] = [
        (
            "an adult of medium risk walks to the TPS",
            |_| {},
            false,
            false,
            false,
        ),
        (
            "17 on election day is a juvenile (under usia_anak 18)",
            |i| i.birth_date = d("2006-06-01"),
            true,
            false,
            false,
        ),
        (
            "18 on election day is an adult",
            |i| i.birth_date = d("2006-02-14"),
            false,
            false,
            false,
        ),
        (
            "maximum risk is high risk but walks",
            |i| i.risk = Risk::Maximum,
            false,
            true,
            false,
        ),
        (
            "tinggi risk is high risk and is visited (risiko_kunjungan)",
            |i| i.risk = Risk::Tinggi,
            false,
            true,
            true,
        ),
        (
            "the clinic is visited",
            |i| i.need = Some(Need::Klinik),
            false,
            false,
            true,
        ),
        (
            "a locked block is visited",
            |i| i.block = NodeId("B".into()),
            false,
            false,
            true,
        ),
    ];
    for (rule, tweak, juvenile, high_risk, mobile) in rows {
        let mut inmate = wbp("R1", PANCUR_BATU);
        inmate.sex = Sex::P;
        inmate.registration = Registration::Dptb;
        tweak(&mut inmate);
        let f = facility("pemilu-2024", PANCUR_BATU)
            .locked("B")
            .inmate(inmate)
            .build();
        let ds = decide(&f, Reference::builtin());
        let v = voters(&f, &ds);
        assert_eq!(v.len(), 1, "rule: {rule}");
        let v = &v[0];
        assert_eq!(
            (v.juvenile, v.high_risk, v.mobile),
            (juvenile, high_risk, mobile),
            "rule: {rule}"
        );
        assert_eq!(v.sex, Sex::P);
        assert_eq!(v.category, Category::Dptb);
        assert_eq!(v.ballots, FIVE);
        assert_eq!(v.reg_no, RegNo("R1".into()));
    }
}

fn voter(category: Category, ballots: &[&str]) -> Voter {
    Voter {
        reg_no: RegNo("x".into()),
        block: NodeId("A".into()),
        sex: Sex::L,
        juvenile: false,
        high_risk: false,
        mobile: false,
        clinic: false,
        category,
        ballots: ballots.iter().map(|s| s.to_string()).collect(),
        other: false,
    }
}

#[test]
fn ballot_needs_add_the_reserve_of_the_tps_dpt_or_of_the_dpt_entitled_per_ruleset() {
    let mut rules = load_ruleset("pemilu-2024", None, &[]).unwrap();
    let mut vs = Vec::new();
    vs.extend((0..200).map(|_| voter(Category::Dpt, &FIVE)));
    vs.extend((0..101).map(|_| voter(Category::Dpt, &["PPWP", "DPR", "DPD"])));
    vs.extend((0..4).map(|_| voter(Category::Dptb, &FIVE)));
    vs.extend((0..3).map(|_| voter(Category::Dpk, &["PPWP"])));
    let refs: Vec<&Voter> = vs.iter().collect();
    let needs = ballot_needs(&rules, &refs);
    let got: Vec<(&str, u32, u32, u32)> = needs
        .iter()
        .map(|n| (n.code.as_str(), n.voters, n.reserve, n.total))
        .collect();
    // (rule, dasar_cadangan = dpt_tps, the default) every type: 2 % of the TPS's
    // 301 DPT = 6.02, rounded up to 7.
    assert_eq!(
        got,
        [
            ("PPWP", 308, 7, 315),
            ("DPR", 305, 7, 312),
            ("DPD", 305, 7, 312),
            ("DPRD_PROV", 204, 7, 211),
            ("DPRD_KAB", 204, 7, 211),
        ]
    );
    // (rule, dasar_cadangan = dpt_berhak) DPRD: 2 % of its 200 DPT -> exactly 4.
    rules.surat_suara.dasar_cadangan = tpsplan::rules::ReserveBase::DptBerhak;
    let needs = ballot_needs(&rules, &refs);
    let got: Vec<(&str, u32, u32, u32)> = needs
        .iter()
        .map(|n| (n.code.as_str(), n.voters, n.reserve, n.total))
        .collect();
    assert_eq!(got[3], ("DPRD_PROV", 204, 4, 208));
    assert_eq!(got[0], ("PPWP", 308, 7, 315));
    for n in &needs {
        assert_eq!(n.total, n.voters + n.reserve, "jumlah = pemilih + cadangan");
        assert_eq!(n.voters, n.dpt + n.dptb + n.dpk);
    }
    // A type nobody at the TPS is entitled to gets no row.
    let only_ppwp = [voter(Category::Dpt, &["PPWP"])];
    let refs: Vec<&Voter> = only_ppwp.iter().collect();
    let needs = ballot_needs(&rules, &refs);
    assert_eq!(needs.len(), 1);
    assert_eq!(
        (needs[0].reserve, needs[0].total),
        (1, 2),
        "2 % of 1 rounds up to 1"
    );
}

#[test]
fn pilkada_reserve_uses_its_own_rate_and_rounding() {
    let rules = load_ruleset("pilkada-2024", None, &[]).unwrap();
    let vs: Vec<Voter> = (0..300)
        .map(|_| voter(Category::Dpt, &["GUB", "BUP"]))
        .collect();
    let refs: Vec<&Voter> = vs.iter().collect();
    let needs = ballot_needs(&rules, &refs);
    assert_eq!(
        needs.iter().map(|n| n.reserve).collect::<Vec<_>>(),
        [8, 8],
        "2.5 % of 300 = 7.5 -> 8"
    );
    let down = load_ruleset(
        "pilkada-2024",
        None,
        &[(
            "t",
            &"[surat_suara]\npembulatan = \"bawah\"".parse().unwrap(),
        )],
    )
    .unwrap();
    assert_eq!(ballot_needs(&down, &refs)[0].reserve, 7);
}

#[test]
fn a_tps_whose_dptb_and_dpk_exceed_the_reserve_is_flagged_per_type() {
    let rules = load_ruleset("pemilu-2024", None, &[]).unwrap();
    let mut short = Vec::new();
    short.extend((0..100).map(|_| voter(Category::Dpt, &FIVE))); // reserve 2
    short.extend((0..2).map(|_| voter(Category::Dptb, &FIVE)));
    short.push(voter(Category::Dpk, &["PPWP"]));
    let fine: Vec<Voter> = (0..100)
        .map(|_| voter(Category::Dpt, &FIVE))
        .chain((0..2).map(|_| voter(Category::Dpk, &FIVE)))
        .collect();
    let short_refs: Vec<&Voter> = short.iter().collect();
    let fine_refs: Vec<&Voter> = fine.iter().collect();
    let warnings = reserve_warnings(
        &rules,
        [
            ("901", short_refs.as_slice()),
            ("902", fine_refs.as_slice()),
        ],
    );
    assert_eq!(
        warnings.len(),
        1,
        "late voters equal to the reserve are no shortfall"
    );
    let w = &warnings[0];
    assert_eq!(w.tps, "901");
    assert_eq!(w.shortfalls.len(), 1);
    assert_eq!(
        (
            w.shortfalls[0].code.as_str(),
            w.shortfalls[0].late_voters,
            w.shortfalls[0].reserve,
            w.shortfalls[0].short
        ),
        ("PPWP", 3, 2, 1)
    );
    let msg = w.message(Lang::Id);
    assert!(
        msg.contains("TPS 901") && msg.contains("kurang 1") && msg.contains("cadangan 2"),
        "{msg}"
    );
    assert!(w.message(Lang::En).contains("short 1"));
    let needs = ballot_needs(&rules, &fine_refs);
    assert_eq!(ReserveWarning::from_needs("902", &needs), None);
}

fn mixed_roster() -> Vec<Inmate> {
    let mut v = Vec::new();
    let tweaks: [fn(&mut Inmate); 9] = [
        |_| {},
        |i| i.citizenship = Citizenship::Wna,
        |i| i.nik = None,
        |i| {
            i.registration = Registration::Belum;
            i.ktp_el = false;
        },
        |i| i.registration = Registration::Belum,
        |i| i.release_date = Some(d("2024-01-30")),
        |i| i.ktp_region = Some("13.71.01".parse().unwrap()),
        |i| {
            i.sex = Sex::P;
            i.registration = Registration::Dptb;
        },
        |i| i.ktp_region = None,
    ];
    for (k, t) in tweaks.iter().enumerate() {
        let mut i = wbp(&format!("M{k}"), "12.07.02");
        t(&mut i);
        v.push(i);
    }
    v
}

fn check_invariants(f: &Facility, ds: &Decisions) {
    let roster: Vec<&RegNo> = f.inmates.iter().map(|i| &i.reg_no).collect();
    let decided: Vec<&RegNo> = ds.iter().map(|d| &d.reg_no).collect();
    assert_eq!(roster, decided, "one decision per inmate, in roster order");
    for dec in ds {
        assert_eq!(dec.eligible, dec.reasons.is_empty(), "{}", dec.reg_no);
        assert_eq!(dec.eligible, dec.category.is_some(), "{}", dec.reg_no);
        assert_eq!(dec.eligible, dec.window.is_some(), "{}", dec.reg_no);
        assert_eq!(dec.eligible, !dec.ballots.is_empty(), "{}", dec.reg_no);
        if !dec.eligible {
            assert!(
                !dec.tasks.is_empty(),
                "{} cannot vote but has no follow-up",
                dec.reg_no
            );
        }
        let order = f.rules.ballot_codes();
        let pos: Vec<usize> = dec
            .ballots
            .iter()
            .map(|b| order.iter().position(|c| c == b).unwrap())
            .collect();
        assert!(
            pos.windows(2).all(|w| w[0] < w[1]),
            "ballots in ruleset order"
        );
    }
}

#[test]
fn every_inmate_who_cannot_vote_is_in_the_follow_ups_with_a_reason() {
    for ruleset in ["pemilu-2024", "pilkada-2024"] {
        let f = facility(ruleset, PANCUR_BATU)
            .inmates(mixed_roster())
            .build();
        let ds = decide(&f, Reference::builtin());
        check_invariants(&f, &ds);
        let fu = follow_ups(&f, &ds);
        for dec in ds.iter().filter(|d| !d.eligible) {
            let rows: Vec<Reason> = fu
                .iter()
                .filter(|f| f.reg_no == dec.reg_no)
                .map(|f| f.reason)
                .collect();
            assert!(
                rows.iter()
                    .all(|r| dec.reasons.contains(r) || !r.is_permanent()),
                "{}: {rows:?} vs {:?}",
                dec.reg_no,
                dec.reasons
            );
            assert!(
                !rows.is_empty(),
                "{} missing from tindak_lanjut",
                dec.reg_no
            );
        }
        assert_eq!(voters(&f, &ds).len(), ds.voter_count());
        // Decisions in another order are matched to inmates by register number.
        let mut reversed = ds.clone();
        reversed.items.reverse();
        let mut a: Vec<RegNo> = voters(&f, &ds).into_iter().map(|v| v.reg_no).collect();
        let mut b: Vec<RegNo> = voters(&f, &reversed)
            .into_iter()
            .map(|v| v.reg_no)
            .collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(follow_ups(&f, &reversed).len(), follow_ups(&f, &ds).len());
        assert!(ds.get(&RegNo("M0".into())).is_some_and(|d| d.eligible));
    }
}

#[test]
fn readiness_counts_voters_by_list_and_sex_and_obstacles_by_reason() {
    let f = facility("pemilu-2024", PANCUR_BATU)
        .inmates(mixed_roster())
        .build();
    let ds = decide(&f, Reference::builtin());
    let r = Readiness::from(&f, &ds);
    assert_eq!(r.inmates, 9);
    // Voters: M0 (DPT), M6 (other province, PPWP), M7 (P, DPTb), M8 (no region, PPWP).
    // M4 is on no list with a KTP-el of kecamatan 12.07.02 while the UPT stands in
    // 12.07.05 and the DPT is fixed: a DPK votes only at the TPS of the KTP address.
    assert_eq!((r.voters.l, r.voters.p), (3, 1));
    let cats: Vec<(Category, usize, usize)> = r
        .by_category
        .iter()
        .map(|c| (c.category, c.voters.l, c.voters.p))
        .collect();
    assert_eq!(
        cats,
        [
            (Category::Dpt, 3, 0),
            (Category::Dptb, 0, 1),
            (Category::Dpk, 0, 0)
        ]
    );
    let obstacles: Vec<(&str, usize)> = r.obstacles.iter().map(|(k, v)| (k.code(), *v)).collect();
    assert_eq!(
        obstacles,
        [
            ("wna", 1),
            ("bebas_sebelum_hari_h", 1),
            ("tanpa_nik", 1),
            ("tanpa_ktp_el", 1),
            ("dpk_luar_wilayah", 1)
        ]
    );
    let id = r.render(Lang::Id);
    for needle in [
        "Kesiapan pemilih",
        "DPTb",
        "DPTb      07:00-13:00",
        "tanpa_ktp_el",
        "dpk_luar_wilayah",
        "bukan WNI",
        "4 surat suara: PPWP, DPR, DPD, DPRD_PROV",
    ] {
        assert!(id.contains(needle), "missing {needle} in\n{id}");
    }
    let en = r.render(Lang::En);
    for needle in [
        "Voter readiness",
        "Voters by ballot set",
        "not an Indonesian citizen",
        "Ballots resting on missing",
    ] {
        assert!(en.contains(needle), "missing {needle} in\n{en}");
    }
}

#[test]
fn follow_up_deadlines_come_from_the_ruleset_keys() {
    let mut i = wbp("R1", PANCUR_BATU);
    i.registration = Registration::Belum;
    i.ktp_el = false;
    let f = facility("pemilu-2024", PANCUR_BATU)
        .rules("[pendaftaran]\nbatas_rekam_ktp_hari = 45")
        .inmate(i)
        .build();
    let ds = decide(&f, Reference::builtin());
    let fu = follow_ups(&f, &ds);
    assert_eq!(fu.len(), 1);
    assert_eq!(
        fu[0].deadline,
        d("2023-12-31"),
        "45 days before 14 February 2024"
    );
    assert!(fu[0].deadline_passed);
    assert!(
        fu[0]
            .action
            .starts_with("Batas waktu 2023-12-31 sudah lewat"),
        "{}",
        fu[0].action
    );
}

#[test]
fn eligibility_module_reexports_the_interfaces_the_planner_calls() {
    // Compile-time check of the public surface, and of the reason documentation.
    let _: fn(&Facility, &Reference) -> Decisions = eligibility::decide;
    let _: fn(&Facility, &Decisions) -> Vec<Voter> = eligibility::voters;
    assert!(Reason::markdown_table().contains("`tidak_berhak_surat_suara`"));
}

#[test]
fn dpk_votes_only_where_the_ktp_address_is_the_upts_own_area() {
    // The UPT in desa 12.07.05.2001 (Pancur Batu); the DPT is fixed (roster of
    // 2024-01-05), an inmate on no list with a KTP-el, from various addresses.
    let upt = "12.07.05.2001";
    let case = |ktp: Option<&str>, date: &str, overrides: &str| {
        let mut i = wbp("R1", PANCUR_BATU);
        i.registration = Registration::Belum;
        i.ktp_el = true;
        i.ktp_region = ktp.map(|k| k.parse().unwrap());
        let f = facility("pemilu-2024", upt)
            .data_date(date)
            .rules(overrides)
            .inmate(i)
            .build();
        decide_one(&f)
    };
    // Same desa: DPK, nothing to confirm.
    let same = case(Some("12.07.05.2001"), "2024-01-05", "");
    assert_eq!(same.category, Some(Category::Dpk));
    assert!(same.tasks.is_empty(), "{:?}", same.tasks);
    // Another desa of the same kecamatan: not the TPS of the KTP address.
    let other_desa = case(Some("12.07.05.2002"), "2024-01-05", "");
    assert_eq!(other_desa.category, None);
    assert_eq!(codes(&other_desa.reasons), ["dpk_luar_wilayah"]);
    // Kecamatan only: a possible DPK, the desa to confirm with PPS.
    let kecamatan = case(Some("12.07.05"), "2024-01-05", "");
    assert_eq!(kecamatan.category, Some(Category::Dpk));
    assert_eq!(kecamatan.tasks[0].reason.code(), "konfirmasi_wilayah_dpk");
    assert!(kecamatan.tasks[0].action.contains("PPS"));
    // Another kab/kota (Medan): not a voter, and the follow-up says why and that
    // nothing more can be done in this election.
    let medan = case(Some("12.71.01"), "2024-01-05", "");
    assert_eq!(medan.category, None);
    assert_eq!(codes(&medan.reasons), ["dpk_luar_wilayah"]);
    let action = &medan.tasks[0].action;
    assert!(action.contains("di luar wilayah UPT"), "{action}");
    assert!(action.contains("tidak dapat memilih dari UPT"), "{action}");
    assert!(action.contains("PKPU 7/2022"), "{action}");
    // Aceh before the DPT is fixed: register through KPU's update; until then no vote.
    let aceh = case(Some("11.71.01"), "2023-06-01", "");
    assert_eq!(aceh.category, None);
    assert_eq!(codes(&aceh.reasons), ["perlu_daftar_dpt"]);
    assert!(
        aceh.tasks[0].action.contains("tidak dapat memilih di UPT"),
        "{}",
        aceh.tasks[0].action
    );
    // The rule is a ruleset switch.
    let loose = case(
        Some("11.71.01"),
        "2024-01-05",
        "[pendaftaran]\ndpk_hanya_wilayah_ktp = false",
    );
    assert_eq!(loose.category, Some(Category::Dpk));
}

#[test]
fn officers_of_pemilih_lain_are_decided_like_inmates_and_vote_as_dptb_without_being_counted_as_wbp()
{
    // Hand-derived: an officer with Model A filed is a DPTb voter with the ballots of
    // the KTP address (Pancur Batu: all five); one on the DPT at home is planned as
    // DPTb with a Model A follow-up whose text is the officer's, not an inmate's; a
    // 16-year-old intern is no voter.
    let mut filed = wbp("199001012015031001", PANCUR_BATU);
    filed.registration = Registration::Dptb;
    let mut home = wbp("198501012010031002", PANCUR_BATU);
    home.registration = Registration::DptAsal;
    let mut intern = wbp("LAIN-4", PANCUR_BATU);
    intern.registration = Registration::Dptb;
    intern.birth_date = d("2007-06-01");
    intern.marital = MaritalStatus::Belum;
    let f = facility("pemilu-2024", PANCUR_BATU)
        .inmate(wbp("R1", PANCUR_BATU))
        .other(filed)
        .other(home)
        .other(intern)
        .build();
    let ds = decide(&f, Reference::builtin());
    assert_eq!(ds.len(), 4, "inmates and others decided");
    let vs = voters(&f, &ds);
    let others: Vec<&Voter> = vs.iter().filter(|v| v.other).collect();
    assert_eq!(others.len(), 2, "{vs:?}");
    for v in &others {
        assert_eq!(v.category, Category::Dptb);
        assert_eq!(v.ballots, FIVE);
        assert_eq!(v.block, NodeId::other_voters());
        assert!(!v.mobile && !v.high_risk);
    }
    let home = ds.get(&RegNo("198501012010031002".into())).unwrap();
    assert_eq!(task_codes(home), ["perlu_model_a"]);
    assert!(
        home.tasks[0].action.contains("petugas") && !home.tasks[0].action.contains("ditahan"),
        "{}",
        home.tasks[0].action
    );
    let intern = ds.get(&RegNo("LAIN-4".into())).unwrap();
    assert!(!intern.eligible);
    assert_eq!(codes(&intern.reasons), ["belum_cukup_umur"]);

    let r = Readiness::from(&f, &ds);
    assert_eq!((r.inmates, r.others, r.other_voters), (1, 3, 2));
    assert_eq!(r.voters.total(), 3, "one inmate and two officers vote");
}
