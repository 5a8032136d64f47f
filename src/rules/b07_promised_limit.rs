//! B07 承诺办结时限 — the committed time limit must be stated, readable, and not exceed the
//! statutory one.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::time_limit::{ParsedLimit, TimeLimit, parse_time_limit, range_upper};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 承诺办结时限不得为空，必须是可读的时限（写法同 B06，`30分钟` 也认；`随到随办`、`随来随办`、
    /// `即到即办`、`立等可取` 单独写时与 `即来即办`、`当场办结` 一样读作即办，但 `随到随办`、`随来随办`、
    /// `立等可取` 旁边写了天数的按天数读（`5个工作日（窗口立等可取）` 是 5 个工作日，同 `当场受理`），
    /// 天数只对部分情形（`立等可取（需现场核查的5个工作日）`、`随到随办（复杂情形3个工作日）`）或旁边
    /// 写的是分钟、小时（`立等可取（10分钟）`）的仍读作即办，同 `即办（需现场核查的5个工作日）`；
    /// `随时`、`及时办理`、`尽快` 不是时限）；
    /// 「无」「无承诺时限」不算时限；
    /// 写成区间的（`3-5个工作日`、`3-5天`、`三至五个工作日`）不是明确的期限，不通过，提示写上限。
    /// 承诺时限长于法定时限的不通过。比较时同单位直接比（20个工作日 对 15个工作日）；
    /// 不同单位按可能跨越的自然日比，只有无论周末、节假日和调休怎样分布都更长才算不通过：
    /// 连续上班最多 7 天、周末除调休外都休息，所以 30个工作日 一定长于 30日 或 1个月，
    /// 70个工作日 一定长于 3个月（自然日期限按《民法典》计算，最后一日是休息日的顺延一个工作日）。
    /// 反过来 15日 不会长于 15个工作日，直接通过。分钟和小时直接换算（30分钟 即半小时）；
    /// 一个工作日按 8 小时算，8小时 不会长于 1个工作日；半个月按最多 15 日算。
    /// 法定即办（当场办结、即时办结）的，承诺以分钟、小时计、不超过一个工作日的 8 小时
    /// （`30分钟`、`1小时`）仍是当天办结，不算长于法定时限（同 B03、P01 对即办的口径）；
    /// 承诺 `1个工作日`、`3日` 等以日计的长于即办。
    /// 判定口径：单位不同又无法确定谁长（如 20个工作日 对 30日）时给出提示（warning），说明无法比较；
    /// 法定时限为空、读不出或「无法定时限」时不比较（由 B06 报告）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「承诺办结时限」：明确标注该事项的承诺办结期限。承诺时限是对法定时限的压缩，不能更长。
    ///
    /// ## 示例 (Example)
    /// 不通过：空、`/`、`尽快办理`、`3-5个工作日`（区间）、法定 `15个工作日` 而承诺 `20个工作日`、
    /// 法定 `30日` 而承诺 `2个月`、法定 `30日` 而承诺 `30个工作日`、法定 `即办` 而承诺 `1个工作日`。
    /// 提示：法定 `30日`，承诺 `20个工作日`（单位不同，无法确定是否更长）。
    /// 通过：法定 `20个工作日`，承诺 `5个工作日`；法定 `15个工作日`，承诺 `15日`；承诺 `即办`；
    /// 法定 `1个工作日`，承诺 `8小时`；承诺 `30分钟`；法定 `当场办结`，承诺 `30分钟`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写明承诺期限和单位，不超过法定期限，承诺时限尽量改用与法定时限相同的单位（法定时限按法律原文填写，不必改动）。
    pub struct PromisedLimit {
        id: "B07",
        name: "promised-limit",
        element: "承诺办结时限",
        category: Basic,
        severity: Error,
        fix: "写明承诺期限和单位（如 5个工作日），不超过法定期限，承诺时限尽量用与法定时限相同的单位",
    }
}

impl Rule for PromisedLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::LegalLimit,
            ItemField::LegalLimitUnit,
            ItemField::PromisedLimit,
            ItemField::PromisedLimitUnit,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.promised_limit.trim();
        let shown = quote(&format!("{text}{}", item.promised_limit_unit.trim()), 40);
        let fail = |m: String| Verdict::Checked(vec![Violation::new(m, text)]);
        if text.is_empty() {
            return fail("承诺办结时限为空".to_owned());
        }
        let promised = match parse_time_limit(text, &item.promised_limit_unit) {
            ParsedLimit::Limit(TimeLimit::NoLimit) => {
                return fail(format!("承诺办结时限没有写出具体期限: \"{shown}\""));
            }
            ParsedLimit::Limit(l) => l,
            ParsedLimit::Empty | ParsedLimit::Unreadable => {
                if is_blank_or_placeholder(text) {
                    return fail(format!("承诺办结时限未填写实际期限: \"{text}\""));
                }
                if let Some(upper) = range_upper(text, &item.promised_limit_unit) {
                    return Verdict::Checked(vec![
                        Violation::new(
                            format!(
                                "承诺办结时限写成了区间，不是明确的期限（应写上限，如「{upper}」）: \"{shown}\""
                            ),
                            text,
                        )
                        .suggest(format!(
                            "区间不是明确的期限：写明一个承诺期限，写区间的改写为上限（如「{upper}」），并不超过法定期限"
                        )),
                    ]);
                }
                return fail(format!(
                    "承诺办结时限不是可识别的时限（应如 5个工作日、即办）: \"{shown}\""
                ));
            }
        };
        let legal = match parse_time_limit(&item.legal_limit, &item.legal_limit_unit) {
            ParsedLimit::Limit(TimeLimit::NoLimit)
            | ParsedLimit::Empty
            | ParsedLimit::Unreadable => {
                return Verdict::pass();
            }
            ParsedLimit::Limit(l) => l,
        };
        let legal_shown = quote(
            &format!(
                "{}{}",
                item.legal_limit.trim(),
                item.legal_limit_unit.trim()
            ),
            40,
        );
        match promised.exceeds(legal) {
            Some(true) => fail(format!(
                "承诺办结时限「{promised}」长于法定办结时限「{legal}」: \"{shown}\"（法定: \"{legal_shown}\"）"
            )),
            Some(false) => Verdict::pass(),
            None => Verdict::Checked(vec![
                Violation::new(
                    format!(
                        "承诺办结时限「{promised}」与法定办结时限「{legal}」单位不同，无法确定是否超过法定时限: \"{shown}\"（法定: \"{legal_shown}\"）"
                    ),
                    text,
                )
                .warning()
                .suggest("法定时限按法律原文填写，不必改动；请核对承诺时限遇到节假日时也不超过法定时限，承诺时限可改用与法定时限相同的单位（如法定「30日」，承诺写「20日」），便于核对"),
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn findings(legal: &str, promised: &str) -> Vec<Violation> {
        let item = Item {
            name: "食品经营许可".into(),
            legal_limit: legal.into(),
            promised_limit: promised.into(),
            ..Item::default()
        };
        match PromisedLimit.check(&item, &CheckContext::default()) {
            Verdict::Checked(v) => v,
            Verdict::NotApplicable => panic!("B07 applies"),
        }
    }

    /// Working days promised against a calendar period: an error when surely longer, a
    /// warning only when the calendar could go either way, nothing when never longer.
    #[test]
    fn mixed_units_fail_only_when_surely_longer_and_pass_silently_when_never() {
        for (legal, promised) in [
            ("30日", "30个工作日"),
            ("1个月", "30个工作日"),
            ("2个月", "60个工作日"),
            ("3个月", "70个工作日"),
            ("9日", "9个工作日"),
        ] {
            let v = findings(legal, promised);
            assert_eq!(v.len(), 1, "{legal} / {promised}");
            assert_eq!(v[0].severity, None, "{legal} / {promised}: an error");
            assert!(
                v[0].message.contains("长于法定办结时限"),
                "{}",
                v[0].message
            );
        }
        for (legal, promised) in [
            ("30日", "20个工作日"),
            ("30日", "25个工作日"),
            ("8日", "8个工作日"),
            ("3个月", "69个工作日"),
            ("15个工作日", "20日"),
        ] {
            let v = findings(legal, promised);
            assert_eq!(v.len(), 1, "{legal} / {promised}");
            assert_eq!(
                v[0].severity,
                Some(Severity::Warning),
                "{legal} / {promised}"
            );
            assert!(v[0].message.contains("无法确定"), "{}", v[0].message);
        }
        for (legal, promised) in [
            ("15个工作日", "15日"),
            ("10个工作日", "10天"),
            ("30个工作日", "1个月"),
            ("20个工作日", "5个工作日"),
            ("30日", "5个工作日"),
        ] {
            assert!(findings(legal, promised).is_empty(), "{legal} / {promised}");
        }
    }

    /// 即办 is done within the working day: a promise of minutes or hours within its 8 hours is
    /// not longer; a day or more is (h33 补领婚姻登记证).
    #[test]
    fn hours_within_the_day_are_not_longer_than_immediate() {
        for (legal, promised) in [
            ("当场办结", "30分钟"),
            ("当场", "10分钟"),
            ("即时办结", "1小时"),
            ("即办", "8小时"),
            ("即办", "即时办结"),
        ] {
            assert!(findings(legal, promised).is_empty(), "{legal} / {promised}");
        }
        for (legal, promised) in [
            ("即办", "1个工作日"),
            ("即办", "3日"),
            ("当场办结", "9小时"),
            ("即时办结", "2个工作日"),
        ] {
            let v = findings(legal, promised);
            assert_eq!(v.len(), 1, "{legal} / {promised}");
            assert_eq!(v[0].severity, None, "{legal} / {promised}: an error");
            assert!(
                v[0].message.contains("长于法定办结时限"),
                "{}",
                v[0].message
            );
        }
    }
}
