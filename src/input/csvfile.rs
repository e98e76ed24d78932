//! One CSV input file, read the way spreadsheets write them: bytes -> UTF-8 text (a BOM
//! is dropped, bytes that are not UTF-8 are named by line) -> the separator detected
//! from the header (`,`, or `;` as Excel writes in an Indonesian locale) -> the header
//! checked against the expected columns (order free, unknown or missing columns are
//! errors) -> records with their line numbers (header = line 1). Field parsing lives
//! in `cells.rs`, the row structs in `rows.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::diagnostics::Problem;
use crate::lang::{Text, text};

/// At most this many lines with bad bytes are named one by one; the rest are counted.
const MAX_BAD_LINES: usize = 20;

/// A CSV file whose header has every expected column.
pub(crate) struct CsvFile {
    path: PathBuf,
    text: String,
    sep: u8,
    header: StringRecord,
}

/// Reads a whole input file as bytes; `None` (with a problem) when it cannot be read.
pub(crate) fn read_bytes(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(Problem::error(
                "E0001",
                path,
                text!(
                    "berkas tidak ada (wajib untuk setiap UPT)",
                    "file is missing (required for every facility)"
                ),
            ));
            None
        }
        Err(e) => {
            problems.push(Problem::error(
                "E0008",
                path,
                text!("berkas tidak dapat dibaca: {e}", "file cannot be read: {e}"),
            ));
            None
        }
    }
}

/// Bytes -> text: drops a UTF-8 BOM; reports every line holding bytes that are not
/// UTF-8 (E0003) and replaces those bytes so the rest of the file can still be checked.
pub(crate) fn decode(path: &Path, mut bytes: Vec<u8>, problems: &mut Vec<Problem>) -> String {
    if let Some(text) = utf16(&bytes) {
        problems.push(
            Problem::error(
                "E0003",
                path,
                text!(
                    "berkas tersimpan sebagai UTF-16 (Excel: 'Unicode Text'), bukan UTF-8",
                    "file is saved as UTF-16 (Excel: 'Unicode Text'), not UTF-8"
                ),
            )
            .at_line(1),
        );
        return text;
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            report_bad_bytes(path, &bytes, problems);
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

/// The text of a file that starts with a UTF-16 byte order mark.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units: Vec<u16> = rest
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

fn report_bad_bytes(path: &Path, bytes: &[u8], problems: &mut Vec<Problem>) {
    let mut bad: Vec<(u64, u8)> = Vec::new();
    let (mut pos, mut line, mut counted) = (0usize, 1u64, 0usize);
    while pos < bytes.len() {
        let Err(e) = std::str::from_utf8(&bytes[pos..]) else {
            break;
        };
        let at = pos + e.valid_up_to();
        line += memchr_count(b'\n', &bytes[counted..at]);
        counted = at;
        if bad.last().is_none_or(|(l, _)| *l != line) {
            bad.push((line, bytes[at]));
        }
        pos = at + e.error_len().unwrap_or(bytes.len() - at).max(1);
    }
    for (line, byte) in bad.iter().take(MAX_BAD_LINES) {
        problems.push(
            Problem::error(
                "E0003",
                path,
                text!(
                    "baris ini memuat byte 0x{byte:02X} yang bukan UTF-8 (berkas kemungkinan disimpan sebagai ANSI/Windows-1252)",
                    "this line holds byte 0x{byte:02X}, which is not UTF-8 (the file was probably saved as ANSI/Windows-1252)"
                ),
            )
            .at_line(*line),
        );
    }
    if bad.len() > MAX_BAD_LINES {
        problems.push(Problem::error(
            "E0003",
            path,
            text!(
                "{} baris lain juga memuat byte yang bukan UTF-8",
                "{} more lines also hold bytes that are not UTF-8",
                bad.len() - MAX_BAD_LINES
            ),
        ));
    }
}

fn memchr_count(needle: u8, hay: &[u8]) -> u64 {
    hay.iter().filter(|&&b| b == needle).count() as u64
}

/// The longest header line (and column name) read, in bytes.
const MAX_HEADER_BYTES: usize = 4096;

/// `s` as a message quotes it: at most `n` characters, the rest counted.
pub(crate) fn clip(s: &str, n: usize) -> Text {
    let total = s.chars().count();
    if total <= n {
        s.into()
    } else {
        let head: String = s.chars().take(n).collect();
        text!(
            "{head}... ({total} karakter)",
            "{head}... ({total} characters)"
        )
    }
}

impl CsvFile {
    /// Opens `path` expecting exactly `columns` (in any order), and any of `optional`.
    /// Every problem of the file itself (missing, empty, encoding, header) is pushed;
    /// `None` when the rows cannot be read as the expected columns.
    pub(crate) fn open(
        path: &Path,
        columns: &[&str],
        optional: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Option<CsvFile> {
        let bytes = read_bytes(path, problems)?;
        let text = decode(path, bytes, problems);
        if text.trim().is_empty() {
            problems.push(Problem::error(
                "E0002",
                path,
                text!(
                    "berkas kosong; baris pertama harus judul kolom: {}",
                    "file is empty; the first line must be the header: {}",
                    columns.join(",")
                ),
            ));
            return None;
        }
        let first_line = text.lines().next().unwrap_or("");
        // A header is a few hundred bytes; a huge one (an open quote, a broken export)
        // is refused before the CSV reader swallows the file into one field.
        if first_line.len() > MAX_HEADER_BYTES {
            let n = first_line.len();
            let Text { id, en } = clip(first_line, 60);
            problems.push(
                Problem::error(
                    "E0022",
                    path,
                    text!(
                        "baris judul berisi {n} byte; paling banyak {MAX_HEADER_BYTES} (judul: {id})",
                        "header line holds {n} bytes; at most {MAX_HEADER_BYTES} (header: {en})"
                    ),
                )
                .at_line(1),
            );
            return None;
        }
        let commas = first_line.matches(',').count();
        let semis = first_line.matches(';').count();
        let sep = if semis > commas { b';' } else { b',' };
        if sep == b';' {
            problems.push(
                Problem::warning(
                    "W0001",
                    path,
                    text!(
                        "berkas memakai ';' sebagai pemisah kolom (ekspor Excel berlokal Indonesia); dibaca dengan ';' dan koma desimal diterima",
                        "file uses ';' as column separator (an Excel export in an Indonesian locale); read with ';', and decimal commas are accepted"
                    ),
                )
                .at_line(1),
            );
        }
        let header = match reader(sep, text.as_bytes()).headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                problems.push(
                    Problem::error(
                        "E0008",
                        path,
                        text!(
                            "judul kolom tidak terbaca: {e}",
                            "header cannot be read: {e}"
                        ),
                    )
                    .at_line(1),
                );
                return None;
            }
        };
        // An open quote reaching past the first line makes one huge column name.
        if let Some(long) = header.iter().find(|h| h.len() > MAX_HEADER_BYTES) {
            let n = long.len();
            let Text { id, en } = clip(long, 60);
            problems.push(
                Problem::error(
                    "E0022",
                    path,
                    text!(
                        "judul kolom berisi {n} byte (tanda kutip tidak ditutup?); paling banyak {MAX_HEADER_BYTES} (judul: {id})",
                        "column name holds {n} bytes (an unclosed quote?); at most {MAX_HEADER_BYTES} (header: {en})"
                    ),
                )
                .at_line(1),
            );
            return None;
        }
        let file = CsvFile {
            path: path.to_path_buf(),
            text,
            sep,
            header,
        };
        file.header_fits(columns, optional, problems)
            .then_some(file)
    }

    /// Checks the header: duplicates, unknown and missing columns. `false` when the
    /// rows cannot be read (a column is missing or doubled).
    fn header_fits(
        &self,
        columns: &[&str],
        optional: &[&str],
        problems: &mut Vec<Problem>,
    ) -> bool {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut fits = true;
        for name in self.header.iter() {
            *seen.entry(name).or_default() += 1;
        }
        for (name, n) in &seen {
            if *n > 1 {
                fits = false;
                problems.push(
                    Problem::error(
                        "E0019",
                        &self.path,
                        text!(
                            "kolom '{name}' muncul {n} kali pada judul",
                            "column '{name}' appears {n} times in the header"
                        ),
                    )
                    .at_line(1)
                    .field(*name),
                );
            }
            if !columns.contains(name) && !optional.contains(name) {
                let shown = clip(name, 60);
                let (id, en) = (&shown.id, &shown.en);
                let mut p = Problem::error(
                    "E0006",
                    &self.path,
                    text!(
                        "kolom '{id}' tidak dikenal",
                        "column '{en}' is not recognised"
                    ),
                )
                .at_line(1)
                .field(shown.clone());
                let all: Vec<&str> = columns.iter().chain(optional).copied().collect();
                if let Some(close) = closest(name, &all) {
                    p = p.fix(text!(
                        "mungkin maksudnya '{close}'; perbaiki ejaannya atau hapus kolom ini",
                        "perhaps '{close}' was meant; correct the spelling or remove this column"
                    ));
                }
                problems.push(p);
            }
        }
        for col in columns {
            if !seen.contains_key(col) {
                fits = false;
                problems.push(
                    Problem::error(
                        "E0005",
                        &self.path,
                        text!(
                            "kolom '{col}' tidak ada; kolom yang wajib: {}",
                            "column '{col}' is missing; the required columns: {}",
                            columns.join(",")
                        ),
                    )
                    .at_line(1)
                    .field(*col),
                );
            }
        }
        fits
    }

    /// The file's path, for problems.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The header record (trimmed column names), for deserialising rows by name.
    pub(crate) fn header(&self) -> &StringRecord {
        &self.header
    }

    /// Whether numbers may use a decimal comma (`;`-separated files).
    pub(crate) fn decimal_comma(&self) -> bool {
        self.sep == b';'
    }

    /// Calls `f(line, record, problems)` for every data row that has as many fields as
    /// the header. Rows of another length are reported (E0007, or E0004 when the row
    /// uses the other separator); wholly empty rows (as Excel leaves below a table) are
    /// skipped. Returns how many data rows there were, empty ones not counted.
    pub(crate) fn for_each_row(
        &self,
        problems: &mut Vec<Problem>,
        mut f: impl FnMut(u64, &StringRecord, &mut Vec<Problem>),
    ) -> usize {
        let mut rdr = reader(self.sep, self.text.as_bytes());
        let mut rec = StringRecord::new();
        let mut rows = 0;
        let bytes = self.text.as_bytes();
        let (mut seen_byte, mut seen_line) = (0usize, 1u64);
        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    problems.push(
                        Problem::error(
                            "E0008",
                            &self.path,
                            text!("baris tidak terbaca: {e}", "row cannot be read: {e}"),
                        )
                        .at_line(line),
                    );
                    continue;
                }
            }
            if rec.iter().all(str::is_empty) {
                continue;
            }
            rows += 1;
            // The reader's own line count skips blank lines: count from the byte offset.
            // Its byte offset may point at blank lines it skipped before the record.
            let mut byte = rec
                .position()
                .map_or(0, |p| p.byte() as usize)
                .min(bytes.len());
            while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
                byte += 1;
            }
            if byte >= seen_byte {
                seen_line += memchr_count(b'\n', &bytes[seen_byte..byte]);
                seen_byte = byte;
            }
            let line = seen_line;
            if rec.len() != self.header.len() {
                problems.push(self.wrong_width(line, byte, rec.len()));
                continue;
            }
            f(line, &rec, problems);
        }
        rows
    }

    fn wrong_width(&self, line: u64, byte: usize, got: usize) -> Problem {
        let want = self.header.len();
        let raw = self.text[byte.min(self.text.len())..]
            .lines()
            .next()
            .unwrap_or("");
        let other = if self.sep == b';' { ',' } else { ';' };
        let other_width = raw.split(other).count();
        if other_width == want || (got == 1 && raw.contains(other)) {
            Problem::error(
                "E0004",
                &self.path,
                text!(
                    "baris ini memakai '{other}' sebagai pemisah, sedangkan judul kolom memakai '{}'",
                    "this row uses '{other}' as separator, while the header uses '{}'",
                    self.sep as char
                ),
            )
            .at_line(line)
        } else {
            Problem::error(
                "E0007",
                &self.path,
                text!(
                    "baris ini berisi {got} isian, judul kolom {want}",
                    "this row has {got} fields, the header {want}"
                ),
            )
            .at_line(line)
        }
    }
}

fn reader(sep: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes)
}

/// The expected column closest to an unknown name, when it is plausibly a misspelling.
fn closest<'a>(name: &str, columns: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase().replace([' ', '-'], "_");
    columns
        .iter()
        .map(|c| (edit_distance(&lower, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_text(text: &[u8], cols: &[&str]) -> (Option<CsvFile>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, text).unwrap();
        let mut problems = Vec::new();
        let f = CsvFile::open(&path, cols, &[], &mut problems);
        (f, problems)
    }

    fn rows(f: &CsvFile, problems: &mut Vec<Problem>) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        f.for_each_row(problems, |line, rec, _| {
            out.push((line, rec.iter().map(String::from).collect()))
        });
        out
    }

    #[test]
    fn reads_a_bom_prefixed_file_with_line_numbers_from_the_header() {
        let (f, mut p) = open_text(b"\xEF\xBB\xBFa,b\n1,2\n\n3,4\n", &["a", "b"]);
        let f = f.unwrap();
        let r = rows(&f, &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r[0], (2, vec!["1".into(), "2".into()]));
        assert_eq!(r[1].0, 4);
    }

    #[test]
    fn semicolon_files_are_read_with_a_warning_and_mixed_rows_are_named() {
        let (f, mut p) = open_text(b"a;b\n1;2\n3,4\n", &["a", "b"]);
        let f = f.unwrap();
        let r = rows(&f, &mut p);
        assert_eq!(r.len(), 1);
        assert_eq!(p[0].code, "W0001");
        assert_eq!((p[1].code, p[1].line), ("E0004", Some(3)));
    }

    #[test]
    fn names_each_line_holding_bytes_that_are_not_utf8() {
        let (f, p) = open_text(b"a,b\nJos\xE9,1\nok,2\nx\xFF\xFE,3\n", &["a", "b"]);
        assert!(f.is_some());
        let lines: Vec<_> = p
            .iter()
            .filter(|p| p.code == "E0003")
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, [Some(2), Some(4)]);
    }

    #[test]
    fn a_utf16_export_is_named_as_such_and_still_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a,b\n1,2\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (f, mut p) = open_text(&bytes, &["a", "b"]);
        assert_eq!((p[0].code, p[0].line), ("E0003", Some(1)));
        assert!(p[0].message.id.contains("UTF-16") && p[0].message.en.contains("UTF-16"));
        let r = rows(&f.unwrap(), &mut p);
        assert_eq!(r[0].1, ["1", "2"]);
    }

    #[test]
    fn header_problems_name_unknown_missing_and_doubled_columns() {
        let (f, p) = open_text(b"a,nkk_x,a\n", &["a", "b", "nkk"]);
        assert!(f.is_none());
        let codes: Vec<_> = p
            .iter()
            .map(|p| (p.code, p.field.clone().unwrap().id))
            .collect();
        assert!(codes.contains(&("E0019", "a".into())), "{codes:?}");
        assert!(codes.contains(&("E0006", "nkk_x".into())), "{codes:?}");
        assert!(codes.contains(&("E0005", "b".into())), "{codes:?}");
        let unknown = p.iter().find(|p| p.code == "E0006").unwrap();
        assert!(unknown.fix.id.contains("'nkk'"), "{:?}", unknown.fix);
        assert!(
            unknown.fix.en.contains("perhaps 'nkk'"),
            "{:?}",
            unknown.fix
        );
    }

    #[test]
    fn empty_files_and_rows_of_the_wrong_width_are_reported() {
        let (f, p) = open_text(b"  \n", &["a"]);
        assert!(f.is_none());
        assert_eq!(p[0].code, "E0002");
        let (f, mut p) = open_text(b"a,b\n1,2,3\n", &["a", "b"]);
        let r = rows(&f.unwrap(), &mut p);
        assert!(r.is_empty());
        assert_eq!((p[0].code, p[0].line), ("E0007", Some(2)));
    }
}
