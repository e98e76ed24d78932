//! From a plan and the facility it was made for to the engine's [`Day`]: one station
//! per TPS with its booths; one batch per wave of `plan.waves`, released at its
//! scheduled start minus the walk (walking minutes recomputed from the layout, search
//! points included, as `verify` does), with its named escorts (the officers of
//! `petugas.csv` who start it) as resources and, for a KPPS visit, the TPS's visit team
//! (2 KPPS members) as well; the voters' list windows (DPT, DPTb, DPK; the visit window
//! for the clinic) from the ruleset's hours; segregation classes as the optimiser
//! keys them. Also draws one day's disturbances and service times.

use std::collections::BTreeMap;

use rand::Rng;

use super::engine::{Batch, Day, Station};
use super::service::Service;
use crate::facility::Facility;
use crate::lang::{Text, text};
use crate::layout::Layout;
use crate::model::{Category, Nip, RegNo, Voter};
use crate::optimise::groups::MixKey;
use crate::plan::Plan;

/// A plan made ready to simulate.
#[derive(Debug, Clone)]
pub struct Model {
    /// The day for the engine.
    pub day: Day,
    /// TPS number of each station.
    pub tps: Vec<u32>,
    /// Escorts (officers) with each batch, for the peak count.
    pub escorts: Vec<u32>,
    /// Officer resources of each batch (absence delays it).
    pub officers: Vec<Vec<usize>>,
    /// How many of the resources are officers (ids `0..officers`); the rest are teams.
    pub officer_count: usize,
    /// Opening and closing (minutes since midnight).
    pub open: f64,
    /// Closing: nobody new after it; a TPS is on time when its last voter is done by it.
    pub close: f64,
    /// Minutes at the booth.
    pub booth: Service,
    /// Visit minutes per voter over booth minutes (`menit_kunjungan_per_pemilih /
    /// menit_per_pemilih`).
    pub visit_factor: f64,
    /// Late waves: chance and minutes.
    pub late: (f64, f64),
    /// Absent escorts: chance and the minutes a replacement takes.
    pub absent: (f64, f64),
}

/// Builds the model of `plan` for `facility` (its voters from eligibility). Errors say
/// what in the plan does not fit the facility, in both languages.
pub fn build(facility: &Facility, voters: &[Voter], plan: &Plan) -> Result<Model, Text> {
    let rules = &facility.rules;
    let mean = rules.tps.menit_per_pemilih;
    let booth = Service::from_rules(&rules.simulasi, mean).map_err(|e| {
        text!(
            "menit_per_pemilih = {mean} harus di antara menit_minimal {} dan menit_maksimal {} di [simulasi]: ubah [aturan.simulasi] di skenario (mis. menit_maksimal lebih besar) atau pilih distribusi = \"eksponensial\"",
            "menit_per_pemilih = {mean} must lie between menit_minimal {} and menit_maksimal {} of [simulasi]: change [aturan.simulasi] in the scenario (e.g. a larger menit_maksimal) or choose distribusi = \"eksponensial\"",
            e.range.0,
            e.range.1
        )
    })?;
    let layout = Layout::build(facility);
    let by_reg: BTreeMap<&RegNo, &Voter> = voters.iter().map(|v| (&v.reg_no, v)).collect();
    let station_of: BTreeMap<u32, usize> = plan
        .tps
        .iter()
        .enumerate()
        .map(|(i, t)| (t.number, i))
        .collect();
    let separations = &facility.info.separations;
    let mut classes: Vec<MixKey> = Vec::new();
    let mut officers: BTreeMap<&Nip, usize> = BTreeMap::new();
    let mut named: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    if let Some(st) = &plan.staffing {
        // The officers who start a wave (a relay's later officers take over at the post).
        let mut first: BTreeMap<usize, u16> = BTreeMap::new();
        for a in st.assignments.iter().filter(|a| a.peran == "pengawal") {
            if let Some(w) = a.gelombang {
                let m = first.entry(w).or_insert(a.mulai.0);
                *m = (*m).min(a.mulai.0);
            }
        }
        for a in st.assignments.iter().filter(|a| a.peran == "pengawal") {
            if let Some(w) = a.gelombang
                && first.get(&w) == Some(&a.mulai.0)
            {
                let n = officers.len();
                let id = *officers.entry(&a.nip).or_insert(n);
                let list = named.entry(w).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }
    let officer_count = officers.len();
    let mut batches = Vec::with_capacity(plan.waves.len());
    let mut escorts = Vec::with_capacity(plan.waves.len());
    let mut officer_lists = Vec::with_capacity(plan.waves.len());
    for (i, w) in plan.waves.iter().enumerate() {
        let wave_no = i + 1;
        let Some(&station) = station_of.get(&w.tps) else {
            return Err(text!(
                "gelombang {wave_no} menuju TPS {} yang tidak ada di rencana: jalankan tpsplan verify",
                "wave {wave_no} goes to TPS {}, which the plan does not have: run tpsplan verify",
                w.tps
            ));
        };
        let site = &plan.tps[station].site;
        let walk = match (layout.place_index(&w.block), layout.site_index(site)) {
            (Some(b), Some(s)) => layout.walk(b, s),
            _ => None,
        };
        let Some(walk) = walk.or_else(|| {
            w.block
                .eq(&crate::model::NodeId::other_voters())
                .then_some(0.0)
        }) else {
            return Err(text!(
                "gelombang {wave_no}: tidak ada jalan dari {} ke lokasi {site} di denah fasilitas: rencana tidak cocok dengan masukannya, jalankan tpsplan verify",
                "wave {wave_no}: no path from {} to the site {site} in the facility's layout: the plan does not fit its inputs, run tpsplan verify",
                w.block
            ));
        };
        let members: Vec<&Voter> = w
            .reg_nos
            .iter()
            .filter_map(|r| by_reg.get(r).copied())
            .collect();
        let (open, close) = window(facility, &members, w.mobile);
        let key = members
            .first()
            .map(|v| mix_key(v, separations))
            .unwrap_or_else(|| mix_key_other(separations.len()));
        let class = match classes.iter().position(|k| *k == key) {
            Some(c) => c,
            None => {
                classes.push(key);
                classes.len() - 1
            }
        };
        let mut resources = named.get(&i).cloned().unwrap_or_default();
        officer_lists.push(resources.clone());
        if w.mobile {
            // One visit team (2 KPPS members) per TPS, after the officers.
            resources.push(officer_count + station);
        }
        batches.push(Batch {
            station,
            release: w.start.0 as f64 - walk,
            walk,
            walk_back: walk,
            size: w.voters,
            open,
            close,
            class,
            resources,
            mobile: w.mobile,
        });
        escorts.push(w.escorts);
    }
    let compatible = classes
        .iter()
        .map(|a| classes.iter().map(|b| a.compatible(b)).collect())
        .collect();
    let s = &rules.simulasi;
    Ok(Model {
        day: Day {
            stations: plan
                .tps
                .iter()
                .map(|t| Station { booths: t.booths })
                .collect(),
            batches,
            resources: officer_count + plan.tps.len(),
            compatible,
        },
        tps: plan.tps.iter().map(|t| t.number).collect(),
        escorts,
        officers: officer_lists,
        officer_count,
        open: rules.jam.buka.0 as f64,
        close: rules.jam.tutup.0 as f64,
        booth,
        visit_factor: rules.pengawalan.menit_kunjungan_per_pemilih / mean,
        late: (s.peluang_gelombang_terlambat, s.menit_terlambat),
        absent: (s.peluang_petugas_absen, s.menit_ganti_petugas),
    })
}

/// The window every voter of a wave may vote in: the latest opening and the earliest
/// closing of their lists (a clinic visit within the visit window), never after the
/// TPS closes.
fn window(facility: &Facility, members: &[&Voter], mobile: bool) -> (f64, f64) {
    let j = &facility.rules.jendela;
    let tutup = facility.rules.jam.tutup;
    let mut open = facility.rules.jam.buka;
    let mut close = tutup;
    for v in members {
        let w = match v.category {
            Category::Dpt => j.dpt,
            Category::Dptb => j.dptb,
            Category::Dpk => j.dpk,
        };
        open = open.max(w.mulai);
        close = close.min(w.selesai);
        if mobile && v.clinic {
            open = open.max(j.kunjungan.mulai);
            close = close.min(j.kunjungan.selesai);
        }
    }
    (open.0 as f64, close.0 as f64)
}

fn mix_key(v: &Voter, separations: &[crate::model::Separation]) -> MixKey {
    if v.other {
        return mix_key_other(separations.len());
    }
    MixKey {
        sex: v.sex,
        juvenile: v.juvenile,
        high_risk: v.high_risk,
        separated: separations
            .iter()
            .map(|s| s.blocks.contains(&v.block).then(|| v.block.clone()))
            .collect(),
        other: false,
    }
}

/// The officers' key, as the optimiser sets it.
fn mix_key_other(n: usize) -> MixKey {
    MixKey {
        sex: crate::model::Sex::L,
        juvenile: false,
        high_risk: false,
        separated: vec![None; n],
        other: true,
    }
}

impl Model {
    /// One day's disturbances: the delay of each batch (late waves first, batch by
    /// batch, then absent officers, officer by officer; nothing is drawn for a chance
    /// of 0).
    pub fn delays<R: Rng>(&self, rng: &mut R) -> Vec<f64> {
        let n = self.day.batches.len();
        let mut delay = vec![0.0; n];
        let (p_late, late) = self.late;
        if p_late > 0.0 {
            for d in &mut delay {
                if rng.r#gen::<f64>() < p_late {
                    *d += late;
                }
            }
        }
        let (p_absent, replace) = self.absent;
        if p_absent > 0.0 {
            let away: Vec<bool> = (0..self.officer_count)
                .map(|_| rng.r#gen::<f64>() < p_absent)
                .collect();
            for (d, list) in delay.iter_mut().zip(&self.officers) {
                if list.iter().any(|&o| away[o]) {
                    *d += replace;
                }
            }
        }
        delay
    }

    /// The minutes one voter of batch `b` needs: a booth draw, scaled for a visit.
    pub fn service_minutes<R: Rng>(&self, b: usize, rng: &mut R) -> f64 {
        let m = self.booth.draw(rng.r#gen::<f64>());
        if self.day.batches[b].mobile {
            m * self.visit_factor
        } else {
            m
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Clock;
    use crate::testing::{FacilityBuilder, VoterSpec};

    #[test]
    fn waves_leave_their_walk_before_they_vote_and_take_the_tps_booths() {
        let (f, voters) = FacilityBuilder::new("kecil")
            .block("A", "umum")
            .block("B", "umum")
            .site("aula", "umum", 2, 3)
            .path("A", "aula", 3.0, false)
            .path("B", "aula", 4.0, true)
            .voters("A", 60, VoterSpec::man())
            .voters("B", 40, VoterSpec::man())
            .escorts(30, Clock::hm(6, 0), Clock::hm(14, 0))
            .staff(
                20,
                &[crate::model::StaffRole::Kpps],
                Clock::hm(6, 0),
                Clock::hm(18, 0),
            )
            .build();
        let plan =
            crate::optimise::plan(&f, &voters, &crate::optimise::PlanOptions::default()).unwrap();
        let m = build(&f, &voters, &plan).unwrap();
        assert_eq!(m.day.batches.len(), plan.waves.len());
        assert!(m.day.stations.iter().all(|s| s.booths == 3));
        let search = f.rules.pengawalan.menit_pemeriksaan;
        for (b, w) in m.day.batches.iter().zip(&plan.waves) {
            let walk = if w.block.as_str() == "A" {
                3.0
            } else {
                4.0 + search
            };
            assert_eq!(b.walk, walk, "{}", w.block);
            assert_eq!(b.release, w.start.0 as f64 - walk);
            assert_eq!((b.open, b.close), (420.0, 780.0));
            assert_eq!(b.size, w.voters);
        }
        // Every voter of the plan is simulated, and the booth times have the ruleset's mean.
        let voted: u32 = m.day.batches.iter().map(|b| b.size).sum();
        assert_eq!(voted as usize, voters.len());
        assert!((m.booth.mean() - f.rules.tps.menit_per_pemilih).abs() < 1e-6);
    }
}
