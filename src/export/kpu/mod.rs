//! The tables KPU receives (`kpu/*.csv` and the sheets of `kpu/rekap.xlsx`), with the
//! exact columns of design.md, in a stable order (TPS number, then sequence number),
//! NIK and NKK masked. Built from the facility, the eligibility decisions and the plan.
//!
//! This file holds the masking and the address by name; `lists` KPU's by-name lists
//! (DPT/DPTb/DPK, Model A, the all-in-one list, the handover files), `tps` the TPS and
//! their ballots, `staff` the KPPS, requests and duties, `follow_up` the follow-ups.

use chrono::{Datelike, NaiveDate};

use crate::export::mask_id;
use crate::model::RegionCode;
use crate::reference::Reference;

mod follow_up;
mod lists;
mod staff;
mod tps;

pub use follow_up::*;
pub use lists::*;
pub use staff::*;
pub use tps::*;

/// A birth date as the masked lists show it: the year only (`1989-**-**`), as KPU's
/// published lists do.
pub fn mask_birth(d: NaiveDate) -> String {
    format!("{:04}-**-**", d.year())
}

/// An identity number (NIK, NKK) as a file shows it: in full for the handover files
/// (`full`), else masked.
pub(super) fn shown_id(v: Option<&str>, full: bool) -> String {
    let v = v.unwrap_or("");
    if full { v.to_string() } else { mask_id(v) }
}

/// A birth date as a file shows it: in full for the handover files, else the year.
pub(super) fn shown_birth(d: NaiveDate, full: bool) -> String {
    if full { d.to_string() } else { mask_birth(d) }
}

/// The name of kab/kota `code` (`12.07`) in the reference tables.
pub(super) fn kabkota_name<'r>(reference: &'r Reference, code: &str) -> Option<&'r str> {
    reference.kabkota(code).map(|k| k.name.as_str())
}

/// The KTP address by name, deepest level first: `desa/kel. 12.07.05.2001, Kec. Pancur
/// Batu, Kabupaten Deli Serdang, Sumatera Utara` (names from the reference tables; a
/// level they lack shows its code).
pub fn region_address(reference: &Reference, region: &RegionCode) -> String {
    let mut parts = Vec::new();
    if let Some(d) = region.desa() {
        parts.push(format!("desa/kel. {d}"));
    }
    if let Some(k) = region.kecamatan() {
        parts.push(match reference.kecamatan(k) {
            Some(k) => format!("Kec. {}", k.name),
            None => format!("kec. {k}"),
        });
    }
    if let Some(k) = region.kabkota() {
        parts
            .push(kabkota_name(reference, k).map_or_else(|| format!("kab/kota {k}"), String::from));
    }
    parts.push(
        reference
            .province_name(region.province())
            .map_or_else(|| format!("provinsi {}", region.province()), String::from),
    );
    parts.join(", ")
}
