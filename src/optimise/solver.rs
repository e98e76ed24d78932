//! One door to the MILP backends of good_lp: the default pure-Rust `microlp`, and HiGHS
//! behind the `highs` cargo feature. Returns the values of the variables asked for, the
//! status, the objective and the best proven bound when the backend gives one.

use std::time::Duration;

use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus,
    SolverModel, Variable, WithInitialSolution, WithMipGap, WithTimeLimit,
};

/// The backend and status types live with the plan they are reported in.
pub use crate::plan::{Backend, Status};

/// A MILP ready to solve.
pub struct Milp {
    /// The variables.
    pub vars: ProblemVariables,
    /// What to minimise.
    pub objective: Expression,
    /// The rows.
    pub constraints: Vec<Constraint>,
    /// A feasible starting point, if known.
    pub warm: Vec<(Variable, f64)>,
}

/// Solve settings.
#[derive(Debug, Clone, Copy)]
pub struct SolveSettings {
    /// Backend.
    pub backend: Backend,
    /// Wall-clock budget.
    pub time_limit: Duration,
    /// Relative gap at which to stop.
    pub mip_gap: f64,
}

/// A solved MILP.
#[derive(Debug, Clone)]
pub struct Solved {
    /// Values of the variables asked for, in order.
    pub values: Vec<f64>,
    /// How it ended.
    pub status: Status,
    /// The best bound the backend proved, when it says.
    pub best_bound: Option<f64>,
}

/// Why a MILP gave no solution.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveError {
    /// Proven infeasible.
    Infeasible,
    /// The time limit came before any feasible solution.
    NoSolutionInTime,
    /// Anything else the backend said.
    Backend(String),
}

fn map_error(e: ResolutionError) -> SolveError {
    match e {
        ResolutionError::Infeasible => SolveError::Infeasible,
        ResolutionError::Other(s) if s.contains("Time limit") => SolveError::NoSolutionInTime,
        other => SolveError::Backend(other.to_string()),
    }
}

fn map_status(s: SolutionStatus) -> Status {
    match s {
        SolutionStatus::Optimal => Status::Optimal,
        SolutionStatus::TimeLimit => Status::TimeLimit,
        SolutionStatus::GapLimit => Status::GapLimit,
    }
}

fn run<M>(
    mut model: M,
    milp: Milp,
    settings: &SolveSettings,
    read: &[Variable],
    bound: impl FnOnce(M::Solution) -> Option<f64>,
) -> Result<Solved, SolveError>
where
    M: SolverModel<Error = ResolutionError> + WithTimeLimit + WithMipGap + WithInitialSolution,
{
    model = model.with_time_limit(settings.time_limit.as_secs_f64().max(0.001));
    if settings.mip_gap > 0.0 {
        model = model
            .with_mip_gap(settings.mip_gap as f32)
            .map_err(|e| SolveError::Backend(e.to_string()))?;
    }
    if !milp.warm.is_empty() {
        model = model.with_initial_solution(milp.warm);
    }
    for c in milp.constraints {
        model.add_constraint(c);
    }
    let sol = model.solve().map_err(map_error)?;
    let values = read.iter().map(|v| sol.value(*v)).collect();
    let status = map_status(sol.status());
    let best_bound = bound(sol);
    Ok(Solved {
        values,
        status,
        best_bound,
    })
}

/// Solves `milp` (minimisation) and returns the values of `read`.
pub fn solve(
    milp: Milp,
    read: &[Variable],
    settings: &SolveSettings,
) -> Result<Solved, SolveError> {
    match settings.backend {
        Backend::Microlp => {
            let Milp {
                vars,
                objective,
                constraints,
                warm,
            } = milp;
            let model = vars.minimise(objective.clone()).using(good_lp::microlp);
            let milp = Milp {
                vars: ProblemVariables::new(),
                objective,
                constraints,
                warm,
            };
            run(model, milp, settings, read, |s| {
                let inner = s.into_inner();
                inner.stats().best_bound
            })
        }
        #[cfg(feature = "highs")]
        Backend::Highs => {
            let Milp {
                vars,
                objective,
                constraints,
                warm,
            } = milp;
            let model = vars
                .minimise(objective.clone())
                .using(good_lp::solvers::highs::highs);
            let milp = Milp {
                vars: ProblemVariables::new(),
                objective,
                constraints,
                warm,
            };
            run(model, milp, settings, read, |_| None)
        }
    }
}
