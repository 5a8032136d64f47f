//! 办理时间 — opening hours as published: a day scope (工作日, 周一至周五 …) and time ranges
//! (`09:00-12:00`, `9:00—12:00`, `上午9时至12时`, `下午1:30-5:30`), often per season
//! (`夏季（5月1日-9月30日）…；冬季…`). [`parse_hours`] never panics.

use std::sync::LazyLock;

use regex::Regex;

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

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(上午|下午|中午|晚上|早上)?[:\s]*([0-9]{1,2})\s*(?:(:)\s*([0-9]{1,2})|([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?";
    Regex::new(&format!(r"{time}\s*(?:-|—|–|~|至|到)+\s*{time}")).expect("static regex")
});

fn minutes(prefix: Option<&str>, h: u32, m: u32) -> u32 {
    let h = match prefix {
        Some("下午" | "晚上") if h < 12 => h + 12,
        Some("中午") if h < 6 => h + 12,
        _ => h,
    };
    h * 60 + m
}

/// [`to_halfwidth`](super::text::to_halfwidth) into a string of the right size (collecting grows it several times).
fn halfwidth(text: &str) -> String {
    let mut t = String::with_capacity(text.len());
    t.extend(text.chars().map(|c| match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }));
    t
}

/// Parses an opening-hours text.
pub fn parse_hours(text: &str) -> Hours {
    let t = halfwidth(text);
    let mut out = Hours {
        day_scope: DAY_WORDS.iter().any(|w| t.contains(w)),
        ranges: Vec::new(),
        all_day: t.contains("24小时"),
    };
    // Every time range holds a digit: most texts without one need no regex.
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for c in RANGE.captures_iter(&t) {
        let g = |i: usize| c.get(i).map(|m| m.as_str());
        let num = |i: usize| g(i).and_then(|s| s.parse::<u32>().ok());
        // Groups 1–7: start (prefix, hour, ':', minute, 时/点, minute, 半); 8–14: end.
        let start_unit = g(3).is_some() || g(5).is_some();
        let end_unit = g(10).is_some() || g(12).is_some();
        if !(start_unit || end_unit) {
            continue; // `5月1日-9月30日`, `2023-2024`: no clock time.
        }
        let (Some(h1), Some(h2)) = (num(2), num(9)) else {
            continue;
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
        out.ranges.push(TimeRange {
            raw: c.get(0).map_or("", |m| m.as_str()).trim().to_owned(),
            start: if bad_minutes { u32::MAX } else { start },
            end: if bad_minutes { 0 } else { end },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(t: &str) -> Vec<(u32, u32, bool)> {
        parse_hours(t)
            .ranges
            .iter()
            .map(|r| (r.start, r.end, r.is_valid()))
            .collect()
    }

    #[test]
    fn forms_seen_on_platforms() {
        let h = parse_hours("工作日：上午09:00-12:00，下午13:00-17:00");
        assert!(h.day_scope);
        assert_eq!(
            ranges("工作日：上午09:00-12:00，下午13:00-17:00"),
            [(540, 720, true), (780, 1020, true)]
        );
        assert_eq!(ranges("周一至周五 9:00—12:00"), [(540, 720, true)]);
        assert_eq!(
            ranges("上午9时至12时，下午1时30分至5时"),
            [(540, 720, true), (810, 1020, true)]
        );
        assert_eq!(ranges("下午2:30-5:30"), [(870, 1050, true)]);
        assert_eq!(
            ranges("夏季（5月1日-9月30日）：8:30-12:00，15:00-18:00"),
            [(510, 720, true), (900, 1080, true)]
        );
        assert_eq!(ranges("上午9-12时"), [(540, 720, true)]);
        assert_eq!(ranges("12:00-9:00"), [(720, 540, false)]);
        assert!(!ranges("9:75-12:00")[0].2);
        assert!(ranges("5月1日-9月30日").is_empty());
        assert!(!parse_hours("上午9:00-12:00").day_scope);
        let mixed = "工作日（周一至周五）　上午０９:００－１２:００";
        assert_eq!(halfwidth(mixed), super::super::text::to_halfwidth(mixed));
    }
}
