//! P01 unit tests: steps whose time is not counted in the promise, and the applicant named by
//! the item's own role. The item-level cases are the fixtures (`fixtures/rules/P01.json`).

use super::ProcessDetail;
use crate::model::{Item, Step};
use crate::rules::{CheckContext, Rule, Verdict};

/// A step (环节名称, 办理人, 办理时限) with real duties.
fn step(name: &str, handler: &str, limit: &str) -> Step {
    Step {
        name: name.into(),
        handler: handler.into(),
        duties: format!("按规定{name}，出具意见"),
        time_limit: limit.into(),
        ..Step::default()
    }
}

/// P01's messages on an item promising `promised`.
fn messages(promised: &str, steps: Vec<Step>) -> Vec<String> {
    let item = Item {
        promised_limit: promised.into(),
        legal_limit: "20个工作日".into(),
        steps: steps.into(),
        ..Item::default()
    };
    let Verdict::Checked(v) = ProcessDetail.check(&item, &CheckContext::default()) else {
        panic!("P01 applies to every item");
    };
    v.into_iter().map(|v| v.message).collect()
}

/// 受理 1 + 技术审查 15 + `review` (专家评审) + 审核 2 + 决定 1 + 办结 1 = 20 without the review.
fn water_permit(review: &str) -> Vec<Step> {
    vec![
        step("网上申请", "申请人", ""),
        step("受理", "市政务服务中心水利局窗口", "1个工作日"),
        step("技术审查", "水资源管理科", "15个工作日"),
        step("专家评审", "水资源管理科", review),
        step("审核", "分管副局长", "2个工作日"),
        step("决定", "局长", "1个工作日"),
    ]
}

#[test]
fn a_step_marked_not_counted_is_left_out_of_the_sum() {
    for review in [
        "10个工作日（不计入承诺办结时限）",
        "不计入办理时限（一般不超过10个工作日）",
        "不计入承诺时限，一般10个工作日",
        "（不计时）10个工作日",
        "10个工作日（专家评审时间不计算在办理期限内）",
    ] {
        let m = messages("19个工作日", water_permit(review));
        assert!(m.is_empty(), "{review}: {m:?}");
    }
}

#[test]
fn the_sum_message_names_the_step_left_out() {
    let m = messages(
        "20个工作日",
        water_permit("10个工作日（不计入承诺办结时限）"),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("合计 19 个工作日（受理 1 + 技术审查 15 + 审核 2 + 决定 1；")
            && m[0].contains("注明不计入承诺办结时限的环节「专家评审」未计入"),
        "{}",
        m[0]
    );
}

#[test]
fn a_promise_that_holds_the_step_marked_not_counted_still_agrees() {
    // 19 + 10 = 29: the clerk counted the review in after all; every step adds up to the promise.
    let m = messages(
        "29个工作日",
        water_permit("10个工作日（不计入承诺办结时限）"),
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_step_counted_as_before_was_summed_with_the_review() {
    // Without a note the review counts: 29 against 19.
    let m = messages("19个工作日", water_permit("10个工作日"));
    assert!(m.iter().any(|m| m.contains("合计 29 个工作日")), "{m:?}");
}

#[test]
fn a_part_of_a_step_or_the_holidays_left_out_leave_the_step_counted() {
    // 受理 1 + 技术审查 15 + 审核 2 + 决定 2 = 20: the notes speak of the expert review inside the
    // technical review and of the holidays, not of the steps' own time.
    let steps = vec![
        step("受理", "窗口受理岗", "1个工作日（法定节假日不计算在内）"),
        step(
            "技术审查",
            "水资源管理科",
            "15个工作日（专家评审时间不计入承诺办结时限）",
        ),
        step("审核", "分管副局长", "2个工作日（补正材料时间另计）"),
        step("决定", "局长", "2个工作日"),
    ];
    assert!(messages("20个工作日", steps.clone()).is_empty());
    // Had the notes taken the steps out, 20 promised would not be 0 + … : the steps still count.
    let m = messages("5个工作日", steps);
    assert!(m.iter().any(|m| m.contains("合计 20 个工作日")), "{m:?}");
}

#[test]
fn a_note_in_the_promise_still_reads_as_its_amount() {
    let m = messages(
        "19个工作日（专家评审时间不计入）",
        water_permit("10个工作日（不计入承诺办结时限）"),
    );
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn a_step_left_out_without_a_duration_asks_for_one_and_the_sum_is_still_checked() {
    let m = messages("5个工作日", water_permit("专家评审时间不计入承诺时限"));
    assert!(
        m.iter().any(|m| m.contains(
            "环节「专家评审」的办理时限只注明不计入承诺办结时限，没有写明这一环节需要多长时间"
        ) && m.contains("\"专家评审时间不计入承诺时限\"")),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("合计 19 个工作日")), "{m:?}");
    // 19 promised: only the missing duration.
    assert_eq!(
        messages("19个工作日", water_permit("专家评审时间不计入承诺时限")).len(),
        1
    );
}

#[test]
fn a_check_after_a_notified_commitment_is_left_out() {
    let steps = vec![
        step("网上申请", "申请人", ""),
        step("受理决定", "县卫健委窗口受理岗", "即时办结"),
        step("发证", "窗口发证岗", "即时办结"),
        step(
            "事后核查",
            "县卫生健康综合监督执法大队",
            "2个月（不计入承诺办结时限）",
        ),
    ];
    assert!(messages("即时办结", steps).is_empty());
}

/// An online query item: the applicant's query, then the system's 办结.
fn query(handler: &str) -> Vec<Step> {
    vec![
        step("在线查询", handler, ""),
        step("办结", "系统自动办结", "即时办结"),
    ]
}

#[test]
fn the_applicant_named_by_the_items_role_needs_no_time_limit() {
    for handler in [
        "申请人",
        "缴存职工",
        "缴存人",
        "参保人",
        "考生",
        "建设单位",
        "当事人",
        "申请单位",
        "本人",
        "企业",
        "个人",
        "企业或个人",
        "本人（或委托代理人）",
        "驾驶人",
        "纳税人",
    ] {
        let m = messages("即时办结", query(handler));
        assert!(m.is_empty(), "{handler}: {m:?}");
    }
}

#[test]
fn a_post_named_after_the_applicants_role_is_still_the_bodys() {
    for handler in [
        "企业登记注册科",
        "驾驶人管理科",
        "纳税人服务中心",
        "个人业务窗口",
        "经办人",
        "受理人",
        "窗口工作人员",
    ] {
        let m = messages("即时办结", query(handler));
        assert!(
            m.iter()
                .any(|m| m.starts_with("环节缺少办理时限: \"在线查询\"")),
            "{handler}: {m:?}"
        );
    }
}

#[test]
fn an_unrecognised_handler_is_named_in_the_finding() {
    let m = messages("即时办结", query("排水管理员"));
    assert_eq!(
        m,
        [
            "环节缺少办理时限: \"在线查询\"（办理人「排水管理员」未识别为申请人；如这是申请人自己办理的环节，办理人请写「申请人」）"
        ]
    );
    // After a 受理 step the staff's steps need their limits: no such note.
    let steps = vec![
        step("受理", "窗口受理岗", "即办"),
        step("审查", "业务科", ""),
    ];
    assert_eq!(messages("即办", steps), ["环节缺少办理时限: \"审查\""]);
}

#[test]
fn a_step_left_out_without_a_duration_is_told_what_to_write() {
    let item = Item {
        promised_limit: "19个工作日".into(),
        steps: water_permit("另计").into(),
        ..Item::default()
    };
    let Verdict::Checked(v) = ProcessDetail.check(&item, &CheckContext::default()) else {
        panic!("P01 applies to every item");
    };
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        v[0].suggestion.as_deref(),
        Some(
            "不计入承诺办结时限的环节也写明一般需要的时间，如「10个工作日（不计入承诺办结时限）」"
        )
    );
}

/// 受理, 审核, 决定 with the given limits, each in its own column's unit when `unit` is not empty.
fn three_steps(limits: [&str; 3], unit: &str) -> Vec<Step> {
    ["受理", "审核", "决定"]
        .into_iter()
        .zip(limits)
        .map(|(name, limit)| Step {
            time_limit_unit: unit.into(),
            ..step(name, "窗口受理岗", limit)
        })
        .collect()
}

#[test]
fn minutes_past_a_working_day_are_summed_in_working_days_of_eight_hours() {
    // h34: 7,200 minutes are 15 working days of 8 hours, three times the promise.
    for (limits, unit) in [
        (["2400分钟", "2400分钟", "2400分钟"], ""),
        (["2400", "2400", "2400"], "分钟"),
        // h35: thousands separators, ASCII or full-width.
        (["2,400分钟", "2，400分钟", "2,400分钟"], ""),
        (["2,400", "2,400", "2,400"], "分钟"),
    ] {
        let m = messages("5个工作日", three_steps(limits, unit));
        assert_eq!(m.len(), 1, "{limits:?}: {m:?}");
        assert!(m[0].contains("共7200分钟（约15个工作日）"), "{m:?}");
        assert!(m[0].contains("超过承诺办结时限"), "{m:?}");
    }
    // Hours and working days together: 1 + 40 hours (5 days) + 1 = 7 against 5.
    let m = messages(
        "5个工作日",
        three_steps(["1个工作日", "40小时", "1个工作日"], ""),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("约 7 个工作日"), "{m:?}");
    assert!(m[0].contains("审核 40小时"), "{m:?}");
    // 72 hours are 3 days, not 9 working days: 3 + 1 + 1 = 5 against 3.
    let m = messages(
        "3个工作日",
        three_steps(["72小时", "1个工作日", "1个工作日"], ""),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("约 5 个工作日"), "{m:?}");
}

#[test]
fn minutes_past_a_working_day_within_the_promise_pass() {
    for (promised, limits) in [
        // 2,400 minutes are 5 working days: equal.
        ("15个工作日", ["2400分钟", "2400分钟", "2400分钟"]),
        // Within the promise: the conversion is only near, so a shorter sum is not reported.
        ("20个工作日", ["2400分钟", "2400分钟", "2400分钟"]),
        ("5个工作日", ["1个工作日", "24小时", "1个工作日"]),
        // Within a day's work, as before: 0.5 + 1 + 0.5 = 2.
        ("2个工作日", ["240分钟", "8小时", "240分钟"]),
        ("5个工作日", ["即办", "2400分钟", "当场办结"]),
        // Whole multiples of 24 hours are days as clerks write them (h34 regression).
        ("2个工作日", ["即办", "48小时", "即办"]),
        ("3个工作日", ["24小时", "24小时", "24小时"]),
        ("3个工作日", ["2个工作日", "24小时", "即办"]),
        ("3个工作日", ["即办", "4320分钟", "即办"]),
        // h35: 1,440 minutes are a day (24 hours), 2,400 are 5 working days: within the promise.
        ("15个工作日", ["1,440分钟", "1，440分钟", "2,400分钟"]),
    ] {
        let m = messages(promised, three_steps(limits, ""));
        assert!(m.is_empty(), "{promised} {limits:?}: {m:?}");
    }
    // Within a day's work each, summed as before, and reported as before when short.
    let m = messages(
        "5个工作日",
        three_steps(["480分钟", "480分钟", "480分钟"], ""),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("合计 3 个工作日"), "{m:?}");
}
