//! B10 办理时间 — the days and the time ranges the service is open.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::hours::{lenient_hours_text, parse_hours};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 办理时间要写明日期范围（工作日、周一至周五、每天、法定节假日除外 …）和有效的时间段。
    /// 时间段的写法：`09:00-12:00`、`9:00—12:00`、`上午9时至12时`、`下午1:30-5:30`（「下午」「晚上」按
    /// 12 小时制换算）；分夏季、冬季作息的，各季的时间段一样检查。时间段须开始早于结束、分钟小于 60、
    /// 时刻在 0–24 时之间。汉字数字（`上午九时至十二时`、`九点至十二点`、`一时半`）、用点号分隔时分的
    /// （`8.30-12.00`）和繁体字（`週一至週五`）也认。
    /// 判定口径：「24小时」「7×24小时」（自助终端、网上办理）同时算日期范围和时间段；`5月1日-9月30日`
    /// 这样的日期区间不算时间段；有一个时间段不合理即不通过。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「办理时间」：明确标注该事项办理的时间周期。如【工作日:上午09:00-12:00,下午13:00-17:00】。
    ///
    /// ## 示例 (Example)
    /// 不通过：`工作日`（无时间段）、`上午9:00-12:00，下午13:00-17:00`（无日期范围）、`按规定时间办理`、
    /// `工作日 14:00-12:00`。
    /// 通过：`工作日：上午09:00-12:00，下午13:00-17:00`、
    /// `周一至周五，夏季（5月1日-9月30日）8:00-12:00、15:00-18:00；冬季8:00-12:00、14:30-17:30`。
    ///
    /// ## 整改方法 (How to fix)
    /// 按「工作日：上午09:00-12:00，下午13:00-17:00」的格式写明办理日期和上下午的起止时刻。
    pub struct HandlingHours {
        id: "B10",
        name: "handling-hours",
        element: "办理时间",
        category: Basic,
        severity: Error,
        fix: "按「工作日：上午09:00-12:00，下午13:00-17:00」的格式写明办理日期和起止时刻",
    }
}

impl Rule for HandlingHours {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Hours]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.hours.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "办理时间为空".to_owned()
                } else {
                    format!("办理时间未填写实际时间: \"{text}\"")
                },
                text,
            )]);
        }
        let mut h = parse_hours(text);
        // Only a text that fails is read again in the lenient form (`九时至十二时`, `8.30-12.00`,
        // `週一至週五`), and that reading kept when it has fewer problems.
        if h.problems() > 0
            && let Some(lenient) = lenient_hours_text(text)
        {
            let again = parse_hours(&lenient);
            // On a tie the reading that found more ranges says more (`十二时至九时` is a range
            // that ends before it starts, not no range).
            if (again.problems(), std::cmp::Reverse(again.ranges.len()))
                < (h.problems(), std::cmp::Reverse(h.ranges.len()))
            {
                h = again;
            }
        }
        // Quoted only for a finding.
        let shown = || quote(text, 60);
        let mut out = Vec::new();
        if !(h.day_scope || h.all_day) {
            out.push(
                Violation::new(
                    format!(
                        "办理时间缺少日期范围（如 工作日、周一至周五）: \"{}\"",
                        shown()
                    ),
                    text,
                )
                .target("日期范围"),
            );
        }
        if h.ranges.is_empty() && !h.all_day {
            out.push(
                Violation::new(
                    format!("办理时间缺少具体时间段（如 09:00-12:00）: \"{}\"", shown()),
                    text,
                )
                .target("时间段"),
            );
        }
        for r in h.ranges.iter().filter(|r| !r.is_valid()) {
            out.push(Violation::new(
                format!(
                    "办理时间中的时间段「{}」不合理（开始应早于结束，时刻在0–24时、分钟在0–59之间）: \"{}\"",
                    r.raw,
                    shown()
                ),
                text,
            ));
        }
        Verdict::Checked(out)
    }
}
