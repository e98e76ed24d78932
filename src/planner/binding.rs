//! When no registration exists: which rule or switch binds, found by planning again
//! with one change at a time.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::Voter;
use crate::optimise::PlanOptions;

use super::roster::plan_day;

/// When no registration exists: the rule or switch that binds, found by planning again
/// with one change at a time (a TPS of their own for women, juveniles or high-risk
/// voters; a facility separation; a site the scenario closed; a zone's access), least
/// intrusive first; the first change with which the facility plans is named with the
/// TPS it then needs. `None` when no single change helps within `budget`.
pub(super) fn binding_rule(
    facility: &Facility,
    voters: &[Voter],
    opts: &PlanOptions,
    budget: Duration,
    lang: Lang,
) -> Option<String> {
    let started = Instant::now();
    let mut candidates: Vec<(Text, Facility)> = Vec::new();
    let switch = |key: &str, what_id: &str, what_en: &str| {
        Text::new(
            format!("sakelar [pemisahan] {key} = true ({what_id}): dengan {key} = false"),
            format!("the switch [pemisahan] {key} = true ({what_en}): with {key} = false"),
        )
    };
    type Switch = fn(&mut crate::rules::SeparationRules) -> &mut bool;
    let switches: [(Switch, &str, &str, &str); 3] = [
        (
            |p| &mut p.anak_tps_terpisah,
            "anak_tps_terpisah",
            "anak di TPS tersendiri; praktik 2024: gelombang tersendiri di TPS bersama",
            "juveniles at a TPS of their own; 2024 practice: waves of their own at a shared TPS",
        ),
        (
            |p| &mut p.jenis_kelamin_tps_terpisah,
            "jenis_kelamin_tps_terpisah",
            "perempuan di TPS tersendiri; praktik 2024: gelombang tersendiri di TPS bersama",
            "women at a TPS of their own; 2024 practice: waves of their own at a shared TPS",
        ),
        (
            |p| &mut p.risiko_tinggi_tps_terpisah,
            "risiko_tinggi_tps_terpisah",
            "risiko tinggi di TPS tersendiri",
            "high risk at a TPS of their own",
        ),
    ];
    for (flag, key, what_id, what_en) in switches {
        let mut f = facility.clone();
        let on = flag(&mut f.rules.pemisahan);
        if *on {
            *on = false;
            candidates.push((switch(key, what_id, what_en), f));
        }
    }
    for (i, s) in facility.info.separations.iter().enumerate() {
        if s.separate_tps {
            let mut f = facility.clone();
            f.info.separations[i].separate_tps = false;
            let blocks = s
                .blocks
                .iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            candidates.push((
                text!(
                    "pemisahan blok {blocks} di TPS tersendiri ([[pemisahan]] tps_terpisah = true): dengan tps_terpisah = false (hanya tidak bersamaan)",
                    "the facility separation of blocks {blocks} at TPS of their own ([[pemisahan]] tps_terpisah = true): with tps_terpisah = false (never at the same time only)"
                ),
                f,
            ));
        }
    }
    for site in &facility.scenario.closed_sites {
        let mut f = facility.clone();
        f.scenario.closed_sites.retain(|s| s != site);
        candidates.push((
            text!(
                "lokasi {site} yang ditutup skenario (lokasi_ditutup): dengan {site} dibuka",
                "the site {site} the scenario closes (lokasi_ditutup): with {site} open"
            ),
            f,
        ));
    }
    // A zone whose blocks may use its own sites only (or the ones listed): with every
    // zone that has sites.
    let site_zones: BTreeSet<&crate::model::ZoneId> = facility
        .nodes
        .iter()
        .filter(|n| n.max_tps > 0)
        .map(|n| &n.zone)
        .collect();
    let voter_zones: BTreeSet<&crate::model::ZoneId> = voters
        .iter()
        .filter_map(|v| facility.nodes.iter().find(|n| n.id == v.block))
        .map(|n| &n.zone)
        .collect();
    for zone in voter_zones {
        let allowed = crate::layout::allowed_zones(facility, zone);
        if site_zones.iter().all(|z| allowed.contains(*z)) {
            continue;
        }
        let mut f = facility.clone();
        f.info.zone_access.insert(
            zone.clone(),
            site_zones.iter().map(|z| (*z).clone()).collect(),
        );
        let list = site_zones
            .iter()
            .map(|z| format!("\"{z}\""))
            .collect::<Vec<_>>()
            .join(", ");
        candidates.push((
            text!(
                "zona {zone}, yang bloknya hanya boleh memilih di lokasi zonanya sendiri atau yang tercantum ([akses_zona]): dengan {zone} = [{list}]",
                "the zone {zone}, whose blocks may vote only at the sites of its own or listed zones ([akses_zona]): with {zone} = [{list}]"
            ),
            f,
        ));
    }
    let each = budget
        .div_f64(candidates.len().max(1) as f64)
        .max(Duration::from_millis(500));
    for (what, f) in candidates {
        if started.elapsed() >= budget {
            break;
        }
        let quick = PlanOptions {
            time_limit: each,
            ..opts.clone()
        };
        if let Ok((plan, ..)) = plan_day(&f, voters, &quick, lang) {
            let n = plan.tps.len();
            let what = what.get(lang);
            let why = text!(
                "aturan yang mengikat: {what} rencana layak dengan {n} TPS (diperiksa dengan merencanakan ulang)",
                "the rule that binds: {what} the facility plans with {n} TPS (checked by planning)"
            );
            return Some(why.get(lang).to_string());
        }
    }
    None
}
