//! Repairs after the greedy: voters left are placed in any slot with room and
//! officers, two slots of a TPS exchanged, other waves moved out of the way; and the
//! shortfall the greedy measured, as windows.

use super::*;

/// Exchanges the contents of slots `q_host` and `q_new` of TPS `c`, then adds voters
/// of part `i` (turn `col`) to the slot now at `q_new`; kept only when every window,
/// the slot capacities and the officers free allow it and some voters were added.
#[allow(clippy::too_many_arguments)]
pub(super) fn exchange_and_add(
    ctx: &Ctx,
    parts: &[Part],
    idx: &[usize],
    profile: &EscortProfile,
    usage: &mut [i64],
    amount: &mut BTreeMap<(usize, usize, usize), u32>,
    served: &mut [Vec<u32>],
    turn: &mut [Vec<Option<usize>>],
    remaining: &mut [u32],
    (c, i, q_host, q_new): (usize, usize, usize, usize),
    col: usize,
    escorts_of: &dyn Fn(usize, u32) -> i64,
) -> bool {
    let content = |q: usize, amount: &BTreeMap<(usize, usize, usize), u32>| -> Vec<(usize, u32)> {
        idx.iter()
            .filter_map(|&j| amount.get(&(c, q, j)).map(|&n| (j, n)))
            .collect()
    };
    let host = content(q_host, amount);
    let other = content(q_new, amount);
    let fits = |list: &[(usize, u32)], q: usize| {
        list.iter()
            .all(|&(j, _)| ctx.slot_in_window(parts[j].group, q))
            && list.iter().map(|p| p.1).sum::<u32>() <= ctx.slot_cap[c][q]
    };
    if !fits(&host, q_new) || !fits(&other, q_host) {
        return false;
    }
    if !ctx.slot_in_window(parts[i].group, q_new) {
        return false;
    }
    let span = |j: usize, q: usize| {
        let s = ctx.slots[q];
        (
            s.start.0 as f64 - parts[j].walk,
            s.end.0 as f64 + parts[j].walk,
        )
    };
    let unbook = |usage: &mut [i64], list: &[(usize, u32)], q: usize| {
        for &(j, n) in list {
            let (a, b) = span(j, q);
            let (from, to) = touched_minutes(a, b);
            let e = escorts_of(j, n);
            for t in from.max(0)..to.min(usage.len() as i64) {
                usage[t as usize] -= e;
            }
        }
    };
    let rebook = |usage: &mut [i64], list: &[(usize, u32)], q: usize| {
        for &(j, n) in list {
            book(usage, span(j, q).0, span(j, q).1, escorts_of(j, n) as u32);
        }
    };
    unbook(usage, &host, q_host);
    unbook(usage, &other, q_new);
    // Host content at q_new, plus as many of part i as room and officers allow.
    let room = ctx.slot_cap[c][q_new].saturating_sub(host.iter().map(|p| p.1).sum::<u32>());
    let mut moved_host = host.clone();
    let have = host.iter().find(|p| p.0 == i).map(|p| p.1).unwrap_or(0);
    let mut add = room.min(remaining[i]);
    // Books a list part by part while the officers are free; undoes it otherwise.
    let try_book = |usage: &mut [i64], list: &[(usize, u32)], q: usize| -> bool {
        for (k, &(j, n)) in list.iter().enumerate() {
            let (a, b) = span(j, q);
            if free(profile, usage, a, b) < escorts_of(j, n) {
                unbook(usage, &list[..k], q);
                return false;
            }
            book(usage, a, b, escorts_of(j, n) as u32);
        }
        true
    };
    // The others first (they were there), at q_host; then the host with part i at q_new.
    let mut ok = try_book(usage, &other, q_host);
    if ok {
        loop {
            let mut trial = moved_host.clone();
            match trial.iter_mut().find(|p| p.0 == i) {
                Some(p) => p.1 = have + add,
                None => trial.push((i, add)),
            }
            if add > 0 && try_book(usage, &trial, q_new) {
                moved_host = trial;
                break;
            }
            if add == 0 {
                ok = false;
                break;
            }
            add -= 1;
        }
        if !ok {
            unbook(usage, &other, q_host);
        }
    }
    if !ok {
        rebook(usage, &host, q_host);
        rebook(usage, &other, q_new);
        return false;
    }
    for &(j, _) in host.iter().chain(&other) {
        amount.remove(&(c, q_host, j));
        amount.remove(&(c, q_new, j));
    }
    for &(j, n) in &moved_host {
        amount.insert((c, q_new, j), n);
    }
    for &(j, n) in &other {
        amount.insert((c, q_host, j), n);
    }
    served[c][q_new] = moved_host.iter().map(|p| p.1).sum();
    served[c][q_host] = other.iter().map(|p| p.1).sum();
    let turn_other = turn[c][q_new];
    turn[c][q_new] = Some(col);
    turn[c][q_host] = if other.is_empty() { None } else { turn_other };
    remaining[i] -= add;
    true
}

/// Escorts the greedy would need beyond those on duty, with unlimited escorts.
pub(super) fn greedy_shortage(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    mobile_usage: &[i64],
) -> Vec<(Clock, Clock, u32)> {
    let unlimited = EscortProfile::constant(u32::MAX / 4);
    let mut usage = mobile_usage.to_vec();
    let plain = Variant {
        lookahead: 0,
        light: false,
        eager: false,
        reverse: false,
    };
    let (_, _) = greedy_walks(ctx, parts, &unlimited, &mut usage, plain);
    let short: Vec<i64> = (0..usage.len())
        .map(|m| (usage[m] - profile.at(m as i64) as i64).max(0))
        .collect();
    ranges(&short)
}

/// Merges minutes with a positive shortage into `(from, to, max)` ranges.
pub(super) fn ranges(short: &[i64]) -> Vec<(Clock, Clock, u32)> {
    let mut out = Vec::new();
    let mut m = 0;
    while m < short.len() {
        if short[m] > 0 {
            let from = m;
            let mut peak = 0;
            while m < short.len() && short[m] > 0 {
                peak = peak.max(short[m]);
                m += 1;
            }
            out.push((Clock(from as u16), Clock(m as u16), peak as u32));
        } else {
            m += 1;
        }
    }
    out
}
