//! Hand edits a planner states in `penyesuaian.csv` (one row each): what `plan` must
//! keep as stated while it optimises the rest. Read and checked in
//! `crate::input::penyesuaian`; honoured by `crate::optimise::pins`.

use serde::{Deserialize, Serialize};

use super::{Clock, NodeId, RegNo};

/// One hand edit (a row of `penyesuaian.csv`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum PinKind {
    /// `blok_tps`: every voter of the block registers at this TPS number.
    BlokTps {
        /// The block.
        blok: NodeId,
        /// TPS number (901, ...).
        tps: u32,
    },
    /// `blok_lokasi`: every voter of the block votes at a TPS of this site.
    BlokLokasi {
        /// The block.
        blok: NodeId,
        /// The site node.
        lokasi: NodeId,
    },
    /// `pemilih_tps`: this voter registers at this TPS number.
    PemilihTps {
        /// Register number (or NIP of `pemilih_lain.csv`).
        no_registrasi: RegNo,
        /// TPS number.
        tps: u32,
    },
    /// `lokasi_tutup`: the site hosts no TPS.
    LokasiTutup {
        /// The site node.
        lokasi: NodeId,
    },
    /// `jumlah_tps`: exactly this many TPS.
    JumlahTps {
        /// The count.
        jumlah: u32,
    },
    /// `jam_gelombang`: the block's waves start at this time at the earliest (its
    /// voters are fetched from then on).
    JamGelombang {
        /// The block.
        blok: NodeId,
        /// Earliest start of its waves.
        mulai: Clock,
    },
}

/// A hand edit with the line of `penyesuaian.csv` it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// Line of the row (1 = header).
    pub line: u64,
    /// What it fixes.
    #[serde(flatten)]
    pub kind: PinKind,
}

/// Lookups over a facility's pins.
pub trait Pins {
    /// TPS number a block is pinned to.
    fn block_tps(&self, block: &NodeId) -> Option<u32>;
    /// TPS number a voter is pinned to (the voter's own pin, else the block's).
    fn voter_tps(&self, reg_no: &RegNo, block: &NodeId) -> Option<u32>;
    /// Site a block is pinned to.
    fn block_site(&self, block: &NodeId) -> Option<&NodeId>;
    /// Earliest wave start of a block.
    fn wave_start(&self, block: &NodeId) -> Option<Clock>;
    /// A block's window `(from, until)` with its pinned wave time as the earliest start
    /// (never past `until`: the optimiser's pin check refuses such a pin).
    fn narrow_window(&self, block: &NodeId, w: (Clock, Clock)) -> (Clock, Clock) {
        match self.wave_start(block) {
            Some(t) if t > w.0 && t < w.1 => (t, w.1),
            _ => w,
        }
    }
}

impl Pins for [Pin] {
    fn block_tps(&self, block: &NodeId) -> Option<u32> {
        self.iter().find_map(|p| match &p.kind {
            PinKind::BlokTps { blok, tps } if blok == block => Some(*tps),
            _ => None,
        })
    }

    fn voter_tps(&self, reg_no: &RegNo, block: &NodeId) -> Option<u32> {
        self.iter()
            .find_map(|p| match &p.kind {
                PinKind::PemilihTps { no_registrasi, tps } if no_registrasi == reg_no => Some(*tps),
                _ => None,
            })
            .or_else(|| self.block_tps(block))
    }

    fn block_site(&self, block: &NodeId) -> Option<&NodeId> {
        self.iter().find_map(|p| match &p.kind {
            PinKind::BlokLokasi { blok, lokasi } if blok == block => Some(lokasi),
            _ => None,
        })
    }

    fn wave_start(&self, block: &NodeId) -> Option<Clock> {
        self.iter().find_map(|p| match &p.kind {
            PinKind::JamGelombang { blok, mulai } if blok == block => Some(*mulai),
            _ => None,
        })
    }
}
