//! # tpsplan
//!
//! Plans polling stations (TPS Lokasi Khusus) inside Indonesian prisons and remand
//! centres so that every inmate with the right to vote can use it.
//!
//! Layers, from the top: [`cli`] turns flags into calls to [`commands`], one module
//! per subcommand, which reads what the command needs, calls the library and prints;
//! the library returns values and strings. Below them, the pipelines: [`planner`] (one
//! facility planned end to end), [`region`] (the Kanwil's view of many), [`compare`]
//! (plans side by side), [`render`], [`simulate`], [`check`]. Data flows one way
//! through them: [`input`] reads and validates a facility folder into the [`model`]
//! types, `eligibility` decides who votes with which ballots, `optimise` decides the
//! TPS, registration and schedule, `verify` re-checks a plan independently, `export`
//! writes what KPU and meetings need. [`rules`] holds the election rules, all read
//! from ruleset files. [`lang`] and [`format`](mod@format) (the words and the numbers
//! users read) sit at the bottom with [`model`].
//!
//! `testing` (facilities and voter lists built in code) exists only for the crate's
//! own tests and, with the `testing` feature, for `tests/` and `examples/`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diagnostics;
pub mod eligibility;
pub mod error;
pub mod export;
pub mod facility;
pub mod format;
pub mod generate;
pub mod input;
pub mod lang;
pub mod layout;
pub mod model;
pub mod optimise;
pub mod plan;
pub mod planned;
pub mod planner;
pub mod reference;
pub mod region;
pub mod render;
pub mod rules;
pub mod simulate;
pub mod stable;
pub mod staffing;
pub mod table;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod verify;
