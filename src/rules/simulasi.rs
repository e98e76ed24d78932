//! `[simulasi]`: the numbers of the voting-day simulation (`tpsplan simulate`): the
//! distribution of minutes at the booth (its mean is `[tps] menit_per_pemilih`) and the
//! disturbances (late waves, absent escorts). Range checks as for every other table.

use serde::{Deserialize, Serialize};

use crate::lang::{Text, text};

/// The family of the service-time distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceDistribution {
    /// `menit_minimal` plus a lognormal, truncated to `[menit_minimal, menit_maksimal]`.
    LognormalGeser,
    /// Exponential (the M/M/c textbook case; no bounds).
    Eksponensial,
    /// Every voter takes exactly `menit_per_pemilih`.
    Tetap,
}

/// `[simulasi]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationRules {
    /// `distribusi`: lognormal_geser, eksponensial or tetap.
    pub distribusi: ServiceDistribution,
    /// Fewest minutes a voter takes at the booth (lognormal_geser).
    pub menit_minimal: f64,
    /// Most minutes a voter takes at the booth (lognormal_geser).
    pub menit_maksimal: f64,
    /// `menit_maksimal` is this quantile of the untruncated distribution.
    pub kuantil_maksimal: f64,
    /// Chance that a wave leaves late.
    pub peluang_gelombang_terlambat: f64,
    /// Minutes a late wave is late.
    pub menit_terlambat: f64,
    /// Chance that a named escort does not come on the day.
    pub peluang_petugas_absen: f64,
    /// Minutes a wave waits for the replacement of an absent escort.
    pub menit_ganti_petugas: f64,
}

fn within(x: f64, lo: f64, hi: f64) -> bool {
    x.is_finite() && x >= lo && x <= hi
}

/// Values of `[simulasi]` outside what they can mean, as (dotted key, message).
pub fn range_issues(s: &SimulationRules) -> Vec<(String, Text)> {
    let mut out = Vec::new();
    if !within(s.menit_minimal, 0.0, 120.0) {
        out.push((
            "simulasi.menit_minimal".to_string(),
            text!(
                "menit_minimal = {}: tulis 0 sampai 120 menit (bawaan: 2)",
                "menit_minimal = {}: write 0 to 120 minutes (default: 2)",
                s.menit_minimal
            ),
        ));
    }
    if !within(s.menit_maksimal, 0.1, 240.0) || s.menit_maksimal <= s.menit_minimal {
        out.push((
            "simulasi.menit_maksimal|simulasi.menit_minimal".to_string(),
            text!(
                "menit_maksimal = {}: tulis lebih dari menit_minimal ({}) dan paling banyak 240 menit (bawaan: 10)",
                "menit_maksimal = {}: write more than menit_minimal ({}) and at most 240 minutes (default: 10)",
                s.menit_maksimal,
                s.menit_minimal
            ),
        ));
    }
    if !(s.kuantil_maksimal.is_finite() && s.kuantil_maksimal > 0.5 && s.kuantil_maksimal < 1.0) {
        out.push((
            "simulasi.kuantil_maksimal".to_string(),
            text!(
                "kuantil_maksimal = {}: tulis peluang di atas 0.5 dan di bawah 1 (bawaan: 0.99)",
                "kuantil_maksimal = {}: write a probability above 0.5 and below 1 (default: 0.99)",
                s.kuantil_maksimal
            ),
        ));
    }
    for (name, p) in [
        ("peluang_gelombang_terlambat", s.peluang_gelombang_terlambat),
        ("peluang_petugas_absen", s.peluang_petugas_absen),
    ] {
        if !within(p, 0.0, 1.0) {
            out.push((
                format!("simulasi.{name}"),
                text!(
                    "{name} = {p}: tulis peluang 0 sampai 1 (0: tidak pernah)",
                    "{name} = {p}: write a probability from 0 to 1 (0: never)"
                ),
            ));
        }
    }
    for (name, m) in [
        ("menit_terlambat", s.menit_terlambat),
        ("menit_ganti_petugas", s.menit_ganti_petugas),
    ] {
        if !within(m, 0.0, 240.0) {
            out.push((
                format!("simulasi.{name}"),
                text!(
                    "{name} = {m}: tulis 0 sampai 240 menit",
                    "{name} = {m}: write 0 to 240 minutes"
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonsense_simulation_values_are_named_by_key_in_both_languages() {
        let r = crate::rules::load_ruleset("pemilu-2024", None, &[]).unwrap();
        assert!(range_issues(&r.simulasi).is_empty());
        let mut s = r.simulasi.clone();
        s.menit_maksimal = 1.0;
        s.kuantil_maksimal = 1.0;
        s.peluang_petugas_absen = -0.1;
        s.menit_terlambat = f64::NAN;
        let keys: Vec<String> = range_issues(&s).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "simulasi.menit_maksimal|simulasi.menit_minimal",
                "simulasi.kuantil_maksimal",
                "simulasi.peluang_petugas_absen",
                "simulasi.menit_terlambat",
            ]
        );
        let (_, msg) = &range_issues(&s)[2];
        assert!(msg.id.contains("peluang") && msg.en.contains("probability"));
    }
}
