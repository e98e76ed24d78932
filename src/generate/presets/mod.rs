//! The presets of `tpsplan generate`: which UPTs a preset produces, where they stand,
//! how big they are. Single-UPT presets write one facility straight into OUT; region
//! presets write one folder per UPT (`OUT/<upt>/` for a Kanwil, `OUT/<province>/<upt>/`
//! for the whole country).
//!
//! The four sample UPTs are real facilities with invented rosters. The other UPTs of the
//! region presets are illustrative: their towns and kab/kota codes are real or plausible
//! (Sumatera Utara, Nusa Tenggara Timur and Gorontalo use the codes of
//! [`crate::reference::Reference`]; other provinces use plausible codes inside the
//! province, which `check` accepts because only the province decides ballots there), but
//! names, classes and sizes are not a register of real UPTs. Each UPT is described once,
//! so `pancur-batu` is byte-identical to the same UPT inside `kanwil-sumut` and
//! `national` for the same seed.
//!
//! This file names the presets; `upt` describes one UPT, `kanwil` the UPTs of the three
//! tabled provinces, `national` the other provinces from their town lists.

mod kanwil;
mod national;
mod upt;

pub use kanwil::{gorontalo, ntt, sumut};
pub use national::{kabkota_codes, national, province_weights};
pub use upt::UptSpec;

use std::path::PathBuf;

/// A preset of `tpsplan generate --preset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Preset {
    /// Lapas Kelas IIA Pancur Batu, Deli Serdang (Sumatera Utara), about 1,800 inmates.
    #[value(name = "pancur-batu")]
    PancurBatu,
    /// Rutan Kelas IIB Kabanjahe, Karo (Sumatera Utara), about 450 inmates.
    #[value(name = "kabanjahe")]
    Kabanjahe,
    /// Lapas Kelas IIB Kalabahi, Alor (Nusa Tenggara Timur), about 250 inmates.
    #[value(name = "kalabahi")]
    Kalabahi,
    /// Lapas Kelas IIB Pohuwato, Gorontalo, about 300 inmates.
    #[value(name = "pohuwato")]
    Pohuwato,
    /// A Class I remand centre of about 3,500 inmates, 40 blocks, 12 candidate sites.
    #[value(name = "large")]
    Large,
    /// About 40 UPTs of Sumatera Utara, 35,000 inmates: `OUT/<upt>/`.
    #[value(name = "kanwil-sumut")]
    KanwilSumut,
    /// About 530 UPTs in every province, about 275,000 inmates: `OUT/<province>/<upt>/`.
    #[value(name = "national")]
    National,
}

impl Preset {
    /// Every preset, in help order.
    pub const ALL: &'static [Preset] = &[
        Preset::PancurBatu,
        Preset::Kabanjahe,
        Preset::Kalabahi,
        Preset::Pohuwato,
        Preset::Large,
        Preset::KanwilSumut,
        Preset::National,
    ];

    /// The name as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::PancurBatu => "pancur-batu",
            Preset::Kabanjahe => "kabanjahe",
            Preset::Kalabahi => "kalabahi",
            Preset::Pohuwato => "pohuwato",
            Preset::Large => "large",
            Preset::KanwilSumut => "kanwil-sumut",
            Preset::National => "national",
        }
    }

    /// The UPTs this preset writes, each with its folder relative to OUT (empty for a
    /// single-UPT preset, which writes straight into OUT).
    pub fn specs(self) -> Vec<UptSpec> {
        let single = |code: &str, list: Vec<UptSpec>| -> Vec<UptSpec> {
            list.into_iter()
                .filter(|s| s.code == code)
                .map(|mut s| {
                    s.folder = PathBuf::new();
                    s
                })
                .collect()
        };
        match self {
            Preset::PancurBatu => single("lapas-pancur-batu", sumut()),
            Preset::Kabanjahe => single("rutan-kabanjahe", sumut()),
            Preset::Kalabahi => single("lapas-kalabahi", ntt()),
            Preset::Pohuwato => single("lapas-pohuwato", gorontalo()),
            Preset::Large => single("rutan-medan", sumut()),
            Preset::KanwilSumut => sumut()
                .into_iter()
                .map(|mut s| {
                    s.folder = PathBuf::from(&s.code);
                    s
                })
                .collect(),
            Preset::National => national(),
        }
    }
}

impl std::fmt::Display for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
