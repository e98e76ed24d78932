//! Hand edits of `penyesuaian.csv` in the optimiser. The hooks are few and marked
//! "Hook (penyesuaian.csv)" where they sit:
//! - `Pins::voter_tps` (in `groups::build_groups`): voters pinned to a TPS number form a
//!   TPS class of their own, so the registration opens a TPS for them that holds no
//!   other voter and optimises everybody else around it;
//! - `Pins::narrow_window` (in `groups::build_groups`): a block with `jam_gelombang` is
//!   fetched from that time on;
//! - `Layout::build` keeps a block with `blok_lokasi` to its one site; `lokasi_tutup`
//!   and `jumlah_tps` are applied when the folder is read (closed sites, TPS count);
//! - [`renumber`] (end of `optimise::plan`): the pinned TPS get their numbers, the others
//!   the numbers left, in the plan's own order.
//!
//! [`check`] runs before planning and reports, as input errors, the pins that break a
//! hard rule by themselves: the cap, segregation, sites and zones, windows, the count.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Problem;
use crate::facility::Facility;
use crate::lang::text;
use crate::layout::Layout;
use crate::model::{NodeId, PinKind, Pins, Voter};
use crate::plan::Plan;

use super::groups;

/// Numbers the plan's TPS so that each pinned TPS carries its pin: `pins[i]` is the pin
/// of `plan.tps[i]` (in the plan's order). The first TPS of a pin keeps it; the others
/// take the lowest numbers left, in order. A pin beyond the plan's numbers is not
/// given (see `crate::verify::pins`, which names it).
pub fn renumber(plan: &mut Plan, first: u32, pins: &[Option<u32>]) {
    if pins.iter().all(Option::is_none) {
        return;
    }
    let n = plan.tps.len() as u32;
    let mut new: Vec<Option<u32>> = vec![None; plan.tps.len()];
    let mut taken = BTreeSet::new();
    for (i, p) in pins.iter().enumerate() {
        if let Some(p) = *p
            && (first..first + n).contains(&p)
            && taken.insert(p)
        {
            new[i] = Some(p);
        }
    }
    let mut free = (first..first + n).filter(|x| !taken.contains(x));
    let map: BTreeMap<u32, u32> = plan
        .tps
        .iter()
        .zip(&new)
        .map(|(t, nw)| {
            (
                t.number,
                nw.unwrap_or_else(|| free.next().unwrap_or(t.number)),
            )
        })
        .collect();
    for t in &mut plan.tps {
        t.number = map[&t.number];
    }
    plan.tps.sort_by_key(|t| t.number);
    for w in &mut plan.waves {
        w.tps = map[&w.tps];
    }
    // Stable: the waves of one TPS keep their order.
    plan.waves.sort_by_key(|w| (w.start, w.tps));
}

/// The pins that break a hard rule by themselves, as input errors of `penyesuaian.csv`
/// (file, line, field, the rule and the numbers).
pub fn check(facility: &Facility, voters: &[Voter]) -> Vec<Problem> {
    let mut out = Vec::new();
    if facility.pins.is_empty() {
        return out;
    }
    let path = facility.dir.join(crate::input::PINS_FILE);
    let path = path.as_path();
    let rules = &facility.rules;
    let first = rules.tps.nomor_awal;
    // The layout and classes as they would be without the pins.
    let mut free = facility.clone();
    free.pins.clear();
    let layout = Layout::build(&free);
    let base = groups::build_groups(&free, &layout, voters).ok();
    let class_of: BTreeMap<&crate::model::RegNo, usize> = base
        .iter()
        .flat_map(|g| &g.groups)
        .flat_map(|g| g.voters.iter().map(move |r| (r, g.class)))
        .collect();
    let eligible: BTreeSet<&crate::model::RegNo> = voters.iter().map(|v| &v.reg_no).collect();

    for p in &facility.pins {
        match &p.kind {
            PinKind::PemilihTps { no_registrasi, tps } if !eligible.contains(no_registrasi) => {
                out.push(
                    Problem::error(
                        "E0712",
                        path,
                        text!(
                            "pemilih '{}' tidak memilih di UPT ini (lihat kpu/tindak_lanjut.csv), jadi tidak dapat ditempatkan di TPS {tps}",
                            "voter '{}' does not vote at this UPT (see kpu/tindak_lanjut.csv), so cannot be placed at TPS {tps}",
                            no_registrasi.0
                        ),
                    )
                    .at_line(p.line)
                    .field("objek"),
                );
            }
            PinKind::BlokLokasi { blok, lokasi } => {
                let Some(b) = layout.block_index(blok) else {
                    continue;
                };
                let block = &layout.blocks[b];
                if !block.sites.iter().any(|&s| &layout.sites[s].id == lokasi) {
                    let why = if block.closed_sites.contains(lokasi) {
                        text!("lokasi itu ditutup", "that site is closed")
                    } else if block.unreachable_sites.contains(lokasi) {
                        text!("tidak ada jalur ke lokasi itu", "no path reaches that site")
                    } else {
                        text!(
                            "zona '{}' tidak boleh memakai lokasi itu ([akses_zona])",
                            "zone '{}' may not use that site ([akses_zona])",
                            block.zone
                        )
                    };
                    out.push(
                        Problem::error(
                            "E0709",
                            path,
                            crate::lang::Text {
                                id: format!(
                                    "blok '{blok}' tidak boleh memilih di lokasi '{lokasi}': {} (aturan 4: lokasi dan zona TPS)",
                                    why.id
                                ),
                                en: format!(
                                    "block '{blok}' may not vote at site '{lokasi}': {} (rule 4: TPS sites and zones)",
                                    why.en
                                ),
                            },
                        )
                        .at_line(p.line)
                        .field("nilai"),
                    );
                }
            }
            PinKind::JamGelombang { blok, mulai } => {
                let open = rules.jam.buka;
                let last = rules.last_voting_minute();
                let late = voters
                    .iter()
                    .filter(|v| &v.block == blok)
                    .map(|v| {
                        let mobile = groups::is_mobile(facility, v);
                        (
                            v,
                            groups::window_of(facility, v.category, mobile && v.clinic),
                        )
                    })
                    .filter(|(_, w)| *mulai >= w.1)
                    .min_by_key(|(_, w)| w.1);
                if *mulai < open || *mulai >= last {
                    out.push(
                        Problem::error(
                            "E0710",
                            path,
                            text!(
                                "jam {mulai} di luar jam memilih {open}-{last} (tutup dikurangi jeda; aturan 6: jendela waktu)",
                                "time {mulai} is outside the voting hours {open}-{last} (closing minus the buffer; rule 6: windows)"
                            ),
                        )
                        .at_line(p.line)
                        .field("nilai"),
                    );
                } else if let Some((v, w)) = late {
                    out.push(
                        Problem::error(
                            "E0710",
                            path,
                            text!(
                                "jam {mulai} terlambat: pemilih {} blok '{blok}' ({}) memilih {}-{} (aturan 6: jendela waktu)",
                                "time {mulai} is too late: voter {} of block '{blok}' ({}) votes {}-{} (rule 6: windows)",
                                v.reg_no.0,
                                v.category.as_str(),
                                w.0,
                                w.1
                            ),
                        )
                        .at_line(p.line)
                        .field("nilai"),
                    );
                }
            }
            PinKind::BlokTps { tps, .. } | PinKind::PemilihTps { tps, .. } => {
                if let Some(count) = facility.info.tps_count
                    && *tps >= first + count
                {
                    out.push(
                        Problem::error(
                            "E0711",
                            path,
                            text!(
                                "TPS {tps} tidak ada: jumlah TPS {count} memberi nomor {first}-{}",
                                "TPS {tps} does not exist: the TPS count {count} gives numbers {first}-{}",
                                first + count - 1
                            ),
                        )
                        .at_line(p.line)
                        .field("nilai"),
                    );
                }
            }
            _ => {}
        }
    }

    // Per pinned TPS: the voters, the rows that put them there (in line order).
    let mut per_tps: BTreeMap<u32, BTreeMap<u64, Vec<&Voter>>> = BTreeMap::new();
    for v in voters {
        let own = facility.pins.iter().find(|p| {
            matches!(&p.kind, PinKind::PemilihTps { no_registrasi, .. } if *no_registrasi == v.reg_no)
        });
        let block = facility
            .pins
            .iter()
            .find(|p| matches!(&p.kind, PinKind::BlokTps { blok, .. } if *blok == v.block));
        let Some(pin) = own.or(block) else { continue };
        let tps = match pin.kind {
            PinKind::PemilihTps { tps, .. } | PinKind::BlokTps { tps, .. } => tps,
            _ => continue,
        };
        per_tps
            .entry(tps)
            .or_default()
            .entry(pin.line)
            .or_default()
            .push(v);
    }
    let cap = rules.tps.maks_pemilih;
    for (&tps, rows) in &per_tps {
        // The cap (rule 2): the row at which the TPS goes over it.
        let mut total = 0u32;
        for (&line, vs) in rows {
            total += vs.len() as u32;
            if total > cap {
                let (what_id, what_en) = pin_label(facility, line);
                out.push(
                    Problem::error(
                        "E0707",
                        path,
                        crate::lang::Text::new(
                            format!("{what_id} ke TPS {tps} membuat {total} pemilih, melebihi batas {cap} pemilih per TPS (aturan 2: [tps] maks_pemilih)"),
                            format!("{what_en} to TPS {tps} makes {total} voters, over the cap of {cap} voters per TPS (rule 2: [tps] maks_pemilih)"),
                        ),
                    )
                    .at_line(line)
                    .field("nilai"),
                );
                break;
            }
        }
        // Segregation (rule 3): one class that may share a TPS.
        let mut classes: BTreeMap<usize, u64> = BTreeMap::new();
        for (&line, vs) in rows {
            for v in vs {
                if let Some(&k) = class_of.get(&v.reg_no) {
                    classes.entry(k).or_insert(line);
                }
            }
        }
        if classes.len() > 1
            && let Some(g) = &base
        {
            let labels: Vec<String> = classes.keys().map(|&k| g.classes[k].label()).collect();
            let line = *classes.values().max().unwrap_or(&0);
            out.push(
                Problem::error(
                    "E0708",
                    path,
                    text!(
                        "TPS {tps} akan memuat pemilih yang tidak boleh satu TPS ({}) (aturan 3: pemisahan)",
                        "TPS {tps} would hold voters who may never share a TPS ({}) (rule 3: segregation)",
                        labels.join(" / ")
                    ),
                )
                .at_line(line)
                .field("objek"),
            );
        }
        let blocks: BTreeSet<&NodeId> = rows.values().flatten().map(|v| &v.block).collect();
        for sep in facility.info.separations.iter().filter(|s| s.separate_tps) {
            let inside: Vec<&&NodeId> = blocks.iter().filter(|b| sep.blocks.contains(b)).collect();
            if inside.len() > 1 {
                let line = *rows.keys().max().unwrap_or(&0);
                out.push(
                    Problem::error(
                        "E0708",
                        path,
                        text!(
                            "TPS {tps} akan memuat blok {} yang menurut [[pemisahan]] tps_terpisah tidak boleh satu TPS (aturan 3: pemisahan)",
                            "TPS {tps} would hold blocks {} that [[pemisahan]] tps_terpisah keeps at different TPS (rule 3: segregation)",
                            inside.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .at_line(line)
                    .field("objek"),
                );
            }
        }
        // Sites (rule 4): one site every block of the TPS may use.
        let mut common: Option<BTreeSet<usize>> = None;
        for b in &blocks {
            if let Some(bi) = layout.block_index(b) {
                let mut s: BTreeSet<usize> = layout.blocks[bi].sites.iter().copied().collect();
                if let Some(site) = facility.pins.block_site(b) {
                    s.retain(|&x| &layout.sites[x].id == site);
                }
                common = Some(match common {
                    Some(c) => c.intersection(&s).copied().collect(),
                    None => s,
                });
            }
        }
        if common.is_some_and(|c| c.is_empty()) {
            let line = *rows.keys().max().unwrap_or(&0);
            out.push(
                Problem::error(
                    "E0709",
                    path,
                    text!(
                        "blok {} ke TPS {tps} tidak punya lokasi TPS yang boleh dipakai semuanya (aturan 4: lokasi dan zona TPS)",
                        "blocks {} to TPS {tps} have no TPS site they may all use (rule 4: TPS sites and zones)",
                        blocks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .at_line(line)
                .field("nilai"),
            );
        }
    }
    out
}

/// What the row at `line` pins, for messages ("blok 'blok-a'" / "block 'blok-a'").
fn pin_label(facility: &Facility, line: u64) -> (String, String) {
    match facility
        .pins
        .iter()
        .find(|p| p.line == line)
        .map(|p| &p.kind)
    {
        Some(PinKind::BlokTps { blok, .. }) => {
            (format!("blok '{blok}'"), format!("block '{blok}'"))
        }
        Some(PinKind::PemilihTps { no_registrasi, .. }) => (
            format!("pemilih '{}'", no_registrasi.0),
            format!("voter '{}'", no_registrasi.0),
        ),
        _ => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clock, Pin, Sex};
    use crate::testing::{FacilityBuilder, VoterSpec};

    fn pin(line: u64, kind: PinKind) -> Pin {
        Pin { line, kind }
    }

    fn blok_tps(line: u64, blok: &str, tps: u32) -> Pin {
        pin(
            line,
            PinKind::BlokTps {
                blok: NodeId::from(blok),
                tps,
            },
        )
    }

    /// Men's blocks A (200) and B (150), women's block W (40) apart by the switch;
    /// a general site and a women's site.
    fn facility() -> (Facility, Vec<Voter>) {
        let woman = VoterSpec {
            sex: Sex::P,
            ..VoterSpec::man()
        };
        FacilityBuilder::new("pin")
            .rule("[pemisahan]\njenis_kelamin_tps_terpisah = true")
            .block("A", "umum")
            .block("B", "umum")
            .block("W", "wanita")
            .site("aula", "umum", 3, 4)
            .site("aula-w", "wanita", 1, 4)
            .path("A", "aula", 5.0, false)
            .path("B", "aula", 5.0, false)
            .path("W", "aula-w", 5.0, false)
            .voters("A", 200, VoterSpec::man())
            .voters("B", 150, VoterSpec::man())
            .voters("W", 40, woman)
            .escorts(30, Clock(6 * 60), Clock(14 * 60))
            .build()
    }

    fn codes(problems: &[Problem]) -> Vec<(&'static str, Option<u64>)> {
        problems.iter().map(|p| (p.code, p.line)).collect()
    }

    #[test]
    fn pins_within_the_rules_pass() {
        let (mut f, v) = facility();
        f.pins = vec![blok_tps(2, "A", 902), blok_tps(3, "W", 901)];
        assert!(check(&f, &v).is_empty(), "{:?}", check(&f, &v));
    }

    #[test]
    fn the_row_that_goes_over_the_cap_is_named_with_the_numbers() {
        let (mut f, v) = facility();
        f.pins = vec![blok_tps(2, "A", 902), blok_tps(3, "B", 902)];
        let p = check(&f, &v);
        assert_eq!(codes(&p), vec![("E0707", Some(3))]);
        let msg = &p[0].message.id;
        assert!(msg.contains("350 pemilih"), "{msg}");
        assert!(msg.contains("batas 300"), "{msg}");
    }

    #[test]
    fn women_and_men_at_one_tps_break_segregation_when_kept_apart() {
        let (mut f, v) = facility();
        f.pins = vec![blok_tps(2, "A", 902), blok_tps(3, "W", 902)];
        let p = check(&f, &v);
        assert!(codes(&p).contains(&("E0708", Some(3))), "{p:?}");
        // And no site serves both zones.
        assert!(codes(&p).contains(&("E0709", Some(3))), "{p:?}");
    }

    #[test]
    fn a_site_of_another_zone_and_a_late_wave_time_are_refused() {
        let (mut f, v) = facility();
        f.pins = vec![
            pin(
                2,
                PinKind::BlokLokasi {
                    blok: NodeId::from("A"),
                    lokasi: NodeId::from("aula-w"),
                },
            ),
            pin(
                3,
                PinKind::JamGelombang {
                    blok: NodeId::from("B"),
                    mulai: Clock(12 * 60 + 50),
                },
            ),
        ];
        let p = check(&f, &v);
        assert_eq!(codes(&p), vec![("E0709", Some(2)), ("E0710", Some(3))]);
    }

    #[test]
    fn a_tps_number_beyond_the_pinned_count_is_refused() {
        let (mut f, v) = facility();
        f.info.tps_count = Some(2);
        f.pins = vec![blok_tps(2, "A", 903)];
        assert_eq!(codes(&check(&f, &v)), vec![("E0711", Some(2))]);
    }

    #[test]
    fn a_narrowed_window_starts_at_the_pin_and_never_past_its_end() {
        let (mut f, _) = facility();
        f.pins = vec![pin(
            2,
            PinKind::JamGelombang {
                blok: NodeId::from("A"),
                mulai: Clock(9 * 60),
            },
        )];
        let a = NodeId::from("A");
        let day = (Clock(7 * 60), Clock(12 * 60 + 45));
        assert_eq!(f.pins.narrow_window(&a, day), (Clock(9 * 60), day.1));
        let dpk = (Clock(12 * 60), Clock(12 * 60 + 45));
        assert_eq!(f.pins.narrow_window(&a, dpk), dpk);
        assert_eq!(f.pins.narrow_window(&NodeId::from("B"), day), day);
    }

    #[test]
    fn renumbering_gives_pinned_tps_their_numbers_and_the_rest_the_numbers_left() {
        let (f, v) = facility();
        let mut plan = crate::optimise::plan(&f, &v, &Default::default()).unwrap();
        let n = plan.tps.len();
        assert!(n >= 3, "{n}");
        let site_of_last = plan.tps[n - 1].site.clone();
        let voters_of_last = plan.tps[n - 1].voters.clone();
        let mut pins = vec![None; n];
        pins[n - 1] = Some(901);
        renumber(&mut plan, 901, &pins);
        let numbers: Vec<u32> = plan.tps.iter().map(|t| t.number).collect();
        assert_eq!(numbers, (901..901 + n as u32).collect::<Vec<_>>());
        assert_eq!(plan.tps[0].site, site_of_last);
        assert_eq!(plan.tps[0].voters, voters_of_last);
        let first_voter = &voters_of_last[0].reg_no;
        assert!(
            plan.waves
                .iter()
                .filter(|w| w.reg_nos.contains(first_voter))
                .all(|w| w.tps == 901)
        );
        assert!(plan.waves.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn the_optimiser_puts_a_pinned_block_at_its_number_and_only_pinned_voters_there() {
        let (mut f, v) = facility();
        f.pins = vec![blok_tps(2, "B", 903)];
        let plan = crate::optimise::plan(&f, &v, &Default::default()).unwrap();
        let at_903: Vec<&NodeId> = plan
            .tps
            .iter()
            .filter(|t| t.number == 903)
            .flat_map(|t| t.voters.iter().map(|r| &r.block))
            .collect();
        assert_eq!(at_903.len(), 150);
        assert!(at_903.iter().all(|b| b.as_str() == "B"));
        assert!(
            plan.waves
                .iter()
                .filter(|w| w.block.as_str() == "B")
                .all(|w| w.tps == 903)
        );
    }
}
