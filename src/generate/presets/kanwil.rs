//! The UPTs of the three Kanwil with reference tables: Sumatera Utara, Nusa Tenggara
//! Timur and Gorontalo, one by one.

use crate::model::FacilityKind;

use super::upt::UptSpec;

use FacilityKind::{Lapas, Lpka, Lpp, Rutan};

/// The UPTs of Kanwil Sumatera Utara (about 35,000 inmates).
#[rustfmt::skip]
pub fn sumut() -> Vec<UptSpec> {
    let s = UptSpec::new;
    vec![
        s("lapas-medan", "Lapas Kelas I Medan", Lapas, "I", "12.71.03", 3300),
        s("rutan-medan", "Rutan Kelas I Medan", Rutan, "I", "12.71.03", 3500)
            .women(0.05)
            .layout(40, 12),
        s("lpp-medan", "Lapas Perempuan Kelas IIA Medan", Lpp, "IIA", "12.71.03", 650),
        s("lpka-medan", "LPKA Kelas I Medan", Lpka, "I", "12.71.03", 260),
        s("lapas-narkotika-langkat", "Lapas Narkotika Kelas IIA Langkat", Lapas, "IIA", "12.05.12", 2200),
        s("lapas-pancur-batu", "Lapas Kelas IIA Pancur Batu", Lapas, "IIA", "12.07.05", 1800)
            .women(0.05),
        s("lapas-lubuk-pakam", "Lapas Kelas IIA Lubuk Pakam", Lapas, "IIA", "12.07.28", 2000)
            .women(0.05),
        s("rutan-labuhan-deli", "Rutan Kelas IIB Labuhan Deli", Rutan, "IIB", "12.07.25", 1400)
            .women(0.06),
        s("lapas-binjai", "Lapas Kelas IIA Binjai", Lapas, "IIA", "12.75.02", 1900).women(0.04),
        s("lapas-pematangsiantar", "Lapas Kelas IIA Pematangsiantar", Lapas, "IIA", "12.72.03", 1700)
            .women(0.05),
        s("lapas-narkotika-pematangsiantar", "Lapas Narkotika Kelas IIA Pematangsiantar", Lapas, "IIA", "12.72.05", 1600),
        s("rutan-kabanjahe", "Rutan Kelas IIB Kabanjahe", Rutan, "IIB", "12.06.01", 450).women(0.06),
        s("lapas-tebing-tinggi", "Lapas Kelas IIB Tebing Tinggi", Lapas, "IIB", "12.76.01", 1000)
            .women(0.05),
        s("lapas-labuhan-ruku", "Lapas Kelas IIA Labuhan Ruku", Lapas, "IIA", "12.19.03", 1500),
        s("rutan-kisaran", "Rutan Kelas IIB Kisaran", Rutan, "IIB", "12.09.07", 1000).women(0.05),
        s("lapas-tanjungbalai", "Lapas Kelas IIB Tanjungbalai", Lapas, "IIB", "12.74.02", 1000)
            .women(0.05),
        s("lapas-rantauprapat", "Lapas Kelas IIA Rantauprapat", Lapas, "IIA", "12.10.02", 1600)
            .women(0.05),
        s("lapas-sibolga", "Lapas Kelas IIA Sibolga", Lapas, "IIA", "12.73.01", 650).women(0.06),
        s("lapas-padangsidimpuan", "Lapas Kelas IIB Padangsidimpuan", Lapas, "IIB", "12.77.01", 800)
            .women(0.05),
        s("lapas-gunungsitoli", "Lapas Kelas IIB Gunungsitoli", Lapas, "IIB", "12.78.01", 450)
            .women(0.05),
        s("lapas-siborongborong", "Lapas Kelas IIB Siborongborong", Lapas, "IIB", "12.02.04", 650),
        s("rutan-tarutung", "Rutan Kelas IIB Tarutung", Rutan, "IIB", "12.02.01", 250).women(0.05),
        s("rutan-balige", "Rutan Kelas IIB Balige", Rutan, "IIB", "12.12.01", 300).women(0.05),
        s("rutan-sidikalang", "Rutan Kelas IIB Sidikalang", Rutan, "IIB", "12.11.01", 350).women(0.05),
        s("lapas-pakpak-bharat", "Lapas Kelas III Pakpak Bharat", Lapas, "III", "12.15.01", 150),
        s("rutan-pangururan", "Cabang Rutan Pangururan", Rutan, "IIB", "12.17.01", 120),
        s("rutan-tanjung-pura", "Rutan Kelas IIB Tanjung Pura", Rutan, "IIB", "12.05.03", 500).women(0.05),
        s("rutan-pangkalan-brandan", "Rutan Kelas IIB Pangkalan Brandan", Rutan, "IIB", "12.05.07", 400),
        s("rutan-panyabungan", "Rutan Kelas IIB Panyabungan", Rutan, "IIB", "12.13.05", 450).women(0.05),
        s("rutan-sipirok", "Rutan Kelas IIB Sipirok", Rutan, "IIB", "12.03.04", 200),
        s("rutan-gunung-tua", "Rutan Kelas IIB Gunung Tua", Rutan, "IIB", "12.20.01", 250),
        s("rutan-sibuhuan", "Rutan Kelas IIB Sibuhuan", Rutan, "IIB", "12.21.02", 200),
        s("lapas-teluk-dalam", "Lapas Kelas III Teluk Dalam", Lapas, "III", "12.14.02", 200),
        s("rutan-sei-rampah", "Rutan Kelas IIB Sei Rampah", Rutan, "IIB", "12.18.06", 550).women(0.05),
        s("rutan-kota-pinang", "Rutan Kelas IIB Kota Pinang", Rutan, "IIB", "12.22.01", 300),
        s("rutan-aek-kanopan", "Rutan Kelas IIB Aek Kanopan", Rutan, "IIB", "12.23.02", 350),
        s("rutan-lotu", "Cabang Rutan Lotu", Rutan, "IIB", "12.24.01", 80),
        s("rutan-dolok-sanggul", "Rutan Kelas IIB Dolok Sanggul", Rutan, "IIB", "12.16.01", 200),
        s("rutan-pematang-raya", "Rutan Kelas IIB Pematang Raya", Rutan, "IIB", "12.08.11", 250),
        s("rutan-perbaungan", "Rutan Kelas IIB Perbaungan", Rutan, "IIB", "12.18.01", 450).women(0.05),
    ]
}

/// The UPTs of Kanwil Nusa Tenggara Timur.
#[rustfmt::skip]
pub fn ntt() -> Vec<UptSpec> {
    let s = UptSpec::new;
    vec![
        s("lapas-kupang", "Lapas Kelas IIA Kupang", Lapas, "IIA", "53.71.02", 650),
        s("rutan-kupang", "Rutan Kelas IIA Kupang", Rutan, "IIA", "53.71.04", 400).women(0.06),
        s("lpp-kupang", "Lapas Perempuan Kelas III Kupang", Lpp, "III", "53.71.02", 90),
        s("lpka-kupang", "LPKA Kelas I Kupang", Lpka, "I", "53.71.02", 60),
        s("lapas-kalabahi", "Lapas Kelas IIB Kalabahi", Lapas, "IIB", "53.05.01", 250).women(0.04),
        s("lapas-atambua", "Lapas Kelas IIB Atambua", Lapas, "IIB", "53.04.01", 250).women(0.04),
        s("rutan-kefamenanu", "Rutan Kelas IIB Kefamenanu", Rutan, "IIB", "53.03.01", 150),
        s("rutan-soe", "Rutan Kelas IIB SoE", Rutan, "IIB", "53.02.01", 180),
        s("lapas-ende", "Lapas Kelas IIB Ende", Lapas, "IIB", "53.08.01", 200).women(0.04),
        s("lapas-maumere", "Lapas Kelas IIB Maumere", Lapas, "IIB", "53.07.01", 220).women(0.04),
        s("lapas-larantuka", "Lapas Kelas III Larantuka", Lapas, "III", "53.06.01", 120),
        s("lapas-ruteng", "Lapas Kelas IIB Ruteng", Lapas, "IIB", "53.10.01", 200),
        s("lapas-waingapu", "Lapas Kelas IIA Waingapu", Lapas, "IIA", "53.11.01", 230).women(0.04),
        s("rutan-waikabubak", "Rutan Kelas IIB Waikabubak", Rutan, "IIB", "53.12.01", 120),
        s("rutan-bajawa", "Rutan Kelas IIB Bajawa", Rutan, "IIB", "53.09.01", 90),
        s("rutan-labuan-bajo", "Rutan Kelas IIB Labuan Bajo", Rutan, "IIB", "53.15.01", 110),
        s("rutan-baa", "Rutan Kelas IIB Ba'a", Rutan, "IIB", "53.14.01", 70),
    ]
}

/// The UPTs of Kanwil Gorontalo.
#[rustfmt::skip]
pub fn gorontalo() -> Vec<UptSpec> {
    let s = UptSpec::new;
    vec![
        s("lapas-gorontalo", "Lapas Kelas IIA Gorontalo", Lapas, "IIA", "75.71.01", 650),
        s("rutan-gorontalo", "Rutan Kelas IIA Gorontalo", Rutan, "IIA", "75.71.03", 350).women(0.06),
        s("lpp-gorontalo", "Lapas Perempuan Kelas III Gorontalo", Lpp, "III", "75.71.02", 60),
        s("rutan-limboto", "Rutan Kelas IIB Limboto", Rutan, "IIB", "75.01.01", 250),
        s("lapas-boalemo", "Lapas Kelas IIB Boalemo", Lapas, "IIB", "75.02.01", 200),
        s("lapas-pohuwato", "Lapas Kelas IIB Pohuwato", Lapas, "IIB", "75.04.04", 300).women(0.04),
    ]
}
