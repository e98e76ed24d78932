//! Loading a ruleset: the built-in files by name or a file of the facility, the
//! facility's and scenario's overrides merged key by key, unknown keys and wrong types
//! named where they were set.

use std::path::Path;

use crate::lang::{Text, text};

use super::*;

/// The rulesets shipped in `data/reference/rulesets/`, built into the binary so it
/// works from any folder.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "pemilu-2024",
        include_str!("../../data/reference/rulesets/pemilu-2024.toml"),
    ),
    (
        "pilkada-2024",
        include_str!("../../data/reference/rulesets/pilkada-2024.toml"),
    ),
];

/// The raw TOML of a ruleset: from `dir/NAME.toml` when a folder is given and holds it,
/// else the built-in copy.
pub fn ruleset_source(name: &str, dir: Option<&Path>) -> Result<(String, String), RulesError> {
    if let Some(dir) = dir {
        let path = dir.join(format!("{name}.toml"));
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Io {
                path: path.clone(),
                source,
            })?;
            return Ok((path.display().to_string(), text));
        }
    }
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| (format!("data/reference/rulesets/{n}.toml"), t.to_string()))
        .ok_or_else(|| RulesError::Unknown {
            name: name.to_string(),
            available: BUILTIN
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Merges `over` into `base`: tables recursively, any other value replaced.
pub fn deep_merge(base: &mut toml::Table, over: &toml::Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Builds the typed ruleset `name` with override tables applied in order; each override
/// is `(origin, table)` where origin names the file for messages.
pub fn load_ruleset(
    name: &str,
    dir: Option<&Path>,
    overrides: &[(&str, &toml::Table)],
) -> Result<Ruleset, RulesError> {
    let (origin, text) = ruleset_source(name, dir)?;
    let mut table: toml::Table =
        text.parse()
            .map_err(|e: toml::de::Error| RulesError::Invalid {
                origin: origin.clone(),
                message: e.to_string().into(),
                key: None,
            })?;
    let base = table.clone();
    let mut origins = vec![origin];
    for (o, t) in overrides {
        deep_merge(&mut table, t);
        origins.push((*o).to_string());
    }
    let rules = Ruleset::deserialize(toml::Value::Table(table)).map_err(|e| {
        let message = e.to_string();
        // Unknown keys are named by serde itself; a value of the wrong type is not.
        let key = if message.starts_with("unknown field") {
            None
        } else {
            culprit(&base, overrides)
        };
        RulesError::Invalid {
            origin: key
                .as_ref()
                .map_or_else(|| origins.join(" + "), |(_, i)| origins[i + 1].clone()),
            message: if key.is_some() {
                plain_type_error(&message)
            } else {
                message.into()
            },
            key,
        }
    })?;
    let issues: Vec<RangeIssue> = rules
        .range_issues()
        .into_iter()
        .map(|(key, message)| {
            // The last override that sets the key (or, for a rule between two keys,
            // either of them) answers for it.
            let keys: Vec<&str> = key.split('|').collect();
            let set_by = overrides
                .iter()
                .rposition(|(_, t)| keys.iter().any(|k| sets_key(t, k)));
            let set_key = set_by
                .and_then(|i| keys.iter().find(|k| sets_key(overrides[i].1, k)))
                .unwrap_or(&keys[0]);
            RangeIssue {
                key: keys[0].to_string(),
                set_key: set_key.to_string(),
                message,
                origin: origins[set_by.map_or(0, |i| i + 1)].clone(),
                set_by,
            }
        })
        .collect();
    if issues.is_empty() {
        Ok(rules)
    } else {
        Err(RulesError::OutOfRange(issues))
    }
}

/// The first override key that alone makes the ruleset fail to build (a value of the
/// wrong type), as (dotted key, override index).
pub(super) fn culprit(
    base: &toml::Table,
    overrides: &[(&str, &toml::Table)],
) -> Option<(String, usize)> {
    fn leaves(t: &toml::Table, prefix: &str, out: &mut Vec<(String, toml::Value)>) {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(inner) => leaves(inner, &key, out),
                _ => out.push((key, v.clone())),
            }
        }
    }
    for (i, (_, t)) in overrides.iter().enumerate() {
        let mut keys = Vec::new();
        leaves(t, "", &mut keys);
        for (key, value) in keys {
            let mut parts: Vec<&str> = key.split('.').collect();
            let leaf = parts.pop().unwrap_or_default();
            let mut one = toml::Table::from_iter([(leaf.to_string(), value)]);
            while let Some(p) = parts.pop() {
                one = toml::Table::from_iter([(p.to_string(), toml::Value::Table(one))]);
            }
            let mut merged = base.clone();
            deep_merge(&mut merged, &one);
            if Ruleset::deserialize(toml::Value::Table(merged)).is_err() {
                return Some((key, i));
            }
        }
    }
    None
}

/// serde's words for a value of the wrong type, in the user's terms.
pub(super) fn plain_type_error(message: &str) -> Text {
    let first = message.lines().next().unwrap_or(message).trim();
    let expected = [
        (
            "expected u16",
            "bilangan bulat 0 sampai 65535",
            "a whole number from 0 to 65535",
        ),
        (
            "expected u32",
            "bilangan bulat 0 sampai 4294967295",
            "a whole number from 0 to 4294967295",
        ),
        (
            "expected u64",
            "bilangan bulat 0 atau lebih",
            "a whole number, 0 or more",
        ),
        ("expected i32", "bilangan bulat", "a whole number"),
        ("expected i64", "bilangan bulat", "a whole number"),
        ("expected f64", "angka (mis. 4.5)", "a number (e.g. 4.5)"),
        ("expected a boolean", "true atau false", "true or false"),
        (
            "expected a string",
            "teks dalam tanda kutip",
            "text in quotes",
        ),
    ];
    for (pat, want, want_en) in expected {
        if first.contains(pat) {
            let got = first
                .strip_prefix("invalid value: ")
                .or_else(|| first.strip_prefix("invalid type: "))
                .and_then(|r| r.split(", expected").next())
                .unwrap_or(first);
            return text!(
                "nilai {got} tidak sah: harus {want}",
                "value {got} is not valid: it must be {want_en}"
            );
        }
    }
    first.into()
}

/// Whether `table` sets the dotted `key` (`tps.bilik`).
pub(super) fn sets_key(table: &toml::Table, key: &str) -> bool {
    let mut t = table;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        match t.get(*part) {
            Some(toml::Value::Table(inner)) if i + 1 < parts.len() => t = inner,
            Some(_) => return i + 1 == parts.len(),
            None => return false,
        }
    }
    false
}
