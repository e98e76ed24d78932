//! What changed between an earlier plan and a re-plan (`perubahan.csv`, the summary,
//! `plan.json`'s `sebelumnya`): per voter who moved, left or is new, and why. The
//! comparison itself is `crate::stable`'s; the result is part of the plan's contract.

use crate::model::{NodeId, RegNo};
use crate::plan::Previous as PreviousRecord;

/// Why a voter is listed in `perubahan.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeReason {
    /// Moved: their block changed.
    PindahBlok,
    /// Moved: their list (DPT/DPTb/DPK) or mobile visit changed.
    DataBerubah,
    /// Moved: their old TPS does not stand again (no voters left, or its site closed).
    TpsDitutup,
    /// Moved: same site, but their TPS took the number of a TPS that closed.
    NomorBerubah,
    /// Moved: their old TPS stands but the rules (cap, throughput, turns, escorts on
    /// the day) left no room for them.
    Kapasitas,
    /// Left: no longer in the roster (released or transferred).
    Bebas,
    /// Left: still in the roster but not voting here (see `kpu/tindak_lanjut.csv`).
    TidakMemilih,
    /// New: not in the previous plan.
    Baru,
}

impl ChangeReason {
    /// The code in `perubahan.csv`.
    pub fn code(self) -> &'static str {
        match self {
            ChangeReason::PindahBlok => "pindah_blok",
            ChangeReason::DataBerubah => "data_berubah",
            ChangeReason::TpsDitutup => "tps_ditutup",
            ChangeReason::NomorBerubah => "nomor_tps_berubah",
            ChangeReason::Kapasitas => "kapasitas",
            ChangeReason::Bebas => "bebas",
            ChangeReason::TidakMemilih => "tidak_memilih",
            ChangeReason::Baru => "baru",
        }
    }

    /// Whether the voter votes in both plans but at another TPS.
    pub fn moved(self) -> bool {
        self < ChangeReason::Bebas
    }

    /// The reason in words (Indonesian, as `perubahan.csv` shows it).
    pub fn text(self) -> &'static str {
        match self {
            ChangeReason::PindahBlok => "blok berubah",
            ChangeReason::DataBerubah => "daftar pemilih atau layanan kunjungan berubah",
            ChangeReason::TpsDitutup => {
                "TPS lama tidak dibuka lagi (tanpa pemilih atau lokasinya ditutup)"
            }
            ChangeReason::NomorBerubah => {
                "lokasi sama; TPS ini mengambil nomor TPS yang ditutup agar nomor tetap berurutan"
            }
            ChangeReason::Kapasitas => {
                "TPS lama tidak muat lagi (batas pemilih, kapasitas bilik per slot, giliran, pengawal)"
            }
            ChangeReason::Bebas => "tidak ada lagi di daftar WBP (bebas atau pindah UPT)",
            ChangeReason::TidakMemilih => {
                "masih di daftar WBP tetapi tidak memilih di sini; lihat kpu/tindak_lanjut.csv"
            }
            ChangeReason::Baru => "tidak ada di rencana sebelumnya",
        }
    }
}

/// One row of `perubahan.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `no_registrasi`.
    pub reg_no: RegNo,
    /// `nama`.
    pub name: String,
    /// `blok`: the new block (the old one for a voter who left).
    pub block: NodeId,
    /// `tps_lama` and `lokasi_lama` (none for a new voter).
    pub old: Option<(u32, NodeId)>,
    /// `tps_baru` and `lokasi_baru` (none for a voter who left).
    pub new: Option<(u32, NodeId)>,
    /// `alasan`.
    pub reason: ChangeReason,
    /// `keterangan`.
    pub note: String,
}

/// What changed between an earlier plan and the new one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// The earlier plan folder as given.
    pub folder: String,
    /// Digest of its `plan.json`.
    pub digest: String,
    /// Voters at the same TPS number and site.
    pub kept: u32,
    /// Every voter moved, left or new: moved first, then left, then new, each by
    /// register number.
    pub rows: Vec<Change>,
}

impl Changes {
    /// Voters who vote in both plans at another TPS.
    pub fn moved(&self) -> u32 {
        self.rows.iter().filter(|c| c.reason.moved()).count() as u32
    }

    /// Voters of the earlier plan who do not vote in the new one.
    pub fn left(&self) -> u32 {
        self.count(|r| matches!(r, ChangeReason::Bebas | ChangeReason::TidakMemilih))
    }

    /// Voters of the new plan who were not in the earlier one.
    pub fn new_voters(&self) -> u32 {
        self.count(|r| r == ChangeReason::Baru)
    }

    fn count(&self, f: impl Fn(ChangeReason) -> bool) -> u32 {
        self.rows.iter().filter(|c| f(c.reason)).count() as u32
    }

    /// The record `plan.json` keeps of the earlier plan.
    pub fn record(&self) -> PreviousRecord {
        PreviousRecord {
            folder: self.folder.clone(),
            plan_digest: self.digest.clone(),
            tetap: self.kept,
            pindah: self.moved(),
            keluar: self.left(),
            baru: self.new_voters(),
        }
    }
}
