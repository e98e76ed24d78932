//! Rule 3 (segregation): why two waves at one TPS may not overlap.

use std::collections::BTreeMap;

use crate::facility::Facility;
use crate::lang::{Text, text};
use crate::model::{RegNo, Voter};
use crate::plan::Wave;

/// Why two waves at one TPS may not overlap, if they may not.
pub(super) fn conflict(
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
