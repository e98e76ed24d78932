//! The elastic schedule MILP: integer voters and escorts per group, TPS and slot, with
//! slack on every escort row and every group's total; decides whether a schedule exists
//! and otherwise measures the smallest relaxation.

use super::*;

pub(super) type ElasticResult = (Vec<PlannedWave>, ScheduleShortfall);

/// (part, slot, voters, escorts unless high risk or unescorted, touched minutes).
pub(super) type SlotVar = (usize, usize, Variable, Option<Variable>, (i64, i64));

/// The elastic schedule MILP. `None` when the solver gave nothing in time.
pub(super) fn elastic(
    ctx: &Ctx,
    parts: &[Part],
    profile: &EscortProfile,
    mobile_usage: &[i64],
    settings: &SolveSettings,
) -> Option<ElasticResult> {
    let f = ctx.facility;
    let ratio = f.rules.pengawalan.wbp_per_pengawal.max(1) as f64;
    let officers = f.rules.pengawalan.petugas_per_wbp_risiko_tinggi as f64;
    let max_wave = f.rules.pengawalan.maks_gelombang as f64;
    let mut pv = ProblemVariables::new();
    let mut obj = Expression::from(0.0);
    let mut rows = Vec::new();
    // v, e per (part, slot); ranges of touched minutes.
    let mut vars: Vec<SlotVar> = Vec::new();
    let mut over: Vec<(usize, Variable)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let g = &ctx.groups.groups[p.group];
        if g.mobile {
            continue;
        }
        let mut sum = Expression::from(0.0);
        for q in 0..ctx.slots.len() {
            if !ctx.slot_in_window(p.group, q) {
                continue;
            }
            let s = ctx.slots[q];
            let v = pv.add(
                variable()
                    .integer()
                    .min(0.0)
                    .max(max_wave.min(p.count as f64)),
            );
            let range = touched_minutes(s.start.0 as f64 - p.walk, s.end.0 as f64 + p.walk);
            let dur = (range.1 - range.0) as f64;
            let e = if !g.escorted {
                None
            } else if g.high_risk {
                obj += settings_weight(f) * officers * dur * v;
                None
            } else {
                let e = pv.add(variable().integer().min(0.0));
                rows.push(constraint!(ratio * e >= v));
                obj += settings_weight(f) * dur * e;
                Some(e)
            };
            // Finish early: a little per voter-minute after opening.
            obj += 1e-6 * (s.end.0 as f64) * v;
            sum += v;
            vars.push((i, q, v, e, range));
        }
        let o = pv.add(variable().min(0.0).max(p.count as f64));
        obj += 1e5 * o;
        rows.push(constraint!(sum + o == p.count as f64));
        over.push((i, o));
    }
    // Throughput and mix exclusivity per TPS and slot.
    for (c, _) in ctx.copies.iter().enumerate() {
        let keys: BTreeSet<&crate::optimise::groups::MixKey> = parts
            .iter()
            .filter(|p| p.copy == c && !ctx.groups.groups[p.group].mobile)
            .map(|p| &ctx.groups.groups[p.group].mix)
            .collect();
        for q in 0..ctx.slots.len() {
            let cap = ctx.slot_cap[c][q] as f64;
            let in_slot: Vec<&SlotVar> = vars
                .iter()
                .filter(|(i, qq, ..)| *qq == q && parts[*i].copy == c)
                .collect();
            if in_slot.is_empty() {
                continue;
            }
            let sum: Expression = in_slot.iter().map(|t| t.2).sum();
            rows.push(constraint!(sum <= cap));
            if keys.len() > 1 {
                let mut pick = Expression::from(0.0);
                for key in &keys {
                    let a = pv.add(variable().binary());
                    pick += a;
                    for t in in_slot
                        .iter()
                        .filter(|t| &&ctx.groups.groups[parts[t.0].group].mix == key)
                    {
                        rows.push(constraint!(t.2 <= cap * a));
                    }
                }
                rows.push(constraint!(pick <= 1.0));
            }
        }
    }
    // Escort rows on elementary intervals (a long walk may reach past either end of
    // the day: nothing is booked there).
    let mobile_at = |m: i64| -> i64 {
        usize::try_from(m)
            .ok()
            .and_then(|m| mobile_usage.get(m))
            .copied()
            .unwrap_or(0)
    };
    let mut cuts: BTreeSet<i64> = BTreeSet::new();
    for t in &vars {
        cuts.insert(t.4.0);
        cuts.insert(t.4.1);
    }
    let (lo, hi) = match (cuts.first(), cuts.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    };
    for m in lo.max(1)..hi {
        if profile.at(m) != profile.at(m - 1) || mobile_at(m) != mobile_at(m - 1) {
            cuts.insert(m);
        }
    }
    let cuts: Vec<i64> = cuts.into_iter().collect();
    let mut slack_rows: Vec<(i64, i64, Variable)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut sum = Expression::from(0.0);
        let mut any = false;
        for t in vars
            .iter()
            .filter(|t| t.4.0 <= a && t.4.1 >= b)
            .filter(|t| ctx.groups.groups[parts[t.0].group].escorted)
        {
            any = true;
            match t.3 {
                Some(e) => sum += e,
                None => sum += officers * t.2,
            }
        }
        if !any {
            continue;
        }
        let cap = (a..b)
            .map(|m| profile.at(m) as i64 - mobile_at(m))
            .min()
            .unwrap_or(0) as f64;
        // Officers short, per minute of the interval (a request is for officer-time).
        let s = pv.add(variable().min(0.0));
        obj += 1e2 * (b - a) as f64 * s;
        rows.push(constraint!(sum <= cap + s));
        slack_rows.push((a, b, s));
    }
    let mut read: Vec<Variable> = Vec::new();
    for t in &vars {
        read.push(t.2);
        if let Some(e) = t.3 {
            read.push(e);
        }
    }
    read.extend(over.iter().map(|o| o.1));
    read.extend(slack_rows.iter().map(|s| s.2));
    let milp = Milp {
        vars: pv,
        objective: obj,
        constraints: rows,
        warm: Vec::new(),
    };
    let settings = SolveSettings {
        time_limit: settings
            .time_limit
            .mul_f64(0.25)
            .clamp(Duration::from_millis(100), Duration::from_secs(1)),
        mip_gap: settings.mip_gap.max(1e-3),
        ..*settings
    };
    let solved = solve(milp, &read, &settings).ok()?;
    let mut it = solved.values.into_iter();
    let mut waves = Vec::new();
    for t in &vars {
        let v = it.next().unwrap_or(0.0).round() as u32;
        let e = t.3.map(|_| it.next().unwrap_or(0.0).round() as u32);
        if v > 0 {
            let p = &parts[t.0];
            let g = &ctx.groups.groups[p.group];
            let s = ctx.slots[t.1];
            waves.push(PlannedWave {
                copy: p.copy,
                group: p.group,
                start: s.start,
                end: s.end,
                voters: v,
                escorts: if g.escorted {
                    e.unwrap_or(0).max(wave_escorts(f, v, g.high_risk))
                } else {
                    0
                },
                mobile: false,
            });
        }
    }
    let mut shortfall = ScheduleShortfall::default();
    for (i, _) in &over {
        let o = it.next().unwrap_or(0.0);
        if o > 0.5 {
            shortfall
                .unserved
                .push((parts[*i].copy, parts[*i].group, o.round() as u32));
        }
    }
    let mut short = vec![0i64; 24 * 60];
    for (a, b, _) in &slack_rows {
        let s = it.next().unwrap_or(0.0);
        if s > 1e-6 {
            for m in (*a).max(0)..(*b).min(short.len() as i64) {
                short[m as usize] = short[m as usize].max(s.ceil() as i64);
            }
        }
    }
    shortfall.escorts = ranges(&short);
    Some((waves, shortfall))
}

pub(super) fn settings_weight(f: &Facility) -> f64 {
    f.rules.bobot.menit_pengawal
}
