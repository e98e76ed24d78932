//! How few block splits a class can have with a given number of TPS: a proven lower
//! bound, and a partition a plan can be built from.
//!
//! Look at the registration of one class as a bipartite graph between its units (the
//! blocks) and its TPS, with an edge where a unit has voters at a TPS. The splits of
//! the class are `edges - units`. A connected component with `c` TPS and `b` units has
//! at least `c + b - 1` edges, so `splits >= N - components` for `N` TPS. A component
//! is a *part*: a set of units together with the TPS that serve exactly them, so its
//! TPS must at least carry its voters by every *row* that binds each TPS alike (the
//! registration cap; the day's throughput; each window's throughput, all on the site
//! with the most booths): `j(P) >= max(1, max_r ceil(W_r(P) / C_r))`. Hence `splits >=
//! N - maxparts(N)`, where `maxparts` is the largest number of parts a partition of the
//! units can have with `sum j(P) <= N`, every other rule (sites, visits, separation,
//! turns) left out, which can only raise `maxparts`.
//!
//! With several rows the sums are many-dimensional; a *surrogate* keeps one: for weights
//! `l_r >= 0` summing to 1, `max_r W_r / C_r >= sum_r l_r W_r / C_r`, so `j(P) >=
//! max(1, ceil(sum_{u in P} v_u / q))` with integer weights `v_u = floor(q sum_r l_r
//! W_r(u) / C_r)`, rounded down so never above (a single row keeps its exact counts,
//! `q = C_r`). Every surrogate gives a valid bound; the caller keeps the best of a few.
//!
//! `maxparts` is bounded by its configuration LP, `max sum l_P` over all unit sets `P`
//! with `sum_{P owns u} l_P = 1` and `sum j(P) l_P <= N`. We solve its dual, `min
//! sum pi_u + N mu` subject to `sum_{u in P} pi_u + j(P) mu >= 1` for every `P`, `mu >=
//! 0`, by cutting planes (with Wentges smoothing): the most violated `P` is found
//! *exactly* by a subset-sum dynamic programme over the surrogate weights (for each sum,
//! the cheapest `pi`), so when no row is violated the dual point is feasible for all
//! `2^units` rows and its value bounds the LP. With a largest violation `eps` left at the
//! time limit the bound is still valid after scaling: every `P` then has `sum pi + j mu
//! >= 1 - eps`, so `LP (1 - eps) <= sum pi + N mu`.

use std::time::{Duration, Instant};

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use super::solver::{Milp, SolveSettings, solve};

/// One unit (a block's voters of the class): its voters counted by each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartUnit {
    /// Voters per row (row 0: the day's walking voters).
    pub rows: Vec<u32>,
}

/// What one TPS holds by each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRows {
    /// Capacity per row (row 0: the day's throughput).
    pub caps: Vec<u32>,
}

impl PartRows {
    /// TPS a part with these row sums needs at least.
    pub fn need(&self, sums: &[u32]) -> u32 {
        sums.iter()
            .zip(&self.caps)
            .map(|(&w, &c)| w.div_ceil(c.max(1)))
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// TPS the units `set` need at least by every row.
    pub fn need_of(&self, units: &[PartUnit], set: &[usize]) -> u32 {
        let sums: Vec<u32> = (0..self.caps.len())
            .map(|r| set.iter().map(|&i| units[i].rows[r]).sum())
            .collect();
        self.need(&sums)
    }
}

/// One-dimensional weights of a surrogate of the rows.
#[derive(Debug, Clone, PartialEq)]
struct Surrogate {
    weights: Vec<u32>,
    q: u32,
}

impl Surrogate {
    fn new(units: &[PartUnit], rows: &PartRows, lambda: &[f64]) -> Surrogate {
        let used: Vec<usize> = (0..lambda.len()).filter(|&r| lambda[r] > 0.0).collect();
        if let [r] = used[..] {
            return Surrogate {
                weights: units.iter().map(|u| u.rows[r]).collect(),
                q: rows.caps[r].max(1),
            };
        }
        let q = 1000u32;
        let total: f64 = lambda.iter().sum::<f64>().max(1e-12);
        let weights = units
            .iter()
            .map(|u| {
                let s: f64 = u
                    .rows
                    .iter()
                    .zip(&rows.caps)
                    .zip(lambda)
                    .map(|((&w, &c), &l)| l / total * w as f64 / c.max(1) as f64)
                    .sum();
                (q as f64 * s + 1e-9).floor() as u32
            })
            .collect();
        Surrogate { weights, q }
    }

    fn need_sum(&self, w: u32) -> u32 {
        w.div_ceil(self.q).max(1)
    }

    fn need(&self, set: &[usize]) -> u32 {
        self.need_sum(set.iter().map(|&i| self.weights[i]).sum())
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
    /// Cutting-plane rounds.
    pub rounds: usize,
}

impl PartsBound {
    /// The splits a class with `copies` TPS has at least: `copies - max_parts`.
    pub fn min_splits(&self, copies: u32) -> u32 {
        copies.saturating_sub(self.max_parts)
    }
}

/// For every weight sum, the least `sum pi` of a non-empty unit set with that sum, and
/// the set. Units of weight 0 join when their `pi` is negative. Exact (a 0/1 knapsack
/// table over the sums).
fn cheapest_by_sum(weights: &[u32], pi: &[f64]) -> Vec<Option<(f64, Vec<usize>)>> {
    let n = weights.len();
    let total: usize = weights.iter().map(|&u| u as usize).sum();
    let inf = f64::INFINITY;
    let mut best = vec![inf; total + 1];
    best[0] = 0.0;
    let mut take = vec![vec![false; total + 1]; n];
    for (i, &u) in weights.iter().enumerate() {
        let d = u as usize;
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
                cur -= weights[i] as usize;
            }
        }
        if cur != 0 {
            continue;
        }
        set.reverse();
        if set.is_empty() {
            // Sum 0 with no negative zero-weight unit: the cheapest zero-weight unit.
            if let Some((i, _)) = weights
                .iter()
                .enumerate()
                .filter(|(_, u)| **u == 0)
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
fn price(sur: &Surrogate, pi: &[f64], mu: f64, per_j: usize) -> Vec<(f64, Vec<usize>)> {
    let table = cheapest_by_sum(&sur.weights, pi);
    let mut by_j: std::collections::BTreeMap<u32, Vec<(f64, Vec<usize>)>> = Default::default();
    for (w, entry) in table.into_iter().enumerate() {
        let Some((b, set)) = entry else { continue };
        let j = sur.need_sum(w as u32);
        by_j.entry(j)
            .or_default()
            .push((1.0 - b - mu * j as f64, set));
    }
    let mut out = Vec::new();
    for (_, mut list) in by_j {
        list.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.extend(list.into_iter().take(per_j));
    }
    out
}

/// A partition into parts built greedily by the day's walking voters (row 0): each part
/// the unit set that fills its TPS best (a subset sum), with a fair share of the room
/// left over; for the plan to start from.
pub fn greedy_partition(
    units: &[PartUnit],
    rows: &PartRows,
    copies: u32,
) -> Option<Vec<Vec<usize>>> {
    let per = rows.caps.first().copied().unwrap_or(1).max(1) as usize;
    let weight = |i: usize| units[i].rows.first().copied().unwrap_or(0);
    let mut left: Vec<usize> = (0..units.len()).collect();
    let mut copies_left = copies;
    let mut parts = Vec::new();
    while !left.is_empty() {
        let w_left: usize = left.iter().map(|&i| weight(i) as usize).sum();
        let all_need = w_left.div_ceil(per).max(1) as u32;
        if all_need > copies_left {
            return None;
        }
        if copies_left == 1 {
            parts.push(std::mem::take(&mut left));
            break;
        }
        let budget = (copies_left as usize * per).saturating_sub(w_left) as f64;
        let sub: Vec<u32> = left.iter().map(|&i| weight(i)).collect();
        let table = cheapest_by_sum(&sub, &vec![0.0; sub.len()]);
        let mut choice: Option<(usize, f64, Vec<usize>)> = None;
        for j in 1..copies_left.min(4) as usize + usize::from(copies_left <= 4) {
            let Some(w) = (0..=(j * per).min(w_left))
                .rev()
                .find(|&w| table.get(w).is_some_and(|t| t.is_some()))
            else {
                continue;
            };
            // The rest must still fit in the TPS left.
            if (w_left - w).div_ceil(per) as u32 > copies_left - j as u32 {
                continue;
            }
            let waste = (j * per - w) as f64;
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
/// copies` by the surrogate with weights `lambda` (one per row; see the module
/// documentation). Stops early once the bound reaches `target` (parts a known plan
/// has). `None` when the surrogate says no partition fits at all or the LP failed.
pub fn bound_parts(
    units: &[PartUnit],
    rows: &PartRows,
    copies: u32,
    lambda: &[f64],
    target: u32,
    time_limit: Duration,
) -> Option<PartsBound> {
    let started = Instant::now();
    let n = units.len();
    if n == 0 {
        return Some(PartsBound {
            max_parts: 0,
            dual_value: 0.0,
            violation: 0.0,
            rounds: 0,
        });
    }
    let sur = Surrogate::new(units, rows, lambda);
    let all: Vec<usize> = (0..n).collect();
    if sur.need(&all) > copies {
        return None;
    }
    let mut columns: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    columns.push(all);
    if let Some(p) = greedy_partition(units, rows, copies) {
        for mut part in p {
            part.sort_unstable();
            if !columns.contains(&part) {
                columns.push(part);
            }
        }
    }
    let mut rounds = 0;
    // Stability centre: the dual point with the best bound so far (Wentges smoothing).
    let mut centre: Option<(Vec<f64>, f64)> = None;
    let mut best: Option<(f64, f64, f64)> = None; // (bound, dual value, violation)
    loop {
        rounds += 1;
        // Dual master: min sum pi + copies * mu, one row per column.
        let mut pv = ProblemVariables::new();
        let pi: Vec<Variable> = (0..n).map(|_| pv.add(variable())).collect();
        let mu = pv.add(variable().min(0.0));
        let mut objective: Expression = pi.iter().copied().sum();
        objective += copies as f64 * mu;
        let mut rows_lp = Vec::with_capacity(columns.len());
        for col in &columns {
            let j = sur.need(col) as f64;
            let lhs: Expression = col.iter().map(|&i| pi[i]).sum::<Expression>() + j * mu;
            rows_lp.push(constraint!(lhs >= 1.0));
        }
        let mut read = pi.clone();
        read.push(mu);
        let settings = SolveSettings {
            backend: super::solver::Backend::Microlp,
            time_limit: time_limit
                .saturating_sub(started.elapsed())
                .max(Duration::from_millis(20)),
            mip_gap: 0.0,
        };
        let solved = solve(
            Milp {
                vars: pv,
                objective,
                constraints: rows_lp,
                warm: Vec::new(),
            },
            &read,
            &settings,
        )
        .ok()?;
        let pis: Vec<f64> = solved.values[..n].to_vec();
        let mu_v = solved.values[n].max(0.0);
        let master: f64 = pis.iter().sum::<f64>() + copies as f64 * mu_v;
        // Price at the smoothed point and at the master's point; keep the best bound
        // and add the rows that cut the master's point.
        let mut added = 0;
        let mut points = Vec::new();
        if let Some((cp, cm)) = &centre {
            let a = 0.5;
            let sp: Vec<f64> = cp
                .iter()
                .zip(&pis)
                .map(|(c, x)| a * c + (1.0 - a) * x)
                .collect();
            points.push((sp, a * cm + (1.0 - a) * mu_v));
        }
        points.push((pis.clone(), mu_v));
        for (p, m) in points {
            let priced = price(&sur, &p, m, 3);
            let violation = priced.iter().map(|x| x.0).fold(0.0f64, f64::max);
            let value: f64 = p.iter().sum::<f64>() + copies as f64 * m;
            for (_, set) in priced {
                let at_master: f64 =
                    1.0 - set.iter().map(|&i| pis[i]).sum::<f64>() - mu_v * sur.need(&set) as f64;
                if at_master > 1e-9 && !columns.contains(&set) {
                    columns.push(set);
                    added += 1;
                }
            }
            if violation < 0.999 {
                let bound = value / (1.0 - violation.max(0.0));
                if best.is_none_or(|b| bound < b.0) {
                    best = Some((bound, value, violation.max(0.0)));
                    centre = Some((p, m));
                }
            }
        }
        let (bound, dual_value, violation) = best.unwrap_or((n as f64, master, 1.0));
        let max_parts = ((bound + 1e-6).floor().max(0.0) as u32).min(n as u32);
        if violation <= 1e-9
            || max_parts <= target
            || added == 0
            || started.elapsed() >= time_limit
            || rounds >= 400
        {
            return Some(PartsBound {
                max_parts,
                dual_value,
                violation,
                rounds,
            });
        }
    }
}

/// Brute force `maxparts` over every partition with the full rows (tests only).
#[cfg(test)]
fn brute_max_parts(units: &[PartUnit], rows: &PartRows, copies: u32) -> Option<u32> {
    fn go(
        units: &[PartUnit],
        rows: &PartRows,
        i: usize,
        parts: &mut Vec<Vec<usize>>,
        copies: u32,
        best: &mut Option<u32>,
    ) {
        if i == units.len() {
            let used: u32 = parts.iter().map(|p| rows.need_of(units, p)).sum();
            if used <= copies {
                let k = parts.len() as u32;
                *best = Some(best.map_or(k, |b| b.max(k)));
            }
            return;
        }
        for p in 0..parts.len() {
            parts[p].push(i);
            go(units, rows, i + 1, parts, copies, best);
            parts[p].pop();
        }
        parts.push(vec![i]);
        go(units, rows, i + 1, parts, copies, best);
        parts.pop();
    }
    let mut best = None;
    go(units, rows, 0, &mut Vec::new(), copies, &mut best);
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn walk(ws: &[u32]) -> Vec<PartUnit> {
        ws.iter().map(|&w| PartUnit { rows: vec![w] }).collect()
    }

    fn day() -> PartRows {
        PartRows { caps: vec![276] }
    }

    const LIMIT: Duration = Duration::from_secs(5);

    #[test]
    fn equal_blocks_that_do_not_fill_a_tps_force_splits() {
        // 10 blocks of 78 in 3 TPS of 276: a TPS holds 3 blocks (234), two TPS hold 7
        // (546 <= 552), so at best {7 blocks in 2 TPS} + {3 blocks in 1 TPS}: 2 parts.
        let units = walk(&[78; 10]);
        let b = bound_parts(&units, &day(), 3, &[1.0], 0, LIMIT).expect("bound");
        assert_eq!(brute_max_parts(&units, &day(), 3), Some(2));
        assert_eq!(b.max_parts, 2);
        assert_eq!(b.min_splits(3), 1);
    }

    #[test]
    fn blocks_that_fit_whole_need_no_split() {
        let units = walk(&[100, 100, 70, 150, 120, 90]);
        let b = bound_parts(&units, &day(), 3, &[1.0], 0, LIMIT).expect("bound");
        assert_eq!(b.min_splits(3), 0);
    }

    #[test]
    fn a_window_row_can_force_a_split_the_day_alone_does_not() {
        // Two blocks of 130 voters, 90 of them in the late window (84 per TPS): by the
        // day alone each block fits one TPS, two parts; by the late window each needs
        // two TPS, so with three only both together fit: one part.
        let units = vec![
            PartUnit {
                rows: vec![130, 90],
            },
            PartUnit {
                rows: vec![130, 90],
            },
        ];
        let rows = PartRows {
            caps: vec![276, 84],
        };
        assert_eq!(brute_max_parts(&units, &rows, 3), Some(1));
        let day_only = bound_parts(&units, &rows, 3, &[1.0, 0.0], 0, LIMIT).expect("bound");
        let late_only = bound_parts(&units, &rows, 3, &[0.0, 1.0], 0, LIMIT).expect("bound");
        assert_eq!(day_only.max_parts, 2);
        assert_eq!(late_only.max_parts, 1);
    }

    #[test]
    fn every_surrogate_bound_is_at_least_the_brute_force_optimum_on_random_units() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..60 {
            let n = rng.gen_range(1..=7);
            let units: Vec<PartUnit> = (0..n)
                .map(|_| {
                    let day = rng.gen_range(0..200);
                    let late = rng.gen_range(0..=day.min(90));
                    let all = day + rng.gen_range(0..20);
                    PartUnit {
                        rows: vec![day, late, all],
                    }
                })
                .collect();
            let rows = PartRows {
                caps: vec![rng.gen_range(150..300), rng.gen_range(40..100), 300],
            };
            let all: Vec<usize> = (0..n).collect();
            let copies = rows.need_of(&units, &all) + rng.gen_range(0..3);
            let brute = brute_max_parts(&units, &rows, copies).expect("feasible");
            for lambda in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.5, 0.3, 0.2]] {
                let b = bound_parts(&units, &rows, copies, &lambda, 0, LIMIT).expect("bound");
                assert!(
                    b.max_parts >= brute,
                    "bound {} below the true maximum {brute} for {units:?} in {copies} ({lambda:?})",
                    b.max_parts
                );
            }
        }
    }

    #[test]
    fn too_few_tps_for_all_units_has_no_partition() {
        let units = walk(&[200, 200, 200]);
        assert!(bound_parts(&units, &day(), 2, &[1.0], 0, LIMIT).is_none());
    }
}
