//! The one error type that reaches `main`, with the exit code it maps to.

use std::path::PathBuf;

use crate::lang::Lang;

/// What stopped a command. `main` prints it ([`Error::render`] in the user's language)
/// with its cause chain and exits with [`Error::exit_code`]: 1 no feasible plan or a
/// plan that breaks hard rules, 2 bad input, usage or I/O.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors (already printed as problems); the count is shown.
    #[error("{0} galat pada masukan; tidak ada yang ditulis")]
    BadInput(usize),
    /// A usage mistake the user can fix on the command line.
    #[error("{0}")]
    Usage(String),
    /// No feasible plan; the message says why and what would make it feasible.
    #[error("tidak ada rencana yang layak: {0}")]
    Infeasible(String),
    /// [`Error::Infeasible`] under `--lang en`.
    #[error("no feasible plan: {0}")]
    InfeasibleEn(String),
    /// A written plan breaks hard rules (`verify`); the violations were printed.
    #[error("{0}")]
    Violations(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Anything else, with its message.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// The usage error of a command given a folder that does not exist or is no folder.
    pub fn not_a_folder(dir: &std::path::Path, lang: Lang) -> Error {
        Error::Usage(
            crate::lang::text!(
                "folder '{}' tidak ada atau bukan folder",
                "folder '{}' does not exist or is not a folder",
                dir.display()
            )
            .get(lang)
            .to_string(),
        )
    }

    /// The process exit code of design.md: 1 infeasible, 2 everything else that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Infeasible(_) | Error::InfeasibleEn(_) | Error::Violations(_) => 1,
            _ => 2,
        }
    }

    /// The message in `lang`. The variants that carry their message were worded in the
    /// user's language where they were made; `Display` is Indonesian.
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::BadInput(1), Lang::En) => "1 error in the input; nothing was written".into(),
            (Error::BadInput(n), Lang::En) => {
                format!("{n} errors in the input; nothing was written")
            }
            _ => self.to_string(),
        }
    }

    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with the crate's error.
pub type Result<T> = std::result::Result<T, Error>;
