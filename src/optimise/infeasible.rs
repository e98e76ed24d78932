//! Why no plan exists, in the user's terms, with the smallest relaxation found: per
//! rule family (sites and TPS, escorts, the schedule). [`InfeasibleReason::text`] words each
//! reason in both languages; `Display` is the Indonesian.

use std::fmt;

use crate::lang::{Lang, Text, text};

use crate::model::{Clock, NodeId, RegNo, ZoneId};

/// One reason a facility cannot be planned.
#[derive(Debug, Clone, PartialEq)]
pub enum InfeasibleReason {
    /// A voter lives in a block the layout does not have.
    UnknownBlock {
        /// The voter.
        reg_no: RegNo,
        /// The block named.
        block: NodeId,
    },
    /// A block's zone may use no open, reachable site.
    NoSite {
        /// Block.
        block: NodeId,
        /// Its zone.
        zone: ZoneId,
        /// Its voters.
        voters: u32,
        /// Sites its zone may use that the scenario closed.
        closed: Vec<NodeId>,
        /// Sites its zone may use that no path reaches.
        unreachable: Vec<NodeId>,
    },
    /// Voters need more TPS than the sites they may use can hold.
    MoreTps {
        /// Blocks concerned.
        blocks: Vec<NodeId>,
        /// Their voters.
        voters: u32,
        /// Their class label.
        class: String,
        /// The sites they may use (all full).
        sites: Vec<NodeId>,
        /// TPS missing (the elastic model's smallest number).
        extra: u32,
        /// Closing minus the buffer.
        finish: Clock,
    },
    /// Voters who cannot move (locked block, high risk, clinic) need more visit time
    /// than the TPS their zone's sites can open have.
    Visits {
        /// Blocks concerned.
        blocks: Vec<NodeId>,
        /// Visited voters left without a team.
        voters: u32,
        /// The sites they may use (all full).
        sites: Vec<NodeId>,
        /// Minutes per visited voter.
        minutes: f64,
        /// Visit teams per TPS (one PTPS each).
        teams: u32,
        /// TPS missing at the present number of teams.
        extra: u32,
    },
    /// Escorts short in a time range.
    Escorts {
        /// From.
        from: Clock,
        /// Until.
        to: Clock,
        /// Officers missing at the worst minute.
        officers: u32,
    },
    /// Voters who cannot be served at their TPS in time.
    Unserved {
        /// TPS number.
        tps: u32,
        /// Voters left per block.
        blocks: Vec<(NodeId, u32)>,
        /// Mobile visit.
        mobile: bool,
        /// Closing minus the buffer.
        finish: Clock,
    },
    /// Walking voters left over while their TPS already fill every place the sites
    /// they may use have: the day is too short for them at these sites.
    SitesFull {
        /// Class label.
        class: String,
        /// Voters left over.
        voters: u32,
        /// TPS of the class in the plan tried.
        tps: u32,
        /// The sites the class may use (every place taken).
        sites: Vec<NodeId>,
        /// TPS more at the present booths and minutes per voter.
        extra: u32,
        /// Closing minus the buffer.
        finish: Clock,
    },
    /// The solver failed for another reason.
    Solver(String),
}

fn list(ids: &[NodeId]) -> String {
    ids.iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Indonesian; [`InfeasibleReason::text`] holds both languages.
impl fmt::Display for InfeasibleReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().id)
    }
}

impl InfeasibleReason {
    /// The reason in both languages, worded side by side.
    pub fn text(&self) -> Text {
        match self {
            InfeasibleReason::UnknownBlock { reg_no, block } => text!(
                "pemilih {reg_no} tinggal di blok {block} yang tidak ada di layout/nodes.csv; tambahkan bloknya atau perbaiki kolom blok",
                "voter {reg_no} lives in block {block}, which is not in layout/nodes.csv; add the block or correct the blok column"
            ),
            InfeasibleReason::NoSite {
                block,
                zone,
                voters,
                closed,
                unreachable,
            } => {
                let mut parts = vec![text!(
                    "blok {block} ({voters} pemilih, zona {zone}) tidak punya lokasi TPS yang boleh dipakai zonanya",
                    "block {block} ({voters} voters, zone {zone}) has no TPS site its zone may use"
                )];
                if !closed.is_empty() {
                    parts.push(text!(
                        "ditutup oleh skenario: {}",
                        "closed by the scenario: {}",
                        list(closed)
                    ));
                }
                if !unreachable.is_empty() {
                    parts.push(text!(
                        "tidak ada jalan ke: {}",
                        "no path to: {}",
                        list(unreachable)
                    ));
                }
                parts.push(text!(
                    "tambahkan lokasi (maks_tps > 0) di zona itu atau izinkan zona lain di [akses_zona]",
                    "add a site (maks_tps > 0) in that zone or allow other zones in [akses_zona]"
                ));
                let join = |lang: Lang| {
                    parts
                        .iter()
                        .map(|t| t.get(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                Text::new(join(Lang::Id), join(Lang::En))
            }
            InfeasibleReason::MoreTps {
                blocks,
                voters,
                class,
                sites,
                extra,
                finish,
            } => {
                if blocks.len() == 1 && sites.len() == 1 {
                    text!(
                        "blok {} ({voters} pemilih) tidak dapat selesai sebelum {finish} di satu-satunya lokasi yang boleh dipakai zonanya ({}); butuh {extra} TPS lagi",
                        "block {} ({voters} voters) cannot finish by {finish} at the only site its zone may use ({}); {extra} more TPS needed",
                        blocks[0],
                        sites[0]
                    )
                } else {
                    text!(
                        "blok {} ({voters} pemilih, {class}) butuh {extra} lokasi TPS lagi; lokasi yang boleh dipakai ({}) sudah penuh sampai {finish}",
                        "blocks {} ({voters} voters, {class}) need {extra} more TPS places; the sites they may use ({}) are full until {finish}",
                        list(blocks),
                        list(sites)
                    )
                }
            }
            InfeasibleReason::Visits {
                blocks,
                voters,
                sites,
                minutes,
                teams,
                extra,
            } => text!(
                "{voters} pemilih yang tidak dapat berjalan (blok {}) tidak terlayani kunjungan KPPS: {minutes} menit per pemilih, {teams} tim kunjungan per TPS, dan lokasi yang boleh dipakai ({}) sudah penuh; butuh {extra} TPS lagi, atau lebih banyak tim kunjungan per TPS ([luar] ptps_per_tps), atau buka kunci blok",
                "{voters} voters who cannot walk (blocks {}) cannot all be visited by KPPS: {minutes} minutes per voter, {teams} visit teams per TPS, and the sites they may use ({}) are full; {extra} more TPS needed, or more visit teams per TPS ([luar] ptps_per_tps), or unlock a block",
                list(blocks),
                list(sites)
            ),
            InfeasibleReason::Escorts { from, to, officers } => text!(
                "pengawal kurang {officers} orang antara {from} dan {to}",
                "{officers} more escorts needed between {from} and {to}"
            ),
            InfeasibleReason::Unserved {
                tps,
                blocks,
                mobile,
                finish,
            } => {
                let voters: u32 = blocks.iter().map(|b| b.1).sum();
                let per_block = blocks
                    .iter()
                    .map(|(b, n)| format!("{b} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if *mobile {
                    text!(
                        "TPS {tps}: {voters} pemilih tidak dapat dikunjungi KPPS sebelum {finish} (blok {per_block})",
                        "TPS {tps}: {voters} voters cannot be visited by KPPS by {finish} (blocks {per_block})"
                    )
                } else {
                    text!(
                        "TPS {tps}: {voters} pemilih tidak dapat memilih sebelum {finish} (blok {per_block})",
                        "TPS {tps}: {voters} voters cannot vote by {finish} (blocks {per_block})"
                    )
                }
            }
            InfeasibleReason::SitesFull {
                class,
                voters,
                tps,
                sites,
                extra,
                finish,
            } => text!(
                "{voters} pemilih ({class}) tidak dapat memilih sebelum {finish}: {tps} TPS mereka sudah memakai semua tempat di lokasi yang boleh dipakai ({}); butuh sekitar {extra} TPS lagi (lokasi lain atau maks_tps lebih besar), atau lebih banyak bilik per TPS, atau waktu per pemilih lebih singkat",
                "{voters} voters ({class}) cannot vote by {finish}: their {tps} TPS use every place at the sites they may use ({}); about {extra} more TPS needed (other sites or a larger maks_tps), or more booths per TPS, or fewer minutes per voter",
                list(sites)
            ),
            InfeasibleReason::Solver(s) => {
                text!("pemecah MILP gagal: {s}", "the MILP solver failed: {s}")
            }
        }
    }
}

impl Infeasible {
    /// Every reason in the user's language, joined by `; `.
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        let parts: Vec<String> = self
            .reasons
            .iter()
            .map(|r| r.text().get(lang).to_string())
            .collect();
        parts.join("; ")
    }
}

/// No feasible plan: every reason found, each with the smallest relaxation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Infeasible {
    /// The reasons.
    pub reasons: Vec<InfeasibleReason>,
}

impl fmt::Display for Infeasible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.reasons.iter().map(|r| r.to_string()).collect();
        f.write_str(&parts.join("; "))
    }
}
