//! Everything written for KPU and for meetings: tables as CSV and xlsx, NIK/NKK
//! masking, formula neutralising. Neighbours: `plan` (what is exported) and
//! `eligibility` (decisions and follow-ups).

pub mod charts;
pub mod kpu;
pub mod mask;
pub mod outputs;
pub mod report;

pub use crate::table;
pub use mask::mask_id;
pub use table::{Cell, Table, neutralise, write_xlsx};
