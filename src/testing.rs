//! Builders of facilities and voter lists in code, for tests, property tests and the
//! optimiser benchmark. Not part of the supported API: the real inputs come from
//! `input/` and `eligibility/`. Everything here is deterministic (seeded ChaCha).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::facility::Facility;
use crate::model::{
    Category, Clock, Education, FacilityInfo, FacilityKind, Nip, Node, NodeKind, PathEdge, RegNo,
    Scenario, Separation, Sex, Staff, StaffRole, Voter, ZoneId,
};
use crate::rules::load_ruleset;

/// What kind of voters to add to a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoterSpec {
    /// Sex.
    pub sex: Sex,
    /// Voter list.
    pub category: Category,
    /// Under the juvenile age.
    pub juvenile: bool,
    /// High risk.
    pub high_risk: bool,
    /// Served by a mobile visit.
    pub mobile: bool,
    /// In the clinic on the day (visited there).
    pub clinic: bool,
}

impl VoterSpec {
    /// An adult man on the DPT who walks to his TPS.
    pub const fn man() -> Self {
        Self {
            sex: Sex::L,
            category: Category::Dpt,
            juvenile: false,
            high_risk: false,
            mobile: false,
            clinic: false,
        }
    }
    /// An adult woman on the DPT.
    pub const fn woman() -> Self {
        Self {
            sex: Sex::P,
            ..Self::man()
        }
    }
    /// The same voter on another list.
    pub const fn on(self, category: Category) -> Self {
        Self { category, ..self }
    }
    /// The same voter, high risk.
    pub const fn high_risk(self) -> Self {
        Self {
            high_risk: true,
            ..self
        }
    }
    /// The same voter, served by a mobile visit.
    pub const fn mobile(self) -> Self {
        Self {
            mobile: true,
            ..self
        }
    }
    /// The same voter, in the clinic on the day: served by a visit there.
    pub const fn clinic(self) -> Self {
        Self {
            mobile: true,
            clinic: true,
            ..self
        }
    }
    /// The same voter, juvenile.
    pub const fn juvenile(self) -> Self {
        Self {
            juvenile: true,
            ..self
        }
    }
}

/// Builds a [`Facility`] and its voters directly, without files.
#[derive(Debug, Clone)]
pub struct FacilityBuilder {
    code: String,
    ruleset: String,
    overrides: Vec<toml::Table>,
    nodes: Vec<Node>,
    paths: Vec<PathEdge>,
    staff: Vec<Staff>,
    voters: Vec<Voter>,
    zone_access: BTreeMap<ZoneId, Vec<ZoneId>>,
    separations: Vec<Separation>,
    scenario: Scenario,
}

impl FacilityBuilder {
    /// An empty Pemilu 2024 facility.
    pub fn new(code: &str) -> Self {
        Self {
            code: code.to_string(),
            ruleset: "pemilu-2024".to_string(),
            overrides: Vec::new(),
            nodes: Vec::new(),
            paths: Vec::new(),
            staff: Vec::new(),
            voters: Vec::new(),
            zone_access: BTreeMap::new(),
            separations: Vec::new(),
            scenario: Scenario::default(),
        }
    }

    /// Uses another built-in ruleset.
    pub fn ruleset(mut self, name: &str) -> Self {
        self.ruleset = name.to_string();
        self
    }

    /// Adds a ruleset override written as TOML (`"[tps]\nmaks_pemilih = 100"`).
    pub fn rule(mut self, toml_text: &str) -> Self {
        if let Ok(t) = toml_text.parse::<toml::Table>() {
            self.overrides.push(t);
        }
        self
    }

    /// Adds a node.
    pub fn node(mut self, id: &str, kind: NodeKind, zone: &str, max_tps: u32, booths: u32) -> Self {
        let i = self.nodes.len() as f64;
        self.nodes.push(Node {
            id: id.into(),
            kind,
            name: id.to_string(),
            x: 10.0 * i,
            y: 0.0,
            zone: zone.into(),
            max_tps,
            booths,
            waiting_capacity: 40,
            line: self.nodes.len() as u64 + 2,
        });
        self
    }

    /// Adds a block.
    pub fn block(self, id: &str, zone: &str) -> Self {
        self.node(id, NodeKind::Blok, zone, 0, 0)
    }

    /// Adds a candidate site (a hall) with `max_tps` TPS of `booths` booths.
    pub fn site(self, id: &str, zone: &str, max_tps: u32, booths: u32) -> Self {
        self.node(id, NodeKind::Aula, zone, max_tps, booths)
    }

    /// Adds a two-way corridor.
    pub fn path(mut self, from: &str, to: &str, minutes: f64, search_point: bool) -> Self {
        self.paths.push(PathEdge {
            from: from.into(),
            to: to.into(),
            minutes,
            search_point,
            line: self.paths.len() as u64 + 2,
        });
        self
    }

    /// Lets blocks of `zone` use sites of `zones`.
    pub fn zone_access(mut self, zone: &str, zones: &[&str]) -> Self {
        self.zone_access
            .insert(zone.into(), zones.iter().map(|z| (*z).into()).collect());
        self
    }

    /// Declares blocks that may not mix.
    pub fn separation(mut self, blocks: &[&str], separate_tps: bool) -> Self {
        self.separations.push(Separation {
            blocks: blocks.iter().map(|b| (*b).into()).collect(),
            separate_tps,
            reason: "uji".to_string(),
        });
        self
    }

    /// Closes a site in the scenario.
    pub fn close_site(mut self, id: &str) -> Self {
        self.scenario.closed_sites.push(id.into());
        self
    }

    /// Adds `count` staff with `roles` on duty from `from` until `until`.
    pub fn staff(mut self, count: usize, roles: &[StaffRole], from: Clock, until: Clock) -> Self {
        for _ in 0..count {
            let n = self.staff.len();
            self.staff.push(Staff {
                nip: Nip(format!("19800101200501{n:04}")),
                name: format!("Petugas {n}"),
                sex: if n.is_multiple_of(4) { Sex::P } else { Sex::L },
                birth_date: NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default(),
                education: Education::S1,
                roles: roles.to_vec(),
                on_duty_from: from,
                on_duty_until: until,
                pledge_signed: true,
                superior_permission: true,
                party_member: false,
                nik: None,
                line: n as u64 + 2,
            });
        }
        self
    }

    /// Adds `count` escorts on duty from `from` until `until`.
    pub fn escorts(self, count: usize, from: Clock, until: Clock) -> Self {
        self.staff(count, &[StaffRole::Pengawal], from, until)
    }

    /// Adds `count` voters of `spec` living in `block`.
    pub fn voters(mut self, block: &str, count: usize, spec: VoterSpec) -> Self {
        for _ in 0..count {
            let n = self.voters.len();
            self.voters.push(Voter {
                reg_no: RegNo(format!("WBP{n:05}")),
                block: block.into(),
                sex: spec.sex,
                juvenile: spec.juvenile,
                high_risk: spec.high_risk,
                mobile: spec.mobile,
                clinic: spec.clinic,
                category: spec.category,
                ballots: Vec::new(),
                other: false,
            });
        }
        self
    }

    /// The facility and its voters. Panics only on a builder misuse (unknown ruleset).
    pub fn build(self) -> (Facility, Vec<Voter>) {
        let overrides: Vec<(&str, &toml::Table)> =
            self.overrides.iter().map(|t| ("uji", t)).collect();
        let rules = load_ruleset(&self.ruleset, None, &overrides)
            .unwrap_or_else(|e| panic!("ruleset of the test builder: {e}"));
        let codes: Vec<String> = rules.ballot_codes().iter().map(|c| c.to_string()).collect();
        let info = FacilityInfo {
            code: self.code.clone(),
            name: format!("Lapas Uji {}", self.code),
            kind: FacilityKind::Lapas,
            class: "IIA".to_string(),
            region: "12.07.19"
                .parse()
                .unwrap_or_else(|e| panic!("region code of the test builder: {e}")),
            village: None,
            address: None,
            ruleset: self.ruleset.clone(),
            election_date: None,
            tps_count: None,
            data_date: rules.election_date,
            shifts: Vec::new(),
            zone_access: self.zone_access,
            separations: self.separations,
            rule_overrides: toml::Table::new(),
        };
        let voters = self
            .voters
            .into_iter()
            .map(|mut v| {
                v.ballots = codes.clone();
                v
            })
            .collect();
        let facility = Facility {
            dir: PathBuf::from(format!("uji/{}", self.code)),
            info,
            rules,
            nodes: self.nodes,
            paths: self.paths,
            inmates: Vec::new(),
            others: Vec::new(),
            staff: self.staff,
            scenario: self.scenario,
            pins: Vec::new(),
        };
        (facility, voters)
    }
}

/// A plausible synthetic facility of about `inmates` inmates in `blocks` blocks with
/// `sites` candidate sites, seeded. Zones: `umum` (general blocks and most sites),
/// `wanita` (one women's block with its own site), `maksimum` (a maximum-security block
/// of walking high-risk voters and a few mobile ones). About 85 % of inmates vote:
/// 85 % DPT, 12 % DPTb, 3 % DPK; a few clinic patients vote by mobile visit.
pub fn synthetic(inmates: usize, blocks: usize, sites: usize, seed: u64) -> (Facility, Vec<Voter>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let blocks = blocks.max(3);
    let sites = sites.max(2);
    let mut b = FacilityBuilder::new(&format!("sintetis-{inmates}"))
        .node("gerbang", NodeKind::Pintu, "umum", 0, 0)
        .node("klinik", NodeKind::Klinik, "umum", 0, 0)
        .path("gerbang", "klinik", 2.0, false)
        .zone_access("umum", &["umum"])
        .zone_access("wanita", &["wanita"])
        .zone_access("maksimum", &["maksimum", "umum"]);
    // Sites: one in the women's zone, one in the maximum zone, the rest general.
    b = b
        .site("aula-wanita", "wanita", 1, 4)
        .path("gerbang", "aula-wanita", 4.0, true)
        .site("aula-maksimum", "maksimum", 1, 4)
        .path("gerbang", "aula-maksimum", 3.0, true);
    let kinds = [
        NodeKind::Aula,
        NodeKind::Lapangan,
        NodeKind::Masjid,
        NodeKind::Gereja,
    ];
    for s in 0..sites - 2 {
        let id = format!("lokasi-{:02}", s + 1);
        let max_tps = 1 + (rng.gen_range(0..3u32)).min(2);
        b = b
            .node(&id, kinds[s % kinds.len()], "umum", max_tps, 4)
            .path("gerbang", &id, 1.0 + rng.gen_range(0..4) as f64, false);
    }
    // Blocks: block 0 women, block 1 maximum security, the rest general.
    let voting = (inmates as f64 * 0.85).round() as usize;
    let women = ((inmates as f64) * 0.047).round().max(5.0) as usize;
    let maximum = (voting / 150).max(4);
    let clinic = (voting / 600).clamp(1, 4);
    let general = voting.saturating_sub(women + maximum + clinic);
    let per_block = general / (blocks - 2);
    let mut extra = general - per_block * (blocks - 2);
    b = b
        .block("blok-wanita", "wanita")
        .path("blok-wanita", "aula-wanita", 2.0, false)
        .block("blok-maksimum", "maksimum")
        .path("blok-maksimum", "aula-maksimum", 2.0, true);
    b = add_mixed(b, &mut rng, "blok-wanita", women, VoterSpec::woman());
    let mobile_hr = (maximum / 8).clamp(1, 3);
    b = add_mixed(
        b,
        &mut rng,
        "blok-maksimum",
        maximum - mobile_hr,
        VoterSpec::man().high_risk(),
    );
    b = b.voters(
        "blok-maksimum",
        mobile_hr,
        VoterSpec::man().high_risk().mobile(),
    );
    for i in 0..blocks - 2 {
        let id = format!("blok-{:02}", i + 1);
        let mut n = per_block;
        if extra > 0 {
            n += 1;
            extra -= 1;
        }
        // Blocks hang off corridors with 1-6 minutes to the gate.
        let corridor = format!("lorong-{}", i % 4);
        if i < 4 {
            b = b.node(&corridor, NodeKind::Lorong, "umum", 0, 0).path(
                &corridor,
                "gerbang",
                2.0 + i as f64,
                i % 2 == 0,
            );
        }
        b = b
            .block(&id, "umum")
            .path(&id, &corridor, 1.0 + rng.gen_range(0..3) as f64, false);
        b = add_mixed(b, &mut rng, &id, n, VoterSpec::man());
    }
    b = b.voters("blok-01", clinic, VoterSpec::man().mobile());
    // Staff: escorts in two shifts, KPPS-only staff enough for the TPS needed.
    let escorts = (inmates / 18).max(16);
    let kpps = 7 * (voting / 250 + 3);
    b.escorts(escorts * 2 / 3, Clock::hm(6, 0), Clock::hm(14, 0))
        .escorts(escorts - escorts * 2 / 3, Clock::hm(8, 0), Clock::hm(16, 0))
        .staff(kpps, &[StaffRole::Kpps], Clock::hm(6, 0), Clock::hm(18, 0))
        .build()
}

fn add_mixed(
    mut b: FacilityBuilder,
    rng: &mut ChaCha8Rng,
    block: &str,
    n: usize,
    spec: VoterSpec,
) -> FacilityBuilder {
    let mut counts = [0usize; 3];
    for _ in 0..n {
        let r: f64 = rng.r#gen();
        let k = if r < 0.85 {
            0
        } else if r < 0.97 {
            1
        } else {
            2
        };
        counts[k] += 1;
    }
    for (k, c) in [Category::Dpt, Category::Dptb, Category::Dpk]
        .iter()
        .zip(counts)
    {
        b = b.voters(block, c, spec.on(*k));
    }
    b
}
