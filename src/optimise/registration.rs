//! The registration model: a capacitated facility-location MILP, generic enough that
//! the TPS problem and the OR-Library `cap` instances run through the same code.
//!
//! Sites host *copies* (TPS) of a class; copies at one site are interchangeable, so the
//! model holds only their number `n[s,k]` (integer) rather than one binary per copy.
//! Groups of demand are registered at sites (`x[g,s]`); a *unit* (a block's voters of
//! one class, or an OR-Library customer) that uses a site pays a use cost through the
//! binary `y[u,s]`. The strong linking rows `x[g,s] <= d_g * y[u,s]` and
//! `y[u,s] <= n[s,k]` keep the LP relaxation tight (without them OR-Library cap131 does
//! not finish in two minutes; with them all 37 instances solve in well under a second).
//! Capacity rows are given per site and class as `sum a x + sum b y <= c * n`.

use std::collections::BTreeMap;

use good_lp::{Expression, ProblemVariables, Variable, constraint, variable};

use super::solver::{Milp, SolveError, SolveSettings, Solved, Status, solve};

/// A place that hosts copies (TPS, warehouses).
#[derive(Debug, Clone, PartialEq)]
pub struct FlSite {
    /// Cost of each copy opened.
    pub fixed_cost: f64,
    /// Copies it can host in all classes together.
    pub max_copies: u32,
}

/// Demand whose spread over sites costs (a block's voters of one class; a customer).
#[derive(Debug, Clone, PartialEq)]
pub struct FlUnit {
    /// Class of copies it may use.
    pub class: usize,
    /// Cost per site used (the split penalty). With 0 and no use coefficients, no
    /// `y` variables are made and groups link straight to `n`.
    pub use_cost: f64,
    /// Extra cost when it uses a given site (site, cost).
    pub site_use_cost: Vec<(usize, f64)>,
}

/// A piece of demand (a voter group; a customer).
#[derive(Debug, Clone, PartialEq)]
pub struct FlGroup {
    /// Its unit.
    pub unit: usize,
    /// Demand.
    pub demand: f64,
    /// Sites it may use with the cost per unit of demand there.
    pub options: Vec<(usize, f64)>,
}

/// One capacity row at a site for a class: `sum a_g x[g,s] + sum b_u y[u,s] <= per_copy * n[s,k]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FlRow {
    /// Site.
    pub site: usize,
    /// Class.
    pub class: usize,
    /// Right-hand side per copy.
    pub per_copy: f64,
    /// Coefficients of registered demand (group, a).
    pub flow: Vec<(usize, f64)>,
    /// Coefficients of unit use (unit, b).
    pub uses: Vec<(usize, f64)>,
    /// Savings when a unit is an *end* of a copy's round (unit, w): the row's left side
    /// may subtract `w * f[u]` with `0 <= f[u] <= 2 y[u,s]` and `sum f <= ends_per_copy * n`
    /// (a visit team walks out before its window and back after it).
    pub ends: Vec<(usize, f64)>,
    /// Ends per copy (two per visit team).
    pub ends_per_copy: f64,
}

/// A convex piecewise-linear cost at a site and class: a variable `z >= 0` with
/// `z >= per_copy * n[s,k] + sum coef * x[g,s]` for every piece, costing `cost * z`.
#[derive(Debug, Clone, PartialEq)]
pub struct FlFloor {
    /// Site.
    pub site: usize,
    /// Class.
    pub class: usize,
    /// Cost per unit of `z`.
    pub cost: f64,
    /// The pieces: (coefficient of `n[s,k]`, coefficients of registered demand).
    pub pieces: Vec<(f64, Vec<(usize, f64)>)>,
}

/// The whole problem.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlProblem {
    /// Sites.
    pub sites: Vec<FlSite>,
    /// Number of classes.
    pub classes: usize,
    /// Units.
    pub units: Vec<FlUnit>,
    /// Groups.
    pub groups: Vec<FlGroup>,
    /// Capacity rows.
    pub rows: Vec<FlRow>,
    /// A valid lower bound on the copies of each class (a cut; 0 when unknown).
    pub class_min_copies: Vec<f64>,
    /// Whether registered amounts must be integers (voters) or may be fractional.
    pub integral_flow: bool,
    /// Sets of units of one class of which at most one may use a copy.
    pub exclusive: Vec<Vec<usize>>,
    /// Convex costs per site and class.
    pub floors: Vec<FlFloor>,
    /// When set, copies are continuous and cost nothing (a bound on the demand costs
    /// over any number of copies).
    pub free_copies: bool,
}

/// A solution of the registration model.
#[derive(Debug, Clone, PartialEq)]
pub struct FlSolution {
    /// Copies per (site, class).
    pub copies: BTreeMap<(usize, usize), u32>,
    /// Amount per (group, site), only positive entries.
    pub flow: BTreeMap<(usize, usize), f64>,
    /// Objective of the model.
    pub objective: f64,
    /// Best proven bound (backend's, or `None`).
    pub best_bound: Option<f64>,
    /// How the solve ended.
    pub status: Status,
}

/// A known feasible point: copies per (site, class), amounts per (group, site).
type Warm<'a> = (
    &'a BTreeMap<(usize, usize), u32>,
    &'a BTreeMap<(usize, usize), f64>,
);

struct Vars {
    n: BTreeMap<(usize, usize), Variable>,
    x: BTreeMap<(usize, usize), Variable>,
    y: BTreeMap<(usize, usize), Variable>,
    /// Auxiliary variables (end savings, convex costs), read only for the objective.
    other: Vec<Variable>,
}

impl FlProblem {
    /// Total demand per class.
    pub fn demand_of_class(&self, k: usize) -> f64 {
        self.groups
            .iter()
            .filter(|g| self.units[g.unit].class == k)
            .map(|g| g.demand)
            .sum()
    }

    /// The same rows with only the TPS counted: each copy costs 1, flows, unit uses and
    /// convex costs nothing. Every plan is a feasible point of the registration model,
    /// so its optimum (or proven bound) is a lower bound on any plan's number of TPS,
    /// sites, zones, windows and exclusive sets included, which the class minima alone
    /// do not see.
    pub fn count_only(&self) -> FlProblem {
        let mut p = self.clone();
        p.free_copies = false;
        for s in &mut p.sites {
            s.fixed_cost = 1.0;
        }
        for g in &mut p.groups {
            for o in &mut g.options {
                o.1 = 0.0;
            }
        }
        for u in &mut p.units {
            u.use_cost = 0.0;
            u.site_use_cost.clear();
        }
        p.floors.clear();
        p
    }

    fn build(&self, relaxed: bool) -> (Milp, Vars) {
        let mut pv = ProblemVariables::new();
        let mut n = BTreeMap::new();
        let mut x = BTreeMap::new();
        let mut y = BTreeMap::new();
        let mut other = Vec::new();
        let mut objective = Expression::from(0.0);
        let mut constraints = Vec::new();
        let uses_y: Vec<bool> = self
            .units
            .iter()
            .map(|u| u.use_cost > 0.0 || !u.site_use_cost.is_empty())
            .collect();
        let mut row_uses = vec![false; self.units.len()];
        for r in &self.rows {
            for &(u, _) in r.uses.iter().chain(&r.ends) {
                row_uses[u] = true;
            }
        }
        for set in &self.exclusive {
            for &u in set {
                row_uses[u] = true;
            }
        }
        // Copies and flows.
        for (gi, g) in self.groups.iter().enumerate() {
            let k = self.units[g.unit].class;
            for &(s, cost) in &g.options {
                n.entry((s, k)).or_insert_with(|| {
                    let max = self.sites[s].max_copies as f64;
                    let def = variable().min(0.0).max(max);
                    let v = pv.add(if relaxed || self.free_copies {
                        def
                    } else {
                        def.integer()
                    });
                    if !self.free_copies {
                        objective += self.sites[s].fixed_cost * v;
                    }
                    v
                });
                let def = variable().min(0.0).max(g.demand);
                let v = pv.add(if self.integral_flow && !relaxed {
                    def.integer()
                } else {
                    def
                });
                objective += cost * v;
                x.insert((gi, s), v);
            }
        }
        // Unit uses.
        for (gi, g) in self.groups.iter().enumerate() {
            let u = g.unit;
            if !(uses_y[u] || row_uses[u]) {
                continue;
            }
            for &(s, _) in &g.options {
                y.entry((u, s)).or_insert_with(|| {
                    let def = variable().min(0.0).max(1.0);
                    let v = pv.add(if relaxed { def } else { def.binary() });
                    objective += self.units[u].use_cost * v;
                    if let Some(&(_, c)) = self.units[u].site_use_cost.iter().find(|p| p.0 == s) {
                        objective += c * v;
                    }
                    v
                });
            }
            let _ = gi;
        }
        // Each group fully registered.
        for (gi, g) in self.groups.iter().enumerate() {
            let sum: Expression = g.options.iter().map(|&(s, _)| x[&(gi, s)]).sum();
            constraints.push(constraint!(sum == g.demand));
        }
        // Strong linking.
        let mut unit_demand: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (gi, g) in self.groups.iter().enumerate() {
            let k = self.units[g.unit].class;
            for &(s, _) in &g.options {
                let xv = x[&(gi, s)];
                *unit_demand.entry((g.unit, s)).or_default() += g.demand;
                let cap = g.demand.min(self.site_cap(s, k));
                match y.get(&(g.unit, s)) {
                    Some(&yv) => constraints.push(constraint!(xv <= cap * yv)),
                    None => constraints.push(constraint!(xv <= cap * n[&(s, k)])),
                }
            }
        }
        for (&(u, s), &yv) in &y {
            let k = self.units[u].class;
            constraints.push(constraint!(yv <= n[&(s, k)]));
            // Aggregated link of the whole unit at the site.
            let sum: Expression = self
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.unit == u)
                .filter_map(|(gi, _)| x.get(&(gi, s)).copied())
                .sum();
            let cap = unit_demand[&(u, s)].min(self.site_cap(s, k));
            constraints.push(constraint!(sum <= cap * yv));
        }
        // Copies per site over classes.
        let mut per_site: BTreeMap<usize, Vec<Variable>> = BTreeMap::new();
        for (&(s, _), &v) in &n {
            per_site.entry(s).or_default().push(v);
        }
        for (s, vs) in per_site {
            if vs.len() > 1 {
                let sum: Expression = vs.into_iter().sum();
                constraints.push(constraint!(sum <= self.sites[s].max_copies as f64));
            }
        }
        // Capacity rows.
        for r in &self.rows {
            let Some(&nv) = n.get(&(r.site, r.class)) else {
                continue;
            };
            let mut lhs = Expression::from(0.0);
            for &(g, a) in &r.flow {
                if let Some(&xv) = x.get(&(g, r.site)) {
                    lhs += a * xv;
                }
            }
            for &(u, b) in &r.uses {
                if let Some(&yv) = y.get(&(u, r.site)) {
                    lhs += b * yv;
                }
            }
            let mut ends = Expression::from(0.0);
            for &(u, w) in &r.ends {
                if let Some(&yv) = y.get(&(u, r.site)) {
                    let f = pv.add(variable().min(0.0).max(2.0));
                    other.push(f);
                    constraints.push(constraint!(f <= 2.0 * yv));
                    ends += f;
                    lhs -= w * f;
                }
            }
            if !r.ends.is_empty() {
                constraints.push(constraint!(ends <= r.ends_per_copy * nv));
            }
            constraints.push(constraint!(lhs <= r.per_copy * nv));
        }
        // Exclusive sets: at most one member per copy.
        for set in &self.exclusive {
            let Some(&first) = set.first() else { continue };
            let k = self.units[first].class;
            let mut sites: Vec<usize> = y
                .keys()
                .filter(|(u, _)| set.contains(u))
                .map(|&(_, s)| s)
                .collect();
            sites.sort_unstable();
            sites.dedup();
            for s in sites {
                let Some(&nv) = n.get(&(s, k)) else { continue };
                let sum: Expression = set.iter().filter_map(|u| y.get(&(*u, s)).copied()).sum();
                constraints.push(constraint!(sum <= nv));
            }
        }
        // Convex costs.
        for fl in &self.floors {
            let Some(&nv) = n.get(&(fl.site, fl.class)) else {
                continue;
            };
            let z = pv.add(variable().min(0.0));
            other.push(z);
            objective += fl.cost * z;
            for (per_copy, coefs) in &fl.pieces {
                let mut rhs = Expression::from(0.0) + *per_copy * nv;
                for &(g, a) in coefs {
                    if let Some(&xv) = x.get(&(g, fl.site)) {
                        rhs += a * xv;
                    }
                }
                constraints.push(constraint!(z >= rhs));
            }
        }
        // Class cuts.
        for (k, &m) in self.class_min_copies.iter().enumerate() {
            if m > 0.0 && !self.free_copies {
                let sum: Expression = n
                    .iter()
                    .filter(|((_, kk), _)| *kk == k)
                    .map(|(_, v)| *v)
                    .sum();
                constraints.push(constraint!(sum >= m));
            }
        }
        (
            Milp {
                vars: pv,
                objective,
                constraints,
                warm: Vec::new(),
            },
            Vars { n, x, y, other },
        )
    }

    /// The largest amount one copy at site `s` can take in class `k` by the rows that
    /// count all flow (used to tighten the linking rows).
    fn site_cap(&self, s: usize, k: usize) -> f64 {
        let max = self.sites[s].max_copies.max(1) as f64;
        self.rows
            .iter()
            .filter(|r| r.site == s && r.class == k && r.uses.is_empty())
            .filter(|r| {
                let covered: usize = r
                    .flow
                    .iter()
                    .filter(|(_, a)| (*a - 1.0).abs() < 1e-12)
                    .count();
                covered
                    == self
                        .groups
                        .iter()
                        .filter(|g| self.units[g.unit].class == k)
                        .filter(|g| g.options.iter().any(|o| o.0 == s))
                        .count()
            })
            .map(|r| r.per_copy * max)
            .fold(f64::INFINITY, f64::min)
    }

    /// Solves the MILP.
    pub fn solve(&self, settings: &SolveSettings) -> Result<FlSolution, SolveError> {
        self.solve_inner(settings, false, None)
    }

    /// Solves the MILP from a known feasible point: copies per (site, class) and
    /// amounts per (group, site).
    pub fn solve_from(
        &self,
        settings: &SolveSettings,
        copies: &BTreeMap<(usize, usize), u32>,
        flow: &BTreeMap<(usize, usize), f64>,
    ) -> Result<FlSolution, SolveError> {
        self.solve_inner(settings, false, Some((copies, flow)))
    }

    /// Solves the MILP from known numbers of copies per (site, class) (the solver
    /// completes the amounts by its LP).
    pub fn solve_from_copies(
        &self,
        settings: &SolveSettings,
        copies: &BTreeMap<(usize, usize), u32>,
    ) -> Result<FlSolution, SolveError> {
        let (mut milp, vars) = self.build(false);
        for (key, &v) in &vars.n {
            milp.warm
                .push((v, copies.get(key).copied().unwrap_or(0) as f64));
        }
        self.finish(milp, vars, settings, false)
    }

    /// Solves the LP relaxation (a lower bound).
    pub fn lp_bound(&self, settings: &SolveSettings) -> Result<f64, SolveError> {
        self.solve_inner(settings, true, None).map(|s| s.objective)
    }

    fn solve_inner(
        &self,
        settings: &SolveSettings,
        relaxed: bool,
        warm: Option<Warm<'_>>,
    ) -> Result<FlSolution, SolveError> {
        let (mut milp, vars) = self.build(relaxed);
        if let Some((copies, flow)) = warm {
            for (key, &v) in &vars.n {
                milp.warm
                    .push((v, copies.get(key).copied().unwrap_or(0) as f64));
            }
            for (key, &v) in &vars.x {
                milp.warm.push((v, flow.get(key).copied().unwrap_or(0.0)));
            }
            for (&(u, s), &v) in &vars.y {
                let used = flow
                    .iter()
                    .any(|(&(g, site), &a)| site == s && a > 0.0 && self.groups[g].unit == u);
                milp.warm.push((v, if used { 1.0 } else { 0.0 }));
            }
        }
        self.finish(milp, vars, settings, relaxed)
    }

    fn finish(
        &self,
        milp: Milp,
        vars: Vars,
        settings: &SolveSettings,
        relaxed: bool,
    ) -> Result<FlSolution, SolveError> {
        let mut read: Vec<Variable> = Vec::new();
        read.extend(vars.n.values());
        read.extend(vars.x.values());
        read.extend(vars.y.values());
        read.extend(vars.other.iter());
        let objective_expr = milp.objective.clone();
        let Solved {
            values,
            status,
            best_bound,
        } = solve(milp, &read, settings)?;
        let mut it = values.into_iter();
        let mut copies = BTreeMap::new();
        let mut value_of: std::collections::HashMap<Variable, f64> =
            std::collections::HashMap::new();
        for (&key, &v) in &vars.n {
            let val = it.next().unwrap_or(0.0);
            value_of.insert(v, val);
            let c = val.round().max(0.0) as u32;
            if c > 0 {
                copies.insert(key, c);
            }
        }
        let mut flow = BTreeMap::new();
        for (&key, &v) in &vars.x {
            let val = it.next().unwrap_or(0.0);
            value_of.insert(v, val);
            let val = if self.integral_flow && !relaxed {
                val.round()
            } else {
                val
            };
            if val > 1e-9 {
                flow.insert(key, val);
            }
        }
        for &v in vars.y.values().chain(vars.other.iter()) {
            value_of.insert(v, it.next().unwrap_or(0.0));
        }
        let objective = objective_expr.eval_with(&value_of);
        Ok(FlSolution {
            copies,
            flow,
            objective,
            best_bound: if relaxed { Some(objective) } else { best_bound },
            status,
        })
    }
}
