//! Service times: the minutes one voter spends at the booth, drawn from the
//! distribution the ruleset's `[simulasi]` table names, with its mean fixed to
//! `[tps] menit_per_pemilih` (so a scenario that changes the minutes per voter changes
//! the simulation too). Pure numerics: no plan, no file.
//!
//! `lognormal_geser` (the default) is `menit_minimal + Y`, `Y` lognormal, truncated
//! to `[menit_minimal, menit_maksimal]`. Its shape `sigma` is fitted so that
//! `menit_maksimal` is the `kuantil_maksimal` quantile of the untruncated
//! distribution (the reported 2-10 minute range read as nearly all voters), then its
//! location `mu` is solved (bisection on the closed-form truncated mean) so the
//! truncated mean is exactly `menit_per_pemilih`. Draws are by inverting the CDF, one
//! uniform number each.

use crate::rules::{ServiceDistribution, SimulationRules};

/// A service-time distribution ready to draw from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Service {
    /// Always the same minutes.
    Fixed(f64),
    /// Exponential with this mean.
    Exponential(f64),
    /// `shift + exp(mu + sigma Z)` truncated to `[shift, shift + span]`.
    ShiftedLognormal {
        /// Minimum minutes.
        shift: f64,
        /// `max - min`.
        span: f64,
        /// Location of `ln Y`.
        mu: f64,
        /// Scale of `ln Y`.
        sigma: f64,
        /// `P(Y <= span)` before truncation.
        mass: f64,
    },
}

/// Why no distribution fits the ruleset.
#[derive(Debug, Clone, PartialEq)]
pub struct NoFit {
    /// The mean asked for.
    pub mean: f64,
    /// The range it must lie strictly inside.
    pub range: (f64, f64),
}

impl Service {
    /// The distribution of the ruleset with mean `mean` minutes.
    pub fn from_rules(rules: &SimulationRules, mean: f64) -> Result<Service, NoFit> {
        match rules.distribusi {
            ServiceDistribution::Tetap => Ok(Service::Fixed(mean)),
            ServiceDistribution::Eksponensial => Ok(Service::Exponential(mean)),
            ServiceDistribution::LognormalGeser => Service::shifted_lognormal(
                rules.menit_minimal,
                rules.menit_maksimal,
                rules.kuantil_maksimal,
                mean,
            ),
        }
    }

    /// The truncated shifted lognormal on `[min, max]` with the given mean, `max` the
    /// `q` quantile of the untruncated distribution (as near as a lognormal can).
    pub fn shifted_lognormal(min: f64, max: f64, q: f64, mean: f64) -> Result<Service, NoFit> {
        if !(min < mean && mean < max) {
            return Err(NoFit {
                mean,
                range: (min, max),
            });
        }
        let span = max - min;
        let excess = mean - min;
        // ln(span / excess) = z sigma - sigma^2 / 2 (quantile at span, mean excess):
        // the smaller root; past the top of the parabola (a mean very near the
        // minimum) the widest shape, sigma = z.
        let z = inverse_normal_cdf(q);
        let l = (span / excess).ln();
        let disc = z * z - 2.0 * l;
        let sigma = if disc > 0.0 { z - disc.sqrt() } else { z }.max(1e-3);
        // The truncated mean rises with mu: bisect.
        let truncated_mean = |mu: f64| {
            let a = (span.ln() - mu) / sigma;
            let p = normal_cdf(a);
            (mu + sigma * sigma / 2.0).exp() * normal_cdf(a - sigma) / p
        };
        let (mut lo, mut hi) = (excess.ln() - 20.0, span.ln() + 20.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if truncated_mean(mid) < excess {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let mu = 0.5 * (lo + hi);
        Ok(Service::ShiftedLognormal {
            shift: min,
            span,
            mu,
            sigma,
            mass: normal_cdf((span.ln() - mu) / sigma),
        })
    }

    /// One draw from a uniform number `u` in `[0, 1)`.
    pub fn draw(&self, u: f64) -> f64 {
        match *self {
            Service::Fixed(m) => m,
            Service::Exponential(m) => -m * (1.0 - u).ln(),
            Service::ShiftedLognormal {
                shift,
                span,
                mu,
                sigma,
                mass,
            } => {
                let p = (u * mass).clamp(1e-300, mass);
                shift + (mu + sigma * inverse_normal_cdf(p)).exp().min(span)
            }
        }
    }

    /// The mean (exact for every kind).
    pub fn mean(&self) -> f64 {
        match *self {
            Service::Fixed(m) | Service::Exponential(m) => m,
            Service::ShiftedLognormal {
                shift,
                span,
                mu,
                sigma,
                mass,
            } => {
                let a = (span.ln() - mu) / sigma;
                shift + (mu + sigma * sigma / 2.0).exp() * normal_cdf(a - sigma) / mass
            }
        }
    }
}

/// The standard normal CDF (complementary error function, W. J. Cody's rational
/// approximations as in Numerical Recipes `erfcc`, fractional error below 1.2e-7).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The standard normal quantile (P. J. Acklam's rational approximation, relative
/// error below 1.15e-9), for `p` in `(0, 1)`.
pub fn inverse_normal_cdf(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let low = 0.024_25;
    if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_functions_agree_with_tables_and_each_other() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.96) - 0.975_002).abs() < 1e-6);
        assert!((inverse_normal_cdf(0.99) - 2.326_348).abs() < 1e-6);
        for p in [0.001, 0.02, 0.3, 0.5, 0.8, 0.99, 0.9999] {
            assert!((normal_cdf(inverse_normal_cdf(p)) - p).abs() < 2e-7, "{p}");
        }
    }

    #[test]
    fn the_fitted_lognormal_has_the_asked_mean_and_stays_in_range() {
        for mean in [2.6, 3.0, 5.0, 7.0, 9.5] {
            let s = Service::shifted_lognormal(2.0, 10.0, 0.99, mean).unwrap();
            assert!((s.mean() - mean).abs() < 1e-6, "{mean}: {}", s.mean());
            // The sample mean over an even grid of u is the mean (midpoint rule).
            let n = 200_000;
            let draws: Vec<f64> = (0..n)
                .map(|i| s.draw((i as f64 + 0.5) / n as f64))
                .collect();
            let avg = draws.iter().sum::<f64>() / n as f64;
            assert!((avg - mean).abs() < 2e-3, "{mean}: {avg}");
            assert!(draws.iter().all(|&d| (2.0..=10.0).contains(&d)));
        }
        // Pemilu 2024: mean 5, 99 % below 10 before truncation: sigma 0.47.
        let Service::ShiftedLognormal { sigma, .. } =
            Service::shifted_lognormal(2.0, 10.0, 0.99, 5.0).unwrap()
        else {
            unreachable!()
        };
        assert!((sigma - 0.469).abs() < 0.002, "{sigma}");
        assert!(Service::shifted_lognormal(2.0, 10.0, 0.99, 10.0).is_err());
        assert!(Service::shifted_lognormal(2.0, 10.0, 0.99, 2.0).is_err());
    }

    #[test]
    fn exponential_and_fixed_draws_have_their_means() {
        let e = Service::Exponential(5.0);
        let n = 100_000;
        let avg = (0..n)
            .map(|i| e.draw((i as f64 + 0.5) / n as f64))
            .sum::<f64>()
            / n as f64;
        assert!((avg - 5.0).abs() < 0.01, "{avg}");
        assert_eq!(Service::Fixed(4.0).draw(0.7), 4.0);
    }
}
