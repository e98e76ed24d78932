//! One UPT to generate: where it stands, its kind, class and size, and the folder it is
//! written to.

use std::path::PathBuf;

use crate::model::{FacilityKind, RegionCode};

/// One UPT to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct UptSpec {
    /// Folder relative to OUT.
    pub folder: PathBuf,
    /// `kode` in facility.toml and the folder name (`lapas-pancur-batu`).
    pub code: String,
    /// `nama` (`Lapas Kelas IIA Pancur Batu`).
    pub name: String,
    /// `jenis`.
    pub kind: FacilityKind,
    /// `kelas`.
    pub class: String,
    /// `kode_wilayah`: the kecamatan where the UPT stands (`12.07.05`).
    pub region: String,
    /// Inmates on the roster.
    pub inmates: u32,
    /// Share of women among the inmates (1.0 in an LPP, 0 when the UPT holds none).
    pub women_share: f64,
    /// Blocks in all (men's, women's, maximum security).
    pub blocks: u32,
    /// Candidate TPS sites in all.
    pub sites: u32,
    /// Whether the UPT has a maximum-security zone with high-risk inmates.
    pub high_risk: bool,
}

impl UptSpec {
    /// A UPT with sizes derived from its inmate count and kind.
    pub(super) fn new(
        code: &str,
        name: &str,
        kind: FacilityKind,
        class: &str,
        region: &str,
        inmates: u32,
    ) -> Self {
        let (women_share, high_risk) = match kind {
            FacilityKind::Lpp => (1.0, inmates >= 300),
            FacilityKind::Lpka => (0.0, false),
            _ => (0.0, inmates >= 200),
        };
        let blocks = derived_blocks(kind, inmates);
        let sites = (3 + inmates / 450).min(12);
        Self {
            folder: PathBuf::new(),
            code: code.to_string(),
            name: name.to_string(),
            kind,
            class: class.to_string(),
            region: region.to_string(),
            inmates,
            women_share,
            blocks,
            sites,
            high_risk,
        }
    }

    /// The region code, parsed (the preset tables are checked by the tests).
    pub fn region_code(&self) -> Result<RegionCode, crate::model::BadRegionCode> {
        self.region.parse()
    }

    pub(super) fn women(mut self, share: f64) -> Self {
        self.women_share = share;
        self.blocks = derived_blocks(self.kind, self.inmates) + u32::from(share > 0.0);
        self.sites += u32::from(share > 0.0 && self.kind != FacilityKind::Lpp);
        self
    }

    pub(super) fn layout(mut self, blocks: u32, sites: u32) -> Self {
        self.blocks = blocks;
        self.sites = sites;
        self
    }

    pub(super) fn in_folder(mut self, folder: PathBuf) -> Self {
        self.folder = folder;
        self
    }
}

pub(super) fn derived_blocks(kind: FacilityKind, inmates: u32) -> u32 {
    let per_block = match kind {
        FacilityKind::Lpka => 40,
        _ => 150,
    };
    (inmates.div_ceil(per_block) + 2).clamp(4, 40)
}
