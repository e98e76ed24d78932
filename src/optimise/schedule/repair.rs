//! Repairs after the greedy: voters left are placed in any slot with room and
//! officers, two slots of a TPS exchanged, other waves moved out of the way; and the
//! shortfall the greedy measured, as windows.

use super::*;

impl Walks<'_> {
    /// Leftovers: any slot of the window with room, the same turn and free escorts.
    pub(super) fn fill_leftovers(&mut self) {
        let set = self.set;
        let ctx = set.ctx;
        let parts = set.parts;
        for (&c, idx) in &set.by_copy {
            for &i in idx {
                if self.remaining[i] == 0 {
                    continue;
                }
                for q in 0..ctx.slots.len() {
                    if self.remaining[i] == 0 {
                        break;
                    }
                    if !ctx.slot_in_window(parts[i].group, q)
                        || self.turn[c][q].is_some_and(|t| t != set.colour[i])
                    {
                        continue;
                    }
                    let room = ctx.slot_cap[c][q].saturating_sub(self.served[c][q]);
                    let have = self.amount.get(&(c, q, i)).copied().unwrap_or(0);
                    let n = self.by_escorts(i, q, have, room.min(self.remaining[i]));
                    if n == 0 {
                        continue;
                    }
                    self.serve(c, q, i, have, n);
                    self.turn[c][q] = Some(set.colour[i]);
                }
            }
        }
    }

    /// Still left: exchange two slots of the TPS so that a slot of the same turn lands
    /// where officers are free, then add the voters left to it.
    pub(super) fn exchange_slots(&mut self) {
        let set = self.set;
        let ctx = set.ctx;
        let nslots = ctx.slots.len();
        for (&c, idx) in &set.by_copy {
            if ctx.out_of_time() {
                break;
            }
            for &i in idx {
                let mut tries = 0;
                while self.remaining[i] > 0 && tries < 4 {
                    tries += 1;
                    let mut done = false;
                    'host: for q_host in 0..nslots {
                        if !ctx.slot_in_window(set.parts[i].group, q_host)
                            || self.turn[c][q_host].is_some_and(|t| t != set.colour[i])
                        {
                            continue;
                        }
                        for q_new in 0..nslots {
                            if q_new == q_host {
                                continue;
                            }
                            if self.exchange_and_add(idx, (c, i, q_host, q_new), set.colour[i]) {
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
    }

    /// Still left: make officers free where a slot has room for them, by moving other
    /// waves (of any TPS) whose walks overlap to another slot of their own window, with
    /// room, the same turn and officers free there.
    pub(super) fn move_aside(&mut self) {
        let set = self.set;
        let ctx = set.ctx;
        let parts = set.parts;
        let colour = &set.colour;
        let nslots = ctx.slots.len();
        let keys: Vec<(usize, usize)> = set
            .by_copy
            .iter()
            .flat_map(|(&c, idx)| idx.iter().map(move |&i| (c, i)))
            .collect();
        for &(c, i) in &keys {
            if ctx.out_of_time() {
                break;
            }
            let mut moves = 0;
            for q in 0..nslots {
                if self.remaining[i] == 0 || moves >= 40 {
                    break;
                }
                if !ctx.slot_in_window(parts[i].group, q)
                    || self.turn[c][q].is_some_and(|t| t != colour[i])
                {
                    continue;
                }
                let room = ctx.slot_cap[c][q].saturating_sub(self.served[c][q]);
                let add = room.min(self.remaining[i]);
                if add == 0 {
                    continue;
                }
                let have = self.amount.get(&(c, q, i)).copied().unwrap_or(0);
                let need = set.escorts_of(i, have + add) - set.escorts_of(i, have);
                let (a, b) = set.interval(i, q);
                let mut guard = 0;
                while free(set.profile, self.usage, a, b) < need && guard < 12 {
                    guard += 1;
                    // A wave whose walk overlaps, moved to a slot whose walk does not.
                    let overlapping: Vec<(usize, usize, usize, u32)> = self
                        .amount
                        .iter()
                        .filter(|((cc, qq, jj), _)| {
                            !(*cc == c && *qq == q) && {
                                let (x, y) = set.interval(*jj, *qq);
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
                            let (x2, y2) = set.interval(j, q2);
                            if x2 < b && a < y2 {
                                continue;
                            }
                            if self.turn[cc][q2].is_some_and(|t| t != colour[j])
                                || self.served[cc][q2] + n > ctx.slot_cap[cc][q2]
                            {
                                continue;
                            }
                            let there = self.amount.get(&(cc, q2, j)).copied().unwrap_or(0);
                            let extra = set.escorts_of(j, there + n) - set.escorts_of(j, there);
                            if free(set.profile, self.usage, x2, y2) < extra {
                                continue;
                            }
                            // Move: off q1, onto q2.
                            let (x1, y1) = set.interval(j, q1);
                            let (from, to) = touched_minutes(x1, y1);
                            let e1 = set.escorts_of(j, n);
                            for t in from.max(0)..to.min(self.usage.len() as i64) {
                                self.usage[t as usize] -= e1;
                            }
                            self.book_part(j, q2, there, n);
                            self.amount.remove(&(cc, q1, j));
                            *self.amount.entry((cc, q2, j)).or_default() += n;
                            self.served[cc][q1] -= n;
                            self.served[cc][q2] += n;
                            if self.served[cc][q1] == 0 {
                                self.turn[cc][q1] = None;
                            }
                            self.turn[cc][q2] = Some(colour[j]);
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
                let room = ctx.slot_cap[c][q].saturating_sub(self.served[c][q]);
                let have = self.amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = self.by_escorts(i, q, have, room.min(self.remaining[i]));
                if n > 0 && self.turn[c][q].is_none_or(|t| t == colour[i]) {
                    self.serve(c, q, i, have, n);
                    self.turn[c][q] = Some(colour[i]);
                }
            }
        }
    }

    /// Exchanges the contents of slots `q_host` and `q_new` of TPS `c` (walking parts
    /// `idx`), then adds voters of part `i` (turn `col`) to the slot now at `q_new`;
    /// kept only when every window, the slot capacities and the officers free allow it
    /// and some voters were added.
    pub(super) fn exchange_and_add(
        &mut self,
        idx: &[usize],
        (c, i, q_host, q_new): (usize, usize, usize, usize),
        col: usize,
    ) -> bool {
        let set = self.set;
        let ctx = set.ctx;
        let parts = set.parts;
        let profile = set.profile;
        let escorts_of = |j: usize, n: u32| set.escorts_of(j, n);
        let content =
            |q: usize, amount: &BTreeMap<(usize, usize, usize), u32>| -> Vec<(usize, u32)> {
                idx.iter()
                    .filter_map(|&j| amount.get(&(c, q, j)).map(|&n| (j, n)))
                    .collect()
            };
        let host = content(q_host, &self.amount);
        let other = content(q_new, &self.amount);
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
        unbook(self.usage, &host, q_host);
        unbook(self.usage, &other, q_new);
        // Host content at q_new, plus as many of part i as room and officers allow.
        let room = ctx.slot_cap[c][q_new].saturating_sub(host.iter().map(|p| p.1).sum::<u32>());
        let mut moved_host = host.clone();
        let have = host.iter().find(|p| p.0 == i).map(|p| p.1).unwrap_or(0);
        let mut add = room.min(self.remaining[i]);
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
        let mut ok = try_book(self.usage, &other, q_host);
        if ok {
            loop {
                let mut trial = moved_host.clone();
                match trial.iter_mut().find(|p| p.0 == i) {
                    Some(p) => p.1 = have + add,
                    None => trial.push((i, add)),
                }
                if add > 0 && try_book(self.usage, &trial, q_new) {
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
                unbook(self.usage, &other, q_host);
            }
        }
        if !ok {
            rebook(self.usage, &host, q_host);
            rebook(self.usage, &other, q_new);
            return false;
        }
        for &(j, _) in host.iter().chain(&other) {
            self.amount.remove(&(c, q_host, j));
            self.amount.remove(&(c, q_new, j));
        }
        for &(j, n) in &moved_host {
            self.amount.insert((c, q_new, j), n);
        }
        for &(j, n) in &other {
            self.amount.insert((c, q_host, j), n);
        }
        self.served[c][q_new] = moved_host.iter().map(|p| p.1).sum();
        self.served[c][q_host] = other.iter().map(|p| p.1).sum();
        let turn_other = self.turn[c][q_new];
        self.turn[c][q_new] = Some(col);
        self.turn[c][q_host] = if other.is_empty() { None } else { turn_other };
        self.remaining[i] -= add;
        true
    }
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
