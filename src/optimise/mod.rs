//! The optimiser: how many TPS, where, who registers where, and the voting-day
//! schedule, decomposed where it loses nothing and measured against a proven bound:
//! 1. [`groups`]: voters split into groups by what must be kept apart; classes that may
//!    never share a TPS; exclusive sets (blocks kept apart from each other only).
//! 2. [`registration`] (built by `registration_problem`): a capacitated
//!    facility-location MILP over the number of TPS per site and class (integer,
//!    aggregated copies) and the voters per group and site (continuous), with every rule
//!    that binds each TPS (cap, window throughput, visits, exclusive sets, class minima)
//!    and the costs every plan pays at least (walking, escorts per voter, escorts forced
//!    by full slots). It has no split binaries, so it solves in milliseconds; its optimum
//!    fixes the TPS per site and is the core of the bound.
//! 3. [`assign`], [`decode`], [`improve`]: the concrete TPS. Candidate partitions of each
//!    class's blocks into *parts* (a subset sum per part, [`parts::greedy_partition`];
//!    the pieces of the decoded model and of the greedy) are poured into TPS at the
//!    model's sites; a local search (close, merge, relocate, swap) polishes the best.
//!    [`reassign`] moves whole blocks between sites by the model's own costs (the
//!    escorts full slots force included), from the model's amounts and from that best
//!    registration, each site checked by the packer's rules.
//! 4. [`schedule`]: waves per TPS and slot under throughput, windows, wave size, turns of
//!    voters who may not meet, and escorts on duty; escort-efficient waves, spread over
//!    the day; an exact elastic model for small days and to measure what is short. Every
//!    candidate registration is scheduled and the plan with the lowest objective kept.
//!    A schedule that leaves voters tightens the registration (one escort's wave per
//!    slot, then less room at the TPS concerned) and it is built again.
//! 5. [`bound`], [`parts`]: the lower bound of the objective the plan reports (model,
//!    splits by a configuration LP over parts, imbalance, visits, end of day), computed
//!    after the plan so the parts bound can stop once it proves the plan's pieces.
//! 6. [`infeasible`]: when no plan exists, the smallest relaxation per rule family.
//!
//! [`plan`] runs these as named steps; the private files hold them: `rounds` (the
//! first registration model, the candidate partitions, the registrations built from
//! them), `search` (the rounds of registration and schedule), `measure` (the lower
//! bound and the solver report), `assembly` (the plan's rows), `explain` (why no plan
//! exists), `formulate` and `minima` (the model's rows and the class minima).

pub mod assign;
pub mod bound;
pub mod capacity;
pub mod decode;
pub mod groups;
pub mod improve;
pub mod infeasible;
pub mod parts;
pub mod pins;
pub mod previous;
pub mod reassign;
pub mod registration;
pub mod schedule;
pub mod solver;

mod assembly;
mod explain;
mod formulate;
mod measure;
mod minima;
mod rounds;
mod search;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::facility::Facility;
use crate::layout::Layout;
use crate::model::{Clock, NodeId, RegNo, Voter};
use crate::plan::{
    BallotCount, ClassBound, Inputs, Objective, Plan, RegisteredVoter, SCHEMA, SolverReport, Stage,
    Tps, TpsClass, Wave,
};

pub use capacity::{EscortProfile, escort_profile_from_staff};
pub use infeasible::{Infeasible, InfeasibleReason};
pub use solver::{Backend, Status};

use assign::CostFn;
use capacity::{Envelope, Throughput, touched_minutes, visit_minutes, visit_officers, visit_teams};
use decode::Copy;
use groups::{Group, Groups};
use registration::{FlFloor, FlGroup, FlProblem, FlRow, FlSite, FlUnit};
use schedule::PlannedWave;
use solver::{SolveError, SolveSettings};

use assembly::*;
use explain::*;
use formulate::*;
use measure::*;
use minima::*;
use rounds::*;
use search::Found;

/// Where the escort capacity comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EscortSource {
    /// Officers on duty with the `pengawal` role, minus KPPS seats
    /// ([`escort_profile_from_staff`]).
    #[default]
    FromStaff,
    /// A given profile (the staffing roster).
    Profile(EscortProfile),
}

/// How to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// Wall-clock budget for the whole optimisation; the best plan found is returned.
    pub time_limit: Duration,
    /// MILP backend.
    pub backend: Backend,
    /// Relative gap to the proven lower bound under which a plan is good enough: its
    /// status is then `gap_limit` (`optimal` when the bound is met).
    pub mip_gap: f64,
    /// Escort capacity.
    pub escorts: EscortSource,
    /// Officers to be requested, per minute of the day (empty: none): added to the
    /// escort capacity, so a roster short of escorts still gets a schedule (the
    /// staffing step then names what it lacks as requests).
    pub requested_escorts: Vec<u32>,
    /// Accept a schedule that needs more escorts than the roster has (the smallest
    /// shortfall the elastic schedule finds): every voter is served and the staffing
    /// step lists the officers missing as requests.
    pub accept_escort_shortfall: bool,
    /// Hook of `plan --sebelumnya`: the registration of an earlier plan to keep
    /// ([`previous`]); `None` plans from scratch.
    pub previous: Option<std::sync::Arc<previous::Previous>>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self {
            time_limit: Duration::from_secs(10),
            backend: Backend::Microlp,
            mip_gap: 5e-3,
            escorts: EscortSource::FromStaff,
            requested_escorts: Vec::new(),
            accept_escort_shortfall: false,
            previous: None,
        }
    }
}

const VIRTUAL_COST: f64 = 1e7;

/// Plans the TPS, registration and schedule of a facility for its eligible voters.
pub fn plan(facility: &Facility, voters: &[Voter], opts: &PlanOptions) -> Result<Plan, Infeasible> {
    match plan_once(facility, voters, opts) {
        // Hook of `plan --sebelumnya`: when the old TPS cannot be kept (no schedule
        // fits them), plan from scratch; perubahan.csv then says who moved.
        Err(_) if opts.previous.is_some() => {
            let fresh = PlanOptions {
                previous: None,
                ..opts.clone()
            };
            plan_once(facility, voters, &fresh)
        }
        r => r,
    }
}

/// One planning run: what every step reads.
pub(super) struct Run<'a> {
    facility: &'a Facility,
    voters: &'a [Voter],
    opts: &'a PlanOptions,
    layout: Layout,
    groups: Groups,
    /// When the run started (the time limit counts from here).
    started: Instant,
}

impl Run<'_> {
    /// A share of the time left (at least 30 ms).
    fn left(&self, share: f64) -> Duration {
        self.opts
            .time_limit
            .saturating_sub(self.started.elapsed())
            .mul_f64(share)
            .max(Duration::from_millis(30))
    }
}

/// One plan from the options as given: the voters in groups, the registration model,
/// rounds of registration and schedule, the lower bound, the report.
fn plan_once(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
) -> Result<Plan, Infeasible> {
    let started = Instant::now();
    let layout = Layout::build(facility);
    let groups = groups::build_groups(facility, &layout, voters).map_err(unknown_blocks)?;
    let no_site = no_site(&layout, &groups);
    if !no_site.is_empty() {
        return Err(Infeasible { reasons: no_site });
    }
    let run = Run {
        facility,
        voters,
        opts,
        layout,
        groups,
        started,
    };
    // 1. The registration model: TPS per site and class, voters per site; its optimum
    //    is the core of the lower bound.
    let first = first_registration(&run)?;
    // Rows of the parts of each class, and a greedy partition to build from.
    let part_rows = part_rows(&run);
    let candidates = candidate_partitions(&run, first.model.as_ref(), &part_rows);
    // 3. Who registers at which TPS, then the schedule, in rounds (see `search`).
    let found = search::rounds(&run, &first, &candidates)?;
    // 2. The lower bound (see `bound`); the parts bound stops once it proves the plan's
    //    pieces of each class.
    let lower = lower_bound(&run, &first, &part_rows, &found.copies);
    let stages = vec![
        first.stage.clone(),
        Stage {
            name: "pembagian".to_string(),
            status: if found.rounds == 1 {
                first.status()
            } else {
                Status::Heuristic
            },
            seconds: found.reg_seconds,
        },
        Stage {
            name: "jadwal".to_string(),
            status: found.sched_status,
            seconds: found.sched_seconds,
        },
        lower.stage.clone(),
    ];
    Ok(report(&run, &first, &found, &lower, stages))
}

#[cfg(test)]
mod tests {
    use super::groups::build_groups;
    use super::*;
    use crate::testing::{FacilityBuilder, VoterSpec};

    #[test]
    fn voters_left_at_full_sites_are_summed_per_class_with_the_tps_they_need() {
        // Two blocks, one site of two TPS: with both TPS open every place is taken, so
        // voters left over need more places (one TPS holds 276 a day); with one TPS
        // open, a place is free and no such reason is given.
        let (f, voters) = FacilityBuilder::new("penuh")
            .block("A", "umum")
            .block("B", "umum")
            .site("aula", "umum", 2, 4)
            .path("A", "aula", 2.0, false)
            .path("B", "aula", 3.0, false)
            .voters("A", 200, VoterSpec::man())
            .voters("B", 150, VoterSpec::man())
            .build();
        let layout = Layout::build(&f);
        let groups = build_groups(&f, &layout, &voters).expect("groups");
        let site = layout
            .sites
            .iter()
            .position(|s| s.id.as_str() == "aula")
            .unwrap();
        let copy = |g: usize| Copy {
            site,
            class: 0,
            parts: BTreeMap::from([(g, groups.groups[g].size())]),
        };
        let finish = f.rules.last_voting_minute();
        let left = [(0, 0, 5), (1, 1, 300)];
        let both = [copy(0), copy(1)];
        let reasons = sites_full(&f, &layout, &groups, &both, &left, finish);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        match &reasons[0] {
            InfeasibleReason::SitesFull {
                voters, tps, extra, ..
            } => assert_eq!((*voters, *tps, *extra), (305, 2, 2)),
            r => panic!("{r:?}"),
        }
        let text = reasons[0].to_string();
        assert!(
            text.contains("aula") && text.contains("2 TPS lagi"),
            "{text}"
        );
        assert!(sites_full(&f, &layout, &groups, &both[..1], &left, finish).is_empty());
    }

    #[test]
    fn kinds_that_may_not_share_a_slot_fill_whole_slots_and_exclusive_blocks_distinct_ones() {
        // 12 voters a slot (4 booths, 15 minutes, 5 minutes each). Hand count: 100
        // men fill 9 slots; 13 high-risk men in block H 2 slots; 13 high-risk in block
        // K, apart from H (tps_terpisah), 2 more: 26 in one place would have been 3.
        let slots = |apart: bool| {
            let b = FacilityBuilder::new("slot")
                .block("A", "umum")
                .block("H", "umum")
                .block("K", "umum")
                .site("aula", "umum", 4, 4)
                .path("A", "aula", 2.0, false)
                .path("H", "aula", 2.0, false)
                .path("K", "aula", 2.0, false);
            let b = if apart {
                b.separation(&["H", "K"], true)
            } else {
                b
            };
            let (f, voters) = b
                .voters("A", 100, VoterSpec::man())
                .voters("H", 13, VoterSpec::man().high_risk())
                .voters("K", 13, VoterSpec::man().high_risk())
                .build();
            let layout = Layout::build(&f);
            let groups = build_groups(&f, &layout, &voters).expect("groups");
            assert_eq!(groups.classes.len(), 1, "one class: kinds share TPS");
            own_slots(&groups, 0, 12)
        };
        assert_eq!(slots(true), 9 + 2 + 2);
        // Without the separation the high-risk men may share one TPS: 3 slots.
        assert_eq!(slots(false), 9 + 3);
    }
}
