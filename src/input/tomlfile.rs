//! TOML inputs (`facility.toml`, `scenarios/NAME.toml`): syntax errors and wrong types
//! with their line, and *every* unknown key (toml stops at the first, so the reader
//! removes each unknown key it is told about and tries again), plus helpers that find
//! the line of a key or of a value for problems found later.

use std::collections::BTreeSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::cells::{bad_clock, bad_region};
use super::csvfile::{decode, read_bytes};
use crate::diagnostics::Problem;
use crate::lang::{Text, text};
use crate::model::{BadClock, BadRegionCode};

/// At most this many unknown keys are reported per file.
const MAX_UNKNOWN_KEYS: usize = 50;

/// A TOML file that was read, with its text for later line look-ups.
pub(crate) struct TomlDoc<T> {
    /// The typed value; `None` when the file does not deserialise even after dropping
    /// its unknown keys.
    pub value: Option<T>,
    /// The file's text (empty when it could not be read).
    pub text: String,
}

/// Reads `path` as a `T`. Tables named in `free` hold arbitrary keys (ruleset
/// overrides, zone maps) and are never searched for unknown keys.
pub(crate) fn read_toml<T: DeserializeOwned>(
    path: &Path,
    free: &[&str],
    problems: &mut Vec<Problem>,
) -> TomlDoc<T> {
    let Some(bytes) = read_bytes(path, problems) else {
        return TomlDoc {
            value: None,
            text: String::new(),
        };
    };
    let text = decode(path, bytes, problems);
    let value = parse(path, &text, free, problems);
    TomlDoc { value, text }
}

fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    free: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<T> {
    if text.trim().is_empty() {
        problems.push(Problem::error(
            "E0002",
            path,
            text!(
                "berkas kosong; isi kunci wajibnya (lihat README)",
                "file is empty; fill in its required keys (see the README)"
            ),
        ));
        return None;
    }
    let mut table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let mut p = Problem::error(
                "E0009",
                path,
                text!(
                    "sintaks TOML salah: {}",
                    "TOML syntax error: {}",
                    one_line(e.message())
                ),
            );
            if let Some(line) = e.span().map(|s| line_at(text, s.start)) {
                p = p.at_line(line);
            }
            problems.push(p);
            return None;
        }
    };
    let first = match toml::from_str::<T>(text) {
        Ok(v) => return Some(v),
        Err(e) => e,
    };
    // The first error has an exact place. Unknown keys after it are found by removing
    // each one from the table and deserialising again.
    let mut reported: BTreeSet<(String, u64)> = BTreeSet::new();
    let first_line = first.span().map(|s| line_at(text, s.start));
    match unknown_field(first.message()) {
        Some(key) => {
            let line = first_line.or_else(|| key_line(text, &key, &reported));
            problems.push(unknown_key(path, &key, line, first.message()));
            reported.insert((key.clone(), line.unwrap_or(0)));
            if !remove_key(&mut table, &key, free) {
                return None;
            }
        }
        None => {
            problems.push(wrong_value(path, text, first.message(), first_line));
            return None;
        }
    }
    for _ in 0..MAX_UNKNOWN_KEYS {
        let e = match toml::Value::Table(table.clone()).try_into::<T>() {
            Ok(v) => return Some(v),
            Err(e) => e,
        };
        match unknown_field(e.message()) {
            Some(key) => {
                let line = key_line(text, &key, &reported);
                problems.push(unknown_key(path, &key, line, e.message()));
                reported.insert((key.clone(), line.unwrap_or(0)));
                if !remove_key(&mut table, &key, free) {
                    return None;
                }
            }
            None => {
                // Find the place by serialising what is left: the error then has a span
                // whose line names the key, and the key names the line in the original.
                let line = toml::to_string(&table).ok().and_then(|t| {
                    let e = toml::from_str::<T>(&t).err()?;
                    let l = t.lines().nth(line_at(&t, e.span()?.start) as usize - 1)?;
                    let key = l.split('=').next()?.trim().trim_matches('"');
                    key_line(text, key, &BTreeSet::new())
                });
                problems.push(wrong_value(path, text, e.message(), line));
                return None;
            }
        }
    }
    None
}

fn unknown_key(path: &Path, key: &str, line: Option<u64>, message: &str) -> Problem {
    let Text { id, en } = message
        .split_once(", expected ")
        .map(|(_, e)| {
            text!(
                "; yang dikenal: {}",
                "; known keys: {}",
                e.replace("one of ", "").replace('`', "")
            )
        })
        .unwrap_or_default();
    let mut p = Problem::error(
        "E0010",
        path,
        text!(
            "kunci '{key}' tidak dikenal{id}",
            "key '{key}' is not recognised{en}"
        ),
    )
    .field(key);
    if let Some(l) = line {
        p = p.at_line(l);
    }
    p
}

fn wrong_value(path: &Path, text: &str, message: &str, line: Option<u64>) -> Problem {
    // chrono's words for a date or time that does not exist or is cut short.
    let hint = match message.lines().next().unwrap_or("").trim() {
        "input is out of range" => text!(
            "; tanggal atau jam itu tidak ada (mis. 2024-02-30 atau 25:00): tulis tanggal YYYY-MM-DD dan jam HH:MM yang benar",
            "; that date or time does not exist (e.g. 2024-02-30 or 25:00): write a real YYYY-MM-DD date and HH:MM time"
        ),
        "premature end of input" | "input contains invalid characters" | "trailing input" => {
            text!(
                "; tulis tanggal sebagai YYYY-MM-DD dan jam sebagai HH:MM",
                "; write dates as YYYY-MM-DD and times as HH:MM"
            )
        }
        _ => Text::default(),
    };
    let (said, said_en) = (one_line(message), english_model_words(&one_line(message)));
    let (hint_id, hint_en) = (hint.id, hint.en);
    let mut p = Problem::error(
        "E0011",
        path,
        text!(
            "nilai tidak sah: {said}{hint_id}",
            "invalid value: {said_en}{hint_en}"
        ),
    );
    if let Some(l) = line {
        p = p.at_line(l);
        // The key assigned on that line, when the line is an assignment.
        let key = text
            .lines()
            .nth((l as usize).saturating_sub(1))
            .and_then(|t| t.split_once('='))
            .map(|(k, _)| k.trim().trim_matches('"'))
            .filter(|k| !k.is_empty() && !k.starts_with('['));
        if let Some(k) = key {
            p = p.field(k);
        }
    }
    p
}

/// `message` with the model's Indonesian words for a bad time or region code (which
/// serde passes on inside its own message) in English.
fn english_model_words(message: &str) -> String {
    let out = swap_model_words(message, BadClock, |e| bad_clock(&e).en);
    swap_model_words(&out, BadRegionCode, |e| bad_region(&e).en)
}

/// `message` with the first wording of the model error `E` (built by `make` from the
/// value) replaced by `english(error)`. The wording around the value is found by wording
/// a marker value.
fn swap_model_words<E: std::fmt::Display>(
    message: &str,
    make: fn(String) -> E,
    english: impl Fn(E) -> String,
) -> String {
    const MARK: &str = "\u{1}";
    let template = make(MARK.into()).to_string();
    let Some((before, after)) = template.split_once(MARK) else {
        return message.to_string();
    };
    let Some(start) = message.find(before) else {
        return message.to_string();
    };
    let rest = &message[start + before.len()..];
    match rest.find(after) {
        Some(end) => format!(
            "{}{}{}",
            &message[..start],
            english(make(rest[..end].to_string())),
            &rest[end + after.len()..]
        ),
        None => message.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.lines().map(str::trim).collect::<Vec<_>>().join("; ")
}

/// The key named by serde's "unknown field `k`, expected ..." message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// Removes the first `key` found breadth-first (tables and arrays of tables), never
/// inside the free tables. `false` when it is nowhere.
fn remove_key(table: &mut toml::Table, key: &str, free: &[&str]) -> bool {
    if table.remove(key).is_some() {
        return true;
    }
    for (k, v) in table.iter_mut() {
        if free.contains(&k.as_str()) {
            continue;
        }
        let found = match v {
            toml::Value::Table(t) => remove_key(t, key, free),
            toml::Value::Array(items) => items.iter_mut().any(|item| match item {
                toml::Value::Table(t) => remove_key(t, key, free),
                _ => false,
            }),
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// 1-based line of byte offset `at`.
pub(crate) fn line_at(text: &str, at: usize) -> u64 {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// Whether a TOML line assigns `key` (`key = ...`, `"key" = ...`, `key.sub = ...`).
fn assigns(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    let rest = t
        .strip_prefix(key)
        .or_else(|| t.strip_prefix(&format!("\"{key}\"")));
    rest.is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with('=') || r.starts_with('.')
    })
}

/// First line assigning `key` that is not yet in `skip`.
pub(crate) fn key_line(text: &str, key: &str, skip: &BTreeSet<(String, u64)>) -> Option<u64> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l))
        .find(|(n, l)| assigns(l, key) && !skip.contains(&(key.to_string(), *n)))
        .map(|(n, _)| n)
}

/// Line of the table header `[name]` or `[[name]]`, or of a `name = ...` line.
pub(crate) fn table_line(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            let t = l.trim();
            t == format!("[{name}]") || t == format!("[[{name}]]") || assigns(l, name)
        })
        .map(|i| i as u64 + 1)
}

/// Line where `value` (quoted) is assigned to `key`: searched in every assignment of
/// `key` (an array may run over several lines); else the first line assigning `key`.
pub(crate) fn value_line(text: &str, key: &str, value: &str) -> Option<u64> {
    let quoted = [format!("\"{value}\""), format!("'{value}'")];
    let lines: Vec<&str> = text.lines().collect();
    let mut first = None;
    for (start, l) in lines.iter().enumerate() {
        if !assigns(l, key) {
            continue;
        }
        first.get_or_insert(start as u64 + 1);
        let span = lines[start..]
            .iter()
            .enumerate()
            .take_while(|(i, l)| *i == 0 || !l.contains('='));
        for (i, l) in span {
            if quoted.iter().any(|q| l.contains(q.as_str())) {
                return Some((start + i) as u64 + 1);
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FacilityInfo;

    const GOOD: &str = r#"kode = "x"
nama = "Rutan X"
jenis = "rutan"
kelas = "IIB"
kode_wilayah = "53.05.01"
aturan = "pemilu-2024"
tanggal_data = "2024-01-10"

[[regu]]
nama = "Pagi"
mulai = "07:00"
selesai = "14:00"

[aturan_lokal.tps]
maks_pemilih = 250
"#;

    fn parse_info(text: &str) -> (Option<FacilityInfo>, Vec<Problem>) {
        let mut p = Vec::new();
        let v = parse::<FacilityInfo>(
            Path::new("facility.toml"),
            text,
            &["aturan_lokal", "akses_zona"],
            &mut p,
        );
        (v, p)
    }

    #[test]
    fn a_valid_facility_file_reads() {
        let (v, p) = parse_info(GOOD);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(v.unwrap().shifts.len(), 1);
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_line() {
        let text = GOOD.replace("kelas = \"IIB\"\n", "kelas = \"IIB\"\nkapasitas = 600\n") + "\n";
        let text = text.replace(
            "selesai = \"14:00\"\n",
            "selesai = \"14:00\"\npetugas = 3\n",
        );
        let (v, p) = parse_info(&text);
        let found: Vec<_> = p
            .iter()
            .map(|p| (p.code, p.field.clone().unwrap().id, p.line))
            .collect();
        assert_eq!(
            found,
            [
                ("E0010", "kapasitas".to_string(), Some(5)),
                ("E0010", "petugas".to_string(), Some(14))
            ]
        );
        assert!(v.is_some(), "the rest still reads so later checks can run");
    }

    #[test]
    fn syntax_and_type_errors_carry_their_line() {
        let (_, p) = parse_info(&GOOD.replace("kelas = \"IIB\"", "kelas = = 1"));
        assert_eq!((p[0].code, p[0].line), ("E0009", Some(4)));
        let (_, p) = parse_info(&GOOD.replace("2024-01-10", "10-01-2024"));
        assert_eq!((p[0].code, p[0].line), ("E0011", Some(7)));
        let (_, p) = parse_info(
            &GOOD
                .replace("kelas = \"IIB\"\n", "kelas = \"IIB\"\nxx = 1\n")
                .replace("\"07:00\"", "\"7.00\""),
        );
        let found: Vec<_> = p.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(found, [("E0010", Some(5)), ("E0011", Some(12))]);
    }

    #[test]
    fn value_lines_follow_arrays_over_several_lines() {
        let t = "a = 1\nblok_dikunci = [\n  \"A\",\n  \"B\",\n]\n";
        assert_eq!(value_line(t, "blok_dikunci", "B"), Some(4));
        let t = "[[p]]\nblok = [\"A\"]\n[[p]]\nblok = [\"C\", \"D\"]\n";
        assert_eq!(value_line(t, "blok", "D"), Some(4));
        assert_eq!(value_line(t, "blok", "Z"), Some(2));
        assert_eq!(table_line("x = 1\n[aturan]\n", "aturan"), Some(2));
    }
}
