//! Voter groups: the voters of one block split by everything that must be kept apart
//! (sex, juvenile, high risk, a facility separation, the category window, mobile
//! visit). A group is the unit the registration model moves; a group may still be split
//! across TPS (that costs). Groups belong to a *TPS class*: classes whose voters may
//! never share a TPS are independent subproblems (apart from sharing the sites' room).
//! A facility separation with `tps_terpisah` keeps its member blocks apart from *each
//! other* only: a member may share a TPS with blocks outside the list, so it stays in
//! its class and the class carries an *exclusive set* (at most one member per TPS).

use std::collections::{BTreeMap, BTreeSet};

use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::{Category, Clock, NodeId, Pins, RegNo, Sex, Voter};

/// Why a voter list cannot be grouped (a voter in a block the layout does not know).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownBlock {
    /// The voter.
    pub reg_no: RegNo,
    /// The block named.
    pub block: NodeId,
}

/// A set of voters that may share a TPS with each other (the hard-separation key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClassKey {
    /// Sex, when the ruleset keeps the sexes at separate TPS.
    pub sex: Option<Sex>,
    /// Juvenile, when the ruleset keeps juveniles at separate TPS.
    pub juvenile: Option<bool>,
    /// High risk, when the ruleset keeps high-risk voters at separate TPS.
    pub high_risk: Option<bool>,
    /// The TPS number `penyesuaian.csv` pins these voters to (a pinned TPS holds only
    /// the voters pinned to it; see `super::pins`).
    pub pin: Option<u32>,
}

impl ClassKey {
    /// Indonesian label ("laki-laki dewasa", "perempuan", ...).
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        match self.juvenile {
            Some(true) => parts.push("anak".to_string()),
            Some(false) => parts.push("dewasa".to_string()),
            None => {}
        }
        match self.sex {
            Some(Sex::L) => parts.push("laki-laki".to_string()),
            Some(Sex::P) => parts.push("perempuan".to_string()),
            None => {}
        }
        match self.high_risk {
            Some(true) => parts.push("risiko tinggi".to_string()),
            Some(false) => parts.push("bukan risiko tinggi".to_string()),
            None => {}
        }
        let base = if parts.is_empty() {
            "semua pemilih".to_string()
        } else {
            parts.join(", ")
        };
        match self.pin {
            Some(n) => format!("{base}; TPS {n} (penyesuaian)"),
            None => base,
        }
    }
}

/// What must not be at one TPS at the same time: two groups with different mix keys
/// may share a TPS only in different slots.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MixKey {
    /// Sex.
    pub sex: Sex,
    /// Juvenile.
    pub juvenile: bool,
    /// High risk.
    pub high_risk: bool,
    /// For each facility separation (any kind), the member block (or none).
    pub separated: Vec<Option<NodeId>>,
    /// Voters of `pemilih_lain.csv` (officers): they vote in waves of their own, the
    /// other fields fixed (adult men, not high risk, in no separation), whatever
    /// their own sex, so that no wave of theirs mixes with an inmates' wave.
    pub other: bool,
}

impl MixKey {
    /// Whether voters of these keys may be at one TPS in the same slot.
    pub fn compatible(&self, other: &MixKey) -> bool {
        self.other == other.other
            && self.sex == other.sex
            && self.juvenile == other.juvenile
            && self.high_risk == other.high_risk
            && self
                .separated
                .iter()
                .zip(&other.separated)
                .all(|(a, b)| a.is_none() || b.is_none() || a == b)
    }
}

/// A block's voters that move and register together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Layout block index.
    pub block: usize,
    /// Block id.
    pub block_id: NodeId,
    /// Where its voters are on the day (layout block index): the block, or the clinic
    /// for clinic voters when the layout has one. Walks and visits start here.
    pub place: usize,
    /// Id of [`Group::place`].
    pub place_id: NodeId,
    /// TPS class index into [`Groups::classes`].
    pub class: usize,
    /// Registration unit index (block x class) into [`Groups::units`].
    pub unit: usize,
    /// Time-separation key.
    pub mix: MixKey,
    /// Voter list category.
    pub category: Category,
    /// Served by a KPPS visit instead of walking.
    pub mobile: bool,
    /// Visited in the clinic (all of a TPS's clinic voters in one trip).
    pub clinic: bool,
    /// High risk (escorted by officers per inmate).
    pub high_risk: bool,
    /// Walks with escorts: every group but the other voters' (officers go alone).
    pub escorted: bool,
    /// Window `[start, end)`, the end already capped at closing minus the buffer.
    pub window: (Clock, Clock),
    /// The voters, sorted by register number.
    pub voters: Vec<RegNo>,
}

impl Group {
    /// Number of voters.
    pub fn size(&self) -> u32 {
        self.voters.len() as u32
    }
}

/// A block's voters of one TPS class: the unit whose split across TPS costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Layout block index.
    pub block: usize,
    /// TPS class.
    pub class: usize,
    /// Groups of this unit.
    pub groups: Vec<usize>,
}

/// All groups of a facility.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// TPS classes (independent subproblems), sorted.
    pub classes: Vec<ClassKey>,
    /// Registration units.
    pub units: Vec<Unit>,
    /// Groups, sorted by block, class, mix, category, mobile.
    pub groups: Vec<Group>,
    /// Sets of units of one class of which at most one may be registered at a TPS (the
    /// member blocks of a facility separation with `tps_terpisah`), each sorted.
    pub exclusive: Vec<Vec<usize>>,
}

impl Groups {
    /// Whether units `a` and `b` may never share a TPS (same exclusive set, distinct).
    pub fn exclusive_pair(&self, a: usize, b: usize) -> bool {
        a != b
            && self
                .exclusive
                .iter()
                .any(|set| set.binary_search(&a).is_ok() && set.binary_search(&b).is_ok())
    }
}

/// The voting window of a group: its list's window, narrowed to the visit window for
/// a clinic visit (other visits, to locked blocks or high-risk cells, keep the list's
/// window); the end capped at closing minus the buffer.
pub fn window_of(facility: &Facility, category: Category, clinic_visit: bool) -> (Clock, Clock) {
    let j = &facility.rules.jendela;
    let w = match category {
        Category::Dpt => j.dpt,
        Category::Dptb => j.dptb,
        Category::Dpk => j.dpk,
    };
    let (from, until) = if clinic_visit {
        (
            w.mulai.max(j.kunjungan.mulai),
            w.selesai.min(j.kunjungan.selesai),
        )
    } else {
        (w.mulai, w.selesai)
    };
    (from, until.min(facility.rules.last_voting_minute()))
}

/// Whether a voter is served by a mobile visit: marked so by eligibility, or living in
/// a block the scenario locks down.
pub fn is_mobile(facility: &Facility, v: &Voter) -> bool {
    v.mobile || facility.scenario.locked_blocks.contains(&v.block)
}

/// Splits the voters into groups.
pub fn build_groups(
    facility: &Facility,
    layout: &Layout,
    voters: &[Voter],
) -> Result<Groups, Vec<UnknownBlock>> {
    let sep = &facility.rules.pemisahan;
    let separations = &facility.info.separations;
    let tag = |block: &NodeId| -> Vec<Option<NodeId>> {
        separations
            .iter()
            .map(|s| s.blocks.contains(block).then(|| block.clone()))
            .collect()
    };
    // Key: block, class, mix, category, mobile, clinic visit.
    type Key = (usize, ClassKey, MixKey, Category, bool, bool);
    let mut buckets: BTreeMap<Key, Vec<RegNo>> = BTreeMap::new();
    let mut unknown = Vec::new();
    // Clinic voters of a block are visited in one trip whatever their list: their
    // windows all narrow to the visit window, so they form one group with the narrowest
    // of their lists' windows and no voter votes outside their own window. Visits to
    // locked blocks and high-risk cells keep one group per list (their windows differ).
    let visit_key = |v: &Voter| (v.block.clone(), v.sex, v.juvenile, v.high_risk);
    let mut visit_category: BTreeMap<(NodeId, Sex, bool, bool), Category> = BTreeMap::new();
    for v in voters.iter().filter(|v| is_mobile(facility, v) && v.clinic) {
        let c = visit_category.entry(visit_key(v)).or_insert(v.category);
        let start = |c: Category| window_of(facility, c, false).0;
        if start(v.category) > start(*c) {
            *c = v.category;
        }
    }
    // Women and juveniles share a TPS with others unless a switch says otherwise or the
    // layout's zones give them sites of their own (then they are a class of their own:
    // independent, with the tighter bound).
    let sites_of = |pred: &dyn Fn(&Voter) -> bool| -> BTreeSet<usize> {
        voters
            .iter()
            .filter(|v| !v.other && pred(v))
            .filter_map(|v| layout.block_index(&v.block))
            .flat_map(|b| layout.blocks[b].sites.iter().copied())
            .collect()
    };
    let sex_apart = sep.jenis_kelamin_tps_terpisah
        || sites_of(&|v| v.sex == Sex::P).is_disjoint(&sites_of(&|v| v.sex != Sex::P));
    let juvenile_apart =
        sep.anak_tps_terpisah || sites_of(&|v| v.juvenile).is_disjoint(&sites_of(&|v| !v.juvenile));
    // The other voters (officers) may share a TPS with anybody: they join the class
    // of adult, not high-risk men where the classes are kept apart (the largest in
    // every prison; women where the facility has no men voting).
    let any_man = voters.iter().any(|v| !v.other && v.sex == Sex::L);
    let other_class = ClassKey {
        sex: sex_apart.then_some(if any_man { Sex::L } else { Sex::P }),
        juvenile: juvenile_apart.then_some(false),
        high_risk: sep.risiko_tinggi_tps_terpisah.then_some(false),
        pin: None,
    };
    let other_mix = MixKey {
        sex: Sex::L,
        juvenile: false,
        high_risk: false,
        separated: vec![None; separations.len()],
        other: true,
    };
    for v in voters {
        let Some(b) = layout.block_index(&v.block) else {
            unknown.push(UnknownBlock {
                reg_no: v.reg_no.clone(),
                block: v.block.clone(),
            });
            continue;
        };
        let (mut class, mix) = if v.other {
            (other_class.clone(), other_mix.clone())
        } else {
            (
                ClassKey {
                    sex: sex_apart.then_some(v.sex),
                    juvenile: juvenile_apart.then_some(v.juvenile),
                    high_risk: sep.risiko_tinggi_tps_terpisah.then_some(v.high_risk),
                    pin: None,
                },
                MixKey {
                    sex: v.sex,
                    juvenile: v.juvenile,
                    high_risk: v.high_risk,
                    separated: tag(&v.block),
                    other: false,
                },
            )
        };
        // Hook (penyesuaian.csv): voters pinned to a TPS form a class of their own.
        class.pin = facility.pins.voter_tps(&v.reg_no, &v.block);
        let mobile = is_mobile(facility, v);
        let category = if mobile && v.clinic {
            visit_category
                .get(&visit_key(v))
                .copied()
                .unwrap_or(v.category)
        } else {
            v.category
        };
        let clinic = mobile && v.clinic;
        buckets
            .entry((b, class, mix, category, mobile, clinic))
            .or_default()
            .push(v.reg_no.clone());
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let classes: Vec<ClassKey> = buckets
        .keys()
        .map(|k| k.1.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut groups = Vec::new();
    for ((b, class, mix, category, mobile, clinic), mut regs) in buckets {
        regs.sort();
        let k = classes.binary_search(&class).unwrap_or(0);
        let u = *unit_index.entry((b, k)).or_insert_with(|| {
            units.push(Unit {
                block: b,
                class: k,
                groups: Vec::new(),
            });
            units.len() - 1
        });
        units[u].groups.push(groups.len());
        let place = match layout.clinic {
            Some(c) if clinic => c,
            _ => b,
        };
        groups.push(Group {
            block: b,
            block_id: layout.blocks[b].id.clone(),
            place,
            place_id: layout.blocks[place].id.clone(),
            class: k,
            unit: u,
            high_risk: mix.high_risk,
            escorted: !mix.other,
            mix,
            category,
            mobile,
            // Hook (penyesuaian.csv): a block's waves from its pinned time on.
            window: facility
                .pins
                .narrow_window(&layout.blocks[b].id, window_of(facility, category, clinic)),
            clinic,
            voters: regs,
        });
    }
    let mut exclusive = Vec::new();
    for sep in separations.iter().filter(|s| s.separate_tps) {
        for k in 0..classes.len() {
            let mut set: Vec<usize> = units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.class == k && sep.blocks.contains(&layout.blocks[u.block].id))
                .map(|(i, _)| i)
                .collect();
            set.sort_unstable();
            if set.len() > 1 && !exclusive.contains(&set) {
                exclusive.push(set);
            }
        }
    }
    Ok(Groups {
        classes,
        units,
        groups,
        exclusive,
    })
}
