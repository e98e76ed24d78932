//! The greedy list schedule of walking waves, slot by slot (see the module
//! documentation of [`super`]), and the as-late-as-possible test it rests on. What it
//! leaves is placed by the repairs of [`super::repair`]; the book it keeps is
//! [`super::walks`].

use super::*;

/// What each TPS must serve in a slot: `(voters that must go now, room beyond the
/// voters still waiting, copy, voters per part)`.
type Musts = Vec<(u32, i64, usize, BTreeMap<usize, u32>)>;

/// Escorts the TPS are expected to need over the next slots, per minute: all of them
/// together, and each TPS's own share.
type Projected = (Vec<i64>, BTreeMap<usize, Vec<i64>>);

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
    let set = Setting::new(ctx, parts, profile);
    let mut walks = Walks::new(&set, usage);
    let nslots = ctx.slots.len();
    let order: Vec<usize> = if variant.reverse {
        (0..nslots).rev().collect()
    } else {
        (0..nslots).collect()
    };
    for (pos, &q) in order.iter().enumerate() {
        let later = &order[pos + 1..];
        let now_and_later = &order[pos..];
        let musts = walks.musts(later, now_and_later, variant.light);
        let projected = walks.projected(later, variant.lookahead);
        for (must_total, _, c, must) in musts {
            walks.serve_turn(
                c,
                q,
                must_total,
                &must,
                now_and_later,
                &projected,
                variant.eager,
            );
        }
        walks.spread_second_escorts(q, now_and_later);
    }
    walks.fill_leftovers();
    walks.exchange_slots();
    walks.move_aside();
    walks.into_waves()
}

impl Walks<'_> {
    /// What each TPS must serve now (see [`alap_must`]), the TPS that must serve most
    /// first, then those with the least room.
    fn musts(&self, later: &[usize], now_and_later: &[usize], light: bool) -> Musts {
        let set = self.set;
        let ctx = set.ctx;
        let mut musts: Musts = Vec::new();
        for (&c, idx) in &set.by_copy {
            let must = alap_must(
                ctx,
                set.parts,
                idx,
                &self.remaining,
                &set.colour,
                c,
                later,
                light.then_some(set.m),
            );
            let total: u32 = must.values().sum();
            let cap: i64 = now_and_later
                .iter()
                .map(|&x| ctx.slot_cap[c][x] as i64)
                .sum();
            let load: i64 = idx.iter().map(|&i| self.remaining[i] as i64).sum();
            musts.push((total, cap - load, c, must));
        }
        musts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        musts
    }

    /// What the TPS are expected to need in the next `lookahead` slots (their pace of
    /// voters who are not high risk, in escorts), so high-risk waves leave it to them.
    fn projected(&self, later: &[usize], lookahead: usize) -> Projected {
        let set = self.set;
        let ctx = set.ctx;
        let gs = &ctx.groups.groups;
        let mut projected = vec![0i64; self.usage.len()];
        let mut own: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        for (&c, idx) in &set.by_copy {
            let normal: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| self.remaining[i] > 0 && !gs[set.parts[i].group].high_risk)
                .collect();
            let left: u32 = normal.iter().map(|&i| self.remaining[i]).sum();
            let Some(&next) = later.first() else {
                continue;
            };
            if left == 0 {
                continue;
            }
            let slots_left = later.len() as u32;
            let pace = left.div_ceil(slots_left).min(ctx.slot_cap[c][next]);
            let e = pace.div_ceil(set.m) as i64;
            let walk = normal
                .iter()
                .map(|&i| set.parts[i].walk)
                .fold(0.0f64, f64::max);
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
        (projected, own)
    }

    /// High-risk inmates part `i` of TPS `c` could take in slot `q`: officers free over
    /// its walk, less what the other TPS are expected to need next.
    fn spare(&self, c: usize, i: usize, q: usize, (projected, own): &Projected) -> i64 {
        let set = self.set;
        let officers = set
            .ctx
            .facility
            .rules
            .pengawalan
            .petugas_per_wbp_risiko_tinggi
            .max(1) as i64;
        let (a, b) = set.interval(i, q);
        let (from, to) = touched_minutes(a, b);
        (from..to)
            .map(|t| {
                let t = t.max(0) as usize;
                set.profile.at(t as i64) as i64
                    - self.usage.get(t).copied().unwrap_or(0)
                    - projected.get(t).copied().unwrap_or(0)
                    + own.get(&c).and_then(|o| o.get(t)).copied().unwrap_or(0)
            })
            .min()
            .unwrap_or(0)
            / officers
    }

    /// TPS `c`'s turn in slot `q`: what must go now, else its high-risk voters when
    /// officers are free, else the turn with the most voters waiting; then as many of
    /// that turn as the rules of the slot (must, high-risk budget, eager fill, one full
    /// wave) want, within the slot's room and the escorts free.
    #[allow(clippy::too_many_arguments)]
    fn serve_turn(
        &mut self,
        c: usize,
        q: usize,
        must_total: u32,
        must: &BTreeMap<usize, u32>,
        now_and_later: &[usize],
        projected: &Projected,
        eager: bool,
    ) {
        let set = self.set;
        let ctx = set.ctx;
        let parts = set.parts;
        let colour = &set.colour;
        let gs = &ctx.groups.groups;
        let idx = &set.by_copy[&c];
        let open: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| self.remaining[i] > 0 && ctx.slot_in_window(parts[i].group, q))
            .collect();
        let cap_left = ctx.slot_cap[c][q].saturating_sub(self.served[c][q]);
        if open.is_empty() || cap_left == 0 {
            return;
        }
        // Room this TPS has left from now on beyond its voters still waiting.
        let slack: i64 = now_and_later
            .iter()
            .map(|&x| ctx.slot_cap[c][x] as i64)
            .sum::<i64>()
            - idx.iter().map(|&i| self.remaining[i] as i64).sum::<i64>();
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
            let hr_left: u32 = hr.iter().map(|&i| self.remaining[i]).sum();
            let hr_room = hr
                .first()
                .map(|&i| self.spare(c, i, q, projected))
                .unwrap_or(0);
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
                    *per.entry(colour[i]).or_default() += self.remaining[i];
                }
                per.into_iter()
                    .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
                    .map(|(k, _)| k)
            }
        };
        let Some(pick) = pick else { return };
        if self.turn[c][q].is_some_and(|t| t != pick) {
            return;
        }
        let mut chosen: Vec<usize> = open.into_iter().filter(|&i| colour[i] == pick).collect();
        if chosen.is_empty() {
            return;
        }
        // Must first, then most voters left.
        chosen.sort_by_key(|&i| {
            (
                std::cmp::Reverse(must.get(&i).copied().unwrap_or(0)),
                std::cmp::Reverse(self.remaining[i]),
                i,
            )
        });
        let high_risk = gs[parts[chosen[0]].group].high_risk;
        let mut want: BTreeMap<usize, u32> = BTreeMap::new();
        for &i in &chosen {
            let n = must.get(&i).copied().unwrap_or(0).min(self.remaining[i]);
            if n > 0 {
                want.insert(i, n);
            }
        }
        let planned: u32 = want.values().sum();
        if high_risk {
            // As many as the officers left over the expected needs allow (at least
            // what must go now).
            let mut budget: i64 = chosen
                .first()
                .map(|&i| self.spare(c, i, q, projected))
                .unwrap_or(0);
            // A TPS without room for another turn takes them all at once.
            if slack < 2 * ctx.slot_cap[c][q] as i64 {
                budget = i64::MAX / 4;
            }
            for &i in &chosen {
                let have = want.get(&i).copied().unwrap_or(0);
                budget -= have as i64;
                let more = (self.remaining[i] - have).min(budget.max(0) as u32);
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
                let add = room.min(self.remaining[i] - have);
                if add > 0 {
                    want.insert(i, have + add);
                    room -= add;
                }
            }
        } else if planned < set.m {
            // Top up to one full wave, from a group already going, else the one
            // with the most voters left. An escort's wave is never rounded up with
            // other groups (each group walks in its own wave).
            let room = set.m - planned;
            let first = want.keys().next().copied().unwrap_or(chosen[0]);
            let have = want.get(&first).copied().unwrap_or(0);
            let add = room.min(self.remaining[first] - have);
            if add > 0 {
                want.insert(first, have + add);
            }
        }
        // Serve within the slot's room and the escorts free.
        let mut left_in_slot = cap_left;
        for &i in &chosen {
            let Some(&n) = want.get(&i) else { continue };
            let n = n.min(left_in_slot);
            let have = self.amount.get(&(c, q, i)).copied().unwrap_or(0);
            let n = self.by_escorts(i, q, have, n);
            if n == 0 {
                continue;
            }
            self.serve(c, q, i, have, n);
            left_in_slot -= n;
            self.turn[c][q] = Some(pick);
        }
    }

    /// Spreads the second escorts: a TPS with more voters left than one full wave per
    /// slot will need extra waves; it does a fair share of them now rather than all at
    /// the end, where the late windows and the visits crowd the officers.
    fn spread_second_escorts(&mut self, q: usize, now_and_later: &[usize]) {
        let set = self.set;
        let ctx = set.ctx;
        let parts = set.parts;
        let gs = &ctx.groups.groups;
        let slots_left = now_and_later.len() as u32;
        let mut extra: Vec<(u32, usize)> = Vec::new();
        for (&c, idx) in &set.by_copy {
            let left: u32 = idx
                .iter()
                .filter(|&&i| !gs[parts[i].group].high_risk)
                .map(|&i| self.remaining[i])
                .sum();
            let beyond = left.saturating_sub(set.m * slots_left.saturating_sub(1));
            if beyond > 0 {
                extra.push((beyond, c));
            }
        }
        extra.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (beyond, c) in extra {
            let Some(t) = self.turn[c][q] else { continue };
            let idx = &set.by_copy[&c];
            let share = beyond.div_ceil(slots_left.max(1));
            let mut room = ctx.slot_cap[c][q]
                .saturating_sub(self.served[c][q])
                .min(share);
            let mut open: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| {
                    self.remaining[i] > 0
                        && set.colour[i] == t
                        && !gs[parts[i].group].high_risk
                        && ctx.slot_in_window(parts[i].group, q)
                })
                .collect();
            // Groups already walking this slot first (no new wave), then most left.
            open.sort_by_key(|&i| {
                (
                    !self.amount.contains_key(&(c, q, i)),
                    std::cmp::Reverse(self.remaining[i]),
                    i,
                )
            });
            for i in open {
                if room == 0 {
                    break;
                }
                let have = self.amount.get(&(c, q, i)).copied().unwrap_or(0);
                let n = self.by_escorts(i, q, have, room.min(self.remaining[i]));
                if n == 0 {
                    continue;
                }
                self.serve(c, q, i, have, n);
                room -= n;
            }
        }
    }
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
