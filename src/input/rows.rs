//! The four CSV inputs: private row structs (borrowed strings, deserialised by serde
//! by column name) and their conversion into the domain types of [`crate::model`].
//! A row becomes a domain value only when every one of its cells parses; checks that
//! need more than one row live in `cross.rs`.

use std::path::Path;

use csv::StringRecord;
use serde::Deserialize;

use super::cells::Cells;
use super::csvfile::CsvFile;
use crate::diagnostics::Problem;
use crate::lang::text;
use crate::model::{
    Citizenship, Disability, Education, Inmate, LegalStatus, MaritalStatus, Need, Nip, Node,
    NodeId, NodeKind, PathEdge, RegNo, Registration, Risk, Sex, Staff, StaffRole, ZoneId,
};

/// Column names of `layout/nodes.csv`.
pub const NODE_COLUMNS: &[&str] = &[
    "id",
    "jenis",
    "nama",
    "x",
    "y",
    "zona",
    "maks_tps",
    "bilik",
    "kapasitas_tunggu",
];
/// Column names of `layout/paths.csv`.
pub const PATH_COLUMNS: &[&str] = &["dari", "ke", "menit", "pemeriksaan"];
/// Column names of `inmates.csv`.
pub const INMATE_COLUMNS: &[&str] = &[
    "no_registrasi",
    "nama",
    "nik",
    "nkk",
    "jenis_kelamin",
    "tanggal_lahir",
    "status_kawin",
    "kewarganegaraan",
    "status",
    "blok",
    "kamar",
    "tingkat_risiko",
    "kode_wilayah_ktp",
    "hak_pilih_dicabut",
    "ktp_el",
    "pendaftaran",
    "tanggal_bebas",
    "kebutuhan",
];
/// Optional columns of `inmates.csv` (for KPU's lists).
pub const INMATE_OPTIONAL_COLUMNS: &[&str] = &["tempat_lahir", "disabilitas"];
/// Column names of `pemilih_lain.csv`: the identity columns of `inmates.csv` that
/// decide who may vote and on which list.
pub const OTHER_COLUMNS: &[&str] = &[
    "nama",
    "nik",
    "nkk",
    "jenis_kelamin",
    "tanggal_lahir",
    "status_kawin",
    "kewarganegaraan",
    "kode_wilayah_ktp",
    "ktp_el",
    "pendaftaran",
];
/// Optional columns of `pemilih_lain.csv`: `nip` for staff (their key in the lists),
/// and the optional columns of `inmates.csv`.
pub const OTHER_OPTIONAL_COLUMNS: &[&str] =
    &["nip", "hak_pilih_dicabut", "tempat_lahir", "disabilitas"];
/// Optional columns of `staff.csv`: the NIK for a KPPS appointment letter.
pub const STAFF_OPTIONAL_COLUMNS: &[&str] = &["nik"];
/// Column names of `staff.csv`.
pub const STAFF_COLUMNS: &[&str] = &[
    "nip",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "pendidikan",
    "peran",
    "jam_mulai",
    "jam_selesai",
    "pakta_integritas",
    "izin_atasan",
    "anggota_partai",
];

/// The rows of one file that parsed, and whether the file had no error at all.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    /// Domain values, in file order.
    pub items: Vec<T>,
    /// No error was reported for this file (so checks that rely on it are meaningful).
    pub clean: bool,
}

impl<T> Parsed<T> {
    fn failed() -> Self {
        Self {
            items: Vec::new(),
            clean: false,
        }
    }
}

#[derive(Deserialize)]
struct NodeRow<'a> {
    id: &'a str,
    jenis: &'a str,
    nama: &'a str,
    x: &'a str,
    y: &'a str,
    zona: &'a str,
    maks_tps: &'a str,
    bilik: &'a str,
    kapasitas_tunggu: &'a str,
}

#[derive(Deserialize)]
struct PathRow<'a> {
    dari: &'a str,
    ke: &'a str,
    menit: &'a str,
    pemeriksaan: &'a str,
}

#[derive(Deserialize)]
struct InmateRow<'a> {
    no_registrasi: &'a str,
    nama: &'a str,
    nik: &'a str,
    nkk: &'a str,
    jenis_kelamin: &'a str,
    tanggal_lahir: &'a str,
    status_kawin: &'a str,
    kewarganegaraan: &'a str,
    status: &'a str,
    blok: &'a str,
    kamar: &'a str,
    tingkat_risiko: &'a str,
    kode_wilayah_ktp: &'a str,
    hak_pilih_dicabut: &'a str,
    ktp_el: &'a str,
    pendaftaran: &'a str,
    tanggal_bebas: &'a str,
    kebutuhan: &'a str,
    #[serde(default)]
    tempat_lahir: Option<&'a str>,
    #[serde(default)]
    disabilitas: Option<&'a str>,
}

#[derive(Deserialize)]
struct OtherRow<'a> {
    nama: &'a str,
    nik: &'a str,
    nkk: &'a str,
    jenis_kelamin: &'a str,
    tanggal_lahir: &'a str,
    status_kawin: &'a str,
    kewarganegaraan: &'a str,
    kode_wilayah_ktp: &'a str,
    ktp_el: &'a str,
    pendaftaran: &'a str,
    #[serde(default)]
    nip: Option<&'a str>,
    #[serde(default)]
    hak_pilih_dicabut: Option<&'a str>,
    #[serde(default)]
    tempat_lahir: Option<&'a str>,
    #[serde(default)]
    disabilitas: Option<&'a str>,
}

#[derive(Deserialize)]
struct StaffRow<'a> {
    nip: &'a str,
    nama: &'a str,
    jenis_kelamin: &'a str,
    tanggal_lahir: &'a str,
    pendidikan: &'a str,
    peran: &'a str,
    jam_mulai: &'a str,
    jam_selesai: &'a str,
    pakta_integritas: &'a str,
    izin_atasan: &'a str,
    anggota_partai: &'a str,
    #[serde(default)]
    nik: Option<&'a str>,
}

/// Reads a CSV file of `columns` and converts every row with `build`.
pub(super) fn read<T>(
    path: &Path,
    (columns, optional): (&[&str], &[&str]),
    problems: &mut Vec<Problem>,
    build: impl Fn(&StringRecord, &StringRecord, &mut Cells) -> Option<T>,
) -> Parsed<T> {
    let errors_before = problems.iter().filter(|p| p.is_error()).count();
    let Some(file) = CsvFile::open(path, columns, optional, problems) else {
        return Parsed::failed();
    };
    let mut items = Vec::new();
    let decimal_comma = file.decimal_comma();
    let rows = file.for_each_row(problems, |line, rec, problems| {
        let mut cells = Cells::new(file.path(), line, decimal_comma, problems);
        let mut too_long = false;
        for (name, value) in file.header().iter().zip(rec.iter()) {
            let n = value.chars().count();
            if n > MAX_FIELD_CHARS {
                too_long = true;
                cells.error(
                    "E0020",
                    name,
                    text!(
                        "isian berisi {n} karakter; paling banyak {MAX_FIELD_CHARS}",
                        "value holds {n} characters; at most {MAX_FIELD_CHARS}"
                    ),
                );
            } else if let Some((at, c)) = value
                .chars()
                .enumerate()
                .find(|(_, c)| c.is_control() && *c != '\t')
            {
                // Never echoed raw: an ESC sequence would drive the terminal.
                too_long = true;
                cells.error(
                    "E0021",
                    name,
                    text!(
                        "isian memuat karakter kendali U+{:04X} pada karakter ke-{}; hapus karakter itu",
                        "value holds control character U+{:04X} at character {}; remove that character",
                        c as u32,
                        at + 1
                    ),
                );
            }
        }
        if too_long {
            return;
        }
        if let Some(t) = build(rec, file.header(), &mut cells) {
            items.push(t);
        }
    });
    if rows == 0 {
        problems.push(
            Problem::error(
                "E0012",
                path,
                text!(
                    "berkas hanya berisi judul kolom, tanpa data",
                    "file holds only the header, no data"
                ),
            )
            .at_line(1),
        );
    }
    let clean = problems.iter().filter(|p| p.is_error()).count() == errors_before;
    Parsed { items, clean }
}

/// Deserialises one record by column name into a borrowed row struct.
pub(super) fn row<'r, R: Deserialize<'r>>(
    rec: &'r StringRecord,
    header: &'r StringRecord,
    c: &mut Cells,
) -> Option<R> {
    match rec.deserialize::<R>(Some(header)) {
        Ok(r) => Some(r),
        Err(e) => {
            c.push(Problem::error(
                "E0008",
                c.file(),
                text!("baris tidak terbaca: {e}", "row cannot be read: {e}"),
            ));
            None
        }
    }
}

/// Characters one CSV field holds at most: names and ids are short; a longer field is
/// a broken export (and would not fit a spreadsheet cell of the KPU workbook).
const MAX_FIELD_CHARS: usize = 1000;

/// Plausibility limits of the layout (not election rules: a number beyond them is a
/// typing or unit error). Coordinates are drawn on the map: within a million units.
const COORD_LIMIT: f64 = 1e6;
/// TPS one site may hold at most.
const MAX_TPS_PER_SITE: u32 = 100;
/// Booths one TPS at a site may have at most.
const MAX_BOOTHS: u32 = 50;
/// People one site's waiting room may hold at most.
const MAX_WAITING: u32 = 100_000;
/// Minutes one corridor takes to walk at most (four hours; minutes, not seconds).
const MAX_PATH_MINUTES: f64 = 240.0;

/// Reads `layout/nodes.csv`.
pub(crate) fn read_nodes(path: &Path, problems: &mut Vec<Problem>) -> Parsed<Node> {
    read(path, (NODE_COLUMNS, &[]), problems, |rec, header, c| {
        let r: NodeRow = row(rec, header, c)?;
        let id = c.text("id", r.id);
        let kind = c.word::<NodeKind>("jenis", r.jenis);
        let x = c.number_within("x", r.x, -COORD_LIMIT, COORD_LIMIT);
        let y = c.number_within("y", r.y, -COORD_LIMIT, COORD_LIMIT);
        let zone = c.text("zona", r.zona);
        let max_tps = c.count_within("maks_tps", r.maks_tps, MAX_TPS_PER_SITE);
        let booths = c.count_within("bilik", r.bilik, MAX_BOOTHS);
        let waiting = c.count_within("kapasitas_tunggu", r.kapasitas_tunggu, MAX_WAITING);
        Some(Node {
            id: NodeId::from(id?),
            kind: kind?,
            name: r.nama.to_string(),
            x: x?,
            y: y?,
            zone: ZoneId::from(zone?),
            max_tps: max_tps?,
            booths: booths?,
            waiting_capacity: waiting?,
            line: c.line(),
        })
    })
}

/// Reads `layout/paths.csv`.
pub(crate) fn read_paths(path: &Path, problems: &mut Vec<Problem>) -> Parsed<PathEdge> {
    read(path, (PATH_COLUMNS, &[]), problems, |rec, header, c| {
        let r: PathRow = row(rec, header, c)?;
        let from = c.text("dari", r.dari);
        let to = c.text("ke", r.ke);
        let minutes = c.number("menit", r.menit);
        if let Some(m) = minutes.filter(|m| *m <= 0.0) {
            c.error(
                "E0203",
                "menit",
                text!(
                    "menit jalan {m} tidak positif; setiap jalur butuh waktu tempuh",
                    "walking minutes {m} are not positive; every path takes time to walk"
                ),
            );
        }
        if let Some(m) = minutes.filter(|m| *m > MAX_PATH_MINUTES) {
            c.error(
                "E0208",
                "menit",
                text!(
                    "menit jalan {m} untuk satu jalur lebih dari {MAX_PATH_MINUTES} menit (empat jam)",
                    "walking minutes {m} for one path are over {MAX_PATH_MINUTES} minutes (four hours)"
                ),
            );
        }
        let search = c.flag("pemeriksaan", r.pemeriksaan);
        Some(PathEdge {
            from: NodeId::from(from?),
            to: NodeId::from(to?),
            minutes: minutes.filter(|m| *m > 0.0 && *m <= MAX_PATH_MINUTES)?,
            search_point: search?,
            line: c.line(),
        })
    })
}

/// The identity cells `inmates.csv` and `pemilih_lain.csv` share, parsed.
struct Identity {
    name: String,
    nik: Option<String>,
    nkk: Option<String>,
    sex: Sex,
    birth_date: chrono::NaiveDate,
    marital: MaritalStatus,
    citizenship: Citizenship,
}

/// Parses `nama, nik, nkk, jenis_kelamin, tanggal_lahir, status_kawin,
/// kewarganegaraan` (in that order, each reporting its own problem).
fn identity(
    c: &mut Cells,
    [name, nik, nkk, sex, birth, marital, citizenship]: [&str; 7],
) -> Option<Identity> {
    let name = c.text("nama", name);
    let nik = c.opt_id16("nik", nik);
    let nkk = c.opt_id16("nkk", nkk);
    let sex = c.word::<Sex>("jenis_kelamin", sex);
    let birth = c.date("tanggal_lahir", birth);
    let marital = c.word::<MaritalStatus>("status_kawin", marital);
    let citizenship = c.word::<Citizenship>("kewarganegaraan", citizenship);
    Some(Identity {
        name: name?.to_string(),
        nik: nik?,
        nkk: nkk?,
        sex: sex?,
        birth_date: birth?,
        marital: marital?,
        citizenship: citizenship?,
    })
}

/// Reads `inmates.csv`.
pub(crate) fn read_inmates(path: &Path, problems: &mut Vec<Problem>) -> Parsed<Inmate> {
    read(
        path,
        (INMATE_COLUMNS, INMATE_OPTIONAL_COLUMNS),
        problems,
        |rec, header, c| {
            let r: InmateRow = row(rec, header, c)?;
            let reg_no = c.text("no_registrasi", r.no_registrasi);
            let id = identity(
                c,
                [
                    r.nama,
                    r.nik,
                    r.nkk,
                    r.jenis_kelamin,
                    r.tanggal_lahir,
                    r.status_kawin,
                    r.kewarganegaraan,
                ],
            );
            let status = c.word::<LegalStatus>("status", r.status);
            let block = c.text("blok", r.blok);
            let risk = c.word::<Risk>("tingkat_risiko", r.tingkat_risiko);
            let region = c.opt_region("kode_wilayah_ktp", r.kode_wilayah_ktp);
            let revoked = c.flag("hak_pilih_dicabut", r.hak_pilih_dicabut);
            let ktp_el = c.flag("ktp_el", r.ktp_el);
            let registration = c.word::<Registration>("pendaftaran", r.pendaftaran);
            let release = c.opt_date("tanggal_bebas", r.tanggal_bebas);
            let need = c.opt_word::<Need>("kebutuhan", r.kebutuhan);
            let disability = c.opt_word::<Disability>("disabilitas", r.disabilitas.unwrap_or(""));
            let birth_place = r.tempat_lahir.map(str::trim).filter(|t| !t.is_empty());
            let id = id?;
            Some(Inmate {
                reg_no: RegNo::from(reg_no?),
                name: id.name,
                nik: id.nik,
                nkk: id.nkk,
                sex: id.sex,
                birth_date: id.birth_date,
                marital: id.marital,
                citizenship: id.citizenship,
                legal_status: status?,
                block: NodeId::from(block?),
                cell: r.kamar.to_string(),
                risk: risk?,
                ktp_region: region?,
                right_revoked: revoked?,
                ktp_el: ktp_el?,
                registration: registration?,
                release_date: release?,
                need: need?,
                birth_place: birth_place.map(String::from),
                disability: disability?,
                other: false,
                line: c.line(),
            })
        },
    )
}

/// Reads `pemilih_lain.csv`: each row becomes an [`Inmate`] with `other` set, its key
/// the `nip` (or `LAIN-<baris>` when empty), at the place [`NodeId::other_voters`],
/// never high risk, released or in need of a visit.
pub(crate) fn read_others(path: &Path, problems: &mut Vec<Problem>) -> Parsed<Inmate> {
    read(
        path,
        (OTHER_COLUMNS, OTHER_OPTIONAL_COLUMNS),
        problems,
        |rec, header, c| {
            let r: OtherRow = row(rec, header, c)?;
            let id = identity(
                c,
                [
                    r.nama,
                    r.nik,
                    r.nkk,
                    r.jenis_kelamin,
                    r.tanggal_lahir,
                    r.status_kawin,
                    r.kewarganegaraan,
                ],
            );
            let region = c.opt_region("kode_wilayah_ktp", r.kode_wilayah_ktp);
            let revoked = match r.hak_pilih_dicabut.map(str::trim).filter(|t| !t.is_empty()) {
                Some(v) => c.flag("hak_pilih_dicabut", v),
                None => Some(false),
            };
            let ktp_el = c.flag("ktp_el", r.ktp_el);
            let registration = c.word::<Registration>("pendaftaran", r.pendaftaran);
            let disability = c.opt_word::<Disability>("disabilitas", r.disabilitas.unwrap_or(""));
            let birth_place = r.tempat_lahir.map(str::trim).filter(|t| !t.is_empty());
            let key = match r.nip.map(str::trim).filter(|t| !t.is_empty()) {
                Some(nip) => nip.to_string(),
                None => format!("LAIN-{}", c.line()),
            };
            let id = id?;
            Some(Inmate {
                reg_no: RegNo(key),
                name: id.name,
                nik: id.nik,
                nkk: id.nkk,
                sex: id.sex,
                birth_date: id.birth_date,
                marital: id.marital,
                citizenship: id.citizenship,
                legal_status: LegalStatus::Narapidana,
                block: NodeId::other_voters(),
                cell: String::new(),
                risk: Risk::Minimum,
                ktp_region: region?,
                right_revoked: revoked?,
                ktp_el: ktp_el?,
                registration: registration?,
                release_date: None,
                need: None,
                birth_place: birth_place.map(String::from),
                disability: disability?,
                other: true,
                line: c.line(),
            })
        },
    )
}

/// Reads `staff.csv`.
pub(crate) fn read_staff(path: &Path, problems: &mut Vec<Problem>) -> Parsed<Staff> {
    read(
        path,
        (STAFF_COLUMNS, STAFF_OPTIONAL_COLUMNS),
        problems,
        |rec, header, c| {
            let r: StaffRow = row(rec, header, c)?;
            let nip = c.text("nip", r.nip);
            let name = c.text("nama", r.nama);
            let sex = c.word::<Sex>("jenis_kelamin", r.jenis_kelamin);
            let birth = c.date("tanggal_lahir", r.tanggal_lahir);
            let education = c.word::<Education>("pendidikan", r.pendidikan);
            let roles = roles(c, r.peran);
            let from = c.clock("jam_mulai", r.jam_mulai);
            let until = c.clock("jam_selesai", r.jam_selesai);
            if let (Some(f), Some(u)) = (from, until)
                && f >= u
            {
                c.error(
                    "E0402",
                    "jam_selesai",
                    text!(
                        "jam dinas {f}-{u}: jam_mulai harus sebelum jam_selesai",
                        "duty hours {f}-{u}: jam_mulai must come before jam_selesai"
                    ),
                );
            }
            let pledge = c.flag("pakta_integritas", r.pakta_integritas);
            let permission = c.flag("izin_atasan", r.izin_atasan);
            let party = c.flag("anggota_partai", r.anggota_partai);
            let nik = c.opt_id16("nik", r.nik.unwrap_or(""));
            Some(Staff {
                nip: Nip::from(nip?),
                name: name?.to_string(),
                sex: sex?,
                birth_date: birth?,
                education: education?,
                roles: roles?,
                on_duty_from: from.filter(|f| until.is_some_and(|u| *f < u))?,
                on_duty_until: until?,
                pledge_signed: pledge?,
                superior_permission: permission?,
                party_member: party?,
                nik: nik?,
                line: c.line(),
            })
        },
    )
}

/// `peran`: a list of roles separated by `;` (a `,` inside a quoted cell is accepted
/// too), sorted without duplicates. Empty is allowed (with a warning in `cross.rs`).
fn roles(c: &mut Cells, v: &str) -> Option<Vec<StaffRole>> {
    let mut out = Vec::new();
    let mut ok = true;
    for part in v.split([';', ',']).map(str::trim).filter(|p| !p.is_empty()) {
        match c.word::<StaffRole>("peran", part) {
            Some(r) => out.push(r),
            None => ok = false,
        }
    }
    out.sort();
    out.dedup();
    ok.then_some(out)
}
