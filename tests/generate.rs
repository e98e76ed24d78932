//! `tpsplan generate`: determinism, the exact input formats of design.md, a sensible
//! layout, staff for the expected TPS, and the distributions of domain.md.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tpsplan::generate::{Generator, Preset, generate};
use tpsplan::model::{
    Citizenship, Clock, Education, FacilityInfo, FacilityKind, LegalStatus, MaritalStatus, Need,
    NodeKind, RegionCode, Registration, Risk, Scenario, Sex, StaffRole, YaTidak, age_on,
};
use tpsplan::reference::Reference;
use tpsplan::rules::load_ruleset;

/// The column lists exactly as design.md writes them.
const INMATES: &str = "no_registrasi,nama,nik,nkk,jenis_kelamin,tanggal_lahir,status_kawin,\
kewarganegaraan,status,blok,kamar,tingkat_risiko,kode_wilayah_ktp,hak_pilih_dicabut,ktp_el,\
pendaftaran,tanggal_bebas,kebutuhan";
const STAFF: &str = "nip,nama,jenis_kelamin,tanggal_lahir,pendidikan,peran,jam_mulai,jam_selesai,\
pakta_integritas,izin_atasan,anggota_partai";
const NODES: &str = "id,jenis,nama,x,y,zona,maks_tps,bilik,kapasitas_tunggu";
const PATHS: &str = "dari,ke,menit,pemeriksaan";

type Files = BTreeMap<PathBuf, Vec<u8>>;

fn read_tree(root: &Path) -> Files {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn facility_files(preset: Preset, seed: u64) -> Vec<(String, Files)> {
    let g = Generator::new(preset, seed).unwrap();
    g.specs()
        .iter()
        .map(|s| (s.code.clone(), g.facility(s).unwrap().files))
        .collect()
}

struct Table {
    header: String,
    rows: Vec<(u64, BTreeMap<String, String>)>,
}

fn table(files: &Files, name: &str) -> Table {
    let bytes = files
        .get(Path::new(name))
        .unwrap_or_else(|| panic!("{name} missing"));
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} not UTF-8: {e}"));
    assert!(!text.contains('\r'), "{name} has CR line ends");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{name}: {e}"));
        let line = rec.position().unwrap().line();
        let map = header
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        rows.push((line, map));
    }
    Table {
        header: header.join(","),
        rows,
    }
}

fn toml_of<T: serde::de::DeserializeOwned>(files: &Files, name: &str) -> T {
    let text = std::str::from_utf8(&files[Path::new(name)]).unwrap();
    toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn yes(v: &str) -> bool {
    v.parse::<YaTidak>().unwrap() == YaTidak::Ya
}

fn date(v: &str) -> NaiveDate {
    v.parse().unwrap_or_else(|e| panic!("date '{v}': {e}"))
}

/// Everything a test wants to know about one generated facility, parsed and checked
/// field by field with the model's own vocabularies.
struct Parsed {
    info: FacilityInfo,
    election: NaiveDate,
    nodes: Table,
    paths: Table,
    inmates: Table,
    staff: Table,
    scenarios: Vec<Scenario>,
}

fn parse_facility(code: &str, files: &Files) -> Parsed {
    let info: FacilityInfo = toml_of(files, "facility.toml");
    let rules = load_ruleset(
        &info.ruleset,
        None,
        &[("aturan_lokal", &info.rule_overrides)],
    )
    .unwrap_or_else(|e| panic!("{code}: {e}"));
    let election = info.election_date.unwrap_or(rules.election_date);

    let nodes = table(files, "layout/nodes.csv");
    assert_eq!(nodes.header, NODES, "{code}");
    for (line, r) in &nodes.rows {
        let at = format!("{code} nodes.csv:{line}");
        r["jenis"]
            .parse::<NodeKind>()
            .unwrap_or_else(|e| panic!("{at}: {e}"));
        r["x"]
            .parse::<f64>()
            .unwrap_or_else(|e| panic!("{at}: {e}"));
        r["y"]
            .parse::<f64>()
            .unwrap_or_else(|e| panic!("{at}: {e}"));
        let max_tps: u32 = r["maks_tps"].parse().unwrap();
        let booths: u32 = r["bilik"].parse().unwrap();
        r["kapasitas_tunggu"].parse::<u32>().unwrap();
        assert!(max_tps == 0 || booths > 0, "{at}: site without booths");
        assert!(!r["id"].is_empty() && !r["zona"].is_empty(), "{at}");
    }
    let paths = table(files, "layout/paths.csv");
    assert_eq!(paths.header, PATHS, "{code}");
    let ids: BTreeSet<&str> = nodes.rows.iter().map(|(_, r)| r["id"].as_str()).collect();
    assert_eq!(ids.len(), nodes.rows.len(), "{code}: duplicate node ids");
    for (line, r) in &paths.rows {
        let at = format!("{code} paths.csv:{line}");
        assert!(
            ids.contains(r["dari"].as_str()) && ids.contains(r["ke"].as_str()),
            "{at}"
        );
        assert!(r["menit"].parse::<f64>().unwrap() > 0.0, "{at}");
        r["pemeriksaan"].parse::<YaTidak>().unwrap();
    }
    let blocks: BTreeSet<&str> = nodes
        .rows
        .iter()
        .filter(|(_, r)| r["jenis"] == "blok")
        .map(|(_, r)| r["id"].as_str())
        .collect();

    let inmates = table(files, "inmates.csv");
    assert_eq!(inmates.header, INMATES, "{code}");
    let mut reg = BTreeSet::new();
    let mut niks = BTreeSet::new();
    for (line, r) in &inmates.rows {
        let at = format!("{code} inmates.csv:{line}");
        assert!(
            reg.insert(r["no_registrasi"].clone()),
            "{at}: duplicate register number"
        );
        assert!(!r["nama"].trim().is_empty(), "{at}");
        let sex: Sex = r["jenis_kelamin"].parse().unwrap();
        let birth = date(&r["tanggal_lahir"]);
        assert!(birth < info.data_date, "{at}: birth after the data date");
        r["status_kawin"].parse::<MaritalStatus>().unwrap();
        let citizen: Citizenship = r["kewarganegaraan"].parse().unwrap();
        r["status"].parse::<LegalStatus>().unwrap();
        assert!(
            blocks.contains(r["blok"].as_str()),
            "{at}: unknown block {}",
            r["blok"]
        );
        assert!(!r["kamar"].is_empty(), "{at}");
        r["tingkat_risiko"].parse::<Risk>().unwrap();
        yes(&r["hak_pilih_dicabut"]);
        let ktp_el = yes(&r["ktp_el"]);
        r["pendaftaran"].parse::<Registration>().unwrap();
        if !r["tanggal_bebas"].is_empty() {
            assert!(
                date(&r["tanggal_bebas"]) > info.data_date,
                "{at}: released already"
            );
        }
        if !r["kebutuhan"].is_empty() {
            r["kebutuhan"].parse::<Need>().unwrap();
        }
        let region = (!r["kode_wilayah_ktp"].is_empty()).then(|| {
            r["kode_wilayah_ktp"]
                .parse::<RegionCode>()
                .unwrap_or_else(|e| panic!("{at}: {e}"))
        });
        if let Some(region) = &region {
            assert_region_is_known(region, &at);
        }
        let nik_empty = r["nik"].is_empty();
        for (field, v) in [("nik", &r["nik"]), ("nkk", &r["nkk"])] {
            if v.is_empty() {
                continue;
            }
            assert!(
                v.len() == 16 && v.bytes().all(|b| b.is_ascii_digit()),
                "{at}: {field} {v}"
            );
            assert!(niks.insert(v.clone()), "{at}: {field} {v} repeated");
            // A family card without a personal NIK has no KTP address to compare with.
            match &region {
                Some(region) => assert_eq!(&v[..2], region.province(), "{at}: {field} province"),
                None => assert!(field == "nkk" && nik_empty, "{at}: NIK without KTP region"),
            }
        }
        let nik = &r["nik"];
        if !nik.is_empty() {
            assert_eq!(
                &nik[..6],
                region.as_ref().unwrap().digits(),
                "{at}: NIK region"
            );
            let day: u32 = nik[6..8].parse().unwrap();
            let expected = chrono::Datelike::day(&birth) + if sex == Sex::P { 40 } else { 0 };
            assert_eq!(day, expected, "{at}: NIK day");
            assert_eq!(
                &nik[8..12],
                &birth.format("%m%y").to_string(),
                "{at}: NIK month/year"
            );
        } else {
            assert!(!ktp_el, "{at}: KTP-el without NIK");
        }
        if citizen == Citizenship::Wna {
            assert!(nik.is_empty() && r["nkk"].is_empty(), "{at}: WNA with NIK");
        }
    }

    let staff = table(files, "staff.csv");
    assert_eq!(staff.header, STAFF, "{code}");
    let mut nips = BTreeSet::new();
    for (line, r) in &staff.rows {
        let at = format!("{code} staff.csv:{line}");
        let nip = &r["nip"];
        assert!(
            nip.len() == 18 && nip.bytes().all(|b| b.is_ascii_digit()),
            "{at}: nip {nip}"
        );
        assert!(nips.insert(nip.clone()), "{at}: duplicate nip");
        let sex: Sex = r["jenis_kelamin"].parse().unwrap();
        let birth = date(&r["tanggal_lahir"]);
        assert_eq!(
            &nip[..8],
            birth.format("%Y%m%d").to_string(),
            "{at}: nip birth date"
        );
        assert_eq!(
            &nip[14..15],
            if sex == Sex::L { "1" } else { "2" },
            "{at}: nip sex"
        );
        let age = age_on(birth, election);
        assert!((20..=58).contains(&age), "{at}: age {age}");
        r["pendidikan"].parse::<Education>().unwrap();
        for role in r["peran"].split(';') {
            role.parse::<StaffRole>()
                .unwrap_or_else(|e| panic!("{at}: {e}"));
        }
        let from: Clock = r["jam_mulai"].parse().unwrap();
        let until: Clock = r["jam_selesai"].parse().unwrap();
        assert!(from < until, "{at}");
        assert!(
            info.shifts
                .iter()
                .any(|s| s.start == from && s.end == until),
            "{at}: hours match no [[regu]]"
        );
        for f in ["pakta_integritas", "izin_atasan", "anggota_partai"] {
            yes(&r[f]);
        }
    }

    let mut scenarios = Vec::new();
    for (path, bytes) in files {
        if path.starts_with("scenarios") {
            let text = std::str::from_utf8(bytes).unwrap();
            let mut s: Scenario =
                toml::from_str(text).unwrap_or_else(|e| panic!("{code} {}: {e}", path.display()));
            s.name = path.file_stem().unwrap().to_string_lossy().to_string();
            load_ruleset(
                &info.ruleset,
                None,
                &[
                    ("aturan_lokal", &info.rule_overrides),
                    ("aturan", &s.rule_overrides),
                ],
            )
            .unwrap_or_else(|e| panic!("{code} {}: {e}", s.name));
            for b in &s.locked_blocks {
                assert!(blocks.contains(b.as_str()), "{code} {}: {b}", s.name);
            }
            for site in &s.closed_sites {
                assert!(ids.contains(site.as_str()), "{code} {}: {site}", s.name);
            }
            for n in &s.absent_staff {
                assert!(nips.contains(n.as_str()), "{code} {}: {n}", s.name);
            }
            assert!(!s.description.is_empty());
            scenarios.push(s);
        }
    }
    for sep in &info.separations {
        for b in &sep.blocks {
            assert!(blocks.contains(b.as_str()), "{code} pemisahan: {b}");
        }
    }
    assert_region_is_known(&info.region, code);
    Parsed {
        info,
        election,
        nodes,
        paths,
        inmates,
        staff,
        scenarios,
    }
}

/// A region code is valid when its province is known; where the reference tables the
/// kab/kota (or the kecamatan) of that province, the code must be in the table.
fn assert_region_is_known(region: &RegionCode, at: &str) {
    let r = Reference::builtin();
    assert!(
        r.province_name(region.province()).is_some(),
        "{at}: province of {region}"
    );
    if r.has_kabkota_table(region.province()) {
        let kk = region.kabkota().unwrap();
        assert!(r.kabkota(kk).is_some(), "{at}: kab/kota of {region}");
        if r.has_kecamatan_table(kk) {
            assert!(
                r.kecamatan(region.as_str()).is_some(),
                "{at}: kecamatan {region}"
            );
        }
    }
}

fn likely_voter(r: &BTreeMap<String, String>, election: NaiveDate) -> bool {
    let age = age_on(date(&r["tanggal_lahir"]), election);
    r["kewarganegaraan"] == "WNI"
        && !r["nik"].is_empty()
        && !r["nkk"].is_empty()
        && r["hak_pilih_dicabut"] == "tidak"
        && (r["tanggal_bebas"].is_empty() || date(&r["tanggal_bebas"]) >= election)
        && (age >= 17 || r["status_kawin"] != "B")
        && (r["pendaftaran"] != "belum" || r["ktp_el"] == "ya")
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let c = dir.path().join("c");
    generate(Preset::Kalabahi, 7, &a).unwrap();
    generate(Preset::Kalabahi, 7, &b).unwrap();
    generate(Preset::Kalabahi, 8, &c).unwrap();
    let (ta, tb, tc) = (read_tree(&a), read_tree(&b), read_tree(&c));
    assert!(ta.contains_key(Path::new("facility.toml")));
    assert!(ta.contains_key(Path::new("scenarios/sakit.toml")));
    assert_eq!(ta, tb);
    assert_ne!(ta[Path::new("inmates.csv")], tc[Path::new("inmates.csv")]);
    assert_ne!(ta[Path::new("staff.csv")], tc[Path::new("staff.csv")]);
}

#[test]
fn a_upt_is_the_same_in_every_preset_that_holds_it() {
    let alone = facility_files(Preset::Kabanjahe, 2024).remove(0);
    let g = Generator::new(Preset::KanwilSumut, 2024).unwrap();
    let spec = g
        .specs()
        .into_iter()
        .find(|s| s.code == "rutan-kabanjahe")
        .unwrap();
    assert_eq!(spec.folder, PathBuf::from("rutan-kabanjahe"));
    let inside = g.facility(&spec).unwrap().files;
    let strip = |b: &Vec<u8>| -> String {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        alone.1.keys().collect::<Vec<_>>(),
        inside.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &alone.1 {
        assert_eq!(strip(bytes), strip(&inside[path]), "{}", path.display());
    }
}

#[test]
fn every_sample_follows_the_input_formats_of_the_design() {
    for preset in [
        Preset::PancurBatu,
        Preset::Kabanjahe,
        Preset::Kalabahi,
        Preset::Pohuwato,
        Preset::Large,
    ] {
        for (code, files) in facility_files(preset, 2024) {
            let p = parse_facility(&code, &files);
            let names: BTreeSet<&str> = p.scenarios.iter().map(|s| s.name.as_str()).collect();
            for s in ["lockdown", "sakit", "lambat", "pilkada"] {
                assert!(names.contains(s), "{code}: scenario {s} missing");
            }
            let pilkada = p.scenarios.iter().find(|s| s.name == "pilkada").unwrap();
            let rules = load_ruleset(
                &p.info.ruleset,
                None,
                &[("aturan", &pilkada.rule_overrides)],
            )
            .unwrap();
            let real = load_ruleset("pilkada-2024", None, &[]).unwrap();
            assert_eq!(rules.tps, real.tps, "{code}: Pilkada caps");
            assert_eq!(
                rules.surat_suara, real.surat_suara,
                "{code}: Pilkada ballots"
            );
            // Every deadline counts from the Pilkada date (27 November 2024).
            assert_eq!(
                rules.election_date, real.election_date,
                "{code}: Pilkada date"
            );
            assert_eq!(
                rules.pendaftaran, real.pendaftaran,
                "{code}: Pilkada deadlines"
            );
            assert!(
                rules.surat_suara.cadangan_terkonfirmasi,
                "UU 10/2016 pasal 80"
            );
        }
    }
}

#[test]
fn the_large_preset_has_40_blocks_and_12_sites() {
    let (_, files) = facility_files(Preset::Large, 1).remove(0);
    let p = parse_facility("large", &files);
    let count = |f: &dyn Fn(&BTreeMap<String, String>) -> bool| {
        p.nodes.rows.iter().filter(|(_, r)| f(r)).count()
    };
    assert_eq!(count(&|r| r["jenis"] == "blok"), 40);
    assert_eq!(count(&|r| r["maks_tps"] != "0"), 12);
    assert!((3300..=3700).contains(&p.inmates.rows.len()));
    assert_eq!(p.info.kind, FacilityKind::Rutan);
    assert_eq!(p.info.class, "I");
}

#[test]
fn layouts_draw_a_sensible_map_where_every_block_reaches_enough_sites() {
    for preset in [Preset::PancurBatu, Preset::Kalabahi, Preset::Large] {
        for (code, files) in facility_files(preset, 2024) {
            let p = parse_facility(&code, &files);
            let node: BTreeMap<&str, &BTreeMap<String, String>> = p
                .nodes
                .rows
                .iter()
                .map(|(_, r)| (r["id"].as_str(), r))
                .collect();
            let xy = |id: &str| -> (f64, f64) {
                (
                    node[id]["x"].parse().unwrap(),
                    node[id]["y"].parse().unwrap(),
                )
            };
            // No two nodes on top of each other.
            let ids: Vec<&str> = node.keys().copied().collect();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    let (ax, ay) = xy(a);
                    let (bx, by) = xy(b);
                    let d = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
                    assert!(d >= 35.0, "{code}: {a} and {b} only {d} m apart");
                }
            }
            // Walk minutes follow the distances.
            let mut adj: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            let mut searches = 0;
            for (_, r) in &p.paths.rows {
                let (ax, ay) = xy(&r["dari"]);
                let (bx, by) = xy(&r["ke"]);
                let d = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
                let m: f64 = r["menit"].parse().unwrap();
                assert!((m - d / 50.0).abs() <= 0.5, "{code}: {} min for {d} m", m);
                adj.entry(&r["dari"]).or_default().push(&r["ke"]);
                adj.entry(&r["ke"]).or_default().push(&r["dari"]);
                searches += usize::from(r["pemeriksaan"] == "ya");
            }
            assert!(searches >= 2, "{code}: search points");
            // Every block reaches a site its zone may use; each zone's sites hold its voters.
            let access = |zone: &str| -> Vec<String> {
                p.info
                    .zone_access
                    .iter()
                    .find(|(z, _)| z.as_str() == zone)
                    .map(|(_, v)| v.iter().map(|z| z.0.clone()).collect())
                    .unwrap_or_else(|| vec![zone.to_string()])
            };
            let mut voters_per_zone: BTreeMap<String, u32> = BTreeMap::new();
            for (_, r) in &p.inmates.rows {
                if likely_voter(r, p.election) {
                    *voters_per_zone
                        .entry(node[r["blok"].as_str()]["zona"].clone())
                        .or_default() += 1;
                }
            }
            for (id, r) in &node {
                if r["jenis"] != "blok" {
                    continue;
                }
                let zones = access(&r["zona"]);
                let mut seen = BTreeSet::from([*id]);
                let mut queue = VecDeque::from([*id]);
                let mut reached = false;
                while let Some(n) = queue.pop_front() {
                    if node[n]["maks_tps"] != "0" && zones.contains(&node[n]["zona"]) {
                        reached = true;
                    }
                    for m in adj.get(n).into_iter().flatten() {
                        if seen.insert(m) {
                            queue.push_back(m);
                        }
                    }
                }
                assert!(reached, "{code}: {id} reaches no site its zone may use");
            }
            for (zone, voters) in &voters_per_zone {
                let zones = access(zone);
                let tps: u32 = node
                    .values()
                    .filter(|r| zones.contains(&r["zona"]))
                    .map(|r| r["maks_tps"].parse::<u32>().unwrap())
                    .sum();
                assert!(
                    tps * 270 >= *voters,
                    "{code}: {zone} {voters} voters, {tps} TPS"
                );
            }
            // Women vote apart: men's zones may not use the women's sites.
            let men = access("hunian_pria");
            assert!(!men.contains(&"hunian_wanita".to_string()), "{code}");
        }
    }
}

#[test]
fn staff_covers_the_crews_and_escorts_of_the_expected_tps() {
    for preset in [
        Preset::PancurBatu,
        Preset::Kabanjahe,
        Preset::Kalabahi,
        Preset::Pohuwato,
    ] {
        for (code, files) in facility_files(preset, 2024) {
            let p = parse_facility(&code, &files);
            let rules = load_ruleset(&p.info.ruleset, None, &[]).unwrap();
            let voters = p
                .inmates
                .rows
                .iter()
                .filter(|(_, r)| likely_voter(r, p.election))
                .count() as u32;
            let tps = voters.div_ceil(rules.tps.maks_pemilih);
            let counting_end = rules.jam.tutup.minutes()
                + rules.jam.menit_hitung_per_jenis * rules.surat_suara.jenis.len() as u16;
            let capable = p
                .staff
                .rows
                .iter()
                .filter(|(_, r)| {
                    r["peran"].split(';').any(|x| x == "kpps")
                        && yes(&r["pakta_integritas"])
                        && yes(&r["izin_atasan"])
                        && !yes(&r["anggota_partai"])
                        && r["pendidikan"].parse::<Education>().unwrap() >= Education::Sma
                })
                .inspect(|(line, r)| {
                    let from: Clock = r["jam_mulai"].parse().unwrap();
                    let until: Clock = r["jam_selesai"].parse().unwrap();
                    assert!(from <= rules.jam.buka, "{code}:{line} KPPS starts late");
                    assert!(
                        until.minutes() >= counting_end,
                        "{code}:{line} leaves before counting ends"
                    );
                })
                .count() as u32;
            assert!(
                capable >= tps * rules.kpps.jumlah,
                "{code}: {capable} for {tps} TPS"
            );
            let unable = p.staff.rows.iter().filter(|(_, r)| {
                r["peran"].contains("kpps")
                    && (!yes(&r["pakta_integritas"])
                        || !yes(&r["izin_atasan"])
                        || yes(&r["anggota_partai"])
                        || r["pendidikan"] == "SMP")
            });
            assert!(unable.count() > 0, "{code}: nobody is barred from KPPS");
            let escorts = p
                .staff
                .rows
                .iter()
                .filter(|(_, r)| r["peran"].contains("pengawal") && !r["peran"].contains("kpps"))
                .count() as u32;
            assert!(
                escorts >= 2 * tps,
                "{code}: {escorts} escorts for {tps} TPS"
            );
            let women_inmates = p
                .inmates
                .rows
                .iter()
                .any(|(_, r)| r["jenis_kelamin"] == "P");
            let women_escorts = p
                .staff
                .rows
                .iter()
                .filter(|(_, r)| r["jenis_kelamin"] == "P" && r["peran"].contains("pengawal"))
                .count();
            if women_inmates {
                assert!(women_escorts >= 4, "{code}: {women_escorts} women escorts");
            }
        }
    }
}

#[test]
fn pancur_batu_follows_the_distributions_of_the_domain() {
    let (code, files) = facility_files(Preset::PancurBatu, 2024).remove(0);
    let p = parse_facility(&code, &files);
    let rows: Vec<&BTreeMap<String, String>> = p.inmates.rows.iter().map(|(_, r)| r).collect();
    let n = rows.len() as f64;
    let share = |f: &dyn Fn(&BTreeMap<String, String>) -> bool| {
        rows.iter().filter(|r| f(r)).count() as f64 / n
    };
    assert!((1700.0..=1900.0).contains(&n));
    let within = |name: &str, v: f64, lo: f64, hi: f64| {
        assert!(
            (lo..=hi).contains(&v),
            "{name}: {:.2} % not in {lo}..{hi}",
            v * 100.0
        );
    };
    within("women", share(&|r| r["jenis_kelamin"] == "P"), 0.03, 0.08);
    within(
        "no NIK or NKK",
        share(&|r| r["nik"].is_empty() || r["nkk"].is_empty()),
        0.10,
        0.20,
    );
    within(
        "WNA",
        share(&|r| r["kewarganegaraan"] == "WNA"),
        0.0005,
        0.015,
    );
    within("DPT", share(&|r| r["pendaftaran"] == "dpt"), 0.60, 0.80);
    within("DPTb", share(&|r| r["pendaftaran"] == "dptb"), 0.08, 0.22);
    within("belum", share(&|r| r["pendaftaran"] == "belum"), 0.08, 0.22);
    within(
        "high risk",
        share(&|r| r["tingkat_risiko"] == "maximum" || r["tingkat_risiko"] == "tinggi"),
        0.005,
        0.04,
    );
    within(
        "released before the day",
        share(&|r| !r["tanggal_bebas"].is_empty() && date(&r["tanggal_bebas"]) < p.election),
        0.01,
        0.08,
    );
    within(
        "clinic",
        share(&|r| r["kebutuhan"] == "klinik"),
        0.0005,
        0.02,
    );
    within(
        "assisted",
        share(&|r| r["kebutuhan"] == "pendampingan"),
        0.003,
        0.06,
    );
    within("married", share(&|r| r["status_kawin"] == "S"), 0.3, 0.7);
    within(
        "previously married",
        share(&|r| r["status_kawin"] == "P"),
        0.03,
        0.2,
    );
    // KTP addresses: mostly Deli Serdang, some in the same kecamatan, some elsewhere in
    // the province, some in other provinces.
    let with_ktp: Vec<&&BTreeMap<String, String>> = rows
        .iter()
        .filter(|r| !r["kode_wilayah_ktp"].is_empty())
        .collect();
    let k = with_ktp.len() as f64;
    let ktp = |f: &dyn Fn(&str) -> bool| {
        with_ktp
            .iter()
            .filter(|r| f(&r["kode_wilayah_ktp"]))
            .count() as f64
            / k
    };
    within(
        "KTP same kab/kota",
        ktp(&|c| c.starts_with("12.07")),
        0.5,
        0.8,
    );
    within("KTP same kecamatan", ktp(&|c| c == "12.07.05"), 0.1, 0.35);
    within(
        "KTP elsewhere in Sumut",
        ktp(&|c| c.starts_with("12.") && !c.starts_with("12.07")),
        0.1,
        0.4,
    );
    within(
        "KTP other province",
        ktp(&|c| !c.starts_with("12.")),
        0.04,
        0.2,
    );
    // Every adult is 18 to 70 on election day; women live in the women's zone only,
    // high-risk inmates in the maximum zone only.
    let zone: BTreeMap<&str, &str> = p
        .nodes
        .rows
        .iter()
        .map(|(_, r)| (r["id"].as_str(), r["zona"].as_str()))
        .collect();
    for r in &rows {
        let age = age_on(date(&r["tanggal_lahir"]), p.election);
        assert!((18..=71).contains(&age), "age {age}");
        let z = zone[r["blok"].as_str()];
        assert_eq!(r["jenis_kelamin"] == "P", z == "hunian_wanita", "{r:?}");
        let high = r["tingkat_risiko"] == "maximum" || r["tingkat_risiko"] == "tinggi";
        assert_eq!(high, z == "maksimum", "{r:?}");
    }
    // About twice the design capacity, said in the header.
    let text = String::from_utf8_lossy(&files[Path::new("facility.toml")]).to_string();
    let pct: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("# Kapasitas hunian "))
        .and_then(|l| l.split('(').nth(1))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    within("occupancy", pct / 100.0, 1.7, 2.4);
    // Names exercise exports: apostrophes and letters beyond ASCII somewhere in the sample.
    let all = String::from_utf8_lossy(&files[Path::new("inmates.csv")]).to_string()
        + &String::from_utf8_lossy(&files[Path::new("staff.csv")]);
    assert!(all.contains('\''), "no apostrophe in any name");
    assert!(!all.is_ascii(), "no non-ASCII name");
}

#[test]
fn kanwil_sumut_keeps_juveniles_in_the_lpka_and_women_in_their_blocks() {
    let facilities = facility_files(Preset::KanwilSumut, 2024);
    assert!((38..=42).contains(&facilities.len()));
    let mut total = 0usize;
    let mut women = 0usize;
    let mut kinds = BTreeSet::new();
    for (code, files) in &facilities {
        let info: FacilityInfo = toml_of(files, "facility.toml");
        kinds.insert(info.kind.as_str());
        let election = load_ruleset(&info.ruleset, None, &[])
            .unwrap()
            .election_date;
        let inmates = table(files, "inmates.csv");
        for (line, r) in &inmates.rows {
            total += 1;
            let age = age_on(date(&r["tanggal_lahir"]), election);
            if age < 18 {
                assert_eq!(info.kind, FacilityKind::Lpka, "{code}:{line} juvenile");
            }
            if r["jenis_kelamin"] == "P" {
                women += 1;
                assert!(
                    info.kind == FacilityKind::Lpp || r["blok"].starts_with("blok-wanita"),
                    "{code}:{line} woman in {}",
                    r["blok"]
                );
            }
            if info.kind == FacilityKind::Lpp {
                assert_eq!(r["jenis_kelamin"], "P", "{code}:{line}");
            }
            if !r["kode_wilayah_ktp"].is_empty() {
                assert_region_is_known(&r["kode_wilayah_ktp"].parse().unwrap(), code);
            }
        }
    }
    assert!((33_000..=37_000).contains(&total), "{total} inmates");
    let w = women as f64 / total as f64;
    assert!((0.03..=0.07).contains(&w), "women {w}");
    assert_eq!(kinds, BTreeSet::from(["lapas", "lpka", "lpp", "rutan"]));
    // A married 16-year-old somewhere in the LPKA.
    let (_, lpka) = facilities.iter().find(|(c, _)| c == "lpka-medan").unwrap();
    let married_16 = table(lpka, "inmates.csv").rows.iter().any(|(_, r)| {
        age_on(
            date(&r["tanggal_lahir"]),
            NaiveDate::from_ymd_opt(2024, 2, 14).unwrap(),
        ) == 16
            && r["status_kawin"] == "S"
    });
    assert!(married_16, "no married 16-year-old in the LPKA");
}

#[test]
fn the_national_preset_covers_every_province_with_unique_folders() {
    let specs = Preset::National.specs();
    assert!((500..=560).contains(&specs.len()), "{} UPTs", specs.len());
    let folders: BTreeSet<&PathBuf> = specs.iter().map(|s| &s.folder).collect();
    assert_eq!(folders.len(), specs.len(), "duplicate folders");
    let codes: BTreeSet<&str> = specs.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes.len(), specs.len(), "two UPTs share a kode");
    let provinces: BTreeSet<String> = specs
        .iter()
        .map(|s| s.region_code().unwrap().province().to_string())
        .collect();
    assert!(provinces.len() >= 34, "{} provinces", provinces.len());
    let inmates: u32 = specs.iter().map(|s| s.inmates).sum();
    assert!((255_000..=295_000).contains(&inmates), "{inmates} inmates");
    for s in &specs {
        let region = s
            .region_code()
            .unwrap_or_else(|e| panic!("{}: {e}", s.code));
        assert_eq!(
            region.level(),
            tpsplan::model::RegionLevel::Kecamatan,
            "{}",
            s.code
        );
        assert_region_is_known(&region, &s.code);
        assert_eq!(s.folder.components().count(), 2, "{}", s.code);
        assert!(s.folder.ends_with(&s.code));
    }
    for p in [
        Preset::PancurBatu,
        Preset::Kabanjahe,
        Preset::Kalabahi,
        Preset::Pohuwato,
        Preset::Large,
    ] {
        let one = p.specs().remove(0);
        assert!(
            specs.iter().any(|s| s.code == one.code),
            "{} not in national",
            one.code
        );
    }
}

#[test]
fn generate_never_writes_into_a_folder_that_holds_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("catatan.txt"), "jangan dihapus").unwrap();
    let e = generate(Preset::Kalabahi, 1, &out).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("tidak kosong"), "{e}");
    assert_eq!(
        std::fs::read_to_string(out.join("catatan.txt")).unwrap(),
        "jangan dihapus"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // No temporary folder is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // An empty folder is fine and ends up holding the facility.
    let empty = dir.path().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    generate(Preset::Kalabahi, 1, &empty).unwrap();
    assert!(empty.join("facility.toml").is_file());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn region_presets_write_one_folder_per_upt() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sumut");
    let summary = generate(Preset::KanwilSumut, 3, &out).unwrap();
    // UPTs are generated in parallel; the bytes do not depend on the scheduling.
    let again = dir.path().join("sumut-lagi");
    generate(Preset::KanwilSumut, 3, &again).unwrap();
    assert!(read_tree(&out) == read_tree(&again), "two runs differ");
    assert_eq!(summary.facilities, Preset::KanwilSumut.specs().len());
    assert!(out.join("lapas-pancur-batu/facility.toml").is_file());
    assert!(out.join("lpka-medan/layout/nodes.csv").is_file());
    assert_eq!(
        summary.rows(),
        summary.inmates + summary.staff + summary.nodes + summary.paths
    );
}

#[test]
fn committed_samples_are_what_the_generator_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (preset, folder) in [
        (Preset::PancurBatu, "sumut/lapas-pancur-batu"),
        (Preset::Kabanjahe, "sumut/rutan-kabanjahe"),
        (Preset::Kalabahi, "ntt/lapas-kalabahi"),
        (Preset::Pohuwato, "gorontalo/lapas-pohuwato"),
    ] {
        let committed = read_tree(&root.join(folder));
        let (_, fresh) = facility_files(preset, 2024).remove(0);
        assert_eq!(
            committed.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "{folder}"
        );
        for (path, bytes) in &fresh {
            assert!(
                committed[path] == *bytes,
                "{folder}/{} differs: regenerate (data/README.md)",
                path.display()
            );
        }
    }
}

/// Generated facilities always validate: for random seeds, every facility of the small
/// presets and of the Sumatera Utara region reads with no error and no warning, with
/// every one of its scenarios too.
mod generated_facilities_validate {
    use super::*;
    use proptest::prelude::*;

    fn assert_clean(dir: &Path, scenario: Option<&str>) {
        let loaded = tpsplan::input::load_facility(dir, scenario, Reference::builtin());
        let shown: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            loaded.facility.is_some() && loaded.problems.is_empty(),
            "{} {:?}: {}",
            dir.display(),
            scenario,
            shown.join("\n")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
        #[test]
        fn for_any_seed(seed in any::<u64>(), preset in 0usize..4) {
            let preset = [Preset::Kalabahi, Preset::Pohuwato, Preset::Kabanjahe, Preset::PancurBatu][preset];
            let tmp = tempfile::tempdir().expect("tempdir");
            let out = tmp.path().join("upt");
            generate(preset, seed, &out).expect("generated");
            assert_clean(&out, None);
            for scenario in ["lockdown", "sakit", "hujan", "lambat", "pilkada"] {
                assert_clean(&out, Some(scenario));
            }
        }
    }

    #[test]
    fn every_upt_of_the_sumatera_utara_region() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("sumut");
        generate(Preset::KanwilSumut, 11, &out).expect("generated");
        let dirs = tpsplan::input::find_facilities(&out);
        assert!(dirs.len() >= 35, "{} UPTs", dirs.len());
        for d in dirs {
            assert_clean(&d, None);
        }
    }
}
