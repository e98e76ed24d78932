//! From simulated days to what a planner reads: each day summarised per TPS (when the
//! last voter was done, voters turned away, the longest queue and wait, booth minutes
//! used, escorts out at once, the queue every few minutes), then the days together:
//! the chance of finishing by closing time, finish-time quantiles, worst queue and
//! wait, booth idle share, escorts at peak. Summaries of days are combined in run
//! order with integer sums where order could matter, so the results do not depend on
//! how many threads ran the days.

use serde::Serialize;

use super::engine::Trace;
use super::model::Model;

/// Minutes between two points of the queue-over-the-day series.
pub const QUEUE_STEP: f64 = 5.0;
/// The series runs from opening to this many minutes after closing.
pub const QUEUE_AFTER_CLOSE: f64 = 60.0;

/// One day at one TPS.
#[derive(Debug, Clone, PartialEq)]
pub struct TpsDay {
    /// The last voter done (booth or visit); opening when it has no voters.
    pub finish: f64,
    /// Voters turned away (arrived after their window closed).
    pub turned_away: u32,
    /// Most voters waiting at once (at the door or in the queue, not in a booth).
    pub longest_queue: u32,
    /// Longest wait from arrival to a booth, minutes.
    pub longest_wait: f64,
    /// Booth minutes used.
    pub busy: f64,
    /// Most escorts out at once for this TPS's waves.
    pub escort_peak: u32,
    /// Voters waiting at each point of the series.
    pub queue: Vec<u16>,
}

/// One simulated day.
#[derive(Debug, Clone, PartialEq)]
pub struct DaySummary {
    /// Per TPS, in plan order.
    pub tps: Vec<TpsDay>,
    /// Most escorts out at once over the facility.
    pub escort_peak: u32,
}

/// Summarises one simulated day of `model`.
pub fn summarise(model: &Model, trace: &Trace) -> DaySummary {
    let n = model.day.stations.len();
    let points = series_len(model);
    let mut tps: Vec<TpsDay> = (0..n)
        .map(|_| TpsDay {
            finish: model.open,
            turned_away: 0,
            longest_queue: 0,
            longest_wait: 0.0,
            busy: 0.0,
            escort_peak: 0,
            queue: vec![0; points],
        })
        .collect();
    // Queue changes per station: +1 on arrival, -1 at the booth.
    let mut changes: Vec<Vec<(f64, i32)>> = vec![Vec::new(); n];
    for v in &trace.voters {
        let batch = &model.day.batches[v.batch];
        let t = &mut tps[batch.station];
        if !v.served() {
            continue;
        }
        t.finish = t.finish.max(v.end);
        if batch.mobile {
            continue;
        }
        t.longest_wait = t.longest_wait.max(v.start - v.arrive);
        t.busy += v.end - v.start;
        if v.start > v.arrive {
            changes[batch.station].push((v.arrive, 1));
            changes[batch.station].push((v.start, -1));
        }
    }
    for (b, bt) in trace.batches.iter().enumerate() {
        tps[model.day.batches[b].station].turned_away += bt.turned_away;
    }
    for (s, mut ch) in changes.into_iter().enumerate() {
        // Leaving before arriving at the same minute: a queue is who is still there.
        ch.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let t = &mut tps[s];
        let mut level: i32 = 0;
        let mut k = 0;
        for (i, q) in t.queue.iter_mut().enumerate() {
            let at = model.open + i as f64 * QUEUE_STEP;
            while k < ch.len() && ch[k].0 <= at {
                level += ch[k].1;
                t.longest_queue = t.longest_queue.max(level as u32);
                k += 1;
            }
            *q = level.clamp(0, u16::MAX as i32) as u16;
        }
        for &(_, d) in &ch[k..] {
            level += d;
            t.longest_queue = t.longest_queue.max(level as u32);
        }
    }
    // Escorts out: from departure to return.
    let mut out: Vec<(f64, i64, usize)> = Vec::new();
    for (b, bt) in trace.batches.iter().enumerate() {
        let e = model.escorts[b] as i64;
        if e > 0 && bt.back > bt.depart {
            let s = model.day.batches[b].station;
            out.push((bt.depart, e, s));
            out.push((bt.back, -e, s));
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut all: i64 = 0;
    let mut per = vec![0i64; n];
    let mut escort_peak = 0;
    for (_, d, s) in out {
        all += d;
        per[s] += d;
        escort_peak = escort_peak.max(all as u32);
        tps[s].escort_peak = tps[s].escort_peak.max(per[s] as u32);
    }
    DaySummary { tps, escort_peak }
}

fn series_len(model: &Model) -> usize {
    ((model.close + QUEUE_AFTER_CLOSE - model.open) / QUEUE_STEP).floor() as usize + 1
}

/// Results over all days, for one TPS or the whole facility.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// TPS number (`None`: every TPS together).
    pub nomor_tps: Option<u32>,
    /// Share of days on which every voter was done by closing time (and nobody was
    /// turned away).
    pub peluang_selesai_tepat_waktu: f64,
    /// Finish time quantiles, minutes since midnight.
    pub selesai_p50_menit: f64,
    /// 90 %.
    pub selesai_p90_menit: f64,
    /// 99 %.
    pub selesai_p99_menit: f64,
    /// The same as `HH:MM` (rounded up to the minute).
    pub selesai_p50: String,
    /// 90 %.
    pub selesai_p90: String,
    /// 99 %.
    pub selesai_p99: String,
    /// The longest queue of any day.
    pub antrean_terpanjang: u32,
    /// The longest wait of any day, minutes.
    pub tunggu_terlama_menit: f64,
    /// Booth time unused between opening and the later of closing and the last voter,
    /// averaged over days, percent.
    pub bilik_menganggur_persen: f64,
    /// Escorts out at once: the median day's peak.
    pub pengawal_puncak_p50: u32,
    /// Escorts out at once: the highest of any day.
    pub pengawal_puncak_maks: u32,
    /// Voters turned away, averaged over days.
    pub pemilih_ditolak_rata2: f64,
}

/// Every TPS's figures and the facility's, plus the mean queue over the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    /// The whole facility.
    pub semua: Figures,
    /// Per TPS, in plan order.
    pub tps: Vec<Figures>,
    /// Mean voters waiting per TPS at each point (opening + i x step).
    pub antrean_rata2: Vec<Vec<f64>>,
    /// Finish time of the facility (last TPS), every day in run order, minutes.
    #[serde(skip)]
    pub finishes: Vec<f64>,
}

/// Rounds to `d` decimals (the files show sensible precision, the same on every machine).
pub fn round(x: f64, d: i32) -> f64 {
    let f = 10f64.powi(d);
    (x * f).round() / f
}

pub use crate::format::hhmm_up as hhmm;

/// The `q` quantile by nearest rank of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

struct Column {
    finish: Vec<f64>,
    on_time: u64,
    queue: u32,
    wait: f64,
    idle_sum: f64,
    peaks: Vec<u32>,
    turned: u64,
}

impl Column {
    fn new(days: usize) -> Self {
        Self {
            finish: Vec::with_capacity(days),
            on_time: 0,
            queue: 0,
            wait: 0.0,
            idle_sum: 0.0,
            peaks: Vec::with_capacity(days),
            turned: 0,
        }
    }

    fn figures(mut self, tps: Option<u32>, days: usize) -> Figures {
        let n = days.max(1) as f64;
        self.finish.sort_by(f64::total_cmp);
        self.peaks.sort_unstable();
        let (p50, p90, p99) = (
            quantile(&self.finish, 0.5),
            quantile(&self.finish, 0.9),
            quantile(&self.finish, 0.99),
        );
        Figures {
            nomor_tps: tps,
            peluang_selesai_tepat_waktu: round(self.on_time as f64 / n, 4),
            selesai_p50_menit: round(p50, 1),
            selesai_p90_menit: round(p90, 1),
            selesai_p99_menit: round(p99, 1),
            selesai_p50: hhmm(p50),
            selesai_p90: hhmm(p90),
            selesai_p99: hhmm(p99),
            antrean_terpanjang: self.queue,
            tunggu_terlama_menit: round(self.wait, 1),
            bilik_menganggur_persen: round(100.0 * self.idle_sum / n, 1),
            pengawal_puncak_p50: self.peaks.get(self.peaks.len() / 2).copied().unwrap_or(0),
            pengawal_puncak_maks: self.peaks.last().copied().unwrap_or(0),
            pemilih_ditolak_rata2: round(self.turned as f64 / n, 2),
        }
    }
}

/// Combines the days (in run order) into the results.
pub fn aggregate(model: &Model, days: &[DaySummary]) -> Aggregate {
    let n = model.day.stations.len();
    let points = series_len(model);
    let mut cols: Vec<Column> = (0..n).map(|_| Column::new(days.len())).collect();
    let mut all = Column::new(days.len());
    let mut sums = vec![vec![0u64; points]; n];
    for d in days {
        let mut finish = model.open;
        let mut on_time = true;
        let (mut busy, mut capacity) = (0.0, 0.0);
        for (s, t) in d.tps.iter().enumerate() {
            let c = &mut cols[s];
            let ok = t.finish <= model.close + 1e-9 && t.turned_away == 0;
            c.finish.push(t.finish);
            c.on_time += ok as u64;
            c.queue = c.queue.max(t.longest_queue);
            c.wait = c.wait.max(t.longest_wait);
            let booths = model.day.stations[s].booths as f64;
            let span = (t.finish.max(model.close) - model.open) * booths;
            if span > 0.0 {
                c.idle_sum += 1.0 - t.busy / span;
            }
            busy += t.busy;
            capacity += span;
            c.peaks.push(t.escort_peak);
            c.turned += t.turned_away as u64;
            for (sum, q) in sums[s].iter_mut().zip(&t.queue) {
                *sum += *q as u64;
            }
            finish = f64::max(finish, t.finish);
            on_time &= ok;
            all.queue = all.queue.max(t.longest_queue);
            all.wait = all.wait.max(t.longest_wait);
            all.turned += t.turned_away as u64;
        }
        all.finish.push(finish);
        all.on_time += on_time as u64;
        if capacity > 0.0 {
            all.idle_sum += 1.0 - busy / capacity;
        }
        all.peaks.push(d.escort_peak);
    }
    let finishes = all.finish.clone();
    let runs = days.len().max(1) as f64;
    Aggregate {
        semua: all.figures(None, days.len()),
        tps: cols
            .into_iter()
            .zip(&model.tps)
            .map(|(c, &no)| c.figures(Some(no), days.len()))
            .collect(),
        antrean_rata2: sums
            .iter()
            .map(|s| s.iter().map(|&x| round(x as f64 / runs, 2)).collect())
            .collect(),
        finishes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_and_clock_text_are_as_documented() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&v, 0.5), 50.0);
        assert_eq!(quantile(&v, 0.9), 90.0);
        assert_eq!(quantile(&v, 0.99), 99.0);
        assert_eq!(hhmm(780.0), "13:00");
        assert_eq!(hhmm(780.2), "13:01");
        assert_eq!(hhmm(765.0), "12:45");
    }
}
