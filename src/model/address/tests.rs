//! Tests of the address parts: shapes seen on platforms, 街 of a place, windows numbered or
//! named, lenient reading and wrapped lines.

use super::*;

fn p(t: &str) -> (bool, bool, bool) {
    let a = address_parts(t);
    (a.street, a.door, a.room)
}

#[test]
fn shapes_seen_on_platforms() {
    assert_eq!(p("池州市长江中路1号政务服务中心"), (true, true, false));
    assert_eq!(
        p("池州市长江中路1号政务服务中心3楼305室"),
        (true, true, true)
    );
    assert_eq!(
        p("贵池区平天湖大道88号政务服务中心12号窗口"),
        (true, true, true)
    );
    assert_eq!(
        p("池州市政务服务中心（长江中路１号）二楼综合窗口"),
        (true, true, true)
    );
    assert_eq!(
        p("东至县尧渡镇东流路18号便民服务中心A区12号窗口"),
        (true, true, true)
    );
    assert_eq!(p("秋浦街道便民服务中心12号窗口"), (false, false, true));
    assert_eq!(p("贵池区秋浦西路1号市民中心B区3楼"), (true, true, false));
    assert_eq!(p("贵池区秋浦西路1号市民中心B区3号"), (true, true, true));
    assert_eq!(p("青阳县蓉城镇九华西路3号楼"), (true, false, false));
    // 号 then a district's name is a door number; 号区 then a window or 域 is a zone.
    assert_eq!(
        p("池州市贵池区秋浦西路2号区政务服务中心1楼3号窗口"),
        (true, true, true)
    );
    assert_eq!(p("九华西路3号区1号窗口"), (true, false, true));
    assert_eq!(p("九华西路3号区域"), (true, false, false));
    // Only right after a street: after a floor, 号区 is a zone and no door number.
    assert_eq!(
        p("池州市长江中路政务服务中心二楼3号区综合受理窗口"),
        (true, false, true)
    );
}

/// The 街 of a town's, township's or village's name is no street, as the 街 of a 街道 is
/// not; a street's name with 街 stays one, wherever it stands.
#[test]
fn jie_of_a_place_is_no_street() {
    let street = |t: &str| address_parts(t).street;
    for t in [
        "池州市贵池区梅街镇168号便民服务中心3号窗口",
        "池州市贵池区梅街镇梅街村108号村便民服务代办点",
        "贵池区梅街乡便民服务中心3号窗口",
        "池州市貴池區梅街鎮168號便民服務中心3號窗口",
        "秋浦街道办事处便民服务中心12号窗口",
    ] {
        assert!(!street(t), "{t}");
    }
    for t in [
        "池州市贵池区人民街12号社区服务中心2号窗口",
        "青阳县蓉城镇九华街88号便民服务中心3号窗口",
        "池州市贵池区老街18号2号窗口",
        "池州市贵池区步行街6号3楼301室",
        "池州市秋浦大街8号政务服务中心3号窗口",
        // A street in the town: the town's 街 does not hide it.
        "池州市贵池区梅街镇梅街村人民街108号便民服务中心3号窗口",
        "池州市贵池区梅街镇秋浦西路168号便民服务中心3号窗口",
        "池州市长江中路89号政务服务中心二楼12号窗口",
        "九华街",
    ] {
        assert!(street(t), "{t}");
    }
    assert_eq!(
        place_name_with_jie("池州市贵池区梅街镇168号便民服务中心3号窗口"),
        Some("梅街镇")
    );
    assert_eq!(
        place_name_with_jie("池州市贵池区梅街镇梅街村108号"),
        Some("梅街镇")
    );
    assert_eq!(
        place_name_with_jie("108号梅街村便民服务代办点"),
        Some("梅街村")
    );
    assert_eq!(
        place_name_with_jie("秋浦街道便民服务中心12号窗口"),
        Some("秋浦街道")
    );
    assert_eq!(place_name_with_jie("池州市老街18号"), None);
    assert_eq!(place_name_with_jie("街道便民服务中心"), None);
    // Its start cannot be told: no name is quoted.
    assert_eq!(place_name_with_jie("便民服务中心梅街镇"), None);
}

/// A window counts when it is numbered or named; one that leaves the visitor to ask which
/// window (相关/对应/各, or only a place and 受理/服务/办事 before it) does not.
#[test]
fn a_window_is_numbered_or_named() {
    let room = |t: &str| address_parts(t).room;
    for t in [
        "池州市贵池区长江中路89号池州市政务服务中心相关窗口",
        "池州市长江中路89号政务服务中心对应窗口",
        "东至县尧渡镇东流路18号县政务服务中心各窗口",
        "池州市长江中路89号政务服务中心服务窗口",
        "池州市长江中路89号政务服务中心办事窗口",
        "池州市长江中路89号政务服务中心受理窗口",
        "池州市长江中路89号政务服务中心二楼窗口",
        "池州市长江中路89号政务服务中心二楼各相关业务窗口",
        "池州市长江中路89号政务服务大厅窗口",
        "池州市长江中路89号政务服务中心窗口",
        "池州市长江中路89号政务服务中心3号楼窗口",
        "池州市长江中路89号政务服务中心相关专窗",
        "窗口",
        "池州市长江中路89号",
    ] {
        assert!(!room(t), "{t}");
    }
    for t in [
        "池州市长江中路89号政务服务中心3号窗口",
        "池州市长江中路89号政务服务中心12号窗",
        "池州市长江中路89号政务服务中心A区5号窗口",
        "池州市长江中路89号政务服务中心窗口3",
        "池州市长江中路89号政务服务中心二楼窗口 12号",
        "池州市长江中路89号政务服务中心十二号窗口",
        "池州市长江中路89号政务服务中心市场监管窗口",
        "池州市长江中路89号政务服务中心综合受理窗口",
        "池州市长江中路89号政务服务中心不动产登记窗口",
        "池州市长江中路89号政务服务中心社保综合窗口",
        "池州市长江中路89号政务服务中心市场监管专窗",
        "池州市长江中路89号政务服务中心3号专窗",
        "池州市长江中路89号政务服务中心二楼窗口（市场监管局）",
        "池州市长江中路89号政务服务中心二楼201室",
        // A room beside an unnamed window is the room to go to.
        "池州市长江中路89号政务服务中心二楼201室相关窗口",
    ] {
        assert!(room(t), "{t}");
    }
    // Full-width text is folded first: the number after the window still counts.
    assert!(room("池州市长江中路８９号政务服务中心窗口（３号）"));
}

#[test]
fn spaced_out_and_traditional_addresses_read_leniently() {
    let l = |t: &str| {
        let a = address_parts_lenient(t);
        (a.street, a.door, a.room)
    };
    assert_eq!(
        l("池州市长江中路 89 号 政务服务中心 二楼 8 号窗口"),
        (true, true, true)
    );
    assert_eq!(
        l("池州市長江中路89號政務服務中心二樓8號窗口"),
        (true, true, true)
    );
    assert_eq!(l("石台县政务服务大厅"), (false, false, false));
    assert_eq!(l("青阳县 九华西路 3 号楼"), (true, false, false));
}

#[test]
fn wrapped_lines_join_and_separate_addresses_stay_apart() {
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心\n二楼8号窗口"),
        ["池州市长江中路89号政务服务中心二楼8号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心二楼8号窗口\r\n（市场监管局）"),
        ["池州市长江中路89号政务服务中心二楼8号窗口（市场监管局）"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路8\n9号政务服务中心8号窗口"),
        ["池州市长江中路89号政务服务中心8号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路1号政务服务中心一楼8号窗口\n贵池区百牙中路6号人社局"),
        [
            "池州市长江中路1号政务服务中心一楼8号窗口",
            "贵池区百牙中路6号人社局"
        ]
    );
    // A street's name broken over the lines is one address.
    assert_eq!(
        join_wrapped_lines("池州市长江中\n路89号政务服务中心二楼8号窗口"),
        ["池州市长江中路89号政务服务中心二楼8号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江\r\n中路89号政务服务中心二楼8号窗口"),
        ["池州市长江中路89号政务服务中心二楼8号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市秋浦大\n街8号政务服务中心3号窗口"),
        ["池州市秋浦大街8号政务服务中心3号窗口"]
    );
    // A street's name of its own on the next line is another address, also when it has one
    // character (`东街`, `正街`) after a finished name.
    assert_eq!(
        join_wrapped_lines("池州市政务服务中心\n东街18号市场监管局3楼302室"),
        ["池州市政务服务中心", "东街18号市场监管局3楼302室"]
    );
    assert_eq!(
        join_wrapped_lines("青阳县政务服务中心综合窗口\n西街18号县市场监管局3楼302室"),
        ["青阳县政务服务中心综合窗口", "西街18号县市场监管局3楼302室"]
    );
    assert_eq!(
        join_wrapped_lines("东至县尧渡镇便民服务中心\n正街18号3号窗口"),
        ["东至县尧渡镇便民服务中心", "正街18号3号窗口"]
    );
    // After a place's name it is the street of that place.
    assert_eq!(
        join_wrapped_lines("青阳县蓉城镇\n东街18号便民服务中心3号窗口"),
        ["青阳县蓉城镇东街18号便民服务中心3号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市政务服务中心\n百牙中路6号人社局2号窗口"),
        ["池州市政务服务中心", "百牙中路6号人社局2号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中\n东至县尧渡镇东流路18号便民服务中心3号窗口"),
        ["池州市长江中", "东至县尧渡镇东流路18号便民服务中心3号窗口"]
    );
    // A line that begins with a place of its own is another address, complete or not.
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心\n东至县尧渡镇政务服务中心3号窗口"),
        [
            "池州市长江中路89号政务服务中心",
            "东至县尧渡镇政务服务中心3号窗口"
        ]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心8号窗口\n池州市贵池区政务服务中心"),
        [
            "池州市长江中路89号政务服务中心8号窗口",
            "池州市贵池区政务服务中心"
        ]
    );
    assert_eq!(
        join_wrapped_lines(
            "池州市长江中路1号政务服务中心一楼8号窗口\n秋浦街道便民服务中心12号窗口"
        ),
        [
            "池州市长江中路1号政务服务中心一楼8号窗口",
            "秋浦街道便民服务中心12号窗口"
        ]
    );
    // h9 问题3: after an address that stops at its door number, a line that begins with the
    // same place and has no street or door number of its own names the building there.
    assert_eq!(
        join_wrapped_lines("青阳县木镇镇木镇街68号\n木镇镇便民服务中心\n2号窗口"),
        ["青阳县木镇镇木镇街68号木镇镇便民服务中心2号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号\r\n池州市政务服务中心二楼15号窗口"),
        ["池州市长江中路89号池州市政务服务中心二楼15号窗口"]
    );
    // Another place, an address before that goes on past its door number, or a line with a
    // street or a door number of its own: another address, as before.
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号\n东至县政务服务中心3号窗口"),
        ["池州市长江中路89号", "东至县政务服务中心3号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心\n池州市贵池区政务服务中心"),
        ["池州市长江中路89号政务服务中心", "池州市贵池区政务服务中心"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号\n池州市秋浦西路2号市民中心3号窗口"),
        ["池州市长江中路89号", "池州市秋浦西路2号市民中心3号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("青阳县木镇镇木镇街68号\n木镇镇68号便民服务中心2号窗口"),
        ["青阳县木镇镇木镇街68号", "木镇镇68号便民服务中心2号窗口"]
    );
    assert_eq!(
        join_wrapped_lines("池州市长江中路89号政务服务中心8号窗口\n池州市政务服务中心二楼15号窗口"),
        [
            "池州市长江中路89号政务服务中心8号窗口",
            "池州市政务服务中心二楼15号窗口"
        ]
    );
    assert_eq!(
        join_wrapped_lines(
            "池州市长江中路1号政务服务中心\n贵池区百牙中路6号人社局2号窗口；东至县政务服务大厅"
        ),
        [
            "池州市长江中路1号政务服务中心",
            "贵池区百牙中路6号人社局2号窗口",
            "东至县政务服务大厅"
        ]
    );
}

/// A number in a list of windows (`7号、8号窗口`) or after a window (`窗口（7号、8号窗口）`) is a
/// window's, not a door number; the street's own number still counts beside it (h33).
#[test]
fn a_window_number_is_no_door_number() {
    for t in [
        "青阳县蓉城镇九华西路青阳县政务服务中心一楼出入境窗口（7号、8号窗口）",
        "青阳县蓉城镇九华西路政务服务中心一楼7号、8号窗口",
        "青阳县蓉城镇九华西路政务服务中心一楼7号，8号窗口",
        "青阳县蓉城镇九华西路政务服务中心一楼7号至9号窗口",
        "青阳县蓉城镇九华西路政务服务中心一楼出入境窗口（7号）",
        "青阳县蓉城镇九华西路政务服务中心一楼出入境窗口7号",
        "青阳县蓉城镇九华西路政务服务中心一楼七号、八号窗口",
        "青阳县蓉城镇九华西路政务服务中心1号、2号楼3楼",
    ] {
        assert!(!address_parts(t).door, "{t}");
    }
    for t in [
        "青阳县蓉城镇九华西路16号青阳县政务服务中心一楼出入境窗口（7号、8号窗口）",
        "青阳县蓉城镇九华西路88号政务服务中心一楼7号、8号窗口",
        "池州市贵池区长江中路1号池州市政务服务中心三楼医保服务区（18号、19号窗口）",
        "东至县尧渡镇升金湖路98号东至县政务服务中心一楼医保窗口（A5-A6号窗口）",
        "青阳县蓉城镇九华西路88号3号楼2楼5号窗口",
        "池州市长江中路88-2号政务服务中心7号窗口",
        "池州市政务服务中心（长江中路１号）二楼综合窗口",
        "池州市贵池区秋浦西路2号区政务服务中心1楼3号、4号窗口",
    ] {
        assert_eq!(p(t), (true, true, true), "{t}");
    }
}

/// A part labelled as the online way that names online channels is no place (h33).
#[test]
fn an_online_channel_is_no_place() {
    for t in [
        "线上：国家医保服务平台APP、皖事通APP",
        "网上办理：安徽政务服务网（www.ahzwfw.gov.cn）",
        "线上办理:皖事通APP",
        "在线办理：池州市政务服务网",
    ] {
        assert!(names_online_channel(t), "{t}");
    }
    for t in [
        "线下：池州市贵池区长江中路1号池州市政务服务中心三楼医保服务区（18号、19号窗口）",
        "线上线下：池州市长江中路1号政务服务中心3号窗口",
        "网上办事大厅",
        "线上：池州市长江中路1号政务服务中心网上办事专区3号窗口",
        "池州市长江中路1号政务服务中心",
    ] {
        assert!(!names_online_channel(t), "{t}");
    }
    assert_eq!(
        without_online_channels(
            "线下：池州市贵池区长江中路1号池州市政务服务中心三楼医保服务区（18号、19号窗口）；线上：国家医保服务平台APP、皖事通APP"
        ),
        "线下：池州市贵池区长江中路1号池州市政务服务中心三楼医保服务区（18号、19号窗口）；"
    );
    assert_eq!(
        without_online_channels("线上：皖事通APP\n池州市政务服务中心"),
        "池州市政务服务中心"
    );
    // Only the online way: the field is checked as it is.
    assert_eq!(
        without_online_channels("线上：皖事通APP"),
        "线上：皖事通APP"
    );
}

/// A number right after a street's name, first of a list of windows, is the street's door
/// number (`长江中路1号、3号窗口`); a list after anything else is all windows, one of buildings may
/// stand on the street with no door number, and numbers after 窗口 are windows (h35).
#[test]
fn a_door_number_before_a_window_list_is_a_door_number() {
    for t in [
        "池州市贵池区长江中路1号、3号窗口",
        "池州市政务服务中心（长江中路1号、3号窗口）",
        "池州市政务服务中心（长江中路1号）3号窗口",
        "池州市政务服务中心（长江中路１号、３号窗口）",
        "贵池区平天湖大道88号、12号窗口",
        "东至县尧渡镇升金湖路98号，5号、6号窗口",
        "池州市长江中路1号政务服务中心1号、3号窗口",
        "池州市长江中路1号政务服务中心综合窗口1、3号",
    ] {
        assert_eq!(p(t), (true, true, true), "{t}");
    }
    for t in [
        "池州市政务服务中心一楼1号、3号窗口",
        "池州市长江中路政务服务中心1号、3号窗口",
        "池州市长江中路政务服务中心综合窗口1、3号",
        "青阳县蓉城镇九华西路3号、4号楼2楼",
    ] {
        assert!(!address_parts(t).door, "{t}");
    }
    assert_eq!(p("池州市长江中路1号"), (true, true, false));
}

/// A door number after a street, then a window after `，`, `、`, a space or `；` (h35, tester
/// h25: `城管窗口（秋浦西路2号，B12号窗口）`), is a door number and a window, not a list of
/// windows; a floor after the door number (`2号，3楼`, `2号，一楼`) is no list of buildings.
#[test]
fn a_door_number_then_a_window_after_a_comma_is_door_and_window() {
    for t in [
        "池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号，B12号窗口）",
        "池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号、B12号窗口）",
        "池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号 B12号窗口）",
        "池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号，一楼B12号窗口）",
        "池州市贵池区政务服务中心（秋浦西路2号，3楼5号窗口）",
        "池州市贵池区秋浦西路2号，二楼12号窗口",
    ] {
        assert_eq!(p(t), (true, true, true), "{t}");
    }
    // Lists of buildings stay lists.
    for t in ["青阳县蓉城镇九华西路3号、4号楼2楼", "九华西路3号、4、5号楼"]
    {
        assert!(!address_parts(t).door, "{t}");
    }
    // A `；` inside brackets ends no address.
    assert_eq!(
        split_addresses("池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号；B12号窗口）"),
        ["池州市贵池区政务服务中心一楼城管窗口（秋浦西路2号；B12号窗口）"]
    );
    assert_eq!(
        split_addresses("池州市长江中路1号政务服务中心3号窗口；贵池区秋浦西路2号5号窗口"),
        [
            "池州市长江中路1号政务服务中心3号窗口",
            "贵池区秋浦西路2号5号窗口"
        ]
    );
    // Brackets that do not pair up: every `；` ends a part.
    assert_eq!(
        split_addresses("池州市政务服务中心（长江中路1号；3号窗口"),
        ["池州市政务服务中心（长江中路1号", "3号窗口"]
    );
    // A part that only names a window is the window of the address before it.
    for (t, joined) in [
        (
            "池州市贵池区秋浦西路2号；B12号窗口",
            "池州市贵池区秋浦西路2号；B12号窗口",
        ),
        (
            "池州市贵池区政务服务中心（秋浦西路2号）；二楼B12号窗口",
            "池州市贵池区政务服务中心（秋浦西路2号）；二楼B12号窗口",
        ),
    ] {
        assert_eq!(join_wrapped_lines(t), [joined], "{t}");
    }
    // Not when the part names a place or a building, or the address before has its window.
    for t in [
        "池州市贵池区秋浦西路2号；贵池区政务服务中心B12号窗口",
        "池州市长江中路1号政务服务中心3号窗口；5号窗口",
        "池州市政务服务中心；B12号窗口",
    ] {
        assert_eq!(join_wrapped_lines(t).len(), 2, "{t}");
    }
}

/// A street's number right before a 窗口 numbered after it is the street's door number: the
/// window has its numbers after it (h35 regression of round 1: `长江中路89号窗口1、3号`). A
/// number before 窗口 with no street before it, or no number after the window, stays a window's.
#[test]
fn a_door_number_before_a_window_numbered_after_it() {
    for t in [
        "池州市贵池区长江中路89号窗口1、3号",
        "池州市贵池区长江中路1号窗口1、3号",
        "池州市贵池区长江中路1号窗口（1、3号）",
        "池州市贵池区长江中路1号窗口（1号、3号）",
        "池州市政务服务中心（长江中路１号窗口１、３号）",
        "池州市贵池区长江中路1号、3号窗口",
    ] {
        assert_eq!(p(t), (true, true, true), "{t}");
    }
    for t in [
        "池州市贵池区长江中路政务服务中心1号窗口1、3号",
        "池州市贵池区长江中路政务服务中心综合窗口1、3号",
        "池州市贵池区长江中路89号窗口",
        "池州市贵池区长江中路政务服务中心一楼8号窗口（1、3号）",
    ] {
        assert!(!address_parts(t).door, "{t}");
    }
}
