//! Rule 2: no TPS holds more registered voters than the cap.

use super::Ctx;
use super::violation::Out;
use crate::lang::text;

/// Rule 2: no TPS holds more registered voters than the cap.
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        plan, voters: _, r, ..
    } = c;
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
}
