//! Command line: clap derive structures (their doc comments are the `--help`) and the
//! dispatch from each subcommand to [`crate::commands`], where each subcommand runs
//! and prints; this file only turns flags into calls and an error into its exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

pub use crate::lang::Lang;

/// tpsplan: merencanakan TPS di dalam Lapas, Rutan dan LPKA agar setiap WBP yang
/// berhak dapat memilih.
#[derive(Debug, Parser)]
#[command(name = "tpsplan", version, about, long_about = None)]
pub struct Cli {
    /// Language of messages and labels: id (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a facility folder (or every facility below a region folder): print every
    /// problem with file:line, code and fix, then the voter readiness summary.
    Check {
        /// Facility folder (holding facility.toml) or a region folder above several.
        dir: std::path::PathBuf,
        /// Scenario to apply: a name under scenarios/ (without .toml) or a path to a file.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// List every problem code `check` can report, with its meaning and fix.
    Codes,
    /// Plan a facility (or every facility below a region folder, in parallel): validate,
    /// decide who votes with which ballots, optimise TPS, registration, schedule and
    /// staff, verify, and write the plan folder (plan.json, jadwal.csv, petugas.csv,
    /// kpu/, charts/, report.html). Staff the roster lacks are listed as requests
    /// (kekurangan.csv). Exit 1 with the reason when no voter registration exists.
    Plan {
        /// Facility folder (holding facility.toml) or a region folder above several.
        dir: std::path::PathBuf,
        /// Scenario to apply: a name under scenarios/ (without .toml) or a path to a file.
        /// Several names separated by commas (`lambat,sakit`) plan each scenario of one
        /// facility into `OUT/<scenario>/` and write the comparison (banding.csv,
        /// banding.html) into OUT (default `out/<facility kode>-banding`).
        #[arg(long)]
        scenario: Option<String>,
        /// Plan folder to write (a region gets one folder per facility below it and a
        /// summary); default `out/<facility kode>` or `out/<region folder name>`.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Wall-clock limit per facility in seconds; the best plan found by then is
        /// returned and marked as such.
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        /// Strict: a plan that needs staff from outside the roster (KPPS members,
        /// escorts, searchers) is refused with exit 1 and nothing is written.
        #[arg(long)]
        ketat: bool,
        /// The number of TPS KPU fixed for the UPT: plan exactly this many (overrides
        /// `jumlah_tps` in facility.toml; one facility only).
        #[arg(long = "jumlah-tps")]
        jumlah_tps: Option<u32>,
        /// Official handover: also write kpu-rahasia/ with full NIK, NKK and birth dates
        /// (KPU's lists and the collective Model A), every file marked RAHASIA.
        #[arg(long = "serah-terima")]
        serah_terima: bool,
        /// Robust: plan with slack so that the simulated chance that every TPS is done
        /// by closing time is at least P (e.g. 0.95); says what would help when no
        /// plan reaches it (exit 1). Also writes OUT/simulasi/. One facility only.
        #[arg(long)]
        andal: Option<f64>,
        /// Re-plan against an earlier plan folder of the same facility (KPU's lists
        /// already issued): every voter whose block did not change keeps their TPS
        /// (number and site) unless the new roster forces a move; writes
        /// perubahan.csv (who moved, left or is new, and why). One facility only.
        #[arg(long, value_name = "OLD_OUT")]
        sebelumnya: Option<std::path::PathBuf>,
    },
    /// Written plans side by side (scenarios of one UPT): voters, TPS, lower bound,
    /// ballots, KPPS, escorts at peak, staff requests, the last wave's end, follow-ups,
    /// walking minutes, and the blocks whose TPS or times differ. Prints the table and
    /// writes banding.csv and banding.html (with a chart).
    #[command(alias = "banding")]
    Compare {
        /// Two or more plan folders written by `tpsplan plan`.
        #[arg(required = true, num_args = 2..)]
        plans: Vec<std::path::PathBuf>,
        /// Folder for banding.csv and banding.html; default the folder holding the plan
        /// folders (required when they lie in different folders).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Re-check a written plan folder against its inputs and every hard rule,
    /// independently of the optimiser; names each violation. Exit 1 if any.
    Verify {
        /// A plan folder written by `tpsplan plan`.
        out: std::path::PathBuf,
    },
    /// Rebuild every file of a plan folder from its plan.json after a hand edit there
    /// (the KPU tables and workbook, jadwal.csv, petugas.csv, charts, report), then
    /// verify it. An edit that breaks a hard rule is refused (exit 1), nothing written.
    Render {
        /// A plan folder written by `tpsplan plan`, its plan.json edited.
        out: std::path::PathBuf,
    },
    /// Simulate voting day on a written plan folder (Monte Carlo): waves by the
    /// schedule with their escorts, walks and searches, queues at the booths, DPTb/DPK
    /// windows, KPPS visits and the ruleset's disturbances. Writes OUT/simulasi/
    /// (simulasi.json, simulasi.csv, charts) and a section of OUT/report.html.
    #[command(alias = "simulasi")]
    Simulate {
        /// A plan folder written by `tpsplan plan`.
        out: std::path::PathBuf,
        /// Days to simulate (1 to 100000).
        #[arg(long, default_value_t = 1000)]
        runs: u32,
        /// Seed of the random streams: the same seed gives the same results.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// Simulate the day under this scenario instead of the plan's (the plan stays as
        /// written): a name under the facility's scenarios/ or a path, e.g. `lambat`
        /// for voters slower than planned. It must keep the plan's voter list.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Write deterministic synthetic facilities (one UPT up to the whole country) in the
    /// input formats; the same preset and seed always give the same bytes.
    Generate {
        /// Which facilities: pancur-batu, kabanjahe, kalabahi, pohuwato, large,
        /// kanwil-sumut (OUT/UPT/) or national (OUT/PROVINCE/UPT/).
        #[arg(long, value_enum)]
        preset: crate::generate::Preset,
        /// Seed of the random streams.
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// Folder to create; must not exist or be empty (nothing is overwritten).
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// Parses the process arguments, runs the command and returns the exit code
/// (0 done, 1 no feasible plan, 2 bad input or usage).
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let lang = cli.lang;
    let result: crate::error::Result<()> = match cli.command {
        Command::Check { dir, scenario } => commands::check::run(&dir, scenario.as_deref(), lang),
        Command::Codes => {
            commands::codes::run(lang);
            Ok(())
        }
        Command::Generate { preset, seed, out } => {
            commands::generate::run(lang, preset, seed, &out)
        }
        Command::Plan {
            dir,
            scenario,
            out,
            time_limit,
            ketat,
            jumlah_tps,
            serah_terima,
            andal,
            sebelumnya,
        } => {
            let run = commands::prepare::RunOptions {
                time_limit,
                ketat,
                tps_count: jumlah_tps,
                handover: serah_terima,
                andal,
                previous: sebelumnya,
            };
            commands::plan::run(&dir, scenario.as_deref(), out.as_deref(), run, lang)
        }
        Command::Compare { plans, out } => commands::compare::run(&plans, out.as_deref(), lang),
        Command::Verify { out } => commands::verify::run(&out, lang),
        Command::Render { out } => commands::render::run(&out, lang),
        Command::Simulate {
            out,
            runs,
            seed,
            scenario,
        } => commands::simulate::run(
            &out,
            crate::simulate::RunOptions { runs, seed },
            scenario.as_deref(),
            lang,
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tpsplan: {}", e.render(lang));
            let because = match lang {
                Lang::Id => "karena",
                Lang::En => "because",
            };
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  {because}: {s}");
                source = s.source();
            }
            ExitCode::from(e.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
