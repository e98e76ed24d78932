//! Capacities the models share: time slots and booth throughput, the load of one TPS
//! (cap, nested window throughput, visit time), and the escort capacity on duty.

use std::collections::BTreeSet;

use crate::facility::Facility;
use crate::model::{Clock, StaffRole};

use super::groups::Group;

/// One scheduling slot `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Start.
    pub start: Clock,
    /// End.
    pub end: Clock,
}

impl Slot {
    /// Minutes.
    pub fn len(&self) -> u16 {
        self.end.0 - self.start.0
    }

    /// Whether the slot is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Minutes a voter takes at the booth (scenario shortcut, else the ruleset).
pub fn minutes_per_voter(facility: &Facility) -> f64 {
    facility
        .scenario
        .minutes_per_voter
        .unwrap_or(facility.rules.tps.menit_per_pemilih)
}

/// Slots from opening to closing minus the buffer, the last one possibly shorter.
pub fn slots(facility: &Facility) -> Vec<Slot> {
    let r = &facility.rules;
    let step = r.jam.menit_slot.max(1);
    let last = r.last_voting_minute();
    let mut out = Vec::new();
    let mut t = r.jam.buka;
    while t < last {
        let end = Clock((t.0 + step).min(last.0));
        out.push(Slot { start: t, end });
        t = end;
    }
    out
}

/// Voters one TPS with `booths` booths serves in a slot of `len` minutes.
pub fn slot_capacity(booths: u32, len: u16, minutes_per_voter: f64) -> u32 {
    (booths as f64 * len as f64 / minutes_per_voter + 1e-9).floor() as u32
}

/// Voters a TPS with the ruleset's booths serves in the day's first slot (0 when the
/// day has no slot).
pub fn first_slot_capacity(facility: &Facility) -> u32 {
    slots(facility)
        .first()
        .map(|s| {
            slot_capacity(
                facility.rules.tps.bilik,
                s.len(),
                minutes_per_voter(facility),
            )
        })
        .unwrap_or(0)
}

/// The throughput structure of one site: its slots' capacities and the interval rows
/// that a TPS schedule exists iff they hold (Hall's condition for unit jobs with
/// windows, checked on every interval between a window start and a window end).
#[derive(Debug, Clone, PartialEq)]
pub struct Throughput {
    /// Capacity per slot.
    pub per_slot: Vec<u32>,
    /// `(from, to, capacity)`: voters whose window lies inside `[from, to)` fit in `capacity`.
    pub intervals: Vec<(Clock, Clock, u32)>,
}

impl Throughput {
    /// Builds the rows for the distinct windows of `groups`.
    pub fn new(facility: &Facility, booths: u32, groups: &[Group]) -> Throughput {
        Throughput::limited(facility, booths, groups, None)
    }

    /// As [`Throughput::new`], each slot holding at most `limit` voters when given.
    pub fn limited(
        facility: &Facility,
        booths: u32,
        groups: &[Group],
        limit: Option<u32>,
    ) -> Throughput {
        let mpv = minutes_per_voter(facility);
        let slots = slots(facility);
        let per_slot: Vec<u32> = slots
            .iter()
            .map(|s| {
                let c = slot_capacity(booths, s.len(), mpv);
                limit.map_or(c, |l| c.min(l))
            })
            .collect();
        let mut starts: Vec<Clock> = groups
            .iter()
            .filter(|g| !g.mobile)
            .map(|g| g.window.0)
            .collect();
        let mut ends: Vec<Clock> = groups
            .iter()
            .filter(|g| !g.mobile)
            .map(|g| g.window.1)
            .collect();
        starts.sort();
        starts.dedup();
        ends.sort();
        ends.dedup();
        let mut intervals = Vec::new();
        for &a in &starts {
            for &b in &ends {
                if a < b {
                    let cap = slots
                        .iter()
                        .zip(&per_slot)
                        .filter(|(s, _)| s.start >= a && s.end <= b)
                        .map(|(_, c)| *c)
                        .sum();
                    intervals.push((a, b, cap));
                }
            }
        }
        Throughput {
            per_slot,
            intervals,
        }
    }

    /// Most walking voters one TPS can serve in the whole day.
    pub fn day(&self) -> u32 {
        self.per_slot.iter().sum()
    }
}

/// Visit teams a TPS can send at once (one PTPS must go with each).
pub fn visit_teams(facility: &Facility) -> u32 {
    facility.rules.luar.ptps_per_tps.max(1)
}

/// Minutes a visit team has in the day: from opening to closing minus the buffer.
/// Visits to locked blocks and high-risk cells may happen all day (inside each voter's
/// list window); clinic visits only inside `[jendela] kunjungan`, which the schedule
/// enforces.
pub fn visit_minutes(facility: &Facility) -> f64 {
    let r = &facility.rules;
    r.last_voting_minute().0.saturating_sub(r.jam.buka.0) as f64
}

/// Most visited voters one TPS serves: each team votes its voters one after another
/// inside the window, `menit_kunjungan_per_pemilih` each.
pub fn visit_voters(facility: &Facility) -> u32 {
    let mk = facility.rules.pengawalan.menit_kunjungan_per_pemilih;
    if mk <= 0.0 {
        return u32::MAX / 4;
    }
    visit_teams(facility) * (visit_minutes(facility) / mk + 1e-9).floor() as u32
}

/// Visit windows narrower than the day: `(from, to, voters)` for every pair of a start
/// and an end among the mobile groups' windows, where `voters` is the most a TPS's
/// teams visit inside `[from, to)` (`menit_kunjungan_per_pemilih` each, one voter after
/// another per team). Visited voters whose window lies inside `[from, to)` fit in it:
/// a clinic visit (12:00-13:00) or a DPK voter in a locked block cannot use the morning.
pub fn visit_intervals(facility: &Facility, groups: &[Group]) -> Vec<(Clock, Clock, u32)> {
    let mk = facility.rules.pengawalan.menit_kunjungan_per_pemilih;
    if mk <= 0.0 {
        return Vec::new();
    }
    let day = visit_voters(facility);
    let mobile = || groups.iter().filter(|g| g.mobile);
    let starts: BTreeSet<Clock> = mobile().map(|g| g.window.0).collect();
    let ends: BTreeSet<Clock> = mobile().map(|g| g.window.1).collect();
    let mut out = Vec::new();
    for &a in &starts {
        for &b in &ends {
            if a < b {
                let minutes = f64::from(b.0 - a.0);
                let fit = visit_teams(facility) * (minutes / mk + 1e-9).floor() as u32;
                if fit < day {
                    out.push((a, b, fit));
                }
            }
        }
    }
    out
}

/// The visited voters of `content` (voters per group) whose window lies inside each of
/// `intervals`, against its capacity: the voters that still fit in the tightest one.
pub fn visit_room<'a>(
    intervals: &[(Clock, Clock, u32)],
    groups: &[Group],
    content: impl Iterator<Item = (&'a usize, &'a u32)> + Clone,
    window: (Clock, Clock),
) -> u32 {
    intervals
        .iter()
        .filter(|iv| window.0 >= iv.0 && window.1 <= iv.1)
        .map(|&(a, b, cap)| {
            let used: u32 = content
                .clone()
                .filter(|(g, _)| {
                    let grp = &groups[**g];
                    grp.mobile && grp.window.0 >= a && grp.window.1 <= b
                })
                .map(|(_, n)| *n)
                .sum();
            cap.saturating_sub(used)
        })
        .min()
        .unwrap_or(u32::MAX)
}

/// Officers a mobile visit needs (voters are served one at a time).
pub fn visit_officers(facility: &Facility, high_risk: bool) -> u32 {
    let e = &facility.rules.pengawalan;
    if high_risk {
        e.petugas_per_wbp_risiko_tinggi
    } else {
        1u32.div_ceil(e.wbp_per_pengawal.max(1))
    }
}

/// Escorts a walking wave of `voters` needs.
pub fn wave_escorts(facility: &Facility, voters: u32, high_risk: bool) -> u32 {
    let e = &facility.rules.pengawalan;
    if high_risk {
        voters * e.petugas_per_wbp_risiko_tinggi
    } else {
        voters.div_ceil(e.wbp_per_pengawal.max(1))
    }
}

/// Officers free to escort at each minute of the day (index = minutes since 00:00).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscortProfile {
    /// Officers per minute, 1,440 entries.
    pub per_minute: Vec<u32>,
    /// Of them women, per minute (a women's block's wave needs one); `None`: not
    /// limited (a relaxed plan, whose missing women become requests).
    pub women: Option<Vec<u32>>,
}

impl EscortProfile {
    /// The same number all day.
    pub fn constant(n: u32) -> Self {
        Self {
            per_minute: vec![n; 24 * 60],
            women: None,
        }
    }

    /// Women escorts free at minute `m`, `None` when not limited.
    pub fn women_at(&self, m: i64) -> Option<u32> {
        let w = self.women.as_ref()?;
        Some(if m < 0 {
            0
        } else {
            w.get(m as usize).copied().unwrap_or(0)
        })
    }

    /// Officers free at minute `m` (0 outside the day).
    pub fn at(&self, m: i64) -> u32 {
        if m < 0 {
            return 0;
        }
        self.per_minute.get(m as usize).copied().unwrap_or(0)
    }
}

/// The escort capacity from the staff list: officers whose roles include `pengawal`,
/// on duty for the whole minute, minus those who must sit on a KPPS. KPPS seats
/// (`kpps.jumlah` x `tps_count`) are filled first from staff who may be KPPS but are not
/// escorts; the seats left come out of the escorts for the whole day. Issue 5 (staffing)
/// replaces this with the named roster.
pub fn escort_profile_from_staff(facility: &Facility, tps_count: u32) -> EscortProfile {
    let seats = facility.rules.kpps.jumlah * tps_count;
    let kpps_only = facility
        .staff
        .iter()
        .filter(|s| s.roles.contains(&StaffRole::Kpps) && !s.roles.contains(&StaffRole::Pengawal))
        .count() as u32;
    let reserved = seats.saturating_sub(kpps_only);
    let mut per_minute = vec![0u32; 24 * 60];
    let mut women = vec![0u32; 24 * 60];
    for s in facility
        .staff
        .iter()
        .filter(|s| s.roles.contains(&StaffRole::Pengawal))
    {
        let from = s.on_duty_from.0 as usize;
        let until = (s.on_duty_until.0 as usize).min(per_minute.len());
        for m in per_minute.iter_mut().take(until).skip(from) {
            *m += 1;
        }
        // Women who cannot sit on a crew stay free for the women's waves.
        if s.sex == crate::model::Sex::P && !s.roles.contains(&StaffRole::Kpps) {
            for m in women.iter_mut().take(until).skip(from) {
                *m += 1;
            }
        }
    }
    for m in &mut per_minute {
        *m = m.saturating_sub(reserved);
    }
    EscortProfile {
        per_minute,
        women: Some(women),
    }
}

/// Whole minutes `[from, to)` touched by the real interval `[a, b)`.
pub fn touched_minutes(a: f64, b: f64) -> (i64, i64) {
    let from = (a + 1e-9).floor() as i64;
    let to = (b - 1e-9).ceil() as i64;
    (from, to.max(from + 1))
}

/// Most voters one escort takes in a walking wave of voters who are not high risk:
/// `min(wbp_per_pengawal, maks_gelombang)`. A wave of `v` such voters needs at least
/// `ceil(v / m)` escorts however the voters of a slot are cut into waves.
pub fn escort_wave(facility: &Facility) -> u32 {
    let e = &facility.rules.pengawalan;
    e.wbp_per_pengawal.max(1).min(e.maks_gelombang.max(1))
}

/// The convex lower envelope of `ceil(v / m)` over the voters `v <= sc` of one slot
/// at one TPS: `env(v) = max(v / m, k + (v - k m) / r)` with `k = floor(sc / m)` and
/// `r = sc - k m` (only the first piece when `r = 0`). Summed over `S` slots and `n`
/// TPS it bounds the escorts of `U` voters from below by Jensen's inequality:
/// `escorts >= max(U / m, k S n + (U - k m S n) / r)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Envelope {
    /// Voters per escort.
    pub m: f64,
    /// Full escorts a slot holds.
    pub k: f64,
    /// Voters of the slot beyond the full escorts (0: none).
    pub r: f64,
}

impl Envelope {
    /// The envelope for slots of at most `slot_cap` voters.
    pub fn new(facility: &Facility, slot_cap: u32) -> Envelope {
        let m = escort_wave(facility);
        let k = slot_cap / m;
        Envelope {
            m: m as f64,
            k: k as f64,
            r: (slot_cap - k * m) as f64,
        }
    }

    /// Escorts at least needed by `voters` in `slots` slot-TPS (the second piece of the
    /// envelope; the first is `voters / m`).
    pub fn escorts(&self, voters: f64, slots: f64) -> f64 {
        let base = voters / self.m;
        if self.r <= 0.0 {
            return base;
        }
        base.max(self.k * slots + (voters - self.k * self.m * slots) / self.r)
    }
}

/// Shortest slot lying inside `window` (minutes), the length a wave of such voters
/// takes at least.
pub fn shortest_slot(facility: &Facility, window: (Clock, Clock)) -> u16 {
    slots(facility)
        .iter()
        .filter(|s| s.start >= window.0 && s.end <= window.1)
        .map(|s| s.len())
        .min()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::FacilityBuilder;

    fn facility(ratio: u32, max_wave: u32) -> Facility {
        FacilityBuilder::new("x")
            .rule(&format!(
                "[pengawalan]\nwbp_per_pengawal = {ratio}\nmaks_gelombang = {max_wave}"
            ))
            .build()
            .0
    }

    #[test]
    fn an_escort_takes_the_smaller_of_the_ratio_and_the_wave_size() {
        assert_eq!(escort_wave(&facility(10, 20)), 10);
        assert_eq!(escort_wave(&facility(10, 6)), 6);
    }

    #[test]
    fn the_escort_envelope_counts_the_second_escort_of_full_slots() {
        // Slots of 12 voters, 10 per escort: 23 slots with 255 voters need at least 23
        // full waves and the 25 voters beyond 230 in waves of at most 2: 35.5 escorts.
        let env = Envelope::new(&facility(10, 20), 12);
        assert_eq!((env.m, env.k, env.r), (10.0, 1.0, 2.0));
        assert!((env.escorts(255.0, 23.0) - 35.5).abs() < 1e-9);
        // Below one full wave per slot only the voters count.
        assert!((env.escorts(200.0, 23.0) - 20.0).abs() < 1e-9);
        // Slots of 10: no second escort is ever forced.
        let even = Envelope::new(&facility(10, 20), 10);
        assert!((even.escorts(230.0, 23.0) - 23.0).abs() < 1e-9);
    }

    #[test]
    fn the_envelope_never_exceeds_the_escorts_of_any_split_into_slots() {
        // Every way of putting up to 12 voters in each of 4 slots needs at least the
        // envelope's escorts (ceil(v / 10) per slot).
        let env = Envelope::new(&facility(10, 20), 12);
        for a in 0..=12u32 {
            for b in 0..=12u32 {
                for c in 0..=12u32 {
                    for d in [0u32, 5, 12] {
                        let v = [a, b, c, d];
                        let real: u32 = v.iter().map(|x| x.div_ceil(10)).sum();
                        let total: u32 = v.iter().sum();
                        assert!(
                            env.escorts(total as f64, 4.0) <= real as f64 + 1e-9,
                            "{v:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_tps_visits_as_many_voters_as_its_teams_fit_in_the_window() {
        // One team, 07:00-12:45 (closing minus the buffer), 10 minutes each: 34 voters.
        let f = facility(10, 20);
        assert_eq!(visit_voters(&f), 34);
    }

    #[test]
    fn late_visits_fit_only_in_their_own_window() {
        use crate::model::Category;
        use crate::testing::VoterSpec;
        // Visited DPK voters (12:00-12:45): one team, 10 minutes each, 4 voters; DPTb
        // (11:00-12:45): 10 voters; DPT visits use the whole day, so no row of their own.
        let (mut f, voters) = FacilityBuilder::new("x")
            .block("a", "z")
            .site("s", "z", 2, 4)
            .path("a", "s", 2.0, false)
            .voters("a", 3, VoterSpec::man().mobile())
            .voters("a", 3, VoterSpec::man().on(Category::Dptb).mobile())
            .voters("a", 3, VoterSpec::man().on(Category::Dpk).mobile())
            .build();
        // KPU's advice for ordinary TPS (DPTb from 11:00) as a ruleset switch.
        f.rules.jendela.dptb.mulai = Clock(11 * 60);
        let layout = crate::layout::Layout::build(&f);
        let groups = super::super::groups::build_groups(&f, &layout, &voters).unwrap();
        let iv = visit_intervals(&f, &groups.groups);
        let at = |h: u16, m: u16| Clock(h * 60 + m);
        assert!(iv.contains(&(at(12, 0), at(12, 45), 4)), "{iv:?}");
        assert!(iv.contains(&(at(11, 0), at(12, 45), 10)), "{iv:?}");
        assert!(iv.iter().all(|x| x.0 != at(7, 0)), "{iv:?}");
    }
}
