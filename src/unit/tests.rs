//! The default mapping of items to units, and the reading of 类型 columns.

use super::*;

#[test]
fn county_items_go_to_their_county() {
    let item = Item {
        level: "4".into(),
        region_code: "341702".into(),
        subject: "贵池区市场监督管理局".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&item),
        Unit {
            name: "贵池区".into(),
            kind: UnitKind::County
        }
    );
}

#[test]
fn city_items_go_to_their_department() {
    let item = Item {
        level: "市级".into(),
        region_code: "341700".into(),
        subject: "池州市市场监督管理局".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&item),
        Unit {
            name: "池州市市场监督管理局".into(),
            kind: UnitKind::Department
        }
    );
}

#[test]
fn kinds_are_read_as_assessors_write_them() {
    for t in [
        "市直",
        "市直单位",
        "市直机关",
        "市直部门",
        " 市直部门 ",
        "department",
    ] {
        assert_eq!(UnitKind::parse(t), Some(UnitKind::Department), "{t}");
    }
    for t in ["县", "区", "县区", "县（区）", "县(区)", "管委会", "county"] {
        assert_eq!(UnitKind::parse(t), Some(UnitKind::County), "{t}");
    }
    for t in ["乡村", "", "其他"] {
        assert_eq!(UnitKind::parse(t), None, "{t}");
    }
}

#[test]
fn explicit_unit_wins() {
    let item = Item {
        unit: "江南产业集中区管委会".into(),
        unit_kind: "县区".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item).kind, UnitKind::County);
}

/// Names copied from a web page carry invisible format characters: each made a unit of its
/// own whose name and file looked the same as the real one's. Explicit 考核单位, a unit named
/// after its 实施主体, a 管委会 and a county named by its 行政区划 name are all cleaned.
#[test]
fn invisible_format_characters_do_not_make_units() {
    let dept = unit("池州市教育局", UnitKind::Department);
    for name in [
        "\u{200B}池州市教育局",
        "池州市教育局\u{200D}",
        "池州市教育局\u{FEFF}",
        "\u{FEFF}池州市教育局 ",
        "池州市教育\u{00AD}局",
        "池州市\u{200C}教育局",
        "池州市教育局\u{2060}",
        "\u{202E}池州市教育局",
    ] {
        let explicit = Item {
            unit: name.into(),
            subject: "池州市教育局".into(),
            ..Item::default()
        };
        assert_eq!(default_unit(&explicit), dept, "{name:?}");
        let by_subject = Item {
            level: "市级".into(),
            region_code: "341700".into(),
            subject: name.into(),
            ..Item::default()
        };
        assert_eq!(default_unit(&by_subject), dept, "{name:?}");
    }
    let zone = Item {
        subject: "九华山风景区管委会\u{200B}社会事务局".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&zone),
        unit("九华山风景区管委会", UnitKind::County)
    );
    let county = Item {
        level: "县级".into(),
        region_code: "349999".into(),
        region: "\u{FEFF}东至县".into(),
        subject: "东至县市场监督管理局".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&county), unit("东至县", UnitKind::County));
    // Clean names and visible differences stay as they are.
    assert_eq!(unit_name(" 池州市教育局 "), "池州市教育局");
    assert!(matches!(unit_name("池州市教育局"), Cow::Borrowed(_)));
    assert_eq!(
        unit_name("池州市教育局（池州市语言文字工作委员会办公室）"),
        "池州市教育局（池州市语言文字工作委员会办公室）"
    );
    assert_eq!(unit_name("\u{200B}"), "");
}

/// A 贵池区 item as the county's 市场监督管理局 publishes it, with 行使层级 `level` and the
/// level digit `digit` in its 实施编码.
fn guichi(level: &str, digit: char) -> Item {
    Item {
        level: level.into(),
        code: format!("11341702MB1528406Q{digit}000117001000"),
        region_code: "341702".into(),
        subject: "池州市贵池区市场监督管理局".into(),
        ..Item::default()
    }
}

fn unit(name: &str, kind: UnitKind) -> Unit {
    Unit {
        name: name.into(),
        kind,
    }
}

/// An empty or unreadable 行使层级 made a county's items a 市直部门 of 14 points of their own,
/// without a word; the 实施编码's level digit and the region code both say 贵池区.
#[test]
fn a_county_item_without_its_level_stays_with_its_county() {
    for level in ["", "  ", "未知", "/"] {
        assert_eq!(
            default_unit(&guichi(level, '4')),
            unit("贵池区", UnitKind::County),
            "{level:?}"
        );
    }
    let no_code = Item {
        code: String::new(),
        ..guichi("", '4')
    };
    assert_eq!(default_unit(&no_code), unit("贵池区", UnitKind::County));
    for level in ["区级", "县（区）级", "乡镇级"] {
        assert_eq!(
            default_unit(&guichi(level, '4')).kind,
            UnitKind::County,
            "{level}"
        );
    }
}

/// 行使层级 `3` against a code digit 4 and a district's region code: two to one, the level is
/// the slip (B04 reports it). With the code's digit 3 too, the item is the city's.
#[test]
fn a_county_item_marked_city_level_goes_by_its_code_and_region() {
    assert_eq!(
        default_unit(&guichi("3", '4')),
        unit("贵池区", UnitKind::County)
    );
    assert_eq!(
        default_unit(&guichi("市级", '4')),
        unit("贵池区", UnitKind::County)
    );
    assert_eq!(
        default_unit(&guichi("3", '3')),
        unit("池州市贵池区市场监督管理局", UnitKind::Department)
    );
}

/// 管委会 are assessed with the counties (附件2, 8 points): their own items at city level,
/// and their bureaus' items under the 管委会. A city department that is itself a 管理委员会
/// (国资委) stays a department.
#[test]
fn zone_committees_are_scored_with_the_counties() {
    let zone = |subject: &str, level: &str| Item {
        subject: subject.into(),
        level: level.into(),
        region_code: "341700".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&zone("池州市江南产业集中区管理委员会", "市级")),
        unit("池州市江南产业集中区管理委员会", UnitKind::County)
    );
    assert_eq!(
        default_unit(&zone("九华山风景区管委会社会事务局", "4")),
        unit("九华山风景区管委会", UnitKind::County)
    );
    assert_eq!(
        default_unit(&zone("池州市国有资产监督管理委员会", "3")),
        unit("池州市国有资产监督管理委员会", UnitKind::Department)
    );
    let marked = Item {
        unit_kind: "市直部门".into(),
        ..zone("池州市江南产业集中区管理委员会", "3")
    };
    assert_eq!(default_unit(&marked).kind, UnitKind::Department);
    let explicit = Item {
        unit: "平天湖风景区管委会".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&explicit).kind, UnitKind::County);
}

/// A county-level item whose region code is the city's own (a zone with no division code)
/// used to make a 县区 named 「池州市」 that every such body was merged into. It stays with its
/// 实施主体: named after it as a 县区, it split a department with city-level items into a
/// 市直部门 and a 县区 of one name, listed as one kind and scored as the other. Marked 县区 by
/// a 类型 column, it is named after its 实施主体 too.
#[test]
fn no_county_is_named_after_the_city() {
    let item = Item {
        subject: "九华山风景区社会事务局".into(),
        level: "4".into(),
        region_code: "341700".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&item),
        unit("九华山风景区社会事务局", UnitKind::Department)
    );
    let marked = Item {
        unit_kind: "县区".into(),
        ..item
    };
    assert_eq!(
        default_unit(&marked),
        unit("九华山风景区社会事务局", UnitKind::County)
    );
    let coded = Item {
        subject: "池州市教育体育局".into(),
        code: "11341700003125422Q4000117035000".into(),
        region_code: "341700".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&coded),
        unit("池州市教育体育局", UnitKind::Department)
    );
}

/// 设区的市级 (the value table's alias of 市级), 设区市级 and 自治区级 name 区 but are no
/// county's level: a 市场监督管理局 with them was scored out of 8.
#[test]
fn city_and_province_levels_naming_a_district_are_not_county_levels() {
    let city = |level: &str| Item {
        subject: "池州市市场监督管理局".into(),
        level: level.into(),
        code: "1134170000312541513000117035000".into(),
        region_code: "341700".into(),
        ..Item::default()
    };
    for level in ["设区的市级", "设区市级", "自治区级", "市级", "省级"] {
        assert_eq!(
            default_unit(&city(level)),
            unit("池州市市场监督管理局", UnitKind::Department),
            "{level}"
        );
    }
}

/// A zone's committee named as a department's second name (加挂牌子, in brackets) or a city
/// office for zones (…管理委员会办公室) is no zone's own body: the department, whole name
/// kept. A zone committee's bureau is the committee's.
#[test]
fn a_zone_named_beside_a_department_is_not_a_zone_committee() {
    let city = |subject: &str| Item {
        subject: subject.into(),
        level: "3".into(),
        region_code: "341700".into(),
        ..Item::default()
    };
    for subject in [
        "池州市农业农村局（池州市现代农业示范区管理委员会办公室）",
        "池州市文化和旅游局（池州市平天湖风景区管理委员会）",
        "池州市开发区管理委员会办公室",
    ] {
        assert_eq!(
            default_unit(&city(subject)),
            unit(subject, UnitKind::Department),
            "{subject}"
        );
    }
    assert_eq!(
        default_unit(&city("池州市江南产业集中区管理委员会经济发展局")),
        unit("池州市江南产业集中区管理委员会", UnitKind::County)
    );
}

/// A crawled county item has the 实施主体编码 but no 行政区划代码 (h33): every one went to
/// `(未知县区)`. The county comes from the USCC's registration digits, or the 实施编码's USCC.
#[test]
fn an_item_without_a_region_code_goes_to_the_county_of_its_uscc() {
    let item = Item {
        level: "县级".into(),
        subject: "东至县农业农村局".into(),
        subject_code: "11341721MB1517394P".into(),
        code: "11341721MB1517394P4000113025000".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item), unit("东至县", UnitKind::County));
    // Only a 实施编码, no level: its level digit and its USCC.
    let item = Item {
        subject: "石台县林业局".into(),
        code: "11341722MB1517474R4000149001000".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item), unit("石台县", UnitKind::County));
    // A 乡镇 of 贵池区.
    let item = Item {
        level: "乡级".into(),
        subject: "池州市贵池区梅村镇人民政府".into(),
        subject_code: "11341702003185010K".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item), unit("贵池区", UnitKind::County));
}

/// The USCC changes nothing for an item with a region code, nor for a city department, nor
/// when its division is not in the table.
#[test]
fn the_uscc_does_not_override_what_places_an_item() {
    let dept = Item {
        level: "市级".into(),
        subject: "池州市市场监督管理局".into(),
        subject_code: "11341700MB15743640".into(),
        code: "11341700MB157436403000104002000".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&dept),
        unit("池州市市场监督管理局", UnitKind::Department)
    );
    // The region code wins over the USCC.
    let item = Item {
        level: "4".into(),
        region_code: "341702".into(),
        subject: "东至县农业农村局".into(),
        subject_code: "11341721MB1517394P".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item), unit("贵池区", UnitKind::County));
    // The city's own region code keeps it with its 实施主体.
    let item = Item {
        level: "县级".into(),
        region_code: "341700".into(),
        subject: "池州市生态环境局东至分局".into(),
        subject_code: "11341721MB1517394P".into(),
        ..Item::default()
    };
    assert_eq!(
        default_unit(&item),
        unit("池州市生态环境局东至分局", UnitKind::Department)
    );
    // A written region name comes before the USCC's county.
    let item = Item {
        level: "县级".into(),
        region: "青阳县".into(),
        subject: "青阳县林业局".into(),
        subject_code: "11341721MB1517394P".into(),
        ..Item::default()
    };
    assert_eq!(default_unit(&item), unit("青阳县", UnitKind::County));
    // A division not in the table, or a code that is no USCC.
    for code in ["11349921MB1517394P", "113417", "1134172１MB1517394P"] {
        let item = Item {
            level: "县级".into(),
            subject: "某县某局".into(),
            subject_code: code.into(),
            ..Item::default()
        };
        assert_eq!(
            default_unit(&item),
            unit("(未知县区)", UnitKind::County),
            "{code}"
        );
    }
}
