//! Facility builders for the integration tests (the readers are another module's
//! work, so facilities are built in code).
#![allow(dead_code)]

pub mod chromium;
pub mod cli;

pub use tpsplan::testing::{FacilityBuilder, VoterSpec};

use tpsplan::facility::Facility;
use tpsplan::model::{Clock, StaffRole, Voter};

/// A small facility: two men's blocks and a women's block, three sites; women at a
/// TPS of their own (the ruleset switch `jenis_kelamin_tps_terpisah`).
pub fn small() -> (Facility, Vec<Voter>) {
    let (mut f, voters) = small_shared();
    f.rules.pemisahan.jenis_kelamin_tps_terpisah = true;
    (f, voters)
}

/// [`small`] under the 2024 defaults: women vote in waves of their own at a TPS they
/// may share with men.
pub fn small_shared() -> (Facility, Vec<Voter>) {
    FacilityBuilder::new("kecil")
        .block("A", "umum")
        .block("B", "umum")
        .block("W", "wanita")
        .site("aula", "umum", 2, 4)
        .site("masjid", "umum", 1, 4)
        .site("aula-w", "wanita", 1, 4)
        .path("A", "aula", 3.0, false)
        .path("B", "aula", 4.0, true)
        .path("A", "masjid", 2.0, false)
        .path("W", "aula-w", 2.0, false)
        .voters("A", 150, VoterSpec::man())
        .voters("A", 20, VoterSpec::man().on(tpsplan::model::Category::Dptb))
        .voters("B", 120, VoterSpec::man())
        .voters("B", 6, VoterSpec::man().high_risk())
        .voters("B", 2, VoterSpec::man().high_risk().mobile())
        .voters("W", 40, VoterSpec::woman())
        .voters("W", 3, VoterSpec::woman().on(tpsplan::model::Category::Dpk))
        .escorts(60, Clock::hm(6, 0), Clock::hm(14, 0))
        .staff(40, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0))
        .build()
}
