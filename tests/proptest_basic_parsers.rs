//! Property tests: arbitrary text into every parser the basic-information rules use (time limits,
//! phones, item codes, USCC, addresses, opening hours, value domains, counts) and into the rules
//! B01–B15 themselves. Real exports contain anything; none of this may panic.

use proptest::prelude::*;
use zwfw_audit::model::Item;
use zwfw_audit::model::address::{address_parts, split_addresses};
use zwfw_audit::model::code::{check_basic_code, check_uscc, parse_item_code, uscc_region};
use zwfw_audit::model::domain::{Domain, parse_count, parse_domain, parse_yes_no};
use zwfw_audit::model::hours::parse_hours;
use zwfw_audit::model::phone::parse_phones;
use zwfw_audit::model::time_limit::{ParsedLimit, parse_time_limit};
use zwfw_audit::reference::{area_codes_for_region, division_status, uscc_division};
use zwfw_audit::rules::{CheckContext, RuleSet};

/// Text mixing the characters these fields are made of with anything at all.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９A-Za-z\\-—－–~～:：()（）、，,;；/ 和转号路街大道室窗口楼区上下午时点分至到个工作日月年即办件承诺无次级Ⅳ]{0,40}",
        "[0-9A-Z\\-]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(text in field_text(), unit in field_text()) {
        if let ParsedLimit::Limit(l) = parse_time_limit(&text, &unit) {
            let (lo, hi) = l.calendar_days();
            prop_assert!(lo <= hi || lo.is_nan() || hi.is_nan());
            prop_assert_eq!(l.exceeds(l), Some(false));
            let _ = l.to_string();
        }
        for p in parse_phones(&text) {
            prop_assert!(!p.number.is_empty());
            let _ = p.canonical();
        }
        if let Ok(code) = parse_item_code(&text) {
            let _ = check_uscc(code.subject());
            let _ = check_basic_code(code.basic());
        }
        let _ = check_uscc(&text);
        let _ = uscc_region(&text);
        let _ = uscc_division(&text);
        let _ = check_basic_code(&text);
        let _ = address_parts(&text);
        for a in split_addresses(&text) {
            let _ = address_parts(a);
        }
        for r in parse_hours(&text).ranges {
            let _ = r.is_valid();
        }
        for d in Domain::ALL {
            let v = parse_domain(d, &text);
            prop_assert!(v.values.iter().all(|x| !x.label.is_empty()));
            let _ = d.by_code(&text);
        }
        let _ = parse_count(&text);
        let _ = parse_yes_no(&text);
        let _ = division_status(&text);
        let _ = area_codes_for_region(&text);
    }

    #[test]
    fn basic_rules_never_panic(
        a in field_text(), b in field_text(), c in field_text(), d in field_text(),
        e in field_text(), f in field_text(), g in field_text(), h in field_text(),
    ) {
        let item = Item {
            code: a.clone(),
            subject_code: b.clone(),
            region_code: c.clone(),
            level: d.clone(),
            basic_code: e.clone(),
            item_type: f.clone(),
            power_source: g.clone(),
            quantity_limit: h.clone(),
            quantity_limit_desc: a.clone(),
            handling_type: b.clone(),
            service_object: c.clone(),
            legal_limit: d.clone(),
            legal_limit_unit: e.clone(),
            promised_limit: f.clone(),
            promised_limit_unit: g.clone(),
            visits: h.clone(),
            online_depth: a.clone(),
            express: b.clone(),
            address: c.clone(),
            hours: d.clone(),
            result_name: e.clone(),
            result_sample: f.clone(),
            consult_phone: g.clone(),
            supervise_phone: h.clone(),
            ..Item::default()
        };
        let ids = [
            "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10", "B11", "B12",
            "B13", "B14", "B15",
        ];
        let result = RuleSet::only(&ids).check_item(&item, "单位", &CheckContext::default());
        prop_assert_eq!(result.outcomes.len(), ids.len());
    }
}
