//! Kemendagri region codes: `12` (province), `12.07` (kab/kota), `12.07.19` (kecamatan),
//! `12.07.19.2001` (desa/kelurahan).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A validated Kemendagri region code of 1 to 4 levels: two digits each for province,
/// kab/kota and kecamatan, four for the desa/kelurahan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

/// Why a region code string is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "kode wilayah '{0}' tidak sah: harus berbentuk 12, 12.07, 12.07.19 (dua angka per tingkat) atau 12.07.19.2001 (desa/kelurahan: empat angka)"
)]
pub struct BadRegionCode(pub String);

/// The level of a region code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionLevel {
    /// `12`
    Province,
    /// `12.07`
    KabKota,
    /// `12.07.19`
    Kecamatan,
    /// `12.07.19.2001`
    Desa,
}

impl RegionCode {
    /// The province part (`12`).
    pub fn province(&self) -> &str {
        &self.0[..2]
    }

    /// The kab/kota part (`12.07`), if the code is that deep.
    pub fn kabkota(&self) -> Option<&str> {
        (self.0.len() >= 5).then(|| &self.0[..5])
    }

    /// The kecamatan part (`12.07.19`), if the code is that deep.
    pub fn kecamatan(&self) -> Option<&str> {
        (self.0.len() >= 8).then(|| &self.0[..8])
    }

    /// The full desa/kelurahan code (`12.07.19.2001`), if the code is that deep.
    pub fn desa(&self) -> Option<&str> {
        (self.0.len() > 8).then_some(self.0.as_str())
    }

    /// How deep the code goes.
    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            2 => RegionLevel::Province,
            5 => RegionLevel::KabKota,
            8 => RegionLevel::Kecamatan,
            _ => RegionLevel::Desa,
        }
    }

    /// The code as written (`12.07.19`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code without dots down to the kecamatan (`120719`), as it appears in the
    /// first digits of a NIK.
    pub fn digits(&self) -> String {
        self.0[..self.0.len().min(8)].replace('.', "")
    }
}

impl FromStr for RegionCode {
    type Err = BadRegionCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('.').collect();
        let ok = (1..=4).contains(&parts.len())
            && parts.iter().enumerate().all(|(i, p)| {
                p.len() == if i == 3 { 4 } else { 2 } && p.bytes().all(|b| b.is_ascii_digit())
            });
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err(BadRegionCode(s.to_string()))
        }
    }
}

impl TryFrom<String> for RegionCode {
    type Error = BadRegionCode;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_levels_and_splits_them() {
        let c: RegionCode = "12.07.19".parse().unwrap();
        assert_eq!(c.province(), "12");
        assert_eq!(c.kabkota(), Some("12.07"));
        assert_eq!(c.kecamatan(), Some("12.07.19"));
        assert_eq!(c.digits(), "120719");
        assert_eq!(c.level(), RegionLevel::Kecamatan);
        let d: RegionCode = "12.07.19.2001".parse().unwrap();
        assert_eq!(d.kecamatan(), Some("12.07.19"));
        assert_eq!(d.desa(), Some("12.07.19.2001"));
        assert_eq!(d.level(), RegionLevel::Desa);
        assert_eq!(c.desa(), None);
        assert!("12.07.19.20".parse::<RegionCode>().is_err());
        assert!("12.07.19.2001.01".parse::<RegionCode>().is_err());
        let p: RegionCode = "53".parse().unwrap();
        assert_eq!(p.kabkota(), None);
        assert_eq!(p.level(), RegionLevel::Province);
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in [
            "",
            "1",
            "12.7",
            "12.07.191",
            "12-07",
            "ab",
            "12.07.19.01",
            "12..07",
        ] {
            assert!(bad.parse::<RegionCode>().is_err(), "{bad} accepted");
        }
    }
}
