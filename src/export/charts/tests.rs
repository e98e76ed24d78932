//! Chart tests: every chart renders to SVG and PNG for realistic data and edge cases.

use std::path::PathBuf;

use super::samples;
use super::*;

/// Where rendered charts are kept for a look after the tests.
fn artefacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artefacts/charts");
    std::fs::create_dir_all(&dir).expect("artefact folder");
    dir
}

#[test]
fn can_write_every_chart_of_a_large_upt_as_svg_and_png() {
    let set = samples::large(40, 15);
    let dir = artefacts();
    let written = set.write(&dir, Lang::Id).expect("charts written");
    assert_eq!(written.len(), 10);
    for path in &written {
        let bytes = std::fs::read(path).expect("chart file");
        if path.extension().is_some_and(|e| e == "png") {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
            // IHDR: width and height, big-endian, at bytes 16..24
            let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
            assert_eq!((w, h), (WIDTH, HEIGHT));
        } else {
            let svg = String::from_utf8(bytes).expect("utf-8 svg");
            assert!(svg.starts_with("<svg"), "{}", path.display());
            assert!(svg.trim_end().ends_with("</svg>"));
        }
    }
}
