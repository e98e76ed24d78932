//! Problems found in the inputs: each with its file, line, field, a stable code,
//! what is wrong and how to fix it. Readers collect every problem instead of
//! stopping at the first; `tpsplan check` prints them all. The codes are listed
//! in [`CODES`] and in the README (a test keeps the two in step).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the facility can still be planned.
    Warning,
    /// The facility cannot be planned until it is fixed (exit code 2).
    Error,
}

/// One problem with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code such as `E0203`; listed in [`CODES`].
    pub code: &'static str,
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line (the header is line 1 of a CSV), when it is known.
    pub line: Option<u64>,
    /// The column or key, when there is one.
    pub field: Option<String>,
    /// What is wrong, in the user's terms.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl Problem {
    /// An error of `code` in `file`; the place and fix are added with the builder methods.
    pub fn error(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    /// A warning of `code` in `file`.
    pub fn warning(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: &Path,
        message: impl Into<String>,
    ) -> Self {
        debug_assert!(
            CODES.iter().any(|c| c.code == code),
            "code {code} is not listed in diagnostics::CODES"
        );
        let fix = CODES
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.fix.to_string())
            .unwrap_or_default();
        Self {
            severity,
            code,
            file: file.to_path_buf(),
            line: None,
            field: None,
            message: message.into(),
            fix,
        }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the field (column or key).
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Replaces the generic fix of the code with a specific one.
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    /// Whether this problem blocks planning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "galat",
            Severity::Warning => "peringatan",
        };
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {kind} {}", self.code)?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, "\n    perbaikan: {}", self.fix)?;
        }
        Ok(())
    }
}

/// A documented problem code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable code.
    pub code: &'static str,
    /// What it means (English, for the README).
    pub meaning: &'static str,
    /// The generic fix (Indonesian, shown to the user).
    pub fix: &'static str,
}

macro_rules! codes {
    ($($code:literal => $meaning:literal, $fix:literal;)+) => {
        /// Every problem code tpsplan can report, in order. The README lists the same.
        pub const CODES: &[CodeInfo] = &[$(CodeInfo { code: $code, meaning: $meaning, fix: $fix }),+];
    };
}

// Codes are grouped by hundreds: E00xx files and formats, E01xx facility.toml and
// rulesets, E02xx layout, E03xx inmates, E04xx staff, E05xx scenarios, W.... warnings.
// A code, once published, keeps its meaning; retired codes are not reused.
codes! {
    "E0001" => "file missing", "buat berkas ini (lihat format masukan di README) atau arahkan tpsplan ke folder yang benar";
    "E0002" => "file is empty", "ekspor ulang berkas dengan baris judul kolom dan datanya";
    "E0003" => "file is not valid UTF-8", "simpan berkas sebagai UTF-8 (Excel: Save As > CSV UTF-8)";
    "E0004" => "CSV uses ';' as separator inconsistently", "simpan sebagai CSV berpemisah koma, atau pakai ';' secara konsisten di semua baris";
    "E0005" => "missing column", "tambahkan kolom ini ke baris judul";
    "E0006" => "unknown column", "hapus kolom ini atau perbaiki ejaannya";
    "E0007" => "row has the wrong number of fields", "samakan jumlah isian setiap baris dengan judul kolom (beri tanda kutip pada isian yang memuat koma)";
    "E0008" => "file cannot be read", "periksa bahwa berkas ada dan dapat dibaca";
    "E0009" => "TOML syntax error", "perbaiki sintaks TOML pada baris yang ditunjuk";
    "E0010" => "unknown or misplaced TOML key", "hapus kunci ini atau perbaiki ejaannya (daftar kunci ada di README)";
    "E0011" => "value has the wrong type or form", "tulis nilai dalam bentuk yang dijelaskan di README";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(c.code.len() == 5 && (c.code.starts_with('E') || c.code.starts_with('W')));
            assert!(!c.fix.is_empty());
        }
    }

    #[test]
    fn display_names_file_line_field_code_and_fix() {
        let p = Problem::error("E0005", Path::new("x/inmates.csv"), "kolom 'nik' tidak ada")
            .at_line(1)
            .field("nik");
        let s = p.to_string();
        assert!(s.starts_with("x/inmates.csv:1: galat E0005 [nik]"), "{s}");
        assert!(s.contains("perbaikan: tambahkan kolom"), "{s}");
    }
}
