//! The voter readiness summary `tpsplan check` prints: voters by list and sex, by
//! ballot set and type, the classes that shape the plan, the obstacles of those who
//! cannot vote, the follow-ups with their deadlines, and the dapil data to confirm.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::facility::Facility;
use crate::lang::Lang;
use crate::model::{Category, Sex};
use crate::rules::Window;

use super::{Decisions, Doubt, Reason, voters};

/// Voters split L/P.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BySex {
    /// Laki-laki.
    pub l: usize,
    /// Perempuan.
    pub p: usize,
}

impl BySex {
    fn add(&mut self, sex: Sex) {
        match sex {
            Sex::L => self.l += 1,
            Sex::P => self.p += 1,
        }
    }

    /// L + P.
    pub fn total(&self) -> usize {
        self.l + self.p
    }
}

/// Voters of one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRow {
    /// DPT, DPTb or DPK.
    pub category: Category,
    /// When it votes.
    pub window: Window,
    /// How many, L/P.
    pub voters: BySex,
}

/// Follow-ups of one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpRow {
    /// The reason.
    pub reason: Reason,
    /// Rows in `tindak_lanjut.csv`.
    pub count: usize,
    /// Their deadline (the earliest, should they differ).
    pub deadline: NaiveDate,
    /// How many had passed on the roster's date.
    pub passed: usize,
}

/// Voters whose ballot of one type rests on doubtful dapil data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoubtRow {
    /// Ballot code.
    pub code: String,
    /// Unconfirmed or unknown.
    pub doubt: Doubt,
    /// Whether the ballot was issued.
    pub issued: bool,
    /// Voters concerned.
    pub voters: usize,
    /// The regions whose dapil is missing or unconfirmed, with how many voters each.
    pub regions: BTreeMap<String, usize>,
}

/// The readiness summary of one facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// UPT code.
    pub code: String,
    /// UPT name.
    pub name: String,
    /// Ruleset name.
    pub ruleset: String,
    /// Election day.
    pub election: NaiveDate,
    /// Roster date.
    pub as_of: NaiveDate,
    /// Inmates on the roster.
    pub inmates: usize,
    /// People in `pemilih_lain.csv` (officers and others voting at the UPT).
    pub others: usize,
    /// Of them, voters here as things stand (counted in [`Readiness::voters`] too).
    pub other_voters: usize,
    /// Voters here as things stand, L/P (inmates and other voters).
    pub voters: BySex,
    /// Voters per list, in DPT, DPTb, DPK order (lists with no voter included).
    pub by_category: Vec<CategoryRow>,
    /// Voters per ballot set (codes in ruleset order), largest set first.
    pub by_ballot_set: Vec<(Vec<String>, usize)>,
    /// Voters entitled to each ballot type, in ruleset order.
    pub by_ballot: Vec<(String, usize)>,
    /// Voters under `usia_anak`.
    pub juvenile: usize,
    /// High-risk voters.
    pub high_risk: usize,
    /// Voters served by a KPPS visit.
    pub mobile: usize,
    /// Non-voters per reason (an inmate may have several).
    pub obstacles: BTreeMap<Reason, usize>,
    /// Follow-ups per reason.
    pub follow_ups: Vec<FollowUpRow>,
    /// Ballots resting on doubtful dapil data.
    pub doubts: Vec<DoubtRow>,
}

impl Readiness {
    /// Summarises the decisions of a facility.
    pub fn from(facility: &Facility, decisions: &Decisions) -> Readiness {
        let rules = &facility.rules;
        let all_voters = voters(facility, decisions);
        let mut total = BySex::default();
        let mut by_cat: BTreeMap<Category, BySex> = BTreeMap::new();
        let mut sets: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        for v in &all_voters {
            total.add(v.sex);
            by_cat.entry(v.category).or_default().add(v.sex);
            match sets.get_mut(&v.ballots) {
                Some(n) => *n += 1,
                None => {
                    sets.insert(v.ballots.clone(), 1);
                }
            }
        }
        let by_category = Category::ALL
            .iter()
            .map(|&c| CategoryRow {
                category: c,
                window: super::window(rules, c),
                voters: by_cat.get(&c).copied().unwrap_or_default(),
            })
            .collect();
        let mut by_ballot_set: Vec<(Vec<String>, usize)> = sets.into_iter().collect();
        by_ballot_set.sort_by(|a, b| {
            b.0.len()
                .cmp(&a.0.len())
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        let by_ballot = rules
            .surat_suara
            .jenis
            .iter()
            .map(|b| {
                let n = all_voters
                    .iter()
                    .filter(|v| v.ballots.contains(&b.kode))
                    .count();
                (b.kode.clone(), n)
            })
            .collect();

        let mut obstacles: BTreeMap<Reason, usize> = BTreeMap::new();
        let mut follow: BTreeMap<Reason, FollowUpRow> = BTreeMap::new();
        let order = |code: &str| rules.surat_suara.jenis.iter().position(|b| b.kode == code);
        let mut doubts: BTreeMap<(Option<usize>, Doubt, bool), DoubtRow> = BTreeMap::new();
        for d in decisions {
            for r in &d.reasons {
                *obstacles.entry(*r).or_default() += 1;
            }
            for t in &d.tasks {
                // One entry per reason: the deadline depends only on the reason.
                let row = follow.entry(t.reason).or_insert(FollowUpRow {
                    reason: t.reason,
                    count: 0,
                    deadline: t.deadline,
                    passed: 0,
                });
                row.count += 1;
                row.deadline = row.deadline.min(t.deadline);
                row.passed += usize::from(t.deadline_passed);
            }
            for b in &d.doubts {
                let row = doubts
                    .entry((order(&b.code), b.doubt, b.issued))
                    .or_insert_with(|| DoubtRow {
                        code: b.code.clone(),
                        doubt: b.doubt,
                        issued: b.issued,
                        voters: 0,
                        regions: BTreeMap::new(),
                    });
                row.voters += 1;
                for region in &b.regions {
                    match row.regions.get_mut(region) {
                        Some(n) => *n += 1,
                        None => {
                            row.regions.insert(region.clone(), 1);
                        }
                    }
                }
            }
        }
        let doubts: Vec<DoubtRow> = doubts.into_values().collect();

        Readiness {
            code: facility.info.code.clone(),
            name: facility.info.name.clone(),
            ruleset: decisions.ruleset.clone(),
            election: decisions.deadlines.election,
            as_of: decisions.deadlines.as_of,
            inmates: facility.inmates.len(),
            others: facility.others.len(),
            other_voters: all_voters.iter().filter(|v| v.other).count(),
            voters: total,
            by_category,
            by_ballot_set,
            by_ballot,
            juvenile: all_voters.iter().filter(|v| v.juvenile).count(),
            high_risk: all_voters.iter().filter(|v| v.high_risk).count(),
            mobile: all_voters.iter().filter(|v| v.mobile).count(),
            obstacles,
            follow_ups: follow.into_values().collect(),
            doubts,
        }
    }

    /// The summary as text for the terminal, in Indonesian or English.
    pub fn render(&self, lang: Lang) -> String {
        let t = |id: &'static str, en: &'static str| if lang == Lang::Id { id } else { en };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {} ({})",
            t("Kesiapan pemilih:", "Voter readiness:"),
            self.name,
            self.code
        );
        let _ = writeln!(
            s,
            "{} {}; {} {}; {} {}",
            t("aturan", "ruleset"),
            self.ruleset,
            t("hari pemungutan", "election day"),
            self.election,
            t("data per", "roster as of"),
            self.as_of
        );
        let others = if self.others > 0 {
            format!(
                "; {} {} ({} {})",
                t(
                    "pemilih lain (pemilih_lain.csv)",
                    "other voters (pemilih_lain.csv)"
                ),
                self.others,
                self.other_voters,
                t("berhak memilih di sini", "may vote here")
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{} {}{others}; {} {} (L {}, P {}); {} {}",
            t("WBP", "inmates"),
            self.inmates,
            t("pemilih", "voters"),
            self.voters.total(),
            self.voters.l,
            self.voters.p,
            t("bukan pemilih", "not voters"),
            (self.inmates + self.others).saturating_sub(self.voters.total())
        );

        let _ = writeln!(s, "\n{}", t("Pemilih per kategori", "Voters by list"));
        let _ = writeln!(
            s,
            "  {:<10}{:<14}{:>7}{:>7}{:>8}",
            t("kategori", "list"),
            t("jam", "hours"),
            "L",
            "P",
            t("jumlah", "total")
        );
        for row in &self.by_category {
            let _ = writeln!(
                s,
                "  {:<10}{:<14}{:>7}{:>7}{:>8}",
                row.category.as_str(),
                format!("{}-{}", row.window.mulai, row.window.selesai),
                row.voters.l,
                row.voters.p,
                row.voters.total()
            );
        }

        let _ = writeln!(
            s,
            "\n{}",
            t("Pemilih per set surat suara", "Voters by ballot set")
        );
        for (set, n) in &self.by_ballot_set {
            let noun = match (lang, set.len()) {
                (Lang::Id, _) => "surat suara",
                (Lang::En, 1) => "ballot",
                (Lang::En, _) => "ballots",
            };
            let label = format!("{} {noun}: {}", set.len(), set.join(", "));
            let _ = writeln!(s, "  {label:<56}{n:>7}");
        }
        let _ = writeln!(
            s,
            "\n{}",
            t("Pemilih per jenis surat suara", "Voters by ballot type")
        );
        for (code, n) in &self.by_ballot {
            let _ = writeln!(s, "  {code:<12}{n:>7}");
        }
        let _ = writeln!(
            s,
            "\n{} {}; {} {}; {} {}",
            t("Pemilih anak", "Juvenile voters"),
            self.juvenile,
            t("risiko tinggi", "high risk"),
            self.high_risk,
            t(
                "dikunjungi KPPS (klinik, risiko, blok dikunci)",
                "visited by KPPS (clinic, risk, locked block)"
            ),
            self.mobile
        );

        let _ = writeln!(
            s,
            "\n{}",
            t(
                "Hambatan (bukan pemilih; satu WBP dapat memiliki beberapa alasan)",
                "Obstacles (not voters; an inmate may have several reasons)"
            )
        );
        if self.obstacles.is_empty() {
            let _ = writeln!(s, "  {}", t("tidak ada", "none"));
        }
        for (r, n) in &self.obstacles {
            let _ = writeln!(s, "  {:<26}{:<48}{n:>7}", r.code(), r.label(lang));
        }

        let _ = writeln!(
            s,
            "\n{}",
            t(
                "Tindak lanjut (tindak_lanjut.csv)",
                "Follow-ups (tindak_lanjut.csv)"
            )
        );
        if self.follow_ups.is_empty() {
            let _ = writeln!(s, "  {}", t("tidak ada", "none"));
        }
        for row in &self.follow_ups {
            let passed = if row.passed > 0 {
                format!(", {} {}", row.passed, t("sudah lewat", "passed"))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "  {:<26}{:<48}{:>7}  {} {}{passed}",
                row.reason.code(),
                row.reason.label(lang),
                row.count,
                t("batas", "due"),
                row.deadline
            );
        }

        if !self.doubts.is_empty() {
            let _ = writeln!(
                s,
                "\n{}",
                t(
                    "Surat suara atas data wilayah/dapil yang kurang: pastikan ke KPU kab/kota, lalu perbaiki data/reference",
                    "Ballots resting on missing or unconfirmed region/dapil data: confirm with KPU kab/kota, then correct data/reference"
                )
            );
            for row in &self.doubts {
                let what = match (row.doubt, row.issued, lang) {
                    (Doubt::Unknown, _, Lang::Id) => "tidak dapat ditentukan, tidak diberikan",
                    (Doubt::Unknown, _, Lang::En) => "undecidable, withheld",
                    (Doubt::Unconfirmed, true, Lang::Id) => {
                        "diberikan atas data belum terkonfirmasi"
                    }
                    (Doubt::Unconfirmed, true, Lang::En) => "issued on unconfirmed data",
                    (Doubt::Unconfirmed, false, Lang::Id) => {
                        "tidak diberikan atas data belum terkonfirmasi"
                    }
                    (Doubt::Unconfirmed, false, Lang::En) => "withheld on unconfirmed data",
                };
                let mut regions: Vec<(&String, &usize)> = row.regions.iter().collect();
                regions.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let shown: Vec<String> = regions
                    .iter()
                    .take(6)
                    .map(|(r, n)| format!("{r} ({n})"))
                    .collect();
                let more = regions.len().saturating_sub(6);
                let more = if more > 0 {
                    format!(" {} {more} {}", t("dan", "and"), t("lainnya", "more"))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    s,
                    "  {:<10}{what}: {} {}; {}{more}",
                    row.code,
                    row.voters,
                    t("pemilih", "voters"),
                    shown.join(", ")
                );
            }
        }
        s
    }
}
