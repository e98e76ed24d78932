//! Mobile-box visits: a team walks out before its window and back after it, and votes
//! its voters one after another inside the window.

use super::*;

/// Mobile visits: each TPS's teams visit their places (blocks, the clinic) one after
/// another. A team walks out to its first place before the window opens and back from
/// its last after it closes, so its farthest place goes first and its second farthest
/// last, places whose voters may all come early before those that must wait. At a
/// place the groups follow each other, each inside its own list's window. A visit waits
/// for free officers, minute by minute, until it would end after its window.
pub(super) fn visits(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    usage: &mut [i64],
) -> (Vec<PlannedWave>, Vec<(usize, usize, u32)>) {
    let f = ctx.facility;
    let mk = f.rules.pengawalan.menit_kunjungan_per_pemilih;
    let teams = visit_teams(f) as usize;
    let mut waves = Vec::new();
    let mut unserved = Vec::new();
    // Per copy, per block: the parts and the walk.
    let mut by_copy: BTreeMap<usize, BTreeMap<usize, (f64, Vec<&Part>)>> = BTreeMap::new();
    for p in parts.iter().filter(|p| ctx.groups.groups[p.group].mobile) {
        let block = ctx.groups.groups[p.group].place;
        let e = by_copy
            .entry(p.copy)
            .or_default()
            .entry(block)
            .or_insert((p.walk, Vec::new()));
        e.1.push(p);
    }
    for (c, blocks) in by_copy {
        // Longest visits to the least loaded team.
        let mut list: Vec<(usize, f64, Vec<&Part>)> =
            blocks.into_iter().map(|(b, (w, ps))| (b, w, ps)).collect();
        let dur_of =
            |ps: &[&Part]| -> f64 { ps.iter().map(|p| (p.count as f64 * mk).ceil()).sum::<f64>() };
        list.sort_by(|a, b| {
            (dur_of(&b.2) + 2.0 * b.1)
                .total_cmp(&(dur_of(&a.2) + 2.0 * a.1))
                .then(a.0.cmp(&b.0))
        });
        let mut rounds: Vec<Vec<(usize, f64, Vec<&Part>)>> = vec![Vec::new(); teams.max(1)];
        let mut load = vec![0.0f64; teams.max(1)];
        for item in list {
            let t = (0..load.len())
                .min_by(|a, b| load[*a].total_cmp(&load[*b]).then(a.cmp(b)))
                .unwrap_or(0);
            load[t] += dur_of(&item.2) + 2.0 * item.1;
            rounds[t].push(item);
        }
        for mut round in rounds {
            // Farthest first, second farthest last, the rest nearest first; then blocks
            // whose voters may all come early before blocks that must wait (a clinic
            // visit, a DPTb or DPK list), so the team's day moves forward.
            round.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            if round.len() > 2 {
                let second = round.remove(1);
                round[1..].sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                round.push(second);
            }
            let latest_open = |ps: &[&Part]| {
                ps.iter()
                    .map(|p| ctx.groups.groups[p.group].window.0)
                    .max()
                    .unwrap_or(Clock(0))
            };
            round.sort_by_key(|item| latest_open(&item.2));
            // Minute the team is back at the TPS (free to walk out again).
            let mut back = f64::NEG_INFINITY;
            for (_, walk, mut ps) in round {
                // The block's groups one after another, each inside its own window
                // (earliest window first); the team stays at the block between them.
                ps.sort_by_key(|p| (ctx.groups.groups[p.group].window.0, p.group));
                let mut ready = (back + walk).ceil();
                let mut last_end = None;
                for p in ps {
                    let window = ctx.groups.groups[p.group].window;
                    let officers = visit_officers(f, ctx.groups.groups[p.group].high_risk);
                    let dur = (p.count as f64 * mk).ceil() as u16;
                    let mut start = ready.max(window.0.0 as f64) as u16;
                    let mut placed = false;
                    while start + dur <= window.1.0 {
                        let a = start as f64 - walk;
                        let b = (start + dur) as f64 + walk;
                        if free(profile, usage, a, b) >= officers as i64 {
                            book(usage, a, b, officers);
                            waves.push(PlannedWave {
                                copy: c,
                                group: p.group,
                                start: Clock(start),
                                end: Clock(start + dur),
                                voters: p.count,
                                escorts: officers,
                                mobile: true,
                            });
                            ready = (start + dur) as f64;
                            last_end = Some(b);
                            placed = true;
                            break;
                        }
                        start += 1;
                    }
                    if !placed {
                        unserved.push((c, p.group, p.count));
                    }
                }
                if let Some(b) = last_end {
                    back = b;
                }
            }
        }
    }
    (waves, unserved)
}
