//! Numbers, money, shares, dates and clock times as users read them, in one place for
//! the report, the charts and the simulation outputs: Indonesian groups thousands with
//! `.` and writes decimals with `,`; English the other way round. At the bottom of the
//! layers beside [`crate::lang`].

use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;

/// A whole number with thousands grouped: `12.345` in Indonesian, `12,345` in English.
pub fn count(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in rupiah: `Rp1.250.000`, `IDR 1,250,000`.
pub fn rupiah(n: u64, lang: Lang) -> String {
    let n = count(n as i64, lang);
    crate::lang::text!("Rp{n}", "IDR {n}").get(lang).to_string()
}

/// A share (0.125) as a percentage with one decimal: `12,5 %`, `12.5 %`.
pub fn percent(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}", x * 100.0);
    match lang {
        Lang::Id => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s} %"),
    }
}

/// A date written out: `14 Februari 2024`, `14 February 2024`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
}

/// Whole minutes since midnight as `HH:MM`.
pub fn hhmm(minutes: i32) -> String {
    format!(
        "{:02}:{:02}",
        minutes.div_euclid(60),
        minutes.rem_euclid(60)
    )
}

/// Fractional minutes since midnight (a simulated time) as `HH:MM`, rounded up to the
/// minute: a voter done at 12:44.2 is done "by 12:45".
pub fn hhmm_up(minutes: f64) -> String {
    let m = (minutes - 1e-9).ceil().max(0.0) as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(count(1_234_567, Lang::Id), "1.234.567");
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(-1000, Lang::Id), "-1.000");
        assert_eq!(count(999, Lang::Id), "999");
        assert_eq!(rupiah(1_250_000, Lang::Id), "Rp1.250.000");
        assert_eq!(rupiah(1_250_000, Lang::En), "IDR 1,250,000");
        assert_eq!(percent(0.125, Lang::Id), "12,5 %");
        assert_eq!(percent(0.125, Lang::En), "12.5 %");
    }

    #[test]
    fn dates_and_times() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 14).unwrap();
        assert_eq!(long_date(d, Lang::Id), "14 Februari 2024");
        assert_eq!(long_date(d, Lang::En), "14 February 2024");
        assert_eq!(hhmm(7 * 60 + 5), "07:05");
        assert_eq!(hhmm_up(780.0), "13:00");
        assert_eq!(hhmm_up(780.2), "13:01");
        assert_eq!(hhmm_up(765.0), "12:45");
    }
}
