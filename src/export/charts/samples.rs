//! Realistic chart data for tests: a large UPT with 40 blocks, about 60 layout nodes
//! and 15 TPS, built deterministically so every test sees the same charts.

use super::*;
use crate::model::{Clock, NodeKind};

/// Ballot types of Pemilu 2024 as in the ruleset file.
pub(crate) fn pemilu_ballots() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("PPWP", "Presiden dan Wakil Presiden", "#9e9e9e"),
        ("DPR", "DPR RI", "#f2c500"),
        ("DPD", "DPD RI", "#d32f2f"),
        ("DPRD_PROV", "DPRD Provinsi", "#1e63c9"),
        ("DPRD_KAB", "DPRD Kabupaten/Kota", "#2e9e44"),
    ]
}

/// A facility of `blocks` blocks whose voters fill `tps` TPS in block order (so some
/// blocks are split between two TPS), with the matching schedule, escorts and ballots.
pub(crate) fn large(blocks: usize, tps: usize) -> ChartSet {
    let cap = 300;
    let block_ids: Vec<String> = (0..blocks)
        .map(|i| format!("{}{}", (b'A' + (i / 8) as u8) as char, i % 8 + 1))
        .collect();
    let voters: Vec<u32> = (0..blocks).map(|i| 60 + (i as u32 * 37) % 50).collect();

    // Layout: blocks on a grid (5 wings of 8), a corridor junction per wing, gates and
    // the facilities that host TPS along the south.
    let mut nodes = Vec::new();
    let mut paths = Vec::new();
    for (i, id) in block_ids.iter().enumerate() {
        let (wing, k) = (i / 8, i % 8);
        nodes.push(MapNode {
            id: id.clone(),
            kind: NodeKind::Blok,
            name: format!("Blok {id}"),
            x: 20.0 + 34.0 * k as f64,
            y: 60.0 + 42.0 * wing as f64 + if k % 2 == 0 { 0.0 } else { 14.0 },
        });
        let junction = format!("L{wing}");
        paths.push(MapPath {
            from: id.clone(),
            to: junction,
            search_point: false,
        });
    }
    let wings = blocks.div_ceil(8);
    for wing in 0..wings {
        nodes.push(MapNode {
            id: format!("L{wing}"),
            kind: NodeKind::Lorong,
            name: format!("Lorong {wing}"),
            x: 290.0,
            y: 75.0 + 42.0 * wing as f64,
        });
        if wing > 0 {
            paths.push(MapPath {
                from: format!("L{}", wing - 1),
                to: format!("L{wing}"),
                search_point: false,
            });
        }
    }
    let facilities = [
        ("AULA", NodeKind::Aula, "Aula Utama", 60.0, 10.0),
        ("LAP", NodeKind::Lapangan, "Lapangan", 150.0, 5.0),
        ("MSJ", NodeKind::Masjid, "Masjid At-Taubah", 240.0, 10.0),
        ("GRJ", NodeKind::Gereja, "Gereja", 330.0, 20.0),
        ("KLN", NodeKind::Klinik, "Klinik", 340.0, 120.0),
        ("KTR", NodeKind::Kantor, "Kantor & Registrasi", 340.0, 200.0),
        ("P1", NodeKind::Pintu, "P2U", 380.0, 240.0),
        ("P2", NodeKind::Pintu, "Pintu Blok", 290.0, 30.0),
    ];
    for (id, kind, name, x, y) in facilities {
        nodes.push(MapNode {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            x,
            y,
        });
    }
    for (a, b, s) in [
        ("L0", "P2", true),
        ("P2", "AULA", false),
        ("P2", "LAP", false),
        ("P2", "MSJ", false),
        ("P2", "GRJ", false),
        ("L2", "KLN", false),
        ("L4", "KTR", true),
        ("KTR", "P1", true),
    ] {
        paths.push(MapPath {
            from: a.to_string(),
            to: b.to_string(),
            search_point: s,
        });
    }

    // Registration: fill TPS in block order up to an even share.
    let total: u32 = voters.iter().sum();
    let target = total.div_ceil(tps as u32).min(cap);
    let mut shares = Vec::new();
    let mut current = 0usize;
    let mut load = 0u32;
    for (id, &v) in block_ids.iter().zip(&voters) {
        let mut left = v;
        while left > 0 {
            if load >= target && current + 1 < tps {
                current += 1;
                load = 0;
            }
            let room = if current + 1 < tps {
                target - load
            } else {
                left
            };
            let take = left.min(room);
            shares.push(BlockShare {
                block: id.clone(),
                tps: 901 + current as u32,
                voters: take,
            });
            load += take;
            left -= take;
        }
    }
    let site_nodes = [
        "AULA", "AULA", "AULA", "LAP", "LAP", "LAP", "LAP", "MSJ", "MSJ", "GRJ",
    ];
    let sites: Vec<MapSite> = (0..tps)
        .map(|i| MapSite {
            tps: 901 + i as u32,
            node: site_nodes
                .get(i)
                .copied()
                .unwrap_or(if i.is_multiple_of(2) { "KLN" } else { "GRJ" })
                .to_string(),
        })
        .collect();

    // Loads by category and sex from the shares.
    let mut loads: Vec<TpsLoad> = (0..tps)
        .map(|i| TpsLoad {
            tps: 901 + i as u32,
            dpt: SexCounts::default(),
            dptb: SexCounts::default(),
            dpk: SexCounts::default(),
        })
        .collect();
    for (k, s) in shares.iter().enumerate() {
        let t = &mut loads[(s.tps - 901) as usize];
        let dpk = if k % 3 == 0 { s.voters / 25 } else { 0 };
        let dptb = s.voters / 10;
        let dpt = s.voters - dptb - dpk;
        let women = k % 7 == 0;
        let put = |c: &mut SexCounts, n: u32| {
            if women {
                c.p += n;
            } else {
                c.l += n - n / 20;
                c.p += n / 20;
            }
        };
        put(&mut t.dpt, dpt);
        put(&mut t.dptb, dptb);
        put(&mut t.dpk, dpk);
    }

    // Waves of at most 20 voters, 4 booths at 5 minutes per voter, back to back.
    let mut waves = Vec::new();
    let mut clock = vec![Clock::hm(7, 0); tps];
    for s in &shares {
        let mut left = s.voters;
        while left > 0 {
            let v = left.min(20);
            let minutes = (v * 5).div_ceil(4) as u16;
            let i = (s.tps - 901) as usize;
            let start = clock[i];
            waves.push(WaveBar {
                tps: s.tps,
                start,
                end: start.plus(minutes),
                block: s.block.clone(),
                voters: v,
            });
            clock[i] = start.plus(minutes);
            left -= v;
        }
    }

    // Escorts per 15-minute slot, with 10 minutes of walking each way.
    let mut slots = Vec::new();
    let mut t = Clock::hm(6, 30);
    while t < Clock::hm(13, 30) {
        let end = t.plus(15);
        let needed: u32 = waves
            .iter()
            .filter(|w| {
                w.start.minutes().saturating_sub(10) < end.minutes()
                    && w.end.minutes() + 10 > t.minutes()
            })
            .map(|w| w.voters.div_ceil(10))
            .sum();
        let on_duty = if t < Clock::hm(7, 0) { 60 } else { 96 };
        slots.push(EscortSlot {
            start: t,
            end,
            needed,
            on_duty,
        });
        t = end;
    }

    let ballots = pemilu_ballots()
        .into_iter()
        .enumerate()
        .map(|(k, (code, name, colour))| {
            let v = total - (total * k as u32) / 9;
            BallotBar {
                code: code.to_string(),
                name: name.to_string(),
                colour: colour.to_string(),
                voters: v,
                reserve: (v * 2).div_ceil(100),
            }
        })
        .collect();

    ChartSet {
        load: LoadChart { tps: loads, cap },
        day: DayChart {
            tps: (0..tps).map(|i| 901 + i as u32).collect(),
            waves,
            opening: Clock::hm(7, 0),
            closing: Clock::hm(13, 0),
            other_places: Default::default(),
        },
        map: MapChart {
            nodes,
            paths,
            sites,
            shares,
        },
        escorts: EscortChart { slots },
        ballots: BallotChart { types: ballots },
    }
}
