//! Exchanges after the time-ordered fill: a woman seated on an ordinary seat moves to a
//! woman's seat that lacks her, and every officer still missing is looked for by an
//! augmenting path over the window (a chain of exchanges ending at a free officer).

use super::*;

/// One officer's part of one seat of a job.
pub(super) struct Seg<'a> {
    pub(super) job: usize,
    pub(super) nip: &'a Nip,
    pub(super) from: u16,
    pub(super) until: u16,
    pub(super) woman_seat: bool,
}

/// Repairs what the time-ordered fill decided too early: where a job's woman seat
/// lacks a woman over `[a, b)` while a woman holds an ordinary seat of another job
/// over all of `[a, b)`, the two exchange seats for that window (the man holding the
/// woman seat, if any, takes her ordinary seat; nobody's hours change, so shifts and
/// breaks still hold). Each exchange removes a woman missing; an ordinary seat left
/// without a man becomes an ordinary gap (women are the scarcer).
pub(super) fn women_to_women_seats<'a>(
    jobs: &[Job],
    officers: &mut BTreeMap<&'a Nip, Officer<'a>>,
    segs: &mut Vec<Seg<'a>>,
    missing: &mut Vec<Missing>,
    rule: BreakRule,
) {
    let staff_of: BTreeMap<&'a Nip, &'a Staff> =
        officers.iter().map(|(n, o)| (*n, o.staff)).collect();
    let is_woman = |n: &Nip| staff_of.get(n).is_some_and(|s| s.sex == Sex::P);
    let has_role = |n: &Nip, role: DutyRole| {
        staff_of
            .get(n)
            .is_some_and(|s| s.roles.contains(&role.staff_role()))
    };
    let mut k = 0;
    while k < missing.len() {
        let m = &missing[k];
        if !m.woman {
            k += 1;
            continue;
        }
        let (j, a, b) = (m.job, m.from.0, m.until.0);
        let role = jobs[j].role;
        let holder = segs
            .iter()
            .position(|s| s.job == j && s.woman_seat && s.from <= a && s.until >= b);
        let donor = segs.iter().position(|s| {
            !s.woman_seat
                && s.job != j
                && s.from <= a
                && s.until >= b
                && is_woman(s.nip)
                && has_role(s.nip, role)
                && holder.is_none_or(|h| has_role(segs[h].nip, jobs[s.job].role))
        });
        let Some(d) = donor else {
            k += 1;
            continue;
        };
        let woman = segs[d].nip;
        let donor_job = segs[d].job;
        let man = holder.map(|h| segs[h].nip);
        // Cut both seats at a and b; exchange the middle.
        let split = |segs: &mut Vec<Seg<'a>>, i: usize, who: Option<&'a Nip>, woman_seat: bool| {
            let s = &segs[i];
            let (job, nip, from, until) = (s.job, s.nip, s.from, s.until);
            segs[i].until = a;
            segs.push(Seg {
                job,
                nip,
                from: b,
                until,
                woman_seat,
            });
            if let Some(w) = who {
                segs.push(Seg {
                    job,
                    nip: w,
                    from: a.max(from),
                    until: b,
                    woman_seat,
                });
            }
        };
        split(segs, d, man, false);
        match holder {
            Some(h) => split(segs, h, Some(woman), true),
            None => segs.push(Seg {
                job: j,
                nip: woman,
                from: a,
                until: b,
                woman_seat: true,
            }),
        }
        missing.remove(k);
        if man.is_none() {
            // Her ordinary seat over [a, b): anybody free takes it, else it is missing.
            let (more, gaps) = cover_seat(officers, &jobs[donor_job], false, a, b, rule);
            for (n, from, until) in more {
                segs.push(Seg {
                    job: donor_job,
                    nip: n,
                    from,
                    until,
                    woman_seat: false,
                });
            }
            for (from, until) in gaps {
                missing.push(Missing {
                    job: donor_job,
                    from: Clock(from),
                    until: Clock(until),
                    count: 1,
                    woman: false,
                });
            }
        }
    }
}

/// Seats on a chain of exchanges, searched at most this deep.
pub(super) const MAX_CHAIN: usize = 8;

/// The exact step after the time-ordered fill: for every ordinary gap (an officer
/// missing on a seat over `[a, b)`), an augmenting path of the window's assignment (a
/// maximum-flow step): an officer seated elsewhere over all of `[a, b)` who may do this
/// job moves here, their seat is taken by another seated officer, and so on, until an
/// officer free over `[a, b)` (on duty, not resting, within the longest stretch) takes
/// the last seat. Only the free officer's hours change, so everybody else's shifts and
/// breaks still hold. Where no path fills the whole gap, the gap is tried piece by piece
/// (cut where seats or shifts change), each piece at least a shortest relay. When no
/// path exists the window's assignment is maximum (Berge): the gap is real for the
/// hours the officers work. Women's seats stay with the women holding them.
pub(super) fn augment_gaps<'a>(
    jobs: &[Job],
    officers: &mut BTreeMap<&'a Nip, Officer<'a>>,
    segs: &mut Vec<Seg<'a>>,
    missing: &mut Vec<Missing>,
    rule: BreakRule,
) {
    let mut k = 0;
    while k < missing.len() {
        let m = missing[k].clone();
        if m.woman {
            k += 1;
            continue;
        }
        let (a, b) = (m.from.0, m.until.0);
        if augment(jobs, officers, segs, m.job, a, b, rule) {
            missing.remove(k);
            continue;
        }
        // Piece by piece, where seats, shifts or bookings change inside the gap.
        let mut cuts: Vec<u16> = segs
            .iter()
            .flat_map(|s| [s.from, s.until])
            .chain(
                officers
                    .values()
                    .flat_map(|o| [o.staff.on_duty_from.0, o.staff.on_duty_until.0]),
            )
            .filter(|&t| a < t && t < b)
            .collect();
        cuts.extend([a, b]);
        cuts.sort_unstable();
        cuts.dedup();
        let mut filled: Vec<(u16, u16)> = Vec::new();
        for w in cuts.windows(2) {
            let (x, y) = (w[0], w[1]);
            // Each piece a relay: at least the shortest one, or the rest of the duty.
            let relay = rule
                .min_relay
                .max(1)
                .min(jobs[m.job].until.0.saturating_sub(x));
            if y - x < relay {
                continue;
            }
            if augment(jobs, officers, segs, m.job, x, y, rule) {
                filled.push((x, y));
            }
        }
        if filled.is_empty() {
            k += 1;
            continue;
        }
        missing.remove(k);
        let mut t = a;
        for (x, y) in filled.into_iter().chain(std::iter::once((b, b))) {
            if x > t {
                missing.push(Missing {
                    job: m.job,
                    from: Clock(t),
                    until: Clock(x),
                    count: 1,
                    woman: false,
                });
            }
            t = t.max(y);
        }
    }
    missing.sort_by_key(|m| (m.job, m.from, m.woman));
}

/// One augmenting path for an officer missing on `job` over `[a, b)` (see
/// [`augment_gaps`]); applies it and returns whether one was found. Breadth first, so
/// the shortest chain of exchanges wins; ties by segment order (deterministic).
pub(super) fn augment<'a>(
    jobs: &[Job],
    officers: &mut BTreeMap<&'a Nip, Officer<'a>>,
    segs: &mut Vec<Seg<'a>>,
    job: usize,
    a: u16,
    b: u16,
    rule: BreakRule,
) -> bool {
    // The officers free over all of [a, b) per role (the chain's last link); none
    // free, no chain (the usual case when a roster is short: answered at once).
    let free: Vec<(DutyRole, &'a Nip)> = [DutyRole::Pengawal, DutyRole::Pemeriksa]
        .into_iter()
        .filter_map(|role| {
            officers
                .iter()
                .filter(|(_, o)| o.staff.roles.contains(&role.staff_role()))
                .filter(|(_, o)| o.reach(a, b, rule) == Some(b))
                .min_by_key(|(n, o)| (o.staff.sex == Sex::P, o.load(), **n))
                .map(|(n, _)| (role, *n))
        })
        .collect();
    if free.is_empty() {
        return false;
    }
    // Seated officers over all of [a, b) who may move: not a woman on a woman's seat.
    let movable: Vec<(usize, &'a Staff)> = (0..segs.len())
        .filter(|&i| {
            let s = &segs[i];
            s.from <= a && s.until >= b && s.until > s.from
        })
        .filter_map(|i| officers.get(segs[i].nip).map(|o| (i, o.staff)))
        .filter(|&(i, st)| !(segs[i].woman_seat && st.sex == Sex::P))
        .collect();
    // BFS over seats: node 0 is the gap; node i + 1 is segment movable[i] (its window).
    let mut parent: Vec<Option<usize>> = vec![None; movable.len() + 1];
    let mut depth = vec![0usize; movable.len() + 1];
    let mut seen = vec![false; movable.len() + 1];
    seen[0] = true;
    let mut queue = std::collections::VecDeque::from([0usize]);
    let mut found: Option<(usize, &'a Nip)> = None;
    while let Some(node) = queue.pop_front() {
        let target_job = if node == 0 {
            job
        } else {
            segs[movable[node - 1].0].job
        };
        let role = jobs[target_job].role;
        if let Some(&(_, z)) = free.iter().find(|(r, _)| *r == role) {
            found = Some((node, z));
            break;
        }
        if depth[node] >= MAX_CHAIN {
            continue;
        }
        for (i, &(si, st)) in movable.iter().enumerate() {
            // (Seated over all of [a, b), they hold no other seat then.)
            if seen[i + 1] || segs[si].job == target_job || !st.roles.contains(&role.staff_role()) {
                continue;
            }
            seen[i + 1] = true;
            parent[i + 1] = Some(node);
            depth[i + 1] = depth[node] + 1;
            queue.push_back(i + 1);
        }
    }
    let Some((last, z)) = found else {
        return false;
    };
    // Walk back: the free officer takes seat `last`; each seat's officer takes its
    // parent's seat; the first one takes the gap.
    let mut incoming = z;
    let mut node = last;
    loop {
        if node == 0 {
            segs.push(Seg {
                job,
                nip: incoming,
                from: a,
                until: b,
                woman_seat: false,
            });
            break;
        }
        let si = movable[node - 1].0;
        let (sjob, snip, sfrom, suntil, sw) = {
            let s = &segs[si];
            (s.job, s.nip, s.from, s.until, s.woman_seat)
        };
        segs[si].until = a;
        if suntil > b {
            segs.push(Seg {
                job: sjob,
                nip: snip,
                from: b,
                until: suntil,
                woman_seat: sw,
            });
        }
        segs.push(Seg {
            job: sjob,
            nip: incoming,
            from: a.max(sfrom),
            until: b,
            woman_seat: sw,
        });
        incoming = snip;
        node = parent[node].unwrap_or(0);
    }
    if let Some(o) = officers.get_mut(z) {
        o.book(a, b);
    }
    true
}
