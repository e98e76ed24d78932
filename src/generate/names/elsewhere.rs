//! Name lists of the other traditions: Gorontalo, Minahasa, Maluku,
//! Papua, Dayak, Chinese Indonesian, Javanese, Sundanese and Balinese names, and
//! foreigners' names for WNA inmates.

use super::common::Pool;

pub(super) const GORONTALO: Pool = Pool {
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
pub(super) const MINAHASA: Pool = Pool {
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
pub(super) const MALUKU: Pool = Pool {
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
pub(super) const PAPUA: Pool = Pool {
    male: &[
        "Yance", "Markus", "Yulius", "Otto", "Yosias", "Naftali", "Benny", "Lukas", "Yakob",
    ],
    female: &["Yohana", "Maria", "Selina", "Yuliana", "Ribka", "Agustina"],
    family: &[
        "Wenda", "Tabuni", "Wonda", "Yikwa", "Kogoya", "Rumbiak", "Wanggai", "Ayomi", "Mandowen",
        "Karubaba", "Yoku", "Pigai", "Gobai", "Douw",
    ],
};
pub(super) const DAYAK: Pool = Pool {
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
pub(super) const CHINESE: Pool = Pool {
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

pub(super) const JAVANESE_M: &[&str] = &[
    "Slamet", "Suparman", "Agus", "Bambang", "Joko", "Wahyudi", "Sugiarto", "Supriadi", "Budi",
    "Eko", "Heru", "Sutrisno", "Darmaji", "Mulyono", "Tri", "Teguh", "Priyo", "Warsito", "Kasno",
];
pub(super) const JAVANESE_M2: &[&str] = &[
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
pub(super) const JAVANESE_F: &[&str] = &[
    "Sri", "Sumiati", "Tri", "Puji", "Endang", "Suwarni", "Wartini", "Dwi", "Rukmini", "Lestari",
];
pub(super) const JAVANESE_F2: &[&str] = &[
    "Wahyuni",
    "Handayani",
    "Astuti",
    "Lestari",
    "Rahayu",
    "Susanti",
    "Ningsih",
    "Wulandari",
];
pub(super) const SUNDANESE_M: &[&str] = &[
    "Asep", "Ujang", "Dede", "Cecep", "Yayan", "Dadang", "Engkus", "Iwan", "Ade", "Aceng", "Dodi",
];
pub(super) const SUNDANESE_F: &[&str] = &[
    "Euis", "Neneng", "Imas", "Iis", "Cucu", "Enok", "Lilis", "Yati",
];
pub(super) const SUNDANESE_2: &[&str] = &[
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
pub(super) const BALI_M: &[&str] = &[
    "I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Kadek", "I Gede",
];
pub(super) const BALI_F: &[&str] = &[
    "Ni Luh",
    "Ni Made",
    "Ni Nyoman",
    "Ni Ketut",
    "Ni Putu",
    "Ni Kadek",
];
pub(super) const BALI_NAMES: &[&str] = &[
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

pub(super) const FOREIGN_M: &[&str] = &[
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
pub(super) const FOREIGN_F: &[&str] = &[
    "Lê Thị Hoa",
    "Siti Nurhaliza binti Omar",
    "Maria Fernanda Sánchez",
    "Nguyễn Thị Lan",
    "Chen Mei",
    "Adaeze Nwosu",
];
