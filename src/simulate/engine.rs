//! The pure core of the voting-day simulation: stations (TPS) with booths, batches of
//! voters (waves) released at a time, walking there with named resources (escorts, the
//! visit team), queueing first come first served, served one voter per booth, and
//! walking back. It knows nothing of plans, rulesets or files: `model` builds a
//! [`Day`] from a plan, tests build one by hand (Poisson arrivals for the M/M/c check,
//! fixed times for a hand calculation). One call of [`simulate`] is one day; the
//! caller draws the service times (so the distribution is the caller's) and the
//! disturbances (delays per batch).
//!
//! Event order is fixed: events at the same minute run in the order they were made,
//! so a day is a pure function of its inputs and the sampler's draws.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// One TPS: how many voters it serves at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Station {
    /// Booths (voters served at the same time).
    pub booths: u32,
}

/// One wave: voters that leave together at `release`, walk `walk` minutes to their
/// station (or, for a visit, the team walks from the station to the voters), vote,
/// and go back together (`walk_back` minutes) once the last of them is done.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Index into [`Day::stations`].
    pub station: usize,
    /// Scheduled departure (minutes since midnight).
    pub release: f64,
    /// Walking minutes to the place of voting.
    pub walk: f64,
    /// Walking minutes back after the last voter is done.
    pub walk_back: f64,
    /// Voters.
    pub size: u32,
    /// No voter of the batch is served before this time (their list's window opens).
    pub open: f64,
    /// A batch that arrives at or after this time is turned away (window closed).
    pub close: f64,
    /// Segregation class (index into [`Day::compatible`]).
    pub class: usize,
    /// Resources (named escorts, a visit team) the batch needs all of to leave; each
    /// serves its batches in order of release and is busy until the batch is back.
    pub resources: Vec<usize>,
    /// A KPPS visit: voters are served one after the other where they are, by the
    /// visit team, using no booth and joining no queue.
    pub mobile: bool,
}

/// A voting day to simulate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Day {
    /// The TPS.
    pub stations: Vec<Station>,
    /// The waves, in any order.
    pub batches: Vec<Batch>,
    /// How many resources batches name (ids `0..resources`).
    pub resources: usize,
    /// `compatible[a][b]`: voters of classes `a` and `b` may be at one station at once.
    /// A batch waits at the door until every voter there is of a class compatible
    /// with its own (and behind every batch already waiting, first come first served).
    pub compatible: Vec<Vec<bool>>,
}

/// What happened to one voter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoterTrace {
    /// Index into [`Day::batches`].
    pub batch: usize,
    /// Arrival at the station (visits: the team's arrival).
    pub arrive: f64,
    /// Service start (`NaN` when turned away).
    pub start: f64,
    /// Service end (`NaN` when turned away).
    pub end: f64,
}

impl VoterTrace {
    /// Whether the voter voted (arrived before the window closed).
    pub fn served(&self) -> bool {
        !self.start.is_nan()
    }
}

/// What happened to one batch.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BatchTrace {
    /// Left (after its release, its delay and its resources).
    pub depart: f64,
    /// Arrived at the place of voting.
    pub arrive: f64,
    /// Last voter done (arrival when turned away).
    pub done: f64,
    /// Back where it left from; its resources are free again.
    pub back: f64,
    /// Voters turned away (arrived after the window closed).
    pub turned_away: u32,
}

/// One simulated day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trace {
    /// Per batch, in [`Day::batches`] order.
    pub batches: Vec<BatchTrace>,
    /// Per voter, grouped by batch in [`Day::batches`] order.
    pub voters: Vec<VoterTrace>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// The batch may leave (release plus delay reached).
    Release(usize),
    /// The batch reaches the place of voting (or retries after waiting for its window).
    Arrive(usize),
    /// A voter (index into the trace) leaves a booth.
    ServiceEnd(usize),
    /// The batch is back; its resources are free.
    Back(usize),
}

/// A heap entry: earliest time first, then creation order.
#[derive(Debug, Clone, Copy)]
struct Entry {
    time: f64,
    seq: u64,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap.
        o.time.total_cmp(&self.time).then(o.seq.cmp(&self.seq))
    }
}

/// Per-station state.
#[derive(Debug, Clone, Default)]
struct StationState {
    free_booths: u32,
    /// Voters (trace indices) waiting for a booth.
    queue: VecDeque<usize>,
    /// Batches waiting at the door (segregation).
    door: VecDeque<usize>,
    /// Voters present per class (queued or in a booth).
    present: Vec<u32>,
}

struct Sim<'a> {
    day: &'a Day,
    heap: BinaryHeap<Entry>,
    seq: u64,
    stations: Vec<StationState>,
    trace: Trace,
    /// First voter (trace index) of each batch.
    first_voter: Vec<usize>,
    /// Voters of each batch not yet done.
    remaining: Vec<u32>,
    /// Release time reached (waiting for resources or gone).
    pending: Vec<bool>,
    departed: Vec<bool>,
    /// Reached the place of voting (a retry after waiting for the window keeps the
    /// first arrival).
    arrived: Vec<bool>,
    /// Per resource: its batches in order, the next one it serves, busy now.
    order: Vec<Vec<usize>>,
    next: Vec<usize>,
    busy: Vec<bool>,
}

/// Simulates one day. `delay[b]` is added to batch `b`'s release (late waves, a
/// replacement for an absent officer); `service(b)` draws the minutes one voter of
/// batch `b` needs (at a booth, or with the visit team).
pub fn simulate(day: &Day, delay: &[f64], service: &mut dyn FnMut(usize) -> f64) -> Trace {
    let n = day.batches.len();
    let classes = day.compatible.len();
    let mut first_voter = Vec::with_capacity(n);
    let mut voters = Vec::new();
    for (b, batch) in day.batches.iter().enumerate() {
        first_voter.push(voters.len());
        for _ in 0..batch.size {
            voters.push(VoterTrace {
                batch: b,
                arrive: f64::NAN,
                start: f64::NAN,
                end: f64::NAN,
            });
        }
    }
    let mut order = vec![Vec::new(); day.resources];
    let mut by_release: Vec<usize> = (0..n).collect();
    by_release.sort_by(|&a, &b| {
        day.batches[a]
            .release
            .total_cmp(&day.batches[b].release)
            .then(a.cmp(&b))
    });
    for &b in &by_release {
        for &r in &day.batches[b].resources {
            order[r].push(b);
        }
    }
    let mut sim = Sim {
        day,
        heap: BinaryHeap::with_capacity(n * 2),
        seq: 0,
        stations: day
            .stations
            .iter()
            .map(|s| StationState {
                free_booths: s.booths,
                present: vec![0; classes],
                ..Default::default()
            })
            .collect(),
        trace: Trace {
            batches: vec![BatchTrace::default(); n],
            voters,
        },
        first_voter,
        remaining: day.batches.iter().map(|b| b.size).collect(),
        pending: vec![false; n],
        departed: vec![false; n],
        arrived: vec![false; n],
        order,
        next: vec![0; day.resources],
        busy: vec![false; day.resources],
    };
    for &b in &by_release {
        let t = day.batches[b].release + delay.get(b).copied().unwrap_or(0.0);
        sim.push(t, Event::Release(b));
    }
    while let Some(Entry { time, event, .. }) = sim.heap.pop() {
        match event {
            Event::Release(b) => {
                sim.pending[b] = true;
                sim.try_depart(b, time);
            }
            Event::Arrive(b) => sim.arrive(b, time, service),
            Event::ServiceEnd(v) => sim.service_end(v, time, service),
            Event::Back(b) => sim.back(b, time),
        }
    }
    sim.trace
}

impl Sim<'_> {
    fn push(&mut self, time: f64, event: Event) {
        self.seq += 1;
        self.heap.push(Entry {
            time,
            seq: self.seq,
            event,
        });
    }

    /// Leaves now if released and every resource is free and has no earlier batch.
    fn try_depart(&mut self, b: usize, now: f64) {
        if !self.pending[b] || self.departed[b] {
            return;
        }
        let batch = &self.day.batches[b];
        let ready = batch
            .resources
            .iter()
            .all(|&r| !self.busy[r] && self.order[r].get(self.next[r]) == Some(&b));
        if !ready {
            return;
        }
        for &r in &batch.resources {
            self.busy[r] = true;
        }
        self.departed[b] = true;
        self.trace.batches[b].depart = now;
        self.push(now + batch.walk, Event::Arrive(b));
    }

    fn arrive(&mut self, b: usize, now: f64, service: &mut dyn FnMut(usize) -> f64) {
        let batch = &self.day.batches[b];
        if !self.arrived[b] {
            self.arrived[b] = true;
            self.trace.batches[b].arrive = now;
            let first = self.first_voter[b];
            for v in &mut self.trace.voters[first..first + batch.size as usize] {
                v.arrive = now;
            }
        }
        let arrived = self.trace.batches[b].arrive;
        if arrived >= batch.close {
            // Nobody new after the window closes.
            self.trace.batches[b].turned_away = batch.size;
            self.trace.batches[b].done = arrived;
            self.remaining[b] = 0;
            self.push(now + batch.walk_back, Event::Back(b));
            return;
        }
        if now < batch.open {
            // Waits aside for the window.
            self.push(batch.open, Event::Arrive(b));
            return;
        }
        if batch.mobile {
            // The visit team serves one voter after the other where they are.
            let mut t = now;
            let first = self.first_voter[b];
            for i in 0..batch.size as usize {
                let s = service(b);
                let v = &mut self.trace.voters[first + i];
                v.start = t;
                t += s;
                v.end = t;
            }
            self.remaining[b] = 0;
            self.trace.batches[b].done = t;
            self.push(t + batch.walk_back, Event::Back(b));
            return;
        }
        if batch.size == 0 {
            self.trace.batches[b].done = now;
            self.push(now + batch.walk_back, Event::Back(b));
            return;
        }
        let s = batch.station;
        if self.stations[s].door.is_empty() && self.fits(s, batch.class) {
            self.admit(b, now, service);
        } else {
            self.stations[s].door.push_back(b);
        }
    }

    /// Whether a batch of `class` may enter station `s` given who is there.
    fn fits(&self, s: usize, class: usize) -> bool {
        self.stations[s]
            .present
            .iter()
            .enumerate()
            .all(|(k, &n)| n == 0 || self.day.compatible[k][class])
    }

    fn admit(&mut self, b: usize, now: f64, service: &mut dyn FnMut(usize) -> f64) {
        let batch = &self.day.batches[b];
        let st = &mut self.stations[batch.station];
        st.present[batch.class] += batch.size;
        let first = self.first_voter[b];
        st.queue.extend(first..first + batch.size as usize);
        self.start_services(batch.station, now, service);
    }

    fn start_services(&mut self, s: usize, now: f64, service: &mut dyn FnMut(usize) -> f64) {
        while self.stations[s].free_booths > 0 {
            let Some(v) = self.stations[s].queue.pop_front() else {
                break;
            };
            self.stations[s].free_booths -= 1;
            let minutes = service(self.trace.voters[v].batch);
            self.trace.voters[v].start = now;
            self.trace.voters[v].end = now + minutes;
            self.push(now + minutes, Event::ServiceEnd(v));
        }
    }

    fn service_end(&mut self, v: usize, now: f64, service: &mut dyn FnMut(usize) -> f64) {
        let b = self.trace.voters[v].batch;
        let batch = &self.day.batches[b];
        let s = batch.station;
        self.stations[s].free_booths += 1;
        self.stations[s].present[batch.class] -= 1;
        self.remaining[b] -= 1;
        if self.remaining[b] == 0 {
            self.trace.batches[b].done = now;
            self.push(now + batch.walk_back, Event::Back(b));
        }
        self.start_services(s, now, service);
        // Batches at the door enter in order while they may.
        while let Some(&next) = self.stations[s].door.front() {
            if !self.fits(s, self.day.batches[next].class) {
                break;
            }
            self.stations[s].door.pop_front();
            self.admit(next, now, service);
        }
    }

    fn back(&mut self, b: usize, now: f64) {
        self.trace.batches[b].back = now;
        let resources = self.day.batches[b].resources.clone();
        for &r in &resources {
            self.busy[r] = false;
            self.next[r] += 1;
        }
        for &r in &resources {
            if let Some(&n) = self.order[r].get(self.next[r]) {
                self.try_depart(n, now);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_station(booths: u32) -> Day {
        Day {
            stations: vec![Station { booths }],
            compatible: vec![vec![true]],
            ..Default::default()
        }
    }

    fn walk_in(release: f64, size: u32) -> Batch {
        Batch {
            station: 0,
            release,
            walk: 0.0,
            walk_back: 0.0,
            size,
            open: 0.0,
            close: f64::INFINITY,
            class: 0,
            resources: vec![],
            mobile: false,
        }
    }

    #[test]
    fn a_fixed_day_matches_the_hand_calculation() {
        // Two booths, 4 minutes a voter. 07:00 five voters: starts 0,0,4,4,8, ends
        // 4,4,8,8,12. A second wave of two at +6 waits behind the fifth voter: starts
        // 8 and 12, ends 12 and 16.
        let mut day = one_station(2);
        day.batches = vec![walk_in(420.0, 5), walk_in(426.0, 2)];
        let t = simulate(&day, &[0.0, 0.0], &mut |_| 4.0);
        let starts: Vec<f64> = t.voters.iter().map(|v| v.start - 420.0).collect();
        let ends: Vec<f64> = t.voters.iter().map(|v| v.end - 420.0).collect();
        assert_eq!(starts, [0.0, 0.0, 4.0, 4.0, 8.0, 8.0, 12.0]);
        assert_eq!(ends, [4.0, 4.0, 8.0, 8.0, 12.0, 12.0, 16.0]);
        assert_eq!(t.batches[0].done, 432.0);
        assert_eq!(t.batches[1].done, 436.0);
    }

    #[test]
    fn an_escort_on_two_waves_brings_the_second_only_after_the_first_is_back() {
        // One booth, 5 minutes a voter, walk 3 each way, one escort on both waves.
        // Wave A (2 voters) leaves 420, arrives 423, done 433, back 436. Wave B was due
        // to leave at 425 but its escort is back only at 436: arrives 439, done 444.
        let mut day = one_station(1);
        day.resources = 1;
        let mut a = walk_in(420.0, 2);
        a.walk = 3.0;
        a.walk_back = 3.0;
        a.resources = vec![0];
        let mut b = a.clone();
        b.release = 425.0;
        b.size = 1;
        day.batches = vec![a, b];
        let t = simulate(&day, &[0.0, 0.0], &mut |_| 5.0);
        assert_eq!(t.batches[0].back, 436.0);
        assert_eq!(t.batches[1].depart, 436.0);
        assert_eq!(t.batches[1].arrive, 439.0);
        assert_eq!(t.batches[1].done, 444.0);
        // A delay of 20 on wave A pushes both.
        let t = simulate(&day, &[20.0, 0.0], &mut |_| 5.0);
        assert_eq!(t.batches[0].depart, 440.0);
        assert_eq!(t.batches[1].done, 464.0);
    }

    #[test]
    fn classes_that_may_not_mix_wait_at_the_door_and_windows_hold_voters_aside() {
        // Men (class 0) at 420 for 2 voters x 10 min on 4 booths; women (class 1)
        // arriving at 425 wait until the men are out at 430.
        let mut day = one_station(4);
        day.compatible = vec![vec![true, false], vec![false, true]];
        let mut w = walk_in(425.0, 1);
        w.class = 1;
        // DPK opening at 12:00: arrives 11:50, votes at 12:00; one after 13:00: away.
        let mut dpk = walk_in(710.0, 1);
        dpk.open = 720.0;
        dpk.close = 780.0;
        let mut late = dpk.clone();
        late.release = 781.0;
        day.batches = vec![walk_in(420.0, 2), w, dpk, late];
        let t = simulate(&day, &[0.0; 4], &mut |_| 10.0);
        assert_eq!(t.voters[2].start, 430.0);
        assert_eq!(t.voters[2].arrive, 425.0);
        assert_eq!(t.voters[3].start, 720.0);
        assert_eq!(t.voters[3].arrive, 710.0);
        assert!(!t.voters[4].served());
        assert_eq!(t.batches[3].turned_away, 1);
    }

    #[test]
    fn a_visit_uses_no_booth_and_serves_one_voter_after_the_other() {
        let mut day = one_station(1);
        day.resources = 1;
        let mut visit = walk_in(720.0, 3);
        visit.mobile = true;
        visit.walk = 2.0;
        visit.walk_back = 2.0;
        visit.resources = vec![0];
        day.batches = vec![walk_in(720.0, 1), visit];
        let t = simulate(&day, &[0.0, 0.0], &mut |b| if b == 1 { 10.0 } else { 5.0 });
        assert_eq!(t.voters[0].start, 720.0);
        let visit: Vec<(f64, f64)> = t.voters[1..].iter().map(|v| (v.start, v.end)).collect();
        assert_eq!(visit, [(722.0, 732.0), (732.0, 742.0), (742.0, 752.0)]);
        assert_eq!(t.batches[1].back, 754.0);
    }
}
