//! Phones (咨询电话, 监督电话, a 中介机构's 联系电话) that a JSON export in the tool's own keys
//! wrote as numbers, not texts (`"consult_phone": 5662021156`): a number cannot begin with 0, so
//! a landline lost the 0 of its area code. As the workbook reader and the reader of Chinese keys
//! do (`json_labels/notice.rs`), a number that is a landline without its 0
//! ([`restored_phone`], `sheet/numbers.rs`) gets it back, and one warning per file and key says
//! so, naming the records ([`PhoneNumbers::notices`]). A phone written as a text is what was
//! published, a missing 0 and all: only a number is given its 0 back.
//!
//! Not here: codes written as numbers (`codes`), phones under Chinese keys (`json_labels`).

use serde_json::Value;

use super::codes::SeenBy;
use crate::model::{Item, ItemField, Provenance};
use crate::source::listed_materials::places_text;
use crate::source::sheet::numbers::restored_phone;
use crate::source::{Notice, NoticeLevel};

/// The key and label of an agency's 联系电话, as the notice names it.
const AGENCY_CONTACT: (&str, &str) = ("intermediaries[].agencies[].contact", "中介机构联系电话");

/// Whether `text`, a phone as read, may be a number that lost its leading 0: digits only, not
/// begun with 0, that [`restored_phone`] gives a 0 back. A phone as published (`0566-2021156`)
/// is told at its first byte, so an item whose phones are texts costs nothing more.
fn may_have_lost_zero(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|b| (b'1'..=b'9').contains(b))
        && text.bytes().all(|b| b.is_ascii_digit())
        && restored_phone(text).is_some()
}

/// Gives back the leading 0 of the phones of `item`, parsed in the tool's own keys from record
/// `text`, that the record wrote as JSON numbers, noting them in `found`. The record is parsed
/// again only when a phone may be one ([`may_have_lost_zero`]), which nearly none is.
pub(crate) fn mend_own(item: &mut Item, text: &str, found: &mut PhoneNumbers) {
    let phones = [ItemField::ConsultPhone, ItemField::SupervisePhone];
    let agency = item
        .intermediaries
        .iter()
        .any(|s| s.agencies.iter().any(|a| may_have_lost_zero(&a.contact)));
    if !agency && !phones.iter().any(|&f| may_have_lost_zero(item.get(f))) {
        return;
    }
    let Ok(Value::Object(record)) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let place = item.provenance.clone();
    let name = item.name.trim().to_owned();
    for field in phones {
        let key = field.key();
        if record.get(key).is_some_and(Value::is_number)
            && let Some(phone) = restored_phone(item.get(field))
        {
            let written = std::mem::replace(item.get_mut(field), phone);
            found.note(
                (key, field.label()),
                &place,
                &name,
                (&written, item.get(field)),
            );
        }
    }
    if !agency {
        return;
    }
    let services = record.get("intermediaries").and_then(Value::as_array);
    // Said once for the item, by its first such phone.
    let mut first = None;
    for (i, service) in item.intermediaries.iter_mut().enumerate() {
        let agencies = services
            .and_then(|s| s.get(i))
            .and_then(|s| s.get("agencies"))
            .and_then(Value::as_array);
        for (j, agency) in service.agencies.iter_mut().enumerate() {
            let number = agencies
                .and_then(|a| a.get(j))
                .and_then(|a| a.get("contact"))
                .is_some_and(Value::is_number);
            if number && let Some(phone) = restored_phone(&agency.contact) {
                let written = std::mem::replace(&mut agency.contact, phone);
                first.get_or_insert_with(|| (written, agency.contact.clone()));
            }
        }
    }
    if let Some((written, restored)) = first {
        found.note(AGENCY_CONTACT, &place, &name, (&written, &restored));
    }
}

/// The phones of one file's records that were numbers and got their 0 back, by key and label,
/// for one notice each ([`PhoneNumbers::notices`]).
pub(crate) type PhoneNumbers = SeenBy<(&'static str, &'static str)>;

impl PhoneNumbers {
    /// One warning for file `name` per key whose phones were numbers given their 0 back.
    pub(crate) fn notices(&self, name: &str) -> Vec<Notice> {
        self.seen
            .iter()
            .map(|((key, label), seen)| {
                let at = places_text(self.lines, &seen.places, seen.count);
                let (_, item, written, back) = seen.example.clone().unwrap_or_default();
                let whose = if item.is_empty() {
                    String::new()
                } else {
                    format!("「{item}」的")
                };
                Notice {
                    level: NoticeLevel::Warning,
                    provenance: Provenance::file(name),
                    message: format!(
                        "{name} 中有 {} 条事项的「{key}」（{label}）写成了数字{at}，区号开头的 0 已丢失，已补回再检查（如{whose}「{written}」按「{back}」检查）。请让导出程序把电话写成文本（加引号的字符串）后重新导出",
                        seen.count
                    ),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(text: &str) -> (Item, Vec<Notice>) {
        let mut item: Item = serde_json::from_str(text).unwrap();
        item.provenance = Provenance::record("事项.json", 3);
        let mut found = PhoneNumbers::default();
        mend_own(&mut item, text, &mut found);
        (item, found.notices("事项.json"))
    }

    /// Should not trip B13/B15 (h34, j02_numbers.json: some 70 false errors on `5662021156`):
    /// a landline written as a number gets its 0 back, said once per key with an example.
    #[test]
    fn a_landline_written_as_a_number_gets_its_zero_back() {
        let (item, notices) = mended(
            r#"{"name": "食品经营许可（新办）", "consult_phone": 5662021156, "supervise_phone": 56612345,
                "intermediaries": [{"name": "建设工程消防设计审查",
                    "agencies": [{"name": "池州市勘测院", "contact": 5662028811}, {"name": "池州市规划设计研究院有限公司", "contact": "0566-2035516"},
                                 {"name": "安徽某某工程咨询有限公司", "contact": 5662101876}]}]}"#,
        );
        assert_eq!(item.consult_phone, "05662021156");
        assert_eq!(item.supervise_phone, "056612345");
        assert_eq!(item.intermediaries[0].agencies[0].contact, "05662028811");
        assert_eq!(item.intermediaries[0].agencies[1].contact, "0566-2035516");
        assert_eq!(notices.len(), 3, "{notices:?}");
        assert!(
            notices.iter().any(|n| n
                .message
                .contains("「consult_phone」（咨询电话）写成了数字（第 3 条）")
                && n.message
                    .contains("「食品经营许可（新办）」的「5662021156」按「05662021156」检查")),
            "{notices:?}"
        );
        assert_eq!(item.intermediaries[0].agencies[2].contact, "05662101876");
        // One item, said as one, by its first such phone.
        assert!(
            notices
                .iter()
                .any(|n| n.message.contains(
                    "1 条事项的「intermediaries[].agencies[].contact」（中介机构联系电话）"
                ) && n.message.contains("「5662028811」按「05662028811」检查")),
            "{notices:?}"
        );
    }

    /// A phone written as a text is what was published; a mobile, a hotline alone, a 400
    /// number or a local number without its area code written as a number is no landline that
    /// lost its 0.
    #[test]
    fn texts_and_other_numbers_stay() {
        for (text, want) in [
            (
                r#"{"name": "a", "consult_phone": "5662021156"}"#,
                "5662021156",
            ),
            (
                r#"{"name": "a", "consult_phone": 13905661234}"#,
                "13905661234",
            ),
            (r#"{"name": "a", "consult_phone": 12345}"#, "12345"),
            (
                r#"{"name": "a", "consult_phone": 4008123456}"#,
                "4008123456",
            ),
            (r#"{"name": "a", "consult_phone": 2021356}"#, "2021356"),
            (
                r#"{"name": "a", "consult_phone": "0566-2021156"}"#,
                "0566-2021156",
            ),
        ] {
            let (item, notices) = mended(text);
            assert_eq!(item.consult_phone, want, "{text}");
            assert!(notices.is_empty(), "{text}");
        }
    }
}
