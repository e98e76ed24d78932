//! One facility as read and validated: the folder's files (`facility.toml`, the layout,
//! the rosters, the scenario) with its ruleset, everything a plan needs. It sits above
//! [`crate::model`] (the plain types) and [`crate::rules`] (the election rules), so
//! neither of those needs the other.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::{FacilityInfo, Inmate, Node, NodeId, PathEdge, Pin, Scenario, Staff};
use crate::rules::Ruleset;

/// One facility, read and validated: everything a plan needs.
#[derive(Debug, Clone)]
pub struct Facility {
    /// The folder it was read from.
    pub dir: PathBuf,
    /// `facility.toml`.
    pub info: FacilityInfo,
    /// The ruleset with the facility's (and scenario's, if any) overrides applied.
    pub rules: Ruleset,
    /// `layout/nodes.csv`, in file order.
    pub nodes: Vec<Node>,
    /// `layout/paths.csv`, in file order.
    pub paths: Vec<PathEdge>,
    /// `inmates.csv`, in file order.
    pub inmates: Vec<Inmate>,
    /// `pemilih_lain.csv` (optional), in file order: officers and others who vote at the
    /// UPT's TPS (see [`Inmate::other`]); empty when the file is absent.
    pub others: Vec<Inmate>,
    /// `staff.csv`, in file order (staff a scenario marks absent are already removed).
    pub staff: Vec<Staff>,
    /// The scenario applied (empty default when none): locked blocks, closed sites, ...
    pub scenario: Scenario,
    /// `penyesuaian.csv` (optional): hand edits the plan keeps as stated, in file order
    /// (its `lokasi_tutup` and `jumlah_tps` are also applied to `scenario` and `info`).
    pub pins: Vec<Pin>,
}

impl Facility {
    /// Election day: the facility's own date or else the ruleset's.
    pub fn election_date(&self) -> NaiveDate {
        self.info.election_date.unwrap_or(self.rules.election_date)
    }

    /// Everybody who may vote here: the inmates, then the other voters.
    pub fn people(&self) -> impl Iterator<Item = &Inmate> {
        self.inmates.iter().chain(&self.others)
    }

    /// The node with this id, if any.
    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| &n.id == id)
    }

    /// A site's display name (`Aula Utama`), falling back to its node id.
    pub fn site_name(&self, site: &NodeId) -> String {
        self.node(site)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| site.to_string())
    }
}
