//! `tpsplan verify OUT` without the printing (`commands::verify` prints): the plan
//! folder's inputs loaded again, every hard rule checked, and every file KPU receives
//! compared with plan.json (the CSV files, `kpu/rekap.xlsx` cell by cell,
//! `kpu-rahasia/`, the figures of `report.html`).

use std::collections::BTreeSet;

use crate::lang::{Text, text};

use super::*;

/// The inputs a written plan was made from: the facility folder and scenario recorded in
/// plan.json (relative to the plan folder), the scenario checked against its digest.
/// Returns the input errors (for the caller to show; the facility is then bad input,
/// exit 2) and the facility; a changed scenario is `Error::Violations` (exit 1), whose
/// message the caller shows with the violations.
pub fn load_inputs(
    out: &std::path::Path,
    plan: &crate::plan::Plan,
    lang: crate::lang::Lang,
) -> (
    Vec<crate::diagnostics::Problem>,
    crate::error::Result<Facility>,
) {
    use crate::error::Error;
    let reference = crate::reference::Reference::builtin();
    // Inputs are recorded relative to the plan folder (absolute paths are kept as they are).
    let dir = out.join(&plan.inputs.dir);
    // The scenario file the plan was made with, by its recorded path (older plans: by
    // name under the facility's scenarios/), and unchanged since.
    let scenario_file = plan.inputs.scenario_path.as_ref().map(|p| out.join(p));
    if let Some(path) = &scenario_file {
        let now = std::fs::read(path).map(|b| crate::plan::bytes_digest(&b));
        match now {
            Ok(d) if plan.inputs.scenario_digest.is_empty() || d == plan.inputs.scenario_digest => {
            }
            Ok(_) => {
                let msg = text!(
                    "skenario {} berubah sejak rencana dibuat: buat ulang rencananya",
                    "scenario {} changed since the plan was made: make the plan again",
                    path.display()
                );
                return (
                    Vec::new(),
                    Err(Error::Violations(msg.get(lang).to_string())),
                );
            }
            Err(e) => {
                return (
                    Vec::new(),
                    Err(Error::Usage(
                        text!(
                            "skenario {} tidak dapat dibaca: {e}",
                            "scenario {} cannot be read: {e}",
                            path.display()
                        )
                        .get(lang)
                        .to_string(),
                    )),
                );
            }
        }
    }
    let scenario_arg = scenario_file
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .or_else(|| (!plan.inputs.scenario.is_empty()).then(|| plan.inputs.scenario.clone()));
    let loaded = crate::input::load_facility(&dir, scenario_arg.as_deref(), reference);
    match loaded.facility {
        Some(facility) => (Vec::new(), Ok(facility)),
        None => {
            let errors: Vec<_> = loaded
                .problems
                .into_iter()
                .filter(|p| p.is_error())
                .collect();
            let n = errors.len();
            (errors, Err(Error::BadInput(n)))
        }
    }
}

/// What re-checking a plan folder found ([`check_folder`]).
#[derive(Debug, Clone)]
pub struct FolderCheck {
    /// Every violation, in the order found.
    pub violations: Vec<Violation>,
    /// The voters the checker derived from the inputs.
    pub voters: usize,
}

/// `tpsplan verify OUT` without the printing: the plan folder `out` holding `plan`,
/// made from `facility` (its inputs re-read by [`load_inputs`]); derives who votes with
/// its own code, checks every hard rule and compares every file with plan.json.
pub fn check_folder(
    out: &std::path::Path,
    plan: &crate::plan::Plan,
    facility: &Facility,
) -> FolderCheck {
    let reference = crate::reference::Reference::builtin();
    // Who votes, on which list, with which ballots: derived again by the checker.
    let derived = eligibility::derive(facility, reference);
    let voters = &derived.voters;
    let mut violations = verify_with_voters(facility, voters, plan);
    let digest = crate::plan::voters_digest(voters);
    if digest != plan.inputs.voters_digest {
        violations.insert(
            0,
            Violation {
                rule: 1,
                tps: None,
                wave: None,
                voter: None,
                message: text!(
                    "daftar pemilih dari masukan berubah sejak rencana dibuat (sidik {digest}, rencana {}): buat ulang rencananya",
                    "the voter list from the input changed since the plan was made (digest {digest}, plan {}): make the plan again",
                    plan.inputs.voters_digest
                ),
            },
        );
    }
    // The files KPU and the UPT receive say what plan.json says. The voters, ballots
    // and TPS tables are the checker's own rows; the follow-ups (reasons, actions and
    // deadlines), the lists by category, Model A and the staff tables are still built
    // by the export code from the planner's eligibility decision and plan.json.
    let decisions = crate::eligibility::decide(facility, reference);
    let follow_ups = crate::eligibility::follow_ups(facility, &decisions);
    let expected = [
        (
            2,
            "kpu/tps.csv",
            rows::tps(facility, reference, voters, plan),
        ),
        (
            1,
            "kpu/pemilih.csv",
            rows::pemilih(facility, voters, plan, false),
        ),
        (
            9,
            "kpu/surat_suara.csv",
            rows::surat_suara(facility, voters, plan),
        ),
        (
            8,
            "kpu/kpps.csv",
            crate::export::kpu::kpps_table(facility, plan),
        ),
        (
            1,
            "kpu/tindak_lanjut.csv",
            crate::export::kpu::tindak_lanjut_table(&follow_ups),
        ),
        (8, "petugas.csv", crate::export::kpu::petugas_table(plan)),
        (
            8,
            "kekurangan.csv",
            crate::export::kpu::kekurangan_table(plan),
        ),
        (7, "jadwal.csv", crate::plan::schedule_table(plan)),
        (
            1,
            "kpu/model_a.csv",
            crate::export::kpu::model_a_table(
                facility,
                crate::reference::Reference::builtin(),
                plan,
                false,
            ),
        ),
    ];
    let per_person = crate::export::kpu::tindak_lanjut_orang_table(
        facility,
        crate::reference::Reference::builtin(),
        &decisions,
        &follow_ups,
    );
    let mut expected: Vec<(u8, String, crate::export::Table)> = expected
        .into_iter()
        .map(|(rule, rel, t)| (rule, rel.to_string(), t))
        .collect();
    for category in [
        crate::model::Category::Dpt,
        crate::model::Category::Dptb,
        crate::model::Category::Dpk,
    ] {
        let t = crate::export::kpu::daftar_table(
            facility,
            crate::reference::Reference::builtin(),
            plan,
            category,
            false,
        );
        expected.push((1, format!("kpu/{}.csv", t.sheet), t));
    }
    expected.push((1, "kpu/tindak_lanjut_orang.csv".into(), per_person));
    // The full identities only where the plan was written for the handover, and
    // then exactly KPU's lists (rule 1: the lists say what plan.json says).
    let secret = out.join("kpu-rahasia");
    if plan.inputs.handover {
        for t in crate::export::kpu::secret_tables(
            facility,
            crate::reference::Reference::builtin(),
            &decisions,
            plan,
        ) {
            // The handover's voter list is the checker's own rows, in full.
            let t = if t.sheet == "RAHASIA_pemilih" {
                let mut own = rows::pemilih(facility, voters, plan, true);
                own.sheet = t.sheet;
                own
            } else {
                t
            };
            expected.push((1, format!("kpu-rahasia/{}.csv", t.sheet), t));
        }
    } else if secret.exists() {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: text!(
                "{} ada, padahal rencana ditulis tanpa --serah-terima: NIK/NKK lengkap tidak boleh ada di folder ini",
                "{} exists although the plan was written without --serah-terima: full NIK/NKK may not be in this folder",
                secret.display()
            ),
        });
    }
    // The workbook holds the same KPU tables as the CSV files, cell by cell.
    let sheets: Vec<&crate::export::Table> = expected
        .iter()
        .filter(|(_, rel, _)| rel.starts_with("kpu/") && rel.ends_with(".csv"))
        .map(|(_, _, t)| t)
        .collect();
    // The report's headline figures say what plan.json says.
    for message in check_report(&out.join("report.html"), plan) {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: message.map(|_, m| format!("report.html: {m}")),
        });
    }
    for message in check_workbook(&out.join("kpu").join("rekap.xlsx"), &sheets) {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: message.map(|_, m| format!("kpu/rekap.xlsx: {m}")),
        });
    }
    for (rule, rel, table) in expected {
        let rel = rel.as_str();
        if let Some(message) = compare_csv(&out.join(rel), &table) {
            violations.push(Violation {
                rule,
                tps: None,
                wave: None,
                voter: None,
                message: message.map(|_, m| format!("{rel}: {m}")),
            });
        }
    }

    // Rule 1, second half: every inmate who is not a voter here is in the follow-ups.
    let follow = out.join("kpu").join("tindak_lanjut.csv");
    match csv::Reader::from_path(&follow) {
        Ok(mut rdr) => {
            let listed: BTreeSet<String> = rdr
                .records()
                .filter_map(|r| r.ok())
                .filter_map(|r| r.get(0).map(|s| s.trim_start_matches('\'').to_string()))
                .collect();
            for reg in &derived.non_voters {
                if !listed.contains(reg.as_str()) {
                    violations.push(Violation {
                        rule: 1,
                        tps: None,
                        wave: None,
                        voter: Some(reg.clone()),
                        message: text!(
                            "bukan pemilih tetapi tidak ada di {}",
                            "not a voter but not in {}",
                            follow.display()
                        ),
                    });
                }
            }
        }
        Err(e) => violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: text!(
                "{} tidak dapat dibaca: {e}",
                "{} cannot be read: {e}",
                follow.display()
            ),
        }),
    }
    // Per person, `pemilih` says whether they vote here as the checker derived it.
    let people = out.join("kpu").join("tindak_lanjut_orang.csv");
    let voting: BTreeSet<&str> = voters.iter().map(|v| v.reg_no.as_str()).collect();
    for (reg, message) in check_voter_column(&people, &voting) {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: reg.as_deref().map(crate::model::RegNo::from),
            message: message.map(|_, m| format!("kpu/tindak_lanjut_orang.csv: {m}")),
        });
    }
    FolderCheck {
        violations,
        voters: voters.len(),
    }
}

/// The rows of the per-person follow-ups at `path` whose `pemilih` column (`ya`/`tidak`)
/// disagrees with the voters the checker derived (`voting`), with the register number.
pub(super) fn check_voter_column(
    path: &std::path::Path,
    voting: &BTreeSet<&str>,
) -> Vec<(Option<String>, Text)> {
    let mut rdr = match csv::Reader::from_path(path) {
        Ok(r) => r,
        Err(e) => {
            return vec![(
                None,
                text!("tidak dapat dibaca: {e}", "cannot be read: {e}"),
            )];
        }
    };
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => return vec![(None, text!("bukan CSV yang sah: {e}", "not valid CSV: {e}"))],
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(reg), Some(flag)) = (col("no_registrasi"), col("pemilih")) else {
        return vec![(
            None,
            text!(
                "kolom no_registrasi atau pemilih tidak ada",
                "column no_registrasi or pemilih is missing"
            ),
        )];
    };
    let mut out = Vec::new();
    for row in rdr.records().filter_map(|r| r.ok()) {
        let who = row.get(reg).unwrap_or("").trim_start_matches('\'');
        let says = row.get(flag).unwrap_or("");
        let derived = if voting.contains(who) { "ya" } else { "tidak" };
        if says != derived {
            out.push((
                Some(who.to_string()),
                text!(
                    "pemilih = '{says}', menurut masukan '{derived}'",
                    "pemilih = '{says}', the inputs say '{derived}'"
                ),
            ));
        }
    }
    out
}

/// Compares a written CSV with the table the plan and its inputs give, row by row
/// after parsing (so line ends and a byte-order mark do not matter). `None` when equal.
pub(super) fn compare_csv(path: &std::path::Path, expected: &crate::export::Table) -> Option<Text> {
    let parse = |bytes: &[u8]| -> Result<Vec<Vec<String>>, csv::Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes);
        rdr.records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect()
    };
    let written = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Some(text!("tidak dapat dibaca: {e}", "cannot be read: {e}")),
    };
    if !written.starts_with("\u{feff}".as_bytes()) {
        return Some(text!(
            "tidak diawali byte-order mark UTF-8",
            "does not start with a UTF-8 byte-order mark"
        ));
    }
    let mut got = match parse(&written) {
        Ok(g) => g,
        Err(e) => return Some(text!("bukan CSV yang sah: {e}", "not valid CSV: {e}")),
    };
    // The expected rows as the file must show them: a header, then each cell as its
    // field (numbers in digits, text guarded against formulas); a byte-order mark
    // before the header is no part of it.
    let mut want: Vec<Vec<String>> = vec![expected.columns.iter().map(|c| c.to_string()).collect()];
    want.extend(
        expected
            .rows
            .iter()
            .map(|r| r.iter().map(super::rows::field).collect()),
    );
    // The reader may or may not keep the mark in the first field.
    if let Some(first) = got.first_mut().and_then(|r| r.first_mut()) {
        *first = first.trim_start_matches('\u{feff}').to_string();
    }
    if got.len() != want.len() {
        return Some(text!(
            "{} baris data, menurut plan.json seharusnya {}",
            "{} data rows, plan.json says {}",
            got.len().saturating_sub(1),
            want.len().saturating_sub(1)
        ));
    }
    got.iter().zip(&want).position(|(g, w)| g != w).map(|i| {
        text!(
            "baris {} berbeda dari plan.json: {:?}, seharusnya {:?}",
            "row {} differs from plan.json: {:?}, should be {:?}",
            i + 1,
            got[i],
            want[i]
        )
    })
}

/// Differences between the workbook at `path` and the tables it must hold (one sheet
/// each, any order): a missing or extra sheet, the header, then the first differing
/// cell of each sheet (numbers as numbers, text neutralised as written).
pub(super) fn check_workbook(
    path: &std::path::Path,
    tables: &[&crate::export::Table],
) -> Vec<Text> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = match open_workbook(path) {
        Ok(b) => b,
        Err(e) => return vec![text!("tidak dapat dibuka: {e}", "cannot be opened: {e}")],
    };
    let names = book.sheet_names();
    let mut out = Vec::new();
    for name in &names {
        if !tables.iter().any(|t| &t.sheet == name) {
            out.push(text!(
                "lembar '{name}' tidak seharusnya ada",
                "sheet '{name}' should not be there"
            ));
        }
    }
    for t in tables {
        if !names.contains(&t.sheet) {
            out.push(text!(
                "lembar '{}' tidak ada",
                "sheet '{}' is missing",
                t.sheet
            ));
            continue;
        }
        let range = match book.worksheet_range(&t.sheet) {
            Ok(r) => r,
            Err(e) => {
                out.push(text!(
                    "lembar '{}' tidak terbaca: {e}",
                    "sheet '{}' cannot be read: {e}",
                    t.sheet
                ));
                continue;
            }
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let text = |d: &Data| match d {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        let header: Vec<String> = rows
            .first()
            .map(|r| r.iter().map(text).collect())
            .unwrap_or_default();
        if header != t.columns {
            out.push(text!(
                "lembar '{}': judul kolom berbeda",
                "sheet '{}': column headings differ",
                t.sheet
            ));
            continue;
        }
        if rows.len() != t.rows.len() + 1 {
            out.push(text!(
                "lembar '{}': {} baris, seharusnya {}",
                "sheet '{}': {} rows, should be {}",
                t.sheet,
                rows.len().saturating_sub(1),
                t.rows.len()
            ));
            continue;
        }
        'rows: for (i, (got, want)) in rows[1..].iter().zip(&t.rows).enumerate() {
            for (c, w) in want.iter().enumerate() {
                let g = got.get(c).unwrap_or(&Data::Empty);
                let same = match w {
                    crate::export::Cell::Int(n) => match g {
                        Data::Float(f) => *f == *n as f64,
                        Data::Int(x) => x == n,
                        _ => false,
                    },
                    crate::export::Cell::Text(s) => text(g) == super::rows::shown(s),
                };
                if !same {
                    out.push(text!(
                        "lembar '{}' baris {} kolom {}: '{}' berbeda dari rencana",
                        "sheet '{}' row {} column {}: '{}' differs from the plan",
                        t.sheet,
                        i + 2,
                        t.columns[c],
                        text(g)
                    ));
                    break 'rows;
                }
            }
        }
    }
    out
}

/// Differences between the headline figures of the report at `path` and `plan`: the
/// voters and TPS cards (in the report's own language and number format).
pub(super) fn check_report(path: &std::path::Path, plan: &crate::plan::Plan) -> Vec<Text> {
    let html = match std::fs::read_to_string(path) {
        Ok(h) => h,
        Err(e) => return vec![text!("tidak dapat dibaca: {e}", "cannot be read: {e}")],
    };
    let lang = if html.contains("<html lang=\"en\">") {
        crate::lang::Lang::En
    } else {
        crate::lang::Lang::Id
    };
    let voters: usize = plan.tps.iter().map(|t| t.voters.len()).sum();
    let format = |n: usize| crate::export::charts::format_count(n as i64, lang);
    let cards = [
        (
            match lang {
                crate::lang::Lang::Id => "Pemilih",
                crate::lang::Lang::En => "Voters",
            },
            format(voters),
        ),
        ("TPS", format(plan.tps.len())),
    ];
    let mut out = Vec::new();
    for (label, value) in cards {
        let card = format!("<div class=\"label\">{label}</div><div class=\"value\">{value}</div>");
        if !html.contains(&card) {
            out.push(text!(
                "kartu '{label}' tidak menunjukkan {value} seperti plan.json",
                "card '{label}' does not show {value} as plan.json does"
            ));
        }
    }
    out
}
