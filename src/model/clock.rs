//! Time of day on election day, in whole minutes since midnight (`HH:MM`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A time of day in minutes since 00:00. Written and read as `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Clock(pub u16);

/// Why a time string is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("jam '{0}' tidak sah: tulis HH:MM antara 00:00 dan 24:00")]
pub struct BadClock(pub String);

impl Clock {
    /// Builds a clock from hours and minutes.
    pub const fn hm(h: u16, m: u16) -> Self {
        Self(h * 60 + m)
    }

    /// Minutes since midnight.
    pub const fn minutes(self) -> u16 {
        self.0
    }

    /// This time plus `m` minutes.
    pub fn plus(self, m: u16) -> Self {
        Self(self.0 + m)
    }
}

impl FromStr for Clock {
    type Err = BadClock;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadClock(s.to_string());
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if m >= 60 || h > 24 || (h == 24 && m > 0) {
            return Err(bad());
        }
        Ok(Self::hm(h, m))
    }
}

impl TryFrom<String> for Clock {
    type Error = BadClock;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Clock> for String {
    fn from(c: Clock) -> String {
        c.to_string()
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_hh_mm() {
        for s in ["00:00", "07:00", "13:05", "24:00"] {
            assert_eq!(s.parse::<Clock>().unwrap().to_string(), s);
        }
        assert_eq!("7:30".parse::<Clock>().unwrap(), Clock::hm(7, 30));
    }

    #[test]
    fn rejects_bad_times() {
        for s in ["", "7", "07:60", "25:00", "24:01", "ab:cd", "07:5"] {
            assert!(s.parse::<Clock>().is_err(), "{s} accepted");
        }
    }
}
