//! Tests of records keyed by Chinese labels: elements, child lists, unread keys, numbers.

use super::*;
use crate::source::NoticeLevel;

/// The item and the unread keys of one labelled record, by the built-in tables.
fn read(json: &str) -> (Item, Vec<String>) {
    let mut file = LabelledFile::default();
    let item = file
        .item(&serde_json::from_str(json).unwrap(), &Provenance::default())
        .expect("a labelled item");
    assert_eq!(file.items, 1);
    (item, file.unread.into_iter().collect())
}

#[test]
fn an_excel_row_turned_json_is_read_by_its_labels() {
    let (i, unread) = read(
        r#"{"实施编码":"11341700MB1526185H4000113001000","事项名称":"食品经营许可（新办）",
                "实施主体":"池州市市场监督管理局","承诺办结时限（工作日）":10,
                "受理地点":"池州市长江中路89号市政务服务中心二楼8号窗口","咨询电话":"0566-2021156",
                "是否收费":false,"办理时间":["周一至周五 上午8:30-12:00","下午14:30-17:30"],
                "备注":"无"}"#,
    );
    assert_eq!(i.code, "11341700MB1526185H4000113001000");
    assert_eq!(i.name, "食品经营许可（新办）");
    assert_eq!(i.promised_limit, "10");
    assert_eq!(i.promised_limit_unit, "工作日");
    assert_eq!(i.address, "池州市长江中路89号市政务服务中心二楼8号窗口");
    assert_eq!(i.charged, "否");
    assert_eq!(i.hours, "周一至周五 上午8:30-12:00；下午14:30-17:30");
    assert_eq!(i.extra.get("备注").map(String::as_str), Some("无"));
    assert_eq!(unread, ["备注"]);
}

#[test]
fn child_lists_are_read_under_their_section_keys() {
    let (i, unread) = read(
        r#"{"事项名称":"建设工程消防验收","申请材料":[
                  {"材料名称":"消防验收申请表","来源渠道":"申请人自备","纸质材料份数":1,"空白表格":"http://www.ahzwfw.gov.cn/f/消防验收申请表.docx","实施编码":"X"},
                  {"材料名称":"工程竣工验收报告","页码":"3"}],
                "办理流程":[{"环节名称":"受理","办理人":"窗口工作人员","办理时限":"1个工作日"}],
                "收费标准":[],
                "中介服务":[{"中介服务名称":"消防设施检测","中介机构":[{"机构名称":"池州市消防检测中心","联系电话":"0566-2022119"}]}],
                "常见问题":[{"问题":"验收需要多久？","解答":"承诺5个工作日内办结。"}]}"#,
    );
    let names: Vec<&str> = i.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["消防验收申请表", "工程竣工验收报告"]);
    assert_eq!(i.materials[0].copies, "1");
    assert!(i.materials[0].blank_form.ends_with("消防验收申请表.docx"));
    assert_eq!(
        i.materials[1].extra.get("页码").map(String::as_str),
        Some("3")
    );
    assert_eq!(i.steps[0].handler, "窗口工作人员");
    assert!(i.fees.is_empty());
    assert_eq!(i.intermediaries[0].agencies[0].name, "池州市消防检测中心");
    assert_eq!(i.intermediaries[0].agencies[0].contact, "0566-2022119");
    assert_eq!(i.faqs.len(), 1);
    // 实施编码 repeated in a material is context; 页码 is the one key no element has.
    assert_eq!(unread, ["申请材料.页码"]);
}

/// 申请材料 written as one text is the list it names, as a spreadsheet's cell of it is; keys of
/// another system are no elements.
#[test]
fn a_materials_text_is_their_list_and_records_of_another_system_are_not_read_as_elements() {
    let mut file = LabelledFile::default();
    let item = file
        .item(
            &serde_json::from_str(
                r#"{"事项名称":"个体工商户登记","申请材料":"1.身份证；2.经营场所证明"}"#,
            )
            .unwrap(),
            &Provenance::row("个体工商户.ndjson", 4),
        )
        .expect("a labelled item");
    let names: Vec<&str> = item.materials.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["身份证", "经营场所证明"]);
    assert!(file.unread.is_empty() && item.extra.is_empty());
    let notice = file.notices("个体工商户.ndjson");
    assert_eq!(notice.len(), 2, "{notice:?}");
    assert!(
        notice[1].message.contains("（第 4 行）") && notice[1].message.contains("拆成 2 条材料"),
        "{}",
        notice[1].message
    );
    let other: Value = serde_json::from_str(r#"{"SXMC":"特种设备使用登记","备注":"无"}"#).unwrap();
    assert!(
        LabelledFile::default()
            .item(&other, &Provenance::default())
            .is_none()
    );
    let one: Value = serde_json::from_str(r#"{"咨询电话":"0566-2021156"}"#).unwrap();
    assert!(
        LabelledFile::default()
            .item(&one, &Provenance::default())
            .is_none(),
        "one element is not enough to call an object an item"
    );
}

/// Should not trip B15 (the phone) nor B04 (the code): an Excel sheet turned JSON writes its
/// number cells as numbers, so a landline lost its leading 0 (given back, as for a sheet), a
/// 31-digit code its digits (not judged, and said, as it cannot be given back: h32), and a
/// 基本编码 its leading zeros (given back).
#[test]
fn phones_and_codes_written_as_numbers_are_mended_or_said() {
    let mut file = LabelledFile::default();
    let value: Value = serde_json::from_str(
        r#"{"实施编码":1134170000312541513000117035000,"事项名称":"食品经营许可（新办）",
                "基本编码":117035000,"咨询电话":5662021156,"监督电话":12345}"#,
    )
    .unwrap();
    let item = file
        .item(&value, &Provenance::row("导出.json", 2))
        .expect("a labelled item");
    assert_eq!(item.consult_phone, "05662021156");
    assert_eq!(item.supervise_phone, "12345", "a hotline is no landline");
    assert_ne!(item.code, "1134170000312541513000117035000");
    assert!(item.unread.code && !item.unread.basic_code);
    assert_eq!(item.basic_code, "000117035000");
    let notices = file.notices("导出.json");
    assert!(notices.iter().all(|n| n.level == NoticeLevel::Warning));
    let said = |words: &[&str]| {
        notices
            .iter()
            .any(|n| words.iter().all(|w| n.message.contains(w)))
    };
    assert!(said(&["「咨询电话」中有电话存成了数字"]), "{notices:#?}");
    assert!(
        said(&[
            "1 条事项的「实施编码」写成了数字（第 2 行）",
            "「食品经营许可（新办）」的「1.",
            "按“未读取”处理，不扣分",
        ]),
        "{notices:#?}"
    );
    assert!(
        said(&[
            "「基本编码」写成了数字",
            "「117035000」按「000117035000」检查"
        ]),
        "{notices:#?}"
    );
}

/// An interface grouping an item's fields in objects (`basic`, `timeLimit`, `window` …), with its
/// lists beside them: read as if the groups' keys were the record's. Each group was one unread
/// field, and the record unreadable.
#[test]
fn fields_grouped_in_objects_are_read_as_the_records() {
    let (i, unread) = read(
        r#"{"basic":{"事项名称":"食品经营许可（新办）","实施编码":"1134170000312541513000117035000","实施主体":"池州市市场监督管理局"},
            "timeLimit":{"法定办结时限":"20个工作日","承诺办结时限":"10个工作日"},
            "window":{"办理地点":"池州市长江中路89号池州市政务服务中心二楼8号窗口","咨询电话":"0566-2021156","更新时间":"2026-03-01"},
            "intermediary":{"是否涉及中介服务":"否"},
            "materials":[{"材料名称":"食品经营许可申请书","份数":"1"}]}"#,
    );
    assert_eq!(i.name, "食品经营许可（新办）");
    assert_eq!(i.code, "1134170000312541513000117035000");
    assert_eq!(i.promised_limit, "10个工作日");
    assert_eq!(i.consult_phone, "0566-2021156");
    assert_eq!(i.intermediary, "否");
    assert_eq!(i.materials[0].name, "食品经营许可申请书");
    assert_eq!(unread, ["window.更新时间"]);
}

/// Should not trip B04 nor I01 (h34): read with the record's text, a 31-digit 实施编码 written as
/// an integer is read from its digits, every one (also under a group's key), and not said;
/// an agency's 联系电话 written as a number gets its 0 back, as an item's phone does.
#[test]
fn a_long_code_is_read_from_the_text_and_an_agency_phone_mended() {
    let mut file = LabelledFile::default();
    for text in [
        r#"{"实施编码":1134170000312541513000117035000,"事项名称":"食品经营许可（新办）","基本编码":"000117035000",
            "中介服务":[{"中介服务名称":"建设项目勘测定界","中介机构":[{"中介机构名称":"池州市勘测院","联系电话":5662028811}]}]}"#,
        r#"{"基本信息":{"实施编码":1134170000312541513000117035000,"事项名称":"食品经营许可（新办）"}}"#,
    ] {
        let value: Value = serde_json::from_str(text).unwrap();
        let item = file
            .item_from(&value, Some(text), &Provenance::row("导出.json", 2))
            .expect("a labelled item");
        assert_eq!(item.code, "1134170000312541513000117035000", "{text}");
        assert!(item.unread.is_empty(), "{text}");
        if let Some(service) = item.intermediaries.first() {
            assert_eq!(service.agencies[0].contact, "05662028811");
        }
    }
    let notices = file.notices("导出.json");
    assert!(
        !notices.iter().any(|n| n.message.contains("实施编码")),
        "{notices:#?}"
    );
    assert!(
        notices.iter().any(|n| n
            .message
            .contains("「中介机构.联系电话」中有电话存成了数字")),
        "{notices:#?}"
    );
}
