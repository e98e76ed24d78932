//! Writes every file of a plan folder besides `plan.json` and `jadwal.csv` (which
//! `plan::write_plan_folder` writes): `petugas.csv`, `kpu/*.csv`, `kpu/rekap.xlsx`,
//! `charts/*.svg|png` and `report.html`. Called inside the temporary folder, so a
//! failure leaves no half-written plan behind.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::export::charts::{
    BallotBar, BallotChart, BlockShare, ChartSet, DayChart, EscortChart, EscortSlot, LoadChart,
    MapChart, MapNode, MapPath, MapSite, SexCounts, TpsLoad, WaveBar,
};
use crate::export::kpu;
use crate::export::report::{
    self, BallotRow, FollowUpGroup, ReportData, SolverSummary, StaffSummary, TpsRow,
};
use crate::export::table::{Table, write_xlsx};
use crate::lang::Lang;
use crate::model::{Category, Clock, Nip, Sex};
use crate::plan::{WriteError, io};
use crate::planned::{Planned, staffing_needs};
use crate::staffing;

fn write_csv(dir: &Path, rel: &str, t: &Table) -> Result<(), WriteError> {
    let path = dir.join(rel);
    t.write_csv_file(&path)
        .map_err(|e| WriteError::Output(e.to_string()))
}

/// Writes the KPU tables, petugas.csv, the charts and the report into `dir`.
pub fn write_all(dir: &Path, p: &Planned, lang: Lang, handover: bool) -> Result<(), WriteError> {
    let f = &p.facility;
    let plan = &p.plan;
    let kpu_dir = dir.join("kpu");
    std::fs::create_dir_all(&kpu_dir).map_err(io(&kpu_dir))?;
    let reference = crate::reference::Reference::builtin();
    let tables = [
        kpu::tps_table(f, plan),
        kpu::pemilih_table(f, &p.decisions, plan),
        kpu::daftar_table(f, reference, plan, Category::Dpt, false),
        kpu::daftar_table(f, reference, plan, Category::Dptb, false),
        kpu::daftar_table(f, reference, plan, Category::Dpk, false),
        kpu::model_a_table(f, reference, plan, false),
        kpu::surat_suara_table(&p.decisions, plan),
        kpu::kpps_table(f, plan),
        kpu::tindak_lanjut_table(&p.follow_ups),
        kpu::tindak_lanjut_orang_table(f, reference, &p.decisions, &p.follow_ups),
    ];
    // The workbook (the slowest file of a large roster) is written beside the rest;
    // each file is whole on its own, so the bytes do not depend on the order.
    let xlsx = kpu_dir.join("rekap.xlsx");
    let (workbook, rest) = rayon::join(
        || {
            write_xlsx(&xlsx, &tables, f.info.data_date)
                .map_err(|e| WriteError::Output(format!("{}: {e}", xlsx.display())))
        },
        || write_rest(dir, &kpu_dir, p, &tables, lang, handover),
    );
    workbook?;
    rest
}

/// Every file of [`write_all`] but the workbook.
fn write_rest(
    dir: &Path,
    kpu_dir: &Path,
    p: &Planned,
    tables: &[crate::export::Table],
    lang: Lang,
    handover: bool,
) -> Result<(), WriteError> {
    let f = &p.facility;
    let plan = &p.plan;
    let reference = crate::reference::Reference::builtin();
    for t in tables {
        write_csv(kpu_dir, &format!("{}.csv", t.sheet), t)?;
    }
    if handover {
        let secret = dir.join("kpu-rahasia");
        std::fs::create_dir_all(&secret).map_err(io(&secret))?;
        for t in kpu::secret_tables(f, reference, &p.decisions, plan) {
            write_csv(&secret, &format!("{}.csv", t.sheet), &t)?;
        }
        let notice = secret.join("BACA-RAHASIA.txt");
        std::fs::write(&notice, kpu::secret_notice(f)).map_err(io(&notice))?;
    }
    write_csv(dir, "petugas.csv", &kpu::petugas_table(plan))?;
    write_csv(dir, "kekurangan.csv", &kpu::kekurangan_table(plan))?;

    let charts = chart_set(p);
    let chart_dir = dir.join("charts");
    std::fs::create_dir_all(&chart_dir).map_err(io(&chart_dir))?;
    charts
        .write(&chart_dir, lang)
        .map_err(|e| WriteError::Output(e.to_string()))?;
    let rendered = charts
        .render_all(lang)
        .map_err(|e| WriteError::Output(e.to_string()))?;
    let mut data = report_data(p, rendered, lang);
    data.handover = handover;
    let html = report::render(&data, lang);
    let path = dir.join("report.html");
    std::fs::write(&path, html).map_err(io(&path))?;
    Ok(())
}

/// The five charts of a planned facility.
pub fn chart_set(p: &Planned) -> ChartSet {
    let f = &p.facility;
    let r = &f.rules;
    let plan = &p.plan;
    let sex: BTreeMap<&crate::model::RegNo, Sex> = f.people().map(|i| (&i.reg_no, i.sex)).collect();
    let load = LoadChart {
        tps: plan
            .tps
            .iter()
            .map(|t| {
                let mut l = TpsLoad {
                    tps: t.number,
                    dpt: SexCounts::default(),
                    dptb: SexCounts::default(),
                    dpk: SexCounts::default(),
                };
                for v in &t.voters {
                    let c = match v.category {
                        Category::Dpt => &mut l.dpt,
                        Category::Dptb => &mut l.dptb,
                        Category::Dpk => &mut l.dpk,
                    };
                    match sex.get(&v.reg_no) {
                        Some(Sex::P) => c.p += 1,
                        _ => c.l += 1,
                    }
                }
                l
            })
            .collect(),
        cap: r.tps.maks_pemilih,
    };
    let day = DayChart {
        tps: plan.tps.iter().map(|t| t.number).collect(),
        waves: plan
            .waves
            .iter()
            .map(|w| WaveBar {
                tps: w.tps,
                start: w.start,
                end: w.end,
                // Blocks by name, as the meeting knows them.
                // The officers' waves by the file they come from, like a block's name.
                block: if w.block.is_other_voters() {
                    "Pemilih lain".to_string()
                } else {
                    f.node(&w.block)
                        .map_or_else(|| w.block.to_string(), |n| n.name.clone())
                },
                voters: w.voters,
            })
            .collect(),
        opening: r.jam.buka,
        closing: r.jam.tutup,
        other_places: f
            .nodes
            .iter()
            .filter(|n| n.kind != crate::model::NodeKind::Blok)
            .map(|n| n.name.clone())
            .collect(),
    };
    let mut shares: BTreeMap<(String, u32), u32> = BTreeMap::new();
    for t in &plan.tps {
        for v in &t.voters {
            *shares.entry((v.block.to_string(), t.number)).or_default() += 1;
        }
    }
    let map = MapChart {
        nodes: f.nodes.iter().map(MapNode::from).collect(),
        paths: f.paths.iter().map(MapPath::from).collect(),
        sites: plan
            .tps
            .iter()
            .map(|t| MapSite {
                tps: t.number,
                node: t.site.to_string(),
            })
            .collect(),
        shares: shares
            .into_iter()
            .map(|((block, tps), voters)| BlockShare { block, tps, voters })
            .collect(),
    };
    let escorts = EscortChart {
        slots: escort_slots(p),
    };
    let mut totals: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for t in &plan.tps {
        for b in &t.ballots {
            let e = totals.entry(b.code.as_str()).or_default();
            e.0 += b.voters;
            e.1 += b.reserve;
        }
    }
    let ballots = BallotChart {
        types: r
            .surat_suara
            .jenis
            .iter()
            .filter_map(|k| {
                totals
                    .get(k.kode.as_str())
                    .map(|(v, res)| BallotBar::new(k, *v, *res))
            })
            .collect(),
    };
    ChartSet {
        load,
        day,
        map,
        escorts,
        ballots,
    }
}

/// Escorts busy against escorts available, per scheduling slot from an hour before
/// opening to an hour after closing: the most busy and the fewest available in each slot.
fn escort_slots(p: &Planned) -> Vec<EscortSlot> {
    let f = &p.facility;
    let r = &f.rules;
    let (_, waves) = staffing_needs(f, &p.plan);
    let mut busy = vec![0u32; 1440];
    for w in &waves {
        for m in w.busy_from.0..w.busy_until.0.min(1440) {
            busy[m as usize] += w.escorts;
        }
    }
    let crew: BTreeSet<Nip> = p
        .plan
        .staffing
        .iter()
        .flat_map(|s| &s.kpps)
        .map(|s| s.nip.clone())
        .collect();
    let searchers = r.pengawalan.pemeriksa_per_tps * p.plan.tps.len() as u32;
    let on_duty = staffing::escort_capacity(&f.staff, &crew, |m| {
        if r.jam.buka.0 <= m && m < r.jam.tutup.0 {
            searchers
        } else {
            0
        }
    });
    let slot = r.jam.menit_slot.max(5);
    let from = r.jam.buka.0.saturating_sub(60) / slot * slot;
    let until = (r.jam.tutup.0 + 60).min(1440);
    let mut out = Vec::new();
    let mut t = from;
    while t < until {
        let end = (t + slot).min(until);
        let range = t as usize..end as usize;
        out.push(EscortSlot {
            start: Clock(t),
            end: Clock(end),
            needed: busy[range.clone()].iter().copied().max().unwrap_or(0),
            on_duty: on_duty[range].iter().copied().min().unwrap_or(0),
        });
        t = end;
    }
    out
}

fn report_data(
    p: &Planned,
    charts: Vec<crate::export::charts::RenderedChart>,
    lang: Lang,
) -> ReportData {
    let f = &p.facility;
    let r = &f.rules;
    let plan = &p.plan;
    let counts = kpu::tps_counts(f, plan);
    let staffing = plan.staffing.as_ref();
    let crews: BTreeMap<u32, u32> =
        staffing
            .into_iter()
            .flat_map(|s| &s.kpps)
            .fold(BTreeMap::new(), |mut m, s| {
                *m.entry(s.nomor_tps).or_default() += 1;
                m
            });
    let distinct = |role: &str| {
        staffing
            .into_iter()
            .flat_map(|s| &s.assignments)
            .filter(|a| a.peran == role)
            .map(|a| &a.nip)
            .collect::<BTreeSet<_>>()
            .len() as u32
    };
    let mut groups: BTreeMap<(&str, &str), (Option<chrono::NaiveDate>, u32)> = BTreeMap::new();
    for fu in &p.follow_ups {
        let e = groups
            .entry((fu.reason.code(), fu.reason.label(lang)))
            .or_insert((Some(fu.deadline), 0));
        e.0 = e.0.min(Some(fu.deadline));
        e.1 += 1;
    }
    ReportData {
        facility_name: f.info.name.clone(),
        facility_code: f.info.code.clone(),
        ruleset: r.nama.clone(),
        election_date: f.election_date(),
        scenario: (!f.scenario.name.is_empty()).then(|| f.scenario.name.clone()),
        handover: false,
        solver: SolverSummary {
            status: format!("{:?}", plan.solver.status).to_lowercase(),
            lower_bound: plan.solver.tps_lower_bound,
            gap: plan.solver.gap,
        },
        tps: plan
            .tps
            .iter()
            .zip(&counts)
            .map(|(t, c)| TpsRow {
                tps: t.number,
                site: f.site_name(&t.site),
                voters_l: c.l,
                voters_p: c.p,
                dpt: c.dpt,
                dptb: c.dptb,
                dpk: c.dpk,
                booths: t.booths,
                boxes: t.boxes,
                kpps: crews.get(&t.number).copied().unwrap_or(0),
                linmas: r.luar.linmas_per_tps,
                ptps: r.luar.ptps_per_tps,
                opens: r.jam.buka,
                closes: r.jam.tutup,
            })
            .collect(),
        ballot_types: r.surat_suara.jenis.clone(),
        ballots: plan
            .tps
            .iter()
            .flat_map(|t| {
                t.ballots.iter().map(|b| BallotRow {
                    tps: t.number,
                    code: b.code.clone(),
                    voters: b.voters,
                    reserve: b.reserve,
                })
            })
            .collect(),
        staff: StaffSummary {
            kpps_chairs: staffing
                .map(|s| s.kpps.iter().filter(|k| k.jabatan == "ketua").count() as u32)
                .unwrap_or(0),
            kpps_members: staffing
                .map(|s| s.kpps.iter().filter(|k| k.jabatan != "ketua").count() as u32)
                .unwrap_or(0),
            escorts: distinct("pengawal"),
            searchers: distinct("pemeriksa"),
        },
        honor: r.honor.clone(),
        follow_ups: groups
            .into_iter()
            .map(|((code, label), (deadline, count))| FollowUpGroup {
                reason: label.to_string(),
                code: code.to_string(),
                deadline,
                count,
            })
            .collect(),
        charts,
        // The reserve warnings are the table of ballots to request (reserve_short).
        warnings: Vec::new(),
        requests: p.plan.kekurangan.clone(),
        inmates: f.inmates.len() as u32,
        other_voters: p
            .plan
            .tps
            .iter()
            .flat_map(|t| &t.voters)
            .filter(|v| v.block.is_other_voters())
            .count() as u32,
        follow_up_people: p
            .follow_ups
            .iter()
            .map(|fu| &fu.reg_no)
            .collect::<BTreeSet<_>>()
            .len() as u32,
        reserve_short: p
            .reserve
            .iter()
            .map(|w| {
                (
                    w.tps.parse().unwrap_or(0),
                    w.shortfalls
                        .iter()
                        .map(|s| (s.code.clone(), s.short))
                        .collect(),
                )
            })
            .collect(),
        escort_peak: escort_slots(p)
            .into_iter()
            .filter(|s| s.needed > 0)
            .max_by(|a, b| {
                let r = |s: &EscortSlot| s.needed as f64 / s.on_duty.max(1) as f64;
                r(a).total_cmp(&r(b)).then(b.start.cmp(&a.start))
            })
            .map(|s| (s.start, s.needed, s.on_duty)),
    }
}
