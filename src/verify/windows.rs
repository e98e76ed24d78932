//! Rule 6: every wave within voting hours and every voter within their window, walking
//! or visited as they must be.

use super::Ctx;
use super::violation::Out;
use super::walk::{mobile, window};
use crate::lang::text;

/// Rule 6: every wave within voting hours and every voter within their window, walking
pub(super) fn check(c: &Ctx, out: &mut Out) {
    let Ctx {
        facility,
        plan,
        by_reg,
        r,
        ..
    } = c;
    // Rule 6: windows.
    let open = r.jam.buka;
    let last = r.last_voting_minute();
    for (i, w) in plan.waves.iter().enumerate() {
        if w.start >= w.end {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} tidak punya durasi",
                    "wave {}-{} has no duration",
                    w.start,
                    w.end
                ),
            );
        }
        if !w.mobile && (w.start < open || w.end > last) {
            out.push(
                6,
                Some(w.tps),
                Some(i),
                None,
                text!(
                    "gelombang {}-{} di luar {open}-{last}",
                    "wave {}-{} outside {open}-{last}",
                    w.start,
                    w.end
                ),
            );
        }
        for reg in &w.reg_nos {
            let Some(v) = by_reg.get(reg) else { continue };
            let (a, b) = window(facility, v);
            if mobile(facility, v) != w.mobile {
                out.push(6, Some(w.tps), Some(i), Some(reg), if w.mobile {
                    text!(
"dilayani kunjungan padahal dapat berjalan ke TPS",
"served by a visit although able to walk to the TPS"
)
                } else {
                    text!(
"tidak dapat berpindah (klinik, risiko, blok dikunci) tetapi dijadwalkan berjalan ke TPS",
"cannot move (clinic, risk, locked block) but scheduled to walk to the TPS"
)
                });
            }
            if w.start < a || w.end > b {
                out.push(
                    6,
                    Some(w.tps),
                    Some(i),
                    Some(reg),
                    text!(
                        "memilih {}-{} di luar jendelanya {a}-{b} ({})",
                        "votes {}-{} outside their window {a}-{b} ({})",
                        w.start,
                        w.end,
                        v.category
                    ),
                );
            }
        }
    }
}
