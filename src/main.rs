//! The `tpsplan` command line: parses flags, calls the library, maps errors to exit codes.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
