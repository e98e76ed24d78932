//! Where and when each block votes in a plan, and which blocks differ between plans.
//! A block's view is, per TPS it goes to (walking or visited by the mobile box), the
//! stretches of the day its waves cover (consecutive waves joined), how many waves and
//! how many voters: "which TPS, which time". Two plans treat a block the same when
//! their views are equal.

use std::collections::{BTreeMap, BTreeSet};

use crate::lang::Lang;
use crate::model::Clock;
use crate::plan::Wave;

/// A block's voting at one TPS.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Visit {
    /// TPS number.
    pub tps: u32,
    /// A KPPS mobile visit rather than walks to the TPS.
    pub mobile: bool,
    /// Stretches of the day covered by its waves (a wave starting when the previous
    /// one ends continues the stretch).
    pub spans: Vec<(Clock, Clock)>,
    /// Waves.
    pub waves: u32,
    /// Voters.
    pub voters: u32,
}

/// Where and when one block votes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockView {
    /// By TPS number (walks before visits at the same TPS).
    pub visits: Vec<Visit>,
}

/// Every block's view in a plan's waves.
pub fn views(waves: &[Wave]) -> BTreeMap<String, BlockView> {
    let mut by: BTreeMap<(String, u32, bool), Vec<&Wave>> = BTreeMap::new();
    for w in waves {
        by.entry((w.block.to_string(), w.tps, w.mobile))
            .or_default()
            .push(w);
    }
    let mut out: BTreeMap<String, BlockView> = BTreeMap::new();
    for ((block, tps, mobile), mut ws) in by {
        ws.sort_by_key(|w| (w.start, w.end));
        let mut spans: Vec<(Clock, Clock)> = Vec::new();
        for w in &ws {
            match spans.last_mut() {
                Some((_, end)) if w.start <= *end => *end = (*end).max(w.end),
                _ => spans.push((w.start, w.end)),
            }
        }
        out.entry(block).or_default().visits.push(Visit {
            tps,
            mobile,
            spans,
            waves: ws.len() as u32,
            voters: ws.iter().map(|w| w.voters).sum(),
        });
    }
    out
}

impl BlockView {
    /// "TPS 906 09:15-12:45 (14 gelombang, 150 pemilih)", visits joined by "; ".
    pub fn describe(&self, lang: Lang) -> String {
        if self.visits.is_empty() {
            return match lang {
                Lang::Id => "tidak memilih".into(),
                Lang::En => "does not vote".into(),
            };
        }
        self.visits
            .iter()
            .map(|v| {
                let spans: Vec<String> = v.spans.iter().map(|(a, b)| format!("{a}-{b}")).collect();
                let kind = match (v.mobile, lang) {
                    (false, _) => "",
                    (true, Lang::Id) => " kunjungan",
                    (true, Lang::En) => " visit",
                };
                let counts = crate::lang::text!(
                    "{} gelombang, {} pemilih",
                    "{} waves, {} voters",
                    v.waves,
                    v.voters
                )
                .get(lang)
                .to_string();
                format!("TPS {}{kind} {} ({counts})", v.tps, spans.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Blocks whose view is not the same in every plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Differences {
    /// Each differing block with its view per plan (empty where it does not vote), in
    /// block order.
    pub differ: Vec<(String, Vec<BlockView>)>,
    /// Blocks that vote the same in every plan.
    pub same: usize,
}

/// Compares the blocks of the plans (the union of their blocks, by name).
pub fn differences(plans: &[&BTreeMap<String, BlockView>]) -> Differences {
    let names: BTreeSet<&String> = plans.iter().flat_map(|p| p.keys()).collect();
    let mut out = Differences::default();
    for name in names {
        let per: Vec<BlockView> = plans
            .iter()
            .map(|p| p.get(name).cloned().unwrap_or_default())
            .collect();
        if per.windows(2).all(|w| w[0] == w[1]) {
            out.same += 1;
        } else {
            out.differ.push((name.clone(), per));
        }
    }
    out
}

/// Per plan, how many blocks vote otherwise than in the first plan (0 for the first).
pub fn changed_from_first(plans: &[&BTreeMap<String, BlockView>]) -> Vec<u32> {
    let Some(first) = plans.first() else {
        return Vec::new();
    };
    plans
        .iter()
        .map(|p| {
            let names: BTreeSet<&String> = first.keys().chain(p.keys()).collect();
            names
                .into_iter()
                .filter(|n| {
                    first.get(*n).cloned().unwrap_or_default()
                        != p.get(*n).cloned().unwrap_or_default()
                })
                .count() as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeId;

    fn wave(block: &str, tps: u32, from: u16, until: u16, voters: u32) -> Wave {
        Wave {
            start: Clock(from),
            end: Clock(until),
            tps,
            block: NodeId::from(block),
            voters,
            reg_nos: Vec::new(),
            escorts: 1,
            mobile: false,
        }
    }

    #[test]
    fn consecutive_waves_join_into_one_stretch_per_tps() {
        let v = views(&[
            wave("a", 901, 420, 435, 10),
            wave("a", 901, 435, 450, 12),
            wave("a", 901, 480, 495, 3),
            wave("a", 902, 600, 615, 5),
            wave("b", 902, 420, 435, 7),
        ]);
        assert_eq!(v.len(), 2);
        let a = &v["a"];
        assert_eq!(a.visits.len(), 2);
        assert_eq!(
            a.visits[0].spans,
            vec![(Clock(420), Clock(450)), (Clock(480), Clock(495))]
        );
        assert_eq!((a.visits[0].waves, a.visits[0].voters), (3, 25));
        assert_eq!(
            a.describe(Lang::Id),
            "TPS 901 07:00-07:30, 08:00-08:15 (3 gelombang, 25 pemilih); TPS 902 10:00-10:15 (1 gelombang, 5 pemilih)"
        );
        assert_eq!(BlockView::default().describe(Lang::En), "does not vote");
    }

    #[test]
    fn differences_name_only_blocks_that_change_and_count_the_rest() {
        let base = views(&[
            wave("a", 901, 420, 435, 10),
            wave("b", 902, 420, 435, 7),
            wave("c", 902, 435, 450, 4),
        ]);
        // "a" moves to another TPS, "b" to another time, "c" stays, "d" is new.
        let other = views(&[
            wave("a", 903, 420, 435, 10),
            wave("b", 902, 450, 465, 7),
            wave("c", 902, 435, 450, 4),
            wave("d", 901, 600, 615, 2),
        ]);
        let d = differences(&[&base, &other]);
        let names: Vec<&str> = d.differ.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a", "b", "d"]);
        assert_eq!(d.same, 1);
        assert_eq!(d.differ[2].1[0], BlockView::default());
        assert_eq!(changed_from_first(&[&base, &other, &base]), [0, 3, 0]);
        // A plan against itself: nothing differs.
        let d = differences(&[&base, &base]);
        assert!(d.differ.is_empty());
        assert_eq!(d.same, 3);
    }
}
