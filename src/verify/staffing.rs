//! Rule 7's escort capacity and rule 8: KPPS crews and every named assignment against
//! the roster (nobody in two places, shifts, breaks, roles, escort counts); the requests
//! listed in `kekurangan` are real and nothing unlisted is missing.

use std::collections::{BTreeMap, BTreeSet};

use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::model::{Clock, NodeId, StaffRole};
use crate::plan::Plan;

use super::walk::walking_minutes;
use super::*;

/// Officers free to escort per minute: `pengawal` staff on duty for the whole minute,
/// minus the KPPS seats that staff who are not escorts cannot fill.
pub(super) fn escort_capacity(facility: &Facility, tps: u32) -> Vec<i64> {
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
pub(super) fn named_escort_capacity(
    facility: &Facility,
    st: &crate::staffing::Staffing,
) -> Vec<i64> {
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
pub(super) fn check_staffing<'a>(
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
            let why = kpps_unfit(s, r, day, from, until);
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
pub(super) fn wave_of_women(facility: &Facility, plan: &Plan, w: &crate::plan::Wave) -> bool {
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
pub(super) fn listed_profile(plan: &Plan, key: &str, women: bool) -> Vec<i64> {
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

/// Why staff member `s` may not sit on a KPPS on duty from `from` to `until` (minutes)
/// under the ruleset's `[kpps]` (PKPU 8/2022 pasal 35): role, pledge, permission, party
/// membership, age on voting day, education, hours. Empty when they may.
pub(super) fn kpps_unfit(
    s: &crate::model::Staff,
    r: &crate::rules::Ruleset,
    day: chrono::NaiveDate,
    from: u16,
    until: u16,
) -> Vec<Text> {
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
    why
}

/// Every listed request is real: no officer who could fill it stood idle. A KPPS seat
/// is not requested while a member who may serve has no duty at all; an escort or
/// searcher is not requested while an officer with the role (a woman where women are
/// requested), on no crew, on duty and free with a break's margin around the window
/// (at least the shortest relay, at most one stretch) was left idle.
pub(super) fn check_requests_real(
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
                    && kpps_unfit(s, r, day, q.mulai.0, q.selesai.0).is_empty()
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
