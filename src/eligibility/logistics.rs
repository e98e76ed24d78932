//! Ballot logistics of one TPS: per ballot type the voters entitled plus the reserve,
//! and a warning where DPTb and DPK voters would run the TPS short.
//!
//! The reserve of a ballot type is `[surat_suara] cadangan` of the TPS's DPT, rounded
//! per `pembulatan` ([`Ruleset::reserve_for`]). `dasar_cadangan` says which DPT: the
//! TPS's whole DPT for every type (`dpt_tps`, the 2024 reading and the default), or only
//! the DPT voters entitled to that type (`dpt_berhak`, as when KPU keeps a DPT per
//! election at a TPS Lokasi Khusus). A type nobody at the TPS is entitled to gets no row.
//!
//! KPU prints ballots from the DPT, so the DPTb and DPK voters of a TPS vote on its
//! reserve: where they outnumber it, the TPS runs short on the day (Pangkalpinang
//! 2024: 45 ballots short). [`reserve_warnings`] flags every such TPS and type.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::{Category, Voter};
use crate::rules::{ReserveBase, Ruleset};

/// Ballots one TPS needs of one type (`kpu/surat_suara.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotNeed {
    /// `jenis`: ballot code.
    pub code: String,
    /// `pemilih`: voters entitled to this ballot, all lists.
    pub voters: u32,
    /// Of them on the DPT.
    pub dpt: u32,
    /// Of them on the DPTb.
    pub dptb: u32,
    /// Of them voting as DPK.
    pub dpk: u32,
    /// `cadangan`: the reserve (share of the DPT chosen by `dasar_cadangan`).
    pub reserve: u32,
    /// `jumlah`: voters + reserve.
    pub total: u32,
}

impl BallotNeed {
    /// DPTb and DPK voters, who vote on the reserve when ballots are printed from the DPT.
    pub fn late_voters(&self) -> u32 {
        self.dptb + self.dpk
    }

    /// Ballots short if KPU prints DPT + reserve only.
    pub fn shortfall(&self) -> u32 {
        self.late_voters().saturating_sub(self.reserve)
    }
}

/// The ballots a TPS needs, one row per ballot type of the ruleset (in its order) that
/// at least one of `voters` is entitled to.
pub fn ballot_needs(rules: &Ruleset, voters: &[&Voter]) -> Vec<BallotNeed> {
    let tps_dpt = voters
        .iter()
        .filter(|v| v.category == Category::Dpt)
        .count() as u32;
    rules
        .surat_suara
        .jenis
        .iter()
        .filter_map(|b| {
            let mut need = BallotNeed {
                code: b.kode.clone(),
                voters: 0,
                dpt: 0,
                dptb: 0,
                dpk: 0,
                reserve: 0,
                total: 0,
            };
            for v in voters.iter().filter(|v| v.ballots.contains(&b.kode)) {
                need.voters += 1;
                match v.category {
                    Category::Dpt => need.dpt += 1,
                    Category::Dptb => need.dptb += 1,
                    Category::Dpk => need.dpk += 1,
                }
            }
            (need.voters > 0).then(|| {
                need.reserve = rules.reserve_for(match rules.surat_suara.dasar_cadangan {
                    ReserveBase::DptTps => tps_dpt,
                    ReserveBase::DptBerhak => need.dpt,
                });
                need.total = need.voters + need.reserve;
                need
            })
        })
        .collect()
}

/// One ballot type a TPS would run short of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotShortfall {
    /// Ballot code.
    pub code: String,
    /// DPTb + DPK voters entitled to it.
    pub late_voters: u32,
    /// Its reserve.
    pub reserve: u32,
    /// Ballots short if printed from the DPT only.
    pub short: u32,
}

/// A TPS whose DPTb + DPK voters exceed its reserve for at least one ballot type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReserveWarning {
    /// The TPS (`901`).
    pub tps: String,
    /// The types short, in ruleset order.
    pub shortfalls: Vec<BallotShortfall>,
}

impl ReserveWarning {
    /// The warning for one TPS from its needs, if any type runs short.
    pub fn from_needs(tps: &str, needs: &[BallotNeed]) -> Option<Self> {
        let shortfalls: Vec<BallotShortfall> = needs
            .iter()
            .filter(|n| n.shortfall() > 0)
            .map(|n| BallotShortfall {
                code: n.code.clone(),
                late_voters: n.late_voters(),
                reserve: n.reserve,
                short: n.shortfall(),
            })
            .collect();
        (!shortfalls.is_empty()).then(|| Self {
            tps: tps.to_string(),
            shortfalls,
        })
    }

    /// One short line: the TPS and the ballots it lacks per type (`TPS 901: PPWP
    /// kurang 38, DPR kurang 25`), for a list whose heading gives the advice.
    pub fn short_line(&self, lang: Lang) -> String {
        let word = crate::lang::tr(lang, "kurang", "short");
        let parts: Vec<String> = self
            .shortfalls
            .iter()
            .map(|s| format!("{} {word} {}", s.code, s.short))
            .collect();
        format!("TPS {}: {}", self.tps, parts.join(", "))
    }

    /// The message for the desk and KPU.
    pub fn message(&self, lang: Lang) -> String {
        let parts: Vec<String> = self
            .shortfalls
            .iter()
            .map(|s| {
                crate::lang::text!(
                    "{} ({} pemilih DPTb/DPK, cadangan {}, kurang {})",
                    "{} ({} DPTb/DPK voters, reserve {}, short {})",
                    s.code,
                    s.late_voters,
                    s.reserve,
                    s.short
                )
                .get(lang)
                .to_string()
            })
            .collect();
        crate::lang::text!(
            "TPS {}: pemilih DPTb dan DPK melebihi surat suara cadangan: {}. Bila surat suara dicetak dari DPT saja, TPS ini kekurangan surat suara; minta KPU kab/kota menambah surat suara sejumlah pemilih DPTb dan DPK atau pindahkan sebagian ke TPS lain.",
            "TPS {}: DPTb and DPK voters exceed the reserve ballots: {}. If ballots are printed from the DPT only this TPS runs short; ask KPU kab/kota for ballots for every DPTb and DPK voter or move some to another TPS.",
            self.tps,
            parts.join("; ")
        ).get(lang).to_string()
    }
}

/// The warnings of several TPS, each given by its number and its voters, in the order given.
pub fn reserve_warnings<'a, I>(rules: &Ruleset, tps: I) -> Vec<ReserveWarning>
where
    I: IntoIterator<Item = (&'a str, &'a [&'a Voter])>,
{
    tps.into_iter()
        .filter_map(|(number, voters)| {
            ReserveWarning::from_needs(number, &ballot_needs(rules, voters))
        })
        .collect()
}
