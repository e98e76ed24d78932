//! The whole country: the three tabled provinces from their lists, the other provinces
//! laid out from their town lists with plausible kab/kota codes.

use std::path::PathBuf;

use crate::model::FacilityKind;
use crate::reference::Reference;

use super::kanwil::{gorontalo, ntt, sumut};
use super::upt::UptSpec;
use FacilityKind::{Lapas, Lpka, Lpp, Rutan};

/// A province whose UPTs are laid out from a town list.
struct ProvinceTable {
    code: &'static str,
    slug: &'static str,
    upts: u32,
    inmates: u32,
    /// `(kab/kota code, town)`; the first is the provincial capital. Codes are plausible
    /// Kemendagri codes inside the province.
    towns: &'static [(&'static str, &'static str)],
}

/// Plausible kab/kota codes of the provinces without a reference table, with the towns
/// where UPTs stand. Also used to draw KTP addresses in those provinces.
#[rustfmt::skip]
const PROVINCES: &[ProvinceTable] = &[
    ProvinceTable { code: "11", slug: "aceh", upts: 22, inmates: 9000, towns: &[
        ("11.71", "Banda Aceh"), ("11.73", "Lhokseumawe"), ("11.74", "Langsa"), ("11.09", "Sigli"),
        ("11.10", "Bireuen"), ("11.11", "Lhoksukon"), ("11.06", "Takengon"), ("11.07", "Meulaboh"),
        ("11.03", "Tapaktuan"), ("11.04", "Kutacane"), ("11.05", "Idi"), ("11.14", "Kuala Simpang"),
        ("11.08", "Jantho"), ("11.02", "Singkil"), ("11.13", "Blangkejeren"), ("11.16", "Calang"),
        ("11.01", "Sinabang"), ("11.72", "Sabang"), ("11.12", "Blangpidie"),
    ] },
    ProvinceTable { code: "13", slug: "sumbar", upts: 18, inmates: 5000, towns: &[
        ("13.71", "Padang"), ("13.75", "Bukittinggi"), ("13.76", "Payakumbuh"), ("13.72", "Solok"),
        ("13.73", "Sawahlunto"), ("13.74", "Padang Panjang"), ("13.77", "Pariaman"), ("13.02", "Painan"),
        ("13.05", "Batusangkar"), ("13.09", "Lubuk Sikaping"), ("13.04", "Muaro Sijunjung"),
        ("13.11", "Pulau Punjung"), ("13.12", "Simpang Ampek"), ("13.07", "Lubuk Basung"),
    ] },
    ProvinceTable { code: "14", slug: "riau", upts: 19, inmates: 13500, towns: &[
        ("14.71", "Pekanbaru"), ("14.73", "Dumai"), ("14.03", "Bengkalis"), ("14.01", "Bangkinang"),
        ("14.02", "Rengat"), ("14.04", "Tembilahan"), ("14.05", "Pangkalan Kerinci"),
        ("14.06", "Pasir Pengaraian"), ("14.07", "Bagansiapiapi"), ("14.08", "Siak Sri Indrapura"),
        ("14.09", "Teluk Kuantan"), ("14.10", "Selatpanjang"),
    ] },
    ProvinceTable { code: "15", slug: "jambi", upts: 12, inmates: 4600, towns: &[
        ("15.71", "Jambi"), ("15.72", "Sungai Penuh"), ("15.08", "Muara Bungo"), ("15.09", "Muara Tebo"),
        ("15.02", "Bangko"), ("15.03", "Sarolangun"), ("15.04", "Muara Bulian"), ("15.05", "Sengeti"),
        ("15.06", "Kuala Tungkal"), ("15.07", "Muara Sabak"),
    ] },
    ProvinceTable { code: "16", slug: "sumsel", upts: 23, inmates: 15500, towns: &[
        ("16.71", "Palembang"), ("16.72", "Prabumulih"), ("16.73", "Pagar Alam"), ("16.74", "Lubuklinggau"),
        ("16.01", "Baturaja"), ("16.02", "Kayu Agung"), ("16.03", "Muara Enim"), ("16.04", "Lahat"),
        ("16.06", "Sekayu"), ("16.07", "Pangkalan Balai"), ("16.08", "Martapura"), ("16.09", "Muaradua"),
        ("16.10", "Indralaya"), ("16.05", "Muara Beliti"),
    ] },
    ProvinceTable { code: "17", slug: "bengkulu", upts: 10, inmates: 2800, towns: &[
        ("17.71", "Bengkulu"), ("17.01", "Manna"), ("17.02", "Curup"), ("17.03", "Argamakmur"),
        ("17.04", "Bintuhan"), ("17.05", "Tais"), ("17.06", "Mukomuko"), ("17.08", "Kepahiang"),
    ] },
    ProvinceTable { code: "18", slug: "lampung", upts: 18, inmates: 9000, towns: &[
        ("18.71", "Bandar Lampung"), ("18.72", "Metro"), ("18.01", "Kalianda"), ("18.02", "Gunung Sugih"),
        ("18.03", "Kotabumi"), ("18.04", "Liwa"), ("18.05", "Menggala"), ("18.06", "Kota Agung"),
        ("18.07", "Sukadana"), ("18.08", "Blambangan Umpu"), ("18.09", "Gedong Tataan"), ("18.10", "Pringsewu"),
    ] },
    ProvinceTable { code: "19", slug: "babel", upts: 9, inmates: 2700, towns: &[
        ("19.71", "Pangkalpinang"), ("19.01", "Sungailiat"), ("19.02", "Tanjung Pandan"), ("19.03", "Toboali"),
        ("19.04", "Koba"), ("19.05", "Muntok"), ("19.06", "Manggar"),
    ] },
    ProvinceTable { code: "21", slug: "kepri", upts: 11, inmates: 4300, towns: &[
        ("21.72", "Tanjungpinang"), ("21.71", "Batam"), ("21.01", "Tanjung Balai Karimun"), ("21.02", "Kijang"),
        ("21.03", "Ranai"), ("21.04", "Dabo Singkep"), ("21.05", "Tarempa"),
    ] },
    ProvinceTable { code: "31", slug: "dki", upts: 9, inmates: 17000, towns: &[
        ("31.72", "Cipinang"), ("31.73", "Salemba"), ("31.72", "Pondok Bambu"), ("31.71", "Jakarta Selatan"),
        ("31.74", "Jakarta Barat"), ("31.75", "Jakarta Utara"),
    ] },
    ProvinceTable { code: "32", slug: "jabar", upts: 33, inmates: 24000, towns: &[
        ("32.73", "Bandung"), ("32.01", "Gunung Sindur"), ("32.74", "Cirebon"), ("32.05", "Garut"),
        ("32.15", "Karawang"), ("32.75", "Bekasi"), ("32.71", "Bogor"), ("32.72", "Sukabumi"),
        ("32.78", "Tasikmalaya"), ("32.07", "Ciamis"), ("32.79", "Banjar"), ("32.08", "Kuningan"),
        ("32.10", "Majalengka"), ("32.11", "Sumedang"), ("32.12", "Indramayu"), ("32.13", "Subang"),
        ("32.14", "Purwakarta"), ("32.03", "Cianjur"), ("32.76", "Depok"), ("32.16", "Cikarang"),
        ("32.04", "Soreang"), ("32.77", "Cimahi"),
    ] },
    ProvinceTable { code: "33", slug: "jateng", upts: 38, inmates: 15000, towns: &[
        ("33.74", "Semarang"), ("33.01", "Batu Nusakambangan"), ("33.01", "Pasir Putih Nusakambangan"),
        ("33.01", "Besi Nusakambangan"), ("33.01", "Cilacap"), ("33.02", "Purwokerto"), ("33.03", "Purbalingga"),
        ("33.04", "Banjarnegara"), ("33.05", "Kebumen"), ("33.06", "Purworejo"), ("33.07", "Wonosobo"),
        ("33.71", "Magelang"), ("33.09", "Boyolali"), ("33.10", "Klaten"), ("33.11", "Sukoharjo"),
        ("33.12", "Wonogiri"), ("33.13", "Karanganyar"), ("33.14", "Sragen"), ("33.15", "Purwodadi"),
        ("33.16", "Blora"), ("33.17", "Rembang"), ("33.18", "Pati"), ("33.19", "Kudus"), ("33.20", "Jepara"),
        ("33.21", "Demak"), ("33.22", "Ambarawa"), ("33.23", "Temanggung"), ("33.24", "Kendal"),
        ("33.25", "Batang"), ("33.75", "Pekalongan"), ("33.27", "Pemalang"), ("33.76", "Tegal"),
        ("33.29", "Brebes"), ("33.72", "Surakarta"), ("33.73", "Salatiga"),
    ] },
    ProvinceTable { code: "34", slug: "diy", upts: 6, inmates: 1800, towns: &[
        ("34.71", "Yogyakarta"), ("34.04", "Sleman"), ("34.03", "Wonosari"), ("34.01", "Wates"),
        ("34.02", "Bantul"),
    ] },
    ProvinceTable { code: "35", slug: "jatim", upts: 39, inmates: 27000, towns: &[
        ("35.78", "Surabaya"), ("35.15", "Porong"), ("35.73", "Malang"), ("35.77", "Madiun"), ("35.71", "Kediri"),
        ("35.72", "Blitar"), ("35.74", "Probolinggo"), ("35.75", "Pasuruan"), ("35.76", "Mojokerto"),
        ("35.09", "Jember"), ("35.10", "Banyuwangi"), ("35.11", "Bondowoso"), ("35.12", "Situbondo"),
        ("35.08", "Lumajang"), ("35.17", "Jombang"), ("35.18", "Nganjuk"), ("35.20", "Magetan"),
        ("35.21", "Ngawi"), ("35.22", "Bojonegoro"), ("35.23", "Tuban"), ("35.24", "Lamongan"),
        ("35.25", "Gresik"), ("35.26", "Bangkalan"), ("35.27", "Sampang"), ("35.28", "Pamekasan"),
        ("35.29", "Sumenep"), ("35.01", "Pacitan"), ("35.02", "Ponorogo"), ("35.03", "Trenggalek"),
        ("35.04", "Tulungagung"), ("35.13", "Kraksaan"), ("35.14", "Bangil"), ("35.07", "Kepanjen"),
        ("35.15", "Sidoarjo"),
    ] },
    ProvinceTable { code: "36", slug: "banten", upts: 11, inmates: 12000, towns: &[
        ("36.71", "Tangerang"), ("36.73", "Serang"), ("36.72", "Cilegon"), ("36.01", "Pandeglang"),
        ("36.02", "Rangkasbitung"), ("36.03", "Tigaraksa"), ("36.74", "Tangerang Selatan"),
    ] },
    ProvinceTable { code: "51", slug: "bali", upts: 8, inmates: 3500, towns: &[
        ("51.71", "Denpasar"), ("51.03", "Kerobokan"), ("51.06", "Bangli"), ("51.08", "Singaraja"),
        ("51.02", "Tabanan"), ("51.04", "Gianyar"), ("51.05", "Klungkung"), ("51.07", "Amlapura"),
        ("51.01", "Negara"),
    ] },
    ProvinceTable { code: "52", slug: "ntb", upts: 10, inmates: 4200, towns: &[
        ("52.71", "Mataram"), ("52.03", "Selong"), ("52.02", "Praya"), ("52.04", "Sumbawa Besar"),
        ("52.05", "Dompu"), ("52.72", "Bima"), ("52.07", "Taliwang"), ("52.01", "Gerung"), ("52.08", "Tanjung"),
    ] },
    ProvinceTable { code: "61", slug: "kalbar", upts: 13, inmates: 5500, towns: &[
        ("61.71", "Pontianak"), ("61.72", "Singkawang"), ("61.01", "Sambas"), ("61.02", "Mempawah"),
        ("61.03", "Sanggau"), ("61.04", "Ketapang"), ("61.05", "Sintang"), ("61.06", "Putussibau"),
        ("61.07", "Bengkayang"), ("61.08", "Ngabang"), ("61.09", "Sekadau"), ("61.10", "Nanga Pinoh"),
    ] },
    ProvinceTable { code: "62", slug: "kalteng", upts: 13, inmates: 4500, towns: &[
        ("62.71", "Palangka Raya"), ("62.01", "Pangkalan Bun"), ("62.02", "Sampit"), ("62.03", "Kuala Kapuas"),
        ("62.04", "Buntok"), ("62.05", "Muara Teweh"), ("62.06", "Kasongan"), ("62.07", "Kuala Pembuang"),
        ("62.08", "Sukamara"), ("62.09", "Nanga Bulik"), ("62.11", "Pulang Pisau"), ("62.12", "Tamiang Layang"),
    ] },
    ProvinceTable { code: "63", slug: "kalsel", upts: 14, inmates: 9500, towns: &[
        ("63.71", "Banjarmasin"), ("63.72", "Banjarbaru"), ("63.03", "Martapura"), ("63.03", "Karang Intan"),
        ("63.01", "Pelaihari"), ("63.02", "Kotabaru"), ("63.04", "Marabahan"), ("63.05", "Rantau"),
        ("63.06", "Kandangan"), ("63.07", "Barabai"), ("63.08", "Amuntai"), ("63.09", "Tanjung"),
        ("63.10", "Batulicin"),
    ] },
    ProvinceTable { code: "64", slug: "kaltim", upts: 16, inmates: 12500, towns: &[
        ("64.72", "Samarinda"), ("64.71", "Balikpapan"), ("64.74", "Bontang"), ("64.02", "Tenggarong"),
        ("64.01", "Tanah Grogot"), ("64.03", "Tanjung Redeb"), ("64.07", "Sendawar"), ("64.08", "Sangatta"),
        ("64.09", "Penajam"),
    ] },
    ProvinceTable { code: "65", slug: "kaltara", upts: 5, inmates: 2000, towns: &[
        ("65.71", "Tarakan"), ("65.01", "Tanjung Selor"), ("65.03", "Nunukan"), ("65.02", "Malinau"),
    ] },
    ProvinceTable { code: "71", slug: "sulut", upts: 12, inmates: 3400, towns: &[
        ("71.71", "Manado"), ("71.72", "Bitung"), ("71.73", "Tomohon"), ("71.74", "Kotamobagu"),
        ("71.02", "Tondano"), ("71.05", "Amurang"), ("71.06", "Airmadidi"), ("71.03", "Tahuna"),
        ("71.04", "Melonguane"),
    ] },
    ProvinceTable { code: "72", slug: "sulteng", upts: 13, inmates: 3500, towns: &[
        ("72.71", "Palu"), ("72.02", "Luwuk"), ("72.04", "Poso"), ("72.05", "Donggala"), ("72.06", "Tolitoli"),
        ("72.07", "Buol"), ("72.08", "Parigi"), ("72.09", "Ampana"), ("72.03", "Bungku"), ("72.01", "Salakan"),
    ] },
    ProvinceTable { code: "73", slug: "sulsel", upts: 24, inmates: 11000, towns: &[
        ("73.71", "Makassar"), ("73.72", "Parepare"), ("73.73", "Palopo"), ("73.09", "Maros"),
        ("73.06", "Sungguminasa"), ("73.05", "Takalar"), ("73.04", "Jeneponto"), ("73.03", "Bantaeng"),
        ("73.02", "Bulukumba"), ("73.01", "Selayar"), ("73.07", "Sinjai"), ("73.08", "Watampone"),
        ("73.10", "Pangkajene"), ("73.11", "Barru"), ("73.12", "Watansoppeng"), ("73.13", "Sengkang"),
        ("73.14", "Sidrap"), ("73.15", "Pinrang"), ("73.16", "Enrekang"), ("73.18", "Makale"),
    ] },
    ProvinceTable { code: "74", slug: "sultra", upts: 13, inmates: 3600, towns: &[
        ("74.71", "Kendari"), ("74.72", "Baubau"), ("74.02", "Raha"), ("74.03", "Unaaha"), ("74.04", "Kolaka"),
        ("74.05", "Andoolo"), ("74.01", "Pasarwajo"), ("74.06", "Rumbia"), ("74.07", "Wangi-Wangi"),
    ] },
    ProvinceTable { code: "76", slug: "sulbar", upts: 6, inmates: 1300, towns: &[
        ("76.02", "Mamuju"), ("76.04", "Polewali"), ("76.05", "Majene"), ("76.03", "Mamasa"),
        ("76.01", "Pasangkayu"),
    ] },
    ProvinceTable { code: "81", slug: "maluku", upts: 10, inmates: 1800, towns: &[
        ("81.71", "Ambon"), ("81.72", "Tual"), ("81.03", "Masohi"), ("81.04", "Namlea"), ("81.01", "Saumlaki"),
        ("81.02", "Langgur"), ("81.06", "Piru"), ("81.07", "Dobo"),
    ] },
    ProvinceTable { code: "82", slug: "malut", upts: 8, inmates: 1500, towns: &[
        ("82.71", "Ternate"), ("82.72", "Tidore"), ("82.01", "Jailolo"), ("82.03", "Sanana"),
        ("82.04", "Labuha"), ("82.05", "Tobelo"), ("82.06", "Maba"),
    ] },
    ProvinceTable { code: "91", slug: "papua", upts: 8, inmates: 1400, towns: &[
        ("91.71", "Jayapura"), ("91.71", "Abepura"), ("91.03", "Sentani"), ("91.06", "Biak"),
        ("91.05", "Serui"), ("91.10", "Sarmi"), ("91.11", "Arso"),
    ] },
    ProvinceTable { code: "92", slug: "papua-barat", upts: 5, inmates: 900, towns: &[
        ("92.02", "Manokwari"), ("92.03", "Fakfak"), ("92.06", "Bintuni"), ("92.08", "Kaimana"),
    ] },
    ProvinceTable { code: "93", slug: "papua-selatan", upts: 3, inmates: 600, towns: &[
        ("93.01", "Merauke"), ("93.02", "Tanah Merah"), ("93.04", "Agats"),
    ] },
    ProvinceTable { code: "94", slug: "papua-tengah", upts: 4, inmates: 700, towns: &[
        ("94.01", "Nabire"), ("94.04", "Timika"), ("94.03", "Enarotali"),
    ] },
    ProvinceTable { code: "95", slug: "papua-pegunungan", upts: 2, inmates: 400, towns: &[
        ("95.01", "Wamena"),
    ] },
    ProvinceTable { code: "96", slug: "papua-barat-daya", upts: 3, inmates: 700, towns: &[
        ("96.71", "Sorong"), ("96.01", "Aimas"),
    ] },
];

/// Kab/kota codes where a KTP address in `province` can lie: the reference table where
/// the province has one, else the plausible codes of the town list.
pub fn kabkota_codes(province: &str) -> Vec<String> {
    let reference = Reference::builtin();
    if reference.has_kabkota_table(province) {
        return reference
            .kabkota_of(province)
            .map(|k| k.code.clone())
            .collect();
    }
    let mut codes: Vec<String> = PROVINCES
        .iter()
        .filter(|p| p.code == province)
        .flat_map(|p| p.towns.iter().map(|(c, _)| (*c).to_string()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Relative weight of each province as a home region of inmates from elsewhere (its
/// inmate total in the national preset).
pub fn province_weights() -> Vec<(&'static str, u32)> {
    let mut w: Vec<(&'static str, u32)> = PROVINCES.iter().map(|p| (p.code, p.inmates)).collect();
    w.push(("12", 35_000));
    w.push(("53", 3_400));
    w.push(("75", 1_800));
    w.sort();
    w
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == ' ' || c == '-') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// One UPT of a province plan: kind, name prefix, slug prefix, class, `(kab/kota, town)`,
/// size weight, share of women.
type PlanEntry = (
    FacilityKind,
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
    f64,
    f64,
);

/// The UPTs of a province from its town list: capital first (Lapas, Rutan, LPP, LPKA),
/// then a Lapas Narkotika, then Lapas and Rutan of the other towns in turn, with
/// sizes weighted by class and scaled to the province total.
fn province_upts(p: &ProvinceTable) -> Vec<UptSpec> {
    let big = p.inmates >= 8000;
    let mid = p.inmates >= 3000;
    let capital = p.towns[0];
    // (kind, name prefix, slug prefix, class, town, weight, women share)
    let mut plan: Vec<PlanEntry> = Vec::new();
    let top = if big { "I" } else { "IIA" };
    plan.push((
        Lapas,
        "Lapas",
        "lapas",
        top,
        capital,
        if big { 6.0 } else { 3.0 },
        0.0,
    ));
    plan.push((
        Rutan,
        "Rutan",
        "rutan",
        top,
        capital,
        if big { 6.0 } else { 3.0 },
        0.05,
    ));
    if p.upts >= 5 {
        let class = if big { "IIA" } else { "III" };
        plan.push((
            Lpp,
            "Lapas Perempuan",
            "lpp",
            class,
            capital,
            if big { 1.2 } else { 0.5 },
            1.0,
        ));
    }
    if p.upts >= 6 {
        let class = if big { "I" } else { "II" };
        plan.push((Lpka, "LPKA", "lpka", class, capital, 0.3, 0.0));
    }
    if p.upts >= 10 && p.towns.len() > 1 {
        plan.push((
            Lapas,
            "Lapas Narkotika",
            "lapas-narkotika",
            "IIA",
            p.towns[1],
            3.0,
            0.0,
        ));
    }
    // Women are held in the LPP and in the women's blocks of remand centres; a Lapas
    // keeps a women's block only where the province has no LPP.
    let lapas_women = if p.upts >= 5 { 0.0 } else { 0.04 };
    let mut round = 0usize;
    while plan.len() < p.upts as usize {
        let before = plan.len();
        for (i, town) in p.towns.iter().enumerate().skip(1) {
            if plan.len() >= p.upts as usize {
                break;
            }
            // Alternate Lapas and Rutan over the towns; later rounds add the other kind,
            // then open prisons and branch remand centres.
            let entry = match (round, (i + round) % 2) {
                (0, 0) | (1, 1) => (
                    Lapas,
                    "Lapas",
                    "lapas",
                    if mid { "IIB" } else { "III" },
                    *town,
                    1.5,
                    lapas_women,
                ),
                (0, _) | (1, _) => (Rutan, "Rutan", "rutan", "IIB", *town, 1.2, 0.04),
                (2, _) => (
                    Lapas,
                    "Lapas Terbuka",
                    "lapas-terbuka",
                    "IIB",
                    *town,
                    0.5,
                    0.0,
                ),
                _ => (
                    Rutan,
                    "Cabang Rutan",
                    "cabang-rutan",
                    "IIB",
                    *town,
                    0.4,
                    0.0,
                ),
            };
            plan.push(entry);
        }
        round += 1;
        if plan.len() == before || round > 8 {
            break;
        }
    }
    let total_weight: f64 = plan.iter().map(|e| e.5).sum();
    let mut seen = std::collections::BTreeSet::new();
    plan.into_iter()
        .map(
            |(kind, prefix, slug_prefix, class, (kk, town), weight, women)| {
                let inmates =
                    ((p.inmates as f64 * weight / total_weight).round() as u32).clamp(40, 3400);
                let name = if prefix == "Cabang Rutan" {
                    format!("{prefix} {town}")
                } else {
                    format!("{prefix} Kelas {class} {town}")
                };
                let mut code = format!("{slug_prefix}-{}", slug(town));
                let mut n = 2;
                while !seen.insert(code.clone()) {
                    code = format!("{slug_prefix}-{}-{n}", slug(town));
                    n += 1;
                }
                let region = format!("{kk}.01");
                let mut spec = UptSpec::new(&code, &name, kind, class, &region, inmates);
                if women > 0.0 && women < 1.0 && inmates >= 150 {
                    spec = spec.women(women);
                }
                spec.in_folder(PathBuf::from(p.slug).join(&code))
            },
        )
        .collect()
}

/// Every UPT of the country: the three tabled provinces from their lists, the others
/// from their town lists. Folders `<province slug>/<upt>`.
pub fn national() -> Vec<UptSpec> {
    let mut all: Vec<UptSpec> = Vec::new();
    for (slug, list) in [
        ("sumut", sumut()),
        ("ntt", ntt()),
        ("gorontalo", gorontalo()),
    ] {
        all.extend(list.into_iter().map(|s| {
            let folder = PathBuf::from(slug).join(&s.code);
            s.in_folder(folder)
        }));
    }
    for p in PROVINCES {
        all.extend(province_upts(p));
    }
    // `kode` must be unique in a region folder: a town name found in two provinces
    // (Martapura) gets the province slug on its second use.
    let mut seen = std::collections::BTreeSet::new();
    for spec in &mut all {
        if !seen.insert(spec.code.clone()) {
            let province = spec
                .folder
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .unwrap_or_default();
            spec.code = format!("{}-{province}", spec.code);
            spec.folder = PathBuf::from(&province).join(&spec.code);
            seen.insert(spec.code.clone());
        }
    }
    all.sort_by(|a, b| a.folder.cmp(&b.folder));
    all
}
