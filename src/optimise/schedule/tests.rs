//! Unit tests of the schedule's pieces (visits, the walking greedy, its repairs, the
//! elastic model) on small facilities built in code: each asserts a property the
//! piece keeps (room per slot, windows, officers, turns) or a measure it reports.

use super::*;
use crate::model::Category;
use crate::testing::{FacilityBuilder, VoterSpec};

use super::super::groups::build_groups;

/// A facility with its layout and groups.
struct Day {
    f: Facility,
    layout: Layout,
    groups: Groups,
}

impl Day {
    fn new(builder: FacilityBuilder) -> Self {
        let (f, voters) = builder.build();
        let layout = Layout::build(&f);
        let groups = build_groups(&f, &layout, &voters).expect("groups");
        Self { f, layout, groups }
    }

    /// One TPS at `aula` holding every group whose block is in `blocks`.
    fn tps(&self, blocks: &[&str]) -> Copy {
        let site = self
            .layout
            .sites
            .iter()
            .position(|s| s.id.as_str() == "aula")
            .expect("aula");
        let mut parts = BTreeMap::new();
        let mut class = 0;
        for (g, grp) in self.groups.groups.iter().enumerate() {
            if blocks.contains(&grp.block_id.as_str()) {
                parts.insert(g, grp.size());
                class = grp.class;
            }
        }
        Copy { site, class, parts }
    }

    fn ctx<'a>(&'a self, copies: &'a [Copy]) -> Ctx<'a> {
        Ctx::new(
            &self.f,
            &self.layout,
            &self.groups,
            copies,
            Duration::from_secs(5),
        )
    }
}

/// Two walking blocks and a mobile one at a site of four booths.
fn builder() -> FacilityBuilder {
    FacilityBuilder::new("uji-jadwal")
        .block("A", "umum")
        .block("B", "umum")
        .block("M", "umum")
        .site("aula", "umum", 2, 4)
        .path("A", "aula", 3.0, false)
        .path("B", "aula", 5.0, false)
        .path("M", "aula", 8.0, false)
}

const PLAIN: Variant = Variant {
    lookahead: 4,
    light: false,
    eager: false,
    reverse: false,
};

/// Escorts the walking waves use per minute (walks included).
fn escorts_per_minute(ctx: &Ctx, waves: &[PlannedWave]) -> Vec<i64> {
    let mut used = vec![0i64; 24 * 60];
    for w in waves.iter().filter(|w| !w.mobile) {
        let walk = ctx
            .layout
            .walk(ctx.groups.groups[w.group].place, ctx.copies[w.copy].site)
            .unwrap_or(0.0);
        book(
            &mut used,
            w.start.0 as f64 - walk,
            w.end.0 as f64 + walk,
            w.escorts,
        );
    }
    used
}

/// Every walking wave lies in a slot of its group's window; no TPS's slot holds more
/// than its room or voters who may not meet; the escorts are those the wave needs.
fn assert_walking_waves_keep_the_rules(ctx: &Ctx, waves: &[PlannedWave]) {
    let mut per_slot: BTreeMap<(usize, Clock), (u32, Vec<usize>)> = BTreeMap::new();
    for w in waves.iter().filter(|w| !w.mobile) {
        let g = &ctx.groups.groups[w.group];
        let q = ctx
            .slots
            .iter()
            .position(|s| s.start == w.start && s.end == w.end)
            .expect("a wave fills one slot");
        assert!(
            ctx.slot_in_window(w.group, q),
            "{w:?} outside {:?}",
            g.window
        );
        assert!(w.voters <= ctx.facility.rules.pengawalan.maks_gelombang);
        if g.escorted {
            assert_eq!(w.escorts, wave_escorts(ctx.facility, w.voters, g.high_risk));
        }
        let e = per_slot.entry((w.copy, w.start)).or_default();
        e.0 += w.voters;
        e.1.push(w.group);
        assert!(
            e.0 <= ctx.slot_cap[w.copy][q],
            "slot {q} of TPS {} over its room",
            w.copy
        );
    }
    for ((c, start), (_, gs)) in &per_slot {
        for a in gs {
            for b in gs {
                let (ka, kb) = (&ctx.groups.groups[*a].mix, &ctx.groups.groups[*b].mix);
                assert!(ka.compatible(kb), "TPS {c} at {start:?}: {a} and {b} meet");
            }
        }
    }
}

/// Voters per group in `waves`.
fn voters_per_group(waves: &[PlannedWave]) -> BTreeMap<usize, u32> {
    let mut out = BTreeMap::new();
    for w in waves {
        *out.entry(w.group).or_default() += w.voters;
    }
    out
}

#[test]
fn visits_serve_every_mobile_voter_inside_the_window_one_place_after_another() {
    let day = Day::new(
        builder()
            .voters("M", 6, VoterSpec::man().mobile())
            .voters("A", 4, VoterSpec::man().mobile())
            .voters("B", 3, VoterSpec::man().on(Category::Dpk).mobile()),
    );
    let copies = [day.tps(&["A", "B", "M"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let mut usage = vec![0i64; 24 * 60];
    let profile = EscortProfile::constant(10);
    let (waves, unserved) = visits(&ctx, &parts, &profile, &mut usage);
    assert!(unserved.is_empty(), "{unserved:?}");
    let mk = day.f.rules.pengawalan.menit_kunjungan_per_pemilih;
    for w in &waves {
        let g = &day.groups.groups[w.group];
        assert!(w.mobile);
        assert!(
            w.start >= g.window.0 && w.end <= g.window.1,
            "{w:?} {:?}",
            g.window
        );
        assert_eq!(w.end.0 - w.start.0, (w.voters as f64 * mk).ceil() as u16);
        assert_eq!(w.voters, g.size(), "a place's group in one visit");
    }
    let total: u32 = waves.iter().map(|w| w.voters).sum();
    assert_eq!(total, 13);
    // With one team the visits follow each other: none starts before the last ends.
    if visit_teams(&day.f) == 1 {
        let mut sorted = waves.clone();
        sorted.sort_by_key(|w| w.start);
        for pair in sorted.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{pair:?}");
        }
    }
    // The officers were booked for them.
    assert!(usage.iter().any(|&u| u > 0));
}

#[test]
fn visits_without_officers_leave_their_voters_unserved_and_book_nothing() {
    let day = Day::new(builder().voters("M", 5, VoterSpec::man().mobile()));
    let copies = [day.tps(&["M"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let mut usage = vec![0i64; 24 * 60];
    let (waves, unserved) = visits(&ctx, &parts, &EscortProfile::constant(0), &mut usage);
    assert!(waves.is_empty());
    assert_eq!(unserved.iter().map(|u| u.2).sum::<u32>(), 5);
    assert!(usage.iter().all(|&u| u == 0));
}

#[test]
fn the_greedy_serves_everybody_within_slot_room_windows_and_turns() {
    // Men, high-risk men (who may not meet them) and men on the DPK (a narrow
    // window) at one TPS, with officers enough.
    let day = Day::new(
        builder()
            .voters("A", 120, VoterSpec::man())
            .voters("A", 6, VoterSpec::man().high_risk())
            .voters("B", 20, VoterSpec::man().on(Category::Dpk)),
    );
    let copies = [day.tps(&["A", "B"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let profile = EscortProfile::constant(40);
    for variant in [
        PLAIN,
        Variant {
            eager: true,
            ..PLAIN
        },
        Variant {
            reverse: true,
            ..PLAIN
        },
    ] {
        let mut usage = vec![0i64; 24 * 60];
        let (waves, left) = greedy_walks(&ctx, &parts, &profile, &mut usage, variant);
        assert!(left.is_empty(), "{variant:?}: {left:?}");
        assert_walking_waves_keep_the_rules(&ctx, &waves);
        let served = voters_per_group(&waves);
        for p in &parts {
            assert_eq!(served.get(&p.group), Some(&p.count), "{variant:?}");
        }
        // What it booked is what its waves need, within the roster.
        assert_eq!(usage, escorts_per_minute(&ctx, &waves));
        assert!((0..usage.len()).all(|m| usage[m] <= profile.at(m as i64) as i64));
    }
}

#[test]
fn the_greedy_keeps_to_the_officers_on_duty_and_says_who_is_left() {
    let day = Day::new(builder().voters("A", 60, VoterSpec::man()));
    let copies = [day.tps(&["A"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    // No officer: nobody walks.
    let mut usage = vec![0i64; 24 * 60];
    let none = EscortProfile::constant(0);
    let (waves, left) = greedy_walks(&ctx, &parts, &none, &mut usage, PLAIN);
    assert!(waves.is_empty());
    assert_eq!(left, vec![(0, parts[0].group, 60)]);
    assert!(usage.iter().all(|&u| u == 0));
    // One officer: at most one escort out at any minute, walks included.
    let one = EscortProfile::constant(1);
    let mut usage = vec![0i64; 24 * 60];
    let (waves, left) = greedy_walks(&ctx, &parts, &one, &mut usage, PLAIN);
    assert_walking_waves_keep_the_rules(&ctx, &waves);
    let used = escorts_per_minute(&ctx, &waves);
    assert!(used.iter().all(|&u| u <= 1));
    let served: u32 = waves.iter().map(|w| w.voters).sum();
    let unserved: u32 = left.iter().map(|l| l.2).sum();
    assert_eq!(served + unserved, 60);
}

#[test]
fn an_exchange_of_slots_serves_voters_whose_slot_had_no_officer_free() {
    // One TPS, one group; two officers. Slot 0 holds one escort's wave of the group
    // and a visit has the other officer inside slot 0: no more voters fit there. The
    // exchange moves the wave to slot 1, where both officers are free, and adds to it.
    let day = Day::new(builder().voters("A", 40, VoterSpec::man()));
    let copies = [day.tps(&["A"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let profile = EscortProfile::constant(2);
    let set = Setting::new(&ctx, &parts, &profile);
    let m = set.m;
    let s0 = ctx.slots[0];
    let mut usage = vec![0i64; 24 * 60];
    // The visit: inside slot 0, clear of slot 1's walk.
    book(&mut usage, s0.start.0 as f64, s0.end.0 as f64 - 4.0, 1);
    let mut walks = Walks::new(&set, &mut usage);
    walks.serve(0, 0, 0, 0, m);
    walks.turn[0][0] = Some(set.colour[0]);
    assert_eq!(
        walks.by_escorts(0, 0, m, 5),
        0,
        "slot 0 has no officer free"
    );
    let before = walks.remaining[0];
    assert!(walks.exchange_and_add(&[0], (0, 0, 0, 1), set.colour[0]));
    let added = before - walks.remaining[0];
    assert!(added > 0);
    assert_eq!(walks.served[0][0], 0);
    assert_eq!(walks.turn[0][0], None);
    assert_eq!(walks.served[0][1], m + added);
    assert_eq!(walks.amount.get(&(0, 1, 0)), Some(&(m + added)));
    assert!(!walks.amount.contains_key(&(0, 0, 0)));
    assert!(
        walks.usage.iter().all(|&u| u <= 2),
        "officers over the roster"
    );
}

#[test]
fn the_shortage_is_merged_into_windows_with_their_peak() {
    assert_eq!(
        ranges(&[0, 2, 3, 1, 0, 0, 1]),
        vec![(Clock(1), Clock(4), 3), (Clock(6), Clock(7), 1)]
    );
    assert!(ranges(&[0, 0]).is_empty());
    // Without officers the greedy's shortage covers every minute its waves walk.
    let day = Day::new(builder().voters("A", 30, VoterSpec::man()));
    let copies = [day.tps(&["A"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let mobile = vec![0i64; 24 * 60];
    let short = greedy_shortage(&ctx, &parts, &EscortProfile::constant(0), &mobile);
    assert!(!short.is_empty());
    // The same greedy as the measure: plain, no look-ahead, officers unlimited.
    let mut usage = mobile.clone();
    let unlimited = EscortProfile::constant(u32::MAX / 4);
    let plain = Variant {
        lookahead: 0,
        ..PLAIN
    };
    let (waves, _) = greedy_walks(&ctx, &parts, &unlimited, &mut usage, plain);
    for (m, &u) in usage.iter().enumerate() {
        if u > 0 {
            let m = Clock(m as u16);
            assert!(
                short
                    .iter()
                    .any(|&(a, b, n)| a <= m && m < b && n as i64 >= u),
                "minute {m:?} with {u} escorts not in {short:?} ({} waves)",
                waves.len()
            );
        }
    }
}

fn elastic_settings() -> SolveSettings {
    SolveSettings {
        backend: super::super::solver::Backend::Microlp,
        time_limit: Duration::from_secs(2),
        mip_gap: 0.0,
    }
}

#[test]
fn the_elastic_model_serves_a_small_day_with_no_shortfall_when_officers_suffice() {
    let day = Day::new(builder().voters("A", 24, VoterSpec::man()));
    let copies = [day.tps(&["A"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let profile = EscortProfile::constant(20);
    let mobile = vec![0i64; 24 * 60];
    let (waves, short) =
        elastic(&ctx, &parts, &profile, &mobile, &elastic_settings()).expect("solved");
    assert_eq!(short, ScheduleShortfall::default());
    assert_eq!(waves.iter().map(|w| w.voters).sum::<u32>(), 24);
    for w in &waves {
        let q = ctx
            .slots
            .iter()
            .position(|s| s.start == w.start)
            .expect("slot");
        assert!(ctx.slot_in_window(w.group, q));
        assert!(w.voters <= ctx.slot_cap[w.copy][q]);
    }
}

#[test]
fn the_elastic_model_reports_the_escorts_it_was_short_when_officers_are_cut() {
    // No officer on duty: serving costs far less than leaving voters, so every voter
    // is served and the shortfall names, minute by minute, the escorts out walking.
    let day = Day::new(builder().voters("A", 24, VoterSpec::man()));
    let copies = [day.tps(&["A"])];
    let ctx = day.ctx(&copies);
    let parts = ctx.parts();
    let mobile = vec![0i64; 24 * 60];
    let (waves, short) = elastic(
        &ctx,
        &parts,
        &EscortProfile::constant(0),
        &mobile,
        &elastic_settings(),
    )
    .expect("solved");
    assert!(short.unserved.is_empty(), "{short:?}");
    assert_eq!(waves.iter().map(|w| w.voters).sum::<u32>(), 24);
    assert!(!short.escorts.is_empty());
    let used = escorts_per_minute(&ctx, &waves);
    for (m, &u) in used.iter().enumerate() {
        let at = Clock(m as u16);
        let reported = short
            .escorts
            .iter()
            .find(|&&(a, b, _)| a <= at && at < b)
            .map_or(0, |r| r.2 as i64);
        assert!(
            reported >= u,
            "minute {m}: {u} escorts out, {reported} reported"
        );
    }
    // And nothing is reported short where nobody walks.
    for &(a, b, _) in &short.escorts {
        assert!((a.0..b.0).any(|m| used[m as usize] > 0), "{a:?}-{b:?}");
    }
}
