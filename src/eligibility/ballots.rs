//! Ballot entitlement: which ballot types of the ruleset (`[surat_suara] jenis`) a
//! voter whose KTP address is in one region gets at a TPS inside a UPT standing in
//! another, using the dapil tables of [`crate::reference`].
//!
//! Each ballot's `syarat` is answered yes, no or unknown:
//! - Structural facts need no dapil: a dapil never crosses a province; a DPRD-kab/kota
//!   dapil never crosses a kab/kota; a kecamatan is never split between dapil, so the
//!   same kecamatan means the same dapil at every level; the reference gives one DPR
//!   dapil per kab/kota, and one DPRD-provinsi dapil per kab/kota unless the kab/kota
//!   is marked split by kecamatan (Kota Medan), so the same kab/kota settles those.
//! - Otherwise both dapil names are compared when the tables hold both; a row the
//!   sources did not confirm makes the answer *unconfirmed*.
//! - Otherwise the answer is *unknown*, and the ballot is **not issued**: a wrong
//!   ballot voids the vote and has led to re-votes, a withheld one is recorded as a
//!   doubt so the desk asks KPU kab/kota and corrects `data/reference/` (data, never code).
//!
//! A ballot is only ever issued when the UPT's region holds its election
//! ([`Reference::holds`]): no mayor ballot in a kabupaten, no governor ballot in DIY.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::RegionCode;
use crate::reference::{Dapil, Reference};
use crate::rules::{BallotCondition, BallotType, Ruleset};

/// How sure a ballot decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Doubt {
    /// Decided on a dapil row the sources did not confirm for this election.
    #[serde(rename = "belum_terkonfirmasi")]
    Unconfirmed,
    /// Could not be decided: a dapil is missing from the tables (ballot withheld).
    #[serde(rename = "tidak_diketahui")]
    Unknown,
}

impl Doubt {
    /// Stable code (`belum_terkonfirmasi`, `tidak_diketahui`).
    pub fn code(self) -> &'static str {
        match self {
            Doubt::Unconfirmed => "belum_terkonfirmasi",
            Doubt::Unknown => "tidak_diketahui",
        }
    }
}

/// A ballot whose decision rests on unconfirmed or missing dapil data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct BallotDoubt {
    /// Ballot code (`DPRD_KAB`).
    pub code: String,
    /// Unconfirmed or unknown.
    pub doubt: Doubt,
    /// Whether the ballot was issued all the same (only ever for `Unconfirmed`).
    pub issued: bool,
    /// The regions whose dapil is missing or unconfirmed, as `code name`.
    pub regions: Vec<String>,
}

/// The ballots one KTP region gets at the UPT, in ruleset order, and the doubts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entitlement {
    /// Ballot codes issued, in the ruleset's order.
    pub ballots: Vec<String>,
    /// Ballots resting on unconfirmed or unknown data (issued or not).
    pub doubts: Vec<BallotDoubt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Yes,
    No,
    Unknown,
}

struct Finding {
    verdict: Verdict,
    /// Region labels whose data is missing (Unknown) or unconfirmed.
    shaky: Vec<String>,
}

impl Finding {
    fn certain(yes: bool) -> Self {
        Self {
            verdict: if yes { Verdict::Yes } else { Verdict::No },
            shaky: Vec::new(),
        }
    }
}

/// Decides entitlements for one UPT, caching the answer per KTP region.
pub struct Entitler<'a> {
    reference: &'a Reference,
    upt: &'a RegionCode,
    /// Ballot types whose election the UPT's region holds, in ruleset order.
    held: Vec<&'a BallotType>,
    cache: BTreeMap<Option<RegionCode>, Entitlement>,
}

impl<'a> Entitler<'a> {
    /// An entitler for a UPT standing in `upt` under `rules`.
    pub fn new(reference: &'a Reference, rules: &'a Ruleset, upt: &'a RegionCode) -> Self {
        let held = rules
            .surat_suara
            .jenis
            .iter()
            .filter(|b| reference.holds(upt, b.pemilihan))
            .collect();
        Self {
            reference,
            upt,
            held,
            cache: BTreeMap::new(),
        }
    }

    /// The ballots a KTP address in `ktp` gets (`None`: no KTP region in the record).
    pub fn entitlement(&mut self, ktp: Option<&RegionCode>) -> &Entitlement {
        let key = ktp.cloned();
        if !self.cache.contains_key(&key) {
            let e = self.compute(ktp);
            self.cache.insert(key.clone(), e);
        }
        &self.cache[&key]
    }

    fn compute(&self, ktp: Option<&RegionCode>) -> Entitlement {
        let mut out = Entitlement::default();
        for b in &self.held {
            let f = match ktp {
                Some(k) => evaluate(self.reference, b.syarat, self.upt, k),
                None if b.syarat == BallotCondition::Selalu => Finding::certain(true),
                None => Finding {
                    verdict: Verdict::Unknown,
                    shaky: vec!["kode_wilayah_ktp kosong".to_string()],
                },
            };
            if f.verdict == Verdict::Yes {
                out.ballots.push(b.kode.clone());
            }
            if f.verdict == Verdict::Unknown || !f.shaky.is_empty() {
                out.doubts.push(BallotDoubt {
                    code: b.kode.clone(),
                    doubt: if f.verdict == Verdict::Unknown {
                        Doubt::Unknown
                    } else {
                        Doubt::Unconfirmed
                    },
                    issued: f.verdict == Verdict::Yes,
                    regions: f.shaky,
                });
            }
        }
        out
    }
}

/// `code name` of a region for messages (`12.07.05 Pancur Batu`); a region below an
/// untabled level is named by its province (`11.01.01 (Aceh)`).
pub fn region_label(reference: &Reference, region: &RegionCode) -> String {
    let name = if let Some(k) = region.kecamatan() {
        reference.kecamatan(k).map(|k| k.name.as_str())
    } else if let Some(k) = region.kabkota() {
        reference.kabkota(k).map(|k| k.name.as_str())
    } else {
        reference.province_name(region.province())
    };
    match (name, reference.province_name(region.province())) {
        (Some(n), _) => format!("{region} {n}"),
        (None, Some(p)) => format!("{region} ({p})"),
        (None, None) => region.to_string(),
    }
}

fn compare(
    reference: &Reference,
    upt: (&RegionCode, Option<&Dapil>),
    ktp: (&RegionCode, Option<&Dapil>),
) -> Finding {
    let mut shaky = Vec::new();
    for (region, dapil) in [upt, ktp] {
        if dapil.is_none_or(|d| !d.confirmed) {
            let label = region_label(reference, region);
            if !shaky.contains(&label) {
                shaky.push(label);
            }
        }
    }
    let verdict = match (upt.1, ktp.1) {
        (Some(a), Some(b)) if a.name == b.name => Verdict::Yes,
        (Some(_), Some(_)) => Verdict::No,
        _ => Verdict::Unknown,
    };
    Finding { verdict, shaky }
}

fn evaluate(
    reference: &Reference,
    condition: BallotCondition,
    upt: &RegionCode,
    ktp: &RegionCode,
) -> Finding {
    let same_province = upt.province() == ktp.province();
    let same_kabkota = match (upt.kabkota(), ktp.kabkota()) {
        (Some(a), Some(b)) => Some(a == b),
        _ if !same_province => Some(false),
        _ => None,
    };
    let same_kecamatan = match (upt.kecamatan(), ktp.kecamatan()) {
        (Some(a), Some(b)) => Some(a == b),
        _ if same_kabkota == Some(false) => Some(false),
        _ => None,
    };
    let unknown_level = |region: &RegionCode| Finding {
        verdict: Verdict::Unknown,
        shaky: vec![format!(
            "{} (kode wilayah tidak sampai kab/kota atau kecamatan)",
            region_label(reference, region)
        )],
    };
    match condition {
        BallotCondition::Selalu => Finding::certain(true),
        BallotCondition::ProvinsiSama => Finding::certain(same_province),
        BallotCondition::KabkotaSama => match same_kabkota {
            Some(same) => Finding::certain(same),
            None => unknown_level(ktp),
        },
        BallotCondition::DapilDprSama => {
            if !same_province {
                Finding::certain(false)
            } else if same_kabkota == Some(true) {
                Finding::certain(true)
            } else {
                compare(
                    reference,
                    (upt, reference.dapil_dpr(upt)),
                    (ktp, reference.dapil_dpr(ktp)),
                )
            }
        }
        BallotCondition::DapilDprdProvSama => {
            let whole_kabkota = upt
                .kabkota()
                .and_then(|k| reference.kabkota(k))
                .is_some_and(|k| !k.dprd_prov_per_kecamatan);
            if !same_province {
                Finding::certain(false)
            } else if same_kecamatan == Some(true) || (same_kabkota == Some(true) && whole_kabkota)
            {
                Finding::certain(true)
            } else {
                compare(
                    reference,
                    (upt, reference.dapil_dprd_prov(upt)),
                    (ktp, reference.dapil_dprd_prov(ktp)),
                )
            }
        }
        BallotCondition::DapilDprdKabSama => match (same_kabkota, same_kecamatan) {
            (Some(false), _) => Finding::certain(false),
            (_, Some(true)) => Finding::certain(true),
            (None, _) => unknown_level(ktp),
            _ if ktp.kecamatan().is_none() => unknown_level(ktp),
            _ => compare(
                reference,
                (upt, reference.dapil_dprd_kab(upt)),
                (ktp, reference.dapil_dprd_kab(ktp)),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_ruleset;

    fn rc(s: &str) -> RegionCode {
        s.parse().unwrap()
    }

    #[test]
    fn two_kecamatan_of_one_tabled_dprd_kab_dapil_give_all_five_ballots() {
        // Alor's kecamatan dapil are all tabled and confirmed: Alor Timur and
        // Alor Tengah Utara are both in Dapil 2.
        let r = Reference::builtin();
        let rules = load_ruleset("pemilu-2024", None, &[]).unwrap();
        let upt = rc("53.05.05");
        let mut e = Entitler::new(r, &rules, &upt);
        let got = e.entitlement(Some(&rc("53.05.07"))).clone();
        assert_eq!(got.ballots, ["PPWP", "DPR", "DPD", "DPRD_PROV", "DPRD_KAB"]);
        assert!(got.doubts.is_empty(), "{:?}", got.doubts);
        let other = e.entitlement(Some(&rc("53.05.02"))).clone();
        assert_eq!(
            other.ballots,
            ["PPWP", "DPR", "DPD", "DPRD_PROV"],
            "Dapil 5"
        );
        assert!(other.doubts.is_empty());
    }

    #[test]
    fn a_province_level_ktp_code_leaves_kab_ballots_unknown_and_withheld() {
        let r = Reference::builtin();
        let rules = load_ruleset("pilkada-2024", None, &[]).unwrap();
        let upt = rc("12.07.05");
        let mut e = Entitler::new(r, &rules, &upt);
        let got = e.entitlement(Some(&rc("12"))).clone();
        assert_eq!(got.ballots, ["GUB"]);
        assert_eq!(got.doubts.len(), 1);
        assert_eq!(
            (got.doubts[0].code.as_str(), got.doubts[0].doubt),
            ("BUP", Doubt::Unknown)
        );
        assert!(!got.doubts[0].issued);
    }

    #[test]
    fn region_labels_name_the_deepest_known_level() {
        let r = Reference::builtin();
        assert_eq!(region_label(r, &rc("12.07.05")), "12.07.05 Pancur Batu");
        assert_eq!(
            region_label(r, &rc("12.07")),
            "12.07 Kabupaten Deli Serdang"
        );
        assert_eq!(region_label(r, &rc("12")), "12 Sumatera Utara");
        assert_eq!(
            region_label(r, &rc("31.71.01")),
            "31.71.01 (Daerah Khusus Ibukota Jakarta)"
        );
        assert_eq!(region_label(r, &rc("99.01")), "99.01");
    }
}
