//! Tests of M01's media words beyond 原件 and 复印件: the less common ones (扫描版, 影印本,
//! 复制件, 电子档, 打印件 …) and the names that hold one without asking for a medium (电子档案,
//! 档案影印件调取申请表). The other M01 tests are in `tests.rs`.

use super::tests::{findings, pair};

/// M01 finds in material `name` one medium word, `word`, and only that.
fn assert_medium(name: &str, word: &str) {
    assert_eq!(
        findings(&[name]),
        [pair(
            &format!("材料「{name}」"),
            &format!("材料名称含有介质要求「{word}」: \"{name}\"")
        )],
        "{name}"
    );
}

/// 扫描版, 影印本 and 复制件 are media like 扫描件 and 影印件.
#[test]
fn less_common_media_are_media() {
    for (name, word) in [
        ("身份证扫描版", "扫描版"),
        ("营业执照复制件", "复制件"),
        ("身份证影印本", "影印本"),
        ("身份證影印本", "影印本"),
    ] {
        assert_medium(name, word);
    }
    // Names that are not a medium stay clean.
    for name in ["扫描仪购置发票", "复制品鉴定意见", "居民身份证"] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
}

/// 电子档, 电子文档, 扫描档, 影印版, 打印件 and 打印版 are media like 电子版 and 扫描件 (h25
/// 问题6); 电子档案 and 扫描档案 are archives, and a copy that a form asks to retrieve is what is
/// asked for, not the form's medium.
#[test]
fn file_and_print_media_are_media() {
    for (name, word) in [
        ("近期2寸免冠彩色照片电子档", "电子档"),
        ("建设工程设计图纸电子文档", "电子文档"),
        ("户口簿扫描档", "扫描档"),
        ("身份证影印版", "影印版"),
        ("网上申报表打印件", "打印件"),
        ("残疾人证申请表打印版", "打印版"),
        ("电子档照片", "电子档"),
        ("照片電子檔", "電子檔"),
        ("身份證掃描檔", "掃描檔"),
        // Before a request word but naming no form: the medium stands.
        ("档案影印件调取", "影印件"),
        // A medium beside an archive is still one.
        ("电子档案查询申请表电子档", "电子档"),
        // Only a copy is excused before a request word naming no request form: the older media
        // stand (h35 regression); a 查询单 is a query's result, the material itself (h36).
        ("电子版查询单", "电子版"),
        ("扫描件查询表", "扫描件"),
        ("电子档查询结果", "电子档"),
        ("电子档查询单", "电子档"),
        ("电子件查阅单", "电子件"),
        ("电子档调取", "电子档"),
        ("原件调阅", "原件"),
        // 影印版 after the document, 打印版 and 电子文档 not before 式 or a handover, stand.
        ("教材审定批复影印版", "影印版"),
        ("竣工图电子文档报送表", "电子文档"),
        ("营业执照打印版", "打印版"),
    ] {
        assert_medium(name, word);
    }
    assert_eq!(
        findings(&["婚姻登记档案复印件调取申请表复印件"]),
        [pair(
            "材料「婚姻登记档案复印件调取申请表复印件」",
            "材料名称含有介质要求「复印件」: \"婚姻登记档案复印件调取申请表复印件\""
        )]
    );
    for name in [
        "电子档案查询申请表",
        "档案影印件调取申请表",
        "档案复印件调取申请表",
        "不动产登记资料复印件查询申请书",
        "档案复制件查阅登记表",
        "人事档案电子档案调阅审批表",
        "纸质档案数字化扫描档案移交清单",
        "電子檔案查詢申請表",
        "影印版图书选题申报表",
        // 影印版权 is a right, 影印版 before a publication noun a publication, 版式文件 a file
        // format, electronic documents handed over or archived the object (h35 regression).
        "影印版权授权书",
        "出版物影印版权许可合同",
        "影印版教材备案表",
        "影印版期刊出版申请表",
        "打印版式文件",
        "建设工程电子文档移交书",
        "城建档案电子文档归档登记表",
        "居民身份证",
        "打印机购置发票",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
}

/// h36: 电子版式文件 is 电子 + 版式文件, a layout file (OFD, PDF) of 《电子文件归档》: a file format
/// as 版式电子文件 and `（PDF格式）` are, not the medium 电子版; 电子版 + 式样 and 电子版 alone
/// beside it stand, and so does another medium in the same name.
#[test]
fn an_electronic_layout_file_is_a_format() {
    for name in [
        "设计文件（电子版式文件）",
        "电子版式文件",
        "電子版式文件",
        "竣工图电子版式文件移交清单",
        "施工图设计文件（电子版式文件，OFD或PDF格式）",
        "设计文件（版式电子文件）",
        "设计文件（PDF格式）",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    for (name, word) in [
        ("设计文件（电子版）", "电子版"),
        ("设计文件电子版", "电子版"),
        ("申请表电子版式样", "电子版"),
        ("设计文件电子版式文件及电子版", "电子版"),
    ] {
        assert_medium(name, word);
    }
    assert_eq!(
        findings(&["设计文件（电子版式文件及复印件）"]),
        [pair(
            "材料「设计文件（电子版式文件及复印件）」",
            "材料名称含有介质要求「复印件」: \"设计文件（电子版式文件及复印件）\""
        )]
    );
}

/// h36 回归: a medium word before 调取/调阅/查询/查阅/借阅 and a request form (申请表, 申请书,
/// 登记表, 申请, and 单 after 调取/调阅/借阅) names the record asked for, as 复印件 there does
/// (`档案影印件调取申请表`); a 查询单 or 查询结果 is the material itself and keeps its medium.
#[test]
fn a_medium_requested_by_a_form_is_the_record() {
    for name in [
        "原件调阅申请表",
        "电子档调取申请表",
        "扫描档借阅登记表",
        "电子文档查阅申请表",
        "打印件调取申请",
        "扫描件调阅登记表",
        "原件借阅登记表",
        "不动产登记资料电子档调取申请表",
        "电子档查阅申请表",
        "扫描档调阅登记表",
        "户籍档案电子档调阅申请表",
        "房产档案扫描档查询申请书",
        "电子档调取单",
        "电子件调阅单",
        "婚姻登记档案电子档查询申请书",
    ] {
        assert_eq!(findings(&[name]), [], "{name}");
    }
    for (name, word) in [
        ("电子版查询单", "电子版"),
        ("电子档查询结果", "电子档"),
        ("户籍档案电子档查询单", "电子档"),
        ("电子档调取申请表扫描件", "扫描件"),
        ("不动产查询结果电子档", "电子档"),
    ] {
        assert_medium(name, word);
    }
}
