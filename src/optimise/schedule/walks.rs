//! The book a walking schedule keeps while the greedy and its repairs run: what is
//! fixed (the walking parts per TPS and the turn of each part), and what changes (the
//! voters each part still has waiting, the voters and the turn of each TPS's slots,
//! the officers booked per minute); the escorts a slot's waves need, what the officers
//! free still allow, and the waves the book ends in.

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

/// What a walking schedule works over and does not change: the day, the parts, the
/// roster, the walking parts of each TPS and the turn of each part.
pub(super) struct Setting<'a> {
    pub(super) ctx: &'a Ctx<'a>,
    pub(super) parts: &'a [Part],
    pub(super) profile: &'a EscortProfile,
    /// The walking parts of each TPS (copy), in part order.
    pub(super) by_copy: BTreeMap<usize, Vec<usize>>,
    /// Turn (colour) of each part: parts of one colour may share a slot.
    pub(super) colour: Vec<usize>,
    /// One escort's wave: `min(wbp_per_pengawal, maks_gelombang)`.
    pub(super) m: u32,
}

impl<'a> Setting<'a> {
    /// The walking parts per TPS and their turns: at each TPS a part joins the first
    /// turn whose keys all may meet it.
    pub(super) fn new(ctx: &'a Ctx<'a>, parts: &'a [Part], profile: &'a EscortProfile) -> Self {
        let gs = &ctx.groups.groups;
        let mut by_copy: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, p) in parts.iter().enumerate() {
            if !gs[p.group].mobile {
                by_copy.entry(p.copy).or_default().push(i);
            }
        }
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
        Self {
            ctx,
            parts,
            profile,
            by_copy,
            colour,
            m: escort_wave(ctx.facility),
        }
    }

    /// Escorts `n` voters of part `i` in one slot need (none when unescorted).
    pub(super) fn escorts_of(&self, i: usize, n: u32) -> i64 {
        let g = &self.ctx.groups.groups[self.parts[i].group];
        if g.escorted {
            slot_escorts(self.ctx.facility, n, g.high_risk) as i64
        } else {
            0
        }
    }

    /// The minutes the escorts of part `i` are busy for slot `q`: the walk there, the
    /// slot, the walk back.
    pub(super) fn interval(&self, i: usize, q: usize) -> (f64, f64) {
        let s = self.ctx.slots[q];
        (
            s.start.0 as f64 - self.parts[i].walk,
            s.end.0 as f64 + self.parts[i].walk,
        )
    }

    /// Whether a wave of part `i` needs a woman escort (a women's block).
    fn women_wave(&self, i: usize) -> bool {
        self.ctx
            .facility
            .rules
            .pengawalan
            .pengawal_perempuan_blok_perempuan
            && self.ctx.groups.groups[self.parts[i].group].mix.sex == crate::model::Sex::P
    }
}

/// A walking schedule in the making.
pub(super) struct Walks<'a> {
    /// What does not change.
    pub(super) set: &'a Setting<'a>,
    /// Escorts booked per minute of the day.
    pub(super) usage: &'a mut [i64],
    /// Voters of each part still waiting (none for mobile parts).
    pub(super) remaining: Vec<u32>,
    /// Voters served per TPS and slot.
    pub(super) served: Vec<Vec<u32>>,
    /// The turn holding each TPS's slot, if any.
    pub(super) turn: Vec<Vec<Option<usize>>>,
    /// (copy, slot, part) -> voters; turned into waves at the end.
    pub(super) amount: BTreeMap<(usize, usize, usize), u32>,
    /// Women escorts booked per minute (waves of women's blocks).
    women_used: Vec<i64>,
}

impl<'a> Walks<'a> {
    /// An empty schedule over `set`, booking escorts into `usage`.
    pub(super) fn new(set: &'a Setting<'a>, usage: &'a mut [i64]) -> Self {
        let gs = &set.ctx.groups.groups;
        let nslots = set.ctx.slots.len();
        let ncopies = set.ctx.copies.len();
        Self {
            set,
            usage,
            remaining: set
                .parts
                .iter()
                .map(|p| if gs[p.group].mobile { 0 } else { p.count })
                .collect(),
            served: vec![vec![0u32; nslots]; ncopies],
            turn: vec![vec![None; nslots]; ncopies],
            amount: BTreeMap::new(),
            women_used: vec![0i64; 24 * 60],
        }
    }

    /// Whether a woman escort is free over the interval of part `i` in slot `q` (the
    /// women on duty, per minute, less the women's waves already placed).
    fn woman_free(&self, i: usize, q: usize) -> bool {
        let (a, b) = self.set.interval(i, q);
        let (from, to) = touched_minutes(a, b);
        (from..to).all(|m| {
            self.set.profile.women_at(m).is_none_or(|w| {
                w as i64 - self.women_used.get(m.max(0) as usize).copied().unwrap_or(0) >= 1
            })
        })
    }

    /// How many more voters of part `i` escorts allow in slot `q`, given `have` already
    /// (at most `want`).
    pub(super) fn by_escorts(&self, i: usize, q: usize, have: u32, want: u32) -> u32 {
        let set = self.set;
        if have == 0 && set.women_wave(i) && !self.woman_free(i, q) {
            return 0;
        }
        if !set.ctx.groups.groups[set.parts[i].group].escorted {
            return want;
        }
        let (a, b) = set.interval(i, q);
        let free_now = free(set.profile, self.usage, a, b);
        let base = set.escorts_of(i, have);
        let mut lo = 0u32;
        let mut hi = want;
        // Largest k with escorts(have + k) - escorts(have) <= free.
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if set.escorts_of(i, have + mid) - base <= free_now {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// Books the escorts `add` more voters of part `i` in slot `q` need beyond the
    /// `have` already there (and a woman escort for a new women's wave).
    pub(super) fn book_part(&mut self, i: usize, q: usize, have: u32, add: u32) {
        let set = self.set;
        let (a, b) = set.interval(i, q);
        let extra = set.escorts_of(i, have + add) - set.escorts_of(i, have);
        if extra > 0 {
            book(self.usage, a, b, extra as u32);
        }
        if have == 0 && add > 0 && set.women_wave(i) {
            book(&mut self.women_used, a, b, 1);
        }
    }

    /// Serves `n` more voters of part `i` at TPS `c` in slot `q`, where `have` are
    /// already: escorts booked, the voters counted (the turn is the caller's).
    pub(super) fn serve(&mut self, c: usize, q: usize, i: usize, have: u32, n: u32) {
        self.book_part(i, q, have, n);
        *self.amount.entry((c, q, i)).or_default() += n;
        self.remaining[i] -= n;
        self.served[c][q] += n;
    }

    /// The waves of the schedule (each slot's voters of a part cut into waves) and the
    /// voters left per part: `(copy, group, voters)`.
    pub(super) fn into_waves(self) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
        let set = self.set;
        let f = set.ctx.facility;
        let gs = &set.ctx.groups.groups;
        let mut waves = Vec::new();
        for (&(c, q, i), &n) in &self.amount {
            let slot = set.ctx.slots[q];
            let p = &set.parts[i];
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
        let left = set
            .parts
            .iter()
            .zip(&self.remaining)
            .filter(|(_, r)| **r > 0)
            .map(|(p, r)| (p.copy, p.group, *r))
            .collect();
        (waves, left)
    }
}
