//! 办理时间 — opening hours as published: a day scope (工作日, 周一至周五 …) and time ranges
//! (`09:00-12:00`, `9:00—12:00`, `上午9时至12时`, `下午1:30-5:30`, `早8:30-晚5:30`), often per season
//! (`夏季（5月1日-9月30日）…；冬季…`). [`parse_hours`] never panics. A text that fails is read
//! again in [`lenient_hours_text`]'s form (`九时至十二时`, `8.30-12.00`, `週一至週五`).

mod lenient;
mod scan;
#[cfg(test)]
mod tests;

pub use lenient::lenient_hours_text;

use scan::{Spans, halfwidth, next_range};

/// One time range, in minutes after midnight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRange {
    /// The range as written.
    pub raw: String,
    /// Start, minutes after 00:00 (afternoon words applied).
    pub start: u32,
    /// End, minutes after 00:00.
    pub end: u32,
}

impl TimeRange {
    /// Start before end, minutes below 60, hours within a day.
    pub fn is_valid(&self) -> bool {
        self.start < self.end && self.end <= 24 * 60
    }
}

/// What an opening-hours text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hours {
    /// Whether it names the days (工作日, 周一至周五, 每天 …).
    pub day_scope: bool,
    /// Every time range found, valid or not.
    pub ranges: Vec<TimeRange>,
    /// Whether it says the service is open around the clock (24小时).
    pub all_day: bool,
}

const DAY_WORDS: &[&str] = &[
    "工作日",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周末",
    "星期",
    "礼拜",
    "每天",
    "每日",
    "全天",
    "全年",
    "节假日",
    "双休日",
    "7×24",
    "7*24",
    "7x24",
];

fn minutes(prefix: Option<&str>, h: u32, m: u32) -> u32 {
    let h = match prefix {
        Some("下午" | "晚上" | "晚") if h < 12 => h + 12,
        Some("中午") if h < 6 => h + 12,
        _ => h,
    };
    h * 60 + m
}

/// The range captured in `s` over `t`, or `None` when it holds no clock time.
fn to_range(t: &str, s: &Spans) -> Option<TimeRange> {
    let g = |i: usize| s[i].map(|(a, b)| &t[a..b]);
    // Number groups hold one or two ASCII digits.
    let num = |i: usize| {
        g(i).map(|s| {
            s.bytes()
                .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
        })
    };
    // Groups 1–7: start (prefix, hour, ':', minute, 时/点, minute, 半); 8–14: end.
    let start_unit = g(3).is_some() || g(5).is_some();
    let end_unit = g(10).is_some() || g(12).is_some();
    if !(start_unit || end_unit) {
        return None; // `5月1日-9月30日`, `2023-2024`: no clock time.
    }
    let (Some(h1), Some(h2)) = (num(2), num(9)) else {
        return None;
    };
    let m1 = num(4)
        .or(num(6))
        .unwrap_or(if g(7).is_some() { 30 } else { 0 });
    let m2 = num(11)
        .or(num(13))
        .unwrap_or(if g(14).is_some() { 30 } else { 0 });
    let p1 = g(1);
    let p2 = g(8).or(p1);
    let bad_minutes = m1 > 59 || m2 > 59 || h1 > 24 || h2 > 24;
    let (start, end) = (minutes(p1, h1, m1), minutes(p2, h2, m2));
    Some(TimeRange {
        raw: g(0).unwrap_or("").trim().to_owned(),
        start: if bad_minutes { u32::MAX } else { start },
        end: if bad_minutes { 0 } else { end },
    })
}

impl Hours {
    /// How many of the problems B10 reports this reading has: no day scope, no time range, each
    /// range that is not valid.
    pub fn problems(&self) -> usize {
        usize::from(!(self.day_scope || self.all_day))
            + usize::from(self.ranges.is_empty() && !self.all_day)
            + self.ranges.iter().filter(|r| !r.is_valid()).count()
    }
}

/// Parses an opening-hours text.
pub fn parse_hours(text: &str) -> Hours {
    let t = halfwidth(text);
    let mut out = Hours {
        day_scope: DAY_WORDS.iter().any(|w| t.contains(w)),
        ranges: Vec::new(),
        all_day: t.contains("24小时"),
    };
    let mut at = 0;
    while let Some(s) = next_range(&t, at) {
        at = s[0].map_or(t.len(), |(_, end)| end);
        out.ranges.extend(to_range(&t, &s));
    }
    out
}
