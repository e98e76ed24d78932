//! The command layer: one module per subcommand of `tpsplan`, between [`crate::cli`]
//! (which turns flags into calls here) and the library. Each reads what its command
//! needs, calls the library (which returns values and strings), prints to stdout and
//! stderr, and returns the error whose exit code `cli` uses.
//!
//! - [`plan`]: `tpsplan plan` (one facility with `planner`), with [`region`] for a
//!   region folder and [`compare`] for several scenarios; [`prepare`] holds what the
//!   three share (the flags, the folder walk, a facility read with its problems);
//! - [`check`]: `tpsplan check`, the problems and the readiness summary;
//! - [`compare`]: `tpsplan compare` and `plan --scenario a,b,c`;
//! - [`verify`], [`render`], [`simulate`]: the commands on a written plan folder;
//! - [`generate`], [`codes`]: synthetic facilities, and the list of problem codes.

pub mod check;
pub mod codes;
pub mod compare;
pub mod generate;
pub mod plan;
pub mod prepare;
pub mod region;
pub mod render;
pub mod simulate;
pub mod verify;
