//! The item-code parser and USCC check against real published codes: 1,135 实施编码 of 广安市广安区
//! departments (`fixtures/codes/sichuan_guangan_item_codes.csv`, see its SOURCES.md) and the
//! decoded examples in `code_examples.csv`. The CSV's `subject_is_valid_uscc` column (`Y` valid,
//! anything else invalid) was computed independently; our verdict must agree on every row, and
//! nothing may panic.

use std::path::Path;

use zwfw_audit::model::Item;
use zwfw_audit::model::code::{ItemCode, is_valid_uscc, parse_item_code};
use zwfw_audit::rules::{CheckContext, RuleSet};

/// A code corpus from `fixtures/codes/`.
fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/codes")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn records(name: &str) -> Vec<csv::StringRecord> {
    let text = corpus(name);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    rdr.records().map(|r| r.expect("csv row")).collect()
}

#[test]
fn uscc_verdicts_agree_with_every_guangan_row() {
    let rows = records("sichuan_guangan_item_codes.csv");
    assert_eq!(rows.len(), 1135, "the corpus has 1,135 codes");
    let (mut valid, mut disagreements) = (0, Vec::new());
    for row in &rows {
        let item_code = &row[3];
        let seg_subject = &row[10];
        let expected = &row[13] == "Y";
        // Our verdict on the subject segment of the code as we parse it.
        let parsed = parse_item_code(item_code);
        let ours = parsed.as_ref().is_ok_and(|c| is_valid_uscc(c.subject()));
        if ours != expected {
            disagreements.push(format!("{item_code}: ours {ours}, csv {}", &row[13]));
        }
        // Where the CSV split the code, our segments are the same.
        if let Ok(ItemCode::Hyphenated {
            basic,
            region,
            subject,
            ..
        }) = &parsed
        {
            assert_eq!(subject, seg_subject, "{item_code}");
            assert_eq!(basic, &row[7], "{item_code}");
            assert_eq!(region, &row[8], "{item_code}");
        } else {
            assert!(
                seg_subject.is_empty(),
                "{item_code} was split by the CSV but not by us"
            );
        }
        // The segment verdict alone agrees too.
        assert_eq!(is_valid_uscc(seg_subject), expected, "{seg_subject}");
        valid += usize::from(ours);
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    assert_eq!(valid, 981);
}

#[test]
fn the_rule_runs_on_every_row_without_panicking() {
    let rules = RuleSet::only(&["B04"]);
    let ctx = CheckContext::default();
    let mut failing = 0;
    for row in records("sichuan_guangan_item_codes.csv") {
        let item = Item {
            name: row[2].to_owned(),
            code: row[3].to_owned(),
            region_code: row[4].to_owned(),
            ..Item::default()
        };
        let result = rules.check_item(&item, &row[0], &ctx);
        let fails = !result.findings.is_empty();
        // Every code whose subject is not a valid USCC is reported.
        if &row[13] != "Y" {
            assert!(fails, "{} should fail B04", &row[3]);
        }
        failing += usize::from(fails);
    }
    // Exactly the 154 rows with a bad subject: the rows whose subject is a valid USCC all carry the
    // district's own region segment (the one 510000000000 row has a 7-character subject).
    assert_eq!(failing, 154);
}

#[test]
fn decoded_examples_behave_as_documented() {
    let (mut usccs, mut codes) = (0, 0);
    for row in records("code_examples.csv") {
        let (example, kind, check) = (&row[0], &row[1], &row[5]);
        if kind.starts_with("USCC") {
            assert_eq!(
                is_valid_uscc(example),
                check.starts_with("valid"),
                "{example}: {check}"
            );
            usccs += 1;
            continue;
        }
        if kind.contains("身份证") || kind.contains("material") || kind.contains("办件编号")
        {
            continue; // ID numbers, material codes and case numbers are not item codes.
        }
        let parsed = parse_item_code(example);
        let ok = parsed.as_ref().is_ok_and(|c| is_valid_uscc(c.subject()));
        let documented_ok = check.starts_with("USCC OK") || check.starts_with("USCC checksum OK");
        assert_eq!(ok, documented_ok, "{example}: {check} / {parsed:?}");
        codes += 1;
    }
    assert_eq!((usccs, codes), (2, 11), "every example was checked");
}
