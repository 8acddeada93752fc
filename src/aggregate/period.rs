//! Calendar periods for `--by day|week|month|year`: which period a date falls in, and the
//! period's first day and the first day after it.
//!
//! Dates are counted as days since 1970-01-01 (proleptic Gregorian calendar), with the
//! civil-from-days conversions of Howard Hinnant's `chrono`-compatible date algorithms, so
//! periods are plain integers that sort and merge deterministically.

use std::fmt;
use std::str::FromStr;

/// The length of the periods that `--by` splits counts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// One calendar day.
    Day,
    /// One ISO week, Monday to Sunday.
    Week,
    /// One calendar month.
    Month,
    /// One calendar year.
    Year,
}

impl Period {
    /// Every period length, shortest first.
    pub const ALL: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::Year];

    /// The name used on the command line (`day`, `week`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The first day (days since 1970-01-01) of the period that contains `day`.
    pub fn start_of(self, day: i32) -> i32 {
        match self {
            Period::Day => day,
            // 1970-01-01 was a Thursday: Monday is 3 days before it.
            Period::Week => day - (day + 3).rem_euclid(7),
            Period::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
            Period::Year => days_from_civil(civil_from_days(day).0, 1, 1),
        }
    }

    /// The first day after the period that starts on `start` (the exclusive end).
    pub fn end_after(self, start: i32) -> i32 {
        match self {
            Period::Day => start + 1,
            Period::Week => start + 7,
            Period::Month => {
                let (y, m, _) = civil_from_days(start);
                if m == 12 {
                    days_from_civil(y + 1, 1, 1)
                } else {
                    days_from_civil(y, m + 1, 1)
                }
            }
            Period::Year => days_from_civil(civil_from_days(start).0 + 1, 1, 1),
        }
    }

    /// A short label for the period that starts on `start`: `2019-03-05`, `2019-W10`,
    /// `2019-03`, `2019`.
    pub fn label(self, start: i32) -> String {
        let (y, m, d) = civil_from_days(start);
        match self {
            Period::Day => format!("{y:04}-{m:02}-{d:02}"),
            Period::Week => {
                // The ISO year and week are those of the week's Thursday.
                let thursday = start + 3;
                let (ty, _, _) = civil_from_days(thursday);
                let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
                format!("{ty:04}-W{week:02}")
            }
            Period::Month => format!("{y:04}-{m:02}"),
            Period::Year => format!("{y:04}"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("unknown period {s:?} (expected day, week, month or year)"))
    }
}

/// Days since 1970-01-01 of an ISO 8601 date: `YYYY-MM-DD`, optionally followed by a time
/// (`T...` or a space); `None` if it is not a valid date.
pub fn parse_date(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 10
        || b[4] != b'-'
        || b[7] != b'-'
        || (b.len() > 10 && !matches!(b[10], b'T' | b't' | b' '))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m as u32, d as u32))
}

/// The ISO date (`YYYY-MM-DD`) of a day counted since 1970-01-01.
pub fn format_date(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day counted since 1970-01-01.
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        parse_date(s).unwrap()
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(d("1970-01-01"), 0);
        for s in [
            "1999-12-31",
            "2000-02-29",
            "2019-03-05",
            "2024-12-30",
            "1969-07-20",
        ] {
            assert_eq!(format_date(d(s)), s);
        }
        assert_eq!(d("2019-03-05T10:00:00Z"), d("2019-03-05"));
        for bad in [
            "2019-02-29",
            "2019-13-01",
            "2019-3-05",
            "yesterday",
            "2019-03-05x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday_and_take_the_iso_year() {
        // 2019-03-07 is a Thursday; its week starts on Monday 2019-03-04.
        let w = Period::Week.start_of(d("2019-03-07"));
        assert_eq!(format_date(w), "2019-03-04");
        assert_eq!(format_date(Period::Week.end_after(w)), "2019-03-11");
        assert_eq!(Period::Week.start_of(d("2019-03-04")), w);
        assert_eq!(Period::Week.start_of(d("2019-03-10")), w);
        // 2024-12-30 (Monday) is in ISO week 1 of 2025; 2021-01-03 (Sunday) in 2020-W53.
        assert_eq!(
            Period::Week.label(Period::Week.start_of(d("2024-12-31"))),
            "2025-W01"
        );
        assert_eq!(
            Period::Week.label(Period::Week.start_of(d("2021-01-03"))),
            "2020-W53"
        );
    }

    #[test]
    fn months_and_years() {
        let m = Period::Month.start_of(d("2020-02-29"));
        assert_eq!(format_date(m), "2020-02-01");
        assert_eq!(format_date(Period::Month.end_after(m)), "2020-03-01");
        let dec = Period::Month.start_of(d("2019-12-31"));
        assert_eq!(format_date(Period::Month.end_after(dec)), "2020-01-01");
        assert_eq!(Period::Month.label(dec), "2019-12");
        let y = Period::Year.start_of(d("2019-07-01"));
        assert_eq!(
            (format_date(y), Period::Year.label(y)),
            ("2019-01-01".into(), "2019".into())
        );
        assert_eq!(format_date(Period::Year.end_after(y)), "2020-01-01");
        assert_eq!(
            format_date(Period::Day.end_after(d("2019-07-01"))),
            "2019-07-02"
        );
    }
}
