//! The optimiser: how many TPS, where, who registers where, and the voting-day
//! schedule. Registration first (a capacitated facility-location MILP over TPS counts
//! per site, [`registration`]), then the schedule (waves per TPS and slot under booth
//! throughput, windows and escort capacity, [`schedule`]).

pub mod groups;
pub mod registration;
pub mod solver;
