//! Tests of the opening-hours reading: the scanner against the regex `RANGE`, forms seen.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::find_byte;
use super::*;

/// The definition of a time range that [`next_range`] follows.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(上午|下午|中午|晚上|早上|晚|早)?[:\s]*([0-9]{1,2})\s*(?:(:)\s*([0-9]{1,2})|([时点])\s*(?:([0-9]{1,2})\s*分?|(半))?)?";
    Regex::new(&format!(r"{time}\s*(?:-|—|–|~|至|到)+\s*{time}")).expect("static regex")
});

/// Every range [`RANGE`] finds, as spans.
fn regex_spans(t: &str) -> Vec<Spans> {
    RANGE
        .captures_iter(t)
        .map(|c| std::array::from_fn(|i| c.get(i).map(|m| (m.start(), m.end()))))
        .collect()
}

/// Every range [`next_range`] finds, as spans.
fn scanner_spans(t: &str) -> Vec<Spans> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(s) = next_range(t, at) {
        at = s[0].unwrap().1;
        out.push(s);
    }
    out
}

/// [`parse_hours`] as it was with the regex.
fn parse_hours_regex(text: &str) -> Hours {
    let t = halfwidth(text);
    let mut out = Hours {
        day_scope: DAY_WORDS.iter().any(|w| t.contains(w)),
        ranges: Vec::new(),
        all_day: t.contains("24小时"),
    };
    for s in regex_spans(&t) {
        out.ranges.extend(to_range(&t, &s));
    }
    out
}

fn same_as_regex(text: &str) {
    let t = halfwidth(text);
    assert_eq!(scanner_spans(&t), regex_spans(&t), "{text:?}");
    assert_eq!(parse_hours(text), parse_hours_regex(text), "{text:?}");
}

/// Every `hours` text of the fixtures.
fn fixture_hours(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                match v {
                    serde_json::Value::String(s) if k == "hours" || k == "办理时间" => {
                        out.push(s.clone());
                    }
                    _ => fixture_hours(v, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| fixture_hours(v, out)),
        _ => {}
    }
}

#[test]
fn scanner_matches_regex_on_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut texts = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let v: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                fixture_hours(&v, &mut texts);
            }
        }
    }
    assert!(texts.len() > 50, "{}", texts.len());
    texts.extend(
        [
            "工作日（周一至周五）上午09:00-12:00，下午14:30-17:30（法定节假日除外）",
            "工作日：上午09:00-12:00，下午13:00-17:00",
            "上午9时至12时，下午1时30分至5时",
            "夏季（5月1日-9月30日）：8:30-12:00，15:00-18:00",
            "上午9-12时",
            "12:00-9:00",
            "9:75-12:00",
            "123-456",
            "上午1 9-10点半",
            "  : 9 : 00 -- 至 下午 : 5点 30 分 ",
            "9:-10:",
            "9时 半到 10时 5",
            "下午上午9-10:00",
            "1:2-3:4-5:6",
            "9\u{3000}:\u{3000}00\u{a0}-\u{2003}12\u{85}:\u{202f}00",
            "７×２４小时",
            "早上8点-晚上8点",
            "工作日（周一至周五）早8:30-晚5:30",
            "早晚8-9点",
            "晚上早8:00-晚上9:00",
            "最早8:00，最晚17:00",
        ]
        .map(str::to_owned),
    );
    for t in &texts {
        same_as_regex(t);
    }
}

proptest::proptest! {
    #[test]
    fn find_byte_as_position(b in proptest::collection::vec(0u8..=255, 0..70), from in 0usize..70) {
        let from = from.min(b.len());
        let digit = |x: u8| x.wrapping_sub(b'0') < 10;
        proptest::prop_assert_eq!(
            find_byte(&b, from, digit),
            b[from..].iter().position(|&x| digit(x)).map(|k| from + k)
        );
    }

    #[test]
    fn halfwidth_as_defined(text in "[\u{0}-\u{7f}\u{a0}\u{2000}-\u{2010}\u{3000}-\u{3010}\u{4e00}-\u{4e10}\u{feff}-\u{ff70}\u{1f600}]{0,24}") {
        proptest::prop_assert_eq!(halfwidth(&text), super::super::text::to_halfwidth(&text));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
    #[test]
    fn scanner_matches_regex(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "0", "1", "2", "5", "9", "09", "12", "30", "59", "75", "123", "０", "１", "９",
                ":", "：", "-", "—", "–", "~", "～", "－", "至", "到", "时", "点", "分", "半",
                "上午", "下午", "中午", "晚上", "早上", "早", "晚", "上", "午", "周一", "至周五", "工作日",
                "月", "日", "，", "、", "（", "）", "(", " ", "  ", "\t", "\n", "\u{3000}",
                "\u{a0}", "\u{85}", "\u{2003}", "\u{202f}", "\u{2028}", "\u{1680}",
                "\u{e2}", "\u{200b}", "\u{180e}", "x", "24小时", "é",
            ]),
            0..16,
        ),
    ) {
        let text = pieces.concat();
        let t = halfwidth(&text);
        proptest::prop_assert_eq!(scanner_spans(&t), regex_spans(&t), "{:?}", text);
        proptest::prop_assert_eq!(parse_hours(&text), parse_hours_regex(&text), "{:?}", text);
    }
}

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
    // 早/晚 alone, as township 便民服务中心 pages write them (h3 问题5): 晚 is afternoon.
    assert_eq!(
        ranges("工作日（周一至周五）早8:30-晚5:30"),
        [(510, 1050, true)]
    );
    assert_eq!(ranges("工作日8:30-晚5:30"), [(510, 1050, true)]);
    assert_eq!(ranges("周一至周五 早8点到晚6点"), [(480, 1080, true)]);
    assert_eq!(ranges("工作日 早8:00-晚8:00"), [(480, 1200, true)]);
    assert_eq!(ranges("工作日 晚7:00-9:00"), [(1140, 1260, true)]);
    assert_eq!(ranges("工作日早8:30-12:00"), [(510, 720, true)]);
    assert_eq!(ranges("早8:30-晚17:30"), [(510, 1050, true)]);
    // A single time is no range.
    assert!(ranges("最早8:00，最晚17:00").is_empty());
    let mixed = "工作日（周一至周五）　上午０９:００－１２:００";
    assert_eq!(halfwidth(mixed), super::super::text::to_halfwidth(mixed));
}
