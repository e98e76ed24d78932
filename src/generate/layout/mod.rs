//! The block plan and the layout graph of a generated UPT: blocks grouped in security
//! zones (`hunian_pria`, `hunian_wanita`, `maksimum`, `hunian_anak`, `hunian_pemuda`),
//! each group behind its own gate with a search point, lorong corridors on a grid, an
//! `umum` zone along the main corridor with the halls, fields, places of worship, the
//! clinic and the office, and the main gate. Coordinates are metres on a grid that
//! keeps nodes apart; walk minutes follow the distances at an escorted walking pace.
//!
//! Site capacities (`maks_tps`) are set after the roster is known
//! ([`LayoutRows::assign_capacity`]) so every class of voters that may not share a TPS has
//! room for its TPS with a margin.
mod blocks;
mod graph;
mod sites;

pub use blocks::{
    BlockClass, BlockPlan, ZONE_GENERAL, ZONE_JUVENILE, ZONE_MAX, ZONE_MEN, ZONE_WOMEN, ZONE_YOUTH,
    plan_blocks,
};
pub use graph::{LayoutRows, NodeRow, PathRow, build};
