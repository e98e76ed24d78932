//! Builds `Facility` values in code for tests, so eligibility can be tested without
//! the CSV readers: a facility in a region under a ruleset, with a small layout and
//! whatever inmates a test adds. Included with `#[path]` by the test binaries that use it.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use tpsplan::facility::Facility;
use tpsplan::model::{
    Citizenship, FacilityInfo, FacilityKind, Inmate, LegalStatus, MaritalStatus, Node, NodeId,
    NodeKind, RegNo, Registration, Risk, Scenario, Sex, ZoneId,
};
use tpsplan::rules::load_ruleset;

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

/// An adult WNI man on the DPT with NIK, NKK and KTP-el, living in block `A`, whose
/// KTP address is in `ktp` (empty string: no KTP region).
pub fn wbp(reg: &str, ktp: &str) -> Inmate {
    Inmate {
        reg_no: RegNo(reg.to_string()),
        name: format!("WBP {reg}"),
        nik: Some("1207050101900001".to_string()),
        nkk: Some("1207050101900002".to_string()),
        sex: Sex::L,
        birth_date: d("1990-01-01"),
        marital: MaritalStatus::Sudah,
        citizenship: Citizenship::Wni,
        legal_status: LegalStatus::Narapidana,
        block: NodeId("A".to_string()),
        cell: "1".to_string(),
        risk: Risk::Medium,
        ktp_region: (!ktp.is_empty()).then(|| ktp.parse().expect("test KTP region")),
        right_revoked: false,
        ktp_el: true,
        registration: Registration::Dpt,
        release_date: None,
        need: None,
        birth_place: None,
        disability: None,
        other: false,
        line: 2,
    }
}

/// A facility under construction.
pub struct InmateFacilityBuilder {
    ruleset: String,
    info: FacilityInfo,
    overrides: toml::Table,
    inmates: Vec<Inmate>,
    others: Vec<Inmate>,
    scenario: Scenario,
}

/// A facility standing in kecamatan `region` under ruleset `ruleset`, roster dated
/// 5 January 2024 (Pemilu 2024: DPT closed, Model A, KTP-el and NIK deadlines open).
pub fn facility(ruleset: &str, region: &str) -> InmateFacilityBuilder {
    InmateFacilityBuilder {
        ruleset: ruleset.to_string(),
        info: FacilityInfo {
            code: "lapas-uji".to_string(),
            name: "Lapas Uji".to_string(),
            kind: FacilityKind::Lapas,
            class: "IIA".to_string(),
            region: region.parse().expect("test UPT region"),
            village: None,
            address: None,
            ruleset: ruleset.to_string(),
            election_date: None,
            tps_count: None,
            data_date: d("2024-01-05"),
            shifts: Vec::new(),
            zone_access: Default::default(),
            separations: Vec::new(),
            rule_overrides: toml::Table::new(),
        },
        overrides: toml::Table::new(),
        inmates: Vec::new(),
        others: Vec::new(),
        scenario: Scenario::default(),
    }
}

impl InmateFacilityBuilder {
    /// Sets the roster date (`tanggal_data`).
    pub fn data_date(mut self, date: &str) -> Self {
        self.info.data_date = d(date);
        self
    }

    /// Sets the facility's own election day.
    pub fn election_date(mut self, date: &str) -> Self {
        self.info.election_date = Some(d(date));
        self
    }

    /// Applies a ruleset override written as TOML (`[pendaftaran]\ndpk_diizinkan = false`).
    pub fn rules(mut self, toml_text: &str) -> Self {
        let t: toml::Table = toml_text.parse().expect("test override TOML");
        tpsplan::rules::deep_merge(&mut self.overrides, &t);
        self
    }

    /// Locks a block down for the scenario.
    pub fn locked(mut self, block: &str) -> Self {
        self.scenario.locked_blocks.push(NodeId(block.to_string()));
        self
    }

    /// Adds an inmate.
    pub fn inmate(mut self, inmate: Inmate) -> Self {
        self.inmates.push(inmate);
        self
    }

    /// Adds a person of `pemilih_lain.csv` (an officer voting at the UPT): the person
    /// is marked `other` and placed at the other voters' place.
    pub fn other(mut self, mut person: Inmate) -> Self {
        person.other = true;
        person.block = NodeId::other_voters();
        self.others.push(person);
        self
    }

    /// Adds several inmates.
    pub fn inmates(mut self, inmates: impl IntoIterator<Item = Inmate>) -> Self {
        self.inmates.extend(inmates);
        self
    }

    /// The facility, with its ruleset loaded from the built-in files plus the overrides.
    pub fn build(self) -> Facility {
        let rules = load_ruleset(&self.ruleset, None, &[("test overrides", &self.overrides)])
            .unwrap_or_else(|e| panic!("test ruleset: {e}"));
        let node = |id: &str, kind: NodeKind, max_tps: u32| Node {
            id: NodeId(id.to_string()),
            kind,
            name: id.to_string(),
            x: 0.0,
            y: 0.0,
            zone: ZoneId("umum".to_string()),
            max_tps,
            booths: 4,
            waiting_capacity: 50,
            line: 2,
        };
        Facility {
            dir: PathBuf::from("uji"),
            info: self.info,
            rules,
            nodes: vec![
                node("A", NodeKind::Blok, 0),
                node("B", NodeKind::Blok, 0),
                node("AULA", NodeKind::Aula, 2),
            ],
            paths: Vec::new(),
            inmates: self.inmates,
            others: self.others,
            staff: Vec::new(),
            scenario: self.scenario,
            pins: Vec::new(),
        }
    }
}
