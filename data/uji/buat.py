#!/usr/bin/env python3
"""Fasilitas uji tulisan tangan untuk tpsplan (data sintetis, bukan data SDP).

Menulis enam folder UPT di samping berkas ini (data/uji/<nama>/) beserta README.md:
facility.toml, layout/nodes.csv, layout/paths.csv, inmates.csv, staff.csv.
Bentuknya sengaja tidak pernah dibuat oleh `tpsplan generate`: denah rantai, bintang,
kisi, cincin dan kompleks terpencar, blok berukuran tidak rata, beberapa zona, lokasi
TPS di zona tersendiri, jalur panjang dengan titik pemeriksaan.

Hanya pustaka standar Python 3; setiap UPT memakai RNG dengan benih tetap sendiri,
sehingga menjalankan skrip dua kali menghasilkan berkas yang sama byte demi byte.
Nama, NIK, NKK dan NIP semuanya rekaan.

    python3 data/uji/buat.py
"""

import csv
import datetime as dt
import os
import random
import shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
ELECTION = dt.date(2024, 2, 14)
BASE_SEED = 20240214

# ---------------------------------------------------------------------------
# Wilayah (kode Kemendagri). Kab/kota yang kecamatannya ada di
# data/reference/kecamatan.csv hanya memakai kecamatan yang terdaftar di sana.
# ---------------------------------------------------------------------------

LISTED_KEC = {
    "12.06": ["12.06.%02d" % i for i in range(1, 18)],
    "12.07": ["12.07.%02d" % i for i in list(range(1, 10)) + list(range(19, 29)) + [31, 32, 33]],
    "12.71": ["12.71.%02d" % i for i in range(1, 22)],
    "53.05": ["53.05.%02d" % i for i in range(1, 19)],
    "75.04": ["75.04.%02d" % i for i in range(1, 14)],
}

# Kab/kota lain: kode dan perkiraan jumlah kecamatan (tabel referensi tidak memuat
# kecamatannya, jadi kode kecamatan mana pun di bawahnya sah).
OTHER_KAB = {
    "12": [("12.01", 20), ("12.02", 15), ("12.03", 14), ("12.04", 10), ("12.05", 23),
           ("12.08", 32), ("12.09", 25), ("12.10", 9), ("12.11", 15), ("12.12", 16),
           ("12.13", 23), ("12.14", 35), ("12.16", 10), ("12.17", 9), ("12.18", 17),
           ("12.19", 12), ("12.72", 8), ("12.73", 4), ("12.74", 6), ("12.75", 5),
           ("12.76", 5), ("12.77", 6), ("12.78", 6)],
    "53": [("53.01", 24), ("53.02", 32), ("53.03", 24), ("53.04", 12), ("53.06", 19),
           ("53.07", 21), ("53.08", 21), ("53.13", 9), ("53.21", 12), ("53.71", 6)],
    "75": [("75.01", 19), ("75.02", 7), ("75.03", 18), ("75.05", 11), ("75.71", 9)],
}

OTHER_PROV = [("11.71", 9), ("13.71", 11), ("14.71", 15), ("16.71", 18), ("18.71", 20),
              ("21.71", 12), ("31.71", 8), ("31.72", 6), ("31.75", 10), ("32.73", 30),
              ("32.75", 12), ("33.74", 16), ("35.78", 31), ("36.71", 13), ("51.71", 4),
              ("52.71", 6), ("61.71", 6), ("64.72", 10), ("71.71", 11), ("72.71", 8),
              ("73.71", 15), ("74.71", 11), ("81.71", 5), ("91.71", 5)]
NEAR_PROV = {  # provinsi tetangga yang lebih sering muncul
    "12": [("11.71", 9), ("13.71", 11), ("14.71", 15), ("21.71", 12), ("11.06", 23)],
    "53": [("52.71", 6), ("51.71", 4), ("73.71", 15), ("35.78", 31)],
    "75": [("71.71", 11), ("72.71", 8), ("73.71", 15), ("71.04", 13)],
}


def kec_of_kab(rng, kab):
    if kab in LISTED_KEC:
        return rng.choice(LISTED_KEC[kab])
    for prov in OTHER_KAB.values():
        for code, n in prov:
            if code == kab:
                return "%s.%02d" % (kab, rng.randint(1, n))
    for code, n in OTHER_PROV + [c for v in NEAR_PROV.values() for c in v]:
        if code == kab:
            return "%s.%02d" % (kab, rng.randint(1, n))
    raise KeyError(kab)


def pick_region(rng, mix, own_kec):
    """mix: list of (weight, what); what = 'own' | 'kab:12.71' | 'prov:12' | 'near' | 'jauh' | 'kosong'."""
    total = sum(w for w, _ in mix)
    r = rng.random() * total
    for w, what in mix:
        r -= w
        if r < 0:
            break
    own_prov = own_kec[:2]
    if what == "own":
        return own_kec
    if what.startswith("kab:"):
        return kec_of_kab(rng, what[4:])
    if what == "prov":  # kab/kota lain di provinsi UPT
        code, n = rng.choice(OTHER_KAB[own_prov])
        return kec_of_kab(rng, code) if code in LISTED_KEC else "%s.%02d" % (code, rng.randint(1, n))
    if what == "near":
        code, n = rng.choice(NEAR_PROV[own_prov])
        return "%s.%02d" % (code, rng.randint(1, n))
    if what == "jauh":
        code, n = rng.choice(OTHER_PROV)
        return "%s.%02d" % (code, rng.randint(1, n))
    return ""


# ---------------------------------------------------------------------------
# Nama rekaan
# ---------------------------------------------------------------------------

SUMUT_M = ["Andi", "Budi", "Rudi", "Hendra", "Ferry", "Jefri", "Roy", "Rizky", "Fajar", "Agus",
           "Dedi", "Irwan", "Rahmat", "Ahmad", "Muhammad", "Syahrul", "Zulkarnain", "Bonar",
           "Tumpal", "Poltak", "Sahat", "Togar", "Hotman", "Marihot", "Parlindungan", "Binsar",
           "Daniel", "Samuel", "Yosua", "Ricardo", "Edi", "Rinaldi", "Herman", "Junaidi",
           "Sutrisno", "Supriadi", "Khairul", "Taufik", "Indra", "Arief", "Dani", "Benny",
           "Frans", "Johannes", "Lamhot", "Pangihutan", "Erwin", "Sempurna", "Terkelin",
           "Bambang", "Ilham", "Reza", "Aldi", "Gilang", "Kevin", "Yudi", "Wahyu", "Rasyid",
           "Malem", "Kenan", "Jhon", "Hasudungan", "Mangasi", "Batara", "Dodi", "Riko"]
SUMUT_F = ["Rina", "Sri", "Dewi", "Nurhayati", "Lestari", "Maria", "Rosita", "Elvina", "Sartika",
           "Yuni", "Fitri", "Nova", "Ratna", "Lisbet", "Melati", "Herlina", "Juliana",
           "Rosmawati", "Sumiati", "Rahma", "Siti", "Nurul", "Intan", "Putri", "Wulan", "Dina",
           "Ayu", "Evi", "Tiurma", "Rotua", "Romauli", "Masniari", "Friska", "Devi", "Kartini",
           "Yanti", "Erna", "Lina", "Mery", "Susi", "Rasmi", "Ngatini", "Tetty", "Roida"]
BATAK = ["Simanjuntak", "Siregar", "Nasution", "Harahap", "Lubis", "Sitompul", "Hutapea",
         "Pardede", "Manurung", "Sinaga", "Sitorus", "Tambunan", "Panjaitan", "Situmorang",
         "Simatupang", "Hutagalung", "Napitupulu", "Silalahi", "Purba", "Saragih", "Damanik",
         "Pasaribu", "Sihombing", "Matondang", "Rangkuti", "Daulay"]
KARO = ["Ginting", "Sembiring", "Tarigan", "Karo-Karo", "Perangin-angin", "Sitepu", "Barus",
        "Bangun", "Sinulingga", "Ginting Suka", "Sembiring Meliala", "Tarigan Sibero"]
NIAS = ["Zebua", "Gulo", "Harefa", "Laia", "Telaumbanua", "Waruwu", "Hulu", "Lase"]
MELAYU = ["Syahputra", "Saputra", "Pratama", "Hidayat", "Ramadhan", "Siswanto", "Wijaya",
          "Kurniawan", "Hasibuan", "Nugraha", "Firmansyah", "Effendi"]

NTT_M = ["Yohanes", "Markus", "Yakobus", "Petrus", "Agustinus", "Fransiskus", "Alfons",
         "Dominikus", "Lukas", "Matius", "Kornelis", "Simon", "Stefanus", "Yosef", "Paulus",
         "Rafael", "Wilhelmus", "Aris", "Jemmy", "Obed", "Yeremias", "Marthen", "Daud",
         "Habel", "Melkianus", "Ferdinand", "Isak", "Gidion"]
NTT_F = ["Maria", "Yuliana", "Agustina", "Margaretha", "Yohana", "Katarina", "Elisabeth",
         "Serlina", "Dorkas", "Ester", "Ribka", "Sarlota", "Martha", "Yosefina", "Adriana",
         "Naomi", "Welmince", "Orpa"]
NTT_S = ["Lake", "Mau", "Bani", "Laka", "Malaikosa", "Djahi", "Lelang", "Koly", "Maro", "Tallo",
         "Weni", "Blegur", "Mautuka", "Atamau", "Lamma", "Padabang", "Maufani", "Kolimon",
         "Molebila", "Laupada", "Dopong", "Takalapeta", "Mooy", "Ndun", "Lenggu", "Bessie",
         "Nope", "Tanone", "Manilehi", "Kafolamau"]

GTO_M = ["Rahmat", "Irfan", "Yusuf", "Rizal", "Abdul", "Ismail", "Arifin", "Taufik", "Hendrik",
         "Fadli", "Syamsul", "Ridwan", "Jefri", "Sofyan", "Rivai", "Rusli", "Hamzah", "Ikbal",
         "Fikri", "Amir", "Zulkifli", "Yamin", "Wahyudin", "Ramli", "Kasim", "Ardiansyah",
         "Moh. Rizki", "Sutrisno", "Alfian", "Irwan"]
GTO_F = ["Nurhayati", "Rahmawati", "Sitti", "Fatma", "Hadija", "Yusna", "Ningsih", "Sri",
         "Rosmin", "Nurain", "Asna", "Mariyam", "Suryani", "Lian", "Yulianti", "Sartin"]
GTO_S = ["Mohamad", "Hasan", "Pakaya", "Dunggio", "Gobel", "Katili", "Lamato", "Hulopi", "Naue",
         "Mooduto", "Olii", "Daud", "Bumulo", "Tangahu", "Moito", "Ibrahim", "Latif", "Abas",
         "Usman", "Paneo", "Monoarfa", "Djafar", "Kadir", "Yunus", "Husain", "Lihawa", "Kiayi",
         "Nusi", "Tuli", "Botutihe"]

NAS_M = ["Agus", "Eko", "Budi", "Joko", "Slamet", "Bambang", "Dwi", "Tri", "Heru", "Wawan",
         "Yoga", "Andika", "Arif", "Hendro", "Sugeng", "Teguh", "Wahyu", "Rendy", "Fikri", "Bayu",
         "Afrizal", "Andre", "Ketut", "Made", "Andi"]
NAS_F = ["Sri", "Dwi", "Endang", "Wulan", "Ani", "Nur", "Tri", "Yuli", "Rini", "Ratna", "Ni Made",
         "Desi", "Fitria"]
NAS_S = ["Setiawan", "Prasetyo", "Santoso", "Susilo", "Riyadi", "Nugroho", "Wibowo", "Hartono",
         "Kurniawan", "Saputra", "Pratama", "Hidayat", "Firmansyah", "Gunawan", "Purnomo",
         "Siswanto", "Sutanto", "Wijaya", "Ramadhan", "Wahyuni", "Lestari", "Handayani",
         "Rahayu", "Astuti", "Kusumawati", "Susanti", "Anggraini", "Putra", "Permana"]

WNA_M = ["Ah Chong Lim", "Mohd Hafiz bin Rosli", "Chukwuemeka Obi", "Nguyen Van Thanh",
         "Somchai Wongsawat", "Tran Minh Hieu", "Zhang Wei Ming", "Kamal Hossain",
         "Joao da Costa Soares", "Abdulrahim Khan", "Mohd Faizal bin Osman", "Okonkwo Ifeanyi",
         "Lee Kok Wai", "Domingos Pereira Ximenes"]
WNA_F = ["Nur Aisyah binti Kamal", "Nguyen Thi Lan", "Tan Mei Ling", "Amara Okafor",
         "Lourdes Maria Guterres"]


def person_name(rng, prov, sex, flavour=None):
    if prov == "53":
        g = rng.choice(NTT_M if sex == "L" else NTT_F)
        return "%s %s" % (g, rng.choice(NTT_S))
    if prov == "75":
        g = rng.choice(GTO_M if sex == "L" else GTO_F)
        return "%s %s" % (g, rng.choice(GTO_S))
    if prov == "12":
        r = rng.random()
        karo_share = 0.55 if flavour == "karo" else 0.2
        if r < karo_share:
            fam = rng.choice(KARO)
        elif r < karo_share + 0.45:
            fam = rng.choice(BATAK)
        elif r < karo_share + 0.52:
            fam = rng.choice(NIAS)
        else:
            fam = rng.choice(MELAYU)
        if sex == "L":
            return "%s %s" % (rng.choice(SUMUT_M), fam)
        g = rng.choice(SUMUT_F)
        if fam in BATAK or fam in KARO:
            return "%s %s %s" % (g, rng.choice(["br.", "br"]), fam)
        return "%s %s" % (g, fam)
    g = rng.choice(NAS_M if sex == "L" else NAS_F)
    return "%s %s" % (g, rng.choice(NAS_S))


# ---------------------------------------------------------------------------
# Tanggal, NIK, NKK
# ---------------------------------------------------------------------------


def rand_date(rng, start, end):
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def birth_for_age(rng, age):
    """A birth date giving exactly `age` whole years on election day."""
    start = dt.date(ELECTION.year - age - 1, ELECTION.month, ELECTION.day) + dt.timedelta(days=1)
    end = dt.date(ELECTION.year - age, ELECTION.month, ELECTION.day)
    return rand_date(rng, start, end)


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class Ids:
    def __init__(self, rng):
        self.rng = rng
        self.nik = set()
        self.nkk = set()

    def nik_for(self, region, birth, sex):
        prefix = region.replace(".", "")
        day = birth.day + (40 if sex == "P" else 0)
        while True:
            v = "%s%02d%02d%02d%04d" % (prefix, day, birth.month, birth.year % 100,
                                        self.rng.randint(1, 9999))
            if v not in self.nik:
                self.nik.add(v)
                return v

    def nkk_for(self, region, data_date):
        prefix = region.replace(".", "")
        while True:
            d = rand_date(self.rng, dt.date(2006, 1, 1), min(data_date, dt.date(2023, 12, 31)))
            v = "%s%02d%02d%02d%04d" % (prefix, d.day, d.month, d.year % 100,
                                        self.rng.randint(1, 9999))
            if v not in self.nkk:
                self.nkk.add(v)
                return v


def adult_age(rng):
    r = rng.random()
    if r < 0.15:
        return rng.randint(19, 24)
    if r < 0.50:
        return rng.randint(25, 34)
    if r < 0.78:
        return rng.randint(35, 44)
    if r < 0.93:
        return rng.randint(45, 54)
    return rng.randint(55, 70)


def marital_for(rng, age):
    r = rng.random()
    if age < 25:
        return "B" if r < 0.75 else ("S" if r < 0.97 else "P")
    if age < 35:
        return "B" if r < 0.40 else ("S" if r < 0.92 else "P")
    return "B" if r < 0.15 else ("S" if r < 0.85 else "P")


# ---------------------------------------------------------------------------
# Roster WBP
# ---------------------------------------------------------------------------

INMATE_COLS = ["no_registrasi", "nama", "nik", "nkk", "jenis_kelamin", "tanggal_lahir",
               "status_kawin", "kewarganegaraan", "status", "blok", "kamar", "tingkat_risiko",
               "kode_wilayah_ktp", "hak_pilih_dicabut", "ktp_el", "pendaftaran",
               "tanggal_bebas", "kebutuhan"]


class Block:
    def __init__(self, node, prefix, n, sex="L", risk=None, tahanan=0.1, ages=None, per_room=20):
        self.node = node          # id simpul di layout
        self.prefix = prefix      # awalan kamar
        self.n = n
        self.sex = sex
        self.risk = risk or [("minimum", 0.45), ("medium", 0.55)]
        self.tahanan = tahanan    # bagian tahanan (sisanya narapidana)
        self.ages = ages          # fungsi rng -> umur, atau None (dewasa)
        self.per_room = per_room


def weighted(rng, items):
    total = sum(w for _, w in items)
    r = rng.random() * total
    for v, w in items:
        r -= w
        if r < 0:
            return v
    return items[-1][0]


class Roster:
    def __init__(self, rng, own_kec, data_date, region_mix, flavour=None):
        self.rng = rng
        self.own = own_kec
        self.data_date = data_date
        self.mix = region_mix
        self.flavour = flavour
        self.ids = Ids(rng)
        self.rows = []

    def _identity(self, r, region):
        """Set region, name-independent ids for row r."""
        r["kode_wilayah_ktp"] = region
        if region:
            r["nik"] = self.ids.nik_for(region, r["_birth"], r["jenis_kelamin"])
            r["nkk"] = self.ids.nkk_for(region, self.data_date)
        else:
            r["nik"] = ""
            r["nkk"] = ""

    def add_block(self, b):
        rng = self.rng
        rooms = max(1, -(-b.n // b.per_room))
        for i in range(b.n):
            sex = b.sex
            age = b.ages(rng) if b.ages else adult_age(rng)
            birth = birth_for_age(rng, age)
            region = pick_region(rng, self.mix, self.own)
            prov = region[:2] if region else self.own[:2]
            status = "tahanan" if rng.random() < b.tahanan else "narapidana"
            r = {
                "_birth": birth,
                "nama": person_name(rng, prov, sex, self.flavour),
                "jenis_kelamin": sex,
                "tanggal_lahir": birth.isoformat(),
                "status_kawin": marital_for(rng, age),
                "kewarganegaraan": "WNI",
                "status": status,
                "blok": b.node,
                "kamar": "%s-%02d" % (b.prefix, 1 + i % rooms),
                "tingkat_risiko": weighted(rng, b.risk),
                "hak_pilih_dicabut": "tidak",
                "ktp_el": "ya",
                # dpt_asal: on the DPT at home, Model A still to file (issue 13)
                "pendaftaran": (lambda x: "dpt" if x < 0.74 else ("dptb" if x < 0.93 else "dpt_asal"))(rng.random()),
                "tanggal_bebas": "",
                "kebutuhan": "",
                "_lock": False,
            }
            self._identity(r, region)
            if region == "":
                r["ktp_el"] = "tidak"
                r["pendaftaran"] = "belum"
            if status == "narapidana" and rng.random() < 0.62:
                r["tanggal_bebas"] = rand_date(rng, dt.date(2024, 3, 1), dt.date(2031, 12, 31)).isoformat()
            if age >= 62 and rng.random() < 0.25:
                r["kebutuhan"] = "pendampingan"
            self.rows.append(r)

    # -- pilihan acak di antara WBP yang belum "dikunci" oleh kasus lain
    def pick(self, n, where=lambda r: True):
        pool = [i for i, r in enumerate(self.rows) if not r["_lock"] and where(r)]
        chosen = self.rng.sample(pool, min(n, len(pool)))
        for i in chosen:
            self.rows[i]["_lock"] = True
        return [self.rows[i] for i in chosen]

    def apply_obstacles(self, wna=0, tanpa_dok=0, tanpa_nkk=0, tanpa_nik=0, tanpa_ktp_el=0,
                        dpk_lokal=0, dpk_lain=0, bebas_sebelum=0, bebas_hari_h=0, dicabut=0,
                        klinik=0, pendampingan=0, where=lambda r: True):
        rng = self.rng
        # kasus dengan tanggal/daerah sendiri dulu
        for r in self.pick(wna, where):
            r["kewarganegaraan"] = "WNA"
            r["nama"] = rng.choice(WNA_M if r["jenis_kelamin"] == "L" else WNA_F)
            self._identity(r, "")
            r["ktp_el"] = "tidak"
            r["pendaftaran"] = "belum"
        for r in self.pick(tanpa_dok, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            self._identity(r, "")
            r["ktp_el"] = "tidak"
            r["pendaftaran"] = "belum"
        for r in self.pick(tanpa_nkk, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            r["nkk"] = ""
            r["pendaftaran"] = rng.choice(["belum", "belum", "dpt"])
        for r in self.pick(tanpa_nik, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            r["nik"] = ""
            r["pendaftaran"] = rng.choice(["belum", "dpt"])
        for r in self.pick(tanpa_ktp_el, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            r["ktp_el"] = "tidak"
            r["pendaftaran"] = "belum"
        for r in self.pick(dpk_lokal, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            self.ids.nik.discard(r["nik"])
            self.ids.nkk.discard(r["nkk"])
            self._identity(r, self.own)
            r["pendaftaran"] = "belum"
            r["ktp_el"] = "ya"
        for r in self.pick(dpk_lain, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            r["pendaftaran"] = "belum"
            r["ktp_el"] = "ya"
        day1 = self.data_date + dt.timedelta(days=1)
        for r in self.pick(bebas_sebelum, lambda r: where(r) and r["status"] == "narapidana"):
            r["tanggal_bebas"] = rand_date(rng, day1, ELECTION - dt.timedelta(days=1)).isoformat()
        for r in self.pick(bebas_hari_h, lambda r: where(r) and r["status"] == "narapidana"
                           and r["kode_wilayah_ktp"] != "" and r["pendaftaran"] != "belum"):
            r["tanggal_bebas"] = ELECTION.isoformat()
        for r in self.pick(dicabut, lambda r: where(r) and r["status"] == "narapidana"):
            r["hak_pilih_dicabut"] = "ya"
            r["tanggal_bebas"] = ""
        for r in self.pick(klinik, lambda r: where(r) and r["kode_wilayah_ktp"] != ""
                           and r["pendaftaran"] != "belum"):
            r["kebutuhan"] = "klinik"
        for r in self.pick(pendampingan, lambda r: where(r) and r["kode_wilayah_ktp"] != ""):
            r["kebutuhan"] = "pendampingan"

    def finish(self):
        """Nomor registrasi SDP: urut per UPT, awalan menurut status."""
        rng = self.rng
        seq = rng.randint(40, 400)
        out = []
        for r in self.rows:
            seq += rng.randint(1, 4)
            if r["status"] == "narapidana":
                if r["tingkat_risiko"] in ("maximum", "tinggi") and rng.random() < 0.08:
                    pre = "SH"
                else:
                    pre = weighted(rng, [("BI", 0.8), ("BIIa", 0.15), ("BIIb", 0.05)])
                year = rng.randint(2015, 2023)
            else:
                pre = weighted(rng, [("AII", 0.2), ("AIII", 0.35), ("AIV", 0.4), ("AV", 0.05)])
                year = 2023 if rng.random() < 0.8 else 2024
            r["no_registrasi"] = "%s-%04d/%d" % (pre, seq, year)
            out.append(r)
        return out


# ---------------------------------------------------------------------------
# Petugas
# ---------------------------------------------------------------------------

STAFF_COLS = ["nip", "nama", "jenis_kelamin", "tanggal_lahir", "pendidikan", "peran", "jam_mulai",
              "jam_selesai", "pakta_integritas", "izin_atasan", "anggota_partai"]

GELAR = {
    "D3": [", A.Md.P.", ", A.Md.", ", A.Md.Kep."],
    "S1": [", S.H.", ", S.Sos.", ", S.E.", ", S.Kom.", ", S.Pd.", ", S.Psi."],
    "S2": [", S.H., M.H.", ", S.Sos., M.Si.", ", S.E., M.M."],
}


class Group:
    """Sekelompok petugas dengan jam dinas dan peran yang sama.

    women: jumlah perempuan (tepat). Untuk tim KPPS, tanpa_pakta / tanpa_izin / partai
    adalah jumlah tepat petugas (berbeda orang) yang tidak boleh duduk di KPPS; untuk
    kelompok lain pakta/izin diundi dengan peluang pakta_p / izin_p.
    """

    def __init__(self, n, jam, peran, women, peran_p=None, tanpa_pakta=0, tanpa_izin=0,
                 partai=0, pakta_p=0.6, izin_p=0.3, edu=None, old=0.12, kpps_team=False):
        self.n = n
        self.jam = jam
        self.peran = peran          # list of (peran, bobot)
        self.peran_p = peran_p or peran  # peran petugas perempuan
        self.women = women
        self.tanpa_pakta = tanpa_pakta
        self.tanpa_izin = tanpa_izin
        self.partai = partai
        self.pakta_p = pakta_p
        self.izin_p = izin_p
        self.edu = edu or [("SMA", 0.6), ("D3", 0.15), ("S1", 0.22), ("S2", 0.03)]
        self.old = old              # bagian berumur 56-58
        self.kpps_team = kpps_team


def staff_age(rng, old):
    if rng.random() < old:
        return rng.randint(56, 58)
    r = rng.random()
    if r < 0.2:
        return rng.randint(22, 28)
    if r < 0.55:
        return rng.randint(29, 39)
    return rng.randint(40, 55)


def make_staff(rng, prov, groups, flavour=None):
    rows = []
    nips = set()
    for g in groups:
        sexes = ["P"] * g.women + ["L"] * (g.n - g.women)
        rng.shuffle(sexes)
        barred = rng.sample(range(g.n), g.tanpa_pakta + g.tanpa_izin + g.partai)
        no_pakta = set(barred[:g.tanpa_pakta])
        no_izin = set(barred[g.tanpa_pakta:g.tanpa_pakta + g.tanpa_izin])
        partai = set(barred[g.tanpa_pakta + g.tanpa_izin:])
        for i, sex in enumerate(sexes):
            age = staff_age(rng, g.old)
            birth = birth_for_age(rng, age)
            edu = weighted(rng, g.edu)
            if not g.kpps_team and age >= 50 and edu == "SMA" and rng.random() < 0.15:
                edu = "SMP"
            if age < 25 and edu in ("S2",):
                edu = "S1"
            tmt_year = min(2023, birth.year + rng.randint(19, 30))
            if edu in ("S1", "S2", "D3"):
                tmt_year = min(2023, max(tmt_year, birth.year + 22))
            tmt_year = max(tmt_year, birth.year + 18)
            while True:
                nip = "%s%d%02d%s%03d" % (birth.strftime("%Y%m%d"), tmt_year, rng.randint(1, 12),
                                          "1" if sex == "L" else "2", rng.randint(1, 999))
                if nip not in nips:
                    nips.add(nip)
                    break
            name = person_name(rng, prov, sex, flavour)
            if edu in GELAR and rng.random() < 0.7:
                name += rng.choice(GELAR[edu])
            if g.kpps_team:
                pakta = i not in no_pakta
                izin = i not in no_izin
            else:
                pakta = rng.random() < g.pakta_p
                izin = rng.random() < g.izin_p
            rows.append({
                "nip": nip,
                "nama": name,
                "jenis_kelamin": sex,
                "tanggal_lahir": birth.isoformat(),
                "pendidikan": edu,
                "peran": weighted(rng, g.peran_p if sex == "P" else g.peran),
                "jam_mulai": g.jam[0],
                "jam_selesai": g.jam[1],
                "pakta_integritas": "ya" if pakta else "tidak",
                "izin_atasan": "ya" if izin else "tidak",
                "anggota_partai": "ya" if i in partai else "tidak",
            })
    rows.sort(key=lambda r: r["nip"])
    return rows


# Jam dinas yang dipakai.
PAGI = ("06:00", "14:00")
PAGI2 = ("07:00", "15:00")
KANTOR = ("07:30", "16:00")
SIANG = ("14:00", "22:00")
KPPS = ("06:00", "24:00")

REGU = [("Regu Pagi", PAGI), ("Regu Pagi II", PAGI2), ("Staf Kantor", KANTOR),
        ("Regu Siang", SIANG), ("Tim KPPS", KPPS)]

KPPS_ROLES = [("kpps", 0.55), ("kpps;pengawal", 0.3), ("kpps;pemeriksa", 0.1),
              ("kpps;pengawal;pemeriksa", 0.05)]
KPPS_EDU = [("SMA", 0.45), ("D3", 0.17), ("S1", 0.33), ("S2", 0.05)]
ESCORT_ROLES = [("pengawal", 0.6), ("pengawal;pemeriksa", 0.3), ("pemeriksa", 0.1)]
ESCORT_ROLES_P = [("pengawal;pemeriksa", 0.5), ("pemeriksa", 0.25), ("pengawal", 0.25)]
OFFICE_ROLES = [("pemeriksa", 0.45), ("pengawal;pemeriksa", 0.25), ("kpps;pemeriksa", 0.15),
                ("pengawal", 0.15)]
SIANG_ROLES = [("pengawal", 0.7), ("pengawal;pemeriksa", 0.3)]


def kpps_team(n, women, tanpa_pakta, tanpa_izin, partai=0):
    return Group(n, KPPS, KPPS_ROLES, women, tanpa_pakta=tanpa_pakta, tanpa_izin=tanpa_izin,
                 partai=partai, edu=KPPS_EDU, kpps_team=True)


def shift_groups(pagi, pagi2, kantor, siang):
    """Each argument: (jumlah, perempuan)."""
    return [
        Group(pagi[0], PAGI, ESCORT_ROLES, pagi[1], peran_p=ESCORT_ROLES_P),
        Group(pagi2[0], PAGI2, ESCORT_ROLES, pagi2[1], peran_p=ESCORT_ROLES_P),
        Group(kantor[0], KANTOR, OFFICE_ROLES, kantor[1], pakta_p=0.8, izin_p=0.6,
              edu=[("SMA", 0.35), ("D3", 0.2), ("S1", 0.4), ("S2", 0.05)]),
        Group(siang[0], SIANG, SIANG_ROLES, siang[1], pakta_p=0.5, izin_p=0.2),
    ]


# ---------------------------------------------------------------------------
# Penulis berkas
# ---------------------------------------------------------------------------

NODE_COLS = ["id", "jenis", "nama", "x", "y", "zona", "maks_tps", "bilik", "kapasitas_tunggu"]
PATH_COLS = ["dari", "ke", "menit", "pemeriksaan"]


def N(id_, jenis, nama, x, y, zona, maks_tps=0, bilik=0, kap=0):
    return {"id": id_, "jenis": jenis, "nama": nama, "x": x, "y": y, "zona": zona,
            "maks_tps": maks_tps, "bilik": bilik, "kapasitas_tunggu": kap}


def P(a, b, menit, periksa=False):
    return {"dari": a, "ke": b, "menit": ("%.1f" % menit), "pemeriksaan": "ya" if periksa else "tidak"}


def write_csv(path, cols, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def facility_toml(f):
    out = []
    for line in f["komentar"]:
        out.append("# " + line)
    out.append("")
    for k in ["kode", "nama", "jenis", "kelas", "kode_wilayah", "desa", "alamat", "aturan",
              "tanggal_data"]:
        if k in f:
            out.append("%s = %s" % (k, toml_str(f[k])))
    for nama, (a, b) in f["regu"]:
        out += ["", "[[regu]]", "nama = %s" % toml_str(nama), "mulai = %s" % toml_str(a),
                "selesai = %s" % toml_str(b)]
    if f.get("akses_zona"):
        out += ["", "[akses_zona]"]
        for z, zs in f["akses_zona"]:
            out.append("%s = [%s]" % (z, ", ".join(toml_str(x) for x in zs)))
    for blok, terpisah, alasan in f.get("pemisahan", []):
        out += ["", "[[pemisahan]]", "blok = [%s]" % ", ".join(toml_str(b) for b in blok),
                "tps_terpisah = %s" % ("true" if terpisah else "false"),
                "alasan = %s" % toml_str(alasan)]
    for table, kv in f.get("aturan_lokal", []):
        out += ["", "[aturan_lokal.%s]" % table]
        for k, v in kv:
            out.append("%s = %s" % (k, v))
    return "\n".join(out) + "\n"


def write_facility(name, f, nodes, paths, inmates, staff):
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "layout"))
    with open(os.path.join(d, "facility.toml"), "w", encoding="utf-8", newline="") as fh:
        fh.write(facility_toml(f))
    write_csv(os.path.join(d, "layout", "nodes.csv"), NODE_COLS, nodes)
    write_csv(os.path.join(d, "layout", "paths.csv"), PATH_COLS, paths)
    extra = [c for c in ("tempat_lahir", "disabilitas") if any(c in r for r in inmates)]
    write_csv(os.path.join(d, "inmates.csv"), INMATE_COLS + extra, inmates)
    write_csv(os.path.join(d, "staff.csv"), STAFF_COLS, staff)
    sanity(name, f, nodes, paths, inmates, staff)


def sanity(name, f, nodes, paths, inmates, staff):
    """Cheap self-checks so a broken edit is caught before `tpsplan check`."""
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)), name
    blocks = {n["id"] for n in nodes if n["jenis"] == "blok"}
    for p in paths:
        assert p["dari"] in ids and p["ke"] in ids, (name, p)
        assert 0 < float(p["menit"]) <= 240
    regs = [r["no_registrasi"] for r in inmates]
    assert len(regs) == len(set(regs)), name
    data_date = dt.date.fromisoformat(f["tanggal_data"])
    assert data_date < ELECTION
    for r in inmates:
        assert r["blok"] in blocks, (name, r["blok"])
        assert dt.date.fromisoformat(r["tanggal_lahir"]) <= data_date
        if r["nkk"]:
            assert r["nkk"][:2] == r["kode_wilayah_ktp"][:2], r
        if r["nik"]:
            assert r["nik"][:6] == r["kode_wilayah_ktp"][:8].replace(".", ""), r
        if r["tanggal_bebas"]:
            assert dt.date.fromisoformat(r["tanggal_bebas"]) > data_date, r
    nips = [s["nip"] for s in staff]
    assert len(nips) == len(set(nips)) and all(len(n) == 18 for n in nips), name
    for s in staff:
        a = age_on(dt.date.fromisoformat(s["tanggal_lahir"]), ELECTION)
        assert 22 <= a <= 58, (name, s)


def summary(name, inmates, staff):
    d1 = dt.date.fromisoformat
    eligible = 0
    for r in inmates:
        age = age_on(d1(r["tanggal_lahir"]), ELECTION)
        ok = (r["kewarganegaraan"] == "WNI"
              and (age >= 17 or r["status_kawin"] in ("S", "P"))
              and r["hak_pilih_dicabut"] == "tidak"
              and not (r["tanggal_bebas"] and d1(r["tanggal_bebas"]) < ELECTION)
              and r["nik"] and r["nkk"]
              and (r["pendaftaran"] != "belum" or r["ktp_el"] == "ya"))
        eligible += bool(ok)
    women = sum(s["jenis_kelamin"] == "P" for s in staff)
    print("%-14s WBP %5d  perkiraan pemilih %5d  petugas %4d (P %d)"
          % (name, len(inmates), eligible, len(staff), women))


def own_zone_walk_check(nodes, paths, akses):
    """Every block reaches an allowed site (mirror of E0205)."""
    adj = {n["id"]: [] for n in nodes}
    for p in paths:
        adj[p["dari"]].append(p["ke"])
        adj[p["ke"]].append(p["dari"])
    zone = {n["id"]: n["zona"] for n in nodes}
    sites = {n["id"] for n in nodes if n["maks_tps"] > 0}
    acc = dict(akses)
    for n in nodes:
        if n["jenis"] != "blok":
            continue
        allowed = set(acc.get(n["zona"], [n["zona"]]))
        seen, stack = {n["id"]}, [n["id"]]
        while stack:
            for m in adj[stack.pop()]:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        assert any(s in seen and zone[s] in allowed for s in sites), n["id"]


# ---------------------------------------------------------------------------
# 1. rutan-besar: kisi (grid) lorong, 14 blok tidak rata, zona maksimum dan wanita
# ---------------------------------------------------------------------------


def rutan_besar():
    name = "rutan-besar"
    rng = random.Random(BASE_SEED + 1)
    own = "12.71.07"  # Medan Tuntungan, Kota Medan
    data_date = dt.date(2024, 1, 15)
    nodes, paths = [], []
    # Zona umum di selatan: gerbang, P2U, lorong depan berderet barat-timur
    nodes += [
        N("pintu-utama", "pintu", "Pintu Utama", 0, -140, "umum"),
        N("p2u", "kantor", "Kantor dan P2U", 0, -90, "umum"),
        N("lorong-depan-1", "lorong", "Lorong Depan Barat", -240, -30, "umum"),
        N("lorong-depan-2", "lorong", "Lorong Depan 2", -120, -30, "umum"),
        N("lorong-depan-3", "lorong", "Lorong Depan Tengah", 0, -30, "umum"),
        N("lorong-depan-4", "lorong", "Lorong Depan 4", 120, -30, "umum"),
        N("lorong-depan-5", "lorong", "Lorong Depan Timur", 240, -30, "umum"),
        N("aula-utama", "aula", "Aula Utama", -120, -80, "umum", 3, 4, 250),
        N("masjid", "masjid", "Masjid Al-Hidayah", -240, -80, "umum", 2, 4, 120),
        N("ruang-kunjungan", "aula", "Ruang Kunjungan", 120, -80, "umum", 2, 4, 150),
        N("gereja", "gereja", "Gereja Imanuel", 240, -80, "umum", 1, 3, 70),
        N("lapangan", "lapangan", "Lapangan Apel", 0, 40, "umum", 3, 6, 400),
        N("klinik", "klinik", "Klinik Pratama", 300, -60, "umum"),
    ]
    paths += [
        P("pintu-utama", "p2u", 1.5, True),
        P("p2u", "lorong-depan-3", 1.0),
        P("lorong-depan-1", "lorong-depan-2", 2.0),
        P("lorong-depan-2", "lorong-depan-3", 2.0),
        P("lorong-depan-3", "lorong-depan-4", 2.0),
        P("lorong-depan-4", "lorong-depan-5", 2.5),
        P("aula-utama", "lorong-depan-2", 1.0),
        P("masjid", "lorong-depan-1", 1.0),
        P("ruang-kunjungan", "lorong-depan-4", 1.0),
        P("gereja", "lorong-depan-5", 1.0),
        P("lapangan", "lorong-depan-3", 1.0),
        P("klinik", "lorong-depan-5", 1.5),
    ]
    # Zona hunian: kisi 4x4 lorong, dua pintu masuk berpemeriksaan, beberapa sekat
    xs = [-180, -60, 60, 180]
    ys = [140, 230, 320, 410]
    for r in range(4):
        for c in range(4):
            nodes.append(N("g%d%d" % (r + 1, c + 1), "lorong", "Lorong Hunian %d.%d" % (r + 1, c + 1),
                           xs[c], ys[r], "hunian"))
    missing = {("g23", "g24"), ("g31", "g41"), ("g32", "g33"), ("g12", "g22")}  # tembok sekat
    for r in range(4):
        for c in range(4):
            a = "g%d%d" % (r + 1, c + 1)
            if c < 3:
                b = "g%d%d" % (r + 1, c + 2)
                if (a, b) not in missing:
                    paths.append(P(a, b, 1.5 + 0.5 * ((r + c) % 3)))
            if r < 3:
                b = "g%d%d" % (r + 2, c + 1)
                if (a, b) not in missing:
                    paths.append(P(a, b, 2.0 + 0.5 * ((r * 3 + c) % 2)))
    paths.append(P("g21", "g32", 3.5))  # lorong serong di belakang dapur
    nodes += [
        N("pintu-hunian", "pintu", "Pintu Hunian (Portir)", 0, 90, "hunian"),
        N("pintu-hunian-barat", "pintu", "Pintu Samping Barat", -180, 70, "hunian"),
        N("lapangan-hunian", "lapangan", "Lapangan Hunian", 0, 480, "hunian", 2, 5, 200),
        N("bengkel", "aula", "Bengkel Kerja", 260, 320, "hunian", 2, 4, 100),
    ]
    paths += [
        P("lapangan", "pintu-hunian", 1.0, True),
        P("pintu-hunian", "g12", 1.0),
        P("pintu-hunian", "g13", 1.0),
        P("lorong-depan-1", "pintu-hunian-barat", 2.5, True),
        P("pintu-hunian-barat", "g11", 1.5),
        P("lapangan-hunian", "g42", 1.5),
        P("lapangan-hunian", "g43", 1.5),
        P("bengkel", "g34", 1.0),
    ]
    hunian = [  # (node, nama, petak lorong, isi, tahanan)
        ("blok-a", "Blok A", "g11", 450, 0.75, "A"),
        ("blok-b", "Blok B", "g12", 430, 0.8, "B"),
        ("blok-c", "Blok C", "g14", 370, 0.7, "C"),
        ("blok-d", "Blok D", "g21", 345, 0.7, "D"),
        ("blok-e", "Blok E", "g22", 315, 0.6, "E"),
        ("blok-f", "Blok F", "g24", 290, 0.55, "F"),
        ("blok-g", "Blok G", "g31", 255, 0.5, "G"),
        ("blok-h", "Blok H", "g33", 205, 0.4, "H"),
        ("blok-j", "Blok J (Tipikor)", "g41", 160, 0.5, "J"),
        ("blok-k", "Blok K (Mapenaling)", "g44", 95, 0.95, "K"),
        ("blok-l", "Blok L (Lansia)", "g43", 65, 0.3, "L"),
    ]
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    for i, (nid, nama, g, n, th, pre) in enumerate(hunian):
        x, y = pos[g]
        nodes.append(N(nid, "blok", nama, x + (35 if i % 2 else -35), y + 25, "hunian"))
        paths.append(P(nid, g, 0.5 + 0.5 * (i % 3)))
    # Zona maksimum di barat, berpintu sendiri
    nodes += [
        N("pintu-maks", "pintu", "Pintu Maksimum", -330, -30, "maksimum"),
        N("lorong-maks-1", "lorong", "Lorong Maksimum", -380, 60, "maksimum"),
        N("lorong-maks-2", "lorong", "Lorong Maksimum Dalam", -380, 170, "maksimum"),
        N("blok-maks", "blok", "Blok Maximum Security", -450, 60, "maksimum"),
        N("sel-isolasi", "blok", "Sel Isolasi (Straf Sel)", -450, 190, "maksimum"),
        N("ruang-maks", "aula", "Ruang Bimker Maksimum", -310, 170, "maksimum", 1, 2, 20),
    ]
    paths += [
        P("lorong-depan-1", "pintu-maks", 2.0, True),
        P("pintu-maks", "lorong-maks-1", 1.5, True),
        P("lorong-maks-1", "lorong-maks-2", 1.5),
        P("blok-maks", "lorong-maks-1", 0.5),
        P("sel-isolasi", "lorong-maks-2", 1.0),
        P("ruang-maks", "lorong-maks-2", 0.5),
    ]
    # Zona wanita di timur: satu-satunya lokasi TPS di zona sendiri
    nodes += [
        N("pintu-wanita", "pintu", "Pintu Blok Wanita", 340, -30, "wanita"),
        N("lorong-wanita", "lorong", "Lorong Wanita", 400, 60, "wanita"),
        N("blok-wanita", "blok", "Blok Wanita", 470, 60, "wanita"),
        N("aula-wanita", "aula", "Aula Wanita", 400, 150, "wanita", 1, 3, 60),
    ]
    paths += [
        P("lorong-depan-5", "pintu-wanita", 1.5, True),
        P("pintu-wanita", "lorong-wanita", 1.0),
        P("blok-wanita", "lorong-wanita", 0.5),
        P("aula-wanita", "lorong-wanita", 1.0),
    ]
    akses = [("hunian", ["hunian", "umum"]), ("maksimum", ["maksimum", "umum"]),
             ("wanita", ["wanita"])]
    own_zone_walk_check(nodes, paths, akses)

    mix = [(5, "own"), (40, "kab:12.71"), (20, "kab:12.07"), (20, "prov"), (4, "near"),
           (6, "jauh"), (4, "kosong")]
    ro = Roster(rng, own, data_date, mix)
    for nid, nama, g, n, th, pre in hunian:
        ages = (lambda r: r.randint(60, 78)) if nid == "blok-l" else None
        ro.add_block(Block(nid, pre, n, tahanan=th, ages=ages, per_room=rng.randint(18, 30)))
    ro.add_block(Block("blok-maks", "M", 180, tahanan=0.2, per_room=2,
                       risk=[("maximum", 0.92), ("tinggi", 0.08)]))
    ro.add_block(Block("sel-isolasi", "S", 45, tahanan=0.1, per_room=1, risk=[("tinggi", 1.0)]))
    ro.add_block(Block("blok-wanita", "W", 140, sex="P", tahanan=0.7, per_room=14))
    n = len(ro.rows)
    ro.apply_obstacles(wna=7, tanpa_dok=int(n * 0.03), tanpa_nkk=int(n * 0.02),
                       tanpa_nik=8, tanpa_ktp_el=int(n * 0.01), dpk_lokal=12, dpk_lain=int(n * 0.02),
                       bebas_sebelum=int(n * 0.025), bebas_hari_h=4, dicabut=3, klinik=9,
                       pendampingan=10)
    inmates = ro.finish()
    # sekitar 2.900 pemilih: 1 petugas per 12 pemilih, 18 % perempuan
    staff = make_staff(rng, "12", [kpps_team(100, 25, tanpa_pakta=4, tanpa_izin=3, partai=1)]
                       + shift_groups(pagi=(60, 10), pagi2=(32, 5), kantor=(22, 8), siang=(28, 4)))
    f = {
        "komentar": [
            "Rutan Kelas I Contoh Medan: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: Rutan besar (~3.300 WBP, ~2.900 pemilih), 14 blok tidak rata (45-450), denah kisi",
            "dengan sekat dan lorong serong, zona maksimum (maximum + tinggi) dan zona wanita",
            "dengan satu lokasi TPS tersendiri, 9 calon lokasi dengan maks_tps/bilik berbeda.",
        ],
        "kode": name, "nama": "Rutan Kelas I Contoh Medan", "jenis": "rutan", "kelas": "I",
        "kode_wilayah": own, "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
        "pemisahan": [
            (["blok-c", "blok-d"], False, "riwayat perkelahian antarkelompok: jangan dijemput bersamaan"),
            (["blok-k", "blok-maks"], True, "WBP baru (Mapenaling) tidak bertemu WBP risiko tinggi"),
        ],
        "aturan_lokal": [("pengawalan", [("maks_gelombang", "15")])],
    }
    return name, f, nodes, paths, inmates, staff


# ---------------------------------------------------------------------------
# 2. lpp-perempuan: bintang dengan lapangan tengah sebagai poros
# ---------------------------------------------------------------------------


def lpp_perempuan():
    name = "lpp-perempuan"
    rng = random.Random(BASE_SEED + 2)
    own = "12.07.23"  # Sunggal, Deli Serdang
    data_date = dt.date(2024, 1, 22)
    nodes = [
        N("lapangan-tengah", "lapangan", "Lapangan Tengah", 0, 0, "hunian", 2, 4, 150),
        N("blok-mawar", "blok", "Wisma Mawar", 0, 130, "hunian"),
        N("blok-melati", "blok", "Wisma Melati", 110, 80, "hunian"),
        N("blok-anggrek", "blok", "Wisma Anggrek", 130, -40, "hunian"),
        N("lorong-timur", "lorong", "Selasar Timur", 90, -110, "hunian"),
        N("blok-kenanga", "blok", "Wisma Kenanga", 170, -160, "hunian"),
        N("blok-dahlia", "blok", "Wisma Dahlia (Tahanan)", 30, -190, "hunian"),
        N("blok-teratai", "blok", "Wisma Teratai (Ibu dan Lansia)", -120, 90, "hunian"),
        N("ruang-keterampilan", "aula", "Ruang Keterampilan", -140, -20, "hunian", 1, 2, 40),
        N("lorong-pengasingan", "lorong", "Selasar Pengasingan", -90, -120, "pengasingan"),
        N("sel-pengasingan", "blok", "Sel Pengasingan", -160, -170, "pengasingan"),
        N("pintu-dalam", "pintu", "Pintu Dalam (Portir)", -10, -80, "umum"),
        N("aula", "aula", "Aula Serbaguna", -70, -260, "umum", 1, 3, 80),
        N("kantor", "kantor", "Kantor dan P2U", 30, -280, "umum"),
        N("pintu-utama", "pintu", "Pintu Utama", 30, -330, "umum"),
        N("klinik", "klinik", "Klinik", -130, -260, "umum"),
    ]
    paths = [
        # jari-jari dari lapangan tengah
        P("lapangan-tengah", "blok-mawar", 2.0),
        P("lapangan-tengah", "blok-melati", 2.5),
        P("lapangan-tengah", "blok-anggrek", 3.0),
        P("lapangan-tengah", "lorong-timur", 2.0),
        P("lapangan-tengah", "blok-teratai", 2.5),
        P("lapangan-tengah", "ruang-keterampilan", 2.0),
        P("lapangan-tengah", "lorong-pengasingan", 2.5, True),
        P("lapangan-tengah", "pintu-dalam", 1.5, True),
        P("lorong-timur", "blok-kenanga", 1.5),
        P("lorong-timur", "blok-dahlia", 2.0),
        P("lorong-pengasingan", "sel-pengasingan", 1.0),
        P("pintu-dalam", "aula", 3.0),
        P("pintu-dalam", "kantor", 3.5),
        P("kantor", "pintu-utama", 1.0, True),
        P("aula", "klinik", 1.0),
    ]
    akses = [("hunian", ["hunian", "umum"]), ("pengasingan", ["hunian"])]
    own_zone_walk_check(nodes, paths, akses)
    mix = [(6, "own"), (30, "kab:12.71"), (22, "kab:12.07"), (25, "prov"), (4, "near"),
           (8, "jauh"), (5, "kosong")]
    ro = Roster(rng, own, data_date, mix)
    ro.add_block(Block("blok-mawar", "MW", 112, sex="P", tahanan=0.05, per_room=16))
    ro.add_block(Block("blok-melati", "ML", 96, sex="P", tahanan=0.05, per_room=12))
    ro.add_block(Block("blok-anggrek", "AG", 71, sex="P", tahanan=0.1, per_room=12))
    ro.add_block(Block("blok-kenanga", "KN", 58, sex="P", tahanan=0.1, per_room=10))
    ro.add_block(Block("blok-dahlia", "DH", 47, sex="P", tahanan=0.9, per_room=12))
    ro.add_block(Block("blok-teratai", "TR", 24, sex="P", tahanan=0.1, per_room=6,
                       ages=lambda r: r.choice([r.randint(22, 35), r.randint(58, 72)])))
    ro.add_block(Block("sel-pengasingan", "PS", 12, sex="P", tahanan=0.0, per_room=1,
                       risk=[("maximum", 1.0)]))
    n = len(ro.rows)
    ro.apply_obstacles(wna=3, tanpa_dok=int(n * 0.04), tanpa_nkk=int(n * 0.02), tanpa_nik=2,
                       tanpa_ktp_el=4, dpk_lokal=3, dpk_lain=8, bebas_sebelum=int(n * 0.02),
                       bebas_hari_h=1, dicabut=0, klinik=2, pendampingan=3)
    inmates = ro.finish()
    # 45 petugas, kira-kira separuh perempuan
    staff = make_staff(rng, "12", [kpps_team(22, 11, tanpa_pakta=1, tanpa_izin=1)]
                       + shift_groups(pagi=(12, 6), pagi2=(5, 3), kantor=(3, 2), siang=(3, 1)))
    f = {
        "komentar": [
            "LPP Kelas IIA Contoh Sunggal: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: LPP (semua WBP perempuan, ~360 pemilih), denah bintang dengan lapangan tengah",
            "sebagai poros, sel pengasingan (maximum) di zona yang hanya boleh ke zona hunian,",
            "45 petugas dengan kira-kira separuh perempuan.",
        ],
        "kode": name, "nama": "LPP Kelas IIA Contoh Sunggal", "jenis": "lpp", "kelas": "IIA",
        "kode_wilayah": own, "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
        "pemisahan": [
            (["blok-dahlia", "blok-mawar"], False, "tahanan dan narapidana tidak dijemput bersamaan"),
        ],
    }
    return name, f, nodes, paths, inmates, staff


# ---------------------------------------------------------------------------
# 3. lapas-risiko: denah rantai, blok maksimum >100 dan sel risiko tinggi 40
# ---------------------------------------------------------------------------


def lapas_risiko():
    name = "lapas-risiko"
    rng = random.Random(BASE_SEED + 3)
    own = "75.04.09"  # Buntulia, Pohuwato
    data_date = dt.date(2024, 1, 12)
    nodes = [
        N("pintu-utama", "pintu", "Pintu Utama", 0, -60, "umum"),
        N("kantor", "kantor", "Kantor dan P2U", 0, 0, "umum"),
        N("lorong-1", "lorong", "Lorong 1", 0, 60, "umum"),
        N("aula", "aula", "Aula Serbaguna", -60, 60, "umum", 2, 4, 150),
        N("klinik", "klinik", "Klinik", 60, 60, "umum"),
        N("pintu-hunian", "pintu", "Pintu Hunian", 0, 110, "hunian"),
    ]
    paths = [
        P("pintu-utama", "kantor", 1.0, True),
        P("kantor", "lorong-1", 1.5),
        P("aula", "lorong-1", 0.5),
        P("klinik", "lorong-1", 0.5),
        P("lorong-1", "pintu-hunian", 1.0, True),
    ]
    # rantai lorong 2..9 ke utara, blok bergantian kiri-kanan
    prev = "pintu-hunian"
    step = [2.0, 2.5, 2.0, 3.0, 2.5, 2.0, 3.0, 2.5]
    for i in range(2, 10):
        nid = "lorong-%d" % i
        nodes.append(N(nid, "lorong", "Lorong %d" % i, 0, 110 + 70 * (i - 1), "hunian"))
        paths.append(P(prev, nid, step[i - 2]))
        prev = nid
    hunian = [  # (node, nama, lorong, sisi, isi, prefix)
        ("blok-1", "Blok 1", "lorong-2", -1, 210, "I"),
        ("blok-2", "Blok 2", "lorong-2", 1, 185, "II"),
        ("blok-3", "Blok 3", "lorong-3", -1, 160, "III"),
        ("blok-lansia", "Blok Lansia", "lorong-3", 1, 35, "LS"),
        ("blok-4", "Blok 4", "lorong-4", 1, 150, "IV"),
        ("blok-5", "Blok 5", "lorong-5", -1, 130, "V"),
        ("blok-6", "Blok 6", "lorong-5", 1, 95, "VI"),
        ("blok-tipikor", "Blok Tipikor", "lorong-7", -1, 60, "TP"),
        ("blok-rehab", "Blok Rehabilitasi Narkoba", "lorong-8", 1, 140, "RH"),
    ]
    pos = {n["id"]: (n["x"], n["y"]) for n in nodes}
    for nid, nama, lor, side, n, pre in hunian:
        x, y = pos[lor]
        nodes.append(N(nid, "blok", nama, 70 * side, y, "hunian"))
        paths.append(P(nid, lor, 1.0))
    nodes += [
        N("masjid", "masjid", "Masjid At-Taqwa", -70, pos["lorong-4"][1], "hunian", 1, 4, 100),
        N("lapangan", "lapangan", "Lapangan Hunian", -90, pos["lorong-6"][1], "hunian", 2, 5, 250),
        N("bengkel", "aula", "Bengkel Kerja", 70, pos["lorong-9"][1], "hunian", 1, 3, 60),
        N("pintu-maks", "pintu", "Pintu Maksimum", 0, pos["lorong-9"][1] + 60, "maksimum"),
        N("lorong-maks", "lorong", "Lorong Maksimum", 0, pos["lorong-9"][1] + 120, "maksimum"),
        N("blok-maks", "blok", "Blok Maximum Security", -70, pos["lorong-9"][1] + 120, "maksimum"),
        N("sel-isolasi", "blok", "Sel Risiko Tinggi", 70, pos["lorong-9"][1] + 150, "maksimum"),
        N("aula-maks", "aula", "Ruang Serbaguna Maksimum", 0, pos["lorong-9"][1] + 180, "maksimum", 2, 2, 30),
    ]
    paths += [
        P("masjid", "lorong-4", 1.0),
        P("lapangan", "lorong-6", 1.0),
        P("bengkel", "lorong-9", 1.0),
        P("lorong-9", "pintu-maks", 2.0, True),
        P("pintu-maks", "lorong-maks", 1.5, True),
        P("blok-maks", "lorong-maks", 1.0),
        P("sel-isolasi", "lorong-maks", 1.5),
        P("aula-maks", "lorong-maks", 1.0),
    ]
    akses = [("hunian", ["hunian", "umum"]), ("maksimum", ["maksimum"])]
    own_zone_walk_check(nodes, paths, akses)
    mix = [(6, "own"), (38, "kab:75.04"), (33, "prov"), (10, "near"), (8, "jauh"), (5, "kosong")]
    ro = Roster(rng, own, data_date, mix)
    for nid, nama, lor, side, n, pre in hunian:
        ages = (lambda r: r.randint(60, 76)) if nid == "blok-lansia" else None
        ro.add_block(Block(nid, pre, n, tahanan=0.08, ages=ages, per_room=rng.randint(15, 28)))
    ro.add_block(Block("blok-maks", "MX", 115, tahanan=0.05, per_room=1,
                       risk=[("maximum", 0.95), ("tinggi", 0.05)]))
    ro.add_block(Block("sel-isolasi", "RT", 40, tahanan=0.0, per_room=1, risk=[("tinggi", 1.0)]))
    n = len(ro.rows)
    ro.apply_obstacles(wna=3, tanpa_dok=int(n * 0.04), tanpa_nkk=int(n * 0.02), tanpa_nik=4,
                       tanpa_ktp_el=int(n * 0.01), dpk_lokal=6, dpk_lain=int(n * 0.02),
                       bebas_sebelum=int(n * 0.025), bebas_hari_h=2, dicabut=2, klinik=5,
                       pendampingan=4)
    inmates = ro.finish()
    staff = make_staff(rng, "75", [kpps_team(48, 10, tanpa_pakta=2, tanpa_izin=2, partai=1)]
                       + shift_groups(pagi=(28, 3), pagi2=(10, 2), kantor=(6, 2), siang=(8, 1)))
    f = {
        "komentar": [
            "Lapas Kelas IIA Contoh Pohuwato: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: ~1.100 pemilih, denah rantai (satu lorong panjang, blok di kiri-kanan),",
            "blok maximum 115 WBP dan sel risiko tinggi 40 WBP di ujung rantai; zona maksimum",
            "hanya boleh memilih di lokasi zonanya sendiri.",
        ],
        "kode": name, "nama": "Lapas Kelas IIA Contoh Pohuwato", "jenis": "lapas", "kelas": "IIA",
        "kode_wilayah": own, "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
        "pemisahan": [
            (["blok-3", "blok-5"], False, "dua kelompok yang bertikai: jangan dijemput bersamaan"),
        ],
    }
    return name, f, nodes, paths, inmates, staff


# ---------------------------------------------------------------------------
# 4. rutan-kecil: denah tak beraturan, blok wanita di rutan pria, enam anak 17 tahun
# ---------------------------------------------------------------------------


def rutan_kecil():
    name = "rutan-kecil"
    rng = random.Random(BASE_SEED + 4)
    own = "53.05.01"  # Teluk Mutiara, Alor
    data_date = dt.date(2024, 1, 15)
    nodes = [
        N("pintu-utama", "pintu", "Pintu Utama", 0, 0, "umum"),
        N("p2u", "kantor", "P2U dan Kantor", 20, 40, "umum"),
        N("halaman", "lorong", "Halaman Dalam", 60, 80, "umum"),
        N("aula", "aula", "Aula", 130, 60, "umum", 2, 4, 100),
        N("gereja", "gereja", "Gereja Oikumene", 10, 140, "umum", 1, 3, 60),
        N("masjid", "masjid", "Musala", 150, 150, "umum", 1, 2, 40),
        N("klinik", "klinik", "Poliklinik", 110, 0, "umum"),
        N("pintu-hunian", "pintu", "Pintu Hunian", 70, 170, "hunian"),
        N("lorong-siku-1", "lorong", "Lorong Siku", 70, 230, "hunian"),
        N("lorong-siku-2", "lorong", "Lorong Siku (belok)", 160, 250, "hunian"),
        N("lorong-belakang", "lorong", "Lorong Belakang Dapur", 220, 320, "hunian"),
        N("blok-a", "blok", "Blok A", 20, 250, "hunian"),
        N("blok-b", "blok", "Blok B", 120, 290, "hunian"),
        N("blok-c", "blok", "Blok C", 200, 220, "hunian"),
        N("blok-d", "blok", "Blok D", 260, 360, "hunian"),
        N("blok-mapenaling", "blok", "Kamar Mapenaling", 40, 320, "hunian"),
        N("pintu-wanita", "pintu", "Pintu Blok Wanita", 230, 110, "wanita"),
        N("blok-wanita", "blok", "Blok Wanita", 290, 90, "wanita"),
        N("ruang-wanita", "aula", "Ruang Bina Wanita", 290, 150, "wanita", 1, 2, 30),
    ]
    paths = [
        P("pintu-utama", "p2u", 1.0, True),
        P("p2u", "halaman", 1.0),
        P("halaman", "aula", 1.0),
        P("halaman", "gereja", 1.5),
        P("halaman", "klinik", 1.0),
        P("aula", "masjid", 1.5),
        P("halaman", "pintu-hunian", 1.5, True),
        P("pintu-hunian", "lorong-siku-1", 1.0),
        P("lorong-siku-1", "blok-a", 1.0),
        P("lorong-siku-1", "blok-mapenaling", 1.5),
        P("lorong-siku-1", "lorong-siku-2", 2.0),
        P("lorong-siku-2", "blok-b", 1.0),
        P("lorong-siku-2", "blok-c", 1.0),
        P("lorong-siku-2", "lorong-belakang", 2.5),
        P("lorong-belakang", "blok-d", 1.0),
        P("lorong-belakang", "masjid", 6.0, True),  # jalan samping lewat dapur, dijaga
        P("aula", "pintu-wanita", 2.0, True),
        P("pintu-wanita", "blok-wanita", 1.0),
        P("pintu-wanita", "ruang-wanita", 1.0),
    ]
    akses = [("hunian", ["hunian", "umum"]), ("wanita", ["wanita"])]
    own_zone_walk_check(nodes, paths, akses)
    mix = [(10, "own"), (55, "kab:53.05"), (20, "prov"), (4, "near"), (5, "jauh"), (6, "kosong")]
    ro = Roster(rng, own, data_date, mix)
    ro.add_block(Block("blok-a", "A", 120, tahanan=0.65, per_room=15))
    ro.add_block(Block("blok-b", "B", 95, tahanan=0.6, per_room=12))
    ro.add_block(Block("blok-c", "C", 78, tahanan=0.55, per_room=13))
    ro.add_block(Block("blok-d", "D", 55, tahanan=0.4, per_room=11,
                       risk=[("minimum", 0.3), ("medium", 0.7)]))
    ro.add_block(Block("blok-mapenaling", "MP", 34, tahanan=0.95, per_room=17))
    ro.add_block(Block("blok-wanita", "W", 38, sex="P", tahanan=0.6, per_room=8))
    # enam anak 17 tahun tersebar di blok dewasa, semuanya dapat memilih
    homes = ["blok-a", "blok-a", "blok-b", "blok-b", "blok-c", "blok-mapenaling"]
    lists = ["dpt", "dpt", "dptb", "dpt", "dptb", "dpt"]
    for home, lst in zip(homes, lists):
        r = ro.pick(1, lambda r, h=home: r["blok"] == h and r["kode_wilayah_ktp"] != "")[0]
        birth = rand_date(rng, dt.date(2006, 3, 1), dt.date(2006, 12, 20))
        r["_birth"] = birth
        r["tanggal_lahir"] = birth.isoformat()
        r["status_kawin"] = "B"
        r["status"] = "tahanan"
        r["tanggal_bebas"] = ""
        r["tingkat_risiko"] = "minimum"
        r["pendaftaran"] = lst
        r["ktp_el"] = "ya"
        r["kebutuhan"] = ""
        region = r["kode_wilayah_ktp"]
        ro.ids.nik.discard(r["nik"])
        ro.ids.nkk.discard(r["nkk"])
        ro._identity(r, region)
    n = len(ro.rows)
    ro.apply_obstacles(wna=1, tanpa_dok=int(n * 0.04), tanpa_nkk=int(n * 0.02), tanpa_nik=2,
                       tanpa_ktp_el=5, dpk_lokal=4, dpk_lain=6, bebas_sebelum=int(n * 0.025),
                       bebas_hari_h=1, dicabut=1, klinik=2, pendampingan=2,
                       where=lambda r: age_on(r["_birth"], ELECTION) >= 18)
    inmates = ro.finish()
    # The UPT's own kelurahan (desa-level codes, issue 13): of the four on no list with
    # a KTP-el of the UPT's kecamatan, two live in its kelurahan (DPK), one in the next
    # kelurahan (not a DPK voter here) and one stays at kecamatan level (DPK, to confirm).
    local = [r for r in inmates if r["pendaftaran"] == "belum" and r["ktp_el"] == "ya"
             and r["kode_wilayah_ktp"] == own]
    for r, desa in zip(local, [own + ".1001", own + ".1001", own + ".1002"]):
        r["kode_wilayah_ktp"] = desa
    # KPU's optional list columns: place of birth for everyone, two disabilities.
    for k, r in enumerate(inmates):
        r["tempat_lahir"] = rng.choice(["Kalabahi", "Kupang", "Atambua", "Maumere", "Ende", "Baranusa"])
        r["disabilitas"] = {3: "sensorik_netra", 11: "fisik"}.get(k, "")
    staff = make_staff(rng, "53", [kpps_team(32, 10, tanpa_pakta=1, tanpa_izin=1)]
                       + shift_groups(pagi=(9, 3), pagi2=(3, 1), kantor=(2, 1), siang=(2, 0)))
    f = {
        "komentar": [
            "Rutan Kelas IIB Contoh Kalabahi: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: Rutan kecil 420 WBP, denah tak beraturan (lorong siku, jalan samping dapur),",
            "blok wanita 38 orang di rutan pria dengan lokasi TPS di zonanya sendiri, enam anak",
            "17 tahun (pemilih) tersebar di blok dewasa (W0306 disengaja).",
        ],
        "kode": name, "nama": "Rutan Kelas IIB Contoh Kalabahi", "jenis": "rutan", "kelas": "IIB",
        "kode_wilayah": own + ".1001", "desa": "Kalabahi Kota", "alamat": "Jl. Contoh Rutan No. 1 (rekaan)",
        "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
    }
    return name, f, nodes, paths, inmates, staff


# ---------------------------------------------------------------------------
# 5. lpka-anak: lorong cincin mengelilingi lapangan, wisma putri
# ---------------------------------------------------------------------------


def lpka_anak():
    name = "lpka-anak"
    rng = random.Random(BASE_SEED + 5)
    own = "12.07.02"  # Tanjung Morawa, Deli Serdang
    data_date = dt.date(2024, 1, 18)
    ring = [(0, 0), (80, -20), (160, 0), (180, 80), (160, 160), (80, 180), (0, 160), (-20, 80)]
    nodes = [N("ring-%d" % (i + 1), "lorong", "Selasar Keliling %d" % (i + 1), x, y, "hunian")
             for i, (x, y) in enumerate(ring)]
    paths = [P("ring-%d" % (i + 1), "ring-%d" % ((i + 1) % 8 + 1), 1.0 + 0.5 * (i % 2))
             for i in range(8)]
    nodes += [
        N("lapangan", "lapangan", "Lapangan Tengah", 80, 80, "hunian", 1, 4, 120),
        N("wisma-cendrawasih", "blok", "Wisma Cendrawasih", 80, -70, "hunian"),
        N("wisma-merpati", "blok", "Wisma Merpati", 230, 80, "hunian"),
        N("wisma-rajawali", "blok", "Wisma Rajawali", 80, 230, "hunian"),
        N("wisma-kenari", "blok", "Wisma Kenari", 210, 190, "hunian"),
        N("wisma-mapenaling", "blok", "Wisma Mapenaling", -60, 190, "hunian"),
        N("ruang-kelas", "aula", "Ruang Kelas (Sekolah)", 220, -30, "hunian", 1, 2, 40),
        N("pintu-dalam", "pintu", "Pintu Dalam", -70, 80, "umum"),
        N("aula", "aula", "Aula", -120, 40, "umum", 2, 3, 80),
        N("masjid", "masjid", "Musala", -120, 120, "umum", 1, 2, 50),
        N("kantor", "kantor", "Kantor dan P2U", -170, 80, "umum"),
        N("pintu-utama", "pintu", "Pintu Utama", -220, 80, "umum"),
        N("klinik", "klinik", "Klinik", -170, 10, "umum"),
        N("pintu-putri", "pintu", "Pintu Wisma Putri", -60, -60, "putri"),
        N("wisma-putri", "blok", "Wisma Putri", -110, -100, "putri"),
        N("ruang-putri", "aula", "Ruang Bina Putri", -40, -110, "putri", 1, 2, 20),
    ]
    paths += [
        P("lapangan", "ring-2", 1.5),
        P("lapangan", "ring-6", 1.5),
        P("wisma-cendrawasih", "ring-2", 1.0),
        P("wisma-merpati", "ring-4", 1.0),
        P("wisma-rajawali", "ring-6", 1.0),
        P("wisma-kenari", "ring-5", 1.0),
        P("wisma-mapenaling", "ring-7", 1.5),
        P("ruang-kelas", "ring-3", 1.5),
        P("ring-8", "pintu-dalam", 1.0, True),
        P("pintu-dalam", "aula", 1.0),
        P("pintu-dalam", "masjid", 1.0),
        P("pintu-dalam", "kantor", 1.5),
        P("kantor", "pintu-utama", 1.0, True),
        P("kantor", "klinik", 1.0),
        P("ring-1", "pintu-putri", 1.5, True),
        P("pintu-putri", "wisma-putri", 1.0),
        P("pintu-putri", "ruang-putri", 1.0),
    ]
    akses = [("hunian", ["hunian", "umum"]), ("putri", ["putri"])]
    own_zone_walk_check(nodes, paths, akses)
    mix = [(6, "own"), (34, "kab:12.07"), (30, "kab:12.71"), (20, "prov"), (3, "near"),
           (2, "jauh"), (5, "kosong")]

    def child_age(r):
        return weighted(r, [(14, 0.07), (15, 0.16), (16, 0.26), (17, 0.27), (18, 0.16), (19, 0.08)])

    ro = Roster(rng, own, data_date, mix)
    for nid, pre, n in [("wisma-cendrawasih", "CD", 42), ("wisma-merpati", "MP", 36),
                        ("wisma-rajawali", "RJ", 30), ("wisma-kenari", "KN", 21),
                        ("wisma-mapenaling", "MA", 13)]:
        ro.add_block(Block(nid, pre, n, tahanan=0.35 if nid != "wisma-mapenaling" else 0.9,
                           ages=child_age, per_room=7, risk=[("minimum", 0.6), ("medium", 0.4)]))
    ro.add_block(Block("wisma-putri", "PT", 8, sex="P", tahanan=0.4, ages=child_age, per_room=4,
                       risk=[("minimum", 1.0)]))
    for r in ro.rows:
        age = age_on(r["_birth"], ELECTION)
        r["status_kawin"] = "B"
        if r["tanggal_bebas"]:  # hukuman anak pendek
            r["tanggal_bebas"] = rand_date(rng, dt.date(2024, 3, 1), dt.date(2026, 12, 31)).isoformat()
        if age < 17:
            # belum cukup umur: belum rekam KTP-el, belum terdaftar (NIK/NKK dari KK)
            r["ktp_el"] = "tidak"
            r["pendaftaran"] = "belum"
        elif age == 17 and r["kode_wilayah_ktp"]:
            r["ktp_el"], r["pendaftaran"] = weighted(rng, [(("ya", "dpt"), 0.45), (("ya", "dptb"), 0.2),
                                                           (("ya", "belum"), 0.15), (("tidak", "belum"), 0.2)])
    # satu anak 16 tahun yang sudah kawin: boleh memilih
    kawin = ro.pick(1, lambda r: age_on(r["_birth"], ELECTION) == 16 and r["kode_wilayah_ktp"] != ""
                    and r["jenis_kelamin"] == "L")[0]
    kawin.update(status_kawin="S", ktp_el="ya", pendaftaran="dptb", tanggal_bebas="")
    for r in ro.rows:  # yang belum cukup umur tidak diberi hambatan lain
        if age_on(r["_birth"], ELECTION) < 17:
            r["_lock"] = True
    n = len(ro.rows)
    ro.apply_obstacles(wna=0, tanpa_dok=3, tanpa_nkk=2, tanpa_nik=1, tanpa_ktp_el=0, dpk_lokal=2,
                       dpk_lain=1, bebas_sebelum=3, bebas_hari_h=1, dicabut=0, klinik=1,
                       pendampingan=0)
    inmates = ro.finish()
    staff = make_staff(rng, "12", [kpps_team(24, 8, tanpa_pakta=1, tanpa_izin=1)]
                       + shift_groups(pagi=(7, 3), pagi2=(2, 1), kantor=(2, 1), siang=(1, 0)))
    f = {
        "komentar": [
            "LPKA Kelas II Contoh Tanjung Morawa: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: LPKA ~150 anak berumur 14-19 (hanya 17+ atau yang sudah kawin memilih; 17 tahun",
            "anak, 18-19 dewasa), denah cincin mengelilingi lapangan, wisma putri di zona sendiri,",
            "petugas sedikit.",
        ],
        "kode": name, "nama": "LPKA Kelas II Contoh Tanjung Morawa", "jenis": "lpka", "kelas": "II",
        "kode_wilayah": own, "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
    }
    return name, f, nodes, paths, inmates, staff


# ---------------------------------------------------------------------------
# 6. lapas-ketat: kompleks terpencar, jalur 10-20 menit, petugas pas-pasan
# ---------------------------------------------------------------------------


def lapas_ketat():
    name = "lapas-ketat"
    rng = random.Random(BASE_SEED + 6)
    own = "12.06.04"  # Tigapanah, Karo
    data_date = dt.date(2024, 1, 15)
    nodes = [
        N("pintu-utama", "pintu", "Pintu Utama", 0, 0, "umum"),
        N("kantor", "kantor", "Kantor dan P2U", 0, 50, "umum"),
        N("aula-depan", "aula", "Aula Depan", 60, 60, "umum", 1, 4, 120),
        N("lorong-depan", "lorong", "Lorong Depan", 0, 120, "umum"),
        N("klinik", "klinik", "Klinik", -60, 120, "umum"),
        # kompleks lama, dekat gerbang
        N("pintu-lama", "pintu", "Pintu Kompleks Lama", -120, 160, "lama"),
        N("lorong-lama-1", "lorong", "Lorong Lama 1", -200, 200, "lama"),
        N("lorong-lama-2", "lorong", "Lorong Lama 2", -280, 240, "lama"),
        N("lorong-lama-3", "lorong", "Lorong Lama 3", -360, 300, "lama"),
        N("blok-l1", "blok", "Blok Lama I", -200, 260, "lama"),
        N("blok-l2", "blok", "Blok Lama II", -300, 180, "lama"),
        N("blok-l3", "blok", "Blok Lama III", -400, 360, "lama"),
        N("masjid-lama", "masjid", "Masjid Kompleks Lama", -360, 240, "lama", 1, 4, 90),
        # jalan kebun panjang ke kompleks baru
        N("jalan-kebun-1", "lorong", "Jalan Kebun", 150, 400, "umum"),
        N("pos-tengah", "pintu", "Pos Jaga Tengah", 250, 650, "umum"),
        N("pintu-baru", "pintu", "Pintu Kompleks Baru", 300, 820, "baru"),
        N("lorong-baru-1", "lorong", "Lorong Baru 1", 300, 900, "baru"),
        N("lorong-baru-2", "lorong", "Lorong Baru 2", 420, 950, "baru"),
        N("blok-b1", "blok", "Blok Baru I", 240, 960, "baru"),
        N("blok-b2", "blok", "Blok Baru II", 360, 1010, "baru"),
        N("blok-b3", "blok", "Blok Baru III", 500, 1010, "baru"),
        N("lapangan-baru", "lapangan", "Lapangan Kompleks Baru", 420, 870, "baru", 2, 4, 200),
        N("pintu-maks", "pintu", "Pintu Maksimum", 520, 900, "maksimum"),
        N("blok-maks", "blok", "Blok Maximum Security", 600, 930, "maksimum"),
        # kamp asimilasi di luar tembok: lokasi TPS di zona tersendiri
        N("pos-luar", "pintu", "Pos Luar Tembok", -80, -120, "asimilasi"),
        N("blok-asimilasi", "blok", "Barak Asimilasi (Kebun)", -300, -420, "asimilasi"),
        N("saung-asimilasi", "aula", "Saung Asimilasi", -260, -440, "asimilasi", 1, 2, 30),
    ]
    paths = [
        P("pintu-utama", "kantor", 1.5, True),
        P("kantor", "aula-depan", 1.0),
        P("kantor", "lorong-depan", 1.5),
        P("klinik", "lorong-depan", 1.0),
        P("lorong-depan", "pintu-lama", 2.5, True),
        P("pintu-lama", "lorong-lama-1", 1.5),
        P("lorong-lama-1", "lorong-lama-2", 2.0),
        P("lorong-lama-2", "lorong-lama-3", 2.5),
        P("blok-l1", "lorong-lama-1", 1.0),
        P("blok-l2", "lorong-lama-2", 1.0),
        P("blok-l3", "lorong-lama-3", 1.5),
        P("masjid-lama", "lorong-lama-3", 1.0),
        P("lorong-depan", "jalan-kebun-1", 8.0),
        P("jalan-kebun-1", "pos-tengah", 10.0, True),
        P("pos-tengah", "pintu-baru", 5.0, True),
        P("pintu-baru", "lorong-baru-1", 1.5),
        P("lorong-baru-1", "lorong-baru-2", 2.0),
        P("blok-b1", "lorong-baru-1", 1.0),
        P("blok-b2", "lorong-baru-2", 1.0),
        P("blok-b3", "lorong-baru-2", 2.0),
        P("lapangan-baru", "lorong-baru-2", 1.5),
        P("lorong-baru-2", "pintu-maks", 3.0, True),
        P("pintu-maks", "blok-maks", 2.0),
        P("lorong-lama-3", "lorong-baru-1", 16.0, True),  # jalan penghubung belakang, berpemeriksaan
        P("pintu-utama", "pos-luar", 4.0, True),
        P("pos-luar", "blok-asimilasi", 20.0),
        P("blok-asimilasi", "saung-asimilasi", 1.5),
    ]
    akses = [("lama", ["lama", "umum"]), ("baru", ["baru", "umum"]), ("maksimum", ["baru"]),
             ("asimilasi", ["asimilasi"])]
    own_zone_walk_check(nodes, paths, akses)
    mix = [(8, "own"), (40, "kab:12.06"), (14, "kab:12.07"), (8, "kab:12.71"), (16, "prov"),
           (3, "near"), (6, "jauh"), (5, "kosong")]
    ro = Roster(rng, own, data_date, mix, flavour="karo")
    ro.add_block(Block("blok-l1", "LI", 190, tahanan=0.05, per_room=24))
    ro.add_block(Block("blok-l2", "LII", 160, tahanan=0.05, per_room=20))
    ro.add_block(Block("blok-l3", "LIII", 120, tahanan=0.05, per_room=20))
    ro.add_block(Block("blok-b1", "BI", 150, tahanan=0.08, per_room=15))
    ro.add_block(Block("blok-b2", "BII", 130, tahanan=0.08, per_room=13))
    ro.add_block(Block("blok-b3", "BIII", 85, tahanan=0.1, per_room=17))
    ro.add_block(Block("blok-maks", "MX", 50, tahanan=0.0, per_room=2, risk=[("maximum", 1.0)]))
    ro.add_block(Block("blok-asimilasi", "AS", 45, tahanan=0.0, per_room=15,
                       risk=[("minimum", 1.0)]))
    n = len(ro.rows)
    ro.apply_obstacles(wna=2, tanpa_dok=int(n * 0.04), tanpa_nkk=int(n * 0.02), tanpa_nik=3,
                       tanpa_ktp_el=int(n * 0.01), dpk_lokal=5, dpk_lain=int(n * 0.02),
                       bebas_sebelum=int(n * 0.025), bebas_hari_h=2, dicabut=1, klinik=4,
                       pendampingan=3, where=lambda r: r["blok"] != "blok-asimilasi")
    inmates = ro.finish()
    # ~60 petugas untuk ~800 pemilih (1 : 13)
    staff = make_staff(rng, "12", [kpps_team(34, 6, tanpa_pakta=1, tanpa_izin=1)]
                       + shift_groups(pagi=(13, 2), pagi2=(6, 1), kantor=(3, 1), siang=(4, 0)),
                       flavour="karo")
    f = {
        "komentar": [
            "Lapas Kelas IIA Contoh Tigapanah: data uji sintetis tulisan tangan (nama, NIK, NKK, NIP rekaan).",
            "Dibuat oleh data/uji/buat.py, bukan oleh tpsplan generate.",
            "Uji: ~800 pemilih, petugas pas-pasan (~60, satu per 13 pemilih), kompleks lama dan baru",
            "terpisah jalan kebun 18 menit dengan pos pemeriksaan, jalan penghubung belakang 16 menit,",
            "barak asimilasi 20 menit di luar tembok dengan lokasi TPS di zona sendiri.",
        ],
        "kode": name, "nama": "Lapas Kelas IIA Contoh Tigapanah", "jenis": "lapas", "kelas": "IIA",
        "kode_wilayah": own, "aturan": "pemilu-2024", "tanggal_data": data_date.isoformat(),
        "regu": REGU, "akses_zona": akses,
    }
    return name, f, nodes, paths, inmates, staff


README = """# Fasilitas uji tulisan tangan

Ditulis oleh `python3 data/uji/buat.py` (Python 3, hanya pustaka standar, benih tetap;
menjalankannya lagi menulis ulang folder di bawah ini byte demi byte sama). Semua data
sintetis: nama, NIK, NKK dan NIP rekaan. Bentuknya sengaja tidak pernah dibuat oleh
`tpsplan generate` (denah tak beraturan, blok tidak rata, beberapa zona). Pemilu 2024,
hari pemungutan 2024-02-14; `tpsplan check` tidak menemukan galat (hanya `rutan-kecil`
memberi 6 peringatan W0306 yang disengaja: anak 17 tahun di Rutan).

- `rutan-besar`: Rutan Kelas I (12.71.07), 3.345 WBP / 2.900 pemilih / 242 petugas; 14 blok 45-450 WBP pada denah kisi 4x4 dengan sekat, lorong serong dan dua pintu berpemeriksaan; zona maksimum (blok maximum 180 + sel isolasi tinggi 45, boleh ke zona umum) dan zona wanita (140) dengan satu lokasi TPS tersendiri; 9 calon lokasi dengan maks_tps 1-3 dan bilik 2-6; [[pemisahan]] dan maks_gelombang 15.
- `lpp-perempuan`: LPP (jenis lpp, 12.07.23), 420 WBP perempuan / 366 pemilih / 45 petugas (23 perempuan); denah bintang berporos lapangan tengah, sel pengasingan maximum di zona yang hanya boleh ke zona hunian, [[pemisahan]] tahanan-narapidana.
- `lapas-risiko`: Lapas (75.04.09), 1.320 WBP / 1.138 pemilih / 100 petugas; denah rantai satu lorong panjang, blok maximum 115 WBP dan sel risiko tinggi 40 WBP di ujung rantai yang hanya boleh memilih di lokasi zona maksimum (maks_tps 2, bilik 2).
- `rutan-kecil`: Rutan Kelas IIB (53.05.01), 420 WBP / 354 pemilih / 48 petugas; denah tak beraturan (lorong siku, jalan samping dapur 6 menit berpemeriksaan), blok wanita 38 orang di rutan pria dengan lokasi sendiri, enam anak 17 tahun (pemilih) tersebar di blok A, B, C dan Mapenaling.
  Skenario `anak-terpisah`: anak dan perempuan di TPS tersendiri, gereja dan musala ditutup: tidak ada rencana; pesan menunjuk sakelar anak_tps_terpisah sebagai aturan yang mengikat (diperiksa dengan merencanakan ulang).
- `lpka-anak`: LPKA (jenis lpka, 12.07.02), 150 anak berumur 14-19 / 53 pemilih (17+ dan satu anak 16 tahun yang sudah kawin; 17 tahun = anak, 18-19 = dewasa) / 36 petugas; denah cincin, wisma putri di zona sendiri.
  Skenario `kpps-kurang`: hanya 8 petugas yang memenuhi syarat KPPS hadir (366 pemilih perlu 2 TPS = 14 kursi KPPS): rencana tetap 2 TPS dan meminta 6 anggota KPPS dari luar UPT.
- `lapas-ketat`: Lapas (12.06.04), 930 WBP / 782 pemilih / 60 petugas (satu per 13 pemilih); kompleks lama dan baru terpisah jalan kebun 18 menit dengan dua pos pemeriksaan dan jalan belakang 16 menit, blok maximum 50, barak asimilasi 20 menit di luar tembok dengan lokasi TPS di zona sendiri.
"""


def main():
    for build in (rutan_besar, lpp_perempuan, lapas_risiko, rutan_kecil, lpka_anak, lapas_ketat):
        name, f, nodes, paths, inmates, staff = build()
        for r in inmates:
            for k in [k for k in r if k.startswith("_")]:
                del r[k]
        write_facility(name, f, nodes, paths, inmates, staff)
        summary(name, inmates, staff)
    kpps_short_scenario()
    juvenile_apart_scenario()
    officers_voting()
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8", newline="") as fh:
        fh.write(README)


OTHER_COLS = ["nip", "nama", "nik", "nkk", "jenis_kelamin", "tanggal_lahir", "status_kawin",
              "kewarganegaraan", "kode_wilayah_ktp", "ktp_el", "pendaftaran"]


def officers_voting():
    """rutan-kecil/pemilih_lain.csv: 23 officers of the day's roster vote at the Rutan's
    TPS (Curup 2024: 23 officers): 18 with Model A filed (DPTb), 3 still on the DPT at
    home (Model A to file), 1 from the Rutan's own kelurahan on no list (DPK), and one
    row without a NIP (a PPS-appointed outsider, keyed LAIN-<line>)."""
    folder = os.path.join(ROOT, "rutan-kecil")
    rng = random.Random(BASE_SEED + 40)
    with open(os.path.join(folder, "staff.csv"), encoding="utf-8") as fh:
        staff = list(csv.DictReader(fh))
    rows = []
    for k, st in enumerate(staff[:23]):
        kec = rng.choice(["53.05.01", "53.05.01", "53.05.02", "53.05.05"])
        region = "53.05.01.1001" if k == 20 else kec
        birth = st["tanggal_lahir"]
        digits = kec.replace(".", "")
        nik = digits + birth[8:10] + birth[5:7] + birth[2:4] + f"{k + 1:04d}"
        if st["jenis_kelamin"] == "P":
            nik = nik[:6] + f"{int(nik[6:8]) + 40:02d}" + nik[8:]
        nkk = digits + f"{rng.randrange(10**9):09d}" + "1"
        reg = "dptb" if k < 18 else ("dpt_asal" if k < 21 else "belum")
        rows.append({
            "nip": st["nip"] if k != 22 else "",
            "nama": st["nama"], "nik": nik, "nkk": nkk[:16],
            "jenis_kelamin": st["jenis_kelamin"], "tanggal_lahir": birth,
            "status_kawin": "S", "kewarganegaraan": "WNI", "kode_wilayah_ktp": region,
            "ktp_el": "ya", "pendaftaran": reg,
        })
    write_csv(os.path.join(folder, "pemilih_lain.csv"), OTHER_COLS, rows)


def juvenile_apart_scenario():
    """rutan-kecil/scenarios/anak-terpisah.toml: juveniles and women at TPS of their own
    with the chapel and the prayer room closed: the six 17-year-olds find no TPS place
    left, which the planner must trace to the juvenile switch (issue 12)."""
    folder = os.path.join(ROOT, "rutan-kecil", "scenarios")
    os.makedirs(folder, exist_ok=True)
    text = (
        'keterangan = "Anak dan perempuan di TPS tersendiri; gereja dan musala ditutup"\n'
        'lokasi_ditutup = ["gereja", "masjid"]\n'
        "\n"
        "[aturan.pemisahan]\n"
        "anak_tps_terpisah = true\n"
        "jenis_kelamin_tps_terpisah = true\n"
    )
    with open(os.path.join(folder, "anak-terpisah.toml"), "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def kpps_short_scenario():
    """lpp-perempuan/scenarios/kpps-kurang.toml: every officer who may sit on a KPPS is
    absent but the first 8 (by nip), so the roster cannot fill 2 crews of 7."""


    folder = os.path.join(ROOT, "lpp-perempuan")
    with open(os.path.join(folder, "staff.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    day = dt.date(2024, 2, 14)

    def may_serve(r):
        born = dt.date.fromisoformat(r["tanggal_lahir"])
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        return (
            "kpps" in r["peran"].split(";")
            and r["pakta_integritas"] == "ya"
            and r["izin_atasan"] == "ya"
            and r["anggota_partai"] == "tidak"
            and r["pendidikan"] in ("SMA", "D3", "S1", "S2", "S3")
            and 17 <= age
            and r["jam_mulai"] <= "06:00"
            and r["jam_selesai"] == "24:00"
        )

    eligible = sorted(r["nip"] for r in rows if may_serve(r))
    absent = eligible[8:]
    os.makedirs(os.path.join(folder, "scenarios"), exist_ok=True)
    lines = [
        'keterangan = "Hanya 8 petugas yang memenuhi syarat KPPS hadir: 2 TPS butuh 14"',
        "petugas_absen = [",
    ]
    lines += ['  "%s",' % n for n in absent]
    lines.append("]")
    with open(os.path.join(folder, "scenarios", "kpps-kurang.toml"), "w", encoding="utf-8",
              newline="") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
