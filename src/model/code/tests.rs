//! Tests of the USCC and item-code readings, against the plain definitions they replace.

use super::item_code::parse_item_code_folded;
use super::uscc::{check_uscc_chars, uscc_value};
use super::*;

proptest::proptest! {
    /// Reading a plain ASCII code as it is gives the same answer as the plain reading.
    #[test]
    fn parse_item_code_as_defined(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "11340825007865293H", "4", "000111301009", "000", "-", "340825", "1", "01",
            " ", "\u{3000}", "\t", "１", "Ａ", "－", "a", "码", "00",
        ]),
        0..9,
    )) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(parse_item_code(&text), parse_item_code_folded(&text), "{}", text);
        // The borrowed segments are those of the national form whenever given.
        if let Some((subject, level, basic, suffix)) = national_segments(&text) {
            proptest::prop_assert_eq!(
                parse_item_code(&text),
                Ok(ItemCode::National {
                    subject: subject.to_owned(),
                    level,
                    basic: basic.to_owned(),
                    suffix: suffix.to_owned(),
                })
            );
        }
    }
}

proptest::proptest! {
    /// The byte reading of the usual code answers as the character reading.
    #[test]
    fn check_uscc_as_defined(
        chars in proptest::collection::vec(
            proptest::sample::select(
                "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZa-码１".chars().collect::<Vec<_>>(),
            ),
            15..20,
        ),
        first17 in proptest::collection::vec(
            proptest::sample::select(USCC_ALPHABET.chars().collect::<Vec<_>>()),
            17,
        ),
        last in proptest::sample::select("0123456789AXYZa码".chars().collect::<Vec<_>>()),
        shape in 0..3,
    ) {
        let first17: String = first17.into_iter().collect();
        let code = match shape {
            // Anything near the length.
            0 => chars.into_iter().collect(),
            // Seventeen characters of the alphabet and their check character: the
            // organisation code is reached.
            1 => format!("{first17}{}", uscc_check_char(&first17).unwrap()),
            // … or some other last character.
            _ => format!("{first17}{last}"),
        };
        proptest::prop_assert_eq!(check_uscc(&code), check_uscc_chars(&code), "{}", code);
    }
}

#[test]
fn national_segments_are_borrowed_from_the_usual_code() {
    for text in [
        " 11340825007865293H4000111301009 ",
        "11340825007865293H400011130100901",
    ] {
        let (subject, level, basic, suffix) = national_segments(text).unwrap();
        assert_eq!(
            parse_item_code(text),
            Ok(ItemCode::National {
                subject: subject.to_owned(),
                level,
                basic: basic.to_owned(),
                suffix: suffix.to_owned(),
            })
        );
    }
    for text in [
        "11340825007865293H400011130100",
        "１1340825007865293H4000111301009",
    ] {
        assert_eq!(national_segments(text), None, "{text}");
    }
}

#[test]
fn uscc_check_digits() {
    assert_eq!(check_uscc("91110000101623741K"), Ok(()));
    assert_eq!(check_uscc("11450721MB15580811"), Ok(()));
    assert_eq!(
        check_uscc("91350211M0000XUF46"),
        Err(UsccError::CheckDigit {
            expected: 'R',
            found: '6'
        })
    );
    assert!(matches!(
        check_uscc("11340100003121637X"),
        Err(UsccError::CheckDigit { expected: 'C', .. })
    ));
    assert_eq!(check_uscc("083372204"), Err(UsccError::OrgCodeOnly));
    assert_eq!(check_uscc("00877868-5"), Err(UsccError::OrgCodeOnly));
    assert_eq!(check_uscc("1151130000877869M"), Err(UsccError::Length(17)));
    assert_eq!(
        check_uscc("11511301452259996u"),
        Err(UsccError::Charset('u'))
    );
    assert_eq!(org_code_check_char("00312163"), Some('3'));
    assert_eq!(uscc_region("11340100003121637X"), Some("340100"));
}

#[test]
fn uscc_value_table_is_the_alphabet() {
    // The plain definition the table replaces: a character's position in the alphabet.
    for c in (0..=0x3100)
        .filter_map(char::from_u32)
        .chain(['Ｏ', '０', '\u{ff21}'])
    {
        assert_eq!(
            uscc_value(c),
            USCC_ALPHABET.find(c).map(|i| i as u32),
            "{c:?}"
        );
    }
    assert_eq!(uscc_check_char("9111000010162374"), None);
    assert_eq!(uscc_check_char("91110000101623741"), Some('K'));
}

#[test]
fn national_and_hyphenated_codes() {
    let c = parse_item_code("11450721MB155808114000104002000").unwrap();
    assert_eq!(
        c,
        ItemCode::National {
            subject: "11450721MB15580811".into(),
            level: '4',
            basic: "000104002000".into(),
            suffix: String::new()
        }
    );
    let long = parse_item_code("11450721348531435D400103300200001").unwrap();
    assert!(matches!(long, ItemCode::National { ref suffix, .. } if suffix == "01"));
    let h = parse_item_code("G-000007-001-511602000000-000-115113010833722043-1-00").unwrap();
    assert_eq!(h.basic(), "G-000007-001");
    assert_eq!(h.subject(), "115113010833722043");
    let o = parse_item_code("511A0081000002-511602000000-000-00877868-5-1-00").unwrap();
    assert_eq!(o.subject(), "00877868-5");
    assert_eq!(
        parse_item_code("E-000021-001-1111111111111111"),
        Err(CodeShapeError::Segments)
    );
    assert_eq!(
        parse_item_code("1145072100811537184452004"),
        Err(CodeShapeError::Length(25))
    );
    assert_eq!(parse_item_code("  "), Err(CodeShapeError::Empty));
    assert_eq!(
        parse_item_code("事项123"),
        Err(CodeShapeError::Charset('事'))
    );
}

#[test]
fn basic_code_shape() {
    assert_eq!(check_basic_code("000104002000"), Ok(()));
    assert_eq!(check_basic_code("452004020000"), Ok(()));
    assert_eq!(
        check_basic_code("003004002000"),
        Err(BasicCodeError::ItemType("30".into()))
    );
    assert_eq!(check_basic_code("00010400200"), Err(BasicCodeError::Shape));
}
