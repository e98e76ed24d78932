//! How few block splits a class can have with a given number of TPS: a proven lower
//! bound, and the candidate *parts* a plan can be built from.
//!
//! Look at the registration of one class as a bipartite graph between its units (the
//! blocks) and its TPS, with an edge where a unit has voters at a TPS. The splits of
//! the class are `edges - units`. A connected component with `c` TPS and `b` units has
//! at least `c + b - 1` edges, so `splits >= N - components` for `N` TPS. A component
//! is a *part*: a set of units together with the TPS that serve exactly them, so its
//! TPS must at least carry its voters: `j(P) >= max(1, ceil(walking / T),
//! ceil(all / cap))` with `T` the most walking voters one TPS serves in a day (on the
//! site with the most booths) and `cap` the registration cap. Hence
//! `splits >= N - maxparts(N)`, where `maxparts` is the largest number of parts a
//! partition of the units can have with `sum j(P) <= N`, every other rule (sites,
//! windows, visits, separation) left out, which can only raise `maxparts`.
//!
//! `maxparts` is bounded by its configuration LP, `max sum l_P` over all unit sets `P`
//! with `sum_{P owns u} l_P = 1` and `sum j(P) l_P <= N`. We solve its dual, `min
//! sum pi_u + N mu` subject to `sum_{u in P} pi_u + j(P) mu >= 1` for every `P`, `mu >=
//! 0`, by cutting planes: the most violated `P` is found *exactly* by a subset-sum
//! dynamic programme over the walking voters (for each sum, the cheapest `pi`), so when
//! no row is violated the dual point is feasible for all `2^units` rows and its value
//! bounds the LP. With a largest violation `eps` left at the time limit the bound is
//! still valid after scaling: every `P` then has `sum pi + j mu >= 1 - eps`, so
//! `LP (1 - eps) <= sum pi + N mu`.

use std::time::{Duration, Instant};

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use super::solver::{Milp, SolveSettings, solve};

/// One unit (a block's voters of the class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartUnit {
    /// Voters who walk to the TPS.
    pub walking: u32,
    /// Voters served by a mobile visit.
    pub mobile: u32,
}

/// The capacity of one TPS used by the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartCap {
    /// Most walking voters one TPS serves in a day.
    pub day: u32,
    /// Most registered voters per TPS.
    pub cap: u32,
}

impl PartCap {
    /// TPS a part with these voters needs at least.
    pub fn need(&self, walking: u32, mobile: u32) -> u32 {
        let by_day = walking.div_ceil(self.day.max(1));
        let by_cap = (walking + mobile).div_ceil(self.cap.max(1));
        by_day.max(by_cap).max(1)
    }
}

/// The bound on the number of parts.
#[derive(Debug, Clone, PartialEq)]
pub struct PartsBound {
    /// Proven: no partition into parts has more parts than this.
    pub max_parts: u32,
    /// Value of the dual point (an upper bound on the LP before scaling).
    pub dual_value: f64,
    /// Largest violation left (0 when the cutting planes converged).
    pub violation: f64,
    /// Unit sets generated on the way (candidate parts for a plan).
    pub columns: Vec<Vec<usize>>,
    /// Cutting-plane rounds.
    pub rounds: usize,
}

/// The splits a plan of the class must have at least with `copies` TPS.
impl PartsBound {
    /// `copies - max_parts`, never below 0.
    pub fn min_splits(&self, copies: u32) -> u32 {
        copies.saturating_sub(self.max_parts)
    }
}

/// For every walking sum, the least `sum pi` of a non-empty unit set with that sum, and
/// the set. Units without walking voters (visited only) cost no capacity: they join
/// when their `pi` is negative. Exact (a 0/1 knapsack table over the sums).
fn cheapest_by_sum(units: &[PartUnit], pi: &[f64]) -> Vec<Option<(f64, Vec<usize>)>> {
    let n = units.len();
    let total: usize = units.iter().map(|u| u.walking as usize).sum();
    let inf = f64::INFINITY;
    let mut best = vec![inf; total + 1];
    best[0] = 0.0;
    let mut take = vec![vec![false; total + 1]; n];
    // Zero-walk units with negative pi join every set; the best single one otherwise
    // forms the cheapest set of sum 0.
    for (i, u) in units.iter().enumerate() {
        let d = u.walking as usize;
        let p = pi[i];
        if d == 0 {
            if p < 0.0 {
                for (w, b) in best.iter_mut().enumerate() {
                    if b.is_finite() {
                        *b += p;
                        take[i][w] = true;
                    }
                }
            }
            continue;
        }
        for w in (d..=total).rev() {
            let from = best[w - d];
            if from.is_finite() && from + p < best[w] - 1e-12 {
                best[w] = from + p;
                take[i][w] = true;
            }
        }
    }
    let mut out = vec![None; total + 1];
    for (w, &b) in best.iter().enumerate() {
        if !b.is_finite() {
            continue;
        }
        let mut set = Vec::new();
        let mut cur = w;
        for i in (0..n).rev() {
            if take[i][cur] {
                set.push(i);
                cur -= units[i].walking as usize;
            }
        }
        if cur != 0 {
            continue;
        }
        set.reverse();
        if set.is_empty() {
            // Sum 0 with no negative zero-walk unit: the cheapest zero-walk unit alone.
            if let Some((i, _)) = units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.walking == 0)
                .min_by(|a, b| pi[a.0].total_cmp(&pi[b.0]))
            {
                out[w] = Some((pi[i], vec![i]));
            }
            continue;
        }
        out[w] = Some((b, set));
    }
    out
}

/// The rows most violated at `(pi, mu)`: for each TPS count `j`, the few sums of that
/// `j` whose cheapest set has the largest violation `1 - sum pi - j mu`.
fn price(
    units: &[PartUnit],
    pi: &[f64],
    mu: f64,
    cap: PartCap,
    per_j: usize,
) -> Vec<(f64, Vec<usize>)> {
    let table = cheapest_by_sum(units, pi);
    let mut by_j: std::collections::BTreeMap<u32, Vec<(f64, Vec<usize>)>> = Default::default();
    for (w, entry) in table.into_iter().enumerate() {
        let Some((b, set)) = entry else { continue };
        let j = cap.need(w as u32, 0);
        let v = 1.0 - b - mu * j as f64;
        by_j.entry(j).or_default().push((v, set));
    }
    let mut out = Vec::new();
    for (_, mut list) in by_j {
        list.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.extend(list.into_iter().take(per_j));
    }
    out
}

/// TPS a unit set needs in the relaxation of the bound: by its walking voters only.
fn need_of(units: &[PartUnit], set: &[usize], cap: PartCap) -> u32 {
    let w: u32 = set.iter().map(|&i| units[i].walking).sum();
    cap.need(w, 0)
}

/// A partition into parts built greedily (each part the unit set that fills its TPS
/// best, a subset-sum by the walking voters), for the plan and to start the bound.
pub fn greedy_partition(units: &[PartUnit], copies: u32, cap: PartCap) -> Option<Vec<Vec<usize>>> {
    let per = cap.day.min(cap.cap).max(1) as usize;
    let mut left: Vec<usize> = (0..units.len()).collect();
    let mut copies_left = copies;
    let mut parts = Vec::new();
    while !left.is_empty() {
        let w_left: usize = left.iter().map(|&i| units[i].walking as usize).sum();
        let all_need = w_left.div_ceil(per).max(1) as u32;
        if all_need > copies_left {
            return None;
        }
        if all_need == copies_left || copies_left == 1 {
            parts.push(std::mem::take(&mut left));
            break;
        }
        let budget = (copies_left as usize * per).saturating_sub(w_left) as f64;
        // Best subset per j (largest walking sum within j TPS).
        let sub: Vec<PartUnit> = left.iter().map(|&i| units[i]).collect();
        let zero = vec![0.0; sub.len()];
        let table = cheapest_by_sum(&sub, &zero);
        let mut choice: Option<(usize, f64, Vec<usize>)> = None;
        for j in 1..copies_left.min(4) as usize {
            let best_w = (0..=(j * per).min(w_left))
                .rev()
                .find(|&w| table.get(w).is_some_and(|t| t.is_some()));
            let Some(w) = best_w else { continue };
            let waste = (j * per - w) as f64;
            // The rest must still fit in the TPS left.
            let rest_need = (w_left - w).div_ceil(per) as u32;
            if rest_need > copies_left - j as u32 {
                continue;
            }
            let fair = budget * j as f64 / copies_left as f64;
            let score = if waste <= fair {
                j as f64 * 1e-3
            } else {
                waste / j as f64
            };
            if choice.as_ref().is_none_or(|c| score < c.1) {
                let set = table[w].as_ref().map(|t| t.1.clone()).unwrap_or_default();
                choice = Some((j, score, set));
            }
        }
        let Some((j, _, set)) = choice else {
            parts.push(std::mem::take(&mut left));
            break;
        };
        let chosen: Vec<usize> = set.iter().map(|&k| left[k]).collect();
        left.retain(|i| !chosen.contains(i));
        copies_left -= j as u32;
        parts.push(chosen);
    }
    Some(parts)
}

/// Bounds the number of parts of a partition of `units` into parts with `sum j(P) <=
/// copies` (see the module documentation). `None` when no partition fits at all
/// (`copies` below what all units together need) or the LP solver failed.
pub fn bound_parts(
    units: &[PartUnit],
    copies: u32,
    cap: PartCap,
    time_limit: Duration,
) -> Option<PartsBound> {
    let started = Instant::now();
    let n = units.len();
    if n == 0 {
        return Some(PartsBound {
            max_parts: 0,
            dual_value: 0.0,
            violation: 0.0,
            columns: Vec::new(),
            rounds: 0,
        });
    }
    let all: Vec<usize> = (0..n).collect();
    if need_of(units, &all, cap) > copies {
        return None;
    }
    let mut columns: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    columns.push(all);
    let known = greedy_partition(units, copies, cap);
    let known_parts = known.as_ref().map(|p| p.len() as u32).unwrap_or(0);
    if let Some(p) = known {
        for mut part in p {
            part.sort_unstable();
            if !columns.contains(&part) {
                columns.push(part);
            }
        }
    }
    let mut rounds = 0;
    // Stability centre: the dual point with the best bound so far (Wentges smoothing).
    let mut centre: Option<(Vec<f64>, f64, f64)> = None;
    let mut best: Option<(f64, f64, f64)> = None; // (bound, dual value, violation)
    loop {
        rounds += 1;
        // Dual master: min sum pi + copies * mu, one row per column.
        let mut pv = ProblemVariables::new();
        let pi: Vec<Variable> = (0..n).map(|_| pv.add(variable())).collect();
        let mu = pv.add(variable().min(0.0));
        let mut objective: Expression = pi.iter().copied().sum();
        objective += copies as f64 * mu;
        let mut rows = Vec::with_capacity(columns.len());
        for col in &columns {
            let j = need_of(units, col, cap) as f64;
            let lhs: Expression = col.iter().map(|&i| pi[i]).sum::<Expression>() + j * mu;
            rows.push(constraint!(lhs >= 1.0));
        }
        let mut read = pi.clone();
        read.push(mu);
        let left = time_limit.saturating_sub(started.elapsed());
        let settings = SolveSettings {
            backend: super::solver::Backend::Microlp,
            time_limit: left.max(Duration::from_millis(20)),
            mip_gap: 0.0,
        };
        let solved = solve(
            Milp {
                vars: pv,
                objective,
                constraints: rows,
                warm: Vec::new(),
            },
            &read,
            &settings,
        )
        .ok()?;
        let pis: Vec<f64> = solved.values[..n].to_vec();
        let mu_v = solved.values[n].max(0.0);
        let master: f64 = pis.iter().sum::<f64>() + copies as f64 * mu_v;
        // Price at the smoothed point first; fall back to the master's point.
        let mut added = 0;
        let mut evaluate = |p: &[f64], m: f64, columns: &mut Vec<Vec<usize>>| -> (f64, f64) {
            let priced = price(units, p, m, cap, 3);
            let violation = priced.iter().map(|x| x.0).fold(0.0f64, f64::max);
            let value: f64 = p.iter().sum::<f64>() + copies as f64 * m;
            for (_, set) in priced {
                // A row is worth adding when it cuts the master's point.
                let at_master: f64 = 1.0
                    - set.iter().map(|&i| pis[i]).sum::<f64>()
                    - mu_v * need_of(units, &set, cap) as f64;
                if at_master > 1e-9 && !columns.contains(&set) {
                    columns.push(set);
                    added += 1;
                }
            }
            (value, violation)
        };
        let mut candidates = Vec::new();
        if let Some((cp, cm, _)) = &centre {
            let a = 0.5;
            let sp: Vec<f64> = cp
                .iter()
                .zip(&pis)
                .map(|(c, x)| a * c + (1.0 - a) * x)
                .collect();
            let sm = a * cm + (1.0 - a) * mu_v;
            let (value, violation) = evaluate(&sp, sm, &mut columns);
            candidates.push((sp, sm, value, violation));
        }
        let (value, violation) = evaluate(&pis, mu_v, &mut columns);
        candidates.push((pis.clone(), mu_v, value, violation));
        for (p, m, value, violation) in candidates {
            if violation < 0.999 {
                let bound = value / (1.0 - violation.max(0.0));
                if best.is_none_or(|b| bound < b.0) {
                    best = Some((bound, value, violation.max(0.0)));
                    centre = Some((p, m, bound));
                }
            }
        }
        let (bound, dual_value, violation) = best.unwrap_or((n as f64, master, 1.0));
        let max_parts = ((bound + 1e-6).floor().max(0.0) as u32).min(n as u32);
        let done = violation <= 1e-9
            || max_parts <= known_parts
            || added == 0
            || started.elapsed() >= time_limit
            || rounds >= 400;
        if done {
            return Some(PartsBound {
                max_parts: max_parts.max(known_parts),
                dual_value,
                violation,
                columns,
                rounds,
            });
        }
    }
}

/// Brute force `maxparts` over every partition (tests only; `units.len() <= 9`).
#[cfg(test)]
fn brute_max_parts(units: &[PartUnit], copies: u32, cap: PartCap) -> Option<u32> {
    fn go(
        units: &[PartUnit],
        cap: PartCap,
        i: usize,
        parts: &mut Vec<Vec<usize>>,
        copies: u32,
        best: &mut Option<u32>,
    ) {
        if i == units.len() {
            let used: u32 = parts.iter().map(|p| need_of(units, p, cap)).sum();
            if used <= copies {
                let k = parts.len() as u32;
                *best = Some(best.map_or(k, |b| b.max(k)));
            }
            return;
        }
        for p in 0..parts.len() {
            parts[p].push(i);
            go(units, cap, i + 1, parts, copies, best);
            parts[p].pop();
        }
        parts.push(vec![i]);
        go(units, cap, i + 1, parts, copies, best);
        parts.pop();
    }
    let mut best = None;
    go(units, cap, 0, &mut Vec::new(), copies, &mut best);
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn walk(ws: &[u32]) -> Vec<PartUnit> {
        ws.iter()
            .map(|&w| PartUnit {
                walking: w,
                mobile: 0,
            })
            .collect()
    }

    const CAP: PartCap = PartCap { day: 276, cap: 300 };

    #[test]
    fn equal_blocks_that_do_not_fill_a_tps_force_splits() {
        // 10 blocks of 78 in 3 TPS of 276: a TPS holds 3 blocks (234), two TPS hold 7
        // (546 <= 552), so at best {7 blocks in 2 TPS} + {3 blocks in 1 TPS}: 2 parts.
        let units = walk(&[78; 10]);
        let b = bound_parts(&units, 3, CAP, Duration::from_secs(5)).expect("bound");
        assert_eq!(brute_max_parts(&units, 3, CAP), Some(2));
        assert_eq!(b.max_parts, 2);
        assert_eq!(b.min_splits(3), 1);
    }

    #[test]
    fn blocks_that_fit_whole_need_no_split() {
        let units = walk(&[100, 100, 70, 150, 120, 90]);
        let b = bound_parts(&units, 3, CAP, Duration::from_secs(5)).expect("bound");
        assert_eq!(b.min_splits(3), 0);
    }

    #[test]
    fn the_bound_never_exceeds_the_brute_force_optimum_on_random_units() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..60 {
            let n = rng.gen_range(1..=8);
            let units: Vec<PartUnit> = (0..n)
                .map(|_| PartUnit {
                    walking: rng.gen_range(0..200),
                    mobile: if rng.gen_bool(0.2) {
                        rng.gen_range(1..40)
                    } else {
                        0
                    },
                })
                .collect();
            let cap = PartCap {
                day: rng.gen_range(150..300),
                cap: 300,
            };
            let all: Vec<usize> = (0..n).collect();
            let least = need_of(&units, &all, cap);
            let copies = least + rng.gen_range(0..3);
            let brute = brute_max_parts(&units, copies, cap).expect("feasible");
            let b = bound_parts(&units, copies, cap, Duration::from_secs(5)).expect("bound");
            assert!(
                b.max_parts >= brute,
                "bound {} below the true maximum {brute} for {units:?} in {copies}",
                b.max_parts
            );
        }
    }

    #[test]
    fn too_few_tps_for_all_units_has_no_partition() {
        let units = walk(&[200, 200, 200]);
        assert!(bound_parts(&units, 2, CAP, Duration::from_secs(1)).is_none());
    }
}
