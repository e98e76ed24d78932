//! The range checks of a ruleset: values outside what the rules can mean (a TPS has a
//! booth, opening comes before closing), each named by its dotted key, in both languages.

use crate::lang::{Text, text};

use super::*;

/// A float that is a number and lies in `[lo, hi]`.
pub(super) fn within(x: f64, lo: f64, hi: f64) -> bool {
    x.is_finite() && x >= lo && x <= hi
}

impl Ruleset {
    /// Values outside what the rules can mean, as (key, message): the key is dotted
    /// (`tps.bilik`); a rule between keys lists them joined by `|`, the first named.
    /// The bounds are those of sense (a TPS has a booth, opening comes before
    /// closing), not of any one election.
    pub fn range_issues(&self) -> Vec<(String, Text)> {
        let mut out: Vec<(String, Text)> = Vec::new();
        let mut bad = |key: &str, msg: Text| out.push((key.to_string(), msg));
        let t = &self.tps;
        if t.maks_pemilih == 0 {
            bad(
                "tps.maks_pemilih",
                text!(
                    "maks_pemilih = 0: sebuah TPS harus dapat menampung pemilih; tulis 1 atau lebih (2024: 300)",
                    "maks_pemilih = 0: a TPS must be able to take voters; write 1 or more (2024: 300)"
                ),
            );
        }
        if t.min_pemilih > 0 {
            bad(
                "tps.min_pemilih",
                text!(
                    "min_pemilih = {}: di dalam Lapas/Rutan tidak ada batas minimum pemilih per TPS dan tpsplan tidak menerapkannya; tulis 0",
                    "min_pemilih = {}: inside a Lapas/Rutan there is no minimum of voters per TPS and tpsplan does not apply one; write 0",
                    t.min_pemilih
                ),
            );
        }
        if !(1..=50).contains(&t.bilik) {
            bad(
                "tps.bilik",
                text!(
                    "bilik = {}: tulis 1 sampai 50 bilik per TPS (2024: 4)",
                    "bilik = {}: write 1 to 50 booths per TPS (2024: 4)",
                    t.bilik
                ),
            );
        }
        if !(1..=50).contains(&t.kotak) {
            bad(
                "tps.kotak",
                text!(
                    "kotak = {}: tulis 1 sampai 50 kotak suara per TPS (2024: 5)",
                    "kotak = {}: write 1 to 50 ballot boxes per TPS (2024: 5)",
                    t.kotak
                ),
            );
        }
        if !within(t.menit_per_pemilih, 0.1, 120.0) {
            bad(
                "tps.menit_per_pemilih",
                text!(
                    "menit_per_pemilih = {}: tulis menit di bilik per pemilih antara 0.1 dan 120 (2024: 5.0)",
                    "menit_per_pemilih = {}: write the minutes in the booth per voter between 0.1 and 120 (2024: 5.0)",
                    t.menit_per_pemilih
                ),
            );
        }
        if !(1..=99_000).contains(&t.nomor_awal) {
            bad(
                "tps.nomor_awal",
                text!(
                    "nomor_awal = {}: tulis nomor TPS pertama antara 1 dan 99000 (TPS Lokasi Khusus: 901)",
                    "nomor_awal = {}: write the first TPS number between 1 and 99000 (TPS Lokasi Khusus: 901)",
                    t.nomor_awal
                ),
            );
        }
        let j = &self.jam;
        let day = 24 * 60;
        if j.tutup.0 > day || j.buka.0 >= j.tutup.0 {
            bad(
                "jam.buka|jam.tutup",
                text!(
                    "buka {} tidak sebelum tutup {}: TPS harus buka sebelum tutup pada hari yang sama",
                    "buka {} is not before tutup {}: a TPS must open before it closes, on the same day",
                    j.buka,
                    j.tutup
                ),
            );
        } else {
            let open = j.tutup.0 - j.buka.0;
            if j.jeda_tutup_menit >= open {
                bad(
                    "jam.jeda_tutup_menit",
                    text!(
                        "jeda_tutup_menit = {} tidak menyisakan waktu memilih antara {} dan {}; tulis kurang dari {open}",
                        "jeda_tutup_menit = {} leaves no voting time between {} and {}; write less than {open}",
                        j.jeda_tutup_menit,
                        j.buka,
                        j.tutup
                    ),
                );
            } else {
                let voting = open - j.jeda_tutup_menit;
                if j.menit_slot == 0 || j.menit_slot > voting {
                    bad(
                        "jam.menit_slot",
                        text!(
                            "menit_slot = {}: tulis panjang slot antara 1 dan {voting} menit (waktu memilih {} sampai {}; 2024: 15)",
                            "menit_slot = {}: write a slot length between 1 and {voting} minutes (voting from {} to {}; 2024: 15)",
                            j.menit_slot,
                            j.buka,
                            self.last_voting_minute()
                        ),
                    );
                } else if within(t.menit_per_pemilih, 0.1, 120.0)
                    && f64::from(t.bilik) * f64::from(j.menit_slot) < t.menit_per_pemilih
                {
                    bad(
                        "jam.menit_slot|tps.bilik|tps.menit_per_pemilih",
                        text!(
                            "dalam satu slot {} menit dengan {} bilik tidak seorang pun selesai memilih ({} menit per pemilih); perpanjang menit_slot atau tambah bilik",
                            "in one slot of {} minutes with {} booths nobody finishes voting ({} minutes per voter); lengthen menit_slot or add booths",
                            j.menit_slot,
                            t.bilik,
                            t.menit_per_pemilih
                        ),
                    );
                }
            }
        }
        let w = &self.jendela;
        for (name, win) in [
            ("dpt", w.dpt),
            ("dptb", w.dptb),
            ("dpk", w.dpk),
            ("kunjungan", w.kunjungan),
        ] {
            if win.mulai.0 >= win.selesai.0 || win.selesai.0 > day {
                bad(
                    &format!("jendela.{name}"),
                    text!(
                        "jendela {name} {}-{}: mulai harus sebelum selesai pada hari yang sama",
                        "window {name} {}-{}: the start must come before the end, on the same day",
                        win.mulai,
                        win.selesai
                    ),
                );
            }
        }
        let h = &self.hak_pilih;
        if !(0..=100).contains(&h.usia_minimal) {
            bad(
                "hak_pilih.usia_minimal",
                text!(
                    "usia_minimal = {}: tulis usia antara 0 dan 100 tahun (2024: 17)",
                    "usia_minimal = {}: write an age between 0 and 100 years (2024: 17)",
                    h.usia_minimal
                ),
            );
        }
        let r = &self.pendaftaran;
        for (name, d) in [
            ("batas_model_a_hari", r.batas_model_a_hari),
            ("batas_rekam_ktp_hari", r.batas_rekam_ktp_hari),
            ("batas_padan_nik_hari", r.batas_padan_nik_hari),
        ] {
            if !(0..=3650).contains(&d) {
                bad(
                    &format!("pendaftaran.{name}"),
                    text!(
                        "{name} = {d}: tulis jumlah hari sebelum hari pemungutan antara 0 dan 3650",
                        "{name} = {d}: write the number of days before election day between 0 and 3650"
                    ),
                );
            }
        }
        let b = &self.surat_suara;
        if !within(b.cadangan, 0.0, 1.0) {
            bad(
                "surat_suara.cadangan",
                text!(
                    "cadangan = {}: tulis bagian DPT antara 0 dan 1 (2024: 0.02, yaitu 2 %)",
                    "cadangan = {}: write a share of the DPT between 0 and 1 (2024: 0.02, that is 2 %)",
                    b.cadangan
                ),
            );
        }
        if b.jenis.is_empty() {
            bad(
                "surat_suara.jenis",
                text!(
                    "jenis surat suara kosong: tulis sedikitnya satu jenis (mis. PPWP)",
                    "the list of ballot types is empty: write at least one type (e.g. PPWP)"
                ),
            );
        }
        let mut codes = std::collections::BTreeSet::new();
        for k in &b.jenis {
            if !codes.insert(k.kode.as_str()) {
                bad(
                    "surat_suara.jenis",
                    text!(
                        "kode surat suara '{}' tertulis dua kali: beri setiap jenis kode sendiri",
                        "ballot code '{}' is written twice: give every ballot type its own code",
                        k.kode
                    ),
                );
            }
        }
        let k = &self.kpps;
        if !(1..=50).contains(&k.jumlah) {
            bad(
                "kpps.jumlah",
                text!(
                    "jumlah = {}: tulis 1 sampai 50 anggota KPPS per TPS (2024: 7)",
                    "jumlah = {}: write 1 to 50 KPPS members per TPS (2024: 7)",
                    k.jumlah
                ),
            );
        } else if k.ketua == 0 || k.ketua > k.jumlah {
            bad(
                "kpps.ketua|kpps.jumlah",
                text!(
                    "ketua = {} dengan jumlah = {}: setiap KPPS punya ketua (1 atau lebih) yang termasuk dalam jumlah anggota",
                    "ketua = {} with jumlah = {}: every KPPS has a chair (1 or more) counted among its members",
                    k.ketua,
                    k.jumlah
                ),
            );
        }
        if !(0..=100).contains(&k.usia_minimal) {
            bad(
                "kpps.usia_minimal",
                text!(
                    "usia_minimal = {}: tulis usia antara 0 dan 100 tahun (2024: 17)",
                    "usia_minimal = {}: write an age between 0 and 100 years (2024: 17)",
                    k.usia_minimal
                ),
            );
        }
        if !(k.usia_minimal..=150).contains(&k.usia_maksimal) {
            bad(
                "kpps.usia_maksimal",
                text!(
                    "usia_maksimal = {}: tulis usia antara usia_minimal ({}) dan 150 tahun (2024: 55)",
                    "usia_maksimal = {}: write an age between usia_minimal ({}) and 150 years (2024: 55)",
                    k.usia_maksimal,
                    k.usia_minimal
                ),
            );
        }
        if k.menit_persiapan > j.buka.0 {
            bad(
                "kpps.menit_persiapan",
                text!(
                    "menit_persiapan = {} dimulai sebelum tengah malam (TPS buka {}); tulis paling banyak {}",
                    "menit_persiapan = {} starts before midnight (the TPS opens at {}); write at most {}",
                    k.menit_persiapan,
                    j.buka,
                    j.buka.0
                ),
            );
        }
        let e = &self.pengawalan;
        if !(1..=1000).contains(&e.wbp_per_pengawal) {
            bad(
                "pengawalan.wbp_per_pengawal",
                text!(
                    "wbp_per_pengawal = {}: tulis 1 sampai 1000 WBP per pengawal (2024: 10)",
                    "wbp_per_pengawal = {}: write 1 to 1000 inmates per escort (2024: 10)",
                    e.wbp_per_pengawal
                ),
            );
        }
        if !(1..=20).contains(&e.petugas_per_wbp_risiko_tinggi) {
            bad(
                "pengawalan.petugas_per_wbp_risiko_tinggi",
                text!(
                    "petugas_per_wbp_risiko_tinggi = {}: tulis 1 sampai 20 petugas per WBP risiko tinggi (2019: 4)",
                    "petugas_per_wbp_risiko_tinggi = {}: write 1 to 20 officers per high-risk inmate (2019: 4)",
                    e.petugas_per_wbp_risiko_tinggi
                ),
            );
        }
        if !within(e.menit_pemeriksaan, 0.0, 120.0) {
            bad(
                "pengawalan.menit_pemeriksaan",
                text!(
                    "menit_pemeriksaan = {}: tulis menit antara 0 dan 120 (2024: 3.0)",
                    "menit_pemeriksaan = {}: write minutes between 0 and 120 (2024: 3.0)",
                    e.menit_pemeriksaan
                ),
            );
        }
        if !(1..=1000).contains(&e.maks_gelombang) {
            bad(
                "pengawalan.maks_gelombang",
                text!(
                    "maks_gelombang = {}: tulis 1 sampai 1000 WBP per gelombang (2024: 20)",
                    "maks_gelombang = {}: write 1 to 1000 inmates per wave (2024: 20)",
                    e.maks_gelombang
                ),
            );
        }
        if !within(e.menit_kunjungan_per_pemilih, 0.1, 240.0) {
            bad(
                "pengawalan.menit_kunjungan_per_pemilih",
                text!(
                    "menit_kunjungan_per_pemilih = {}: tulis menit per pemilih antara 0.1 dan 240 (2024: 10.0)",
                    "menit_kunjungan_per_pemilih = {}: write minutes per voter between 0.1 and 240 (2024: 10.0)",
                    e.menit_kunjungan_per_pemilih
                ),
            );
        }
        if e.pemeriksa_per_tps > 50 {
            bad(
                "pengawalan.pemeriksa_per_tps",
                text!(
                    "pemeriksa_per_tps = {}: tulis 0 sampai 50 (2024: 2)",
                    "pemeriksa_per_tps = {}: write 0 to 50 (2024: 2)",
                    e.pemeriksa_per_tps
                ),
            );
        }
        if !(1..=1440).contains(&e.maks_menit_tanpa_istirahat) {
            bad(
                "pengawalan.maks_menit_tanpa_istirahat",
                text!(
                    "maks_menit_tanpa_istirahat = {}: tulis 1 sampai 1440 menit (2024: 180)",
                    "maks_menit_tanpa_istirahat = {}: write 1 to 1440 minutes (2024: 180)",
                    e.maks_menit_tanpa_istirahat
                ),
            );
        }
        if e.menit_istirahat > 1440 {
            bad(
                "pengawalan.menit_istirahat",
                text!(
                    "menit_istirahat = {}: tulis 0 sampai 1440 menit (2024: 30)",
                    "menit_istirahat = {}: write 0 to 1440 minutes (2024: 30)",
                    e.menit_istirahat
                ),
            );
        }
        if !(1..=1440).contains(&e.menit_estafet_minimal) {
            bad(
                "pengawalan.menit_estafet_minimal",
                text!(
                    "menit_estafet_minimal = {}: tulis 1 sampai 1440 menit (bawaan: 30)",
                    "menit_estafet_minimal = {}: write 1 to 1440 minutes (default: 30)",
                    e.menit_estafet_minimal
                ),
            );
        }
        let p = &self.pemisahan;
        if !(0..=100).contains(&p.usia_anak) {
            bad(
                "pemisahan.usia_anak",
                text!(
                    "usia_anak = {}: tulis usia antara 0 dan 100 tahun (2024: 18)",
                    "usia_anak = {}: write an age between 0 and 100 years (2024: 18)",
                    p.usia_anak
                ),
            );
        }
        let o = &self.luar;
        for (name, n) in [
            ("linmas_per_tps", o.linmas_per_tps),
            ("ptps_per_tps", o.ptps_per_tps),
        ] {
            if n > 50 {
                bad(
                    &format!("luar.{name}"),
                    text!(
                        "{name} = {n}: tulis 0 sampai 50 orang per TPS",
                        "{name} = {n}: write 0 to 50 people per TPS"
                    ),
                );
            }
        }
        let w = &self.bobot;
        for (name, x) in [
            ("tps", w.tps),
            ("blok_terpecah", w.blok_terpecah),
            ("menit_jalan", w.menit_jalan),
            ("menit_pengawal", w.menit_pengawal),
            ("ketidakseimbangan", w.ketidakseimbangan),
            ("menit_selesai", w.menit_selesai),
        ] {
            if !within(x, 0.0, 1e9) {
                bad(
                    &format!("bobot.{name}"),
                    text!(
                        "bobot {name} = {x}: tulis bobot antara 0 dan 1000000000 (bobot negatif membuat rencana lebih buruk tampak lebih baik)",
                        "bobot {name} = {x}: write a weight between 0 and 1000000000 (a negative weight makes a worse plan look better)"
                    ),
                );
            }
        }
        out.extend(simulasi::range_issues(&self.simulasi));
        out
    }
}
