//! Units as users write them on the command line: durations (`500ms`, `5s`, `2m`) and byte sizes
//! (`512kb`, `8mb`, `1gb`), and as the tool writes them back (`5s`, `1.5MiB`).

use std::time::Duration;

/// Parses `<number><unit>` with unit ms, s, m or h; a bare number means seconds.
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().map_err(|_| format!("'{text}' is not a duration (try 500ms, 5s or 2m)"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        _ => {
            return Err(format!("'{text}' has an unknown unit '{unit}' (use ms, s, m or h)"));
        }
    };
    if !(seconds > 0.0 && seconds < 1e7) {
        return Err(format!("'{text}' must be greater than zero"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Prints a duration the way `parse` reads it.
pub fn format(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) || ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else {
        format!("{}s", ms / 1000)
    }
}

/// Parses `<number>[b|kb|mb|gb]` (binary multiples; case does not matter); 0 is a size too (a
/// lag limit of none). Flags that need more give their own lower bound.
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let lower = text.trim().to_ascii_lowercase();
    let split = lower.find(|c: char| !c.is_ascii_digit()).unwrap_or(lower.len());
    let (number, unit) = lower.split_at(split);
    let value: u64 = number.parse().map_err(|_| format!("'{text}' is not a size (try 512kb or 8mb)"))?;
    let factor: u64 = match unit {
        "" | "b" => 1,
        "k" | "kb" => 1 << 10,
        "m" | "mb" => 1 << 20,
        "g" | "gb" => 1 << 30,
        _ => return Err(format!("'{text}' has an unknown unit '{unit}' (use b, kb, mb or gb)")),
    };
    value.checked_mul(factor).ok_or_else(|| format!("'{text}' must be below 16 exabytes"))
}

/// Bytes as B, KiB, MiB, GiB.
pub fn human_bytes(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes}B") } else { format!("{value:.1}{}", units[unit]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_rejects_nonsense() {
        assert_eq!(parse("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse("3"), Ok(Duration::from_secs(3)));
        assert!(parse("0s").is_err());
        assert!(parse("fast").is_err());
        assert!(parse("5y").is_err());
    }

    #[test]
    fn parses_byte_sizes() {
        assert_eq!(parse_bytes("8mb"), Ok(8 << 20));
        assert_eq!(parse_bytes("512KB"), Ok(512 << 10));
        assert_eq!(parse_bytes("100"), Ok(100));
        assert_eq!(parse_bytes("0"), Ok(0));
        assert!(parse_bytes("-1").is_err());
        assert!(parse_bytes("16384pb").is_err());
        assert!(parse_bytes("17179869184gb").is_err());
        assert!(parse_bytes("8 parsecs").is_err());
    }

    #[test]
    fn formats_back_to_parseable_text() {
        for text in ["500ms", "5s", "2m", "1500ms"] {
            assert_eq!(format(parse(text).unwrap()), text);
        }
    }
}
