//! Invented but realistic Indonesian names, by the region a person comes from: Karo,
//! Toba, Mandailing and Nias names in Sumatera Utara, Alor, Timor, Flores and Sumba
//! names in NTT, Gorontalo family names, Javanese, Sundanese, Malay, Bugis, Balinese,
//! Papuan names elsewhere, and foreigners' names for WNA inmates. Some names carry
//! apostrophes (`Ma'ruf`), titles with commas (`S.H.`) or letters beyond ASCII
//! (`André`, `João`, `Nguyễn`) so that every export is exercised on them.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::model::{RegionCode, Sex};

/// The naming tradition a name is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Culture {
    Karo,
    Toba,
    Mandailing,
    Nias,
    Malay,
    Aceh,
    Minang,
    Javanese,
    Sundanese,
    Chinese,
    Bali,
    Sasak,
    Timor,
    Alor,
    Flores,
    Sumba,
    Dayak,
    Banjar,
    Bugis,
    Minahasa,
    Gorontalo,
    Maluku,
    Papua,
}

use Culture::*;

/// Which traditions people from a region are named in, with weights.
pub fn culture_mix(region: &RegionCode) -> &'static [(Culture, u32)] {
    let kk = region.kabkota().unwrap_or("");
    match region.province() {
        "12" => match kk {
            "12.06" => &[
                (Karo, 70),
                (Toba, 10),
                (Javanese, 10),
                (Mandailing, 5),
                (Malay, 5),
            ],
            "12.07" => &[
                (Karo, 25),
                (Toba, 20),
                (Javanese, 25),
                (Mandailing, 10),
                (Malay, 15),
                (Chinese, 5),
            ],
            "12.71" | "12.75" => &[
                (Toba, 25),
                (Javanese, 20),
                (Mandailing, 15),
                (Malay, 15),
                (Chinese, 10),
                (Karo, 10),
                (Minang, 5),
            ],
            "12.01" | "12.02" | "12.12" | "12.16" | "12.17" | "12.73" | "12.11" | "12.15" => {
                &[(Toba, 90), (Mandailing, 5), (Javanese, 5)]
            }
            "12.03" | "12.13" | "12.20" | "12.21" | "12.77" => {
                &[(Mandailing, 85), (Toba, 10), (Javanese, 5)]
            }
            "12.04" | "12.14" | "12.24" | "12.25" | "12.78" => &[(Nias, 95), (Toba, 5)],
            "12.08" | "12.72" => &[(Toba, 45), (Javanese, 35), (Mandailing, 10), (Malay, 10)],
            _ => &[(Javanese, 40), (Malay, 30), (Toba, 15), (Mandailing, 15)],
        },
        "11" => &[(Aceh, 90), (Javanese, 5), (Malay, 5)],
        "13" => &[(Minang, 95), (Javanese, 5)],
        "14" => &[
            (Malay, 45),
            (Minang, 20),
            (Javanese, 20),
            (Toba, 10),
            (Chinese, 5),
        ],
        "15" | "17" => &[(Malay, 55), (Javanese, 30), (Minang, 15)],
        "16" => &[(Malay, 70), (Javanese, 30)],
        "18" => &[(Javanese, 60), (Malay, 25), (Sundanese, 15)],
        "19" => &[(Malay, 70), (Chinese, 20), (Javanese, 10)],
        "21" => &[
            (Malay, 50),
            (Javanese, 20),
            (Chinese, 10),
            (Toba, 10),
            (Minang, 10),
        ],
        "31" => &[
            (Javanese, 35),
            (Sundanese, 25),
            (Malay, 15),
            (Toba, 10),
            (Chinese, 5),
            (Minang, 5),
            (Maluku, 5),
        ],
        "32" => &[(Sundanese, 80), (Javanese, 15), (Toba, 5)],
        "33" | "34" => &[(Javanese, 100)],
        "35" => &[(Javanese, 100)],
        "36" => &[(Sundanese, 60), (Javanese, 30), (Malay, 10)],
        "51" => &[(Bali, 85), (Javanese, 15)],
        "52" => &[(Sasak, 75), (Bugis, 15), (Bali, 10)],
        "53" => match kk {
            "53.05" => &[(Alor, 85), (Timor, 10), (Flores, 5)],
            "53.11" | "53.12" | "53.17" | "53.18" => &[(Sumba, 85), (Timor, 10), (Flores, 5)],
            "53.06" | "53.07" | "53.08" | "53.09" | "53.10" | "53.13" | "53.15" | "53.16"
            | "53.19" => &[(Flores, 90), (Timor, 10)],
            _ => &[(Timor, 80), (Flores, 15), (Alor, 5)],
        },
        "61" => &[(Dayak, 40), (Malay, 40), (Chinese, 10), (Javanese, 10)],
        "62" => &[(Dayak, 60), (Banjar, 25), (Javanese, 15)],
        "63" => &[(Banjar, 85), (Javanese, 15)],
        "64" => &[(Banjar, 30), (Javanese, 30), (Bugis, 25), (Dayak, 15)],
        "65" => &[(Bugis, 40), (Dayak, 30), (Javanese, 20), (Banjar, 10)],
        "71" => &[(Minahasa, 80), (Gorontalo, 20)],
        "72" => &[(Bugis, 40), (Gorontalo, 20), (Javanese, 20), (Minahasa, 20)],
        "73" | "76" => &[(Bugis, 100)],
        "74" => &[(Bugis, 75), (Javanese, 25)],
        "75" => &[(Gorontalo, 95), (Bugis, 5)],
        "81" => &[(Maluku, 100)],
        "82" => &[(Maluku, 70), (Bugis, 20), (Javanese, 10)],
        _ => &[(Papua, 75), (Bugis, 10), (Javanese, 10), (Maluku, 5)],
    }
}

/// Draws a tradition for a person from `region`.
pub fn pick_culture<R: Rng>(rng: &mut R, region: &RegionCode) -> Culture {
    let mix = culture_mix(region);
    let total: u32 = mix.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (c, w) in mix {
        if x < *w {
            return *c;
        }
        x -= w;
    }
    mix.first().map(|(c, _)| *c).unwrap_or(Javanese)
}

const MUSLIM_M: &[&str] = &[
    "Ahmad",
    "Muhammad",
    "Rahmat",
    "Syahrial",
    "Zulkifli",
    "Irfan",
    "Ma'ruf",
    "Khairul",
    "Ridwan",
    "Hasan",
    "Fauzi",
    "Rizki",
    "Arif",
    "Syamsul",
    "Ja'far",
    "Nasrul",
    "Hendra",
    "Iskandar",
    "Yusuf",
    "Taufik",
    "Zainal",
    "Abdul",
    "Saiful",
    "Mu'min",
    "Amiruddin",
    "Darmawan",
    "Faisal",
    "Ilham",
];
const MUSLIM_F: &[&str] = &[
    "Siti",
    "Nurhasanah",
    "Rahmawati",
    "Nur'aini",
    "Aisyah",
    "Fatimah",
    "Dewi",
    "Yusnita",
    "Rosmiati",
    "Khadijah",
    "Nurul",
    "Sri",
    "Zahara",
    "Halimah",
    "Juliana",
    "Safitri",
    "Mardiah",
    "Rina",
];
struct Pool {
    male: &'static [&'static str],
    female: &'static [&'static str],
    family: &'static [&'static str],
}

const KARO: Pool = Pool {
    male: &[
        "Erwin",
        "Terang",
        "Sabar",
        "Robinson",
        "Ngadimin",
        "Juanda",
        "Malem",
        "Pandapotan",
        "Sastra",
        "Terkelin",
        "Anto",
        "Bengkel",
        "Hendra",
        "Rahmat",
        "Kenan",
        "Dedi",
        "Sempurna",
    ],
    female: &[
        "Rosita", "Seri", "Malem", "Erna", "Lisna", "Mindo", "Ngatini", "Tio", "Rasmi", "Pebriani",
        "Asni",
    ],
    family: &[
        "Sembiring",
        "Ginting",
        "Tarigan",
        "Perangin-angin",
        "Karo-Karo",
        "Sembiring Meliala",
        "Sembiring Brahmana",
        "Ginting Manik",
        "Karo-Karo Sitepu",
        "Tarigan Sibero",
        "Perangin-angin Bangun",
        "Ginting Suka",
        "Sembiring Pelawi",
        "Karo-Karo Purba",
    ],
};
const TOBA: Pool = Pool {
    male: &[
        "Hotman",
        "Jonner",
        "Parlindungan",
        "Togar",
        "Maruli",
        "Poltak",
        "Bonar",
        "Sahat",
        "Tigor",
        "Rudolf",
        "Freddy",
        "Darwin",
        "Manahan",
        "Binsar",
        "Janter",
        "Halomoan",
        "Jhonson",
        "Hisar",
    ],
    female: &[
        "Rosmawati",
        "Lamria",
        "Tiurma",
        "Romauli",
        "Dameria",
        "Rotua",
        "Masniari",
        "Herlina",
        "Sondang",
        "Tiarma",
        "Lasma",
        "Nurmaida",
    ],
    family: &[
        "Simanjuntak",
        "Sitorus",
        "Hutapea",
        "Simatupang",
        "Panjaitan",
        "Pardede",
        "Situmorang",
        "Sinaga",
        "Manurung",
        "Napitupulu",
        "Silalahi",
        "Sihombing",
        "Hutagalung",
        "Tampubolon",
        "Marpaung",
        "Simbolon",
        "Pasaribu",
        "Samosir",
        "Saragih",
        "Purba",
        "Damanik",
        "Berutu",
        "Butar-butar",
    ],
};
const MANDAILING: Pool = Pool {
    male: MUSLIM_M,
    female: MUSLIM_F,
    family: &[
        "Nasution",
        "Lubis",
        "Siregar",
        "Harahap",
        "Hasibuan",
        "Rangkuti",
        "Daulay",
        "Pulungan",
        "Batubara",
        "Matondang",
        "Ritonga",
        "Dalimunthe",
        "Pohan",
        "Hutasuhut",
    ],
};
const NIAS: Pool = Pool {
    male: &[
        "Yanuarius",
        "Faomasi",
        "Sokhizaro",
        "Foarota",
        "Aroziduhu",
        "Berkat",
        "Yosafati",
        "Filemon",
        "Efori",
        "Amonius",
    ],
    female: &[
        "Yuliana",
        "Sestina",
        "Nurmalia",
        "Foarosa",
        "Serlina",
        "Kristiani",
        "Martalena",
    ],
    family: &[
        "Telaumbanua",
        "Harefa",
        "Zebua",
        "Gulo",
        "Laia",
        "Hia",
        "Waruwu",
        "Ndruru",
        "Zalukhu",
        "Lase",
        "Halawa",
    ],
};
const ALOR: Pool = Pool {
    male: &[
        "Yohanis",
        "Marthen",
        "Yakobus",
        "Daniel",
        "Yusuf",
        "Petrus",
        "Melkianus",
        "Obed",
        "Agustinus",
        "Abdul",
        "Ma'ruf",
        "Ishak",
        "Semuel",
        "Lukas",
    ],
    female: &[
        "Yuliana",
        "Agustina",
        "Ferderika",
        "Mariana",
        "Naomi",
        "Orpa",
        "Siti",
        "Adelina",
        "Yulita",
    ],
    family: &[
        "Mau",
        "Lau",
        "Dopong",
        "Maro",
        "Lakamau",
        "Mokoni",
        "Atamau",
        "Padakari",
        "Pulinggomang",
        "Koly",
        "Beli",
        "Laumaly",
        "Djahimo",
        "Tulimau",
        "Manikari",
        "Lamma Koly",
    ],
};
const TIMOR: Pool = Pool {
    male: &[
        "Yohanis",
        "Marthen",
        "Yeremias",
        "Ferdinand",
        "Kornelis",
        "Melkisedek",
        "Yusak",
        "Semuel",
        "Arnoldus",
        "José",
        "João",
        "Nikodemus",
    ],
    female: &[
        "Yuliana",
        "Ferderika",
        "Margaretha",
        "Yosina",
        "Adriana",
        "Ance",
        "Anaci",
        "Dolfina",
    ],
    family: &[
        "Ndun",
        "Bessie",
        "Nenobais",
        "Tefa",
        "Sanam",
        "Benu",
        "Taneo",
        "Nubatonis",
        "Tallo",
        "Kase",
        "Ndoen",
        "Messakh",
        "Ndolu",
        "Pandie",
        "Dethan",
        "Bana",
        "da Costa",
    ],
};
const FLORES: Pool = Pool {
    male: &[
        "Yohanes",
        "Fransiskus",
        "Antonius",
        "Aloysius",
        "Benediktus",
        "Kornelius",
        "Marselinus",
        "Hironimus",
        "Yosef",
        "Gregorius",
        "Petrus",
        "André",
        "José",
    ],
    female: &[
        "Maria",
        "Theresia",
        "Yosefina",
        "Maria Goreti",
        "Skolastika",
        "Fransiska",
        "Kresensia",
        "Antonia",
    ],
    family: &[
        "da Costa",
        "Parera",
        "da Silva",
        "Fernandez",
        "Wangge",
        "Nggaa",
        "Lewar",
        "Kelen",
        "Making",
        "Sanga",
        "Beribe",
        "Goa",
        "Gadi",
        "Jehadut",
    ],
};
const SUMBA: Pool = Pool {
    male: &[
        "Yohanis",
        "Petrus",
        "Stefanus",
        "Markus",
        "Lukas",
        "Elias",
        "Umbu Tamu",
        "Umbu Nggiku",
    ],
    female: &[
        "Rambu Ana",
        "Rambu Kahi",
        "Yuliana",
        "Marlina",
        "Ester",
        "Ina",
    ],
    family: &[
        "Hamba",
        "Lawu",
        "Ndapa",
        "Lakulu",
        "Kaledi",
        "Hunggu",
        "Ndakularak",
        "Manu",
        "Bili",
        "Lede",
    ],
};
const GORONTALO: Pool = Pool {
    male: &[
        "Rahman", "Irwan", "Sofyan", "Yusran", "Ma'ruf", "Rizal", "Fadli", "Rusli", "Arifin",
        "Idris", "Hamzah", "Ismail", "Iskandar", "Ramli", "Abdullah",
    ],
    female: &[
        "Nurain", "Sri Ayu", "Fatmah", "Hadija", "Nur'ain", "Rahmatia", "Sitti", "Yulin", "Rukmin",
    ],
    family: &[
        "Hasan",
        "Mohamad",
        "Pakaya",
        "Dunggio",
        "Katili",
        "Ibrahim",
        "Bone",
        "Gobel",
        "Nento",
        "Mooduto",
        "Lamatenggo",
        "Moha",
        "Biya",
        "Usman",
        "Hulopi",
        "Dai",
        "Tangahu",
        "Olii",
        "Djafar",
        "Podungge",
        "Daud",
    ],
};
const MINAHASA: Pool = Pool {
    male: &[
        "Jefry", "Ronny", "Frangky", "Stenly", "Meiky", "Deny", "Hendrik", "Refly", "Noldy",
        "André",
    ],
    female: &[
        "Meity", "Marlyn", "Stevani", "Debby", "Feybe", "Grace", "Olvie", "Yuyun",
    ],
    family: &[
        "Pangemanan",
        "Tumbelaka",
        "Lumenta",
        "Wowor",
        "Mandagi",
        "Sumampouw",
        "Rondonuwu",
        "Kaunang",
        "Lengkong",
        "Rumengan",
        "Kawulusan",
        "Tangkau",
    ],
};
const MALUKU: Pool = Pool {
    male: &[
        "Yopi", "Hengky", "Abdullah", "Jacob", "Rudi", "Fredy", "Yusuf", "Nus", "Wem", "Ongky",
    ],
    female: &[
        "Yolanda", "Sarah", "Fatma", "Nona", "Welmina", "Novita", "Juliana",
    ],
    family: &[
        "Latuconsina",
        "Tuasikal",
        "Pattiasina",
        "Leiwakabessy",
        "Sahetapy",
        "Matulessy",
        "Tuanakotta",
        "Pelupessy",
        "Rumahorbo",
        "Lewerissa",
        "Ohorella",
    ],
};
const PAPUA: Pool = Pool {
    male: &[
        "Yance", "Markus", "Yulius", "Otto", "Yosias", "Naftali", "Benny", "Lukas", "Yakob",
    ],
    female: &["Yohana", "Maria", "Selina", "Yuliana", "Ribka", "Agustina"],
    family: &[
        "Wenda", "Tabuni", "Wonda", "Yikwa", "Kogoya", "Rumbiak", "Wanggai", "Ayomi", "Mandowen",
        "Karubaba", "Yoku", "Pigai", "Gobai", "Douw",
    ],
};
const DAYAK: Pool = Pool {
    male: &[
        "Yohanes",
        "Simon",
        "Anyi",
        "Lawing",
        "Herkulanus",
        "Ignasius",
        "Benediktus",
        "Damianus",
    ],
    female: &[
        "Maria",
        "Yuliana",
        "Veronika",
        "Lusia",
        "Yosephine",
        "Agatha",
    ],
    family: &[
        "Lawing", "Anyi", "Ajang", "Ngau", "Juk", "Usat", "Bilung", "Tingang", "Lanying", "Alang",
    ],
};
const CHINESE: Pool = Pool {
    male: &[
        "Hendra", "Andi", "Johan", "Sutrisno", "Budi", "Kevin", "Wilson", "Hendrik", "André",
    ],
    female: &[
        "Lili", "Susanti", "Meliana", "Wenny", "Yenny", "Lisa", "Mei Ling",
    ],
    family: &[
        "Wijaya", "Gunawan", "Halim", "Tanoto", "Salim", "Santoso", "Lim", "Tan", "Kurniadi",
    ],
};

const JAVANESE_M: &[&str] = &[
    "Slamet", "Suparman", "Agus", "Bambang", "Joko", "Wahyudi", "Sugiarto", "Supriadi", "Budi",
    "Eko", "Heru", "Sutrisno", "Darmaji", "Mulyono", "Tri", "Teguh", "Priyo", "Warsito", "Kasno",
];
const JAVANESE_M2: &[&str] = &[
    "Riyadi",
    "Susilo",
    "Santoso",
    "Prasetyo",
    "Hartono",
    "Setiawan",
    "Purnomo",
    "Wibowo",
    "Nugroho",
    "Saputro",
    "Haryanto",
    "Kurniawan",
];
const JAVANESE_F: &[&str] = &[
    "Sri", "Sumiati", "Tri", "Puji", "Endang", "Suwarni", "Wartini", "Dwi", "Rukmini", "Lestari",
];
const JAVANESE_F2: &[&str] = &[
    "Wahyuni",
    "Handayani",
    "Astuti",
    "Lestari",
    "Rahayu",
    "Susanti",
    "Ningsih",
    "Wulandari",
];
const SUNDANESE_M: &[&str] = &[
    "Asep", "Ujang", "Dede", "Cecep", "Yayan", "Dadang", "Engkus", "Iwan", "Ade", "Aceng", "Dodi",
];
const SUNDANESE_F: &[&str] = &[
    "Euis", "Neneng", "Imas", "Iis", "Cucu", "Enok", "Lilis", "Yati",
];
const SUNDANESE_2: &[&str] = &[
    "Saepudin",
    "Suryana",
    "Hidayat",
    "Sumarna",
    "Rohmat",
    "Kurnia",
    "Sopian",
    "Supriatna",
    "Mulyana",
    "Rahmawati",
    "Nurhayati",
];
const BALI_M: &[&str] = &[
    "I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Kadek", "I Gede",
];
const BALI_F: &[&str] = &[
    "Ni Luh",
    "Ni Made",
    "Ni Nyoman",
    "Ni Ketut",
    "Ni Putu",
    "Ni Kadek",
];
const BALI_NAMES: &[&str] = &[
    "Sudarma",
    "Suarta",
    "Artawan",
    "Mertayasa",
    "Sukadana",
    "Wirawan",
    "Astawa",
    "Suastini",
    "Ariani",
    "Sriasih",
    "Budiarta",
    "Sumerta",
];

fn pick<'a, R: Rng>(rng: &mut R, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("Budi")
}

fn from_pool<R: Rng>(rng: &mut R, pool: &Pool, sex: Sex) -> String {
    let given = match sex {
        Sex::L => pick(rng, pool.male),
        Sex::P => pick(rng, pool.female),
    };
    format!("{given} {}", pick(rng, pool.family))
}

fn muslim_plain<R: Rng>(rng: &mut R, sex: Sex) -> String {
    let list = match sex {
        Sex::L => MUSLIM_M,
        Sex::P => MUSLIM_F,
    };
    let a = pick(rng, list);
    let mut b = pick(rng, list);
    if a == b {
        b = pick(rng, list);
    }
    if a == b || rng.gen_bool(0.15) {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// A person's full name in the given tradition.
pub fn person_name<R: Rng>(rng: &mut R, culture: Culture, sex: Sex) -> String {
    match culture {
        Karo => {
            let given = match sex {
                Sex::L => pick(rng, KARO.male),
                Sex::P => pick(rng, KARO.female),
            };
            let marga = pick(rng, KARO.family);
            match sex {
                Sex::P if rng.gen_bool(0.7) => format!("{given} br {marga}"),
                _ => format!("{given} {marga}"),
            }
        }
        Toba => {
            let given = match sex {
                Sex::L => pick(rng, TOBA.male),
                Sex::P => pick(rng, TOBA.female),
            };
            let marga = pick(rng, TOBA.family);
            match sex {
                Sex::P if rng.gen_bool(0.5) => format!("{given} br. {marga}"),
                _ => format!("{given} {marga}"),
            }
        }
        Mandailing => from_pool(rng, &MANDAILING, sex),
        Nias => from_pool(rng, &NIAS, sex),
        Alor => from_pool(rng, &ALOR, sex),
        Timor => from_pool(rng, &TIMOR, sex),
        Flores => from_pool(rng, &FLORES, sex),
        Sumba => from_pool(rng, &SUMBA, sex),
        Gorontalo => from_pool(rng, &GORONTALO, sex),
        Minahasa => from_pool(rng, &MINAHASA, sex),
        Maluku => from_pool(rng, &MALUKU, sex),
        Papua => from_pool(rng, &PAPUA, sex),
        Dayak => from_pool(rng, &DAYAK, sex),
        Chinese => from_pool(rng, &CHINESE, sex),
        Malay | Minang | Banjar => muslim_plain(rng, sex),
        Aceh => {
            let name = muslim_plain(rng, sex);
            match sex {
                Sex::L if rng.gen_bool(0.05) => format!("Teuku {name}"),
                Sex::P if rng.gen_bool(0.05) => format!("Cut {name}"),
                _ => name,
            }
        }
        Bugis => {
            let name = muslim_plain(rng, sex);
            let name = match name.strip_prefix("Muhammad ") {
                Some(rest) if rng.gen_bool(0.5) => format!("Muh. {rest}"),
                _ => name,
            };
            if rng.gen_bool(0.08) {
                format!("Andi {name}")
            } else {
                name
            }
        }
        Sasak => {
            let name = muslim_plain(rng, sex);
            match sex {
                Sex::L if rng.gen_bool(0.15) => format!("Lalu {name}"),
                Sex::P if rng.gen_bool(0.15) => format!("Baiq {name}"),
                _ => name,
            }
        }
        Javanese => {
            let (first, second) = match sex {
                Sex::L => (JAVANESE_M, JAVANESE_M2),
                Sex::P => (JAVANESE_F, JAVANESE_F2),
            };
            let a = pick(rng, first);
            if rng.gen_bool(0.3) && a != "Tri" && a != "Sri" && a != "Dwi" {
                a.to_string()
            } else {
                let b = pick(rng, second);
                if a == b {
                    a.to_string()
                } else {
                    format!("{a} {b}")
                }
            }
        }
        Sundanese => {
            let a = match sex {
                Sex::L => pick(rng, SUNDANESE_M),
                Sex::P => pick(rng, SUNDANESE_F),
            };
            format!("{a} {}", pick(rng, SUNDANESE_2))
        }
        Bali => {
            let prefix = match sex {
                Sex::L => pick(rng, BALI_M),
                Sex::P => pick(rng, BALI_F),
            };
            format!("{prefix} {}", pick(rng, BALI_NAMES))
        }
    }
}

const FOREIGN_M: &[&str] = &[
    "Nguyễn Văn Minh",
    "Trần Quốc Bảo",
    "Lim Wei Jie",
    "Muhammad Hafiz bin Ismail",
    "Somchai Srisuk",
    "Chukwuemeka Okafor",
    "Pedro Álvarez",
    "Mohammad Reza Karimi",
    "Wang Jun",
    "Ahmed Al-Rashid",
    "Rajesh Kumar",
    "Bounmy Phommachanh",
];
const FOREIGN_F: &[&str] = &[
    "Lê Thị Hoa",
    "Siti Nurhaliza binti Omar",
    "Maria Fernanda Sánchez",
    "Nguyễn Thị Lan",
    "Chen Mei",
    "Adaeze Nwosu",
];

/// The name of a foreign (WNA) inmate.
pub fn foreign_name<R: Rng>(rng: &mut R, sex: Sex) -> String {
    match sex {
        Sex::L => pick(rng, FOREIGN_M),
        Sex::P => pick(rng, FOREIGN_F),
    }
    .to_string()
}
