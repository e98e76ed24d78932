//! Chart tests: every chart renders to SVG and PNG for realistic data and for edge
//! cases, SVG output is deterministic, labels follow the language, and the map's
//! labels never overlap on realistic layouts.

use std::path::PathBuf;

use super::samples;
use super::style::{PixelBox, categorical};
use super::*;
use crate::model::{Clock, NodeKind};

/// Where rendered charts are kept for a look after the tests.
fn artefacts(sub: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-artefacts")
        .join(sub);
    std::fs::create_dir_all(&dir).expect("artefact folder");
    dir
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR: width and height, big-endian, at bytes 16..24
    let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (w, h)
}

/// Writes every chart of a set into `target/test-artefacts/<sub>` and checks each
/// file: PNGs of projector size, complete SVG documents.
fn write_and_check(set: &ChartSet, lang: Lang, sub: &str) -> Vec<String> {
    let written = set.write(&artefacts(sub), lang).expect("charts written");
    assert_eq!(written.len(), 10);
    let mut svgs = Vec::new();
    for path in &written {
        let bytes = std::fs::read(path).expect("chart file");
        if path.extension().is_some_and(|e| e == "png") {
            assert_eq!(png_size(&bytes), (WIDTH, HEIGHT), "{}", path.display());
        } else {
            let svg = String::from_utf8(bytes).expect("utf-8 svg");
            assert!(svg.starts_with("<svg"), "{}", path.display());
            assert!(svg.trim_end().ends_with("</svg>"), "{}", path.display());
            svgs.push(svg);
        }
    }
    svgs
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The white label backgrounds of the map, as pixel boxes.
fn label_boxes(svg: &str) -> Vec<PixelBox> {
    let num = |tag: &str, key: &str| -> i32 {
        let from = tag.find(&format!(" {key}=\"")).expect("attribute") + key.len() + 3;
        let len = tag[from..].find('"').expect("closing quote");
        tag[from..from + len].parse().expect("number")
    };
    svg.lines()
        .filter(|l| l.starts_with("<rect") && l.contains("opacity=\"0.8\" fill=\"#FFFFFF\""))
        .map(|l| {
            let (x, y) = (num(l, "x"), num(l, "y"));
            PixelBox {
                x0: x,
                y0: y,
                x1: x + num(l, "width"),
                y1: y + num(l, "height"),
            }
        })
        .collect()
}

#[test]
fn can_write_every_chart_of_a_large_upt_as_svg_and_png() {
    let set = samples::large(40, 15);
    let svgs = write_and_check(&set, Lang::Id, "charts");
    for title in [
        "Pemilih per TPS menurut kategori (DPT, DPTb, DPK) dan jenis kelamin",
        "Jadwal hari pemungutan suara per TPS",
        "Denah: lokasi TPS dan blok menurut TPS tempat memilih",
        "Kebutuhan pengawal dibanding petugas yang bertugas",
        "Kebutuhan surat suara per jenis",
    ] {
        assert!(svgs.iter().any(|s| s.contains(title)), "{title}");
    }
}

#[test]
fn same_data_gives_the_same_svg_bytes() {
    let set = samples::large(40, 15);
    let first = set.render_all(Lang::Id).expect("render");
    let second = samples::large(40, 15).render_all(Lang::Id).expect("render");
    assert_eq!(first, second);
}

#[test]
fn one_tps_renders_every_chart() {
    let set = samples::large(3, 1);
    assert_eq!(set.load.tps.len(), 1);
    let svgs = write_and_check(&set, Lang::Id, "charts-one-tps");
    assert!(svgs[1].contains(">TPS 901<") || svgs[1].contains("TPS 901"));
}

#[test]
fn charts_without_data_still_render_with_a_note() {
    let set = ChartSet {
        load: LoadChart {
            tps: vec![],
            cap: 300,
        },
        day: DayChart {
            tps: vec![],
            waves: vec![],
            opening: Clock::hm(7, 0),
            closing: Clock::hm(13, 0),
            other_places: Default::default(),
        },
        map: MapChart {
            nodes: vec![],
            paths: vec![],
            sites: vec![],
            shares: vec![],
        },
        escorts: EscortChart { slots: vec![] },
        ballots: BallotChart { types: vec![] },
    };
    let svgs = write_and_check(&set, Lang::Id, "charts-empty");
    assert!(svgs[0].contains("Belum ada TPS"));
    assert!(svgs[1].contains("Belum ada jadwal"));
    assert!(svgs[2].contains("Denah belum diisi"));
    assert!(svgs[3].contains("Belum ada gelombang"));
    assert!(svgs[4].contains("Tidak ada surat suara"));
}

#[test]
fn categories_without_voters_stay_out_of_the_legend() {
    let mut set = samples::large(40, 15);
    for t in &mut set.load.tps {
        t.dpk = SexCounts::default();
    }
    let svg = to_svg(&set.load, Lang::Id).expect("svg");
    assert!(svg.contains(">\nDPT L\n<") || svg.contains("DPT L"));
    assert!(!svg.contains("DPK L") && !svg.contains("DPK P"));
    assert!(svg.contains("Batas 300 pemilih per TPS"));
}

#[test]
fn a_block_split_over_two_tps_is_drawn_in_both_colours() {
    let node = |id: &str, kind, x, y| MapNode {
        id: id.to_string(),
        kind,
        name: format!("Blok {id}"),
        x,
        y,
    };
    let chart = MapChart {
        nodes: vec![
            node("A", NodeKind::Blok, 0.0, 0.0),
            node("B", NodeKind::Blok, 40.0, 0.0),
            node("AULA", NodeKind::Aula, 20.0, -30.0),
        ],
        paths: vec![MapPath {
            from: "A".to_string(),
            to: "AULA".to_string(),
            search_point: true,
        }],
        sites: vec![
            MapSite {
                tps: 901,
                node: "AULA".to_string(),
            },
            MapSite {
                tps: 902,
                node: "AULA".to_string(),
            },
        ],
        shares: vec![
            BlockShare {
                block: "A".to_string(),
                tps: 901,
                voters: 120,
            },
            BlockShare {
                block: "A".to_string(),
                tps: 902,
                voters: 60,
            },
        ],
    };
    let svg = to_svg(&chart, Lang::Id).expect("svg");
    let polygons_of = |c| {
        svg.lines()
            .filter(|l| l.starts_with("<polygon") && l.contains(&format!("fill=\"{}\"", hex(c))))
            .count()
    };
    assert!(polygons_of(categorical(0)) >= 1, "no slice for TPS 901");
    assert!(polygons_of(categorical(1)) >= 1, "no slice for TPS 902");
    // both TPS numbers on badges at the site, and block B without voters drawn white
    assert!(svg.contains("901") && svg.contains("902"));
    assert!(svg.contains("fill=\"#FFFFFF\""));
    write_and_check(
        &ChartSet {
            map: chart,
            ..samples::large(3, 1)
        },
        Lang::Id,
        "charts-split",
    );
}

#[test]
fn english_charts_have_english_titles_axes_and_legends() {
    let set = samples::large(40, 15);
    let svgs = write_and_check(&set, Lang::En, "charts-en");
    let all = svgs.join("\n");
    for text in [
        "Voters per TPS by list (DPT, DPTb, DPK) and sex",
        "Cap of 300 voters per TPS",
        "Voting day per TPS",
        "Time of day",
        "Block A1",
        "Layout: TPS sites and blocks",
        "Path with a search point",
        "Escorts needed against officers on duty",
        "Officers on duty (not KPPS)",
        "Ballots needed per type",
        "reserve",
    ] {
        assert!(all.contains(text), "missing {text}");
    }
    // SVG text sits on its own line; names from the facility are data and may
    // stay Indonesian, labels may not
    for text in [
        "Pemilih", "\nJam\n", "Jalur", "cadangan", "Pengawal", "Batas",
    ] {
        assert!(!all.contains(text), "Indonesian {text:?} in English charts");
    }
    assert!(svgs[1].contains("\nBlock A1\n") && !svgs[1].contains("\nBlok A1\n"));
}

#[test]
fn a_colour_that_is_not_hex_names_its_ballot() {
    let mut set = samples::large(3, 1);
    set.ballots.types[1].colour = "kuning".to_string();
    let err = to_svg(&set.ballots, Lang::Id).expect_err("bad colour");
    let msg = err.to_string();
    assert!(msg.contains("kuning") && msg.contains("DPR"), "{msg}");
    assert!(matches!(err, ChartError::BadColour { .. }));
}

#[test]
fn names_with_markup_are_escaped_in_svg() {
    let mut set = samples::large(3, 1);
    let aula = set
        .map
        .nodes
        .iter_mut()
        .find(|n| n.id == "AULA")
        .expect("aula");
    aula.name = "Aula <A&B> \"baru\"".to_string();
    set.day.waves[0].block = "<A&B>".to_string();
    let map = to_svg(&set.map, Lang::Id).expect("svg");
    assert!(map.contains("Aula &lt;A&amp;B&gt; &quot;baru&quot;"));
    assert!(!map.contains("<A&B>"));
    let day = to_svg(&set.day, Lang::Id).expect("svg");
    assert!(day.contains("&lt;A&amp;B&gt;"));
}

#[test]
fn map_labels_never_overlap_on_large_layouts() {
    for (blocks, tps) in [(40, 15), (24, 8), (9, 3)] {
        let set = samples::large(blocks, tps);
        let svg = to_svg(&set.map, Lang::Id).expect("svg");
        let boxes = label_boxes(&svg);
        let sites: std::collections::BTreeSet<&str> =
            set.map.sites.iter().map(|s| s.node.as_str()).collect();
        // every block and every site has its label
        assert!(
            boxes.len() >= blocks + sites.len(),
            "{} labels for {blocks} blocks and {} sites",
            boxes.len(),
            sites.len()
        );
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert_eq!(a.overlap(b), 0, "labels {a:?} and {b:?} overlap");
            }
        }
    }
}

#[test]
fn shortfall_of_escorts_is_shaded_and_named() {
    let mut set = samples::large(40, 15);
    for s in &mut set.escorts.slots {
        s.on_duty = 20;
    }
    let svg = to_svg(&set.escorts, Lang::Id).expect("svg");
    assert!(svg.contains("Kekurangan (hingga"));
    assert!(svg.contains(&hex(style::ALERT)));
    let fine = to_svg(&samples::large(40, 15).escorts, Lang::Id).expect("svg");
    assert!(!fine.contains("Kekurangan"));
}

#[test]
fn counts_are_grouped_by_thousands_per_language() {
    assert_eq!(format_count(0, Lang::Id), "0");
    assert_eq!(format_count(999, Lang::Id), "999");
    assert_eq!(format_count(1234, Lang::Id), "1.234");
    assert_eq!(format_count(139_500_000, Lang::Id), "139.500.000");
    assert_eq!(format_count(139_500_000, Lang::En), "139,500,000");
    assert_eq!(format_count(-4500, Lang::En), "-4,500");
}

#[test]
fn blocks_sort_the_way_people_read_them() {
    let mut v = vec!["Blok 10", "Blok 2", "blok 1", "A10", "A9", "B"];
    v.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(v, ["A9", "A10", "B", "blok 1", "Blok 2", "Blok 10"]);
}

#[test]
fn ruleset_colours_parse_as_hex_only() {
    assert_eq!(
        style::parse_hex("#f2c500"),
        Some(plotters::style::RGBColor(0xf2, 0xc5, 0x00))
    );
    assert_eq!(style::parse_hex("f2c500"), None);
    assert_eq!(style::parse_hex("#f2c50"), None);
    assert_eq!(style::parse_hex("#gggggg"), None);
}

#[test]
fn categorical_colours_of_neighbours_differ_clearly() {
    for i in 0..60 {
        let (a, b) = (categorical(i), categorical(i + 1));
        let d = (a.0 as i32 - b.0 as i32).abs()
            + (a.1 as i32 - b.1 as i32).abs()
            + (a.2 as i32 - b.2 as i32).abs();
        assert!(d > 60, "colours {i} and {} too close: {a:?} {b:?}", i + 1);
    }
}
