//! The `tpsplan` binary: everything happens in [`tpsplan::cli::run`].

fn main() -> std::process::ExitCode {
    tpsplan::cli::run()
}
