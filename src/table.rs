//! Tables as they leave the UPT: one [`Table`] becomes a CSV file and a sheet of
//! `kpu/rekap.xlsx`, so both always hold the same rows. Text cells are neutralised
//! against formula injection in both; numbers stay numbers.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text; neutralised when written.
    Text(String),
    /// A whole number (counts, TPS numbers).
    Int(i64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

macro_rules! int_cell {
    ($($t:ty),+) => {$(
        impl From<$t> for Cell {
            fn from(n: $t) -> Self {
                Cell::Int(n as i64)
            }
        }
    )+};
}
int_cell!(u32, u64, usize, i32, i64);

/// A named table with fixed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name in the workbook (at most 31 characters).
    pub sheet: String,
    /// Column names, in order.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

/// Makes a text cell safe for spreadsheets: a value starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading apostrophe so that no spreadsheet runs it
/// as a formula (OWASP CSV injection advice). Anything else is returned unchanged.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

impl Table {
    /// A table with no rows yet.
    pub fn new(sheet: &str, columns: &[&'static str]) -> Self {
        Self {
            sheet: sheet.to_string(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; its length must match the columns (a programming error otherwise).
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width of {}", self.sheet);
        self.rows.push(row);
    }

    /// Writes the table as CSV: UTF-8 with a byte-order mark (so Excel shows names
    /// such as "André" correctly), comma separated, CRLF line ends, header row first.
    pub fn write_csv<W: Write>(&self, mut out: W) -> csv::Result<()> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(&self.columns)?;
        let mut record: Vec<String> = Vec::with_capacity(self.columns.len());
        for row in &self.rows {
            record.clear();
            record.extend(row.iter().map(|c| match c {
                Cell::Text(s) => neutralise(s).into_owned(),
                Cell::Int(n) => n.to_string(),
            }));
            w.write_record(&record)?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes the table to a CSV file.
    pub fn write_csv_file(&self, path: &Path) -> crate::error::Result<()> {
        let file = std::fs::File::create(path).map_err(|e| crate::error::Error::io(path, e))?;
        self.write_csv(std::io::BufWriter::new(file))
            .map_err(|e| crate::error::Error::io(path, std::io::Error::other(e)))
    }
}

/// Writes tables as sheets of one workbook: bold frozen header row, columns sized to
/// their content, numbers as numbers, text neutralised as in the CSV files. The
/// document's creation date is `created` (the roster's date), not the clock, so the
/// same plan gives the same bytes.
pub fn write_xlsx(
    path: &Path,
    tables: &[Table],
    created: chrono::NaiveDate,
) -> Result<(), XlsxError> {
    use chrono::Datelike;
    let mut book = Workbook::new();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(
        created.year() as u16,
        created.month() as u8,
        created.day() as u8,
    )?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    let header = Format::new().set_bold().set_background_color("#D9E2F3");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.sheet)?;
        let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
        for (c, name) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(s) => {
                        let s = neutralise(s);
                        widths[c] = widths[c].max(s.chars().count());
                        sheet.write_string(r, col, s.as_ref())?;
                    }
                    Cell::Int(n) => {
                        widths[c] = widths[c].max(n.to_string().len());
                        sheet.write_number(r, col, *n as f64)?;
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_plain_text_is_not() {
        for (input, out) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+62811", "'+62811"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Ma'ruf", "Ma'ruf"),
            ("André, S.H.", "André, S.H."),
            ("", ""),
        ] {
            assert_eq!(neutralise(input), out, "{input:?}");
        }
    }

    #[test]
    fn csv_round_trips_names_with_commas_quotes_and_accents() {
        let mut t = Table::new("pemilih", &["nama", "jumlah"]);
        let names = [
            "Siregar, Budi",
            "Ma'ruf \"Acong\"",
            "André Ginting",
            "Ñoño Sembiring",
        ];
        for (i, n) in names.iter().enumerate() {
            t.push(vec![Cell::from(*n), Cell::from(i)]);
        }
        let mut buf = Vec::new();
        t.write_csv(&mut buf).unwrap();
        let mut r = csv::Reader::from_reader(buf.as_slice());
        let back: Vec<String> = r.records().map(|rec| rec.unwrap()[0].to_string()).collect();
        assert_eq!(back, names);
    }

    #[test]
    fn xlsx_holds_the_same_rows_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rekap.xlsx");
        let mut t = Table::new("tps", &["nomor_tps", "lokasi"]);
        t.push(vec![Cell::from(901u32), Cell::from("=cmd")]);
        t.push(vec![Cell::from(902u32), Cell::from("Aula Ma'ruf")]);
        write_xlsx(
            &path,
            std::slice::from_ref(&t),
            chrono::NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
        )
        .unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let range = book.worksheet_range("tps").unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(
            rows[0],
            vec![
                Data::String("nomor_tps".into()),
                Data::String("lokasi".into())
            ]
        );
        assert_eq!(
            rows[1],
            vec![Data::Float(901.0), Data::String("'=cmd".into())]
        );
        assert_eq!(rows[2][1], Data::String("Aula Ma'ruf".into()));
    }
}
