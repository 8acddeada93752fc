//! Dates in records: ISO 8601 dates and date-times, reduced to the calendar day `YYYY-MM-DD`.
//!
//! The day is the one written: `2015-07-21T23:30:00-05:00` is `2015-07-21`, not shifted to UTC,
//! because a news article's date is the day its own edition printed.

/// Parses an ISO 8601 date (`2015-07-21`, `20150721`) or date-time (`2015-07-21T08:30`,
/// `2015-07-21 08:30:00.123+03:00`, `2015-07-21T08:30:00Z`, …) and returns the day as
/// `YYYY-MM-DD`. Surrounding spaces are ignored. The error says what is wrong, without the
/// value.
pub fn normalize(value: &str) -> Result<String, String> {
    let s = value.trim();
    let (day, rest) = split_day(s)?;
    if !rest.is_empty() {
        let time = rest
            .strip_prefix(['T', 't', ' '])
            .ok_or("expected T and a time after the date")?;
        check_time(time)?;
    }
    Ok(day)
}

/// Parses a day written exactly `YYYY-MM-DD` (the form of `--from` and `--to`).
pub fn parse_day(value: &str) -> Result<String, String> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(format!("{value:?} is not a date of the form YYYY-MM-DD"));
    }
    split_day(value)
        .map(|(day, _)| day)
        .map_err(|e| format!("{value:?}: {e}"))
}

/// The day at the start of `s` (extended `YYYY-MM-DD` or basic `YYYYMMDD`) and what follows.
fn split_day(s: &str) -> Result<(String, &str), String> {
    let b = s.as_bytes();
    let (year, month, day, used) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?, 10)
    } else if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        (digits(&b[0..4])?, digits(&b[4..6])?, digits(&b[6..8])?, 8)
    } else if b.len() == 7 && b[4] == b'-' {
        return Err("a month without a day".into());
    } else {
        return Err("expected an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)".into());
    };
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(format!(
            "day {day:02} does not exist in {year:04}-{month:02}"
        ));
    }
    Ok((format!("{year:04}-{month:02}-{day:02}"), &s[used..]))
}

/// Checks `HH:MM[:SS[.fraction]]` (or basic `HHMM[SS]`) and an optional zone (`Z`, `±HH`,
/// `±HH:MM`, `±HHMM`).
fn check_time(time: &str) -> Result<(), String> {
    let bad = || "expected a time HH:MM[:SS] after the date".to_string();
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let (clock, fraction) = match clock.find(['.', ',']) {
        Some(i) => (&clock[..i], &clock[i + 1..]),
        None => (clock, "0"),
    };
    if fraction.is_empty() || !fraction.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let parts: Vec<&str> = if clock.contains(':') {
        clock.split(':').collect()
    } else {
        let b = clock.as_bytes();
        (0..b.len())
            .step_by(2)
            .map(|i| &clock[i..(i + 2).min(b.len())])
            .collect()
    };
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return Err(bad());
    }
    let limits = [24, 59, 60];
    for (p, limit) in parts.iter().zip(limits) {
        if digits(p.as_bytes()).map_err(|_| bad())? > limit {
            return Err(bad());
        }
    }
    check_zone(zone)
}

fn check_zone(zone: &str) -> Result<(), String> {
    if zone.is_empty() || zone.eq_ignore_ascii_case("z") {
        return Ok(());
    }
    let bad = || format!("{zone:?} is not a time zone offset (Z, +HH:MM)");
    let digits_only: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if !matches!(digits_only.len(), 2 | 4) {
        return Err(bad());
    }
    let hours = digits(&digits_only.as_bytes()[..2]).map_err(|_| bad())?;
    let minutes = match digits_only.len() {
        4 => digits(&digits_only.as_bytes()[2..]).map_err(|_| bad())?,
        _ => 0,
    };
    if hours > 23 || minutes > 59 {
        return Err(bad());
    }
    Ok(())
}

fn digits(b: &[u8]) -> Result<u32, String> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return Err("expected an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)".into());
    }
    Ok(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_date_times_become_days() {
        for (input, day) in [
            ("2015-07-21", "2015-07-21"),
            (" 2015-07-21 ", "2015-07-21"),
            ("20150721", "2015-07-21"),
            ("2015-07-21T08:30", "2015-07-21"),
            ("2015-07-21T08:30:15", "2015-07-21"),
            ("2015-07-21 08:30:15.123456", "2015-07-21"),
            ("2015-07-21T23:30:00-05:00", "2015-07-21"),
            ("2015-07-21T08:30:00Z", "2015-07-21"),
            ("2015-07-21T083000+0300", "2015-07-21"),
            ("2016-02-29", "2016-02-29"),
            ("2000-02-29T00:00:00+03", "2000-02-29"),
        ] {
            assert_eq!(normalize(input).as_deref(), Ok(day), "{input}");
        }
    }

    #[test]
    fn impossible_or_foreign_dates_are_errors() {
        for input in [
            "",
            "21/07/2015",
            "2015-07",
            "2015-13-01",
            "2015-02-29",
            "1900-02-29",
            "2015-04-31",
            "2015-07-21T25:00",
            "2015-07-21T08",
            "2015-07-21T08:30+5",
            "2015-07-21X",
            "July 21, 2015",
        ] {
            assert!(normalize(input).is_err(), "{input}");
        }
    }

    #[test]
    fn from_and_to_take_only_full_days() {
        assert_eq!(parse_day("2015-01-31").as_deref(), Ok("2015-01-31"));
        assert!(parse_day("20150131").is_err());
        assert!(parse_day("2015-01-32").is_err());
        assert!(parse_day("2015-01-31T00:00").is_err());
    }
}
