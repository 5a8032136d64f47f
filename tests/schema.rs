//! `schema/item.schema.json` describes the tool's own item format: the bundled sample, every
//! per-rule fixture item and every item the readers produce validate against it, its property
//! lists follow the model's field tables, and it rejects what it should (it is not vacuous).

use std::path::Path;

use serde_json::{Value, json};
use zwfw_audit::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, StepField,
};
use zwfw_audit::source::{Record, read_inputs};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&load(&root().join("schema/item.schema.json"))).unwrap()
}

fn errors(v: &jsonschema::Validator, item: &Value) -> Vec<String> {
    v.iter_errors(item)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sample_items_validate() {
    let v = validator();
    let items = load(&root().join("fixtures/exports/sample.json"));
    let items = items.as_array().unwrap();
    assert!(items.len() >= 36);
    for item in items {
        let errs = errors(&v, item);
        assert!(errs.is_empty(), "{}: {errs:?}", item["code"]);
    }
}

#[test]
fn rule_fixture_items_validate() {
    let v = validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("fixtures/rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let fixture = load(&path);
        for side in ["pass", "fail"] {
            for case in fixture[side].as_array().unwrap() {
                let errs = errors(&v, &case["item"]);
                assert!(
                    errs.is_empty(),
                    "{} {side} \"{}\": {errs:?}",
                    path.display(),
                    case["note"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 12, "only {checked} fixture items found");
}

#[test]
fn items_read_from_the_xlsx_serialise_to_valid_json() {
    let v = validator();
    let mut n = 0;
    read_inputs(&[root().join("fixtures/exports/sample.xlsx")], &mut |r| {
        if let Record::Item(item) = r {
            let value = serde_json::to_value(&item).unwrap();
            let errs = errors(&v, &value);
            assert!(errs.is_empty(), "{}: {errs:?}", item.code);
            n += 1;
        }
    });
    assert_eq!(n, 36);
}

fn keys(schema: &Value, pointer: &str) -> Vec<String> {
    let mut k: Vec<String> = schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{pointer} missing"))
        .keys()
        .cloned()
        .collect();
    k.sort();
    k
}

fn expected<'a>(fields: impl Iterator<Item = &'a str>, tail: &[&'a str]) -> Vec<String> {
    let mut k: Vec<String> = fields
        .chain(tail.iter().copied())
        .map(str::to_owned)
        .collect();
    k.sort();
    k
}

#[test]
fn schema_properties_follow_the_field_tables() {
    let s = load(&root().join("schema/item.schema.json"));
    let tail = [
        "materials",
        "steps",
        "fees",
        "intermediaries",
        "faqs",
        "extra",
        "provenance",
    ];
    assert_eq!(
        keys(&s, "/properties"),
        expected(ItemField::ALL.iter().map(|f| f.key()), &tail)
    );
    assert_eq!(
        keys(&s, "/$defs/material/properties"),
        expected(
            MaterialField::ALL.iter().map(|f| f.key()),
            &["extra", "provenance"]
        )
    );
    assert_eq!(
        keys(&s, "/$defs/step/properties"),
        expected(
            StepField::ALL.iter().map(|f| f.key()),
            &["extra", "provenance"]
        )
    );
    assert_eq!(
        keys(&s, "/$defs/fee/properties"),
        expected(
            FeeField::ALL.iter().map(|f| f.key()),
            &["extra", "provenance"]
        )
    );
    assert_eq!(
        keys(&s, "/$defs/intermediary/properties"),
        expected(
            IntermediaryField::ALL.iter().map(|f| f.key()),
            &["agencies", "provenance"]
        )
    );
    assert_eq!(
        keys(&s, "/$defs/agency/properties"),
        expected(AgencyField::ALL.iter().map(|f| f.key()), &[])
    );
    assert_eq!(
        keys(&s, "/$defs/faq/properties"),
        expected(FaqField::ALL.iter().map(|f| f.key()), &["provenance"])
    );
}

#[test]
fn schema_rejects_wrong_types_and_unknown_keys() {
    let v = validator();
    let good = json!({"name": "食品经营许可（新办）", "code": "1134170000312541513000117035000"});
    assert!(v.is_valid(&good));
    for bad in [
        json!({"name": 15}),
        json!({"power_source": 1}),
        json!({"nmae": "食品经营许可（新办）"}),
        json!({"materials": [{"name": "申请书", "copies": 1}]}),
        json!({"materials": {"name": "申请书"}}),
        json!({"intermediaries": [{"name": "勘测定界", "agencies": [{"name": "池州市勘测院", "phone": "0566-2028811"}]}]}),
        json!({"extra": {"备注": 3}}),
        json!({"provenance": {"source": "a.xlsx", "row": 0}}),
        json!(["not", "an", "item"]),
    ] {
        assert!(!v.is_valid(&bad), "should be rejected: {bad}");
    }
}
