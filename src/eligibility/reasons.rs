//! Reason codes: why an inmate is not a voter here as things stand, or which paperwork
//! they still need. Each code is stable (it appears in `kpu/tindak_lanjut.csv` and in
//! the readiness summary), has an Indonesian and an English label and a documented
//! meaning; the README's reason table is generated from [`Reason::markdown_table`] and a test
//! keeps the two in step.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::lang::Lang;

/// Why an inmate cannot vote here as things stand, or what they still need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Not an Indonesian citizen (`kewarganegaraan` WNA).
    Wna,
    /// Under the ruleset's minimum age on election day and never married.
    BelumCukupUmur,
    /// Right to vote revoked by a final court ruling (`hak_pilih_dicabut`).
    HakDicabut,
    /// Expected release before election day: votes at home, not on this list.
    BebasSebelumHariH,
    /// The KTP address is entitled to none of the ballots issued where the UPT stands.
    TidakBerhakSuratSuara,
    /// No NIK in the record (KPU drops records without NIK and NKK).
    TanpaNik,
    /// No NKK in the record.
    TanpaNkk,
    /// Not registered here and no KTP-el: cannot be listed nor vote as DPK.
    TanpaKtpEl,
    /// Not registered here, has a KTP-el, the DPT is still open: report for the DPT.
    PerluDaftarDpt,
    /// On the DPT at home: file Model A (DPTb here) before the deadline.
    PerluModelA,
    /// On the DPT at home and the Model A deadline has passed: votes nowhere while held.
    ModelATerlambat,
    /// On no list, the DPT is fixed, and the KTP address is outside the UPT's area (or
    /// DPK is not allowed): cannot vote from the UPT in this election.
    DpkLuarWilayah,
    /// Votes as DPK on a KTP address in the UPT's kecamatan: confirm the desa/kelurahan.
    KonfirmasiWilayahDpk,
    /// No KTP region in the record: ballots cannot be decided beyond the ones everybody gets.
    TanpaWilayahKtp,
    /// No ballot could be decided because the reference tables lack a dapil.
    SuratSuaraBelumPasti,
    /// Released on election day itself: votes here, in the first wave.
    BebasHariH,
}

impl Reason {
    /// Every reason, in the order they are documented.
    pub const ALL: &'static [Reason] = &[
        Reason::Wna,
        Reason::BelumCukupUmur,
        Reason::HakDicabut,
        Reason::BebasSebelumHariH,
        Reason::TidakBerhakSuratSuara,
        Reason::TanpaNik,
        Reason::TanpaNkk,
        Reason::TanpaKtpEl,
        Reason::PerluDaftarDpt,
        Reason::PerluModelA,
        Reason::ModelATerlambat,
        Reason::DpkLuarWilayah,
        Reason::KonfirmasiWilayahDpk,
        Reason::TanpaWilayahKtp,
        Reason::SuratSuaraBelumPasti,
        Reason::BebasHariH,
    ];

    /// The stable code written in outputs (`tanpa_nik`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::Wna => "wna",
            Reason::BelumCukupUmur => "belum_cukup_umur",
            Reason::HakDicabut => "hak_dicabut",
            Reason::BebasSebelumHariH => "bebas_sebelum_hari_h",
            Reason::TidakBerhakSuratSuara => "tidak_berhak_surat_suara",
            Reason::TanpaNik => "tanpa_nik",
            Reason::TanpaNkk => "tanpa_nkk",
            Reason::TanpaKtpEl => "tanpa_ktp_el",
            Reason::PerluDaftarDpt => "perlu_daftar_dpt",
            Reason::PerluModelA => "perlu_model_a",
            Reason::ModelATerlambat => "model_a_terlambat",
            Reason::DpkLuarWilayah => "dpk_luar_wilayah",
            Reason::KonfirmasiWilayahDpk => "konfirmasi_wilayah_dpk",
            Reason::TanpaWilayahKtp => "tanpa_wilayah_ktp",
            Reason::SuratSuaraBelumPasti => "surat_suara_belum_pasti",
            Reason::BebasHariH => "bebas_hari_h",
        }
    }

    /// The reason with this code, if any.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// A short label in the chosen language.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.label_id(),
            Lang::En => self.label_en(),
        }
    }

    fn label_id(self) -> &'static str {
        match self {
            Reason::Wna => "bukan WNI",
            Reason::BelumCukupUmur => "belum cukup umur dan belum pernah kawin",
            Reason::HakDicabut => "hak pilih dicabut putusan pengadilan",
            Reason::BebasSebelumHariH => "bebas sebelum hari pemungutan suara",
            Reason::TidakBerhakSuratSuara => "tidak berhak surat suara di TPS ini",
            Reason::TanpaNik => "tanpa NIK",
            Reason::TanpaNkk => "tanpa NKK",
            Reason::TanpaKtpEl => "belum terdaftar dan belum rekam KTP-el",
            Reason::PerluDaftarDpt => "belum terdaftar: daftarkan ke DPT",
            Reason::PerluModelA => "terdaftar di DPT asal: perlu pindah memilih (Model A)",
            Reason::ModelATerlambat => "terdaftar di DPT asal, batas Model A lewat",
            Reason::DpkLuarWilayah => "belum terdaftar, alamat KTP di luar wilayah UPT",
            Reason::KonfirmasiWilayahDpk => "DPK: pastikan alamat KTP di desa/kelurahan UPT",
            Reason::TanpaWilayahKtp => "kode wilayah KTP kosong",
            Reason::SuratSuaraBelumPasti => "surat suara belum pasti (data dapil kurang)",
            Reason::BebasHariH => "bebas pada hari pemungutan suara",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            Reason::Wna => "not an Indonesian citizen",
            Reason::BelumCukupUmur => "under age and never married",
            Reason::HakDicabut => "right to vote revoked by a court",
            Reason::BebasSebelumHariH => "released before election day",
            Reason::TidakBerhakSuratSuara => "entitled to no ballot at this TPS",
            Reason::TanpaNik => "no NIK",
            Reason::TanpaNkk => "no NKK",
            Reason::TanpaKtpEl => "not registered and no KTP-el recording",
            Reason::PerluDaftarDpt => "not registered: report for the DPT",
            Reason::PerluModelA => "on the DPT at home: needs a Model A move form",
            Reason::ModelATerlambat => "on the DPT at home, Model A deadline passed",
            Reason::DpkLuarWilayah => "not registered, KTP address outside the UPT's area",
            Reason::KonfirmasiWilayahDpk => "DPK: confirm the KTP address is the UPT's desa",
            Reason::TanpaWilayahKtp => "KTP region code empty",
            Reason::SuratSuaraBelumPasti => "ballots undecided (dapil data missing)",
            Reason::BebasHariH => "released on election day",
        }
    }

    /// What the code means and what follows from it (English, for the documentation).
    pub fn meaning(self) -> &'static str {
        match self {
            Reason::Wna => {
                "`kewarganegaraan` is WNA. Never a voter; if the inmate is on a list here, KPU must strike them off."
            }
            Reason::BelumCukupUmur => {
                "Younger than `[hak_pilih] usia_minimal` on election day and `status_kawin` not in `status_kawin_boleh` (a married or previously married 16-year-old may vote). Age counts whole years; a 29 February birthday falls on 1 March in common years."
            }
            Reason::HakDicabut => {
                "`hak_pilih_dicabut` is `ya`: a final ruling stripped the right to vote (most sentences strip only the right to stand)."
            }
            Reason::BebasSebelumHariH => {
                "`tanggal_bebas` is before election day: the inmate votes at the TPS of the KTP address and must not be on the prison list. Release on election day itself is `bebas_hari_h`, not this."
            }
            Reason::TidakBerhakSuratSuara => {
                "The KTP address gets none of the ballots the UPT's region issues (Pilkada: KTP in another province, or a region that holds none of the elections). Not a voter here; nothing can change that."
            }
            Reason::TanpaNik => {
                "`nik` empty while `[hak_pilih] wajib_nik_nkk` is true: KPU drops the record. Fixed by NIK/NKK reconciliation with Dukcapil before H-`batas_padan_nik_hari`."
            }
            Reason::TanpaNkk => {
                "`nkk` empty while `wajib_nik_nkk` is true: as `tanpa_nik`, for the family card number."
            }
            Reason::TanpaKtpEl => {
                "`pendaftaran` is `belum` and `ktp_el` is `tidak`: not on any list here and cannot vote as DPK. Fixed by KTP-el recording with Dukcapil before H-`batas_rekam_ktp_hari`, then the DPT (before `batas_dpt`); after that only DPK, and only on a KTP address in the UPT's area."
            }
            Reason::PerluDaftarDpt => {
                "`pendaftaran` is `belum`, `ktp_el` is `ya` and the data date is on or before `batas_dpt`: report the inmate to KPU kab/kota for the DPT of the UPT's TPS. Until then they vote as DPK only if `dpk_diizinkan` and the KTP address is the UPT's area (`dpk_hanya_wilayah_ktp`); otherwise they are not a voter as things stand."
            }
            Reason::PerluModelA => {
                "`pendaftaran` is `dpt_asal` (on the DPT at home) and the Model A deadline (H-`batas_model_a_hari`) has not passed: the UPT files a Model A move form and they vote here as DPTb. Planned as DPTb; without the form they cannot vote while held (a voter on a list is never DPK)."
            }
            Reason::ModelATerlambat => {
                "`pendaftaran` is `dpt_asal` and the Model A deadline has passed: they can vote only at the TPS of their DPT entry, which they cannot reach while held. Not a voter here; nothing changes that in this election."
            }
            Reason::DpkLuarWilayah => {
                "`pendaftaran` is `belum`, the DPT is fixed and the KTP address is outside the UPT's desa/kelurahan (or kecamatan when only kecamatan codes are given), or `dpk_diizinkan` is false: a DPK votes only at the TPS of the RT/RW of the KTP-el address (PKPU 7/2022; Pilkada PKPU 7/2024 pasal 53), so the inmate cannot vote from the UPT in this election. Before the DPT is fixed the follow-up is `perlu_daftar_dpt` instead."
            }
            Reason::KonfirmasiWilayahDpk => {
                "Votes as DPK on a KTP address in the UPT's kecamatan, but the desa/kelurahan of one side is not given: confirm with KPU kab/kota (PPS) that the RT/RW of the KTP address belongs to the UPT's TPS area; if not, the inmate cannot vote as DPK (`dpk_luar_wilayah`)."
            }
            Reason::TanpaWilayahKtp => {
                "`kode_wilayah_ktp` is empty: only ballots everybody gets (Pemilu: PPWP) are issued; reconcile the address with Dukcapil. Under Pilkada no ballot can be decided, so the inmate is not a voter as things stand."
            }
            Reason::SuratSuaraBelumPasti => {
                "Every ballot the inmate might get depends on a dapil missing from `data/reference/`: not a voter until the dapil is confirmed with KPU and added to the tables (never guessed)."
            }
            Reason::BebasHariH => {
                "`tanggal_bebas` is election day itself. Still held on the day, so a voter here (the rule is: released *before* election day votes at home); schedule them in the first wave, before release is processed."
            }
        }
    }

    /// Whether nothing the prison or the inmate can do makes them a voter here.
    pub fn is_permanent(self) -> bool {
        matches!(
            self,
            Reason::Wna
                | Reason::BelumCukupUmur
                | Reason::HakDicabut
                | Reason::BebasSebelumHariH
                | Reason::TidakBerhakSuratSuara
                | Reason::ModelATerlambat
                | Reason::DpkLuarWilayah
        )
    }

    /// The documentation table of every code (pasted into the README).
    pub fn markdown_table() -> String {
        let mut s = String::from(
            "| code | label (id) | label (en) | meaning |\n| --- | --- | --- | --- |\n",
        );
        for r in Reason::ALL {
            s.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                r.code(),
                r.label_id(),
                r.label_en(),
                r.meaning()
            ));
        }
        s
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for r in Reason::ALL {
            assert!(seen.insert(r.code()), "duplicate code {}", r.code());
            assert_eq!(Reason::from_code(r.code()), Some(*r));
        }
        assert_eq!(Reason::from_code("nope"), None);
    }

    #[test]
    fn the_readme_holds_the_generated_reason_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let doc = std::fs::read_to_string(path).expect("README.md exists");
        assert!(
            doc.contains(&Reason::markdown_table()),
            "the README reason table is out of date; regenerate the table from Reason::markdown_table()"
        );
    }
}
