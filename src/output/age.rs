//! Ages as kubectl prints them (`45s`, `5m30s`, `3h`, `2d4h`, `1y20d`).

use std::time::Duration;

/// Short human age, following kubectl's rounding rules.
pub fn human_age(age: Duration) -> String {
    let seconds = age.as_secs();
    let minutes = seconds / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    if seconds < 120 {
        format!("{seconds}s")
    } else if minutes < 10 {
        match seconds % 60 {
            0 => format!("{minutes}m"),
            s => format!("{minutes}m{s}s"),
        }
    } else if minutes < 180 {
        format!("{minutes}m")
    } else if hours < 8 {
        match minutes % 60 {
            0 => format!("{hours}h"),
            m => format!("{hours}h{m}m"),
        }
    } else if hours < 48 {
        format!("{hours}h")
    } else if hours < 24 * 8 {
        match hours % 24 {
            0 => format!("{days}d"),
            h => format!("{days}d{h}h"),
        }
    } else if hours < 24 * 365 * 2 {
        format!("{days}d")
    } else if hours < 24 * 365 * 8 {
        match days % 365 {
            0 => format!("{}y", days / 365),
            d => format!("{}y{d}d", days / 365),
        }
    } else {
        format!("{}y", days / 365)
    }
}

/// Age of an object created at `created`, relative to `now`; `<unknown>` without a timestamp.
pub fn age_since(created: Option<jiff::Timestamp>, now: jiff::Timestamp) -> String {
    match created {
        Some(created) => {
            let millis = now
                .as_millisecond()
                .saturating_sub(created.as_millisecond());
            human_age(Duration::from_millis(millis.max(0) as u64))
        }
        None => "<unknown>".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_kubectl_rounding() {
        let cases = [
            (5, "5s"),
            (119, "119s"),
            (120, "2m"),
            (330, "5m30s"),
            (600, "10m"),
            (179 * 60, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 60 * 5, "3h5m"),
            (8 * 3600, "8h"),
            (47 * 3600, "47h"),
            (2 * 86400, "2d"),
            (2 * 86400 + 4 * 3600, "2d4h"),
            (30 * 86400, "30d"),
            (3 * 365 * 86400 + 20 * 86400, "3y20d"),
            (9 * 365 * 86400, "9y"),
        ];
        for (secs, want) in cases {
            assert_eq!(human_age(Duration::from_secs(secs)), want, "{secs}s");
        }
    }

    #[test]
    fn unknown_without_timestamp() {
        assert_eq!(age_since(None, jiff::Timestamp::now()), "<unknown>");
    }
}
