//! Tests of what names an agency (`names`).

use super::names::{describes_an_agency, placeholder_in_name};

#[test]
fn a_description_is_no_agency_name() {
    for described in [
        // h13 problem 7.
        "具备CMA资质的检测机构",
        "有资质的测绘单位",
        "依法设立的评估机构",
        "具有相应资质的房产测绘单位",
        "相关检测机构",
        "第三方检测机构",
        "CMA资质检测机构",
        "检测公司",
        "资产评估机构",
        "有资质的检测机构（申请人自主选择）",
        "中介机构",
        // A place or a label does not make a description a name (h15).
        "池州市相关检测机构",
        "某检测机构",
        "检测单位：有资质的检测机构",
        // A place and a kind no name ends with, nothing of its own between them (h32).
        "池州市检测机构",
        "安徽省测绘单位",
        "池州市贵池区评估机构",
        "池州市设计单位",
        "池州市中介机构",
        "池州工程造价咨询机构",
        "池州市辖区内检测机构",
        "池州市本地测绘单位",
        "市级检测机构",
        "池州市第三方检测机构",
    ] {
        assert!(describes_an_agency(described), "{described}");
    }
    for named in [
        "池州市建设工程质量检测中心有限公司",
        "安徽华测检测技术有限公司",
        "池州市防雷中心",
        "池州市环境科学研究所",
        "安徽省地质测绘技术院",
        "安徽华普天健会计师事务所（特殊普通合伙）",
        "池州市规划设计研究院有限公司",
        "安徽省城乡规划设计研究院有限公司池州分公司",
        "池州市的士服务有限公司",
        "青阳县建设工程质量检测站",
        // A description before a full name, or a label before it (h15).
        "具备CMA资质的池州市环科检测有限公司",
        "有资质的检测机构：池州市建设工程质量检测中心",
    ] {
        assert!(!describes_an_agency(named), "{named}");
    }
}

/// h32: a place, a business and a kind no name ends with is a description, not a name; a name
/// that has its own part between them, or ends with a kind a name may end with, is one.
#[test]
fn a_place_and_a_kind_name_no_agency() {
    for named in [
        "池州市建筑设计院有限公司",
        "安徽省城乡规划设计研究院有限公司池州分公司",
        "池州市产品质量监督检验所",
        "池州市测绘院",
        "池州市防雷中心",
        "池州市建设工程质量检测中心",
        "池州市永信检测机构",
        "池州市测绘有限公司",
        "池州市房地产评估事务所",
        "青阳县建设工程质量检测站",
        "池州市公共资源交易中心",
        // A trade name that is also a short place name elsewhere (华安, 江南; h32 regression).
        "池州市华安检测机构",
        "池州市平安检测机构",
        "安徽江南评估机构",
    ] {
        assert!(!describes_an_agency(named), "{named}");
        assert_eq!(placeholder_in_name(named), None, "{named}");
    }
}

/// h32: `某`, `XX`, `××`, `***` where the agency's own name goes is no name. A `某` after a
/// character of the name (`安徽华某检测有限公司`) is left: the characters before it may be the
/// agency's own name (a real name with 某 in it is rare, not unknown), and a false error costs the
/// department points; `某某` and a `某` first or right after the place are placeholders.
#[test]
fn a_placeholder_is_no_agency_name() {
    for (name, mark) in [
        ("池州市某检测有限公司", "某"),
        ("某检测机构", "某"),
        ("安徽某科技有限公司", "某"),
        ("安徽省池州市贵池区某评估事务所", "某"),
        ("安徽某某检测有限公司", "某某"),
        ("池州市华某某工程咨询有限公司", "某某"),
        ("安徽XX检测技术有限公司", "XX"),
        ("池州市xx测绘有限公司", "xx"),
        ("池州市××评估事务所", "××"),
        ("池州市***测绘有限公司", "***"),
        ("ＸＸ市ＸＸ检测有限公司", "ＸＸ"),
        ("检测单位：池州市某检测有限公司", "某"),
        ("池州市某检测有限公司（暂定）", "某"),
    ] {
        assert_eq!(placeholder_in_name(name), Some(mark), "{name}");
    }
    for named in [
        "安徽华某检测有限公司",
        "安徽华测检测技术有限公司",
        "池州XXL物流有限公司",
        "池州市AXX科技有限公司",
        "安徽省Ｘ光检测中心",
        "池州市建设工程质量检测中心有限公司",
    ] {
        assert_eq!(placeholder_in_name(named), None, "{named}");
    }
}
