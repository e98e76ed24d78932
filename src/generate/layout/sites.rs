//! Candidate TPS sites of a generated UPT: the halls, fields and places of worship of
//! the `umum` zone (a church or a mosque first, by the region) and the rooms of housing
//! zones.

use crate::model::NodeKind;

/// A candidate site waiting to be placed.
pub(super) struct SiteTemplate {
    pub(super) id: String,
    pub(super) kind: NodeKind,
    pub(super) name: String,
    /// Relative share of the zone's TPS.
    pub(super) weight: u32,
    /// Base waiting capacity.
    pub(super) waiting: u32,
}

pub(super) fn christian_majority(province: &str, kabkota: &str) -> bool {
    matches!(
        province,
        "53" | "71" | "81" | "91" | "92" | "93" | "94" | "95" | "96"
    ) || matches!(
        kabkota,
        "12.06"
            | "12.01"
            | "12.02"
            | "12.12"
            | "12.16"
            | "12.17"
            | "12.04"
            | "12.14"
            | "12.24"
            | "12.25"
            | "12.78"
            | "12.11"
            | "12.15"
    )
}

pub(super) fn general_sites(count: usize, christian: bool) -> Vec<SiteTemplate> {
    let worship = |first: bool| -> SiteTemplate {
        if first == christian {
            SiteTemplate {
                id: "gereja".into(),
                kind: NodeKind::Gereja,
                name: "Gereja Oikumene".into(),
                weight: 3,
                waiting: 60,
            }
        } else {
            SiteTemplate {
                id: "masjid".into(),
                kind: NodeKind::Masjid,
                name: "Masjid At-Taubah".into(),
                weight: 3,
                waiting: 80,
            }
        }
    };
    let mut all = vec![
        SiteTemplate {
            id: "aula".into(),
            kind: NodeKind::Aula,
            name: "Aula Serbaguna".into(),
            weight: 4,
            waiting: 100,
        },
        SiteTemplate {
            id: "lapangan".into(),
            kind: NodeKind::Lapangan,
            name: "Lapangan Utama".into(),
            weight: 5,
            waiting: 200,
        },
        worship(true),
        worship(false),
        SiteTemplate {
            id: "ruang-kunjungan".into(),
            kind: NodeKind::Aula,
            name: "Ruang Kunjungan".into(),
            weight: 3,
            waiting: 80,
        },
        SiteTemplate {
            id: "aula-bimker".into(),
            kind: NodeKind::Aula,
            name: "Aula Bimbingan Kerja".into(),
            weight: 2,
            waiting: 60,
        },
        SiteTemplate {
            id: "lapangan-futsal".into(),
            kind: NodeKind::Lapangan,
            name: "Lapangan Futsal".into(),
            weight: 3,
            waiting: 120,
        },
        SiteTemplate {
            id: "aula-pendidikan".into(),
            kind: NodeKind::Aula,
            name: "Aula Pendidikan".into(),
            weight: 2,
            waiting: 60,
        },
        SiteTemplate {
            id: "perpustakaan".into(),
            kind: NodeKind::Aula,
            name: "Ruang Perpustakaan".into(),
            weight: 1,
            waiting: 40,
        },
    ];
    all.truncate(count);
    all
}

pub(super) fn housing_sites(count: usize, key: &str, label: &str) -> Vec<SiteTemplate> {
    let ids: [(&str, NodeKind, &str, u32, u32); 4] = [
        ("lapangan", NodeKind::Lapangan, "Lapangan", 4, 150),
        ("aula", NodeKind::Aula, "Aula", 3, 60),
        ("lapangan-2", NodeKind::Lapangan, "Lapangan Kedua", 3, 120),
        ("musala", NodeKind::Masjid, "Musala", 2, 40),
    ];
    ids.iter()
        .take(count)
        .map(|(id, kind, name, weight, waiting)| SiteTemplate {
            id: format!("{id}-{key}"),
            kind: *kind,
            name: format!("{name} {label}"),
            weight: *weight,
            waiting: *waiting,
        })
        .collect()
}
