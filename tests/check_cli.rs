//! `tpsplan check` run as a real process on fixture folders: the valid mini facility,
//! every `data/invalid/` fixture (each with one kind of mistake, expected code and
//! line), region folders, `;`-separated exports, and a property test that a mutated
//! row is always caught at its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;
use tpsplan::input::load_facility;
use tpsplan::reference::Reference;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mini() -> PathBuf {
    root().join("tests/fixtures/mini")
}

fn tpsplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tpsplan"))
        .args(args)
        .output()
        .expect("the tpsplan binary runs")
}

fn check(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = tpsplan(&args);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// Copies a folder tree (fixtures are small).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Copies a facility and gives it its own `kode`.
fn copy_as(from: &Path, to: &Path, code: &str) {
    copy_dir(from, to);
    let path = to.join("facility.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "kode = \"rutan-contoh-kalabahi\"",
        &format!("kode = \"{code}\""),
    );
    std::fs::write(path, text).unwrap();
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let meta = e.metadata().unwrap();
                out.insert(
                    e.path(),
                    (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

#[test]
fn the_mini_facility_passes_and_prints_its_readiness() {
    let (code, out) = check(&mini(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Kesiapan pemilih: Rutan Kelas IIB Contoh Kalabahi"),
        "{out}"
    );
    for expected in [
        "WBP                                  20   (L 17, P 3)",
        "(DPT 13, DPTb 3, DPT asal 0, belum 4)",
        "pemilih 14 (L 11, P 3); bukan pemilih 6",
        "DPT       07:00-13:00         9      2      11",
        "DPTb      07:00-13:00         2      1       3",
        "tanpa_nik                 tanpa NIK                                             2",
        "tanpa_nkk                 tanpa NKK                                             3",
        "wna                       bukan WNI                                             1",
        "hak_dicabut               hak pilih dicabut putusan pengadilan                  1",
        "bebas_sebelum_hari_h      bebas sebelum hari pemungutan suara                   1",
        "belum_cukup_umur          belum cukup umur dan belum pernah kawin               1",
        "tanpa_ktp_el              belum terdaftar dan belum rekam KTP-el                3",
        "Petugas bertugas                     15   (KPPS 7, pengawal 9, pemeriksa 4)",
        "Calon lokasi TPS                      3   (daya tampung 4 TPS, 1200 pemilih)",
        "0 galat, 1 peringatan",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(!out.contains(": galat "), "{out}");
}

#[test]
fn a_scenario_removes_absent_staff_and_english_labels_are_available() {
    let (code, out) = check(&mini(), &["--scenario", "blok-b-dikunci", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("scenario blok-b-dikunci"), "{out}");
    assert!(
        out.contains("Staff on duty                        13"),
        "{out}"
    );
    assert!(
        out.contains("Inmates                              20   (men 17, women 3)"),
        "{out}"
    );
    assert!(
        out.contains("Checked 1 facility: 0 errors, 1 warning."),
        "{out}"
    );

    let by_path = mini().join("scenarios/blok-b-dikunci.toml");
    let (code, out) = check(&mini(), &["--scenario", by_path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Petugas bertugas                     13"),
        "{out}"
    );
}

#[test]
fn an_unknown_scenario_is_an_error_naming_the_available_ones() {
    let (code, out) = check(&mini(), &["--scenario", "tidak-ada"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("galat E0501"), "{out}");
    assert!(out.contains("blok-b-dikunci"), "{out}");
}

/// fixture -> (code, file, line) of its one mistake.
const INVALID: &[(&str, &str, &str, Option<u64>)] = &[
    ("bad-date", "E0014", "inmates.csv", Some(5)),
    ("bad-local-rule", "E0102", "facility.toml", Some(31)),
    (
        "bad-scenario-reference",
        "E0502",
        "scenarios/blok-b-dikunci.toml",
        Some(2),
    ),
    ("bad-vocabulary", "E0016", "inmates.csv", Some(19)),
    ("duplicate-nip", "E0401", "staff.csv", Some(8)),
    ("duplicate-no-registrasi", "E0301", "inmates.csv", Some(9)),
    ("duplicate-node", "E0201", "layout/nodes.csv", Some(13)),
    ("empty-file", "E0002", "staff.csv", None),
    ("future-birth-date", "E0304", "inmates.csv", Some(7)),
    ("missing-column", "E0005", "staff.csv", Some(1)),
    ("nik-length", "E0302", "inmates.csv", Some(2)),
    ("nkk-province-mismatch", "E0303", "inmates.csv", Some(10)),
    ("non-positive-walk", "E0203", "layout/paths.csv", Some(8)),
    ("non-utf8", "E0003", "inmates.csv", Some(15)),
    ("region-not-kecamatan", "E0103", "facility.toml", Some(7)),
    ("semicolon-mixed", "E0004", "staff.csv", Some(5)),
    ("site-without-booths", "E0204", "layout/nodes.csv", Some(5)),
    ("staff-hours-reversed", "E0402", "staff.csv", Some(13)),
    ("toml-syntax", "E0009", "facility.toml", Some(17)),
    ("unknown-block", "E0306", "inmates.csv", Some(8)),
    ("unknown-column", "E0006", "inmates.csv", Some(1)),
    ("unknown-path-node", "E0202", "layout/paths.csv", Some(6)),
    ("unknown-region", "E0305", "inmates.csv", Some(13)),
    ("unknown-ruleset", "E0101", "facility.toml", Some(8)),
    ("unknown-toml-key", "E0010", "facility.toml", Some(7)),
    ("unreachable-block", "E0205", "layout/nodes.csv", Some(10)),
    ("wrong-field-count", "E0007", "inmates.csv", Some(10)),
];

#[test]
fn every_invalid_fixture_fails_with_its_code_at_its_line_and_nothing_else() {
    for (name, code, file, line) in INVALID {
        let dir = root().join("data/invalid").join(name);
        let (exit, out) = check(&dir, &[]);
        assert_eq!(exit, 2, "{name}: exit {exit}\n{out}");
        let place = match line {
            Some(l) => format!("{}:{l}: galat {code}", dir.join(file).display()),
            None => format!("{}: galat {code}", dir.join(file).display()),
        };
        assert!(out.contains(&place), "{name}: expected {place:?} in\n{out}");
        let others: Vec<&str> = out
            .lines()
            .filter(|l| l.contains(": galat ") && !l.contains(&format!("galat {code}")))
            .collect();
        assert!(
            others.is_empty(),
            "{name}: one mistake only, also got {others:#?}"
        );
        assert!(out.contains("tidak ada yang ditulis"), "{name}: {out}");
    }
}

#[test]
fn every_invalid_fixture_folder_is_in_the_table() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("data/invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = INVALID.iter().map(|(n, ..)| n.to_string()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn check_writes_nothing_into_the_input_folder() {
    for dir in [mini(), root().join("data/invalid/bad-date")] {
        let before = snapshot(&dir);
        let _ = check(&dir, &[]);
        let _ = check(&dir, &["--scenario", "blok-b-dikunci"]);
        assert_eq!(before, snapshot(&dir), "{}", dir.display());
    }
}

#[test]
fn a_region_folder_gets_one_line_per_facility_and_totals() {
    let tmp = tempfile::tempdir().unwrap();
    copy_as(&mini(), &tmp.path().join("ntt/rutan-a"), "rutan-a");
    copy_as(&mini(), &tmp.path().join("ntt/rutan-b"), "rutan-b");
    let (code, out) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{out}");
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .map(str::to_string)
    };
    let a = row("ntt/rutan-a").unwrap_or_default();
    assert!(a.split_whitespace().nth(1) == Some("20"), "{out}");
    let total = row("JUMLAH").unwrap_or_default();
    let cells: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(cells.get(1), Some(&"40"), "{out}");
    assert!(total.ends_with("2/2 siap"), "{out}");

    copy_as(
        &mini(),
        &tmp.path().join("sumut/rutan-a-salinan"),
        "rutan-a",
    );
    let (code, out) = check(tmp.path(), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("sumut/rutan-a-salinan/facility.toml:3: galat E0107"),
        "{out}"
    );
    std::fs::remove_dir_all(tmp.path().join("sumut")).unwrap();

    copy_dir(
        &root().join("data/invalid/unknown-block"),
        &tmp.path().join("ntt/rutan-c"),
    );
    let (code, out) = check(tmp.path(), &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("rutan-c/inmates.csv:8: galat E0306"), "{out}");
    let c = out.lines().find(|l| l.starts_with("ntt/rutan-c")).unwrap();
    assert!(c.ends_with("1 galat"), "{c}");
    assert!(out.contains("2/3 siap"), "{out}");
}

#[test]
fn an_excel_export_with_semicolons_and_decimal_commas_is_read_with_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rutan");
    copy_dir(&mini(), &dir);
    for file in [
        "inmates.csv",
        "staff.csv",
        "layout/nodes.csv",
        "layout/paths.csv",
    ] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let converted: Vec<String> = text
            .lines()
            .map(|l| {
                l.split(',')
                    .map(|c| {
                        if c.contains(';') {
                            format!("\"{c}\"")
                        } else if c.contains('.') && c.parse::<f64>().is_ok() {
                            c.replace('.', ",")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .collect();
        // Excel writes a BOM and CRLF line ends.
        let body = format!("\u{feff}{}\r\n", converted.join("\r\n"));
        std::fs::write(&path, body).unwrap();
    }
    let (code, out) = check(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("peringatan W0001").count(), 4, "{out}");
    assert!(
        out.contains("pemilih 14 (L 11, P 3); bukan pemilih 6"),
        "{out}"
    );
}

#[test]
fn a_folder_without_any_facility_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out) = check(tmp.path(), &[]);
    assert_eq!(code, 2);
    assert!(out.contains("facility.toml"), "{out}");
    let (code, _) = check(&tmp.path().join("nope"), &[]);
    assert_eq!(code, 2);
}

#[test]
fn every_problem_code_is_documented_in_the_readme() {
    let doc = std::fs::read_to_string(root().join("README.md")).unwrap();
    for c in tpsplan::diagnostics::CODES {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", c.code)))
            .unwrap_or_else(|| panic!("{} has no row in README.md", c.code));
        assert!(
            row.contains(c.meaning),
            "{}: meaning differs in docs",
            c.code
        );
        assert!(row.contains(c.fix), "{}: fix differs in docs", c.code);
        assert!(
            row.contains(c.fix_en),
            "{}: English fix differs in docs",
            c.code
        );
    }
}

/// Indonesian words that no English problem, fix or summary may hold. Names as written
/// in the files (`tanggal_data`, `kode_wilayah_ktp`, quoted values) are not words here;
/// `ke` is left out as it is a column of `layout/paths.csv`.
const INDONESIAN: &[&str] = &[
    "galat",
    "peringatan",
    "perbaikan",
    "sudah",
    "dipakai",
    "baris",
    "tidak",
    "bukan",
    "berkas",
    "kolom",
    "tulis",
    "harus",
    "atau",
    "dan",
    "yang",
    "di",
    "pada",
    "untuk",
    "dengan",
    "karena",
    "Diperiksa",
];

/// The Indonesian words of `text` outside quoted values (`'...'`, `"..."`; an
/// apostrophe inside a word opens none): a word is a run of letters, digits and `_`
/// (so `tanggal_data` is one word, not `data`).
fn indonesian_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut plain = String::new();
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for c in line.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || (c == '\'' && !prev.is_alphanumeric()) => quote = Some(c),
                None => plain.push(c),
            }
            prev = c;
        }
        found.extend(
            plain
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| INDONESIAN.contains(w))
                .map(|w| format!("{w} (in {line:?})")),
        );
    }
    found
}

#[test]
fn under_lang_en_every_problem_of_every_invalid_fixture_is_english() {
    for (name, code, ..) in INVALID {
        let dir = root().join("data/invalid").join(name);
        let (exit, en) = check(&dir, &["--lang", "en"]);
        assert_eq!(exit, 2, "{name}: {en}");
        assert!(en.contains(&format!(": error {code}")), "{name}: {en}");
        assert!(en.contains("\n    fix: "), "{name}: {en}");
        assert!(
            en.contains("in the input; nothing was written"),
            "{name}: {en}"
        );
        let words = indonesian_words(&en.replace(dir.to_str().unwrap(), "DIR"));
        assert!(words.is_empty(), "{name}: Indonesian words {words:#?}");
        // Indonesian stays the default.
        let (_, id) = check(&dir, &[]);
        assert!(id.contains(&format!(": galat {code}")), "{name}: {id}");
        assert!(id.contains("\n    perbaikan: "), "{name}: {id}");
        assert!(
            !id.contains(": error ") && !id.contains("fix:"),
            "{name}: {id}"
        );
    }
}

// ---- property: a mutated row is always caught at its line ----

/// A mutation: file, column, an invalid value, and the code that must be reported.
#[derive(Debug, Clone)]
struct Mutation {
    file: &'static str,
    column: &'static str,
    value: String,
    code: &'static str,
}

fn m(file: &'static str, column: &'static str, code: &'static str) -> impl Fn(String) -> Mutation {
    move |value| Mutation {
        file,
        column,
        value,
        code,
    }
}

fn not_a<T: std::str::FromStr>(s: &str) -> bool {
    s.parse::<T>().is_err()
}

fn mutations() -> impl Strategy<Value = Mutation> {
    use tpsplan::model::*;
    let word = "[a-zA-Z]{1,9}";
    let not_16_digits = "[0-9]{1,30}".prop_filter("not 16 digits", |s| s.len() != 16);
    prop_oneof![
        word.prop_filter("not L/P", |s: &String| not_a::<Sex>(s))
            .prop_map(m("inmates.csv", "jenis_kelamin", "E0016")),
        word.prop_filter("not B/S/P", |s: &String| not_a::<MaritalStatus>(s))
            .prop_map(m("inmates.csv", "status_kawin", "E0016")),
        word.prop_filter("not WNI/WNA", |s: &String| not_a::<Citizenship>(s))
            .prop_map(m("inmates.csv", "kewarganegaraan", "E0016")),
        word.prop_filter("not a status", |s: &String| not_a::<LegalStatus>(s))
            .prop_map(m("inmates.csv", "status", "E0016")),
        word.prop_filter("not a risk", |s: &String| not_a::<Risk>(s))
            .prop_map(m("inmates.csv", "tingkat_risiko", "E0016")),
        word.prop_filter("not ya/tidak", |s: &String| not_a::<YaTidak>(s))
            .prop_map(m("inmates.csv", "hak_pilih_dicabut", "E0016")),
        word.prop_filter("not ya/tidak", |s: &String| not_a::<YaTidak>(s))
            .prop_map(m("inmates.csv", "ktp_el", "E0016")),
        word.prop_filter("not a list", |s: &String| not_a::<Registration>(s))
            .prop_map(m("inmates.csv", "pendaftaran", "E0016")),
        word.prop_filter("not a need", |s: &String| not_a::<Need>(s))
            .prop_map(m("inmates.csv", "kebutuhan", "E0016")),
        not_16_digits
            .clone()
            .prop_map(m("inmates.csv", "nik", "E0302")),
        not_16_digits.prop_map(m("inmates.csv", "nkk", "E0302")),
        (1u32..=28, 13u32..=99)
            .prop_map(|(d, mo)| format!("1990-{mo:02}-{d:02}"))
            .prop_map(m("inmates.csv", "tanggal_lahir", "E0014")),
        (2024u32..2090, 2u32..=12)
            .prop_map(|(y, mo)| format!("{y}-{mo:02}-01"))
            .prop_map(m("inmates.csv", "tanggal_lahir", "E0304")),
        (1u32..=28, 1u32..=12)
            .prop_map(|(d, mo)| format!("{d:02}/{mo:02}/2025"))
            .prop_map(m("inmates.csv", "tanggal_bebas", "E0014")),
        "(0[0-9]|4[0-9]|9[7-9])"
            .prop_map(|p| format!("{p}.01.01"))
            .prop_map(m("inmates.csv", "kode_wilayah_ktp", "E0305")),
        "[0-9]{1,3}\\.[0-9]{3}".prop_map(m("inmates.csv", "kode_wilayah_ktp", "E0018")),
        "Z[A-Z]{0,4}".prop_map(m("inmates.csv", "blok", "E0306")),
        Just(String::new()).prop_map(m("inmates.csv", "no_registrasi", "E0013")),
        (1001usize..40_000)
            .prop_map(|n| "a".repeat(n))
            .prop_map(m("inmates.csv", "nama", "E0020")),
        (1001usize..40_000).prop_map(|n| "b".repeat(n)).prop_map(m(
            "layout/nodes.csv",
            "nama",
            "E0020"
        )),
        word.prop_filter("not an education", |s: &String| not_a::<Education>(s))
            .prop_map(m("staff.csv", "pendidikan", "E0016")),
        word.prop_filter("not a role", |s: &String| not_a::<StaffRole>(s))
            .prop_map(m("staff.csv", "peran", "E0016")),
        (25u32..99, 0u32..60)
            .prop_map(|(h, mi)| format!("{h}:{mi:02}"))
            .prop_map(m("staff.csv", "jam_mulai", "E0015")),
        word.prop_filter("not ya/tidak", |s: &String| not_a::<YaTidak>(s))
            .prop_map(m("staff.csv", "pakta_integritas", "E0016")),
        (1u32..=28, 13u32..=99)
            .prop_map(|(d, mo)| format!("1980-{mo:02}-{d:02}"))
            .prop_map(m("staff.csv", "tanggal_lahir", "E0014")),
        word.prop_filter("not a node kind", |s: &String| not_a::<NodeKind>(s))
            .prop_map(m("layout/nodes.csv", "jenis", "E0016")),
        (1u32..1000).prop_map(|n| format!("-{n}")).prop_map(m(
            "layout/nodes.csv",
            "maks_tps",
            "E0017"
        )),
        "[a-z]{1,6}".prop_map(m("layout/nodes.csv", "x", "E0017")),
        (0.0f64..100.0).prop_map(|x| format!("-{x}")).prop_map(m(
            "layout/paths.csv",
            "menit",
            "E0203"
        )),
        Just("0".to_string()).prop_map(m("layout/paths.csv", "menit", "E0203")),
        (241u32..100_000).prop_map(|n| n.to_string()).prop_map(m(
            "layout/paths.csv",
            "menit",
            "E0208"
        )),
        (1.5e6f64..1e308).prop_map(|x| format!("{x}")).prop_map(m(
            "layout/nodes.csv",
            "y",
            "E0017"
        )),
        (101u32..u32::MAX).prop_map(|n| n.to_string()).prop_map(m(
            "layout/nodes.csv",
            "maks_tps",
            "E0017"
        )),
        word.prop_filter("not ya/tidak", |s: &String| not_a::<YaTidak>(s))
            .prop_map(m("layout/paths.csv", "pemeriksaan", "E0016")),
        "Q[A-Z]{2,5}".prop_map(m("layout/paths.csv", "dari", "E0202")),
    ]
}

fn data_rows(file: &str) -> usize {
    std::fs::read_to_string(mini().join(file))
        .unwrap()
        .lines()
        .count()
        - 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_row_is_always_caught_at_its_line(mutation in mutations(), pick in 0usize..1000) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("f");
        copy_dir(&mini(), &dir);
        let path = dir.join(mutation.file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let col = lines[0].split(',').position(|c| c == mutation.column).unwrap();
        let line = 2 + pick % data_rows(mutation.file);
        let mut cells: Vec<String> = lines[line - 1].split(',').map(String::from).collect();
        cells[col] = mutation.value.clone();
        lines[line - 1] = cells.join(",");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();

        let loaded = load_facility(&dir, None, Reference::builtin());
        prop_assert!(loaded.facility.is_none(), "an invalid facility was built");
        let caught = loaded.problems.iter().any(|p| {
            p.is_error()
                && p.code == mutation.code
                && p.file == path
                && p.line == Some(line as u64)
                && p.field.as_ref().map(|f| f.id.as_str()) == Some(mutation.column)
        });
        prop_assert!(
            caught,
            "{} line {line} column {} = {:?}: expected {}, got {:#?}",
            mutation.file, mutation.column, mutation.value, mutation.code, loaded.problems
        );
    }
}

// ---- every other code, each on one small edit of the mini facility ----

/// (what, edits as (file, old text, new text; old `*` replaces the file, `*` -> `-`
/// deletes it), code, file, line)
type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
    &'static str,
    &'static str,
    Option<u64>,
);

const NIK_LINE_2: &str = "5305011203880001";

const CASES: &[Case] = &[
    (
        "a missing file",
        &[("layout/paths.csv", "*", "-")],
        "E0001",
        "layout/paths.csv",
        None,
    ),
    (
        "a file with only its header",
        &[(
            "inmates.csv",
            "*",
            "no_registrasi,nama,nik,nkk,jenis_kelamin,tanggal_lahir,status_kawin,kewarganegaraan,status,blok,kamar,tingkat_risiko,kode_wilayah_ktp,hak_pilih_dicabut,ktp_el,pendaftaran,tanggal_bebas,kebutuhan\n",
        )],
        "E0012",
        "inmates.csv",
        Some(1),
    ),
    (
        "an empty required cell",
        &[("staff.csv", ",Agustinus Lapenangga,", ",,")],
        "E0013",
        "staff.csv",
        Some(2),
    ),
    (
        "a column twice",
        &[(
            "layout/paths.csv",
            "dari,ke,menit,pemeriksaan",
            "dari,ke,menit,menit",
        )],
        "E0019",
        "layout/paths.csv",
        Some(1),
    ),
    (
        "a TOML value of the wrong form",
        &[("facility.toml", "\"2024-01-15\"", "\"15-01-2024\"")],
        "E0011",
        "facility.toml",
        Some(9),
    ),
    (
        "a facility in an unknown province",
        &[("facility.toml", "\"53.05.01\"", "\"99.05.01\"")],
        "E0104",
        "facility.toml",
        Some(7),
    ),
    (
        "a separation naming a missing block",
        &[(
            "facility.toml",
            "blok = [\"A\", \"B\"]",
            "blok = [\"A\", \"X\"]",
        )],
        "E0105",
        "facility.toml",
        Some(26),
    ),
    (
        "a shift that ends before it starts",
        &[(
            "facility.toml",
            "mulai = \"13:00\"\nselesai = \"20:00\"",
            "mulai = \"13:00\"\nselesai = \"12:00\"",
        )],
        "E0106",
        "facility.toml",
        Some(17),
    ),
    (
        "a facility kab/kota missing from its province's table",
        &[("facility.toml", "\"53.05.01\"", "\"53.99.01\"")],
        "W0101",
        "facility.toml",
        Some(7),
    ),
    (
        "a facility kecamatan missing from its kab/kota's table",
        &[("facility.toml", "\"53.05.01\"", "\"53.05.99\"")],
        "W0102",
        "facility.toml",
        Some(7),
    ),
    (
        "a zone map naming a zone no node has",
        &[(
            "facility.toml",
            "maksimum = [\"umum\"]",
            "maksimum = [\"umum\", \"dapur\"]",
        )],
        "W0103",
        "facility.toml",
        Some(23),
    ),
    (
        "data exported after election day",
        &[("facility.toml", "\"2024-01-15\"", "\"2024-03-01\"")],
        "W0104",
        "facility.toml",
        Some(9),
    ),
    (
        "a layout without blocks",
        &[
            ("layout/nodes.csv", ",blok,", ",aula,"),
            ("layout/nodes.csv", ",blok,", ",aula,"),
            ("layout/nodes.csv", ",blok,", ",aula,"),
            ("layout/nodes.csv", ",blok,", ",aula,"),
        ],
        "E0206",
        "layout/nodes.csv",
        None,
    ),
    (
        "a layout without candidate sites",
        &[
            ("layout/nodes.csv", "umum,2,4,40", "umum,0,4,40"),
            ("layout/nodes.csv", "umum,1,4,20", "umum,0,4,20"),
            ("layout/nodes.csv", "wanita,1,2,15", "wanita,0,2,15"),
        ],
        "E0207",
        "layout/nodes.csv",
        None,
    ),
    (
        "a site no block's zone may use",
        &[(
            "layout/nodes.csv",
            "P2U,",
            "RR,aula,Ruang rapat,14,4,kantor,1,2,10\nP2U,",
        )],
        "W0201",
        "layout/nodes.csv",
        Some(2),
    ),
    (
        "a block without inmates",
        &[(
            "layout/nodes.csv",
            "P2U,",
            "C,blok,Blok C (kosong),20,60,umum,0,0,0\nP2U,",
        )],
        "W0202",
        "layout/nodes.csv",
        Some(2),
    ),
    (
        "a path from a node to itself",
        &[(
            "layout/paths.csv",
            "P2U,KANTOR,1,ya",
            "P2U,KANTOR,1,ya\nAULA,AULA,1,tidak",
        )],
        "W0203",
        "layout/paths.csv",
        Some(3),
    ),
    (
        "a corridor listed both ways",
        &[(
            "layout/paths.csv",
            "P2U,KANTOR,1,ya",
            "P2U,KANTOR,1,ya\nLORONG,AULA,1.5,tidak",
        )],
        "W0204",
        "layout/paths.csv",
        Some(6),
    ),
    (
        "a site without a waiting room",
        &[("layout/nodes.csv", "umum,2,4,40", "umum,2,4,0")],
        "W0205",
        "layout/nodes.csv",
        Some(4),
    ),
    (
        "a KTP kab/kota missing from its province's table",
        &[(
            "inmates.csv",
            "53.05.02,tidak,ya,dpt,2024-02-01",
            "53.99.02,tidak,ya,dpt,2024-02-01",
        )],
        "W0301",
        "inmates.csv",
        Some(3),
    ),
    (
        "a KTP kecamatan missing from its kab/kota's table",
        &[(
            "inmates.csv",
            "53.05.02,tidak,ya,dpt,2024-02-01",
            "53.05.99,tidak,ya,dpt,2024-02-01",
        )],
        "W0302",
        "inmates.csv",
        Some(3),
    ),
    (
        "the same NIK twice",
        &[("inmates.csv", "5305022107950038", NIK_LINE_2)],
        "W0303",
        "inmates.csv",
        Some(3),
    ),
    (
        "a release date before the data date",
        &[("inmates.csv", "dpt,2024-02-01", "dpt,2023-12-31")],
        "W0304",
        "inmates.csv",
        Some(3),
    ),
    (
        "a woman in a men's block",
        &[(
            "inmates.csv",
            "Yohanis Malaikosa,5305011203880001,5305010101100007,L",
            "Yohanis Malaikosa,5305011203880001,5305010101100007,P",
        )],
        "W0305",
        "inmates.csv",
        Some(2),
    ),
    (
        "a juvenile outside an LPKA",
        &[],
        "W0306",
        "inmates.csv",
        Some(11),
    ),
    (
        "a KTP code in the UPT's province above kecamatan level",
        &[(
            "inmates.csv",
            "53.05.02,tidak,ya,dpt,2024-02-01",
            "53.05,tidak,ya,dpt,2024-02-01",
        )],
        "W0307",
        "inmates.csv",
        Some(3),
    ),
    (
        "a NIK issued in another province",
        &[("inmates.csv", NIK_LINE_2, "1207011203880001")],
        "W0308",
        "inmates.csv",
        Some(2),
    ),
    (
        "a staff birth date after the data date",
        &[("staff.csv", "L,1978-08-17", "L,2024-08-17")],
        "E0403",
        "staff.csv",
        Some(2),
    ),
    (
        "a NIP that is not 18 digits",
        &[("staff.csv", "197808172003031001", "19780817200303100")],
        "W0401",
        "staff.csv",
        Some(2),
    ),
    (
        "a staff member without a role",
        &[("staff.csv", "S1,kpps,07:00", "S1,,07:00")],
        "W0402",
        "staff.csv",
        Some(2),
    ),
    (
        "a scenario closing a node that is not a site",
        &[(
            "scenarios/blok-b-dikunci.toml",
            "menit_per_pemilih",
            "lokasi_ditutup = [\"LORONG\"]\nmenit_per_pemilih",
        )],
        "E0503",
        "scenarios/blok-b-dikunci.toml",
        Some(4),
    ),
    (
        "a scenario marking absent an unknown nip",
        &[(
            "scenarios/blok-b-dikunci.toml",
            "199509232019021001",
            "199509232019021009",
        )],
        "E0504",
        "scenarios/blok-b-dikunci.toml",
        Some(3),
    ),
    (
        "a scenario with zero minutes per voter",
        &[("scenarios/blok-b-dikunci.toml", "= 6.0", "= 0.0")],
        "E0505",
        "scenarios/blok-b-dikunci.toml",
        Some(4),
    ),
    (
        "a scenario rule key the ruleset does not know",
        &[(
            "scenarios/blok-b-dikunci.toml",
            "wbp_per_pengawal",
            "wbp_per_pengawall",
        )],
        "E0506",
        "scenarios/blok-b-dikunci.toml",
        Some(7),
    ),
    (
        "a local rule value of the wrong type",
        &[(
            "facility.toml",
            "maks_gelombang = 15",
            "maks_gelombang = \"lima belas\"",
        )],
        "E0102",
        "facility.toml",
        Some(31),
    ),
    (
        "a local rule with no escort per inmates",
        &[("facility.toml", "maks_gelombang = 15", "maks_gelombang = 0")],
        "E0108",
        "facility.toml",
        Some(31),
    ),
    (
        "a local closing time before opening",
        &[(
            "facility.toml",
            "maks_gelombang = 15",
            "maks_gelombang = 15\n\n[aturan_lokal.jam]\ntutup = \"06:00\"",
        )],
        "E0108",
        "facility.toml",
        Some(34),
    ),
    (
        "a scenario reserve of a billion times the DPT",
        &[(
            "scenarios/blok-b-dikunci.toml",
            "wbp_per_pengawal = 8",
            "wbp_per_pengawal = 8\n[aturan.surat_suara]\ncadangan = 1e9",
        )],
        "E0507",
        "scenarios/blok-b-dikunci.toml",
        Some(9),
    ),
];

#[test]
fn every_other_code_is_reported_at_its_place() {
    for (what, edits, code, file, line) in CASES {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("f");
        copy_dir(&mini(), &dir);
        for (f, old, new) in *edits {
            let path = dir.join(f);
            if (*old, *new) == ("*", "-") {
                std::fs::remove_file(&path).unwrap();
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = if *old == "*" {
                new.to_string()
            } else {
                assert!(text.contains(old), "{what}: {old:?} not in {f}");
                text.replacen(old, new, 1)
            };
            std::fs::write(&path, text).unwrap();
        }
        // Scenario codes are found both when the scenario is chosen and when `check`
        // looks at every scenario of the folder.
        let chosen = file.starts_with("scenarios/").then_some("blok-b-dikunci");
        let loaded = load_facility(&dir, chosen, Reference::builtin());
        let mut problems = loaded.problems;
        if chosen.is_some() {
            let clean = load_facility(&dir, None, Reference::builtin());
            let f = clean.facility.expect("the facility itself is valid");
            let again = tpsplan::input::check_scenarios(&f);
            assert!(again.iter().any(|p| p.code == *code), "{what}: {again:#?}");
        }
        // Every problem is worded in English too.
        for p in &problems {
            let en = p.render(tpsplan::lang::Lang::En);
            assert_ne!(p.message.en, p.message.id, "{what}: {en}");
            let words = indonesian_words(&en.replace(dir.to_str().unwrap(), "DIR"));
            assert!(words.is_empty(), "{what}: Indonesian words {words:#?}");
        }
        let path = dir.join(file);
        let found = problems
            .iter()
            .any(|p| p.code == *code && p.file == path && p.line == *line);
        problems.retain(|p| p.code == *code);
        assert!(
            found,
            "{what}: expected {code} at {file}:{line:?}, got {problems:#?}"
        );
        assert_eq!(
            loaded.facility.is_some(),
            code.starts_with('W'),
            "{what}: a facility is built exactly when there is no error"
        );
    }
}

#[test]
fn a_scenario_closing_every_site_of_a_zone_is_named_in_the_scenario_by_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("f");
    copy_dir(&mini(), &dir);
    let path = dir.join("scenarios/tutup.toml");
    std::fs::write(
        &path,
        "keterangan = \"hujan: kedua lokasi umum ditutup\"\nlokasi_ditutup = [\"AULA\", \"MASJID\"]\n",
    )
    .unwrap();
    let (code, text) = check(&dir, &[]);
    assert_eq!(code, 2, "{text}");
    let loaded = load_facility(&dir, None, Reference::builtin());
    let f = loaded.facility.expect("the facility itself is valid");
    let problems = tpsplan::input::check_scenarios(&f);
    let stranded: Vec<_> = problems.iter().filter(|p| p.code == "E0508").collect();
    assert!(!stranded.is_empty(), "{problems:#?}");
    for p in stranded {
        assert_eq!((p.file.as_path(), p.line), (path.as_path(), Some(2)));
        assert!(p.message.id.contains("blok '"), "{:?}", p.message);
        assert!(p.message.en.contains("block '"), "{:?}", p.message);
    }
    assert!(text.contains("E0508"), "{text}");
}

/// Issue 14, item 10: control characters in a cell (an ESC sequence that would clear
/// the screen, a NUL) are refused with E0021 at their line and never echoed raw.
#[test]
fn control_characters_in_a_cell_are_refused_and_never_echoed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mini");
    copy_dir(&mini(), &dir);
    let path = dir.join("inmates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Line 2: an ESC sequence in the name; line 3: a NUL in the name.
    let header: Vec<&str> = lines[0].split(',').collect();
    let name = header.iter().position(|h| *h == "nama").unwrap();
    for (i, bad) in [(1usize, "\u{1b}[2J\u{1b}]0;pwned\u{7}"), (2, "A\u{0}B")] {
        let mut cells: Vec<String> = lines[i].split(',').map(str::to_string).collect();
        cells[name] = bad.to_string();
        lines[i] = cells.join(",");
    }
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, out) = check(&dir, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("inmates.csv:2") && out.contains("inmates.csv:3"),
        "{out}"
    );
    assert!(
        out.contains("E0021") && out.contains("U+001B") && out.contains("U+0000"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{0}'),
        "echoed raw: {out:?}"
    );
}

#[test]
fn the_optional_kpu_columns_are_read_and_a_wrong_disability_names_its_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("rutan");
    copy_dir(&mini(), &dir);
    let path = dir.join("inmates.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[0].push_str(",tempat_lahir,disabilitas");
    for (k, l) in lines.iter_mut().enumerate().skip(1) {
        l.push_str(if k == 2 {
            ",Kalabahi,sensorik_netra"
        } else {
            ",,"
        });
    }
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, out) = check(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    // A value outside KPU's six types is an error at its line and field.
    lines[3] = lines[3].trim_end_matches(",,").to_string() + ",,buta";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, out) = check(&dir, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("inmates.csv:4"), "{out}");
    assert!(out.contains("[disabilitas]"), "{out}");
    assert!(out.contains("sensorik_netra"), "{out}");
}

#[test]
fn a_huge_header_is_refused_at_once_with_a_short_message() {
    // Issue 14 item 9: a header of megabytes (an open quote) was read as one column
    // name, compared with every known name and quoted in full in the messages.
    let tmp = tempfile::tempdir().unwrap();
    for (case, make) in [
        (
            "long first line",
            Box::new(|header: &str, body: &str| {
                format!("\"{}{header}\n{body}", "x".repeat(3_000_000))
            }) as Box<dyn Fn(&str, &str) -> String>,
        ),
        (
            "open quote over many lines",
            Box::new(|header: &str, body: &str| {
                format!("\"{header}\n{}\n{body}", "y,".repeat(40).repeat(50_000))
            }),
        ),
    ] {
        let dir = tmp.path().join(case.replace(' ', "-"));
        copy_dir(&mini(), &dir);
        let path = dir.join("inmates.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let (header, body) = text.split_once('\n').unwrap();
        std::fs::write(&path, make(header, body)).unwrap();
        let (code, out) = check(&dir, &[]);
        assert_eq!(code, 2, "{case}: {}", &out[..out.len().min(2000)]);
        assert!(
            out.contains("E0022"),
            "{case}: {}",
            &out[..out.len().min(2000)]
        );
        assert!(out.len() < 4000, "{case}: {} bytes of messages", out.len());
    }
}
