//! The independent checker: re-checks a plan against its inputs and the hard rules 1-7
//! and 9 of design.md (rule 8, staffing, belongs to the staffing issue). It uses only
//! the model, the ruleset and the plan types: walking times are recomputed here with a
//! plain Dijkstra over `facility.paths`, capacities and escorts from the inputs, so a
//! mistake in the optimiser cannot hide itself. Each violation names its rule and the
//! TPS, wave or voter concerned, in both languages ([`Violation::render`]).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fmt;

use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{Category, Clock, NodeId, RegNo, StaffRole, Voter, ZoneId};
use crate::plan::{Plan, Wave};

/// One broken hard rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Hard rule number of design.md (1-7, 9).
    pub rule: u8,
    /// TPS concerned.
    pub tps: Option<u32>,
    /// Wave concerned (index into `plan.waves`).
    pub wave: Option<usize>,
    /// Voter concerned.
    pub voter: Option<RegNo>,
    /// What is wrong, in both languages.
    pub message: Text,
}

impl Violation {
    /// The violation as one line in `lang`: rule, TPS, wave and voter, then the message.
    pub fn render(&self, lang: Lang) -> String {
        let (rule, wave, voter) = match lang {
            Lang::Id => ("aturan", "gelombang", "pemilih"),
            Lang::En => ("rule", "wave", "voter"),
        };
        let mut s = format!("{rule} {}", self.rule);
        if let Some(t) = self.tps {
            s += &format!(", TPS {t}");
        }
        if let Some(w) = self.wave {
            s += &format!(", {wave} {}", w + 1);
        }
        if let Some(v) = &self.voter {
            s += &format!(", {voter} {v}");
        }
        s + ": " + self.message.get(lang)
    }
}

/// Indonesian; [`Violation::render`] for the user's language.
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Id))
    }
}

/// Wordings joined with a separator of each language.
fn join(parts: &[Text], id: &str, en: &str) -> Text {
    let each = |lang: Lang| {
        parts
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Id => id,
                Lang::En => en,
            })
    };
    Text::new(each(Lang::Id), each(Lang::En))
}

struct Out(Vec<Violation>);

impl Out {
    fn push(
        &mut self,
        rule: u8,
        tps: Option<u32>,
        wave: Option<usize>,
        voter: Option<&RegNo>,
        message: Text,
    ) {
        self.0.push(Violation {
            rule,
            tps,
            wave,
            voter: voter.cloned(),
            message,
        });
    }
}

#[derive(PartialEq)]
struct Entry(f64, usize);
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

/// Where a voter is on the day: the clinic (`clinic`, the layout's first `klinik`
/// node) for a clinic voter served by a visit, when there is one; else the voter's block.
fn place_of<'a>(facility: &Facility, clinic: Option<&'a NodeId>, v: &'a Voter) -> &'a NodeId {
    match clinic {
        Some(c) if v.clinic && mobile(facility, v) => c,
        _ => &v.block,
    }
}

/// Shortest walking minutes from `from` to every node (search points included).
fn walking_minutes(facility: &Facility, from: &NodeId) -> BTreeMap<NodeId, f64> {
    let ids: Vec<&NodeId> = facility.nodes.iter().map(|n| &n.id).collect();
    let index: BTreeMap<&NodeId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ids.len()];
    let search = facility.rules.pengawalan.menit_pemeriksaan;
    for p in &facility.paths {
        if let (Some(&a), Some(&b)) = (index.get(&p.from), index.get(&p.to)) {
            let m = p.minutes + if p.search_point { search } else { 0.0 };
            adj[a].push((b, m));
            adj[b].push((a, m));
        }
    }
    if from.is_other_voters() {
        // Officers on duty go to the TPS on their own: no walk is scheduled.
        return ids.into_iter().map(|id| (id.clone(), 0.0)).collect();
    }
    let mut dist = vec![f64::INFINITY; ids.len()];
    let mut out = BTreeMap::new();
    let Some(&s) = index.get(from) else {
        return out;
    };
    dist[s] = 0.0;
    let mut heap = BinaryHeap::new();
    heap.push(Entry(0.0, s));
    while let Some(Entry(d, u)) = heap.pop() {
        if d > dist[u] {
            continue;
        }
        for &(v, w) in &adj[u] {
            if d + w < dist[v] {
                dist[v] = d + w;
                heap.push(Entry(d + w, v));
            }
        }
    }
    for (i, d) in dist.into_iter().enumerate() {
        if d.is_finite() {
            out.insert(ids[i].clone(), d);
        }
    }
    out
}

fn mobile(facility: &Facility, v: &Voter) -> bool {
    v.mobile || facility.scenario.locked_blocks.contains(&v.block)
}

fn window(facility: &Facility, v: &Voter) -> (Clock, Clock) {
    let j = &facility.rules.jendela;
    let w = match v.category {
        Category::Dpt => j.dpt,
        Category::Dptb => j.dptb,
        Category::Dpk => j.dpk,
    };
    // Clinic visits only inside the visit window; other visits (locked blocks,
    // high-risk cells) and walks inside the voter's own list window.
    let (from, until) = if mobile(facility, v) && v.clinic {
        (
            w.mulai.max(j.kunjungan.mulai),
            w.selesai.min(j.kunjungan.selesai),
        )
    } else {
        (w.mulai, w.selesai)
    };
    (from, until.min(facility.rules.last_voting_minute()))
}

/// Officers free to escort per minute: `pengawal` staff on duty for the whole minute,
/// minus the KPPS seats that staff who are not escorts cannot fill.
fn escort_capacity(facility: &Facility, tps: u32) -> Vec<i64> {
    let seats = facility.rules.kpps.jumlah as i64 * tps as i64;
    let kpps_only = facility
        .staff
        .iter()
        .filter(|s| s.roles.contains(&StaffRole::Kpps) && !s.roles.contains(&StaffRole::Pengawal))
        .count() as i64;
    let reserved = (seats - kpps_only).max(0);
    (0..24 * 60)
        .map(|m: i64| {
            let on = facility
                .staff
                .iter()
                .filter(|s| s.roles.contains(&StaffRole::Pengawal))
                .filter(|s| s.on_duty_from.0 as i64 <= m && s.on_duty_until.0 as i64 > m)
                .count() as i64;
            (on - reserved).max(0)
        })
        .collect()
}

/// Officers free to escort per minute with the plan's named crews: `pengawal` staff on
/// duty for the whole minute who sit on no KPPS.
fn named_escort_capacity(facility: &Facility, st: &crate::staffing::Staffing) -> Vec<i64> {
    let crew: BTreeSet<&str> = st.kpps.iter().map(|s| s.nip.as_str()).collect();
    (0..24 * 60)
        .map(|m: i64| {
            facility
                .staff
                .iter()
                .filter(|s| {
                    s.roles.contains(&StaffRole::Pengawal) && !crew.contains(s.nip.as_str())
                })
                .filter(|s| s.on_duty_from.0 as i64 <= m && s.on_duty_until.0 as i64 > m)
                .count() as i64
        })
        .collect()
}

/// Hard rule 8 and the named roster: exactly the ruleset's crew per TPS (chairs
/// included) of staff who may serve and are on duty for voting and counting; every
/// escort and searcher on the roster with the role, on duty for the whole assignment,
/// never in two places at once; each wave with its escorts (a woman for a women's
/// block when the ruleset says so) and each TPS with its searchers while open.
fn check_staffing<'a>(
    facility: &Facility,
    plan: &'a Plan,
    st: &crate::staffing::Staffing,
    walks: &mut BTreeMap<&'a NodeId, BTreeMap<NodeId, f64>>,
    out: &mut Out,
) {
    use crate::model::Sex;
    let r = &facility.rules;
    let day = facility.election_date();
    let roster: BTreeMap<&str, &crate::model::Staff> =
        facility.staff.iter().map(|s| (s.nip.as_str(), s)).collect();
    let push = |out: &mut Out, tps: Option<u32>, wave: Option<usize>, msg: Text| {
        out.push(8, tps, wave, None, msg)
    };
    for t in &plan.tps {
        let seats: Vec<_> = st.kpps.iter().filter(|s| s.nomor_tps == t.number).collect();
        let chairs = seats.iter().filter(|s| s.jabatan == "ketua").count() as u32;
        let requested: u32 = plan
            .kekurangan
            .iter()
            .filter(|q| q.peran == "kpps" && q.nomor_tps == Some(t.number))
            .map(|q| q.jumlah)
            .sum();
        let seated = seats.len() as u32;
        if seated + requested != r.kpps.jumlah || chairs != r.kpps.ketua.min(seated) {
            push(
                out,
                Some(t.number),
                None,
                text!(
                    "KPPS {} orang ({chairs} ketua) dan {requested} diminta dari luar, seharusnya {} ({} ketua)",
                    "KPPS of {} ({chairs} chairing) and {requested} requested from outside, should be {} ({} chairing)",
                    seats.len(),
                    r.kpps.jumlah,
                    r.kpps.ketua
                ),
            );
        }
        let from = r.jam.buka.0.saturating_sub(r.kpps.menit_persiapan);
        let until =
            (r.jam.tutup.0 + r.jam.menit_hitung_per_jenis * t.ballots.len() as u16).min(24 * 60);
        for seat in seats {
            let Some(s) = roster.get(seat.nip.as_str()) else {
                push(
                    out,
                    Some(t.number),
                    None,
                    text!(
                        "KPPS {} tidak ada di staff.csv",
                        "KPPS member {} is not in staff.csv",
                        seat.nip
                    ),
                );
                continue;
            };
            let mut why = Vec::new();
            if !s.roles.contains(&StaffRole::Kpps) {
                why.push(text!("peran tanpa kpps", "roles without kpps"));
            }
            if !s.pledge_signed {
                why.push(text!("tanpa pakta integritas", "no integrity pledge"));
            }
            if !s.superior_permission {
                why.push(text!("tanpa izin atasan", "no permission from a superior"));
            }
            if s.party_member {
                why.push(text!("anggota partai", "party member"));
            }
            let age = crate::model::age_on(s.birth_date, day);
            if age < r.kpps.usia_minimal {
                why.push(text!(
                    "di bawah {} tahun",
                    "under {} years old",
                    r.kpps.usia_minimal
                ));
            }
            if age > r.kpps.usia_maksimal {
                why.push(text!(
                    "di atas {} tahun",
                    "over {} years old",
                    r.kpps.usia_maksimal
                ));
            }
            if s.education < r.kpps.pendidikan_minimal {
                why.push(text!(
                    "pendidikan {} di bawah {}",
                    "education {} below {}",
                    s.education,
                    r.kpps.pendidikan_minimal
                ));
            }
            if s.on_duty_from.0 > from || s.on_duty_until.0 < until {
                why.push(text!(
                    "bertugas {}-{}, dibutuhkan {}-{}",
                    "on duty {}-{}, needed {}-{}",
                    s.on_duty_from,
                    s.on_duty_until,
                    Clock(from),
                    Clock(until)
                ));
            }
            if !why.is_empty() {
                push(
                    out,
                    Some(t.number),
                    None,
                    join(&why, ", ", ", ").map(|lang, why| match lang {
                        Lang::Id => {
                            format!("KPPS {} ({}) tidak memenuhi syarat: {why}", s.nip, s.name)
                        }
                        Lang::En => {
                            format!("KPPS member {} ({}) is not eligible: {why}", s.nip, s.name)
                        }
                    }),
                );
            }
        }
    }
    // Every assignment: on the roster with the role, on duty throughout, no overlaps.
    let mut by_nip: BTreeMap<&str, Vec<(u16, u16, String)>> = BTreeMap::new();
    for seat in &st.kpps {
        let t = plan.tps.iter().find(|t| t.number == seat.nomor_tps);
        let ballots = t.map(|t| t.ballots.len() as u16).unwrap_or(0);
        let from = r.jam.buka.0.saturating_sub(r.kpps.menit_persiapan);
        let until = (r.jam.tutup.0 + r.jam.menit_hitung_per_jenis * ballots).min(24 * 60);
        by_nip.entry(seat.nip.as_str()).or_default().push((
            from,
            until,
            format!("KPPS TPS {}", seat.nomor_tps),
        ));
    }
    let mut escorts_of: BTreeMap<usize, Vec<(u16, u16, Sex)>> = BTreeMap::new();
    let mut searchers: BTreeMap<u32, Vec<(u16, u16, Sex)>> = BTreeMap::new();
    for a in st
        .assignments
        .iter()
        .filter(|a| a.peran == "pengawal" || a.peran == "pemeriksa")
    {
        let Some(s) = roster.get(a.nip.as_str()) else {
            push(
                out,
                Some(a.nomor_tps),
                a.gelombang,
                text!(
                    "petugas {} tidak ada di staff.csv",
                    "officer {} is not in staff.csv",
                    a.nip
                ),
            );
            continue;
        };
        let role = if a.peran == "pengawal" {
            StaffRole::Pengawal
        } else {
            StaffRole::Pemeriksa
        };
        if !s.roles.contains(&role) {
            push(
                out,
                Some(a.nomor_tps),
                a.gelombang,
                text!(
                    "{} ({}) bertugas sebagai {} tanpa peran itu",
                    "{} ({}) serves as {} without that role",
                    s.nip,
                    s.name,
                    a.peran
                ),
            );
        }
        if s.on_duty_from > a.mulai || s.on_duty_until < a.selesai {
            push(
                out,
                Some(a.nomor_tps),
                a.gelombang,
                text!(
                    "{} ({}) ditugaskan {}-{} di luar jam dinasnya {}-{}",
                    "{} ({}) assigned {}-{} outside their duty hours {}-{}",
                    s.nip,
                    s.name,
                    a.mulai,
                    a.selesai,
                    s.on_duty_from,
                    s.on_duty_until
                ),
            );
        }
        by_nip
            .entry(a.nip.as_str())
            .or_default()
            .push((a.mulai.0, a.selesai.0, a.tempat.clone()));
        match (role, a.gelombang) {
            (StaffRole::Pengawal, Some(w)) => {
                escorts_of
                    .entry(w)
                    .or_default()
                    .push((a.mulai.0, a.selesai.0, s.sex));
                if let Some(wave) = plan.waves.get(w) {
                    let site = plan
                        .tps
                        .iter()
                        .find(|t| t.number == wave.tps)
                        .map(|t| &t.site);
                    let walk = site.and_then(|site| {
                        walks
                            .entry(&wave.block)
                            .or_insert_with(|| walking_minutes(facility, &wave.block))
                            .get(site)
                            .copied()
                    });
                    if let Some(walk) = walk {
                        let need_from = (wave.start.0 as f64 - walk + 1e-9).floor().max(0.0) as u16;
                        let need_until = (wave.end.0 as f64 + walk - 1e-9).ceil() as u16;
                        if a.mulai.0 < need_from || a.selesai.0 > need_until {
                            push(
                                out,
                                Some(wave.tps),
                                Some(w),
                                text!(
                                    "pengawal {} ditugaskan {}-{}, di luar gelombang {}-{} (termasuk jalan)",
                                    "escort {} assigned {}-{}, outside the wave {}-{} (walk included)",
                                    s.nip,
                                    a.mulai,
                                    a.selesai,
                                    Clock(need_from),
                                    Clock(need_until)
                                ),
                            );
                        }
                    }
                }
            }
            (StaffRole::Pemeriksa, _) => {
                searchers
                    .entry(a.nomor_tps)
                    .or_default()
                    .push((a.mulai.0, a.selesai.0, s.sex))
            }
            _ => push(
                out,
                Some(a.nomor_tps),
                None,
                text!(
                    "pengawal {} tanpa gelombang",
                    "escort {} without a wave",
                    s.nip
                ),
            ),
        }
    }
    for (nip, mut spans) in by_nip {
        spans.sort();
        for pair in spans.windows(2) {
            if pair[1].0 < pair[0].1 {
                push(
                    out,
                    None,
                    None,
                    text!(
                        "{nip} di dua tempat sekaligus: {} {}-{} dan {} {}-{}",
                        "{nip} in two places at once: {} {}-{} and {} {}-{}",
                        pair[0].2,
                        Clock(pair[0].0),
                        Clock(pair[0].1),
                        pair[1].2,
                        Clock(pair[1].0),
                        Clock(pair[1].1)
                    ),
                );
            }
        }
    }
    // Coverage minute by minute (relays hand a duty over at the post): what no named
    // officer covers must be listed in `kekurangan`, women apart.
    let day_len = 24 * 60usize;
    let mut uncovered: BTreeMap<&str, (Vec<i64>, Vec<i64>)> = BTreeMap::new();
    let mut add_gap = |key: &'static str,
                       from: u16,
                       until: u16,
                       need: u32,
                       women: bool,
                       spans: &[(u16, u16, Sex)]| {
        let e = uncovered
            .entry(key)
            .or_insert_with(|| (vec![0; day_len], vec![0; day_len]));
        for m in from..until.min(day_len as u16) {
            let here = spans.iter().filter(|(a, b, _)| *a <= m && m < *b);
            let n = here.clone().count() as i64;
            e.0[m as usize] += (need as i64 - n).max(0);
            if women && need > 0 && !here.clone().any(|x| x.2 == Sex::P) {
                e.1[m as usize] += 1;
            }
        }
    };
    for (i, w) in plan.waves.iter().enumerate() {
        let named = escorts_of.get(&i).map(Vec::as_slice).unwrap_or(&[]);
        let women_wave =
            r.pengawalan.pengawal_perempuan_blok_perempuan && wave_of_women(facility, plan, w);
        let site = plan.tps.iter().find(|t| t.number == w.tps).map(|t| &t.site);
        let walk = site
            .and_then(|site| {
                walks
                    .entry(&w.block)
                    .or_insert_with(|| walking_minutes(facility, &w.block))
                    .get(site)
                    .copied()
            })
            .unwrap_or(0.0);
        let from = (w.start.0 as f64 - walk + 1e-9).floor().max(0.0) as u16;
        let until = ((w.end.0 as f64 + walk - 1e-9).ceil() as u16).max(from + 1);
        let key = if w.mobile {
            "pengawal_kunjungan"
        } else {
            "pengawal"
        };
        add_gap(key, from, until, w.escorts, women_wave, named);
    }
    for t in &plan.tps {
        let serves_women = t.class.sex != Some(Sex::L);
        let spans = searchers.get(&t.number).map(Vec::as_slice).unwrap_or(&[]);
        add_gap(
            "pemeriksa",
            r.jam.buka.0,
            r.jam.tutup.0,
            r.pengawalan.pemeriksa_per_tps,
            serves_women && r.pengawalan.pemeriksa_perempuan_tps_perempuan,
            spans,
        );
    }
    for (key, (any, women)) in &uncovered {
        let listed = |w: bool| listed_profile(plan, key, w);
        let (lw, lo) = (listed(true), listed(false));
        let mut m = 0;
        while m < day_len {
            let bad = |m: usize| any[m] > lw[m] + lo[m] || women[m] > lw[m];
            if !bad(m) {
                m += 1;
                continue;
            }
            let start = m;
            let (mut worst_any, mut worst_women) = (0, 0);
            while m < day_len && bad(m) {
                worst_any = worst_any.max(any[m] - lw[m] - lo[m]);
                worst_women = worst_women.max(women[m] - lw[m]);
                m += 1;
            }
            let (from, until, short) = (
                Clock(start as u16),
                Clock(m as u16),
                worst_any.max(worst_women),
            );
            let women = if worst_women > 0 {
                text!(" (perempuan)", " (women)")
            } else {
                Text::default()
            };
            push(
                out,
                None,
                None,
                Text::new(
                    format!(
                        "{key} {from}-{until}: {short} kurang tidak tercantum di kekurangan{}",
                        women.id
                    ),
                    format!(
                        "{key} {from}-{until}: {short} short, not listed in kekurangan{}",
                        women.en
                    ),
                ),
            );
        }
    }
    check_requests_real(facility, plan, st, out);
}

/// Whether wave `w` fetches women (its TPS's class, else its voters' block).
fn wave_of_women(facility: &Facility, plan: &Plan, w: &crate::plan::Wave) -> bool {
    if w.block.is_other_voters() {
        return false;
    }
    use crate::model::Sex;
    if let Some(sex) = plan
        .tps
        .iter()
        .find(|t| t.number == w.tps)
        .and_then(|t| t.class.sex)
    {
        return sex == Sex::P;
    }
    let sexes: BTreeMap<&str, Sex> = facility
        .inmates
        .iter()
        .map(|i| (i.reg_no.as_str(), i.sex))
        .collect();
    w.reg_nos
        .iter()
        .any(|r| sexes.get(r.as_str()) == Some(&Sex::P))
}

/// Officers listed in `kekurangan` per minute for a role key and sex.
fn listed_profile(plan: &Plan, key: &str, women: bool) -> Vec<i64> {
    let mut v = vec![0i64; 24 * 60];
    for q in plan
        .kekurangan
        .iter()
        .filter(|q| q.peran == key && (q.jenis_kelamin == "P") == women)
    {
        for m in q.mulai.0..q.selesai.0.min(24 * 60) {
            v[m as usize] += q.jumlah as i64;
        }
    }
    v
}

/// Every listed request is real: no officer who could fill it stood idle. A KPPS seat
/// is not requested while a member who may serve has no duty at all; an escort or
/// searcher is not requested while an officer with the role (a woman where women are
/// requested), on no crew, on duty and free with a break's margin around the window
/// (at least the shortest relay, at most one stretch) was left idle.
fn check_requests_real(
    facility: &Facility,
    plan: &Plan,
    st: &crate::staffing::Staffing,
    out: &mut Out,
) {
    use crate::model::Sex;
    let r = &facility.rules;
    let day = facility.election_date();
    let crew: BTreeSet<&str> = st.kpps.iter().map(|s| s.nip.as_str()).collect();
    let mut duties: BTreeMap<&str, Vec<(u16, u16)>> = BTreeMap::new();
    for a in &st.assignments {
        duties
            .entry(a.nip.as_str())
            .or_default()
            .push((a.mulai.0, a.selesai.0));
    }
    for q in &plan.kekurangan {
        if q.peran == "kpps" {
            let idle = facility.staff.iter().find(|s| {
                !crew.contains(s.nip.as_str())
                    && !duties.contains_key(s.nip.as_str())
                    && crate::staffing::kpps_bars(s, r, day, q.mulai, q.selesai).is_empty()
            });
            if let Some(s) = idle {
                out.push(
                    8,
                    q.nomor_tps,
                    None,
                    None,
                    text!(
                        "kekurangan KPPS TPS {} tidak nyata: {} ({}) memenuhi syarat dan tidak bertugas",
                        "KPPS request for TPS {} is not real: {} ({}) is eligible and has no duty",
                        q.nomor_tps.unwrap_or(0),
                        s.nip,
                        s.name
                    ),
                );
            }
            continue;
        }
        let role = if q.peran == "pemeriksa" {
            StaffRole::Pemeriksa
        } else {
            StaffRole::Pengawal
        };
        // Free from a break before the window to a relay past its end: at any missing
        // minute inside it, the staffing would have taken them.
        let len = q.selesai.0.saturating_sub(q.mulai.0) + r.pengawalan.menit_estafet_minimal;
        if len > r.pengawalan.maks_menit_tanpa_istirahat {
            continue;
        }
        let brk = r.pengawalan.menit_istirahat;
        let (from, until) = (q.mulai.0, q.mulai.0 + len);
        let idle = facility.staff.iter().find(|s| {
            s.roles.contains(&role)
                && (q.jenis_kelamin != "P" || s.sex == Sex::P)
                && !crew.contains(s.nip.as_str())
                && s.on_duty_from.0 <= from
                && s.on_duty_until.0 >= until
                && duties
                    .get(s.nip.as_str())
                    .is_none_or(|d| d.iter().all(|&(a, b)| b + brk <= from || until + brk <= a))
        });
        if let Some(s) = idle {
            out.push(
                8,
                q.nomor_tps,
                None,
                None,
                text!(
                    "kekurangan {} {}-{} tidak nyata: {} ({}) bertugas dan bebas",
                    "request for {} {}-{} is not real: {} ({}) is on duty and free",
                    q.peran,
                    q.mulai,
                    q.selesai,
                    s.nip,
                    s.name
                ),
            );
        }
    }
}

/// Checks `plan` against the facility, its voters and the hard rules.
pub fn verify(facility: &Facility, voters: &[Voter], plan: &Plan) -> Vec<Violation> {
    let mut out = Out(Vec::new());
    let r = &facility.rules;
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();

    // Rule 1: every voter registered exactly once, nobody else.
    let mut registered: BTreeMap<&RegNo, u32> = BTreeMap::new();
    let mut tps_of: BTreeMap<&RegNo, u32> = BTreeMap::new();
    for t in &plan.tps {
        for rv in &t.voters {
            *registered.entry(&rv.reg_no).or_default() += 1;
            tps_of.insert(&rv.reg_no, t.number);
            match by_reg.get(&rv.reg_no) {
                None => out.push(
                    1,
                    Some(t.number),
                    None,
                    Some(&rv.reg_no),
                    text!(
                        "terdaftar tetapi bukan pemilih yang berhak",
                        "registered but not an eligible voter"
                    ),
                ),
                Some(v) => {
                    if v.block != rv.block || v.category != rv.category {
                        out.push(
                            1,
                            Some(t.number),
                            None,
                            Some(&rv.reg_no),
                            text!(
                                "blok/kategori di rencana ({}, {}) berbeda dari data ({}, {})",
                                "block/category in the plan ({}, {}) differs from the data ({}, {})",
                                rv.block, rv.category, v.block, v.category
                            ),
                        );
                    }
                }
            }
        }
    }
    for v in voters {
        match registered.get(&v.reg_no).copied().unwrap_or(0) {
            0 => out.push(
                1,
                None,
                None,
                Some(&v.reg_no),
                text!(
                    "pemilih yang berhak tidak terdaftar di TPS mana pun",
                    "eligible voter registered at no TPS"
                ),
            ),
            1 => {}
            n => out.push(
                1,
                None,
                None,
                Some(&v.reg_no),
                text!("terdaftar di {n} TPS", "registered at {n} TPS"),
            ),
        }
    }
    // Every registered voter votes in exactly one wave of their own TPS, fetched from
    // where they are.
    let mut voted: BTreeMap<&RegNo, u32> = BTreeMap::new();
    let clinic = facility
        .nodes
        .iter()
        .find(|n| n.kind == crate::model::NodeKind::Klinik)
        .map(|n| &n.id);
    for (i, w) in plan.waves.iter().enumerate() {
        if w.voters as usize != w.reg_nos.len() {
            out.push(
                1,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang mencatat {} pemilih tetapi menyebut {} nama",
                    "wave records {} voters but names {}",
                    w.voters,
                    w.reg_nos.len()
                ),
            );
        }
        for reg in &w.reg_nos {
            *voted.entry(reg).or_default() += 1;
            if tps_of.get(reg) != Some(&w.tps) {
                out.push(
                    1,
                    Some(w.tps),
                    Some(i),
                    Some(reg),
                    text!(
                        "memilih di TPS tempat ia tidak terdaftar",
                        "votes at a TPS where they are not registered"
                    ),
                );
            }
            if let Some(v) = by_reg.get(reg) {
                let place = place_of(facility, clinic, v);
                if place != &w.block {
                    out.push(
                        1,
                        Some(w.tps),
                        Some(i),
                        Some(reg),
                        text!(
                            "dijemput atau dikunjungi di {} padahal berada di {place}",
                            "fetched or visited at {} while they are at {place}",
                            w.block
                        ),
                    );
                }
            }
        }
    }
    for reg in registered.keys() {
        match voted.get(reg).copied().unwrap_or(0) {
            1 => {}
            0 => out.push(
                1,
                tps_of.get(reg).copied(),
                None,
                Some(reg),
                text!(
                    "terdaftar tetapi tidak ada di jadwal",
                    "registered but not in the schedule"
                ),
            ),
            n => out.push(
                1,
                tps_of.get(reg).copied(),
                None,
                Some(reg),
                text!("ada di {n} gelombang", "in {n} waves"),
            ),
        }
    }

    // Rule 2: cap.
    for t in &plan.tps {
        if t.voters.len() as u32 > r.tps.maks_pemilih {
            out.push(
                2,
                Some(t.number),
                None,
                None,
                text!(
                    "{} pemilih terdaftar, melebihi batas {}",
                    "{} voters registered, over the limit of {}",
                    t.voters.len(),
                    r.tps.maks_pemilih
                ),
            );
        }
    }

    // Rule 3: segregation.
    let sep = &r.pemisahan;
    for t in &plan.tps {
        // Officers (pemilih lain) are kept apart from nobody.
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .filter(|v| !v.other)
            .collect();
        let distinct =
            |f: &dyn Fn(&Voter) -> bool| vs.iter().map(|v| f(v)).collect::<BTreeSet<_>>().len() > 1;
        if sep.jenis_kelamin_tps_terpisah
            && vs.iter().map(|v| v.sex).collect::<BTreeSet<_>>().len() > 1
        {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih laki-laki dan perempuan di satu TPS",
                    "male and female voters at one TPS"
                ),
            );
        }
        if sep.anak_tps_terpisah && distinct(&|v| v.juvenile) {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih anak dan dewasa di satu TPS",
                    "juvenile and adult voters at one TPS"
                ),
            );
        }
        if sep.risiko_tinggi_tps_terpisah && distinct(&|v| v.high_risk) {
            out.push(
                3,
                Some(t.number),
                None,
                None,
                text!(
                    "pemilih risiko tinggi dan lainnya di satu TPS",
                    "high-risk and other voters at one TPS"
                ),
            );
        }
        for s in facility.info.separations.iter().filter(|s| s.separate_tps) {
            let here: BTreeSet<&NodeId> = vs
                .iter()
                .map(|v| &v.block)
                .filter(|b| s.blocks.contains(b))
                .collect();
            if here.len() > 1 {
                out.push(3, Some(t.number), None, None, {
                    let blocks: Vec<Text> = here.iter().map(|b| b.as_str().into()).collect();
                    let blocks = join(&blocks, " dan ", " and ");
                    Text::new(
                        format!("blok {} tidak boleh berbagi TPS ({})", blocks.id, s.reason),
                        format!("blocks {} may not share a TPS ({})", blocks.en, s.reason),
                    )
                });
            }
        }
    }
    // Time separation: walking waves at one TPS that overlap in time.
    let walking: Vec<(usize, &Wave)> = plan
        .waves
        .iter()
        .enumerate()
        .filter(|(_, w)| !w.mobile)
        .collect();
    let mut by_tps: BTreeMap<u32, Vec<(usize, &Wave)>> = BTreeMap::new();
    for &(i, w) in &walking {
        by_tps.entry(w.tps).or_default().push((i, w));
    }
    for (tps, ws) in &by_tps {
        for &(i, w) in ws {
            // Voters walking together in one wave are together in time as well.
            if let Some(why) = conflict(facility, &by_reg, w, w) {
                out.push(
                    3,
                    Some(*tps),
                    Some(i),
                    None,
                    why.map(|lang, why| match lang {
                        Lang::Id => format!("dalam satu gelombang: {why}"),
                        Lang::En => format!("within one wave: {why}"),
                    }),
                );
            }
        }
        for (a, &(i, wi)) in ws.iter().enumerate() {
            for &(j, wj) in &ws[a + 1..] {
                if wi.start < wj.end
                    && wj.start < wi.end
                    && let Some(why) = conflict(facility, &by_reg, wi, wj)
                {
                    out.push(
                        3,
                        Some(*tps),
                        Some(j),
                        None,
                        why.map(|lang, why| match lang {
                            Lang::Id => {
                                format!("pada waktu yang sama dengan gelombang {}: {why}", i + 1)
                            }
                            Lang::En => format!("at the same time as wave {}: {why}", i + 1),
                        }),
                    );
                }
            }
        }
    }

    // Rule 4: sites.
    let mut per_site: BTreeMap<&NodeId, u32> = BTreeMap::new();
    for t in &plan.tps {
        *per_site.entry(&t.site).or_default() += 1;
        let Some(node) = facility.node(&t.site) else {
            out.push(
                4,
                Some(t.number),
                None,
                None,
                text!(
                    "lokasi {} tidak ada di layout",
                    "site {} is not in the layout",
                    t.site
                ),
            );
            continue;
        };
        if facility.scenario.closed_sites.contains(&t.site) {
            out.push(
                4,
                Some(t.number),
                None,
                None,
                text!(
                    "lokasi {} ditutup oleh skenario",
                    "site {} is closed by the scenario",
                    t.site
                ),
            );
        }
        let blocks: BTreeSet<&NodeId> = t.voters.iter().map(|v| &v.block).collect();
        for b in blocks {
            let Some(bn) = facility.node(b) else { continue };
            let zones: BTreeSet<ZoneId> = match facility.info.zone_access.get(&bn.zone) {
                Some(l) => l.iter().cloned().collect(),
                None => std::iter::once(bn.zone.clone()).collect(),
            };
            if !zones.contains(&node.zone) {
                out.push(
                    4,
                    Some(t.number),
                    None,
                    None,
                    text!(
                        "blok {b} (zona {}) tidak boleh memakai lokasi {} (zona {})",
                        "block {b} (zone {}) may not use site {} (zone {})",
                        bn.zone,
                        t.site,
                        node.zone
                    ),
                );
            }
        }
    }
    for (site, n) in &per_site {
        let max = facility.node(site).map(|s| s.max_tps).unwrap_or(0);
        if *n > max {
            out.push(
                4,
                None,
                None,
                None,
                text!(
                    "lokasi {site} memuat {n} TPS, paling banyak {max}",
                    "site {site} holds {n} TPS, at most {max}"
                ),
            );
        }
    }

    // Rule 5: throughput per TPS and slot.
    let mpv = facility
        .scenario
        .minutes_per_voter
        .unwrap_or(r.tps.menit_per_pemilih);
    let tps_by_no: BTreeMap<u32, &crate::plan::Tps> =
        plan.tps.iter().map(|t| (t.number, t)).collect();
    for (tps, ws) in &by_tps {
        let booths = tps_by_no.get(tps).map(|t| t.booths).unwrap_or(0);
        let mut slots: BTreeMap<(Clock, Clock), u32> = BTreeMap::new();
        for (_, w) in ws {
            *slots.entry((w.start, w.end)).or_default() += w.voters;
        }
        let keys: Vec<(Clock, Clock)> = slots.keys().copied().collect();
        for (k, &(s, e)) in keys.iter().enumerate() {
            let n = slots[&(s, e)];
            let max = booths as f64 * (e.0 as f64 - s.0 as f64) / mpv;
            if n as f64 > max + 1e-9 {
                out.push(
                    5,
                    Some(*tps),
                    None,
                    None,
                    text!(
                        "{n} pemilih antara {s} dan {e}, bilik hanya cukup untuk {}",
                        "{n} voters between {s} and {e}, the booths suffice for only {}",
                        max.floor()
                    ),
                );
            }
            for &(s2, e2) in &keys[k + 1..] {
                if s < e2 && s2 < e {
                    out.push(5, Some(*tps), None, None, text!(
                        "slot {s}-{e} dan {s2}-{e2} bertumpuk sehingga kapasitas bilik tidak dapat diperiksa",
                        "slots {s}-{e} and {s2}-{e2} overlap, so booth capacity cannot be checked"
                    ));
                }
            }
        }
    }

    // Rule 6: windows.
    let open = r.jam.buka;
    let last = r.last_voting_minute();
    for (i, w) in plan.waves.iter().enumerate() {
        if w.start >= w.end {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} tidak punya durasi",
                    "wave {}-{} has no duration",
                    w.start,
                    w.end
                ),
            );
        }
        if !w.mobile && (w.start < open || w.end > last) {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} di luar {open}-{last}",
                    "wave {}-{} outside {open}-{last}",
                    w.start,
                    w.end
                ),
            );
        }
        for reg in &w.reg_nos {
            let Some(v) = by_reg.get(reg) else { continue };
            let (a, b) = window(facility, v);
            if mobile(facility, v) != w.mobile {
                out.push(6, Some(w.tps), Some(i), Some(reg), if w.mobile {
                    text!(
"dilayani kunjungan padahal dapat berjalan ke TPS",
"served by a visit although able to walk to the TPS"
)
                } else {
                    text!(
"tidak dapat berpindah (klinik, risiko, blok dikunci) tetapi dijadwalkan berjalan ke TPS",
"cannot move (clinic, risk, locked block) but scheduled to walk to the TPS"
)
                });
            }
            if w.start < a || w.end > b {
                out.push(
                    6,
                    Some(w.tps),
                    Some(i),
                    Some(reg),
                    text!(
                        "memilih {}-{} di luar jendelanya {a}-{b} ({})",
                        "votes {}-{} outside their window {a}-{b} ({})",
                        w.start,
                        w.end,
                        v.category
                    ),
                );
            }
        }
    }

    // Rule 7: escorts per wave and on duty.
    let e = &r.pengawalan;
    let capacity = match &plan.staffing {
        Some(st) => named_escort_capacity(facility, st),
        None => escort_capacity(facility, plan.tps.len() as u32),
    };
    let mut busy = vec![0i64; 24 * 60];
    let mut walks: BTreeMap<&NodeId, BTreeMap<NodeId, f64>> = BTreeMap::new();
    for (i, w) in plan.waves.iter().enumerate() {
        let high = w
            .reg_nos
            .iter()
            .any(|reg| by_reg.get(reg).is_some_and(|v| v.high_risk));
        let unescorted = !w.reg_nos.is_empty()
            && w.reg_nos
                .iter()
                .all(|reg| by_reg.get(reg).is_some_and(|v| v.other));
        let need = if unescorted {
            0
        } else if w.mobile {
            if high {
                e.petugas_per_wbp_risiko_tinggi
            } else {
                1u32.div_ceil(e.wbp_per_pengawal.max(1))
            }
        } else if high {
            w.voters * e.petugas_per_wbp_risiko_tinggi
        } else {
            w.voters.div_ceil(e.wbp_per_pengawal.max(1))
        };
        if w.escorts < need {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "{} pengawal, dibutuhkan {need}",
                    "{} escorts, {need} needed",
                    w.escorts
                ),
            );
        }
        if !w.mobile && w.voters > e.maks_gelombang {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {} orang, paling banyak {}",
                    "wave of {} people, at most {}",
                    w.voters,
                    e.maks_gelombang
                ),
            );
        }
        let Some(site) = tps_by_no.get(&w.tps).map(|t| &t.site) else {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "TPS gelombang tidak ada di rencana",
                    "the wave's TPS is not in the plan"
                ),
            );
            continue;
        };
        let dist = walks
            .entry(&w.block)
            .or_insert_with(|| walking_minutes(facility, &w.block));
        let Some(&walk) = dist.get(site) else {
            out.push(
                7,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "tidak ada jalan dari blok {} ke {site}",
                    "no path from block {} to {site}",
                    w.block
                ),
            );
            continue;
        };
        let a = w.start.0 as f64 - walk;
        let b = w.end.0 as f64 + walk;
        let from = (a + 1e-9).floor() as i64;
        let to = ((b - 1e-9).ceil() as i64).max(from + 1);
        for m in from.max(0)..to.min(busy.len() as i64) {
            busy[m as usize] += w.escorts as i64;
        }
    }
    // Officers to be requested (listed in `kekurangan`) count as on duty.
    let capacity: Vec<i64> = {
        let a = listed_profile(plan, "pengawal", false);
        let b = listed_profile(plan, "pengawal", true);
        let c = listed_profile(plan, "pengawal_kunjungan", false);
        let d = listed_profile(plan, "pengawal_kunjungan", true);
        (0..capacity.len())
            .map(|m| capacity[m] + a[m] + b[m] + c[m] + d[m])
            .collect()
    };
    let mut m = 0;
    while m < busy.len() {
        if busy[m] > capacity[m] {
            let start = m;
            let mut worst = 0;
            while m < busy.len() && busy[m] > capacity[m] {
                worst = worst.max(busy[m] - capacity[m]);
                m += 1;
            }
            out.push(
                7,
                None,
                None,
                None,
                text!(
                    "pengawal yang bertugas kurang {worst} orang antara {} dan {}",
                    "escorts on duty {worst} short between {} and {}",
                    Clock(start as u16),
                    Clock(m as u16)
                ),
            );
        } else {
            m += 1;
        }
    }

    // Rule 8: KPPS crews, and every named assignment against the roster.
    if let Some(st) = &plan.staffing {
        check_staffing(facility, plan, st, &mut walks, &mut out);
    }

    // Rule 9: ballots, boxes, booths.
    for t in &plan.tps {
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .collect();
        // Every ballot type someone at the TPS is entitled to, in the ruleset's order;
        // the reserve is a share of the TPS's DPT or of the DPT entitled to the type.
        let entitled = |code: &str, dpt_only: bool| {
            vs.iter()
                .filter(|v| !dpt_only || v.category == Category::Dpt)
                .filter(|v| v.ballots.iter().any(|c| c == code))
                .count() as u32
        };
        let tps_dpt = vs.iter().filter(|v| v.category == Category::Dpt).count() as u32;
        let expected: Vec<(&str, u32, u32)> = r
            .ballot_codes()
            .into_iter()
            .filter(|code| entitled(code, false) > 0)
            .map(|code| {
                let base = match r.surat_suara.dasar_cadangan {
                    crate::rules::ReserveBase::DptTps => tps_dpt,
                    crate::rules::ReserveBase::DptBerhak => entitled(code, true),
                };
                (code, entitled(code, false), r.reserve_for(base))
            })
            .collect();
        let listed: Vec<&str> = t.ballots.iter().map(|b| b.code.as_str()).collect();
        let codes: Vec<&str> = expected.iter().map(|e| e.0).collect();
        if listed != codes {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "jenis surat suara {} berbeda dari hak pemilihnya {}",
                    "ballot types {} differ from its voters' entitlement {}",
                    listed.join(";"),
                    codes.join(";")
                ),
            );
        }
        for b in &t.ballots {
            let Some(&(_, entitled, reserve)) = expected.iter().find(|e| e.0 == b.code) else {
                continue;
            };
            if b.voters != entitled || b.reserve != reserve || b.total != entitled + reserve {
                out.push(
                    9,
                    Some(t.number),
                    None,
                    None,
                    text!(
                        "surat suara {}: {} + {} = {}, seharusnya {entitled} + {reserve} = {}",
                        "ballots {}: {} + {} = {}, should be {entitled} + {reserve} = {}",
                        b.code,
                        b.voters,
                        b.reserve,
                        b.total,
                        entitled + reserve
                    ),
                );
            }
        }
        if t.boxes != r.tps.kotak {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} kotak suara, seharusnya {}",
                    "{} ballot boxes, should be {}",
                    t.boxes,
                    r.tps.kotak
                ),
            );
        }
        let booths = facility
            .node(&t.site)
            .map(|n| if n.booths > 0 { n.booths } else { r.tps.bilik })
            .unwrap_or(r.tps.bilik);
        if t.booths != booths {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} bilik, lokasi {} menyediakan {booths}",
                    "{} booths, site {} provides {booths}",
                    t.booths,
                    t.site
                ),
            );
        }
    }
    out.0
}

/// Why two waves at one TPS may not overlap, if they may not.
fn conflict(
    facility: &Facility,
    by_reg: &BTreeMap<&RegNo, &Voter>,
    a: &Wave,
    b: &Wave,
) -> Option<Text> {
    let va: Vec<&Voter> = a
        .reg_nos
        .iter()
        .filter_map(|r| by_reg.get(r).copied())
        .filter(|v| !v.other)
        .collect();
    let vb: Vec<&Voter> = b
        .reg_nos
        .iter()
        .filter_map(|r| by_reg.get(r).copied())
        .filter(|v| !v.other)
        .collect();
    for x in &va {
        for y in &vb {
            if x.sex != y.sex {
                return Some(text!("laki-laki dan perempuan", "men and women"));
            }
            if x.juvenile != y.juvenile {
                return Some(text!("anak dan dewasa", "juveniles and adults"));
            }
            if x.high_risk != y.high_risk {
                return Some(text!("risiko tinggi dan lainnya", "high-risk and others"));
            }
            if x.block != y.block
                && facility
                    .info
                    .separations
                    .iter()
                    .any(|s| s.blocks.contains(&x.block) && s.blocks.contains(&y.block))
            {
                return Some(text!(
                    "blok {} dan {} tidak boleh bercampur",
                    "blocks {} and {} may not mix",
                    x.block,
                    y.block
                ));
            }
        }
    }
    None
}

/// `tpsplan verify OUT`: re-reads the plan's inputs (folder and scenario recorded in
/// plan.json), decides eligibility again and checks every hard rule. Prints each
/// violation; `Err(Infeasible)` (exit 1) when there is any.
pub fn run(out: &std::path::Path, lang: crate::lang::Lang) -> crate::error::Result<()> {
    use crate::error::Error;
    let plan =
        crate::plan::read_plan(out).map_err(|e| Error::Usage(format!("{}: {e}", out.display())))?;
    let reference = crate::reference::Reference::builtin();
    // Inputs are recorded relative to the plan folder (absolute paths are kept as they are).
    let dir = out.join(&plan.inputs.dir);
    // The scenario file the plan was made with, by its recorded path (older plans: by
    // name under the facility's scenarios/), and unchanged since.
    let scenario_file = plan.inputs.scenario_path.as_ref().map(|p| out.join(p));
    if let Some(path) = &scenario_file {
        let now = std::fs::read(path).map(|b| crate::plan::bytes_digest(&b));
        match now {
            Ok(d) if plan.inputs.scenario_digest.is_empty() || d == plan.inputs.scenario_digest => {
            }
            Ok(_) => {
                let msg = text!(
                    "skenario {} berubah sejak rencana dibuat: buat ulang rencananya",
                    "scenario {} changed since the plan was made: make the plan again",
                    path.display()
                );
                println!("{}", msg.get(lang));
                return Err(Error::Violations(msg.get(lang).to_string()));
            }
            Err(e) => {
                return Err(Error::Usage(
                    text!(
                        "skenario {} tidak dapat dibaca: {e}",
                        "scenario {} cannot be read: {e}",
                        path.display()
                    )
                    .get(lang)
                    .to_string(),
                ));
            }
        }
    }
    let scenario_arg = scenario_file
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .or_else(|| (!plan.inputs.scenario.is_empty()).then(|| plan.inputs.scenario.clone()));
    let loaded = crate::input::load_facility(&dir, scenario_arg.as_deref(), reference);
    let Some(facility) = loaded.facility else {
        for p in loaded.problems.iter().filter(|p| p.is_error()) {
            eprintln!("{}", p.render(lang));
        }
        return Err(Error::BadInput(
            loaded.problems.iter().filter(|p| p.is_error()).count(),
        ));
    };
    let decisions = crate::eligibility::decide(&facility, reference);
    let voters = crate::eligibility::voters(&facility, &decisions);
    let mut violations = verify(&facility, &voters, &plan);
    let digest = crate::plan::voters_digest(&voters);
    if digest != plan.inputs.voters_digest {
        violations.insert(
            0,
            Violation {
                rule: 1,
                tps: None,
                wave: None,
                voter: None,
                message: text!(
                    "daftar pemilih dari masukan berubah sejak rencana dibuat (sidik {digest}, rencana {}): buat ulang rencananya",
                    "the voter list from the input changed since the plan was made (digest {digest}, plan {}): make the plan again",
                    plan.inputs.voters_digest
                ),
            },
        );
    }
    // The files KPU and the UPT receive say what plan.json says.
    let follow_ups = crate::eligibility::follow_ups(&facility, &decisions);
    let expected = [
        (
            2,
            "kpu/tps.csv",
            crate::export::kpu::tps_table(&facility, &plan),
        ),
        (
            1,
            "kpu/pemilih.csv",
            crate::export::kpu::pemilih_table(&facility, &decisions, &plan),
        ),
        (
            9,
            "kpu/surat_suara.csv",
            crate::export::kpu::surat_suara_table(&decisions, &plan),
        ),
        (
            8,
            "kpu/kpps.csv",
            crate::export::kpu::kpps_table(&facility, &plan),
        ),
        (
            1,
            "kpu/tindak_lanjut.csv",
            crate::export::kpu::tindak_lanjut_table(&follow_ups),
        ),
        (8, "petugas.csv", crate::export::kpu::petugas_table(&plan)),
        (
            8,
            "kekurangan.csv",
            crate::export::kpu::kekurangan_table(&plan),
        ),
        (7, "jadwal.csv", crate::plan::schedule_table(&plan)),
        (
            1,
            "kpu/model_a.csv",
            crate::export::kpu::model_a_table(
                &facility,
                crate::reference::Reference::builtin(),
                &plan,
                false,
            ),
        ),
    ];
    let per_person = crate::export::kpu::tindak_lanjut_orang_table(
        &facility,
        crate::reference::Reference::builtin(),
        &decisions,
        &follow_ups,
    );
    let mut expected: Vec<(u8, String, crate::export::Table)> = expected
        .into_iter()
        .map(|(rule, rel, t)| (rule, rel.to_string(), t))
        .collect();
    for category in [
        crate::model::Category::Dpt,
        crate::model::Category::Dptb,
        crate::model::Category::Dpk,
    ] {
        let t = crate::export::kpu::daftar_table(
            &facility,
            crate::reference::Reference::builtin(),
            &plan,
            category,
            false,
        );
        expected.push((1, format!("kpu/{}.csv", t.sheet), t));
    }
    expected.push((1, "kpu/tindak_lanjut_orang.csv".into(), per_person));
    // The full identities only where the plan was written for the handover, and
    // then exactly KPU's lists (rule 1: the lists say what plan.json says).
    let secret = out.join("kpu-rahasia");
    if plan.inputs.handover {
        for t in crate::export::kpu::secret_tables(
            &facility,
            crate::reference::Reference::builtin(),
            &decisions,
            &plan,
        ) {
            expected.push((1, format!("kpu-rahasia/{}.csv", t.sheet), t));
        }
    } else if secret.exists() {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: text!(
                "{} ada, padahal rencana ditulis tanpa --serah-terima: NIK/NKK lengkap tidak boleh ada di folder ini",
                "{} exists although the plan was written without --serah-terima: full NIK/NKK may not be in this folder",
                secret.display()
            ),
        });
    }
    // The workbook holds the same KPU tables as the CSV files, cell by cell.
    let sheets: Vec<&crate::export::Table> = expected
        .iter()
        .filter(|(_, rel, _)| rel.starts_with("kpu/") && rel.ends_with(".csv"))
        .map(|(_, _, t)| t)
        .collect();
    // The report's headline figures say what plan.json says.
    for message in check_report(&out.join("report.html"), &plan) {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: message.map(|_, m| format!("report.html: {m}")),
        });
    }
    for message in check_workbook(&out.join("kpu").join("rekap.xlsx"), &sheets) {
        violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: message.map(|_, m| format!("kpu/rekap.xlsx: {m}")),
        });
    }
    for (rule, rel, table) in expected {
        let rel = rel.as_str();
        if let Some(message) = compare_csv(&out.join(rel), &table) {
            violations.push(Violation {
                rule,
                tps: None,
                wave: None,
                voter: None,
                message: message.map(|_, m| format!("{rel}: {m}")),
            });
        }
    }

    // Rule 1, second half: every inmate who is not a voter here is in the follow-ups.
    let follow = out.join("kpu").join("tindak_lanjut.csv");
    match csv::Reader::from_path(&follow) {
        Ok(mut rdr) => {
            let listed: BTreeSet<String> = rdr
                .records()
                .filter_map(|r| r.ok())
                .filter_map(|r| r.get(0).map(|s| s.trim_start_matches('\'').to_string()))
                .collect();
            for d in decisions.iter().filter(|d| !d.eligible) {
                if !listed.contains(d.reg_no.as_str()) {
                    violations.push(Violation {
                        rule: 1,
                        tps: None,
                        wave: None,
                        voter: Some(d.reg_no.clone()),
                        message: text!(
                            "bukan pemilih tetapi tidak ada di {}",
                            "not a voter but not in {}",
                            follow.display()
                        ),
                    });
                }
            }
        }
        Err(e) => violations.push(Violation {
            rule: 1,
            tps: None,
            wave: None,
            voter: None,
            message: text!(
                "{} tidak dapat dibaca: {e}",
                "{} cannot be read: {e}",
                follow.display()
            ),
        }),
    }
    for v in &violations {
        println!("{}", v.render(lang));
    }
    if violations.is_empty() {
        let (place, tps, voters, waves) = (
            out.display(),
            plan.tps.len(),
            voters.len(),
            plan.waves.len(),
        );
        let ok = text!(
            "{place}: semua aturan wajib terpenuhi ({tps} TPS, {voters} pemilih, {waves} gelombang)",
            "{place}: every hard rule holds ({tps} TPS, {voters} voters, {waves} waves)"
        );
        println!("{}", ok.get(lang));
        Ok(())
    } else {
        let n = violations.len();
        let summary = text!(
            "{n} pelanggaran aturan wajib",
            "{n} violations of the hard rules"
        );
        Err(Error::Violations(summary.get(lang).to_string()))
    }
}

/// Compares a written CSV with the table the plan and its inputs give, row by row
/// after parsing (so line ends and a byte-order mark do not matter). `None` when equal.
fn compare_csv(path: &std::path::Path, expected: &crate::export::Table) -> Option<Text> {
    let parse = |bytes: &[u8]| -> Result<Vec<Vec<String>>, csv::Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes);
        rdr.records()
            .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
            .collect()
    };
    let written = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Some(text!("tidak dapat dibaca: {e}", "cannot be read: {e}")),
    };
    let mut want = Vec::new();
    if let Err(e) = expected.write_csv(&mut want) {
        return Some(text!(
            "tidak dapat dibandingkan: {e}",
            "cannot be compared: {e}"
        ));
    }
    let (got, want) = match (parse(&written), parse(&want)) {
        (Ok(g), Ok(w)) => (g, w),
        (Err(e), _) | (_, Err(e)) => {
            return Some(text!("bukan CSV yang sah: {e}", "not valid CSV: {e}"));
        }
    };
    if got.len() != want.len() {
        return Some(text!(
            "{} baris data, menurut plan.json seharusnya {}",
            "{} data rows, plan.json says {}",
            got.len().saturating_sub(1),
            want.len().saturating_sub(1)
        ));
    }
    got.iter().zip(&want).position(|(g, w)| g != w).map(|i| {
        text!(
            "baris {} berbeda dari plan.json: {:?}, seharusnya {:?}",
            "row {} differs from plan.json: {:?}, should be {:?}",
            i + 1,
            got[i],
            want[i]
        )
    })
}

/// Differences between the workbook at `path` and the tables it must hold (one sheet
/// each, any order): a missing or extra sheet, the header, then the first differing
/// cell of each sheet (numbers as numbers, text neutralised as written).
fn check_workbook(path: &std::path::Path, tables: &[&crate::export::Table]) -> Vec<Text> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = match open_workbook(path) {
        Ok(b) => b,
        Err(e) => return vec![text!("tidak dapat dibuka: {e}", "cannot be opened: {e}")],
    };
    let names = book.sheet_names();
    let mut out = Vec::new();
    for name in &names {
        if !tables.iter().any(|t| &t.sheet == name) {
            out.push(text!(
                "lembar '{name}' tidak seharusnya ada",
                "sheet '{name}' should not be there"
            ));
        }
    }
    for t in tables {
        if !names.contains(&t.sheet) {
            out.push(text!(
                "lembar '{}' tidak ada",
                "sheet '{}' is missing",
                t.sheet
            ));
            continue;
        }
        let range = match book.worksheet_range(&t.sheet) {
            Ok(r) => r,
            Err(e) => {
                out.push(text!(
                    "lembar '{}' tidak terbaca: {e}",
                    "sheet '{}' cannot be read: {e}",
                    t.sheet
                ));
                continue;
            }
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let text = |d: &Data| match d {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        let header: Vec<String> = rows
            .first()
            .map(|r| r.iter().map(text).collect())
            .unwrap_or_default();
        if header != t.columns {
            out.push(text!(
                "lembar '{}': judul kolom berbeda",
                "sheet '{}': column headings differ",
                t.sheet
            ));
            continue;
        }
        if rows.len() != t.rows.len() + 1 {
            out.push(text!(
                "lembar '{}': {} baris, seharusnya {}",
                "sheet '{}': {} rows, should be {}",
                t.sheet,
                rows.len().saturating_sub(1),
                t.rows.len()
            ));
            continue;
        }
        'rows: for (i, (got, want)) in rows[1..].iter().zip(&t.rows).enumerate() {
            for (c, w) in want.iter().enumerate() {
                let g = got.get(c).unwrap_or(&Data::Empty);
                let same = match w {
                    crate::export::Cell::Int(n) => match g {
                        Data::Float(f) => *f == *n as f64,
                        Data::Int(x) => x == n,
                        _ => false,
                    },
                    crate::export::Cell::Text(s) => text(g) == crate::export::neutralise(s),
                };
                if !same {
                    out.push(text!(
                        "lembar '{}' baris {} kolom {}: '{}' berbeda dari rencana",
                        "sheet '{}' row {} column {}: '{}' differs from the plan",
                        t.sheet,
                        i + 2,
                        t.columns[c],
                        text(g)
                    ));
                    break 'rows;
                }
            }
        }
    }
    out
}

/// Differences between the headline figures of the report at `path` and `plan`: the
/// voters and TPS cards (in the report's own language and number format).
fn check_report(path: &std::path::Path, plan: &crate::plan::Plan) -> Vec<Text> {
    let html = match std::fs::read_to_string(path) {
        Ok(h) => h,
        Err(e) => return vec![text!("tidak dapat dibaca: {e}", "cannot be read: {e}")],
    };
    let lang = if html.contains("<html lang=\"en\">") {
        crate::lang::Lang::En
    } else {
        crate::lang::Lang::Id
    };
    let voters: usize = plan.tps.iter().map(|t| t.voters.len()).sum();
    let format = |n: usize| crate::export::charts::format_count(n as i64, lang);
    let cards = [
        (
            match lang {
                crate::lang::Lang::Id => "Pemilih",
                crate::lang::Lang::En => "Voters",
            },
            format(voters),
        ),
        ("TPS", format(plan.tps.len())),
    ];
    let mut out = Vec::new();
    for (label, value) in cards {
        let card = format!("<div class=\"label\">{label}</div><div class=\"value\">{value}</div>");
        if !html.contains(&card) {
            out.push(text!(
                "kartu '{label}' tidak menunjukkan {value} seperti plan.json",
                "card '{label}' does not show {value} as plan.json does"
            ));
        }
    }
    out
}
