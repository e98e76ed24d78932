//! One facility folder -> [`Facility`]: reads every file (collecting every problem),
//! builds the ruleset with the facility's and the scenario's overrides, runs the
//! cross-record checks, and builds the facility only when no error was found.

use std::path::{Path, PathBuf};

use super::cross::{self, InmateInputs, LayoutInputs, RegionLookup};
use super::penyesuaian::{PINS_FILE, PinContext, read_pins};
use super::rows::{Parsed, read_inmates, read_nodes, read_others, read_paths, read_staff};
use super::tomlfile::{TomlDoc, key_line, read_toml, table_line};
use super::{
    FACILITY_FILE, INMATES_FILE, Loaded, NODES_FILE, OTHERS_FILE, PATHS_FILE, SCENARIO_DIR,
    STAFF_FILE,
};
use crate::diagnostics::Problem;
use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{FacilityInfo, PinKind, Scenario};
use crate::reference::Reference;
use crate::rules::{RulesError, Ruleset, load_ruleset};

/// Tables of `facility.toml` that hold free keys (checked elsewhere).
const FACILITY_FREE: &[&str] = &["aturan_lokal", "akses_zona"];
/// Tables of a scenario that hold free keys (checked by the ruleset).
const SCENARIO_FREE: &[&str] = &["aturan"];

/// A scenario file read, with where it came from.
pub(crate) struct ScenarioDoc {
    pub path: PathBuf,
    pub doc: TomlDoc<Scenario>,
}

/// Reads and validates the facility in `dir`; see [`super::load_facility`].
pub(crate) fn load(dir: &Path, scenario: Option<&str>, reference: &Reference) -> Loaded {
    let mut problems = Vec::new();
    let info_path = dir.join(FACILITY_FILE);
    let info_doc: TomlDoc<FacilityInfo> = read_toml(&info_path, FACILITY_FREE, &mut problems);
    let nodes_path = dir.join(NODES_FILE);
    let paths_path = dir.join(PATHS_FILE);
    let inmates_path = dir.join(INMATES_FILE);
    let staff_path = dir.join(STAFF_FILE);
    let nodes = read_nodes(&nodes_path, &mut problems);
    let paths = read_paths(&paths_path, &mut problems);
    let inmates = read_inmates(&inmates_path, &mut problems);
    let staff = read_staff(&staff_path, &mut problems);
    let others_path = dir.join(OTHERS_FILE);
    let others = if others_path.exists() {
        read_others(&others_path, &mut problems)
    } else {
        Parsed {
            items: Vec::new(),
            clean: true,
        }
    };
    let scen = scenario.and_then(|s| read_scenario(dir, s, &mut problems));
    let pins_path = dir.join(PINS_FILE);
    let info = info_doc.value.as_ref();
    let scen_value = scen.as_ref().and_then(|s| Some((s, s.doc.value.as_ref()?)));

    let rules = info.and_then(|info| {
        facility_rules(info, &info_doc.text, &info_path, &mut problems).and_then(|base| {
            match scen_value {
                Some((doc, s)) => scenario_rules(info, s, doc, &mut problems),
                None => Some(base),
            }
        })
    });
    let mut regions = RegionLookup::new(reference);
    if let Some(info) = info {
        let day = rules
            .as_ref()
            .map(|r| info.election_date.unwrap_or(r.election_date));
        cross::facility_info(
            &info_path,
            &info_doc.text,
            info,
            &nodes,
            day,
            &mut regions,
            &mut problems,
        );
    }
    cross::layout(
        &LayoutInputs {
            nodes_path: &nodes_path,
            paths_path: &paths_path,
            nodes: &nodes,
            paths: &paths,
            inmates: &inmates,
            info,
            scenario: scen_value.map(|(_, s)| s),
        },
        &mut problems,
    );
    cross::inmates(
        &InmateInputs {
            path: &inmates_path,
            inmates: &inmates,
            others_path: &others_path,
            others: &others,
            nodes: &nodes,
            info,
            rules: rules.as_ref(),
        },
        &mut regions,
        &mut problems,
    );
    cross::staff(&staff_path, &staff, info, &mut problems);
    let pins = if pins_path.exists() {
        let ctx = PinContext {
            nodes: nodes.clean.then_some(nodes.items.as_slice()),
            people: (inmates.clean && others.clean)
                .then(|| inmates.items.iter().chain(&others.items).collect()),
            first_tps: rules.as_ref().map(|r| r.tps.nomor_awal),
        };
        read_pins(&pins_path, &ctx, &mut problems).items
    } else {
        Vec::new()
    };
    if let Some((doc, s)) = scen_value {
        cross::scenario(
            &doc.path,
            &doc.doc.text,
            s,
            nodes.clean.then_some(nodes.items.as_slice()),
            staff.clean.then_some(staff.items.as_slice()),
            &mut problems,
        );
    }

    if problems.iter().any(Problem::is_error) {
        return Loaded {
            facility: None,
            problems,
        };
    }
    let (Some(info), Some(rules)) = (info_doc.value, rules) else {
        // Both are present whenever no error was reported; keep the invariant visible.
        return Loaded {
            facility: None,
            problems,
        };
    };
    let mut scenario = scen.and_then(|s| s.doc.value).unwrap_or_default();
    let mut info = info;
    for p in &pins {
        match &p.kind {
            PinKind::LokasiTutup { lokasi } if !scenario.closed_sites.contains(lokasi) => {
                scenario.closed_sites.push(lokasi.clone());
            }
            PinKind::JumlahTps { jumlah } => info.tps_count = Some(*jumlah),
            _ => {}
        }
    }
    let mut staff = staff.items;
    staff.retain(|s| !scenario.absent_staff.contains(&s.nip));
    Loaded {
        facility: Some(Facility {
            dir: dir.to_path_buf(),
            info,
            rules,
            nodes: nodes.items,
            paths: paths.items,
            inmates: inmates.items,
            others: others.items,
            staff,
            scenario,
            pins,
        }),
        problems,
    }
}

/// Where a scenario argument points: a path (it ends in `.toml` or has a folder part;
/// relative to the working folder, else to the facility) or a name under `scenarios/`.
fn scenario_path(dir: &Path, arg: &str) -> PathBuf {
    let p = Path::new(arg);
    if arg.ends_with(".toml") || p.components().count() > 1 {
        if p.is_file() {
            p.to_path_buf()
        } else {
            dir.join(p)
        }
    } else {
        dir.join(SCENARIO_DIR).join(format!("{arg}.toml"))
    }
}

/// The scenario files of a facility, sorted by name.
pub(crate) fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join(SCENARIO_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    out.sort();
    out
}

fn read_scenario(dir: &Path, arg: &str, problems: &mut Vec<Problem>) -> Option<ScenarioDoc> {
    let path = scenario_path(dir, arg);
    if !path.is_file() {
        let names: Vec<String> = scenario_files(dir)
            .iter()
            .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
            .collect();
        let available = if names.is_empty() {
            text!(
                "tidak ada skenario di scenarios/",
                "there is no scenario in scenarios/"
            )
        } else {
            text!("yang ada: {}", "available: {}", names.join(", "))
        };
        let Text { id, en } = available;
        problems.push(Problem::error(
            "E0501",
            &path,
            text!(
                "skenario '{arg}' tidak ditemukan; {id}",
                "scenario '{arg}' not found; {en}"
            ),
        ));
        return None;
    }
    Some(read_scenario_file(&path, problems))
}

/// Reads one scenario file and names it after its file stem.
pub(crate) fn read_scenario_file(path: &Path, problems: &mut Vec<Problem>) -> ScenarioDoc {
    let mut doc: TomlDoc<Scenario> = read_toml(path, SCENARIO_FREE, problems);
    if let Some(s) = doc.value.as_mut() {
        s.name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        s.path = Some(path.to_path_buf());
        s.digest = std::fs::read(path)
            .map(|b| crate::plan::bytes_digest(&b))
            .unwrap_or_default();
    }
    ScenarioDoc {
        path: path.to_path_buf(),
        doc,
    }
}

/// The ruleset named in `facility.toml` with its `[aturan_lokal]`.
fn facility_rules(
    info: &FacilityInfo,
    text: &str,
    path: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Ruleset> {
    let origin = format!("{} [aturan_lokal]", path.display());
    let result = load_ruleset(&info.ruleset, None, &[(&origin, &info.rule_overrides)]);
    result
        .map_err(|e| match &e {
            RulesError::OutOfRange(issues) => {
                // Values of the ruleset file itself are answered here too.
                let here = issues.iter().filter(|i| i.set_by != Some(1));
                problems.extend(range_problems("E0108", path, text, "aturan_lokal", here));
            }
            _ => {
                let (code, table) = match &e {
                    RulesError::Unknown { .. } => ("E0101", "aturan"),
                    _ => ("E0102", "aturan_lokal"),
                };
                problems.push(rules_problem(code, path, text, table, &e));
            }
        })
        .ok()
}

/// One problem per ruleset value out of range, at the line that sets it in `text`
/// (under `[TABLE.SECTION]`, as `SECTION.key` or `SECTION = { key = .. }` in `[TABLE]`).
fn range_problems<'a>(
    code: &'static str,
    path: &Path,
    text: &str,
    table: &str,
    issues: impl Iterator<Item = &'a crate::rules::RangeIssue>,
) -> Vec<Problem> {
    issues
        .map(|i| {
            let (section, leaf) = i.set_at();
            let header = format!("[{table}.{section}]");
            let lines: Vec<&str> = text.lines().collect();
            let under_header = lines.iter().position(|l| l.trim() == header).and_then(|h| {
                lines[h + 1..]
                    .iter()
                    .take_while(|l| !l.trim_start().starts_with('['))
                    .position(|l| l.trim_start().starts_with(leaf) && l.contains('='))
                    .map(|k| (h + 2 + k) as u64)
            });
            let dotted = format!("{section}.{leaf}");
            let line = under_header
                .or_else(|| key_line(text, &dotted, &Default::default()))
                .or_else(|| key_line(text, leaf, &Default::default()))
                .or_else(|| table_line(text, &format!("{table}.{section}")))
                .or_else(|| table_line(text, table));
            let mut p =
                Problem::error(code, path, i.message.clone()).field(format!("{table}.{}", i.key));
            if let Some(l) = line {
                p = p.at_line(l);
            }
            p
        })
        .collect()
}

/// The facility's ruleset with the scenario's `[aturan]` and `menit_per_pemilih` on top.
pub(crate) fn scenario_rules(
    info: &FacilityInfo,
    s: &Scenario,
    doc: &ScenarioDoc,
    problems: &mut Vec<Problem>,
) -> Option<Ruleset> {
    let mut over = s.rule_overrides.clone();
    if let Some(m) = s.minutes_per_voter.filter(|m| m.is_finite() && *m > 0.0) {
        let mut tps = toml::Table::new();
        tps.insert("menit_per_pemilih".into(), toml::Value::Float(m));
        crate::rules::deep_merge(
            &mut over,
            &toml::Table::from_iter([("tps".to_string(), toml::Value::Table(tps))]),
        );
    }
    let fac = format!("{} [aturan_lokal]", FACILITY_FILE);
    let origin = format!("{} [aturan]", doc.path.display());
    load_ruleset(
        &info.ruleset,
        None,
        &[(&fac, &info.rule_overrides), (&origin, &over)],
    )
    .map_err(|e| {
        if let RulesError::OutOfRange(issues) = &e {
            // Values the facility set are named by the facility's own check.
            let here = issues.iter().filter(|i| i.set_by == Some(1));
            problems.extend(range_problems(
                "E0507",
                &doc.path,
                &doc.doc.text,
                "aturan",
                here,
            ));
            return;
        }
        problems.push(rules_problem(
            "E0506",
            &doc.path,
            &doc.doc.text,
            "aturan",
            &e,
        ));
    })
    .ok()
}

fn rules_problem(
    code: &'static str,
    path: &Path,
    text: &str,
    table: &str,
    e: &RulesError,
) -> Problem {
    let unknown = match e {
        RulesError::Invalid { message, .. } => message
            .id
            .strip_prefix("unknown field `")
            .and_then(|r| r.split_once('`'))
            .map(|(key, rest)| (key.to_string(), rest.to_string())),
        _ => None,
    };
    // A value of the wrong type whose key was found: named and pointed at.
    if let (
        RulesError::Invalid {
            message,
            key: Some((key, _)),
            ..
        },
        None,
    ) = (e, &unknown)
    {
        let (section, leaf) = key.split_once('.').unwrap_or(("", key.as_str()));
        let header = format!("[{table}.{section}]");
        let lines: Vec<&str> = text.lines().collect();
        let line = lines
            .iter()
            .position(|l| l.trim() == header)
            .and_then(|h| {
                lines[h + 1..]
                    .iter()
                    .take_while(|l| !l.trim_start().starts_with('['))
                    .position(|l| l.trim_start().starts_with(leaf) && l.contains('='))
                    .map(|k| (h + 2 + k) as u64)
            })
            .or_else(|| key_line(text, key, &Default::default()))
            .or_else(|| key_line(text, leaf, &Default::default()));
        let message = message
            .clone()
            .map(|_, m| format!("[{table}.{section}] {leaf}: {m}"));
        let mut p = Problem::error(code, path, message).field(format!("{table}.{key}"));
        if let Some(l) = line {
            p = p.at_line(l);
        }
        return p;
    }
    let message = match (e, &unknown) {
        (RulesError::Unknown { name, available }, _) => text!(
            "aturan '{name}' tidak dikenal; yang tersedia: {available}",
            "ruleset '{name}' is not known; available: {available}"
        ),
        (RulesError::Invalid { .. }, Some((key, rest))) => {
            let Text { id, en } = rest
                .split_once("expected")
                .map(|(_, e)| {
                    text!(
                        "; yang dikenal di tabel itu: {}",
                        "; known in that table: {}",
                        e.trim().replace("one of ", "").replace('`', "")
                    )
                })
                .unwrap_or_default();
            text!(
                "kunci '{key}' di [{table}] tidak dikenal oleh aturan{id}",
                "key '{key}' in [{table}] is not known to the ruleset{en}"
            )
        }
        (RulesError::Invalid { message, .. }, None) => message.clone().map(|lang, m| {
            let first = m.lines().next().unwrap_or_default();
            crate::lang::text!(
                "[{table}] tidak cocok dengan aturan: {first}",
                "[{table}] does not fit the ruleset: {first}"
            )
            .get(lang)
            .to_string()
        }),
        (RulesError::Io { path, source }, _) => Text::from(format!("{}: {source}", path.display())),
        (RulesError::OutOfRange(issues), _) => {
            let join = |lang| {
                issues
                    .iter()
                    .map(|i| format!("{}: [{}] {}", i.origin, i.table(), i.message.get(lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            Text::new(join(Lang::Id), join(Lang::En))
        }
    };
    let field = unknown.as_ref().map_or(table, |(k, _)| k.as_str());
    let line = unknown
        .as_ref()
        .and_then(|(k, _)| key_line(text, k, &Default::default()))
        .or_else(|| table_line(text, table))
        .or_else(|| {
            // `[aturan_lokal.tps]` style headers.
            text.lines()
                .position(|l| l.trim().starts_with(&format!("[{table}.")))
                .map(|i| i as u64 + 1)
        });
    let mut p = Problem::error(code, path, message).field(field);
    if let Some(l) = line {
        p = p.at_line(l);
    }
    p
}

/// Every scenario file of a loaded facility, each checked against it: TOML, references
/// (blocks, sites, nips) and its ruleset overrides.
pub(crate) fn check_scenarios(f: &Facility) -> Vec<Problem> {
    let mut problems = Vec::new();
    for path in scenario_files(&f.dir) {
        let doc = read_scenario_file(&path, &mut problems);
        if let Some(s) = doc.doc.value.as_ref() {
            cross::scenario(
                &doc.path,
                &doc.doc.text,
                s,
                Some(&f.nodes),
                Some(&f.staff),
                &mut problems,
            );
            scenario_rules(&f.info, s, &doc, &mut problems);
            if !s.closed_sites.is_empty() {
                problems.extend(stranded_blocks(f, s, &doc));
            }
        }
    }
    problems
}

/// Blocks the scenario's closed sites leave without any site their zone may use (the
/// layout's reachability check under the scenario), named in the scenario file.
fn stranded_blocks(f: &Facility, s: &Scenario, doc: &ScenarioDoc) -> Vec<Problem> {
    let nodes = Parsed {
        items: f.nodes.clone(),
        clean: true,
    };
    let paths = Parsed {
        items: f.paths.clone(),
        clean: true,
    };
    let inmates = Parsed {
        items: f.inmates.clone(),
        clean: true,
    };
    let nodes_path = f.dir.join(NODES_FILE);
    let mut found = Vec::new();
    cross::layout(
        &LayoutInputs {
            nodes_path: &nodes_path,
            paths_path: &f.dir.join(PATHS_FILE),
            nodes: &nodes,
            paths: &paths,
            inmates: &inmates,
            info: Some(&f.info),
            scenario: Some(s),
        },
        &mut found,
    );
    let line = key_line(&doc.doc.text, "lokasi_ditutup", &Default::default());
    found
        .into_iter()
        .filter(|p| p.code == "E0205")
        .map(|p| {
            // E0205 reads "blok 'B' (zona .., ..): why (closed note)" in both languages.
            let message = p.message.map(|lang, m| {
                let block = m.split('\'').nth(1).unwrap_or_default().to_string();
                let note = match lang {
                    Lang::Id => cross::CLOSED_NOTE.0,
                    Lang::En => cross::CLOSED_NOTE.1,
                };
                let zone_why = m
                    .split_once("): ")
                    .map(|(zone, why)| {
                        format!(
                            " ({}): {}",
                            zone.split_once("' (").map_or(zone, |z| z.1),
                            why.trim_end_matches(note)
                        )
                    })
                    .unwrap_or_default();
                crate::lang::text!(
                    "lokasi_ditutup meninggalkan blok '{block}' tanpa calon lokasi TPS{zone_why}",
                    "lokasi_ditutup leaves block '{block}' without a candidate TPS site{zone_why}"
                )
                .get(lang)
                .to_string()
            });
            let mut q = Problem::error("E0508", &doc.path, message).field("lokasi_ditutup");
            if let Some(l) = line {
                q = q.at_line(l);
            }
            q
        })
        .collect()
}
