//! Hand edits of `penyesuaian.csv` in the optimiser. The hooks are few and marked
//! "Hook (penyesuaian.csv)" where they sit:
//! - [`voter_pin`] (in `groups::build_groups`): voters pinned to a TPS number form a TPS
//!   class of their own, so the registration opens a TPS for them that holds no other
//!   voter and optimises everybody else around it;
//! - [`narrow_window`] (in `groups::build_groups`): a block with `jam_gelombang` is
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
use crate::model::{Clock, NodeId, PinKind, Pins, Voter};
use crate::plan::Plan;

use super::groups;

/// The TPS number a voter is pinned to (their own `pemilih_tps`, else their block's
/// `blok_tps`).
pub fn voter_pin(facility: &Facility, v: &Voter) -> Option<u32> {
    facility.pins.voter_tps(&v.reg_no, &v.block)
}

/// A group's window `(from, until)` with the block's pinned wave time as its earliest
/// start (never past `until`: [`check`] refuses such a pin).
pub fn narrow_window(facility: &Facility, block: &NodeId, w: (Clock, Clock)) -> (Clock, Clock) {
    match facility.pins.wave_start(block) {
        Some(t) if t > w.0 && t < w.1 => (t, w.1),
        _ => w,
    }
}

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
