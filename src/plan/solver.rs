//! How the plan was solved: the MILP backend and how each solve ended, as `plan.json`
//! reports them (the optimiser uses these types; they live with the contract).

use serde::{Deserialize, Serialize};

/// Which MILP backend solves the models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// microlp: pure Rust, always available (default).
    #[default]
    Microlp,
    /// HiGHS (needs the `highs` cargo feature).
    #[cfg(feature = "highs")]
    Highs,
}

impl Backend {
    /// Name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            #[cfg(feature = "highs")]
            Backend::Highs => "highs",
        }
    }
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// Stopped at the time limit with a feasible solution.
    TimeLimit,
    /// Stopped within the requested gap.
    GapLimit,
    /// No solver solution: a greedy construction was used.
    Heuristic,
}

impl Status {
    /// Indonesian word for summaries.
    pub fn label(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "waktu habis",
            Status::GapLimit => "cukup dekat dengan batas bawah",
            Status::Heuristic => "heuristik",
        }
    }

    /// English words for summaries.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time limit",
            Status::GapLimit => "close enough to the bound",
            Status::Heuristic => "heuristic",
        }
    }

    /// The weaker of two statuses (for a plan built from several solves).
    pub fn worst(self, other: Status) -> Status {
        fn rank(s: Status) -> u8 {
            match s {
                Status::Optimal => 0,
                Status::GapLimit => 1,
                Status::TimeLimit => 2,
                Status::Heuristic => 3,
            }
        }
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}
