//! B08 到现场次数 — a whole number of visits that agrees with 网办深度 and 物流快递.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::domain::{Domain, parse_count, parse_domain, parse_express};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 到现场次数必须是大于等于 0 的整数（`0`、`1次`、`零次`、`最多跑1次` 都认；次数后面加括号注明的，
    /// 如 `1次（领取证件）`、`1（如邮寄则0次）`，按括号前的次数认；用逗号、分号隔开注明的，
    /// 如 `0次，结果EMS寄递`，同样按前面的次数认）；并且与网办深度、
    /// 物流快递不得明显矛盾：
    /// - 网办深度为四级（Ⅳ级、全程网办）而到现场次数不是 0 的，不通过；
    /// - 到现场次数为 0，而网办深度只有一级或二级（材料须现场递交）且不支持物流快递的，不通过；
    ///   注明有人代为收取递交材料的除外（`0次（村代办员上门收取材料代办）`、`0次，提供上门服务`、
    ///   `0次（村（社区）代办）`、`0次（代办员代为递交）`、`0次（由就读学校统一收取申请材料代为报送）`、
    ///   `0次（学校代为收取递交材料）`；注明否定的 `0次（不提供上门服务）`、
    ///   与此无关的 `0次（全程网办）` 仍不通过）；
    /// - 到现场次数大于 0 而没有填写「必须现场办理原因说明」的，给出提示（warning）。
    ///
    /// 判定口径：网办深度为三级、0 次且不支持快递的不判矛盾（结果可能是电子证照或网上反馈）；
    /// 网办深度未填或读不出时只检查次数本身；一栏写了多个深度的按最高的算。
    /// 物流快递栏写的是寄递方式或承运方（`EMS`、`邮寄`、`快递`、`邮政寄递`、`双向寄递`）的，
    /// 按支持快递认；写了否定词的（`不提供邮寄`、`暂不支持快递`、`快递暂未开通`）、只写结果寄递的
    /// （`结果邮寄`，申请材料仍须现场递交）不算支持；「无需到现场」「无需跑腿」「不用到窗口」等否定的是
    /// 到现场，不是快递（`EMS，无需到现场`、`EMS寄递，无需到现场领取` 按支持快递认；
    /// `不支持物流快递，须到现场领取` 仍不算）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「到现场次数」：明确标注需要到现场次数。到现场次数与网办深度、是否支持快递不得有明显矛盾。
    ///
    /// ## 示例 (Example)
    /// 不通过：`若干次`、`1-2次`、网办深度 `四级` 而 `1次`、网办深度 `二级`、不支持快递而 `0次`。
    /// 提示：`1次`，未说明必须现场办理的原因。
    /// 通过：网办深度 `全程网办（Ⅳ级）`、`0次`；网办深度 `二级`、物流快递 `是` 或 `EMS`、`0次`；
    /// `1次（领取证件）`、`0次，结果EMS寄递`。
    ///
    /// ## 整改方法 (How to fix)
    /// 按实际填写到现场次数；全程网办的应为 0 次；需要到现场的写明必须现场办理的原因。
    pub struct Visits {
        id: "B08",
        name: "visits",
        element: "到现场次数",
        category: Basic,
        severity: Error,
        fix: "按实际填写到现场次数（全程网办应为0次），需要到现场的写明必须现场办理的原因",
    }
}

/// Words of a note saying how the materials reach the office without the applicant going
/// (`0次（村代办员上门收取材料代办）`, `0次，提供上门服务`, `0次（村（社区）代办）`).
const COLLECTED: &[&str] = &[
    "上门收取",
    "上门收件",
    "上门服务",
    "上门办理",
    "上门代办",
    "上门受理",
    "代办员",
    "代为递交",
    "代为提交",
    "代办",
];

/// Words of a body gathering things and handing them on (`0次（由就读学校统一收取申请材料代为报送）`,
/// `0次（学校代为收取递交材料）`): they spare the visit only when what is gathered is the application
/// (see [`gathers_the_application`]), not fees, certificates or results (`0次（统一收取费用）`,
/// `0次（代为报送结果）`).
const GATHERED: &[&str] = &[
    "代为收取",
    "代为报送",
    "代为上报",
    "代为申报",
    "代为转报",
    "统一收取",
    "统一报送",
    "统一上报",
];

/// Names of the application the gathering words may collect or hand in.
const APPLICATION: &[&str] = &["材料", "申请表", "资料", "申请书", "申报表"];

/// Things gathered that are not the application (`统一收取费用`, `证件统一收取后发放`, `代为报送结果`).
const NOT_APPLICATION: &[&str] = &[
    "费",
    "证件",
    "证照",
    "证书",
    "执照",
    "结果",
    "款",
    "批文",
    "许可证",
];

/// Bodies that gather applications and hand them in (`学校统一收取后代为报送`, `由所在学校代为申报`).
const GATHERER: &[&str] = &[
    "学校",
    "幼儿园",
    "院校",
    "村",
    "社区",
    "居委会",
    "单位",
    "乡镇",
    "街道",
    "便民服务",
    "网格员",
];

/// Words of handing the application in (`代为报送`, `统一上报`, `代为申报`).
const HAND_IN: &[&str] = &["报送", "上报", "申报", "转报", "递交", "提交"];

/// Words that, earlier in the same part of the note, deny the collection
/// (`0次（不提供上门服务）`, `0次（暂无代办）`).
const NOT_COLLECTED: &[char] = &['不', '无', '未', '非', '停'];

/// Whether a part of the note with a [`GATHERED`] word says the application is gathered: it names
/// the materials (`统一收取申请材料`, `代为收取递交材料`), or names the body that gathers them and
/// that it hands them in (`学校统一收取后代为报送`, `学校统一报送`); fees, certificates or results
/// gathered (`统一收取费用`, `证件统一收取后发放`, `代为报送结果`) or nothing named (`统一收取`) are not.
fn gathers_the_application(text: &str, part: &str) -> bool {
    if APPLICATION.iter().any(|w| text.contains(w)) {
        return !NOT_APPLICATION.iter().any(|w| part.contains(w))
            || APPLICATION.iter().any(|w| part.contains(w));
    }
    !NOT_APPLICATION.iter().any(|w| text.contains(w))
        && GATHERER.iter().any(|w| text.contains(w))
        && HAND_IN.iter().any(|w| text.contains(w))
}

/// Whether the note of a count (in brackets or after a comma) says someone collects the
/// materials for the applicant ([`COLLECTED`], or [`GATHERED`] with the application named), no
/// part of it denies so and it names no visit left to make: then a count of 0 is no
/// contradiction with a depth that needs the materials handed in.
fn collected_for_applicant(text: &str) -> bool {
    /// A visit the note still names (`申请人需到窗口领证`, `首次需到现场核验`, `需本人签字`): the
    /// agent does not spare it.
    const VISIT: [&str; 7] = ["窗口", "现场", "到场", "大厅", "本人到", "亲自", "签字"];
    if VISIT.iter().any(|w| text.contains(w)) {
        return false;
    }
    let says = |part: &str, words: &[&str]| {
        words.iter().any(|w| {
            part.find(w)
                .is_some_and(|k| !part[..k].contains(NOT_COLLECTED))
        })
    };
    text.split(['，', ',', '；', ';', '。', '（', '）', '(', ')', '、'])
        .any(|part| {
            says(part, COLLECTED) || (says(part, GATHERED) && gathers_the_application(text, part))
        })
}

impl Rule for Visits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[
            ItemField::Visits,
            ItemField::OnsiteReason,
            ItemField::OnlineDepth,
            ItemField::Express,
        ]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.visits.trim();
        if text.is_empty() {
            return Verdict::Checked(vec![Violation::new("到现场次数为空", text)]);
        }
        let Some(n) = parse_count(text) else {
            return Verdict::Checked(vec![Violation::new(
                format!("到现场次数不是大于等于0的整数: \"{}\"", quote(text, 30)),
                text,
            )]);
        };
        let depth = parse_domain(Domain::OnlineDepth, &item.online_depth)
            .values
            .iter()
            .filter_map(|v| v.code.parse::<u8>().ok())
            .max();
        let depth_text = quote(&item.online_depth, 20);
        let mut out = Vec::new();
        if depth == Some(4) && n > 0 {
            out.push(Violation::new(
                format!(
                    "网办深度为四级（全程网办），到现场次数应为0次，实为: \"{}\"（网办深度: \"{depth_text}\"）",
                    quote(text, 20)
                ),
                text,
            ));
        }
        if n == 0
            && matches!(depth, Some(1 | 2))
            && parse_express(&item.express) != Some(true)
            && !collected_for_applicant(text)
        {
            let express = if item.express.trim().is_empty() {
                "未写明支持物流快递".to_owned()
            } else {
                format!("物流快递为「{}」", quote(&item.express, 10))
            };
            out.push(Violation::new(
                format!(
                    "到现场次数为0次，但网办深度只到{}级且{express}，申请材料无法不到现场递交: \"{}\"（网办深度: \"{depth_text}\"）",
                    if depth == Some(1) { "一" } else { "二" },
                    quote(text, 20)
                ),
                text,
            ));
        }
        if n > 0 && is_blank_or_placeholder(&item.onsite_reason) {
            out.push(
                Violation::new(
                    format!(
                        "到现场次数为{n}次，但未说明必须现场办理的原因: \"{}\"",
                        quote(text, 20)
                    ),
                    text,
                )
                // Its own place: the same count is the evidence of the depth check above, and
                // the two are different problems (history tells them apart by target).
                .target("必须现场办理原因说明")
                .warning()
                .suggest(
                    "在「必须现场办理原因说明」中写明为什么必须到现场（如核验原件、现场勘验）",
                ),
            );
        }
        Verdict::Checked(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages B08 gives an item of these 到现场次数, 网办深度 and 物流快递.
    fn messages(visits: &str, depth: &str, express: &str) -> Vec<String> {
        let item = Item {
            visits: visits.into(),
            online_depth: depth.into(),
            express: express.into(),
            onsite_reason: "核验原件".into(),
            ..Item::default()
        };
        match Visits.check(&item, &CheckContext::default()) {
            Verdict::Checked(v) => v.into_iter().map(|v| v.message).collect(),
            Verdict::NotApplicable => panic!("B08 applies to every item"),
        }
    }

    /// A note saying a village agent collects the materials at home is how they reach the office
    /// without the applicant going: 0 visits at 二级 with no post is no contradiction (h32).
    #[test]
    fn an_agent_collecting_the_materials_makes_zero_visits_possible() {
        for v in [
            "0次（村代办员上门收取材料代办）",
            "0次(村代办员上门收取材料代办)",
            "0次，村（社区）代办员上门收取材料",
            "0次（村（社区）代办）",
            "0次（提供上门服务）",
            "0次（上门办理）",
            "0次，代办员代为递交申请材料",
            "0次（无需跑腿，代办员上门收取）",
            // A school gathers the applications and hands them in (h33).
            "0次（由就读学校统一收取申请材料代为报送）",
            "0次（学校代为收取递交材料）",
            "0次，由村（社区）统一收取后代为上报",
            "0次（由所在学校代为申报）",
            "0次（学校统一报送）",
            "0次（由学校统一收取后代为报送）",
            "0次（学校统一收取申请表代为报送）",
            "0次（村委会统一收取资料后上报）",
            "0次（社区代为收取申请材料）",
            "0次（统一收取申请材料后代为报送）",
        ] {
            for depth in ["二级", "一级"] {
                assert_eq!(
                    messages(v, depth, "否"),
                    Vec::<String>::new(),
                    "{v} {depth}"
                );
            }
        }
    }

    /// A note that says nothing of an agent, or denies one, leaves the contradiction (h32).
    #[test]
    fn a_note_without_an_agent_keeps_the_contradiction() {
        for v in [
            "0次（全程网办）",
            "0次（不提供上门服务）",
            "0次（暂无代办服务）",
            "0次（非代办事项）",
            "0次，无需跑腿",
            "0",
            // The note names a visit the agent does not spare (h32 regression).
            "0次（代办员代办，申请人需到窗口领证）",
            "0次（代办员代办，需本人到窗口签字）",
            "0次（村代办员上门收取材料，申请人到窗口领取证件）",
            "0次（村代办员上门收取材料代办，首次需到现场核验）",
            // A school that does not gather them, or a visit still named (h33).
            "0次（学校不代为收取材料）",
            "0次（学校统一收取材料，申请人到窗口领取结果）",
            "0次（由学校代为报送，需本人到场签字）",
            "0次（费用由银行代收）",
            // Gathered but not the application: fees, certificates, results, or nothing named
            // (h33 regression).
            "0次（统一收取费用）",
            "0次（证件统一收取后发放）",
            "0次（代为报送结果）",
            "0次（统一收取）",
            "0次（代为收取）",
            "0次（统一上报）",
            "0次（学校统一收取费用）",
            "0次（由学校统一收取证件后发放）",
            "0次（审批结果由乡镇代为报送）",
            "0次，统一收取后发放",
        ] {
            let m = messages(v, "二级", "否");
            assert_eq!(m.len(), 1, "{v}: {m:?}");
            assert!(
                m[0].starts_with("到现场次数为0次，但网办深度只到二级"),
                "{v}: {m:?}"
            );
        }
        // The note of a count of 1 is not read as 0 (`0次，领证需到现场1次` is no count of 0).
        let m = messages("0次，领证需到现场1次", "二级", "否");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("到现场次数不是大于等于0的整数"), "{m:?}");
        // At 四级 an agent does not make a visit fine.
        let m = messages("1次（村代办员上门收取材料代办）", "四级", "否");
        assert!(m[0].starts_with("网办深度为四级"), "{m:?}");
    }
}
