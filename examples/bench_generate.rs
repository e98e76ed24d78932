//! Benchmark of `tpsplan generate --preset national`: writes the whole country into a
//! temporary folder and prints the rows written, the seconds taken and the peak
//! resident memory (VmHWM). Run in release:
//!
//! ```text
//! cargo run --release --example bench_generate
//! ```

use std::time::Instant;

use tpsplan::generate::{Preset, generate};

/// Peak resident set size in KiB from /proc/self/status (Linux), if readable.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("national");
    let start = Instant::now();
    let s = generate(Preset::National, 2024, &out)?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "preset national, seed 2024, {} threads",
        rayon::current_num_threads()
    );
    println!(
        "facilities {}  inmates {}  staff {}  nodes {}  paths {}  scenarios {}",
        s.facilities, s.inmates, s.staff, s.nodes, s.paths, s.scenarios
    );
    println!("rows {}  bytes {}  seconds {secs:.2}", s.rows(), s.bytes);
    match peak_rss_kib() {
        Some(k) => println!("peak RSS {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak RSS unknown (no /proc/self/status)"),
    }
    Ok(())
}
