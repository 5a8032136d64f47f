//! Tests of the garbled-text search and its pre-checks (with a property test of `trim`). Not
//! here: the other text tests (`tests`).

use super::{find_mojibake, line_may_hold_mojibake};

#[test]
fn finds_common_garbling() {
    assert!(find_mojibake("申请表锟斤拷锟斤拷").is_some());
    assert!(find_mojibake("营业执照�副本").is_some());
    // "申请表" encoded as UTF-8 and decoded as Windows-1252.
    assert!(find_mojibake("ç”³è¯·è¡¨.docx").is_some());
    assert!(find_mojibake("Ã¥Â\u{8f}Â\u{b0}").is_some());
}

#[test]
fn byte_precheck_lets_every_garbling_through() {
    for c in ['\u{fffd}', '锟', '烫', '屯'] {
        assert!(super::may_hold_mojibake(&format!("申请{c}")), "{c}");
    }
    for c in '\u{c2}'..='\u{ef}' {
        assert!(super::may_hold_mojibake(&format!("申请{c}表")), "{c}");
    }
    assert!(!super::may_hold_mojibake(
        "食品经营许可申请表（2023版）.docx"
    ));
    // Every length and position: short texts are padded, long ones end in an overlapping
    // window.
    for len in 0..70 {
        for at in 0..len {
            let mut t: Vec<char> = std::iter::repeat_n('a', len).collect();
            t[at] = '\u{fffd}';
            let t: String = t.into_iter().collect();
            assert!(super::may_hold_mojibake(&t), "{len} {at}");
            assert!(!super::may_hold_mojibake(&t.replace('\u{fffd}', "申")));
        }
    }
}

/// The plain pre-check: some adjacent pair of bytes satisfies the predicate.
fn plain_may_hold(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| {
        w[0] == 0xC3
            || (w[0] == 0x94 && w[1] == 0x9F)
            || (w[0] == 0x83 && w[1] == 0xAB)
            || (w[0] == 0xB1 && w[1] == 0xAF)
            || (w[0] == 0xBF && w[1] == 0xBD)
            || super::mojibake::GBK_GARBLE_PAIRS.contains(&[w[0], w[1]])
    })
}

#[test]
fn gbk_garble_pairs_are_the_listed_pairs() {
    for x in 0..=255u8 {
        for y in 0..=255u8 {
            assert_eq!(
                super::mojibake::gbk_garble_pair(x, y),
                super::mojibake::GBK_GARBLE_PAIRS.contains(&[x, y]),
                "{x:02X} {y:02X}"
            );
        }
    }
}

/// UTF-8 read as GBK, the commonest garbling of Chinese text: found, quoted as found.
#[test]
fn finds_utf8_read_as_gbk() {
    for (garbled, clean) in [
        ("钀ヤ笟鎵х収", "营业执照"),
        ("鍙戝竷", "发布"),
        ("鍔炵悊", "办理"),
        ("鍙楃悊鏉′欢", "受理条件"),
        ("鍏锋湁涓庣粡钀ョ殑椋熷搧鍝佺", "具有与经营的食品品种"),
    ] {
        // What a reader of UTF-8 as GBK shows.
        let (shown, _, _) = encoding_rs::GBK.decode(clean.as_bytes());
        assert!(
            shown.starts_with(garbled) || garbled.starts_with(&*shown),
            "{clean}: {shown}"
        );
        assert_eq!(find_mojibake(garbled).as_deref(), Some(garbled), "{clean}");
    }
    assert_eq!(
        find_mojibake("池州市长江中路89号政务服务中心二楼8号窗口鍙戝竷").as_deref(),
        Some("二楼8号窗口鍙戝竷")
    );
}

/// A rare character of a name before common ones can make UTF-8 in GBK by chance (璐电话 gives the
/// bytes of 贵绰): one rare character among common ones is clean text, not garbling.
#[test]
fn a_rare_name_before_common_words_is_clean() {
    for s in [
        "联系人王璐电话0566-2035516",
        "工作日可致电市场科王璇电话审核进度",
        "经办人王璐电话0566-2021156，请在工作时间联系",
    ] {
        assert_eq!(find_mojibake(s), None, "{s}");
    }
}

/// Rare characters of place names are GBK characters, not garbling: their GBK bytes are no UTF-8.
#[test]
fn rare_place_name_characters_are_clean() {
    for s in [
        "安徽省亳州市谯城区魏武大道88号",
        "黄山市歙县徽城镇渔梁路1号",
        "黄山市黟县碧阳镇五里路2号",
        "成都市郫都区郫筒街道望丛东路8号",
        "乐山市犍为县玉津镇",
        "宜宾市珙县巡场镇珙泉路8号",
        "绵阳市涪城区安昌路17号",
        "铜陵市枞阳县枞阳镇枞川大道1号",
        "淮北市濉溪县濉溪镇淮海路1号",
        "温州市瓯海区娄桥街道瓯海大道1号",
        "丽水市缙云县五云街道括苍路1号",
        "六安市霍邱县城关镇蓼城路1号",
        "阜阳市颍州区颍州中路1号",
        "宣城市泾县泾川镇中山路1号",
        "澳门特别行政区",
        "鍍金、鎖具、閃光灯、瑞金市、瓶装水、娱乐场所、褐色",
    ] {
        assert_eq!(find_mojibake(s), None, "{s}");
    }
}

proptest::proptest! {
    #[test]
    fn byte_precheck_is_the_plain_pair_test(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "申", "锟", "烫", "屯", "\u{fffd}", "é", "Ã", "”", "\u{94}", "\u{9f}",
                "斤", "拷", "溪", "¯", "½", "«", "鍙", "濉", "钀", "\u{e9}",
            ]),
            0..40,
        )
    ) {
        let s: String = parts.concat();
        proptest::prop_assert_eq!(super::may_hold_mojibake(&s), plain_may_hold(&s), "{:?}", s);
        // Every prefix and suffix, so every length and alignment is covered.
        for (i, _) in s.char_indices() {
            proptest::prop_assert_eq!(
                super::may_hold_mojibake(&s[i..]),
                plain_may_hold(&s[i..])
            );
            proptest::prop_assert_eq!(
                super::may_hold_mojibake(&s[..i]),
                plain_may_hold(&s[..i])
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn trim_is_str_trim(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "申", "。", " ", "\t", "\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}",
                "\u{200b}", "\u{feff}", "\u{3001}", "\u{2000}", "\u{1680}", "\u{205f}", "\u{2082}",
            ]),
            0..12,
        )
    ) {
        let s: String = parts.concat();
        proptest::prop_assert_eq!(super::trim(&s), s.trim(), "{:?}", s);
    }
}

/// `s` as a JSON string with every non-ASCII character escaped as `\uXXXX`.
fn ascii_json(s: &str) -> String {
    super::ascii_escaped(&serde_json::to_string(s).unwrap())
}

proptest::proptest! {
    #[test]
    fn line_precheck_covers_its_texts(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "申请", "屯溪区", "屯屯屯", "屯屯", "锟斤拷", "锟", "烫烫烫", "\u{fffd}", "Ã¥", "æ–‡",
                "é", "\"", "\\", "\n", "\\u", "u", "a", "。", "\u{94}", "\u{1F600}",
                "鍙戝竷", "钀ヤ笟", "濉溪", "鍙",
            ]),
            0..12,
        )
    ) {
        let s: String = parts.concat();
        for value in [serde_json::to_string(&s).unwrap(), ascii_json(&s)] {
            let line = format!("{{\"name\":{value},\"faqs\":[]}}");
            // The packed search finds what a plain search finds.
            let plain = line.bytes().any(|b| b == 0xC3)
                || line.contains("\\u")
                || super::MARKERS.iter().any(|m| line.contains(m))
                || line
                    .as_bytes()
                    .windows(2)
                    .any(|w| super::mojibake::GBK_GARBLE_PAIRS.contains(&[w[0], w[1]]));
            proptest::prop_assert_eq!(line_may_hold_mojibake(line.as_bytes()), plain, "{}", line);
            if !line_may_hold_mojibake(line.as_bytes()) {
                proptest::prop_assert_eq!(find_mojibake(&s), None, "{}", line);
            }
        }
        // The escaped form of garbling is always sent on.
        if find_mojibake(&s).is_some() {
            proptest::prop_assert!(line_may_hold_mojibake(ascii_json(&s).as_bytes()));
            proptest::prop_assert!(line_may_hold_mojibake(serde_json::to_string(&s).unwrap().as_bytes()));
        }
    }
}

#[test]
fn marker_search_is_str_find() {
    for s in [
        "",
        "屯溪区",
        "屯屯屯",
        "屯溪屯屯屯",
        "锟斤锟斤拷",
        "a\u{fffd}",
        "烫烫烫烫",
    ] {
        for marker in super::MARKERS {
            assert_eq!(
                super::find_marker(s, marker),
                s.find(marker),
                "{s} {marker}"
            );
        }
    }
}

#[test]
fn texts_below_three_bytes_are_clean() {
    // The length test in `find_mojibake` skips them; the exact search agrees.
    for s in ["", "a", "é", "ab", "\u{c3}"] {
        assert_eq!(super::find_mojibake_exactly(s), None, "{s}");
    }
    assert!(find_mojibake("\u{fffd}").is_some());
}

#[test]
fn clean_text_passes() {
    assert_eq!(find_mojibake("食品经营许可申请表（2023版）.docx"), None);
    assert_eq!(find_mojibake("Café résumé naïve"), None);
    assert_eq!(find_mojibake("第三条　收费标准：100元/件"), None);
}

/// Short names read as GBK lose bytes GBK has no character for: the reader shows `?` or drops
/// them, so the common characters are not next to each other. Still found.
#[test]
fn finds_short_names_read_as_gbk_with_lost_bytes() {
    for (garbled, clean) in [
        ("鐢宠?疯〃", "申请表"),
        ("鐢宠疯〃", "申请表"),
        ("鐢宠?蜂功", "申请书"),
        ("鎴夸骇璇?", "房产证"),
        ("鎴峰彛绨?", "户口簿"),
        ("濮旀墭涔?", "委托书"),
        ("濮旀墭涔", "委托书"),
        ("鐧昏?拌〃", "登记表"),
    ] {
        assert_eq!(find_mojibake(garbled).as_deref(), Some(garbled), "{clean}");
    }
    // Beside clean text, the stretch is quoted with its context.
    assert_eq!(
        find_mojibake("申请材料：鐢宠?疯〃（原件）").as_deref(),
        Some("申请材料：鐢宠?疯〃（原件）")
    );
    // The exact search finds 身份证复印件; its characters are not among the pre-check's pairs,
    // which stay few so that a clean line is passed in one fast scan.
    assert!(super::mojibake::find_utf8_read_as_gbk("韬?浠借瘉澶嶅嵃浠?").is_some());
}

/// Names with rare characters, written correctly, stay clean, also those whose first bytes are
/// among the pre-check's pairs (濮阳, 娅), and a `?` typed between Chinese characters.
#[test]
fn short_names_with_rare_characters_are_clean() {
    for s in [
        "濮阳市",
        "濮阳县城关镇",
        "王娅",
        "李娆",
        "濡须",
        "张翀",
        "李喆",
        "赵堃",
        "孙赟",
        "亳州市",
        "歙县",
        "濉溪县",
        "婺源县",
        "黟县",
        "璐璐",
        "王璐?",
        "是否收费?",
        "需要本人到场吗?可以委托吗?",
        "鍍金?鎖具",
        "身份证复印件",
        "申请表",
    ] {
        assert_eq!(find_mojibake(s), None, "{s}");
        assert_eq!(super::mojibake::find_utf8_read_as_gbk(s), None, "{s}");
    }
}

/// Every division and place name in the reference tables is clean text.
#[test]
fn reference_place_names_are_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut names = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            for cell in line.split(',') {
                names += 1;
                assert_eq!(
                    super::mojibake::find_utf8_read_as_gbk(cell),
                    None,
                    "{}: {cell}",
                    path.display()
                );
            }
        }
    }
    assert!(names > 1000, "{names}");
}
