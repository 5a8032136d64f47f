//! A list of materials written as one text (`1.食品经营许可申请书；2.营业执照复印件；3.法定代表人身份证明`),
//! as a 实施清单 made by hand has it: in one cell of a spreadsheet's 申请材料 column
//! (`sheet/material_list.rs`), or as the text of a JSON export's `materials` (or `申请材料`). Both
//! readers split it here into one material an entry, named by the entry; the material's other
//! elements (来源, 份数 …) are not in such a list, and their rules report them as missing.
//!
//! A JSON record is first parsed as usual: only when that fails is its `materials` looked at
//! ([`with_listed_materials`]), so the records whose `materials` is a list cost nothing more.
//! [`ListedInFile`] counts a file's records read so, for one notice naming them.
//!
//! The same holds for a 中介服务's `agencies` written as one text (`池州市规划设计院；安徽某某工程
//! 咨询有限公司`, [`with_listed_agencies`]): one agency an entry, named by it, with no address or
//! phone, so that I01 reports what is missing and the rest of the item is still checked.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::model::Provenance;
use crate::model::text::is_blank_or_placeholder;
use crate::source::{Notice, NoticeLevel};

/// Records a notice names, at most.
pub(crate) const SHOWN: usize = 5;

/// How a record's materials were listed when they were no list of material objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listed {
    /// One text (`"1.申请书；2.营业执照"`), with its number of entries.
    Text(usize),
    /// A list of names (`["申请书", "营业执照"]`), with the number of names.
    Names(usize),
}

/// The item object `value` with its `materials` as a list of material objects: a text split
/// into entries, or the names of a list of texts each made a material with that `name` (objects
/// among them kept); `None` when `materials` is neither.
pub(crate) fn with_listed_materials(value: &Value) -> Option<(Value, Listed)> {
    let material = |name: &str| serde_json::json!({ "name": name });
    let (list, listed) = match value.get("materials")? {
        Value::String(text) => {
            let list: Vec<Value> = split(text).into_iter().map(material).collect();
            let n = list.len();
            (list, Listed::Text(n))
        }
        Value::Array(entries) if entries.iter().any(Value::is_string) => {
            let names = entries.iter().filter(|e| e.is_string()).count();
            let list = entries
                .iter()
                .map(|e| e.as_str().map_or_else(|| e.clone(), material))
                .collect();
            (list, Listed::Names(names))
        }
        _ => return None,
    };
    let mut value = value.clone();
    value["materials"] = Value::Array(list);
    Some((value, listed))
}

/// The item object `value` with each 中介服务's `agencies` written as one text made a list of
/// agencies named by its entries (split as [`split`] does, and also at 、，: an agency's name
/// holds neither), and the number of agencies so read; `None` when no `agencies` is a text.
pub(crate) fn with_listed_agencies(value: &Value) -> Option<(Value, usize)> {
    let services = value.get("intermediaries")?.as_array()?;
    if !services
        .iter()
        .any(|s| s.get("agencies").is_some_and(Value::is_string))
    {
        return None;
    }
    let mut value = value.clone();
    let mut read = 0;
    for service in value["intermediaries"].as_array_mut()? {
        let Some(Value::String(text)) = service.get("agencies") else {
            continue;
        };
        let names: Vec<Value> = split(text)
            .into_iter()
            .flat_map(|entry| entry.split(['、', '，', ',']))
            .map(|name| name.trim().trim_end_matches(['。', '.']).trim())
            .filter(|name| !name.is_empty())
            .map(|name| serde_json::json!({ "name": name }))
            .collect();
        read += names.len();
        service["agencies"] = Value::Array(names);
    }
    Some((value, read))
}

/// The records of one JSON file whose materials were written as one text, for one notice.
#[derive(Debug, Default)]
pub(crate) struct ListedInFile {
    /// Records whose text held materials, and how many.
    items: usize,
    materials: usize,
    /// Records whose text was empty or a placeholder (`无`): read as listing none.
    empty: usize,
    /// Records whose materials were a list of names, and how many names.
    named: usize,
    names: usize,
    /// The smallest line (NDJSON) or record (array) numbers of them, at most [`SHOWN`].
    places: BTreeSet<u64>,
    /// Whether the numbers are lines (NDJSON) rather than records (an array).
    lines: bool,
    /// Records whose 中介服务机构 were one text, how many agencies they gave, and where.
    agency_items: usize,
    agencies: usize,
    agency_places: BTreeSet<u64>,
}

impl ListedInFile {
    /// Notes a record at `place` whose materials text held `entries` materials.
    pub(crate) fn add(&mut self, place: &Provenance, entries: usize) {
        self.add_listed(place, Listed::Text(entries));
    }

    /// Notes a record at `place` whose materials were listed as `listed` says.
    pub(crate) fn add_listed(&mut self, place: &Provenance, listed: Listed) {
        match listed {
            Listed::Text(0) => self.empty += 1,
            Listed::Text(entries) => {
                self.items += 1;
                self.materials += entries;
            }
            Listed::Names(names) => {
                self.named += 1;
                self.names += names;
            }
        }
        note_place(place, &mut self.lines, &mut self.places);
    }

    /// Notes a record at `place` whose agencies text held `agencies` agencies.
    pub(crate) fn add_agencies(&mut self, place: &Provenance, agencies: usize) {
        self.agency_items += 1;
        self.agencies += agencies;
        note_place(place, &mut self.lines, &mut self.agency_places);
    }

    /// Whether no record was read so.
    pub(crate) fn is_empty(&self) -> bool {
        self.items + self.empty + self.named + self.agency_items == 0
    }

    /// Adds another part's count (a batch of the streaming check's lines).
    pub(crate) fn merge(&mut self, other: Self) {
        self.items += other.items;
        self.materials += other.materials;
        self.empty += other.empty;
        self.named += other.named;
        self.names += other.names;
        self.lines |= other.lines;
        self.places.extend(other.places);
        while self.places.len() > SHOWN {
            self.places.pop_last();
        }
        self.agency_items += other.agency_items;
        self.agencies += other.agencies;
        self.agency_places.extend(other.agency_places);
        while self.agency_places.len() > SHOWN {
            self.agency_places.pop_last();
        }
    }

    /// `（第 3、8 行）`: where some of `records` records are, by line or record number.
    fn at(&self, places: &BTreeSet<u64>, records: usize) -> String {
        places_text(self.lines, places, records)
    }

    /// The notice for file `name`, if any record had its 中介服务机构 as one text.
    pub(crate) fn agency_notice(&self, name: &str) -> Option<Notice> {
        if self.agency_items == 0 {
            return None;
        }
        Some(Notice {
            level: NoticeLevel::Info,
            provenance: Provenance::file(name),
            message: format!(
                "{name} 中有 {} 条事项的中介服务机构（agencies）是一段文字，不是机构列表{}：已按分号、顿号、逗号和换行拆成 {} 家机构读取（这种写法没有机构的办公地址、联系方式，I01 会按缺项报告）。请导出为机构列表（每家机构一个对象，写明名称、办公地址、联系方式）",
                self.agency_items,
                self.at(&self.agency_places, self.agency_items),
                self.agencies
            ),
        })
    }

    /// The notice for file `name`, if any record was read so: where, how many materials, and
    /// that their other elements are missing.
    pub(crate) fn notice(&self, name: &str) -> Option<Notice> {
        let records = self.items + self.empty + self.named;
        if records == 0 {
            return None;
        }
        let at = self.at(&self.places, records);
        let split = format!(
            "已按编号、分号和换行拆成 {} 条材料读取（这种写法没有材料来源、份数等要素，相应规则会按缺项报告）",
            self.materials
        );
        let message = if self.items + self.empty == 0 {
            format!(
                "{name} 中有 {records} 条事项的申请材料只写了材料名称，不是材料对象{at}：已按名称读取 {} 条材料（没有材料来源、份数等要素，相应规则会按缺项报告）。请导出为材料列表（每条材料一个对象），材料的各要素才能逐项检查",
                self.names
            )
        } else {
            let read = match (self.items, self.empty) {
                (_, 0) => split,
                (0, _) => {
                    "都是空白或「无」（或只写了「见办事指南」一类的指引），按未列出申请材料检查"
                        .to_owned()
                }
                (_, empty) => format!(
                    "{split}；其中 {empty} 条是空白或「无」（或只写了「见办事指南」一类的指引），按未列出申请材料检查"
                ),
            };
            let named = match self.named {
                0 => String::new(),
                n => format!(
                    "；另有 {n} 条只写了材料名称，已按名称读取 {} 条材料",
                    self.names
                ),
            };
            format!(
                "{name} 中有 {records} 条事项的申请材料是一段文字，不是材料列表{at}：{read}{named}。请导出为材料列表（每条材料一个对象），材料的各要素才能逐项检查"
            )
        };
        Some(Notice {
            level: NoticeLevel::Info,
            provenance: Provenance::file(name),
            message,
        })
    }
}

/// `（第 3、8 行）`: where some of `records` records are, by line (`lines`) or record number.
pub(crate) fn places_text(lines: bool, places: &BTreeSet<u64>, records: usize) -> String {
    let mut numbers: Vec<String> = places.iter().map(u64::to_string).collect();
    if records > numbers.len() && !numbers.is_empty() {
        numbers.push("…".to_owned());
    }
    if numbers.is_empty() {
        String::new()
    } else if lines {
        format!("（第 {} 行）", numbers.join("、"))
    } else {
        format!("（第 {} 条）", numbers.join("、"))
    }
}

/// Notes the line (or, without one, the record number) of `place` among the first [`SHOWN`]
/// places; `lines` says that places are lines.
pub(crate) fn note_place(place: &Provenance, lines: &mut bool, places: &mut BTreeSet<u64>) {
    let number = match (place.row, place.record) {
        (Some(row), _) => {
            *lines = true;
            row
        }
        (None, Some(record)) => record,
        (None, None) => return,
    };
    places.insert(number);
    if places.len() > SHOWN {
        places.pop_last();
    }
}

/// The entries of a list in one text: split at line breaks and semicolons, and before a number
/// that starts an entry (`1.` `2、` `（3）` `④`) after a space, a stop or a closing bracket
/// (`…（原件1份）2、营业执照`); each entry without its number and closing punctuation. Text with
/// neither is one entry; an empty text, a placeholder alone (`无`, `/`, `暂无`) or a pointer
/// elsewhere alone (`见办事指南`, see [`is_referral`]) lists none, as an empty cell does.
pub(crate) fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    if is_blank_or_placeholder(text) || is_referral(text) {
        return out;
    }
    for part in text.split(['\n', '\r', '；', ';']) {
        let mut rest = part;
        loop {
            let entry = strip_number(rest.trim());
            let Some(at) = next_number(entry) else {
                push(&mut out, entry);
                break;
            };
            push(&mut out, &entry[..at]);
            rest = &entry[at..];
        }
    }
    out
}

/// Verbs that point a reader elsewhere (`见办事指南`, `详见服务指南`, `请参见附件`).
const REFERRAL_VERBS: &[&str] = &[
    "详见",
    "参见",
    "请见",
    "请参见",
    "请参阅",
    "参阅",
    "具体见",
    "具体详见",
    "见",
];

/// Where a referral points: a guide, an attachment, a list (`办事指南`, `附件2`, `材料清单`).
const REFERRAL_TARGETS: &[&str] = &[
    "指南", "附件", "附表", "清单", "目录", "说明", "网站", "公告",
];

/// Whether `text` only points to another document for the materials (`见办事指南`,
/// `详见服务指南。`, `请参见附件2`): a referral verb, then a short pointer to a guide, an
/// attachment or a list. Such a text names no material (`见证人身份证明` names one).
fn is_referral(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['。', '.', '；', ';', ' ']);
    REFERRAL_VERBS.iter().any(|v| {
        t.strip_prefix(v).is_some_and(|rest| {
            // A bare `见` begins words too (`见习补贴申请说明`, `见义勇为确认表`): it points only
            // right before where to look (`见办事指南`, `见附件2`, `见相关说明`).
            let pointing = *v != "见"
                || REFERRAL_TARGETS
                    .iter()
                    .chain(&["办事", "服务", "相关", "《", "上", "下"])
                    .any(|w| rest.starts_with(w));
            pointing
                && rest.chars().count() <= 16
                && REFERRAL_TARGETS.iter().any(|w| rest.contains(w))
        })
    })
}

fn push<'t>(out: &mut Vec<&'t str>, entry: &'t str) {
    let entry = entry
        .trim()
        .trim_end_matches(['。', '，', ',', '、', '.', ' ', '　'])
        .trim();
    if !entry.is_empty() {
        out.push(entry);
    }
}

/// The text after an entry's number (`1.` `1、` `1．` `1)` `（1）` `(1)` `①`), or the text.
fn strip_number(text: &str) -> &str {
    number_len(text).map_or(text, |n| text[n..].trim_start())
}

/// The length in bytes of the entry number `text` starts with.
fn number_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if ('①'..='⑳').contains(&first) {
        return Some(first.len_utf8());
    }
    let (open, mut digits_from) = match first {
        '（' | '(' => (true, first.len_utf8()),
        _ => (false, 0),
    };
    let digits = text[digits_from..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 || digits > 2 {
        return None;
    }
    digits_from += digits;
    let close = text[digits_from..].chars().next()?;
    let fits = if open {
        matches!(close, '）' | ')')
    } else {
        matches!(close, '.' | '、' | '．' | ')' | '）')
    };
    // `1.5寸照片` is no entry number: a digit after the dot.
    let after = digits_from + close.len_utf8();
    let decimal = close == '.' && text[after..].starts_with(|c: char| c.is_ascii_digit());
    (fits && !decimal).then_some(after)
}

/// Where the next entry number starts in `entry` (after a space or a stop), if anywhere.
fn next_number(entry: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (i, c) in entry.char_indices() {
        let boundary = previous.is_some_and(|p| {
            p.is_whitespace() || matches!(p, '。' | '，' | ',' | '、' | '　' | '）' | ')' | '》')
        }) || previous.is_some() && ('①'..='⑳').contains(&c);
        if boundary && i > 0 && number_len(&entry[i..]).is_some() {
            return Some(i);
        }
        previous = Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{split, with_listed_agencies};

    /// Agencies in one text are split at 、，too (an agency's name holds neither); a placeholder
    /// lists none; services whose agencies are a list are left as they are.
    #[test]
    fn agencies_in_one_text_are_one_agency_an_entry() {
        let value = serde_json::json!({"intermediaries": [
            {"name": "设计", "agencies": "1、池州市规划设计院，2、安徽某某工程咨询有限公司；池州某测绘公司。"},
            {"name": "测绘", "agencies": "无"},
            {"name": "评估", "agencies": [{"name": "池州某评估公司", "contact": "0566-2021156"}]},
        ]});
        let (read, n) = with_listed_agencies(&value).unwrap();
        assert_eq!(n, 3);
        assert_eq!(
            read["intermediaries"][0]["agencies"],
            serde_json::json!([
                {"name": "池州市规划设计院"},
                {"name": "安徽某某工程咨询有限公司"},
                {"name": "池州某测绘公司"},
            ])
        );
        assert_eq!(read["intermediaries"][1]["agencies"], serde_json::json!([]));
        assert_eq!(read["intermediaries"][2], value["intermediaries"][2]);
        assert!(with_listed_agencies(&read).is_none());
    }

    #[test]
    fn a_numbered_list_in_one_cell_is_one_material_an_entry() {
        assert_eq!(
            split("1.食品经营许可申请书；\n2.营业执照复印件；\n3.法定代表人身份证明"),
            ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证明"]
        );
        assert_eq!(
            split("（1）申请书 （2）营业执照 （3）场所平面图。"),
            ["申请书", "营业执照", "场所平面图"]
        );
        assert_eq!(
            split("①申请表②身份证③户口簿"),
            ["申请表", "身份证", "户口簿"]
        );
        assert_eq!(split("1、申请书，2、委托书"), ["申请书", "委托书"]);
    }

    #[test]
    fn numbers_inside_an_entry_do_not_split_it() {
        assert_eq!(
            split("1.5寸免冠照片2张；符合第（1）项规定的证明"),
            ["1.5寸免冠照片2张", "符合第（1）项规定的证明"]
        );
        assert_eq!(split("居民身份证"), ["居民身份证"]);
        assert!(split(" ；\n").is_empty());
    }

    /// A placeholder alone lists no material, as an empty cell does (M01 then says the item lists
    /// none, not that a material is named 「无」).
    #[test]
    fn a_placeholder_alone_lists_none() {
        for none in ["无", " 无 ", "/", "暂无", ""] {
            assert!(split(none).is_empty(), "{none:?}");
        }
        assert_eq!(split("1.申请书；2.无"), ["申请书", "无"]);
    }

    /// Numbering glued to the closing bracket of the entry before still starts an entry.
    #[test]
    fn a_number_after_a_closing_bracket_starts_an_entry() {
        assert_eq!(
            split("1、食品经营许可申请书（原件1份）2、营业执照（复印件1份）"),
            ["食品经营许可申请书（原件1份）", "营业执照（复印件1份）"]
        );
        assert_eq!(
            split("1.《申请书》2.营业执照(副本)3.身份证明"),
            ["《申请书》", "营业执照(副本)", "身份证明"]
        );
        // A number inside an entry after a bracket is no entry number.
        assert_eq!(
            split("营业执照（副本）1份；符合第（1）项规定的证明"),
            ["营业执照（副本）1份", "符合第（1）项规定的证明"]
        );
        assert_eq!(
            split("身份证（正反面）1.5寸照片"),
            ["身份证（正反面）1.5寸照片"]
        );
    }

    /// A text that only points to the guide or an attachment lists no material: M01 then says
    /// the item lists none, as for 「详见附件」.
    #[test]
    fn a_pointer_elsewhere_alone_lists_none() {
        for none in [
            "见办事指南",
            "详见办事指南。",
            "请参见附件2",
            "详见服务指南",
            "具体见材料清单",
        ] {
            assert!(split(none).is_empty(), "{none:?}");
        }
        assert_eq!(split("见证人身份证明"), ["见证人身份证明"]);
        assert_eq!(split("1.申请书；2.见附件"), ["申请书", "见附件"]);
        // 见 beginning a word is a material (就业见习, 见义勇为 items).
        assert_eq!(split("见习补贴申请说明"), ["见习补贴申请说明"]);
        assert_eq!(split("见义勇为事迹说明"), ["见义勇为事迹说明"]);
        for none in ["见相关说明", "见附表", "见《申请材料目录》"] {
            assert!(split(none).is_empty(), "{none:?}");
        }
    }
}
