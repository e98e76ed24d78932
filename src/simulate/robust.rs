//! `tpsplan plan --andal P`: a plan with slack, so that the simulated chance that every
//! TPS is done by closing time is at least `P`. The plan is made again with the minutes
//! per voter used for planning raised in steps of 5 % (at most doubled): each step
//! lowers the voters a TPS may take per slot, so the planner spreads the day or opens
//! more TPS by itself; every candidate is simulated with the real rules (the real
//! minutes per voter) and the first that holds is kept; when more slack no longer
//! plans or helps, one and then two TPS more than the rules need are tried (a count to
//! ask KPU for, unless KPU already fixed it). When none holds, the answer is
//! refused (like `--ketat`) with what would help, each measured: one more TPS, one
//! more booth at every TPS, fewer minutes per voter. The planning itself is handed in
//! by the caller ([`PlanFn`], `planner::plan_facility`), so this module needs nothing
//! above it; the chance is this module's Monte Carlo.

use crate::error::{Error, Result};
use crate::facility::Facility;
use crate::lang::{Lang, Text, text};
use crate::optimise::PlanOptions;
use crate::planned::Planned;
use crate::reference::Reference;

/// Plans one facility (the caller's `planner::plan_facility`).
pub type PlanFn<'a> = &'a dyn Fn(Facility, &Reference, &PlanOptions, Lang) -> Result<Planned>;

/// Days simulated per candidate plan.
pub const RUNS: u32 = 1000;
/// Seed of the candidates' simulations (the report's simulation uses the same).
pub const SEED: u64 = 2024;
/// Steps of 5 % above the real minutes per voter tried, at most.
const STEPS: u32 = 20;

/// A robust plan and how it was reached.
pub struct Robust {
    /// The plan (its facility carries the real rules again).
    pub planned: Planned,
    /// Minutes per voter used for planning.
    pub planning_minutes: f64,
    /// The real minutes per voter.
    pub minutes: f64,
    /// The chance of finishing on time of the plan without slack, and its TPS.
    pub first: (f64, usize),
    /// The chance of the plan kept.
    pub chance: f64,
    /// More TPS than the rules need, to ask KPU for (`--jumlah-tps` for the plan).
    pub asked_tps: Option<u32>,
}

/// The chance that every TPS of `planned`'s plan is done on time, simulated with the
/// rules of `real`.
fn chance(real: &Facility, planned: &Planned) -> Result<f64> {
    super::simulate_plan(real, &planned.voters, &planned.plan, RUNS, SEED)
        .map(|(_, agg)| agg.semua.peluang_selesai_tepat_waktu)
        .map_err(|t| Error::Other(t.en))
}

fn with_minutes(real: &Facility, minutes: f64) -> Facility {
    let mut f = real.clone();
    f.rules.tps.menit_per_pemilih = minutes;
    f
}

/// Plans `facility` with slack until the simulated chance of finishing on time is at
/// least `target`, or says why it cannot and what would.
pub fn plan(
    facility: Facility,
    reference: &Reference,
    opts: &PlanOptions,
    target: f64,
    lang: Lang,
    plan_one: PlanFn<'_>,
) -> Result<Robust> {
    let real = facility;
    let minutes = real.rules.tps.menit_per_pemilih;
    let mut first = None;
    let mut best: Option<(f64, f64, Planned)> = None;
    for step in 0..=STEPS {
        let planning = minutes * (1.0 + 0.05 * step as f64);
        let planned = match plan_one(with_minutes(&real, planning), reference, opts, lang) {
            Ok(p) => p,
            // Without slack the facility's own answer stands (infeasible, bad input).
            Err(e) if step == 0 => return Err(e),
            // More slack than the facility can take: stop raising it.
            Err(_) => break,
        };
        let p = chance(&real, &planned)?;
        first.get_or_insert((p, planned.plan.tps.len()));
        if p >= target {
            let mut planned = planned;
            planned.facility.rules.tps.menit_per_pemilih = minutes;
            return Ok(Robust {
                planned,
                planning_minutes: planning,
                minutes,
                first: first.unwrap_or((p, 0)),
                chance: p,
                asked_tps: None,
            });
        }
        if best.as_ref().is_none_or(|(b, ..)| p > *b) {
            best = Some((p, planning, planned));
        }
    }
    let Some((p, planning, planned)) = best else {
        return Err(Error::Other("no plan".into()));
    };
    // More slack alone does not hold: one or two TPS more than the rules need, to ask
    // KPU for (not when KPU already fixed the count).
    if real.info.tps_count.is_none() {
        let n = planned.plan.tps.len() as u32;
        for extra in 1..=2 {
            let mut more = with_minutes(&real, planning);
            more.info.tps_count = Some(n + extra);
            let Ok(mut candidate) = plan_one(more, reference, opts, lang) else {
                break;
            };
            let q = chance(&real, &candidate)?;
            if q >= target {
                candidate.facility.rules.tps.menit_per_pemilih = minutes;
                return Ok(Robust {
                    planned: candidate,
                    planning_minutes: planning,
                    minutes,
                    first: first.unwrap_or((p, 0)),
                    chance: q,
                    asked_tps: Some(n + extra),
                });
            }
        }
    }
    let why = what_would_help(
        &real,
        reference,
        opts,
        target,
        (p, planning, &planned),
        lang,
        plan_one,
    );
    Err(match lang {
        Lang::Id => Error::Infeasible(why.id),
        Lang::En => Error::InfeasibleEn(why.en),
    })
}

/// Minutes with two decimals, a decimal comma in Indonesian.
fn minutes_text(m: f64, lang: Lang) -> String {
    let s = format!("{m:.2}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

fn pct(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}", x * 100.0);
    match lang {
        Lang::Id => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s} %"),
    }
}

/// The refusal: the best chance reached, then each remedy with the chance it gives.
fn what_would_help(
    real: &Facility,
    reference: &Reference,
    opts: &PlanOptions,
    target: f64,
    (p, planning, best): (f64, f64, &Planned),
    lang: Lang,
    plan_one: PlanFn<'_>,
) -> Text {
    let n = best.plan.tps.len() as u32;
    let mut lines: Vec<Text> = vec![Text::new(
        format!(
            "--andal {target}: peluang semua TPS selesai tepat waktu paling tinggi {} (dengan {n} TPS, direncanakan {} menit per pemilih); yang akan membantu:",
            pct(p, Lang::Id),
            minutes_text(planning, Lang::Id)
        ),
        format!(
            "--andal {target}: the best chance that every TPS is done on time is {} (with {n} TPS, planned at {planning:.2} minutes per voter); what would help:",
            pct(p, Lang::En)
        ),
    )];
    let measured = |f: Facility| -> Option<f64> {
        plan_one(f, reference, opts, lang)
            .ok()
            .and_then(|pl| chance(real, &pl).ok())
    };
    // One more TPS.
    let mut more = with_minutes(real, planning);
    more.info.tps_count = Some(n + 1);
    if let Some(q) = measured(more) {
        lines.push(text!(
            "  satu TPS lagi ({} TPS): {}",
            "  one more TPS ({} TPS): {}",
            n + 1,
            pct(q, lang)
        ));
    }
    // One more booth at every TPS (the sites' own booth counts and the ruleset's).
    let mut booths = with_minutes(real, planning);
    booths.rules.tps.bilik += 1;
    for node in booths.nodes.iter_mut().filter(|n| n.booths > 0) {
        node.booths += 1;
    }
    let mut real_booths = real.clone();
    real_booths.rules.tps.bilik += 1;
    if let Some(q) = plan_one(booths, reference, opts, lang)
        .ok()
        .and_then(|pl| chance(&real_booths, &pl).ok())
    {
        lines.push(text!(
            "  satu bilik lagi di setiap TPS: {}",
            "  one more booth at every TPS: {}",
            pct(q, lang)
        ));
    }
    // Fewer minutes per voter (voter education, ballots unfolded beforehand): the
    // largest of the real minutes less 5 %, 10 %, ... at which the best plan holds.
    let minutes = real.rules.tps.menit_per_pemilih;
    let fewer = (1..=10)
        .map(|k| minutes * (1.0 - 0.05 * k as f64))
        .find(|&m| chance(&with_minutes(real, m), best).is_ok_and(|q| q >= target));
    lines.push(match fewer {
        Some(m) => Text::new(
            format!(
                "  pemilih lebih cepat: rencana terbaik bertahan pada {} menit per pemilih (kini {})",
                minutes_text(m, Lang::Id),
                minutes_text(minutes, Lang::Id)
            ),
            format!(
                "  faster voters: the best plan holds at {m:.2} minutes per voter (now {minutes:.2})"
            ),
        ),
        None => Text::new(
            format!(
                "  pemilih lebih cepat: rencana terbaik tetap tidak bertahan sampai {} menit per pemilih",
                minutes_text(minutes * 0.5, Lang::Id)
            ),
            format!(
                "  faster voters: the best plan does not hold even at {:.2} minutes per voter",
                minutes * 0.5
            ),
        ),
    });
    let join = |l: Lang| {
        lines
            .iter()
            .map(|t| t.get(l).to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    Text::new(join(Lang::Id), join(Lang::En))
}

/// `--andal P`: a chance above 0 and below 1, for one facility.
pub fn check_target(target: f64, single: bool, lang: Lang) -> Result<()> {
    if !(target.is_finite() && target > 0.0 && target < 1.0) {
        return Err(Error::Usage(
            text!(
                "--andal {target}: tulis peluang selesai tepat waktu di atas 0 dan di bawah 1 (mis. 0.95)",
                "--andal {target}: write a chance of finishing on time above 0 and below 1 (e.g. 0.95)"
            )
            .get(lang)
            .to_string(),
        ));
    }
    if !single {
        return Err(Error::Usage(
            text!(
                "--andal berlaku untuk satu UPT: jalankan per folder fasilitas",
                "--andal applies to one UPT: run it per facility folder"
            )
            .get(lang)
            .to_string(),
        ));
    }
    Ok(())
}

/// The lines `plan --andal` prints after the plan's summary.
pub fn summary(r: &Robust, target: f64, lang: Lang) -> String {
    let (p0, n0) = r.first;
    let n = r.planned.plan.tps.len();
    let extra = 100.0 * (r.planning_minutes / r.minutes - 1.0);
    let ask = r.asked_tps.map_or_else(String::new, |k| crate::lang::text!(
            "  andal: cadangan waktu saja tidak cukup; rencana ini memakai {k} TPS, lebih dari kebutuhan aturan: mintalah KPU menetapkan {k} TPS\n",
            "  robust: slack alone is not enough; this plan uses {k} TPS, more than the rules need: ask KPU to fix {k} TPS\n"
        ).get(lang).to_string());
    let line = crate::lang::text!(
        "  andal {target}: direncanakan {} menit per pemilih (sebenarnya {}, cadangan {extra:.0} %), {n} TPS; peluang semua TPS selesai tepat waktu {} (tanpa cadangan: {}, {n0} TPS; {RUNS} hari, benih {SEED})\n",
        "  robust {target}: planned at {} minutes per voter (really {}, {extra:.0} % slack), {n} TPS; chance that every TPS is done on time {} (without slack: {}, {n0} TPS; {RUNS} days, seed {SEED})\n",
        minutes_text(r.planning_minutes, lang),
        minutes_text(r.minutes, lang),
        pct(r.chance, lang),
        pct(p0, lang)
    )
    .get(lang).to_string();
    format!("{line}{ask}")
}
