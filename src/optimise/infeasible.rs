//! Why no plan exists, in the user's terms, with the smallest relaxation found: per
//! rule family (sites and TPS, escorts, the schedule). Shown in Indonesian.

use std::fmt;

use crate::model::{Clock, NodeId, RegNo, ZoneId};

/// One reason a facility cannot be planned.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
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

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::UnknownBlock { reg_no, block } => write!(
                f,
                "pemilih {reg_no} tinggal di blok {block} yang tidak ada di layout/nodes.csv; tambahkan bloknya atau perbaiki kolom blok"
            ),
            Reason::NoSite {
                block,
                zone,
                voters,
                closed,
                unreachable,
            } => {
                write!(
                    f,
                    "blok {block} ({voters} pemilih, zona {zone}) tidak punya lokasi TPS yang boleh dipakai zonanya"
                )?;
                if !closed.is_empty() {
                    write!(f, "; ditutup oleh skenario: {}", list(closed))?;
                }
                if !unreachable.is_empty() {
                    write!(f, "; tidak ada jalan ke: {}", list(unreachable))?;
                }
                write!(
                    f,
                    "; tambahkan lokasi (maks_tps > 0) di zona itu atau izinkan zona lain di [akses_zona]"
                )
            }
            Reason::MoreTps {
                blocks,
                voters,
                class,
                sites,
                extra,
                finish,
            } => {
                if blocks.len() == 1 && sites.len() == 1 {
                    write!(
                        f,
                        "blok {} ({voters} pemilih) tidak dapat selesai sebelum {finish} di satu-satunya lokasi yang boleh dipakai zonanya ({}); butuh {extra} TPS lagi",
                        blocks[0], sites[0]
                    )
                } else {
                    write!(
                        f,
                        "blok {} ({voters} pemilih, {class}) butuh {extra} lokasi TPS lagi; lokasi yang boleh dipakai ({}) sudah penuh sampai {finish}",
                        list(blocks),
                        list(sites)
                    )
                }
            }
            Reason::Visits {
                blocks,
                voters,
                sites,
                minutes,
                teams,
                extra,
            } => write!(
                f,
                "{voters} pemilih yang tidak dapat berjalan (blok {}) tidak terlayani kunjungan KPPS: {minutes} menit per pemilih, {teams} tim kunjungan per TPS, dan lokasi yang boleh dipakai ({}) sudah penuh; butuh {extra} TPS lagi, atau lebih banyak tim kunjungan per TPS ([luar] ptps_per_tps), atau buka kunci blok",
                list(blocks),
                list(sites)
            ),
            Reason::Escorts { from, to, officers } => {
                write!(f, "pengawal kurang {officers} orang antara {from} dan {to}")
            }
            Reason::Unserved {
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
                let what = if *mobile {
                    "tidak dapat dikunjungi KPPS"
                } else {
                    "tidak dapat memilih"
                };
                write!(
                    f,
                    "TPS {tps}: {voters} pemilih {what} sebelum {finish} (blok {per_block})"
                )
            }
            Reason::SitesFull {
                class,
                voters,
                tps,
                sites,
                extra,
                finish,
            } => write!(
                f,
                "{voters} pemilih ({class}) tidak dapat memilih sebelum {finish}: {tps} TPS mereka sudah memakai semua tempat di lokasi yang boleh dipakai ({}); butuh sekitar {extra} TPS lagi (lokasi lain atau maks_tps lebih besar), atau lebih banyak bilik per TPS, atau waktu per pemilih lebih singkat",
                list(sites)
            ),
            Reason::Solver(s) => write!(f, "pemecah MILP gagal: {s}"),
        }
    }
}

impl Reason {
    /// The reason in English (`--lang en`); [`fmt::Display`] gives the Indonesian.
    pub fn english(&self) -> String {
        match self {
            Reason::UnknownBlock { reg_no, block } => format!(
                "voter {reg_no} lives in block {block}, which is not in layout/nodes.csv; add the block or correct the blok column"
            ),
            Reason::NoSite {
                block,
                zone,
                voters,
                closed,
                unreachable,
            } => {
                let mut s = format!(
                    "block {block} ({voters} voters, zone {zone}) has no TPS site its zone may use"
                );
                if !closed.is_empty() {
                    s += &format!("; closed by the scenario: {}", list(closed));
                }
                if !unreachable.is_empty() {
                    s += &format!("; no path to: {}", list(unreachable));
                }
                s + "; add a site (maks_tps > 0) in that zone or allow other zones in [akses_zona]"
            }
            Reason::MoreTps {
                blocks,
                voters,
                class,
                sites,
                extra,
                finish,
            } => {
                if blocks.len() == 1 && sites.len() == 1 {
                    format!(
                        "block {} ({voters} voters) cannot finish by {finish} at the only site its zone may use ({}); {extra} more TPS needed",
                        blocks[0], sites[0]
                    )
                } else {
                    format!(
                        "blocks {} ({voters} voters, {class}) need {extra} more TPS places; the sites they may use ({}) are full until {finish}",
                        list(blocks),
                        list(sites)
                    )
                }
            }
            Reason::Visits {
                blocks,
                voters,
                sites,
                minutes,
                teams,
                extra,
            } => format!(
                "{voters} voters who cannot walk (blocks {}) cannot all be visited by KPPS: {minutes} minutes per voter, {teams} visit teams per TPS, and the sites they may use ({}) are full; {extra} more TPS needed, or more visit teams per TPS ([luar] ptps_per_tps), or unlock a block",
                list(blocks),
                list(sites)
            ),
            Reason::Escorts { from, to, officers } => {
                format!("{officers} more escorts needed between {from} and {to}")
            }
            Reason::Unserved {
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
                let what = if *mobile {
                    "cannot be visited by KPPS"
                } else {
                    "cannot vote"
                };
                format!("TPS {tps}: {voters} voters {what} by {finish} (blocks {per_block})")
            }
            Reason::SitesFull {
                class,
                voters,
                tps,
                sites,
                extra,
                finish,
            } => format!(
                "{voters} voters ({class}) cannot vote by {finish}: their {tps} TPS use every place at the sites they may use ({}); about {extra} more TPS needed (other sites or a larger maks_tps), or more booths per TPS, or fewer minutes per voter",
                list(sites)
            ),
            Reason::Solver(s) => format!("the MILP solver failed: {s}"),
        }
    }
}

impl Infeasible {
    /// Every reason in the user's language, joined by `; `.
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        let parts: Vec<String> = self
            .reasons
            .iter()
            .map(|r| match lang {
                crate::lang::Lang::Id => r.to_string(),
                crate::lang::Lang::En => r.english(),
            })
            .collect();
        parts.join("; ")
    }
}

/// No feasible plan: every reason found, each with the smallest relaxation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Infeasible {
    /// The reasons.
    pub reasons: Vec<Reason>,
}

impl fmt::Display for Infeasible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.reasons.iter().map(|r| r.to_string()).collect();
        f.write_str(&parts.join("; "))
    }
}
