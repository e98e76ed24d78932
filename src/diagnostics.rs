//! Problems found in the inputs: each with its file, line, field, a stable code,
//! what is wrong and how to fix it. Readers collect every problem instead of
//! stopping at the first; `tpsplan check` prints them all. The codes are listed
//! in [`CODES`] and in the README (a test keeps the two in step).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::lang::{Lang, Text};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the facility can still be planned.
    Warning,
    /// The facility cannot be planned until it is fixed (exit code 2).
    Error,
}

/// One problem with its place. Its words are in both languages ([`Text`]); printed
/// with [`Problem::render`] in the user's language (`Display` is Indonesian).
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
    /// The column or key, when there is one (as written in the file, so usually the
    /// same in both languages).
    pub field: Option<Text>,
    /// What is wrong, in the user's terms.
    pub message: Text,
    /// What to do about it.
    pub fix: Text,
}

impl Problem {
    /// An error of `code` in `file`; the place and fix are added with the builder methods.
    pub fn error(code: &'static str, file: &Path, message: Text) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    /// A warning of `code` in `file`.
    pub fn warning(code: &'static str, file: &Path, message: Text) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    fn new(severity: Severity, code: &'static str, file: &Path, message: Text) -> Self {
        debug_assert!(
            CODES.iter().any(|c| c.code == code),
            "code {code} is not listed in diagnostics::CODES"
        );
        let fix = CODES
            .iter()
            .find(|c| c.code == code)
            .map(CodeInfo::fix_text)
            .unwrap_or_default();
        Self {
            severity,
            code,
            file: file.to_path_buf(),
            line: None,
            field: None,
            message,
            fix,
        }
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the field (column or key).
    pub fn field(mut self, field: impl Into<Text>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Replaces the generic fix of the code with a specific one.
    pub fn fix(mut self, fix: Text) -> Self {
        self.fix = fix;
        self
    }

    /// Whether this problem blocks planning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem as printed, in `lang`: `file:line: error CODE [field]: message`,
    /// then the fix on an indented line.
    pub fn render(&self, lang: Lang) -> String {
        let (error, warning, fix) = match lang {
            Lang::Id => ("galat", "peringatan", "perbaikan"),
            Lang::En => ("error", "warning", "fix"),
        };
        let kind = match self.severity {
            Severity::Error => error,
            Severity::Warning => warning,
        };
        let mut s = self.file.display().to_string();
        if let Some(line) = self.line {
            s += &format!(":{line}");
        }
        s += &format!(": {kind} {}", self.code);
        if let Some(field) = &self.field {
            s += &format!(" [{}]", field.get(lang));
        }
        s += &format!(": {}", self.message.get(lang));
        let fix_text = self.fix.get(lang);
        if !fix_text.is_empty() {
            s += &format!("\n    {fix}: {fix_text}");
        }
        s
    }
}

/// Indonesian, as `check` prints by default; see [`Problem::render`].
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

/// A documented problem code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable code.
    pub code: &'static str,
    /// What it means (English, for the README).
    pub meaning: &'static str,
    /// The generic fix (Indonesian, shown to the user by default).
    pub fix: &'static str,
    /// The generic fix in English (shown under `--lang en`).
    pub fix_en: &'static str,
}

impl CodeInfo {
    /// The generic fix in both languages.
    pub fn fix_text(&self) -> Text {
        Text::new(self.fix, self.fix_en)
    }
}

macro_rules! codes {
    ($($code:literal => $meaning:literal, $fix:literal, $fix_en:literal;)+) => {
        /// Every problem code tpsplan can report, in order. The README lists the same.
        pub const CODES: &[CodeInfo] = &[$(CodeInfo { code: $code, meaning: $meaning, fix: $fix, fix_en: $fix_en }),+];
    };
}

// Codes are grouped by hundreds: E00xx files and formats, E01xx facility.toml and
// rulesets, E02xx layout, E03xx inmates, E04xx staff, E05xx scenarios, E06xx plan folders
// (read by `simulate` and `compare`), E07xx penyesuaian.csv, W.... warnings.
// A code, once published, keeps its meaning; retired codes are not reused.
codes! {
    "E0001" => "file missing", "buat berkas ini (lihat format masukan di README) atau arahkan tpsplan ke folder yang benar", "create this file (see the input formats in the README) or point tpsplan at the right folder";
    "E0002" => "file is empty", "ekspor ulang berkas dengan baris judul kolom dan datanya", "export the file again with its header row and its data";
    "E0003" => "file is not valid UTF-8", "simpan berkas sebagai UTF-8 (Excel: Save As > CSV UTF-8)", "save the file as UTF-8 (Excel: Save As > CSV UTF-8)";
    "E0004" => "CSV uses ';' as separator inconsistently", "simpan sebagai CSV berpemisah koma, atau pakai ';' secara konsisten di semua baris", "save as comma-separated CSV, or use ';' consistently on every line";
    "E0005" => "missing column", "tambahkan kolom ini ke baris judul", "add this column to the header row";
    "E0006" => "unknown column", "hapus kolom ini atau perbaiki ejaannya", "remove this column or correct its spelling";
    "E0007" => "row has the wrong number of fields", "samakan jumlah isian setiap baris dengan judul kolom (beri tanda kutip pada isian yang memuat koma)", "give every row as many fields as the header has (quote fields that contain a comma)";
    "E0008" => "file cannot be read", "periksa bahwa berkas ada dan dapat dibaca", "check that the file exists and can be read";
    "E0009" => "TOML syntax error", "perbaiki sintaks TOML pada baris yang ditunjuk", "correct the TOML syntax on the line shown";
    "E0010" => "unknown or misplaced TOML key", "hapus kunci ini atau perbaiki ejaannya (daftar kunci ada di README)", "remove this key or correct its spelling (the keys are listed in the README)";
    "E0011" => "value has the wrong type or form", "tulis nilai dalam bentuk yang dijelaskan di README", "write the value in the form the README describes";
    "E0012" => "file has a header but no data rows", "isi berkas dengan datanya (satu baris per rekaman di bawah judul kolom)", "fill the file with its data (one row per record below the header)";
    "E0013" => "required value is empty", "isi nilai ini; kolom ini wajib", "fill in this value; the column is required";
    "E0014" => "date is not a valid YYYY-MM-DD date", "tulis tanggal sebagai YYYY-MM-DD (mis. 1990-05-17); Excel: format sel Teks atau yyyy-mm-dd", "write the date as YYYY-MM-DD (e.g. 1990-05-17); Excel: format the cells as Text or yyyy-mm-dd";
    "E0015" => "time is not a valid HH:MM time", "tulis jam sebagai HH:MM antara 00:00 dan 24:00 (mis. 07:00)", "write the time as HH:MM between 00:00 and 24:00 (e.g. 07:00)";
    "E0016" => "value is not one of the accepted words", "tulis salah satu nilai yang diterima (lihat pesan); huruf besar/kecil bebas", "write one of the accepted values (see the message); upper or lower case does not matter";
    "E0017" => "number is malformed or out of range", "tulis angka yang sah (bilangan bulat 0 atau lebih untuk jumlah; titik sebagai pemisah desimal)", "write a valid number (a whole number, 0 or more, for counts; a point as decimal separator)";
    "E0018" => "region code is malformed", "tulis kode wilayah Kemendagri berbentuk 12, 12.07 atau 12.07.19", "write a Kemendagri region code of the form 12, 12.07 or 12.07.19";
    "E0019" => "column appears twice in the header", "hapus salah satu kolom kembar", "remove one of the two columns";
    "E0020" => "value is longer than 1,000 characters", "periksa ekspor berkas (tanda kutip yang tidak ditutup dapat menggabungkan banyak baris menjadi satu isian) atau persingkat isiannya", "check the export (an unclosed quote can join many lines into one field) or shorten the value";
    "E0021" => "value holds a control character", "hapus karakter kendali (ESC, NUL, ...) dari isian; ekspor ulang dari SDP atau ketik ulang isiannya", "remove the control character (ESC, NUL, ...) from the value; export again from SDP or retype the value";
    "E0022" => "header line or column name too long", "periksa tanda kutip yang tidak ditutup pada baris judul; ekspor ulang berkas dengan judul kolom biasa", "check for an unclosed quote in the header row; export the file again with a plain header";
    "W0001" => "CSV uses ';' as separator (read anyway)", "tidak wajib: berkas dibaca dengan pemisah ';'; simpan sebagai CSV berpemisah koma agar seragam", "optional: the file is read with ';' as separator; save as comma-separated CSV for consistency";
    "E0101" => "unknown ruleset name", "tulis nama aturan yang tersedia (pemilu-2024 atau pilkada-2024) pada kunci 'aturan'", "write an available ruleset name (pemilu-2024 or pilkada-2024) in the 'aturan' key";
    "E0102" => "[aturan_lokal] does not fit the ruleset (unknown key or wrong type)", "pakai kunci dan bentuk nilai yang sama dengan berkas aturan di data/reference/rulesets/", "use the same keys and value forms as the ruleset files in data/reference/rulesets/";
    "E0103" => "facility region is not a kecamatan or desa code", "tulis kode kecamatan (mis. 12.07.05) atau desa/kelurahan (mis. 12.07.05.2001) tempat UPT berdiri", "write the code of the kecamatan (e.g. 12.07.05) or desa/kelurahan (e.g. 12.07.05.2001) where the facility stands";
    "E0104" => "facility region lies in an unknown province", "periksa dua angka pertama kode_wilayah (kode provinsi Kemendagri)", "check the first two digits of kode_wilayah (the Kemendagri province code)";
    "E0105" => "[[pemisahan]] names a block that does not exist", "tulis id simpul berjenis blok dari layout/nodes.csv", "write the id of a node of kind blok from layout/nodes.csv";
    "E0106" => "shift ([[regu]]) does not start before it ends", "perbaiki jam mulai dan selesai regu (mulai harus sebelum selesai)", "correct the start and end times of the shift (the start must come before the end)";
    "E0107" => "two facilities in one region folder share a kode", "beri setiap UPT kode sendiri, atau hapus salinan folder yang ganda", "give every facility its own kode, or remove the duplicated folder";
    "E0108" => "[aturan_lokal] sets a rule value out of range", "tulis nilai dalam rentang yang disebut pesan (nilai 2024 ada di data/reference/rulesets/pemilu-2024.toml)", "write a value in the range the message names (the 2024 values are in data/reference/rulesets/pemilu-2024.toml)";
    "E0109" => "jumlah_tps out of range", "tulis jumlah TPS yang ditetapkan KPU, 1 sampai 1000, atau hapus kuncinya", "write the number of TPS fixed by KPU, 1 to 1000, or remove the key";
    "W0101" => "facility kab/kota is not in the reference table of its province", "periksa kode kab/kota pada kode_wilayah", "check the kab/kota part of kode_wilayah";
    "W0102" => "facility kecamatan is not in the reference table of its kab/kota", "periksa kode kecamatan pada kode_wilayah", "check the kecamatan part of kode_wilayah";
    "W0103" => "[akses_zona] names a zone no node has", "periksa ejaan zona; zona harus sama dengan kolom zona di layout/nodes.csv", "check the spelling of the zone; it must match the zona column of layout/nodes.csv";
    "W0104" => "tanggal_data lies after election day", "periksa tanggal_data (hari data diekspor dari SDP)", "check tanggal_data (the day the data was exported from SDP)";
    "E0201" => "node id appears twice", "beri setiap simpul id yang unik", "give every node a unique id";
    "E0202" => "path names a node that does not exist", "tulis id simpul yang ada di layout/nodes.csv, atau tambahkan simpulnya", "write a node id that exists in layout/nodes.csv, or add the node";
    "E0203" => "walk minutes not positive", "tulis menit jalan lebih dari 0 (mis. 2 atau 1.5)", "write walking minutes above 0 (e.g. 2 or 1.5)";
    "E0204" => "candidate site (maks_tps > 0) has no booths", "isi bilik (jumlah bilik per TPS) atau jadikan maks_tps 0", "fill in bilik (booths per TPS) or set maks_tps to 0";
    "E0205" => "block has no path to any candidate site its zone may use", "tambahkan jalur di layout/paths.csv atau izinkan zona lain di [akses_zona] facility.toml", "add a path to layout/paths.csv or allow another zone in [akses_zona] of facility.toml";
    "E0206" => "layout has no block", "tambahkan simpul berjenis blok di layout/nodes.csv", "add a node of kind blok to layout/nodes.csv";
    "E0207" => "layout has no candidate site", "beri maks_tps > 0 pada simpul yang dapat menampung TPS", "give maks_tps > 0 to the nodes that can hold a TPS";
    "E0208" => "walk minutes of one corridor over 240", "tulis menit jalan satu lorong (biasanya 1 sampai 15); periksa satuannya: menit, bukan detik", "write the walking minutes of one corridor (usually 1 to 15); check the unit: minutes, not seconds";
    "W0201" => "candidate site in a zone no block may use", "izinkan zona ini di [akses_zona] atau jadikan maks_tps 0", "allow this zone in [akses_zona] or set maks_tps to 0";
    "W0202" => "block has no inmates", "periksa ejaan blok di inmates.csv, atau abaikan bila blok memang kosong", "check the spelling of the block in inmates.csv, or ignore this if the block is really empty";
    "W0203" => "path leads from a node to itself", "hapus baris ini", "remove this row";
    "W0204" => "the same corridor is listed twice", "hapus salah satu baris; jalur berlaku dua arah", "remove one of the rows; paths work both ways";
    "W0205" => "candidate site has no waiting room (kapasitas_tunggu 0)", "isi kapasitas_tunggu dengan jumlah orang yang dapat menunggu di lokasi", "fill in kapasitas_tunggu with the number of people who can wait at the site";
    "E0301" => "no_registrasi (or a NIP in pemilih_lain.csv) appears twice", "beri setiap WBP nomor registrasi SDP-nya sendiri dan setiap petugas NIP-nya; hapus baris ganda", "give every inmate their own SDP registration number and every officer their own NIP; remove duplicate rows";
    "E0302" => "NIK or NKK is not 16 digits", "tulis 16 angka tanpa spasi atau tanda baca, atau kosongkan bila memang tidak ada (Excel: format sel Teks)", "write 16 digits without spaces or punctuation, or leave it empty if there is none (Excel: format the cells as Text)";
    "E0303" => "NKK province contradicts the KTP region", "samakan kode_wilayah_ktp dengan alamat KK/KTP-el, atau perbaiki NKK", "make kode_wilayah_ktp match the KK/KTP-el address, or correct the NKK";
    "E0304" => "birth date lies after tanggal_data", "perbaiki tanggal_lahir (tidak boleh setelah tanggal data)", "correct tanggal_lahir (it cannot be after the data date)";
    "E0305" => "KTP region lies in an unknown province", "periksa dua angka pertama kode_wilayah_ktp (kode provinsi Kemendagri)", "check the first two digits of kode_wilayah_ktp (the Kemendagri province code)";
    "E0306" => "inmate's block is not a block of the layout", "tulis id simpul berjenis blok dari layout/nodes.csv", "write the id of a node of kind blok from layout/nodes.csv";
    "E0310" => "the layout uses the id reserved for other voters (pemilih-lain)", "ganti id simpul 'pemilih-lain' di layout/nodes.csv (dan di paths.csv)", "rename the node id 'pemilih-lain' in layout/nodes.csv (and in paths.csv)";
    "W0301" => "KTP kab/kota is not in the reference table of its province", "periksa kode kab/kota; surat suara DPR/DPRD tidak dapat ditentukan tanpanya", "check the kab/kota code; the DPR/DPRD ballots cannot be decided without it";
    "W0302" => "KTP kecamatan is not in the reference table of its kab/kota", "periksa kode kecamatan; surat suara DPRD kab/kota tidak dapat ditentukan tanpanya", "check the kecamatan code; the DPRD kab/kota ballot cannot be decided without it";
    "W0303" => "the same NIK is on more than one person", "periksa ke Dukcapil; KPU hanya mendaftar satu NIK sekali", "check with Dukcapil; KPU registers each NIK only once";
    "W0304" => "release date lies before tanggal_data (already released?)", "hapus WBP yang sudah bebas dari daftar, atau perbaiki tanggal_bebas", "remove released inmates from the list, or correct tanggal_bebas";
    "W0305" => "block holds both men and women", "periksa jenis_kelamin atau blok; blok wanita dipisah dari blok pria", "check jenis_kelamin or the block; women's blocks are kept apart from men's";
    "W0306" => "juvenile in a facility that is not an LPKA", "periksa tanggal_lahir; anak ditempatkan di LPKA", "check tanggal_lahir; juveniles are held in an LPKA";
    "W0307" => "KTP region in the facility's province is not a kecamatan code", "tulis kode kecamatan alamat KTP (tiga tingkat) agar surat suara DPRD dapat ditentukan", "write the kecamatan code of the KTP address (three levels) so the DPRD ballots can be decided";
    "W0308" => "NIK province differs from the KTP region", "biasanya sah (NIK berlaku seumur hidup, alamat bisa pindah); periksa bila tidak ada perpindahan", "usually valid (a NIK is for life, the address can change); check if there was no move";
    "E0401" => "nip appears twice", "beri setiap petugas NIP-nya sendiri; hapus baris ganda", "give every officer their own NIP; remove duplicate rows";
    "E0402" => "jam_mulai is not before jam_selesai", "perbaiki jam dinas (mulai harus sebelum selesai, pada hari yang sama)", "correct the duty hours (the start must come before the end, on the same day)";
    "E0403" => "staff birth date lies after tanggal_data", "perbaiki tanggal_lahir petugas", "correct the officer's tanggal_lahir";
    "W0401" => "nip is not 18 digits", "periksa NIP (NIP PNS terdiri atas 18 angka)", "check the NIP (a civil servant's NIP has 18 digits)";
    "W0402" => "staff member has no role", "isi peran (kpps, pengawal, pemeriksa; dipisah ';') atau hapus petugas dari daftar hari itu", "fill in peran (kpps, pengawal, pemeriksa; separated by ';') or remove the officer from that day's list";
    "E0501" => "scenario file not found", "tulis nama berkas di scenarios/ tanpa .toml, atau jalur ke berkas skenario", "write a file name under scenarios/ without .toml, or a path to a scenario file";
    "E0502" => "scenario locks a block that does not exist", "tulis id simpul berjenis blok dari layout/nodes.csv", "write the id of a node of kind blok from layout/nodes.csv";
    "E0503" => "scenario closes a site that is not a candidate site", "tulis id simpul dengan maks_tps > 0 dari layout/nodes.csv", "write the id of a node with maks_tps > 0 from layout/nodes.csv";
    "E0504" => "scenario marks absent a nip not in staff.csv", "tulis NIP yang ada di staff.csv", "write a NIP that is in staff.csv";
    "E0505" => "scenario menit_per_pemilih not positive", "tulis menit per pemilih lebih dari 0 (mis. 4.5)", "write minutes per voter above 0 (e.g. 4.5)";
    "E0506" => "scenario [aturan] does not fit the ruleset (unknown key or wrong type)", "pakai kunci dan bentuk nilai yang sama dengan berkas aturan di data/reference/rulesets/", "use the same keys and value forms as the ruleset files in data/reference/rulesets/";
    "E0508" => "scenario closes every site a block may use", "buka kembali salah satu lokasi di lokasi_ditutup, izinkan zona lain di [akses_zona], atau kunci blok itu (blok_dikunci) agar dikunjungi KPPS", "reopen one of the sites in lokasi_ditutup, allow another zone in [akses_zona], or lock the block (blok_dikunci) so KPPS visit it";
    "E0507" => "scenario [aturan] sets a rule value out of range", "tulis nilai dalam rentang yang disebut pesan (nilai 2024 ada di data/reference/rulesets/pemilu-2024.toml)", "write a value in the range the message names (the 2024 values are in data/reference/rulesets/pemilu-2024.toml)";
    "E0601" => "folder is not a plan folder (no plan.json)", "jalankan dulu `tpsplan plan FOLDER_FASILITAS --out OUT`, lalu arahkan perintah ini ke folder OUT itu", "run `tpsplan plan FACILITY_FOLDER --out OUT` first, then point this command at that OUT folder";
    "E0602" => "plan.json cannot be read (damaged, or written by another tpsplan version)", "buat ulang rencananya dengan `tpsplan plan`; jangan menyunting plan.json dengan tangan", "make the plan again with `tpsplan plan`; do not edit plan.json by hand";
    "E0603" => "the plan's inputs are missing or changed since it was made", "simpan folder fasilitas dan skenario di tempat yang sama seperti saat perencanaan, atau buat ulang rencananya dengan `tpsplan plan`", "keep the facility folder and scenario where they were when the plan was made, or make the plan again with `tpsplan plan`";
    "E0604" => "`plan --sebelumnya` names a plan of another facility", "arahkan --sebelumnya ke folder rencana UPT yang sama (lihat kode di plan.json), atau rencanakan tanpa --sebelumnya", "point --sebelumnya at a plan folder of the same UPT (see the code in plan.json), or plan without --sebelumnya";
    "E0605" => "a table of the plan folder is missing or damaged", "buat ulang rencananya dengan `tpsplan plan`; jangan menyunting berkas folder rencana dengan tangan", "make the plan again with `tpsplan plan`; do not edit the plan folder's files by hand";
    "E0701" => "penyesuaian.csv: unknown jenis", "tulis salah satu jenis: blok_tps, blok_lokasi, pemilih_tps, lokasi_tutup, jumlah_tps, jam_gelombang (lihat README)", "write one of the kinds: blok_tps, blok_lokasi, pemilih_tps, lokasi_tutup, jumlah_tps, jam_gelombang (see the README)";
    "E0702" => "penyesuaian.csv names a block that is not in the layout", "tulis id simpul berjenis blok dari layout/nodes.csv", "write the id of a node of kind blok from layout/nodes.csv";
    "E0703" => "penyesuaian.csv names a voter not in inmates.csv or pemilih_lain.csv", "tulis no_registrasi dari inmates.csv (atau NIP dari pemilih_lain.csv)", "write a no_registrasi from inmates.csv (or a NIP from pemilih_lain.csv)";
    "E0704" => "penyesuaian.csv names a site that is not a candidate TPS site", "tulis id simpul dengan maks_tps > 0 dari layout/nodes.csv", "write the id of a node with maks_tps > 0 from layout/nodes.csv";
    "E0705" => "penyesuaian.csv: TPS number or TPS count out of range", "tulis nomor TPS mulai dari nomor pertama aturan (901) dan jumlah TPS 1 sampai 1000", "write a TPS number from the ruleset's first number (901) on, and a TPS count from 1 to 1000";
    "E0706" => "penyesuaian.csv sets the same thing twice", "hapus salah satu baris; satu blok, pemilih, lokasi atau jumlah hanya diatur sekali", "remove one of the rows; a block, voter, site or count is set only once";
    "E0707" => "a pin puts more voters at a TPS than the ruleset's cap", "pindahkan sebagian blok atau pemilih ke TPS lain di penyesuaian.csv (batas ada di [tps] maks_pemilih)", "move some of the blocks or voters to another TPS in penyesuaian.csv (the cap is [tps] maks_pemilih)";
    "E0708" => "a pin puts voters who may never share a TPS at one TPS", "tempatkan kelompok yang harus dipisah (perempuan/laki-laki, anak/dewasa, risiko tinggi, [[pemisahan]] tps_terpisah) di TPS berbeda", "put the groups that must be kept apart (women/men, juveniles/adults, high risk, [[pemisahan]] tps_terpisah) at different TPS";
    "E0709" => "a pin places a block at a site it may not use (zone, closed, unreachable, full)", "pilih lokasi yang boleh dipakai zona blok itu (lihat [akses_zona]) dan yang tidak ditutup; atau hapus pin lokasinya", "choose a site the block's zone may use (see [akses_zona]) that is not closed; or remove the site pin";
    "E0710" => "a pinned wave time lies outside the block's voting window", "tulis jam antara buka TPS dan tutup dikurangi jeda (aturan [jendela], [jam])", "write a time between opening and closing minus the buffer (ruleset [jendela], [jam])";
    "E0711" => "pins contradict each other or the TPS count", "samakan penyesuaian.csv: nomor TPS tidak melebihi jumlah TPS, satu TPS di satu lokasi", "make penyesuaian.csv consistent: no TPS number beyond the TPS count, one TPS at one site";
    "E0712" => "the plan cannot honour the pins", "longgarkan penyesuaian.csv (lebih sedikit pin, atau pin ke TPS lain); pesan menyebut aturan yang mengikat", "loosen penyesuaian.csv (fewer pins, or pins to another TPS); the message names the rule that binds";
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
            assert!(!c.fix.is_empty() && !c.fix_en.is_empty());
        }
    }

    #[test]
    fn display_names_file_line_field_code_and_fix() {
        let p = Problem::error(
            "E0005",
            Path::new("x/inmates.csv"),
            crate::lang::text!("kolom 'nik' tidak ada", "column 'nik' is missing"),
        )
        .at_line(1)
        .field("nik");
        let s = p.to_string();
        assert_eq!(
            s,
            "x/inmates.csv:1: galat E0005 [nik]: kolom 'nik' tidak ada\n    perbaikan: tambahkan kolom ini ke baris judul"
        );
        assert_eq!(
            p.render(Lang::En),
            "x/inmates.csv:1: error E0005 [nik]: column 'nik' is missing\n    fix: add this column to the header row"
        );
    }
}
