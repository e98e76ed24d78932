//! Parsing the cells of one CSV row into typed values. Every parser reports its own
//! problem (with file, line, column, code and fix) and returns `None`, so a row with
//! three bad cells yields three problems; the row builders in `rows.rs` call every
//! parser before combining the results.

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::diagnostics::Problem;
use crate::lang::{Text, text};
use crate::model::{BadClock, BadRegionCode, BadValue, Clock, RegionCode, YaTidak};

/// The cells of one row: where they are and where their problems go.
pub(crate) struct Cells<'a> {
    file: &'a Path,
    line: u64,
    decimal_comma: bool,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Cells<'a> {
    /// Cells of row `line` of `file`; `decimal_comma` accepts `2,5` for numbers.
    pub(crate) fn new(
        file: &'a Path,
        line: u64,
        decimal_comma: bool,
        problems: &'a mut Vec<Problem>,
    ) -> Self {
        Self {
            file,
            line,
            decimal_comma,
            problems,
        }
    }

    /// The row's line (1 = header).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Pushes an error of `code` at this row and `field`.
    pub(crate) fn error(&mut self, code: &'static str, field: &str, message: Text) {
        self.problems.push(
            Problem::error(code, self.file, message)
                .at_line(self.line)
                .field(field),
        );
    }

    /// The file the row is in.
    pub(crate) fn file(&self) -> &'a Path {
        self.file
    }

    /// Pushes a problem already built, at this row's line.
    pub(crate) fn push(&mut self, p: Problem) {
        self.problems.push(p.at_line(self.line));
    }

    /// A value that must not be empty.
    pub(crate) fn text<'v>(&mut self, field: &str, v: &'v str) -> Option<&'v str> {
        if v.is_empty() {
            self.error(
                "E0013",
                field,
                text!("kolom '{field}' kosong", "column '{field}' is empty"),
            );
            None
        } else {
            Some(v)
        }
    }

    /// A required ISO date.
    pub(crate) fn date(&mut self, field: &str, v: &str) -> Option<NaiveDate> {
        self.text(field, v)?;
        match parse_iso_date(v) {
            Some(d) => Some(d),
            None => {
                let hint = dmy_hint(v)
                    .map(|iso| {
                        text!(
                            "; tampaknya DD/MM/YYYY, tulis {iso}",
                            "; it looks like DD/MM/YYYY, write {iso}"
                        )
                    })
                    .unwrap_or_default();
                let (hint_id, hint_en) = (hint.id, hint.en);
                self.error(
                    "E0014",
                    field,
                    text!(
                        "tanggal '{v}' bukan tanggal YYYY-MM-DD yang sah{hint_id}",
                        "date '{v}' is not a valid YYYY-MM-DD date{hint_en}"
                    ),
                );
                None
            }
        }
    }

    /// An ISO date or empty.
    pub(crate) fn opt_date(&mut self, field: &str, v: &str) -> Option<Option<NaiveDate>> {
        if v.is_empty() {
            Some(None)
        } else {
            self.date(field, v).map(Some)
        }
    }

    /// A required `HH:MM`.
    pub(crate) fn clock(&mut self, field: &str, v: &str) -> Option<Clock> {
        self.text(field, v)?;
        match v.parse::<Clock>() {
            Ok(c) => Some(c),
            Err(e) => {
                self.error("E0015", field, bad_clock(&e));
                None
            }
        }
    }

    /// A required word of a fixed vocabulary.
    pub(crate) fn word<T: FromStr<Err = BadValue>>(&mut self, field: &str, v: &str) -> Option<T> {
        self.text(field, v)?;
        match v.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                self.error("E0016", field, bad_value(&e));
                None
            }
        }
    }

    /// A word of a fixed vocabulary, or empty.
    pub(crate) fn opt_word<T: FromStr<Err = BadValue>>(
        &mut self,
        field: &str,
        v: &str,
    ) -> Option<Option<T>> {
        if v.is_empty() {
            Some(None)
        } else {
            self.word(field, v).map(Some)
        }
    }

    /// A required `ya`/`tidak` flag.
    pub(crate) fn flag(&mut self, field: &str, v: &str) -> Option<bool> {
        self.word::<YaTidak>(field, v).map(|f| f == YaTidak::Ya)
    }

    /// A required whole number, 0 or more.
    pub(crate) fn count(&mut self, field: &str, v: &str) -> Option<u32> {
        self.text(field, v)?;
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(
                    "E0017",
                    field,
                    text!(
                        "'{v}' bukan bilangan bulat 0 atau lebih",
                        "'{v}' is not a whole number, 0 or more"
                    ),
                );
                None
            }
        }
    }

    /// A required whole number from 0 to `max`.
    pub(crate) fn count_within(&mut self, field: &str, v: &str, max: u32) -> Option<u32> {
        let n = self.count(field, v)?;
        if n > max {
            self.error(
                "E0017",
                field,
                text!(
                    "{n} terlalu besar untuk {field}: paling banyak {max}",
                    "{n} is too large for {field}: at most {max}"
                ),
            );
            return None;
        }
        Some(n)
    }

    /// A required finite number from `lo` to `hi`.
    pub(crate) fn number_within(&mut self, field: &str, v: &str, lo: f64, hi: f64) -> Option<f64> {
        let x = self.number(field, v)?;
        if x < lo || x > hi {
            self.error(
                "E0017",
                field,
                text!(
                    "{x} di luar rentang {field}: tulis angka antara {lo} dan {hi}",
                    "{x} is out of range for {field}: write a number between {lo} and {hi}"
                ),
            );
            return None;
        }
        Some(x)
    }

    /// A required finite number (a decimal comma is accepted in `;` files).
    pub(crate) fn number(&mut self, field: &str, v: &str) -> Option<f64> {
        self.text(field, v)?;
        let parsed = if self.decimal_comma && v.matches(',').count() == 1 && !v.contains('.') {
            v.replace(',', ".").parse::<f64>()
        } else {
            v.parse::<f64>()
        };
        match parsed {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                self.error(
                    "E0017",
                    field,
                    text!(
                        "'{v}' bukan angka (pakai titik sebagai pemisah desimal)",
                        "'{v}' is not a number (use a point as decimal separator)"
                    ),
                );
                None
            }
        }
    }

    /// A region code, or empty.
    pub(crate) fn opt_region(&mut self, field: &str, v: &str) -> Option<Option<RegionCode>> {
        if v.is_empty() {
            return Some(None);
        }
        match v.parse::<RegionCode>() {
            Ok(c) => Some(Some(c)),
            Err(e) => {
                self.error("E0018", field, bad_region(&e));
                None
            }
        }
    }

    /// NIK or NKK: exactly 16 digits, or empty.
    pub(crate) fn opt_id16(&mut self, field: &str, v: &str) -> Option<Option<String>> {
        if v.is_empty() {
            return Some(None);
        }
        if v.len() == 16 && v.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Some(v.to_string()));
        }
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        let why = if v.contains(['E', 'e']) && v.contains(['.', ',']) {
            text!(
                " (tertulis sebagai angka ilmiah oleh Excel; format sel sebagai Teks)",
                " (written in scientific notation by Excel; format the cells as Text)"
            )
        } else if digits == v.len() {
            text!(" ({digits} angka)", " ({digits} digits)")
        } else {
            text!(
                " (memuat selain angka)",
                " (holds other characters than digits)"
            )
        };
        let (why_id, why_en) = (why.id, why.en);
        let name = field.to_uppercase();
        self.error(
            "E0302",
            field,
            text!(
                "{name} '{v}' harus tepat 16 angka{why_id}",
                "{name} '{v}' must be exactly 16 digits{why_en}"
            ),
        );
        None
    }
}

/// A time that is not `HH:MM`, in both languages (the model words it in Indonesian).
pub(crate) fn bad_clock(e: &BadClock) -> Text {
    let v = &e.0;
    Text::new(
        e.to_string(),
        format!("time '{v}' is not valid: write HH:MM between 00:00 and 24:00"),
    )
}

/// A malformed region code, in both languages.
pub(crate) fn bad_region(e: &BadRegionCode) -> Text {
    let v = &e.0;
    Text::new(
        e.to_string(),
        format!(
            "region code '{v}' is not valid: it must look like 12, 12.07, 12.07.19 (two digits per level) or 12.07.19.2001 (desa/kelurahan: four digits)"
        ),
    )
}

/// A word outside its vocabulary, in both languages.
pub(crate) fn bad_value(e: &BadValue) -> Text {
    Text::new(
        e.to_string(),
        format!(
            "value '{}' is not recognised; accepted: {}",
            e.value, e.accepted
        ),
    )
}

/// Parses strictly `YYYY-MM-DD` (four-digit year, two-digit month and day).
pub(crate) fn parse_iso_date(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
}

/// `17/05/1990` or `17-05-1990` -> `1990-05-17`, when it is a real date.
fn dmy_hint(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    parse_iso_date(&iso).map(|_| iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cells<T>(f: impl FnOnce(&mut Cells) -> T) -> (T, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut c = Cells::new(Path::new("x.csv"), 7, true, &mut problems);
        let t = f(&mut c);
        (t, problems)
    }

    #[test]
    fn dates_must_be_strict_iso_and_day_month_year_gets_a_hint() {
        assert!(parse_iso_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2024-2-3",
            "24-02-14",
            "2024/02/14",
            "2024-13-01",
        ] {
            assert!(parse_iso_date(bad).is_none(), "{bad}");
        }
        let (d, p) = with_cells(|c| c.date("tanggal_lahir", "17/05/1990"));
        assert!(d.is_none());
        assert_eq!((p[0].code, p[0].line), ("E0014", Some(7)));
        assert!(p[0].message.id.contains("1990-05-17"), "{:?}", p[0].message);
        assert!(
            p[0].message.en.contains("write 1990-05-17"),
            "{:?}",
            p[0].message
        );
    }

    #[test]
    fn nik_must_be_sixteen_digits_and_excel_scientific_form_is_explained() {
        let (v, p) = with_cells(|c| c.opt_id16("nik", "1207051705900001"));
        assert_eq!(v, Some(Some("1207051705900001".into())));
        assert!(p.is_empty());
        let (v, p) = with_cells(|c| c.opt_id16("nik", ""));
        assert_eq!(v, Some(None));
        assert!(p.is_empty());
        let (_, p) = with_cells(|c| c.opt_id16("nik", "1.20705E+15"));
        assert_eq!(p[0].code, "E0302");
        assert!(p[0].message.id.contains("Teks"), "{:?}", p[0].message);
        let (_, p) = with_cells(|c| c.opt_id16("nkk", "120705170590001"));
        assert!(p[0].message.id.contains("15 angka"), "{:?}", p[0].message);
    }

    #[test]
    fn numbers_accept_a_decimal_comma_only_where_the_file_uses_semicolons() {
        let (x, _) = with_cells(|c| c.number("menit", "2,5"));
        assert_eq!(x, Some(2.5));
        let mut problems = Vec::new();
        let mut c = Cells::new(Path::new("x.csv"), 2, false, &mut problems);
        assert_eq!(c.number("menit", "2,5"), None);
        assert_eq!(c.number("menit", "inf"), None);
        assert_eq!(c.count("bilik", "-1"), None);
        assert_eq!(problems.len(), 3);
    }

    #[test]
    fn every_bad_cell_is_reported_not_only_the_first() {
        let (_, p) = with_cells(|c| {
            let a = c.word::<crate::model::Sex>("jenis_kelamin", "X");
            let b = c.flag("ktp_el", "mungkin");
            let d = c.clock("jam_mulai", "7.30");
            (a, b, d)
        });
        let codes: Vec<_> = p.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["E0016", "E0016", "E0015"]);
    }
}
