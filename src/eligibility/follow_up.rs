//! The follow-up list (`kpu/tindak_lanjut.csv`): for every inmate who cannot vote here
//! as things stand, or who needs paperwork, the reason, the action in Indonesian and
//! the deadline computed from the ruleset's `[pendaftaran]` keys and election day.
//!
//! When any reason is permanent (WNA, under age, right revoked, released before the
//! day, no ballot here) only those are listed: asking Dukcapil for the NIK of someone
//! who cannot vote anyway is wasted effort. Their action is to keep (or take) them off
//! the TPS lists, due when the lists become final (the Model A deadline). A deadline
//! that has passed on the roster's date is stated as passed in the action itself.

use chrono::NaiveDate;
use serde::Serialize;

use crate::facility::Facility;
use crate::model::{Inmate, RegNo, Registration};
use crate::reference::Reference;

use super::{Deadlines, Decisions, Entitlement, Reason, region_label};

/// One thing to do for one inmate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Why.
    pub reason: Reason,
    /// What to do, in Indonesian, with the dates in it.
    pub action: String,
    /// By when.
    pub deadline: NaiveDate,
    /// The deadline had passed on the roster's date.
    pub deadline_passed: bool,
}

/// One row of `kpu/tindak_lanjut.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// `no_registrasi`.
    pub reg_no: RegNo,
    /// `nama`.
    pub name: String,
    /// `alasan`: the reason code.
    pub reason: Reason,
    /// `tindakan`.
    pub action: String,
    /// `batas_waktu`.
    pub deadline: NaiveDate,
    /// The deadline had passed on the roster's date.
    pub deadline_passed: bool,
}

/// Every follow-up of the facility: inmates in roster order, each inmate's tasks in
/// [`Reason`] order.
pub fn follow_ups(facility: &Facility, decisions: &Decisions) -> Vec<FollowUp> {
    super::paired(facility, decisions)
        .into_iter()
        .flat_map(|(inmate, d)| {
            d.tasks.iter().map(move |t| FollowUp {
                reg_no: d.reg_no.clone(),
                name: inmate.name.clone(),
                reason: t.reason,
                action: t.action.clone(),
                deadline: t.deadline,
                deadline_passed: t.deadline_passed,
            })
        })
        .collect()
}

/// What the task texts need to know about the facility.
pub(super) struct Context<'a> {
    pub facility: &'a Facility,
    pub reference: &'a Reference,
    pub deadlines: &'a Deadlines,
}

fn on_list(inmate: &Inmate) -> Option<&'static str> {
    match inmate.registration {
        Registration::Dpt => Some("DPT"),
        Registration::Dptb => Some("DPTb"),
        Registration::DptAsal | Registration::Belum => None,
    }
}

impl Context<'_> {
    fn task(&self, reason: Reason, deadline: NaiveDate, action: String) -> Task {
        let passed = self.deadlines.passed(deadline);
        let action = if passed {
            format!(
                "Batas waktu {deadline} sudah lewat (data per {}). {action}",
                self.deadlines.as_of
            )
        } else {
            action
        };
        Task {
            reason,
            action,
            deadline,
            deadline_passed: passed,
        }
    }

    /// "Strike off the list" when listed here, else "do not list".
    fn keep_off(&self, inmate: &Inmate) -> String {
        match on_list(inmate) {
            Some(list) => format!(
                "Tercatat di {list} TPS {}: minta KPU kab/kota mencoretnya sebelum daftar final.",
                self.facility.info.name
            ),
            None => format!("Jangan didaftarkan di TPS {}.", self.facility.info.name),
        }
    }

    /// How to get on a list once the papers are in order.
    fn listing_path(&self) -> String {
        let dl = self.deadlines;
        if dl.dpt_open() {
            format!("daftarkan ke DPT melalui KPU kab/kota sebelum {}", dl.dpt)
        } else {
            "memilih sebagai DPK (DPT sudah ditetapkan), hanya bila alamat KTP-el di desa/kelurahan UPT".to_string()
        }
    }

    fn dpk_fallback(&self, inmate: &Inmate) -> String {
        let rules = &self.facility.rules;
        let area = super::category::dpk_area_under(
            rules,
            &self.facility.info.region,
            inmate.ktp_region.as_ref(),
        );
        if area == super::category::DpkArea::Outside {
            "Tanpa itu tidak dapat memilih di UPT: alamat KTP-el di luar wilayah UPT, sedangkan DPK hanya memilih di TPS alamat KTP-el (PKPU 7/2022).".to_string()
        } else if rules.pendaftaran.dpk_diizinkan {
            let w = rules.jendela.dpk;
            format!(
                "Tanpa itu hanya dapat memilih sebagai DPK pukul {}-{} selama surat suara cadangan tersisa.",
                w.mulai, w.selesai
            )
        } else {
            "Tanpa itu tidak dapat memilih (DPK tidak diizinkan).".to_string()
        }
    }

    /// The tasks of one inmate: permanent reasons alone when there are any, else
    /// every fixable reason and the paperwork.
    pub(super) fn tasks(
        &self,
        inmate: &Inmate,
        age: i32,
        reasons: &[Reason],
        paperwork: &[Reason],
        entitlement: &Entitlement,
    ) -> Vec<Task> {
        let permanent: Vec<Reason> = reasons
            .iter()
            .copied()
            .filter(|r| r.is_permanent())
            .collect();
        let todo: Vec<Reason> = if permanent.is_empty() {
            let mut all: Vec<Reason> = reasons.iter().chain(paperwork).copied().collect();
            all.sort();
            all.dedup();
            all
        } else {
            permanent
        };
        todo.into_iter()
            .map(|r| self.task_for(r, inmate, age, entitlement))
            .collect()
    }

    fn task_for(
        &self,
        reason: Reason,
        inmate: &Inmate,
        age: i32,
        entitlement: &Entitlement,
    ) -> Task {
        let dl = self.deadlines;
        let rules = &self.facility.rules;
        let upt = region_label(self.reference, &self.facility.info.region);
        let ktp = inmate
            .ktp_region
            .as_ref()
            .map(|r| region_label(self.reference, r))
            .unwrap_or_else(|| "kosong".to_string());
        match reason {
            Reason::Wna => self.task(
                reason,
                dl.model_a,
                format!("Bukan WNI: tidak berhak memilih. {}", self.keep_off(inmate)),
            ),
            Reason::BelumCukupUmur => self.task(
                reason,
                dl.model_a,
                format!(
                    "Umur {age} tahun pada hari pemungutan {} (minimal {}) dan belum pernah kawin: belum berhak memilih. {}",
                    dl.election,
                    rules.hak_pilih.usia_minimal,
                    self.keep_off(inmate)
                ),
            ),
            Reason::HakDicabut => self.task(
                reason,
                dl.model_a,
                format!(
                    "Hak pilih dicabut putusan pengadilan berkekuatan hukum tetap. {}",
                    self.keep_off(inmate)
                ),
            ),
            Reason::BebasSebelumHariH => {
                let release = inmate.release_date.unwrap_or(dl.election);
                let listed = match on_list(inmate) {
                    Some(list) => format!(
                        " Tercatat di {list} TPS {}: minta KPU kab/kota memindahkannya ke TPS alamat KTP (Model A) sebelum daftar final.",
                        self.facility.info.name
                    ),
                    None => String::new(),
                };
                self.task(
                    reason,
                    dl.model_a,
                    format!(
                        "Bebas {release}, sebelum hari pemungutan {}: memilih di TPS alamat KTP ({ktp}), bukan di TPS {}; beri tahu WBP saat bebas.{listed}",
                        dl.election, self.facility.info.name
                    ),
                )
            }
            Reason::TidakBerhakSuratSuara => self.task(
                reason,
                dl.model_a,
                format!(
                    "Alamat KTP {ktp}{}: tidak berhak atas satu pun surat suara yang diterbitkan di wilayah UPT ({upt}). {}",
                    if inmate
                        .ktp_region
                        .as_ref()
                        .is_some_and(|r| r.province() != self.facility.info.region.province())
                    {
                        " di provinsi lain"
                    } else {
                        ""
                    },
                    self.keep_off(inmate)
                ),
            ),
            Reason::TanpaNik | Reason::TanpaNkk => {
                let which = if reason == Reason::TanpaNik { "NIK" } else { "NKK" };
                self.task(
                    reason,
                    dl.nik_nkk,
                    format!(
                        "Data tanpa {which}: padankan NIK dan NKK dengan Dukcapil sebelum {}; tanpa keduanya KPU mencoret data pemilih.",
                        dl.nik_nkk
                    ),
                )
            }
            Reason::TanpaKtpEl => self.task(
                reason,
                dl.ktp_el,
                format!(
                    "Belum terdaftar dan belum memiliki KTP-el: rekam KTP-el (atau minta surat keterangan perekaman) di Dukcapil sebelum {}, lalu {}.",
                    dl.ktp_el,
                    self.listing_path()
                ),
            ),
            Reason::PerluDaftarDpt => self.task(
                reason,
                dl.dpt,
                format!(
                    "Belum terdaftar, memiliki KTP-el: laporkan ke KPU kab/kota agar masuk DPT TPS {} sebelum {}. {}",
                    self.facility.info.name,
                    dl.dpt,
                    self.dpk_fallback(inmate)
                ),
            ),
            Reason::PerluModelA => {
                let w = rules.jendela.dptb;
                // An officer (pemilih_lain.csv) without Model A can still vote at home
                // when off duty; an inmate cannot.
                let without = if inmate.other {
                    "Tanpa Model A hanya dapat memilih di TPS asal (petugas yang bertugas pada hari itu tidak dapat ke sana)."
                } else {
                    "Tanpa Model A tidak dapat memilih selama ditahan (pemilih yang terdaftar bukan DPK)."
                };
                self.task(
                    reason,
                    dl.model_a,
                    format!(
                        "Terdaftar di DPT asal ({ktp}): UPT mengajukan pindah memilih (formulir Model A) ke KPU kab/kota sebelum {} agar masuk DPTb TPS {} (memilih pukul {}-{}); direncanakan sebagai DPTb. {without}",
                        dl.model_a,
                        self.facility.info.name,
                        w.mulai,
                        w.selesai
                    ),
                )
            }
            Reason::ModelATerlambat => self.task(
                reason,
                dl.model_a,
                format!(
                    "Terdaftar di DPT asal ({ktp}), batas pindah memilih (Model A) {} sudah lewat: hanya dapat memilih di TPS asal, {}",
                    dl.model_a,
                    if inmate.other {
                        "di luar jam tugasnya (atur jadwal dinas agar sempat ke sana)."
                    } else {
                        "yang tidak terjangkau selama ditahan. Tidak ada yang dapat dilakukan pada pemilihan ini; catat untuk pemilihan berikutnya."
                    }
                ),
            ),
            Reason::DpkLuarWilayah => self.task(
                reason,
                dl.dpt,
                if rules.pendaftaran.dpk_diizinkan {
                    format!(
                        "Belum terdaftar di daftar mana pun dan DPT sudah ditetapkan ({}); alamat KTP-el {ktp} di luar wilayah UPT ({upt}), sedangkan DPK hanya memilih di TPS alamat KTP-el (PKPU 7/2022; Pilkada PKPU 7/2024 pasal 53): tidak dapat memilih dari UPT pada pemilihan ini. Pastikan ia terdaftar pada pemutakhiran data pemilih berikutnya.",
                        dl.dpt
                    )
                } else {
                    format!(
                        "Belum terdaftar di daftar mana pun, DPT sudah ditetapkan ({}) dan aturan ini tidak mengizinkan DPK: tidak dapat memilih dari UPT pada pemilihan ini.",
                        dl.dpt
                    )
                },
            ),
            Reason::KonfirmasiWilayahDpk => self.task(
                reason,
                dl.election,
                format!(
                    "Direncanakan sebagai DPK (pukul {}-{}): alamat KTP-el {ktp} satu kecamatan dengan UPT ({upt}), tetapi desa/kelurahannya tidak tercatat. Pastikan ke PPS sebelum hari pemungutan {} bahwa RT/RW alamat KTP-el termasuk wilayah TPS UPT; bila tidak, ia tidak dapat memilih sebagai DPK. Tulis kode desa (mis. {}.2001) di kode_wilayah_ktp dan kode_wilayah.",
                    rules.jendela.dpk.mulai,
                    rules.jendela.dpk.selesai,
                    dl.election,
                    self.facility.info.region.kecamatan().unwrap_or("12.07.19")
                ),
            ),
            Reason::TanpaWilayahKtp => {
                let sure = if entitlement.ballots.is_empty() {
                    "belum ada surat suara yang dapat ditentukan".to_string()
                } else {
                    format!("sementara hanya surat suara {} yang pasti", entitlement.ballots.join(", "))
                };
                self.task(
                    reason,
                    dl.nik_nkk,
                    format!(
                        "kode_wilayah_ktp kosong: padankan alamat KTP dengan Dukcapil sebelum {} dan perbaiki data SDP; {sure}.",
                        dl.nik_nkk
                    ),
                )
            }
            Reason::SuratSuaraBelumPasti => {
                let mut regions: Vec<&str> = entitlement
                    .doubts
                    .iter()
                    .flat_map(|d| d.regions.iter().map(String::as_str))
                    .collect();
                regions.sort();
                regions.dedup();
                self.task(
                    reason,
                    dl.model_a,
                    format!(
                        "Hak surat suara alamat KTP {ktp} tidak dapat ditentukan: dapil {} tidak ada di tabel referensi. Pastikan dapil ke KPU kab/kota dan lengkapi data/reference.",
                        regions.join("; ")
                    ),
                )
            }
            Reason::BebasHariH => self.task(
                reason,
                dl.election,
                format!(
                    "Bebas pada hari pemungutan {}: tetap terdaftar di TPS {}; jadwalkan memilih pada gelombang pertama, sebelum proses pembebasan.",
                    dl.election, self.facility.info.name
                ),
            ),
        }
    }
}
