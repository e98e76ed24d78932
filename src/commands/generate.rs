//! `tpsplan generate`: synthetic facilities written by [`crate::generate`], then one
//! line saying what was written and how long it took.

use crate::lang::Lang;

/// `tpsplan generate --preset P --seed S --out OUT`.
pub fn run(
    lang: Lang,
    preset: crate::generate::Preset,
    seed: u64,
    out: &std::path::Path,
) -> crate::error::Result<()> {
    let start = std::time::Instant::now();
    let s = crate::generate::generate(preset, seed, out)?;
    let secs = start.elapsed().as_secs_f64();
    match lang {
        Lang::Id => println!(
            "{}: {} fasilitas, {} WBP, {} petugas, {} simpul, {} jalur, {} skenario ({secs:.1} detik)",
            out.display(),
            s.facilities,
            s.inmates,
            s.staff,
            s.nodes,
            s.paths,
            s.scenarios
        ),
        Lang::En => println!(
            "{}: {} facilities, {} inmates, {} staff, {} nodes, {} paths, {} scenarios ({secs:.1} s)",
            out.display(),
            s.facilities,
            s.inmates,
            s.staff,
            s.nodes,
            s.paths,
            s.scenarios
        ),
    }
    Ok(())
}
