//! The greedy list schedule of walking waves, slot by slot (see the module
//! documentation of [`super`]), and the as-late-as-possible test it rests on.

use super::*;

/// Escorts the waves of `n` voters of one group in one slot need, cut into waves of
/// at most `maks_gelombang` (a multiple of `wbp_per_pengawal` when it can be).
pub(super) fn slot_escorts(f: &Facility, n: u32, high_risk: bool) -> u32 {
    chunks(f, n)
        .into_iter()
        .map(|v| wave_escorts(f, v, high_risk))
        .sum()
}

/// The waves `n` voters of one group in one slot are cut into.
pub(super) fn chunks(f: &Facility, n: u32) -> Vec<u32> {
    let e = &f.rules.pengawalan;
    let ratio = e.wbp_per_pengawal.max(1);
    let max_wave = e.maks_gelombang.max(1);
    let size = if max_wave >= ratio {
        max_wave / ratio * ratio
    } else {
        max_wave
    };
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let v = left.min(size);
        out.push(v);
        left -= v;
    }
    out
}

/// The walking schedule, slot by slot:
/// - a TPS serves what it *must* now: the voters an as-late-as-possible schedule of its
///   remaining voters cannot fit in the later slots (so no TPS falls behind);
/// - beyond that it serves one full wave of `m = min(wbp_per_pengawal, maks_gelombang)`
///   voters of one group (one escort) — more only when the later slots force it, which
///   keeps the escorts per voter at the floor the bound counts;
/// - high-risk voters (officers per inmate, never with others) go in the first slots
///   in which officers are free, so they do not meet the crowded late windows;
/// - TPS that must serve go first, then those with the least slack;
/// - every wave waits for free escorts; what no escort could take is placed afterwards
///   in any slot of its window with room and free escorts, earlier or later.
pub(super) fn greedy_walks(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    usage: &mut [i64],
    variant: Variant,
) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
    let Variant {
        lookahead,
        light,
        eager,
        reverse,
    } = variant;
    let f = ctx.facility;
    let m = escort_wave(f);
    let ratio = f.rules.pengawalan.wbp_per_pengawal.max(1) as i64;
    let officers = f.rules.pengawalan.petugas_per_wbp_risiko_tinggi.max(1) as i64;
    let nslots = ctx.slots.len();
    let gs = &ctx.groups.groups;
    let mut remaining: Vec<u32> = parts
        .iter()
        .map(|p| if gs[p.group].mobile { 0 } else { p.count })
        .collect();
    let mut by_copy: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, p) in parts.iter().enumerate() {
        if !gs[p.group].mobile {
            by_copy.entry(p.copy).or_default().push(i);
        }
    }
    // Turn (colour) of each part: parts of one colour may share a slot.
    let mut colour = vec![0usize; parts.len()];
    for idx in by_copy.values() {
        let mut classes: Vec<Vec<&crate::optimise::groups::MixKey>> = Vec::new();
        for &i in idx {
            let key = &gs[parts[i].group].mix;
            let pos = classes
                .iter()
                .position(|c| c.iter().all(|k| k.compatible(key)));
            colour[i] = match pos {
                Some(p) => {
                    classes[p].push(key);
                    p
                }
                None => {
                    classes.push(vec![key]);
                    classes.len() - 1
                }
            };
        }
    }
    let ncopies = ctx.copies.len();
    let mut served = vec![vec![0u32; nslots]; ncopies];
    let mut turn: Vec<Vec<Option<usize>>> = vec![vec![None; nslots]; ncopies];
    // (copy, slot, part) -> voters; turned into waves at the end.
    let mut amount: BTreeMap<(usize, usize, usize), u32> = BTreeMap::new();
    let escorts_of = |i: usize, n: u32| {
        let g = &gs[parts[i].group];
        if g.escorted {
            slot_escorts(f, n, g.high_risk) as i64
        } else {
            0
        }
    };
    let interval = |i: usize, q: usize| {
        let s = ctx.slots[q];
        (
            s.start.0 as f64 - parts[i].walk,
            s.end.0 as f64 + parts[i].walk,
        )
    };
    // A new wave of a women's block needs a woman escort free over its interval
    // (the women on duty, per minute, less the women's waves already placed).
    let women_wave = |i: usize| {
        f.rules.pengawalan.pengawal_perempuan_blok_perempuan
            && gs[parts[i].group].mix.sex == crate::model::Sex::P
    };
    let women_used = std::cell::RefCell::new(vec![0i64; 24 * 60]);
    let woman_free = |i: usize, q: usize| -> bool {
        let (a, b) = interval(i, q);
        let (from, to) = touched_minutes(a, b);
        let used = women_used.borrow();
        (from..to).all(|m| {
            profile
                .women_at(m)
                .is_none_or(|w| w as i64 - used.get(m.max(0) as usize).copied().unwrap_or(0) >= 1)
        })
    };
    // How many more voters of part `i` escorts allow in slot `q`, given `have` already.
    let by_escorts = |usage: &[i64], i: usize, q: usize, have: u32, want: u32| -> u32 {
        if have == 0 && women_wave(i) && !woman_free(i, q) {
            return 0;
        }
        if !gs[parts[i].group].escorted {
            return want;
        }
        let (a, b) = interval(i, q);
        let free_now = free(profile, usage, a, b);
        let base = escorts_of(i, have);
        let mut lo = 0u32;
        let mut hi = want;
        // Largest k with escorts(have + k) - escorts(have) <= free.
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if escorts_of(i, have + mid) - base <= free_now {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    };
    let book_part = |usage: &mut [i64], i: usize, q: usize, have: u32, add: u32| {
        let (a, b) = interval(i, q);
        let extra = escorts_of(i, have + add) - escorts_of(i, have);
        if extra > 0 {
            book(usage, a, b, extra as u32);
        }
        if have == 0 && add > 0 && women_wave(i) {
            book(&mut women_used.borrow_mut(), a, b, 1);
        }
    };
    let order: Vec<usize> = if reverse {
        (0..nslots).rev().collect()
    } else {
        (0..nslots).collect()
    };
    for (pos, &q) in order.iter().enumerate() {
        let later = &order[pos + 1..];
        let now_and_later = &order[pos..];
        // What each TPS must serve now.
        let mut musts: Vec<(u32, i64, usize, BTreeMap<usize, u32>)> = Vec::new();
        for (&c, idx) in &by_copy {
            let must = alap_must(
                ctx,
                parts,
                idx,
                &remaining,
                &colour,
                c,
                later,
                light.then_some(m),
            );
            let total: u32 = must.values().sum();
            let cap: i64 = now_and_later
                .iter()
                .map(|&x| ctx.slot_cap[c][x] as i64)
                .sum();
            let load: i64 = idx.iter().map(|&i| remaining[i] as i64).sum();
            musts.push((total, cap - load, c, must));
        }
        musts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        // What the TPS are expected to need in the next slots (their pace of voters who
        // are not high risk, in escorts), so high-risk waves leave it to them.
        let mut projected = vec![0i64; usage.len()];
        let mut own: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for (&c, idx) in &by_copy {
            let normal: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| remaining[i] > 0 && !gs[parts[i].group].high_risk)
                .collect();
            let left: u32 = normal.iter().map(|&i| remaining[i]).sum();
            let Some(&next) = later.first() else {
                continue;
            };
            if left == 0 {
                continue;
            }
            let slots_left = later.len() as u32;
            let pace = left.div_ceil(slots_left).min(ctx.slot_cap[c][next]);
            let e = pace.div_ceil(m) as i64;
            let walk = normal.iter().map(|&i| parts[i].walk).fold(0.0f64, f64::max);
            for &q2 in later.iter().take(lookahead) {
                let s2 = ctx.slots[q2];
                let (from, to) = touched_minutes(s2.start.0 as f64 - walk, s2.end.0 as f64 + walk);
                let mine = own.entry(c).or_insert_with(|| vec![0i64; projected.len()]);
                for t in from.max(0)..to.min(projected.len() as i64) {
                    projected[t as usize] += e;
                    mine[t as usize] += e;
                }
            }
        }
        for (must_total, _, c, must) in musts {
            let idx = &by_copy[&c];
            let open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| remaining[i] > 0 && ctx.slot_in_window(parts[i].group, q))
                .collect();
            let cap_left = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            if open.is_empty() || cap_left == 0 {
                continue;
            }
            // High-risk inmates part `i`'s officers could take in this slot: officers
            // free over its walk, less what the other TPS are expected to need next.
            let spare = |i: usize| -> i64 {
                let (a, b) = interval(i, q);
                let (from, to) = touched_minutes(a, b);
                (from..to)
                    .map(|t| {
                        let t = t.max(0) as usize;
                        profile.at(t as i64) as i64
                            - usage.get(t).copied().unwrap_or(0)
                            - projected.get(t).copied().unwrap_or(0)
                            + own.get(&c).and_then(|o| o.get(t)).copied().unwrap_or(0)
                    })
                    .min()
                    .unwrap_or(0)
                    / officers
            };
            // Room this TPS has left from now on beyond its voters still waiting.
            let slack: i64 = now_and_later
                .iter()
                .map(|&x| ctx.slot_cap[c][x] as i64)
                .sum::<i64>()
                - idx.iter().map(|&i| remaining[i] as i64).sum::<i64>();
            // The turn: what must go now, else high-risk voters when officers are
            // free, else the colour with the most voters waiting.
            let pick = if must_total > 0 {
                must.iter()
                    .max_by_key(|(i, n)| (**n, std::cmp::Reverse(**i)))
                    .map(|(i, _)| colour[*i])
            } else {
                let hr: Vec<usize> = open
                    .iter()
                    .copied()
                    .filter(|&i| gs[parts[i].group].high_risk)
                    .collect();
                let hr_left: u32 = hr.iter().map(|&i| remaining[i]).sum();
                let hr_room = hr.first().map(|&i| spare(i)).unwrap_or(0);
                // A TPS without room for another turn takes its high-risk voters at once.
                let sc = ctx.slot_cap[c][q] as i64;
                let need = if slack < 2 * sc {
                    (hr_left as i64).min(sc)
                } else {
                    (hr_left.min(4) as i64).max(1)
                };
                let hr_ok = hr_room >= need;
                if hr_ok {
                    hr.first().map(|&i| colour[i])
                } else {
                    let mut per: BTreeMap<usize, u32> = BTreeMap::new();
                    for &i in &open {
                        *per.entry(colour[i]).or_default() += remaining[i];
                    }
                    per.into_iter()
                        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
                        .map(|(k, _)| k)
                }
            };
            let Some(pick) = pick else { continue };
            if turn[c][q].is_some_and(|t| t != pick) {
                continue;
            }
            let mut chosen: Vec<usize> = open.into_iter().filter(|&i| colour[i] == pick).collect();
            if chosen.is_empty() {
                continue;
            }
            // Must first, then most voters left.
            chosen.sort_by_key(|&i| {
                (
                    std::cmp::Reverse(must.get(&i).copied().unwrap_or(0)),
                    std::cmp::Reverse(remaining[i]),
                    i,
                )
            });
            let high_risk = gs[parts[chosen[0]].group].high_risk;
            let mut want: BTreeMap<usize, u32> = BTreeMap::new();
            for &i in &chosen {
                let n = must.get(&i).copied().unwrap_or(0).min(remaining[i]);
                if n > 0 {
                    want.insert(i, n);
                }
            }
            let planned: u32 = want.values().sum();
            if high_risk {
                // As many as the officers left over the expected needs allow (at least
                // what must go now).
                let mut budget: i64 = chosen.first().map(|&i| spare(i)).unwrap_or(0);
                // A TPS without room for another turn takes them all at once.
                if slack < 2 * ctx.slot_cap[c][q] as i64 {
                    budget = i64::MAX / 4;
                }
                for &i in &chosen {
                    let have = want.get(&i).copied().unwrap_or(0);
                    budget -= have as i64;
                    let more = (remaining[i] - have).min(budget.max(0) as u32);
                    if more > 0 {
                        want.insert(i, have + more);
                        budget -= more as i64;
                    }
                }
            } else if eager {
                // Fill the slot, most voters left first.
                let mut room = cap_left.saturating_sub(planned);
                for &i in &chosen {
                    if room == 0 {
                        break;
                    }
                    let have = want.get(&i).copied().unwrap_or(0);
                    let add = room.min(remaining[i] - have);
                    if add > 0 {
                        want.insert(i, have + add);
                        room -= add;
                    }
                }
            } else if planned < m {
                // Top up to one full wave, from a group already going, else the one
                // with the most voters left.
                let mut room = m - planned;
                let first = want.keys().next().copied().unwrap_or(chosen[0]);
                let have = want.get(&first).copied().unwrap_or(0);
                let add = room.min(remaining[first] - have);
                if add > 0 {
                    want.insert(first, have + add);
                    room -= add;
                }
                // Round an escort's wave up with other groups only when it costs no
                // extra escort (never: each group walks in its own wave).
                let _ = room;
            }
            // Serve within the slot's room and the escorts free.
            let mut left_in_slot = cap_left;
            for &i in &chosen {
                let Some(&n) = want.get(&i) else { continue };
                let n = n.min(left_in_slot);
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, n);
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                left_in_slot -= n;
                turn[c][q] = Some(pick);
            }
        }
        // Spread the second escorts: a TPS with more voters left than one full wave per
        // slot will need extra waves; do a fair share of them now rather than all at
        // the end, where the late windows and the visits crowd the officers.
        let slots_left = now_and_later.len() as u32;
        let mut extra: Vec<(u32, usize)> = Vec::new();
        for (&c, idx) in &by_copy {
            let left: u32 = idx
                .iter()
                .filter(|&&i| !gs[parts[i].group].high_risk)
                .map(|&i| remaining[i])
                .sum();
            let beyond = left.saturating_sub(m * slots_left.saturating_sub(1));
            if beyond > 0 {
                extra.push((beyond, c));
            }
        }
        extra.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (beyond, c) in extra {
            let Some(t) = turn[c][q] else { continue };
            let idx = &by_copy[&c];
            let share = beyond.div_ceil(slots_left.max(1));
            let mut room = ctx.slot_cap[c][q].saturating_sub(served[c][q]).min(share);
            let mut open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| {
                    remaining[i] > 0
                        && colour[i] == t
                        && !gs[parts[i].group].high_risk
                        && ctx.slot_in_window(parts[i].group, q)
                })
                .collect();
            // Groups already walking this slot first (no new wave), then most left.
            open.sort_by_key(|&i| {
                (
                    !amount.contains_key(&(c, q, i)),
                    std::cmp::Reverse(remaining[i]),
                    i,
                )
            });
            for i in open {
                if room == 0 {
                    break;
                }
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                room -= n;
            }
        }
    }
    // Leftovers: any slot of the window with room, the same turn and free escorts.
    for (&c, idx) in &by_copy {
        for &i in idx {
            if remaining[i] == 0 {
                continue;
            }
            for q in 0..nslots {
                if remaining[i] == 0 {
                    break;
                }
                if !ctx.slot_in_window(parts[i].group, q)
                    || turn[c][q].is_some_and(|t| t != colour[i])
                {
                    continue;
                }
                let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
                let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
                if n == 0 {
                    continue;
                }
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                turn[c][q] = Some(colour[i]);
            }
        }
    }
    // Still left: exchange two slots of the TPS so that a slot of the same turn lands
    // where officers are free, then add the voters left to it.
    for (&c, idx) in &by_copy {
        if ctx.out_of_time() {
            break;
        }
        for &i in idx {
            let mut tries = 0;
            while remaining[i] > 0 && tries < 4 {
                tries += 1;
                let mut done = false;
                'host: for q_host in 0..nslots {
                    if !ctx.slot_in_window(parts[i].group, q_host)
                        || turn[c][q_host].is_some_and(|t| t != colour[i])
                    {
                        continue;
                    }
                    for q_new in 0..nslots {
                        if q_new == q_host {
                            continue;
                        }
                        if exchange_and_add(
                            ctx,
                            parts,
                            idx,
                            profile,
                            usage,
                            &mut amount,
                            &mut served,
                            &mut turn,
                            &mut remaining,
                            (c, i, q_host, q_new),
                            colour[i],
                            &escorts_of,
                        ) {
                            done = true;
                            break 'host;
                        }
                    }
                }
                if !done {
                    break;
                }
            }
        }
    }
    // Still left: make officers free where a slot has room for them, by moving other
    // waves (of any TPS) whose walks overlap to another slot of their own window, with
    // room, the same turn and officers free there.
    let keys: Vec<(usize, usize)> = by_copy
        .iter()
        .flat_map(|(&c, idx)| idx.iter().map(move |&i| (c, i)))
        .collect();
    for &(c, i) in &keys {
        if ctx.out_of_time() {
            break;
        }
        let mut moves = 0;
        for q in 0..nslots {
            if remaining[i] == 0 || moves >= 40 {
                break;
            }
            if !ctx.slot_in_window(parts[i].group, q) || turn[c][q].is_some_and(|t| t != colour[i])
            {
                continue;
            }
            let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            let add = room.min(remaining[i]);
            if add == 0 {
                continue;
            }
            let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
            let need = escorts_of(i, have + add) - escorts_of(i, have);
            let (a, b) = interval(i, q);
            let mut guard = 0;
            while free(profile, usage, a, b) < need && guard < 12 {
                guard += 1;
                // A wave whose walk overlaps, moved to a slot whose walk does not.
                let overlapping: Vec<(usize, usize, usize, u32)> = amount
                    .iter()
                    .filter(|((cc, qq, jj), _)| {
                        !(*cc == c && *qq == q) && {
                            let (x, y) = interval(*jj, *qq);
                            x < b && a < y
                        }
                    })
                    .map(|(&(cc, qq, jj), &n)| (cc, qq, jj, n))
                    .collect();
                let mut moved = false;
                'waves: for (cc, q1, j, n) in overlapping {
                    for q2 in 0..nslots {
                        if q2 == q1 || !ctx.slot_in_window(parts[j].group, q2) {
                            continue;
                        }
                        let (x2, y2) = interval(j, q2);
                        if x2 < b && a < y2 {
                            continue;
                        }
                        if turn[cc][q2].is_some_and(|t| t != colour[j])
                            || served[cc][q2] + n > ctx.slot_cap[cc][q2]
                        {
                            continue;
                        }
                        let there = amount.get(&(cc, q2, j)).copied().unwrap_or(0);
                        let extra = escorts_of(j, there + n) - escorts_of(j, there);
                        if free(profile, usage, x2, y2) < extra {
                            continue;
                        }
                        // Move: off q1, onto q2.
                        let (x1, y1) = interval(j, q1);
                        let (from, to) = touched_minutes(x1, y1);
                        let e1 = escorts_of(j, n);
                        for t in from.max(0)..to.min(usage.len() as i64) {
                            usage[t as usize] -= e1;
                        }
                        book_part(usage, j, q2, there, n);
                        amount.remove(&(cc, q1, j));
                        *amount.entry((cc, q2, j)).or_default() += n;
                        served[cc][q1] -= n;
                        served[cc][q2] += n;
                        if served[cc][q1] == 0 {
                            turn[cc][q1] = None;
                        }
                        turn[cc][q2] = Some(colour[j]);
                        moves += 1;
                        moved = true;
                        break 'waves;
                    }
                }
                if !moved {
                    break;
                }
            }
            // Room may have changed if a wave of this TPS moved away.
            let room = ctx.slot_cap[c][q].saturating_sub(served[c][q]);
            let have = amount.get(&(c, q, i)).copied().unwrap_or(0);
            let n = by_escorts(usage, i, q, have, room.min(remaining[i]));
            if n > 0 && turn[c][q].is_none_or(|t| t == colour[i]) {
                book_part(usage, i, q, have, n);
                *amount.entry((c, q, i)).or_default() += n;
                remaining[i] -= n;
                served[c][q] += n;
                turn[c][q] = Some(colour[i]);
            }
        }
    }
    let mut waves = Vec::new();
    for (&(c, q, i), &n) in &amount {
        let slot = ctx.slots[q];
        let p = &parts[i];
        for v in chunks(f, n) {
            waves.push(PlannedWave {
                copy: c,
                group: p.group,
                start: slot.start,
                end: slot.end,
                voters: v,
                escorts: if gs[p.group].escorted {
                    wave_escorts(f, v, gs[p.group].high_risk)
                } else {
                    0
                },
                mobile: false,
            });
        }
    }
    let _ = ratio;
    let left = parts
        .iter()
        .zip(&remaining)
        .filter(|(_, r)| **r > 0)
        .map(|(p, r)| (p.copy, p.group, *r))
        .collect();
    (waves, left)
}

/// The voters of TPS `c` that a schedule of its remaining voters over the slots still to
/// come (`later`, in the order the greedy goes) cannot fit, filled from the farthest
/// (so they must vote now), per part. Each of those slots serves one turn (the one whose
/// parts have the fewest other slots) and within it the most constrained parts.
#[allow(clippy::too_many_arguments)]
pub(super) fn alap_must(
    ctx: &Ctx,
    parts: &[Part],
    idx: &[usize],
    remaining: &[u32],
    colour: &[usize],
    c: usize,
    later: &[usize],
    per_slot: Option<u32>,
) -> BTreeMap<usize, u32> {
    let gs = &ctx.groups.groups;
    let mut rem: BTreeMap<usize, u32> = idx
        .iter()
        .filter(|&&i| remaining[i] > 0)
        .map(|&i| (i, remaining[i]))
        .collect();
    // Most constrained first: in time order the latest window start, in reverse order
    // the earliest window end.
    let forward = later.windows(2).all(|w| w[0] < w[1]);
    let key = |i: usize| -> Clock {
        let w = gs[parts[i].group].window;
        if forward {
            w.0
        } else {
            Clock(u16::MAX - w.1.0)
        }
    };
    for &q2 in later.iter().rev() {
        let open: Vec<usize> = rem
            .iter()
            .filter(|(i, n)| **n > 0 && ctx.slot_in_window(parts[**i].group, q2))
            .map(|(i, _)| *i)
            .collect();
        if open.is_empty() {
            continue;
        }
        // The turn whose parts start latest (fewest other slots), then most voters.
        let mut per: BTreeMap<usize, (Clock, u32)> = BTreeMap::new();
        for &i in &open {
            let e = per.entry(colour[i]).or_insert((Clock(0), 0));
            e.0 = e.0.max(key(i));
            e.1 += rem[&i];
        }
        let Some((&pick, _)) = per
            .iter()
            .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
        else {
            continue;
        };
        let mut chosen: Vec<usize> = open.into_iter().filter(|&i| colour[i] == pick).collect();
        chosen.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
        let mut room = per_slot.map_or(ctx.slot_cap[c][q2], |p| p.min(ctx.slot_cap[c][q2]));
        for i in chosen {
            if room == 0 {
                break;
            }
            let n = rem[&i].min(room);
            room -= n;
            if let Some(r) = rem.get_mut(&i) {
                *r -= n;
            }
        }
    }
    rem.retain(|_, n| *n > 0);
    rem
}
