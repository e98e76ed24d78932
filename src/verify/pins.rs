//! Hand edits of `penyesuaian.csv` honoured: every pin appears in the plan exactly as
//! stated (checked by `verify` as rule 10, and by `plan` before it writes anything).

use std::collections::{BTreeMap, BTreeSet};

use crate::facility::Facility;
use crate::lang::{Text, text};
use crate::model::{PinKind, RegNo, Voter};
use crate::plan::Plan;

/// A pin the plan does not honour.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    /// Line of the pin in `penyesuaian.csv`.
    pub line: u64,
    /// TPS concerned.
    pub tps: Option<u32>,
    /// The pinned TPS does not exist in the plan (its numbers end earlier).
    pub missing_tps: bool,
    /// What is wrong.
    pub message: Text,
}

/// Every pin of the facility the plan breaks.
pub fn breaches(facility: &Facility, voters: &[Voter], plan: &Plan) -> Vec<Breach> {
    let mut out = Vec::new();
    if facility.pins.is_empty() {
        return out;
    }
    let tps_of: BTreeMap<&RegNo, u32> = plan
        .tps
        .iter()
        .flat_map(|t| t.voters.iter().map(move |v| (&v.reg_no, t.number)))
        .collect();
    let site_of: BTreeMap<u32, &crate::model::NodeId> =
        plan.tps.iter().map(|t| (t.number, &t.site)).collect();
    let range = match (plan.tps.first(), plan.tps.last()) {
        (Some(a), Some(b)) => format!("{}-{}", a.number, b.number),
        _ => "-".to_string(),
    };
    let own_pin: BTreeSet<&RegNo> = facility
        .pins
        .iter()
        .filter_map(|p| match &p.kind {
            PinKind::PemilihTps { no_registrasi, .. } => Some(no_registrasi),
            _ => None,
        })
        .collect();
    let missing = |tps: u32, line: u64| Breach {
        line,
        tps: Some(tps),
        missing_tps: true,
        message: text!(
            "TPS {tps} tidak ada: rencana punya {} TPS ({range}); tulis nomor yang ada atau tambahkan jumlah_tps",
            "TPS {tps} does not exist: the plan has {} TPS ({range}); write a number it has or add jumlah_tps",
            plan.tps.len()
        ),
    };
    for p in &facility.pins {
        match &p.kind {
            PinKind::BlokTps { blok, tps } => {
                if !site_of.contains_key(tps) {
                    out.push(missing(*tps, p.line));
                    continue;
                }
                let away: BTreeSet<u32> = voters
                    .iter()
                    .filter(|v| &v.block == blok && !own_pin.contains(&v.reg_no))
                    .filter_map(|v| tps_of.get(&v.reg_no).copied())
                    .filter(|t| t != tps)
                    .collect();
                if !away.is_empty() {
                    let list: Vec<String> = away.iter().map(u32::to_string).collect();
                    out.push(Breach {
                        line: p.line,
                        tps: Some(*tps),
                        missing_tps: false,
                        message: text!(
                            "blok '{blok}' seharusnya di TPS {tps} (penyesuaian.csv) tetapi pemilihnya juga terdaftar di TPS {}",
                            "block '{blok}' should be at TPS {tps} (penyesuaian.csv) but its voters are also registered at TPS {}",
                            list.join(", ")
                        ),
                    });
                }
            }
            PinKind::PemilihTps { no_registrasi, tps } => {
                if !site_of.contains_key(tps) {
                    out.push(missing(*tps, p.line));
                    continue;
                }
                if let Some(t) = tps_of.get(no_registrasi).filter(|t| *t != tps) {
                    out.push(Breach {
                        line: p.line,
                        tps: Some(*tps),
                        missing_tps: false,
                        message: text!(
                            "pemilih '{}' seharusnya di TPS {tps} (penyesuaian.csv) tetapi terdaftar di TPS {t}",
                            "voter '{}' should be at TPS {tps} (penyesuaian.csv) but is registered at TPS {t}",
                            no_registrasi.0
                        ),
                    });
                }
            }
            PinKind::BlokLokasi { blok, lokasi } => {
                let away: BTreeSet<u32> = voters
                    .iter()
                    .filter(|v| &v.block == blok)
                    .filter_map(|v| tps_of.get(&v.reg_no).copied())
                    .filter(|t| site_of.get(t).is_some_and(|s| *s != lokasi))
                    .collect();
                if !away.is_empty() {
                    let list: Vec<String> = away.iter().map(u32::to_string).collect();
                    out.push(Breach {
                        line: p.line,
                        tps: away.first().copied(),
                        missing_tps: false,
                        message: text!(
                            "blok '{blok}' seharusnya memilih di lokasi '{lokasi}' (penyesuaian.csv) tetapi terdaftar di TPS {} di lokasi lain",
                            "block '{blok}' should vote at site '{lokasi}' (penyesuaian.csv) but is registered at TPS {} at another site",
                            list.join(", ")
                        ),
                    });
                }
            }
            PinKind::LokasiTutup { lokasi } => {
                for t in plan.tps.iter().filter(|t| &t.site == lokasi) {
                    out.push(Breach {
                        line: p.line,
                        tps: Some(t.number),
                        missing_tps: false,
                        message: text!(
                            "lokasi '{lokasi}' ditutup (penyesuaian.csv) tetapi TPS {} berdiri di sana",
                            "site '{lokasi}' is closed (penyesuaian.csv) but TPS {} stands there",
                            t.number
                        ),
                    });
                }
            }
            PinKind::JumlahTps { jumlah } => {
                if plan.tps.len() as u32 != *jumlah {
                    out.push(Breach {
                        line: p.line,
                        tps: None,
                        missing_tps: false,
                        message: text!(
                            "jumlah TPS seharusnya {jumlah} (penyesuaian.csv) tetapi rencana punya {}",
                            "the TPS count should be {jumlah} (penyesuaian.csv) but the plan has {}",
                            plan.tps.len()
                        ),
                    });
                }
            }
            PinKind::JamGelombang { blok, mulai } => {
                if let Some(w) = plan
                    .waves
                    .iter()
                    .filter(|w| &w.block == blok && w.start < *mulai)
                    .min_by_key(|w| w.start)
                {
                    out.push(Breach {
                        line: p.line,
                        tps: Some(w.tps),
                        missing_tps: false,
                        message: text!(
                            "gelombang blok '{blok}' seharusnya mulai {mulai} atau sesudahnya (penyesuaian.csv) tetapi ada yang mulai {}",
                            "the waves of block '{blok}' should start at {mulai} or later (penyesuaian.csv) but one starts at {}",
                            w.start
                        ),
                    });
                }
            }
        }
    }
    out
}
