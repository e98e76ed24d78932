//! The voting-day schedule as `jadwal.csv`.

use std::io::Write;

use super::{Plan, WriteError};

/// The schedule as the `jadwal.csv` table (`mulai,selesai,nomor_tps,blok,pemilih,pengawal`).
pub fn schedule_table(plan: &Plan) -> crate::table::Table {
    let mut t = crate::table::Table::new(
        "jadwal",
        &[
            "mulai",
            "selesai",
            "nomor_tps",
            "blok",
            "pemilih",
            "pengawal",
        ],
    );
    for wave in &plan.waves {
        t.push(vec![
            wave.start.to_string().into(),
            wave.end.to_string().into(),
            wave.tps.into(),
            wave.block.to_string().into(),
            wave.voters.into(),
            wave.escorts.into(),
        ]);
    }
    t
}

/// Writes `jadwal.csv` like every other CSV of the plan folder (UTF-8 with BOM, CRLF,
/// text neutralised).
pub fn write_schedule_csv<W: Write>(out: W, plan: &Plan) -> Result<(), WriteError> {
    Ok(schedule_table(plan).write_csv(out)?)
}
