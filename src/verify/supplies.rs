//! Rule 9: ballots per TPS with the reserve, ballot boxes and booths.

use super::Ctx;
use super::ballots;
use super::violation::Out;
use crate::lang::text;
use crate::model::Voter;

/// Rule 9: ballots per TPS with the reserve, ballot boxes and booths.
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        plan,
        voters: _,
        by_reg,
        r,
        ..
    } = c;
    // Rule 9: ballots, boxes, booths.
    for t in &plan.tps {
        let vs: Vec<&Voter> = t
            .voters
            .iter()
            .filter_map(|rv| by_reg.get(&rv.reg_no).copied())
            .collect();
        ballots::check(r, t, &vs, out);
        if t.boxes != r.tps.kotak {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} kotak suara, seharusnya {}",
                    "{} ballot boxes, should be {}",
                    t.boxes,
                    r.tps.kotak
                ),
            );
        }
        let booths = facility
            .node(&t.site)
            .map(|n| if n.booths > 0 { n.booths } else { r.tps.bilik })
            .unwrap_or(r.tps.bilik);
        if t.booths != booths {
            out.push(
                9,
                Some(t.number),
                None,
                None,
                text!(
                    "{} bilik, lokasi {} menyediakan {booths}",
                    "{} booths, site {} provides {booths}",
                    t.booths,
                    t.site
                ),
            );
        }
    }
}
