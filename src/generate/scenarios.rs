//! The scenarios written into every generated UPT's `scenarios/` folder, drawn from the
//! UPT's own blocks, sites and staff: `lockdown` (blocks locked after a raid), `sakit`
//! (officers off sick), `hujan` (open fields closed by rain), `lambat` (slow voters),
//! `gangguan` (late waves and absent escorts for `simulate`) and `pilkada` (the
//! regional election's rules).

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::layout::{BlockClass, ZONE_GENERAL};
use super::{Generator, PILKADA_RULESET, layout, staff};
use crate::model::{Nip, NodeId, NodeKind, Scenario};

impl Generator {
    pub(super) fn scenarios(
        &self,
        blocks: &[layout::BlockPlan],
        layout: &layout::LayoutRows,
        officers: &[staff::StaffRow],
        rng: &mut ChaCha8Rng,
    ) -> Vec<(&'static str, Scenario)> {
        let mut out = Vec::new();
        // Two ordinary blocks locked down after a raid.
        let lockable: Vec<&layout::BlockPlan> = blocks
            .iter()
            .filter(|b| !b.new_arrivals && b.class != BlockClass::Maximum && b.zone != ZONE_GENERAL)
            .collect();
        if lockable.len() >= 3 {
            let mut locked: Vec<NodeId> = lockable
                .choose_multiple(rng, 2)
                .map(|b| NodeId(b.id.clone()))
                .collect();
            locked.sort();
            let names: Vec<String> = locked
                .iter()
                .filter_map(|id| blocks.iter().find(|b| b.id == id.0))
                .map(|b| b.name.clone())
                .collect();
            out.push((
                "lockdown",
                Scenario {
                    description: format!(
                        "{} dikunci setelah razia: WBP-nya memilih lewat kotak suara keliling",
                        names.join(" dan ")
                    ),
                    locked_blocks: locked,
                    ..Scenario::default()
                },
            ));
        }
        // Officers off sick.
        let absent_count = (officers.len() / 4).min(15);
        if absent_count > 0 {
            let mut absent: Vec<Nip> = officers
                .choose_multiple(rng, absent_count)
                .map(|o| Nip(o.nip.clone()))
                .collect();
            absent.sort();
            out.push((
                "sakit",
                Scenario {
                    description: format!(
                        "{absent_count} petugas sakit pada hari pemungutan suara (wabah diare)"
                    ),
                    absent_staff: absent,
                    ..Scenario::default()
                },
            ));
        }
        // Heavy rain: open fields cannot host a TPS.
        let fields: Vec<NodeId> = layout
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Lapangan && n.max_tps > 0)
            .map(|n| NodeId(n.id.clone()))
            .collect();
        if !fields.is_empty() {
            out.push((
                "hujan",
                Scenario {
                    description: "Hujan deras sejak pagi: lapangan terbuka tidak dapat dipakai \
                                  sebagai TPS"
                        .into(),
                    closed_sites: fields,
                    ..Scenario::default()
                },
            ));
        }
        // Slow voters: forty percent more time in the booth than the ruleset assumes.
        let slow = (self.rules.tps.menit_per_pemilih * 1.4 * 2.0).round() / 2.0;
        out.push((
            "lambat",
            Scenario {
                description: format!(
                    "Pemilih lambat: {slow} menit per pemilih di bilik (banyak yang baru \
                     pertama kali memilih lima surat suara)"
                ),
                minutes_per_voter: Some(slow),
                ..Scenario::default()
            },
        ));
        // Disturbances of the day for `simulate` (off in the rulesets): a few waves leave
        // late, a few named escorts do not come. Synthetic, modest chances.
        let mut disturbances = toml::Table::new();
        for (key, value) in [
            ("peluang_gelombang_terlambat", 0.05),
            ("menit_terlambat", 10.0),
            ("peluang_petugas_absen", 0.02),
            ("menit_ganti_petugas", 15.0),
        ] {
            disturbances.insert(key.into(), toml::Value::Float(value));
        }
        let mut overrides = toml::Table::new();
        overrides.insert("simulasi".into(), toml::Value::Table(disturbances));
        out.push((
            "gangguan",
            Scenario {
                description: "Gangguan hari pemungutan: 5 % gelombang berangkat 10 menit \
                              terlambat (hitung ulang, penggeledahan), 2 % pengawal yang \
                              ditunjuk tidak hadir dan gelombangnya menunggu pengganti 15 \
                              menit (asumsi, belum diukur pada 2024)"
                    .into(),
                rule_overrides: overrides,
                ..Scenario::default()
            },
        ));
        out.push((
            "pilkada",
            Scenario {
                description: format!(
                    "Aturan Pilkada 2024 ({PILKADA_RULESET}) pada daftar WBP ini: hari \
                     pemungutan 27 November 2024 dan semua batas pendaftaran dihitung darinya, \
                     batas pemilih, kotak, menit per pemilih, cadangan dan jenis surat suara \
                     Pilkada"
                ),
                rule_overrides: self.pilkada.clone(),
                ..Scenario::default()
            },
        ));
        out
    }
}
