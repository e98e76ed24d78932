//! The block plan of a generated UPT: how many blocks of which class, with how many
//! inmates each, in which zone.

use rand::Rng;

use crate::generate::presets::UptSpec;
use crate::model::FacilityKind;

/// Metres an escorted group walks per minute (about 3 km/h).
pub(super) const WALK_METRES_PER_MINUTE: f64 = 50.0;

/// Zone of men's housing.
pub const ZONE_MEN: &str = "hunian_pria";
/// Zone of women's housing.
pub const ZONE_WOMEN: &str = "hunian_wanita";
/// Zone of the maximum-security blocks.
pub const ZONE_MAX: &str = "maksimum";
/// Zone of juveniles' housing (LPKA).
pub const ZONE_JUVENILE: &str = "hunian_anak";
/// Zone of young adults' housing (LPKA, 18 and older).
pub const ZONE_YOUTH: &str = "hunian_pemuda";
/// The general zone: halls, fields, worship, clinic, office.
pub const ZONE_GENERAL: &str = "umum";

/// Who lives in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BlockClass {
    /// Adult men.
    Men,
    /// Adult women.
    Women,
    /// High-risk inmates (maximum / tinggi).
    Maximum,
    /// Juveniles under 18 (LPKA).
    Juvenile,
    /// Young adults 18 and older (LPKA).
    Youth,
}

/// One block of the plan.
#[derive(Debug, Clone)]
pub struct BlockPlan {
    /// Node id (`blok-a`).
    pub id: String,
    /// Display name (`Blok A`).
    pub name: String,
    /// Security zone.
    pub zone: &'static str,
    /// Who lives there.
    pub class: BlockClass,
    /// Inmates living there.
    pub occupants: u32,
    /// Design capacity (the UPT is about twice over it).
    pub design: u32,
    /// Number of cells.
    pub cells: u32,
    /// Prefix of cell labels (`A` gives `A-01`).
    pub cell_prefix: String,
    /// New arrivals' block (Mapenaling): most came after the DPT cut-off.
    pub new_arrivals: bool,
}

/// Splits `total` into parts proportional to `weights`, exactly.
pub(super) fn split(total: u32, weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().sum();
    if weights.is_empty() || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let raw: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u32> = raw.iter().map(|r| r.floor() as u32).collect();
    let mut left = total - parts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..raw.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = raw[a] - raw[a].floor();
        let fb = raw[b] - raw[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for i in order.into_iter().cycle() {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

pub(super) fn letters(i: usize) -> String {
    let a = b'A' + (i % 26) as u8;
    if i < 26 {
        (a as char).to_string()
    } else {
        format!("{}{}", (b'A' + (i / 26 - 1) as u8) as char, a as char)
    }
}

pub(super) const FLOWERS: &[&str] = &[
    "Anggrek",
    "Melati",
    "Mawar",
    "Kenanga",
    "Dahlia",
    "Teratai",
    "Cempaka",
    "Flamboyan",
    "Bougenville",
    "Kamboja",
    "Tulip",
    "Lili",
];

/// Decides the blocks of a UPT and how many inmates each holds.
pub fn plan_blocks<R: Rng>(spec: &UptSpec, rng: &mut R) -> Vec<BlockPlan> {
    let total = spec.inmates.max(1);
    let n = spec.blocks.max(2) as usize;
    let women_total = (total as f64 * spec.women_share).round() as u32;
    let max_blocks = if spec.high_risk {
        1 + usize::from(total >= 2500)
    } else {
        0
    };
    let max_total = if max_blocks > 0 {
        ((total as f64 * 0.015).round() as u32).clamp(3, 80)
    } else {
        0
    };
    let mut groups: Vec<(BlockClass, usize, u32)> = Vec::new();
    match spec.kind {
        FacilityKind::Lpka => {
            let youth_blocks = (n / 3).max(1);
            let youth = (total as f64 * 0.3).round() as u32;
            groups.push((BlockClass::Juvenile, n - youth_blocks, total - youth));
            groups.push((BlockClass::Youth, youth_blocks, youth));
        }
        FacilityKind::Lpp => {
            groups.push((
                BlockClass::Women,
                n.saturating_sub(max_blocks).max(1),
                total - max_total,
            ));
            if max_blocks > 0 {
                groups.push((BlockClass::Maximum, max_blocks, max_total));
            }
        }
        _ => {
            let women_blocks = if women_total > 0 {
                (women_total as usize).div_ceil(90).clamp(1, 3)
            } else {
                0
            };
            let men_blocks = n.saturating_sub(women_blocks + max_blocks).max(1);
            groups.push((BlockClass::Men, men_blocks, total - women_total - max_total));
            if women_blocks > 0 {
                groups.push((BlockClass::Women, women_blocks, women_total));
            }
            if max_blocks > 0 {
                groups.push((BlockClass::Maximum, max_blocks, max_total));
            }
        }
    }
    let mut blocks = Vec::new();
    for (class, count, people) in groups {
        // The new arrivals' block (last of the men's blocks) is the smallest.
        let design_weights: Vec<f64> = (0..count)
            .map(|i| {
                let mapenaling = class == BlockClass::Men && count >= 4 && i == count - 1;
                let units = if mapenaling {
                    rng.gen_range(3..=6)
                } else {
                    rng.gen_range(6..=18)
                };
                f64::from(units * 5)
            })
            .collect();
        let occupants = split(people, &design_weights);
        for (i, occ) in occupants.into_iter().enumerate() {
            let ratio = match class {
                BlockClass::Maximum => rng.gen_range(1.1..1.5),
                _ => rng.gen_range(1.7..2.4),
            };
            let design = ((f64::from(occ) / ratio).round() as u32).max(1);
            let per_cell = match class {
                BlockClass::Maximum => 1,
                BlockClass::Juvenile | BlockClass::Youth => 4,
                _ => rng.gen_range(5..=10),
            };
            let cells = design.div_ceil(per_cell).max(1);
            let (id, name, prefix, zone, new_arrivals) = match class {
                BlockClass::Men => {
                    let mapenaling = count >= 4 && i == count - 1;
                    if mapenaling {
                        (
                            "blok-mapenaling".to_string(),
                            "Blok Mapenaling".to_string(),
                            "MP".to_string(),
                            ZONE_MEN,
                            true,
                        )
                    } else if count <= 13 {
                        let l = letters(i);
                        (
                            format!("blok-{}", l.to_lowercase()),
                            format!("Blok {l}"),
                            l,
                            ZONE_MEN,
                            false,
                        )
                    } else {
                        let per_wing = (count - 1).div_ceil(4);
                        let l = format!("{}{}", letters(i / per_wing), i % per_wing + 1);
                        (
                            format!("blok-{}", l.to_lowercase()),
                            format!("Blok {l}"),
                            l,
                            ZONE_MEN,
                            false,
                        )
                    }
                }
                BlockClass::Women => {
                    let zone = ZONE_WOMEN;
                    if spec.kind == FacilityKind::Lpp {
                        let flower = FLOWERS[i % FLOWERS.len()];
                        let suffix = if i >= FLOWERS.len() {
                            format!(" {}", i / FLOWERS.len() + 1)
                        } else {
                            String::new()
                        };
                        (
                            format!(
                                "blok-{}{}",
                                flower.to_lowercase(),
                                suffix.trim().replace(' ', "-")
                            ),
                            format!("Blok {flower}{suffix}"),
                            format!("{}{}", &flower[..1], i + 1),
                            zone,
                            false,
                        )
                    } else if count == 1 {
                        (
                            "blok-wanita".into(),
                            "Blok Wanita".into(),
                            "W".into(),
                            zone,
                            false,
                        )
                    } else {
                        (
                            format!("blok-wanita-{}", i + 1),
                            format!("Blok Wanita {}", i + 1),
                            format!("W{}", i + 1),
                            zone,
                            false,
                        )
                    }
                }
                BlockClass::Maximum => {
                    let base = if total >= 600 {
                        "Blok Maximum Security"
                    } else {
                        "Sel Pengasingan"
                    };
                    let (id, name) = if count == 1 {
                        ("blok-maks".to_string(), base.to_string())
                    } else {
                        (format!("blok-maks-{}", i + 1), format!("{base} {}", i + 1))
                    };
                    (id, name, format!("MS{}", i + 1), ZONE_MAX, false)
                }
                BlockClass::Juvenile => (
                    format!("wisma-anak-{}", i + 1),
                    format!("Wisma Anak {}", i + 1),
                    format!("WA{}", i + 1),
                    ZONE_JUVENILE,
                    false,
                ),
                BlockClass::Youth => (
                    format!("wisma-pemuda-{}", i + 1),
                    format!("Wisma Pemuda {}", i + 1),
                    format!("WP{}", i + 1),
                    ZONE_YOUTH,
                    false,
                ),
            };
            blocks.push(BlockPlan {
                id,
                name,
                zone,
                class,
                occupants: occ,
                design,
                cells,
                cell_prefix: prefix,
                new_arrivals,
            });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_the_total_and_the_proportions() {
        assert_eq!(split(10, &[1.0, 1.0]), vec![5, 5]);
        assert_eq!(split(10, &[3.0, 1.0]).iter().sum::<u32>(), 10);
        assert_eq!(split(7, &[1.0, 1.0, 1.0]).iter().sum::<u32>(), 7);
        assert_eq!(split(0, &[1.0]), vec![0]);
    }
}
