//! The language of user-facing output, at the bottom of the layers: every module that
//! words a message takes it from here, not from the command layer.

/// Language of user-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}
