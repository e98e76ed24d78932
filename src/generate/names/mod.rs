//! Invented but realistic Indonesian names, by the region a person comes from: Karo,
//! Toba, Mandailing and Nias names in Sumatera Utara, Alor, Timor, Flores and Sumba
//! names in NTT, Gorontalo family names, Javanese, Sundanese, Malay, Bugis, Balinese,
//! Papuan names elsewhere, and foreigners' names for WNA inmates. Some names carry
//! apostrophes (`Ma'ruf`), titles with commas (`S.H.`) or letters beyond ASCII
//! (`André`, `João`, `Nguyễn`) so that every export is exercised on them.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::model::{RegionCode, Sex};

mod common;
mod elsewhere;
mod sumatra_ntt;

use common::*;
use elsewhere::*;
use sumatra_ntt::*;

/// The naming tradition a name is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Culture {
    Karo,
    Toba,
    Mandailing,
    Nias,
    Malay,
    Aceh,
    Minang,
    Javanese,
    Sundanese,
    Chinese,
    Bali,
    Sasak,
    Timor,
    Alor,
    Flores,
    Sumba,
    Dayak,
    Banjar,
    Bugis,
    Minahasa,
    Gorontalo,
    Maluku,
    Papua,
}

use Culture::*;

/// Which traditions people from a region are named in, with weights.
pub fn culture_mix(region: &RegionCode) -> &'static [(Culture, u32)] {
    let kk = region.kabkota().unwrap_or("");
    match region.province() {
        "12" => match kk {
            "12.06" => &[
                (Karo, 70),
                (Toba, 10),
                (Javanese, 10),
                (Mandailing, 5),
                (Malay, 5),
            ],
            "12.07" => &[
                (Karo, 25),
                (Toba, 20),
                (Javanese, 25),
                (Mandailing, 10),
                (Malay, 15),
                (Chinese, 5),
            ],
            "12.71" | "12.75" => &[
                (Toba, 25),
                (Javanese, 20),
                (Mandailing, 15),
                (Malay, 15),
                (Chinese, 10),
                (Karo, 10),
                (Minang, 5),
            ],
            "12.01" | "12.02" | "12.12" | "12.16" | "12.17" | "12.73" | "12.11" | "12.15" => {
                &[(Toba, 90), (Mandailing, 5), (Javanese, 5)]
            }
            "12.03" | "12.13" | "12.20" | "12.21" | "12.77" => {
                &[(Mandailing, 85), (Toba, 10), (Javanese, 5)]
            }
            "12.04" | "12.14" | "12.24" | "12.25" | "12.78" => &[(Nias, 95), (Toba, 5)],
            "12.08" | "12.72" => &[(Toba, 45), (Javanese, 35), (Mandailing, 10), (Malay, 10)],
            _ => &[(Javanese, 40), (Malay, 30), (Toba, 15), (Mandailing, 15)],
        },
        "11" => &[(Aceh, 90), (Javanese, 5), (Malay, 5)],
        "13" => &[(Minang, 95), (Javanese, 5)],
        "14" => &[
            (Malay, 45),
            (Minang, 20),
            (Javanese, 20),
            (Toba, 10),
            (Chinese, 5),
        ],
        "15" | "17" => &[(Malay, 55), (Javanese, 30), (Minang, 15)],
        "16" => &[(Malay, 70), (Javanese, 30)],
        "18" => &[(Javanese, 60), (Malay, 25), (Sundanese, 15)],
        "19" => &[(Malay, 70), (Chinese, 20), (Javanese, 10)],
        "21" => &[
            (Malay, 50),
            (Javanese, 20),
            (Chinese, 10),
            (Toba, 10),
            (Minang, 10),
        ],
        "31" => &[
            (Javanese, 35),
            (Sundanese, 25),
            (Malay, 15),
            (Toba, 10),
            (Chinese, 5),
            (Minang, 5),
            (Maluku, 5),
        ],
        "32" => &[(Sundanese, 80), (Javanese, 15), (Toba, 5)],
        "33" | "34" => &[(Javanese, 100)],
        "35" => &[(Javanese, 100)],
        "36" => &[(Sundanese, 60), (Javanese, 30), (Malay, 10)],
        "51" => &[(Bali, 85), (Javanese, 15)],
        "52" => &[(Sasak, 75), (Bugis, 15), (Bali, 10)],
        "53" => match kk {
            "53.05" => &[(Alor, 85), (Timor, 10), (Flores, 5)],
            "53.11" | "53.12" | "53.17" | "53.18" => &[(Sumba, 85), (Timor, 10), (Flores, 5)],
            "53.06" | "53.07" | "53.08" | "53.09" | "53.10" | "53.13" | "53.15" | "53.16"
            | "53.19" => &[(Flores, 90), (Timor, 10)],
            _ => &[(Timor, 80), (Flores, 15), (Alor, 5)],
        },
        "61" => &[(Dayak, 40), (Malay, 40), (Chinese, 10), (Javanese, 10)],
        "62" => &[(Dayak, 60), (Banjar, 25), (Javanese, 15)],
        "63" => &[(Banjar, 85), (Javanese, 15)],
        "64" => &[(Banjar, 30), (Javanese, 30), (Bugis, 25), (Dayak, 15)],
        "65" => &[(Bugis, 40), (Dayak, 30), (Javanese, 20), (Banjar, 10)],
        "71" => &[(Minahasa, 80), (Gorontalo, 20)],
        "72" => &[(Bugis, 40), (Gorontalo, 20), (Javanese, 20), (Minahasa, 20)],
        "73" | "76" => &[(Bugis, 100)],
        "74" => &[(Bugis, 75), (Javanese, 25)],
        "75" => &[(Gorontalo, 95), (Bugis, 5)],
        "81" => &[(Maluku, 100)],
        "82" => &[(Maluku, 70), (Bugis, 20), (Javanese, 10)],
        _ => &[(Papua, 75), (Bugis, 10), (Javanese, 10), (Maluku, 5)],
    }
}

/// Draws a tradition for a person from `region`.
pub fn pick_culture<R: Rng>(rng: &mut R, region: &RegionCode) -> Culture {
    let mix = culture_mix(region);
    let total: u32 = mix.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (c, w) in mix {
        if x < *w {
            return *c;
        }
        x -= w;
    }
    mix.first().map(|(c, _)| *c).unwrap_or(Javanese)
}

fn pick<'a, R: Rng>(rng: &mut R, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("Budi")
}

fn from_pool<R: Rng>(rng: &mut R, pool: &Pool, sex: Sex) -> String {
    let given = match sex {
        Sex::L => pick(rng, pool.male),
        Sex::P => pick(rng, pool.female),
    };
    format!("{given} {}", pick(rng, pool.family))
}

fn muslim_plain<R: Rng>(rng: &mut R, sex: Sex) -> String {
    let list = match sex {
        Sex::L => MUSLIM_M,
        Sex::P => MUSLIM_F,
    };
    let a = pick(rng, list);
    let mut b = pick(rng, list);
    if a == b {
        b = pick(rng, list);
    }
    if a == b || rng.gen_bool(0.15) {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// A person's full name in the given tradition.
pub fn person_name<R: Rng>(rng: &mut R, culture: Culture, sex: Sex) -> String {
    match culture {
        Karo => {
            let given = match sex {
                Sex::L => pick(rng, KARO.male),
                Sex::P => pick(rng, KARO.female),
            };
            let marga = pick(rng, KARO.family);
            match sex {
                Sex::P if rng.gen_bool(0.7) => format!("{given} br {marga}"),
                _ => format!("{given} {marga}"),
            }
        }
        Toba => {
            let given = match sex {
                Sex::L => pick(rng, TOBA.male),
                Sex::P => pick(rng, TOBA.female),
            };
            let marga = pick(rng, TOBA.family);
            match sex {
                Sex::P if rng.gen_bool(0.5) => format!("{given} br. {marga}"),
                _ => format!("{given} {marga}"),
            }
        }
        Mandailing => from_pool(rng, &MANDAILING, sex),
        Nias => from_pool(rng, &NIAS, sex),
        Alor => from_pool(rng, &ALOR, sex),
        Timor => from_pool(rng, &TIMOR, sex),
        Flores => from_pool(rng, &FLORES, sex),
        Sumba => from_pool(rng, &SUMBA, sex),
        Gorontalo => from_pool(rng, &GORONTALO, sex),
        Minahasa => from_pool(rng, &MINAHASA, sex),
        Maluku => from_pool(rng, &MALUKU, sex),
        Papua => from_pool(rng, &PAPUA, sex),
        Dayak => from_pool(rng, &DAYAK, sex),
        Chinese => from_pool(rng, &CHINESE, sex),
        Malay | Minang | Banjar => muslim_plain(rng, sex),
        Aceh => {
            let name = muslim_plain(rng, sex);
            match sex {
                Sex::L if rng.gen_bool(0.05) => format!("Teuku {name}"),
                Sex::P if rng.gen_bool(0.05) => format!("Cut {name}"),
                _ => name,
            }
        }
        Bugis => {
            let name = muslim_plain(rng, sex);
            let name = match name.strip_prefix("Muhammad ") {
                Some(rest) if rng.gen_bool(0.5) => format!("Muh. {rest}"),
                _ => name,
            };
            if rng.gen_bool(0.08) {
                format!("Andi {name}")
            } else {
                name
            }
        }
        Sasak => {
            let name = muslim_plain(rng, sex);
            match sex {
                Sex::L if rng.gen_bool(0.15) => format!("Lalu {name}"),
                Sex::P if rng.gen_bool(0.15) => format!("Baiq {name}"),
                _ => name,
            }
        }
        Javanese => {
            let (first, second) = match sex {
                Sex::L => (JAVANESE_M, JAVANESE_M2),
                Sex::P => (JAVANESE_F, JAVANESE_F2),
            };
            let a = pick(rng, first);
            if rng.gen_bool(0.3) && a != "Tri" && a != "Sri" && a != "Dwi" {
                a.to_string()
            } else {
                let b = pick(rng, second);
                if a == b {
                    a.to_string()
                } else {
                    format!("{a} {b}")
                }
            }
        }
        Sundanese => {
            let a = match sex {
                Sex::L => pick(rng, SUNDANESE_M),
                Sex::P => pick(rng, SUNDANESE_F),
            };
            format!("{a} {}", pick(rng, SUNDANESE_2))
        }
        Bali => {
            let prefix = match sex {
                Sex::L => pick(rng, BALI_M),
                Sex::P => pick(rng, BALI_F),
            };
            format!("{prefix} {}", pick(rng, BALI_NAMES))
        }
    }
}

/// The name of a foreign (WNA) inmate.
pub fn foreign_name<R: Rng>(rng: &mut R, sex: Sex) -> String {
    match sex {
        Sex::L => pick(rng, FOREIGN_M),
        Sex::P => pick(rng, FOREIGN_F),
    }
    .to_string()
}
