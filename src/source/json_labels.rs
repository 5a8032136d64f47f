//! JSON records keyed by Chinese labels (`事项名称`, `实施编码`, `申请材料` …), as an Excel sheet
//! converted to JSON, or another system's export, has them: read by the spreadsheet reader's
//! header tables ([`Tables`], with the configuration's `[labels]`), so a key is read as the same
//! column header would be, with their child lists under the keys a guide page's sections have
//! (`申请材料`, `办理流程`, `收费项目`, `中介服务`, `常见问题`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::crawl::labels::{Section, section_of};
use super::sheet::columns::{Col, Kind, Tables};
use super::sheet::numbers::restored_phone;
use super::sheet::{is_bare_number, time_unit_of_label};
use super::{Notice, NoticeLevel};
use crate::config::Labels;
use crate::model::{Agency, Faq, Fee, Intermediary, Item, ItemField, Material, Provenance, Step};

/// The built-in tables, for a reader not given the configuration's labels.
static BUILT_IN: LazyLock<Tables> =
    LazyLock::new(|| Tables::new(&Labels::default(), &mut Vec::new()));

/// The header tables of `labels` for a JSON reader. The configuration's unknown keys are told by
/// the spreadsheet readers and `config`; a JSON file has nothing to add to that.
pub(crate) fn tables(labels: &Labels) -> Tables {
    Tables::new(labels, &mut Vec::new())
}

/// Reads the records of one file keyed by Chinese labels, and counts them for one notice that
/// says so.
pub(crate) struct LabelledFile<'t> {
    tables: &'t Tables,
    /// Records read by their labels.
    pub items: usize,
    /// Keys (of the items or of their child records, as `申请材料.备注`) not read as an element:
    /// kept in the records' `extra`, which no rule but G02 reads.
    pub unread: BTreeSet<String>,
    /// Keys whose phones were numbers that lost their leading 0 (given back), and whose codes
    /// were numbers (damaged: a JSON number keeps 15–17 digits, a code has 12–31), as an Excel
    /// sheet turned JSON carries them.
    pub phones_restored: BTreeSet<String>,
    pub codes_as_numbers: BTreeSet<String>,
}

impl Default for LabelledFile<'static> {
    fn default() -> Self {
        Self::new(&BUILT_IN)
    }
}

/// Unread keys a notice names, at most.
const UNREAD_SHOWN: usize = 12;

impl<'t> LabelledFile<'t> {
    pub(crate) fn new(tables: &'t Tables) -> Self {
        Self {
            tables,
            items: 0,
            unread: BTreeSet::new(),
            phones_restored: BTreeSet::new(),
            codes_as_numbers: BTreeSet::new(),
        }
    }

    /// Whether a key names an element of an item, as a spreadsheet's header would
    /// (`事项名称：`).
    pub(crate) fn is_item_label(&self, key: &str) -> bool {
        matches!(self.tables.column(Kind::Item, key), Col::Item(_))
    }

    /// The item an object keyed by Chinese labels holds, or `None` when too few of its keys are
    /// an item's labels to say it is one: at least 实施编码 or 事项名称, or two other elements, as
    /// a spreadsheet's item table needs.
    pub(crate) fn item(&mut self, value: &Value) -> Option<Item> {
        let obj = value.as_object()?;
        let fields: Vec<ItemField> = obj
            .keys()
            .filter_map(|k| match self.tables.column(Kind::Item, k) {
                Col::Item(f) => Some(f),
                _ => None,
            })
            .collect();
        let keyed = fields
            .iter()
            .any(|f| matches!(f, ItemField::Code | ItemField::Name));
        if !keyed && fields.len() < 2 {
            return None;
        }
        let mut item = Item::default();
        for (key, v) in obj {
            if let Some(section) = list_section(key, v) {
                let records = v.as_array().map(Vec::as_slice).unwrap_or_default();
                self.add_children(&mut item, section, key, records);
                continue;
            }
            // Records under a key that names no list (`"收费": [{…}]`) are no element's text.
            let records = records_of(v).is_some() && v.as_array().is_some_and(|a| !a.is_empty());
            match self.tables.column(Kind::Item, key) {
                Col::Item(field) if !records => {
                    let mut text = text_of(v);
                    if v.is_number() {
                        self.number_damage(field, key, &mut text);
                    }
                    // `"承诺办结时限（工作日）": 10`: the unit is in the label, as in a sheet's
                    // header.
                    if let Some((unit, note)) = unit_field(field).zip(time_unit_of_label(key))
                        && is_bare_number(&text)
                        && item.get(unit).is_empty()
                    {
                        *item.get_mut(unit) = note;
                    }
                    *item.get_mut(field) = text;
                }
                Col::Skip => {}
                _ => unread_value(&mut item.extra, &mut self.unread, key, v, None),
            }
        }
        self.items += 1;
        Some(item)
    }

    /// Reads one child record's fields of `kind` into `set`, and returns its keys that are no
    /// element (for the record's `extra`); `other` takes keys of its own (a service's agencies).
    /// Item labels (`实施编码` repeated in each material, as a child sheet has it) are context.
    fn fill(
        &mut self,
        obj: &Map<String, Value>,
        kind: Kind,
        list: &str,
        mut set: impl FnMut(&Col, String),
        other: impl Fn(&Col, &Value) -> bool,
    ) -> BTreeMap<String, String> {
        let mut kept = BTreeMap::new();
        for (key, v) in obj {
            match self.tables.column(kind, key) {
                Col::LinkCode | Col::Context | Col::Skip => {}
                col if other(&col, v) => {}
                Col::Extra(_) => unread_value(&mut kept, &mut self.unread, key, v, Some(list)),
                col => set(&col, text_of(v)),
            }
        }
        kept
    }

    fn add_children(&mut self, item: &mut Item, section: Section, list: &str, records: &[Value]) {
        for obj in records.iter().filter_map(Value::as_object) {
            match section {
                Section::Materials => {
                    let mut m = Material::default();
                    m.extra = self.fill(
                        obj,
                        Kind::Material,
                        list,
                        |col, t| {
                            if let Col::Material(f) = col {
                                *m.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.materials.push(m);
                }
                Section::Steps => {
                    let mut s = Step::default();
                    s.extra = self.fill(
                        obj,
                        Kind::Step,
                        list,
                        |col, t| {
                            if let Col::Step(f) = col {
                                *s.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.steps.push(s);
                }
                Section::Fees => {
                    let mut fee = Fee::default();
                    fee.extra = self.fill(
                        obj,
                        Kind::Fee,
                        list,
                        |col, t| {
                            if let Col::Fee(f) = col {
                                *fee.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.fees.push(fee);
                }
                Section::Faqs => {
                    let mut q = Faq::default();
                    self.fill(
                        obj,
                        Kind::Faq,
                        list,
                        |col, t| {
                            if let Col::Faq(f) = col {
                                *q.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.faqs.push(q);
                }
                Section::Intermediaries => item.intermediaries.push(self.service(obj, list)),
            }
        }
    }

    /// One intermediary service, with its agencies: the agency fields beside it (one agency, as
    /// a sheet's row has it), and lists of agency records under a key (`中介机构`).
    fn service(&mut self, obj: &Map<String, Value>, list: &str) -> Intermediary {
        let mut service = Intermediary::default();
        let mut own = Agency::default();
        self.fill(
            obj,
            Kind::Intermediary,
            list,
            |col, t| match col {
                Col::Intermediary(f) => *service.get_mut(*f) = t,
                Col::Agency(f) => *own.get_mut(*f) = t,
                _ => {}
            },
            |col, v| matches!(col, Col::Extra(_)) && records_of(v).is_some(),
        );
        if own != Agency::default() {
            service.agencies.push(own);
        }
        for (key, v) in obj {
            let Some(records) = records_of(v) else {
                continue;
            };
            if !matches!(self.tables.column(Kind::Intermediary, key), Col::Extra(_)) {
                continue;
            }
            for rec in records {
                let mut a = Agency::default();
                self.fill(
                    rec,
                    Kind::Intermediary,
                    key,
                    |col, t| {
                        if let Col::Agency(f) = col {
                            *a.get_mut(*f) = t;
                        }
                    },
                    |_, _| false,
                );
                service.agencies.push(a);
            }
        }
        service
    }

    /// A phone or code written as a JSON number, as Excel keeps them: a landline that lost only
    /// its leading 0 gets it back (no Chinese area code starts without one), a code is noted as
    /// damaged.
    fn number_damage(&mut self, field: ItemField, key: &str, text: &mut String) {
        match field {
            ItemField::ConsultPhone | ItemField::SupervisePhone => {
                if let Some(phone) = restored_phone(text) {
                    *text = phone;
                    self.phones_restored.insert(key.to_owned());
                }
            }
            ItemField::Code | ItemField::SubjectCode | ItemField::BasicCode => {
                self.codes_as_numbers.insert(key.to_owned());
            }
            _ => {}
        }
    }

    /// Adds another part's count (a batch of the streaming check's lines).
    pub(crate) fn merge(&mut self, other: LabelledFile<'_>) {
        self.items += other.items;
        self.unread.extend(other.unread);
        self.phones_restored.extend(other.phones_restored);
        self.codes_as_numbers.extend(other.codes_as_numbers);
    }

    /// The notice for a file with records read by their labels: a warning when some keys were
    /// no element (their text is not checked), else a note.
    pub(crate) fn notice(&self, name: &str) -> Option<Notice> {
        if self.items == 0 {
            return None;
        }
        let mut read = format!(
            "字段名不是本工具的格式（name、code 等），已按表头识别读取 {} 条事项（中文表头及配置 [labels] 中的名称，与读取 Excel 导出相同）",
            self.items
        );
        let mut warn = false;
        let named = |keys: &BTreeSet<String>| {
            keys.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("」「")
        };
        if !self.phones_restored.is_empty() {
            warn = true;
            let _ = write!(
                read,
                "。「{}」中有电话存成了数字，丢了区号开头的 0，已补回再检查（请在导出前把该列设为文本）",
                named(&self.phones_restored)
            );
        }
        if !self.codes_as_numbers.is_empty() {
            warn = true;
            let _ = write!(
                read,
                "。「{}」存成了数字，编码开头的 0 或 15 位以后的数字已丢失，无法恢复，与编码有关的问题可能是导出造成的（请在导出前把该列设为文本）",
                named(&self.codes_as_numbers)
            );
        }
        let (level, message) = if self.unread.is_empty() {
            let level = if warn {
                NoticeLevel::Warning
            } else {
                NoticeLevel::Info
            };
            (level, read)
        } else {
            let keys: Vec<&str> = self
                .unread
                .iter()
                .take(UNREAD_SHOWN)
                .map(String::as_str)
                .collect();
            let more = if self.unread.len() > UNREAD_SHOWN {
                format!("等 {} 个", self.unread.len())
            } else {
                String::new()
            };
            (
                NoticeLevel::Warning,
                format!(
                    "{read}。以下字段不是可识别的要素，其内容未按要素检查：「{}」{more}。如果其中有应检查的要素，请改用标准表头，或在配置 [labels] 中为它指定要素",
                    keys.join("」「")
                ),
            )
        };
        Some(Notice {
            level,
            provenance: Provenance::file(name),
            message,
        })
    }
}

/// The child list a key holds: a list section's key with an array of records (or an empty one).
/// `申请材料` written as one text is not a list, and is kept as an unread key.
fn list_section(key: &str, v: &Value) -> Option<Section> {
    records_of(v).and_then(|_| section_of(key))
}

/// The unit element of a time limit, whose label may carry the unit (`承诺办结时限（工作日）`).
fn unit_field(field: ItemField) -> Option<ItemField> {
    match field {
        ItemField::LegalLimit => Some(ItemField::LegalLimitUnit),
        ItemField::PromisedLimit => Some(ItemField::PromisedLimitUnit),
        _ => None,
    }
}

/// A value as the text of an element: numbers as written, `true`/`false` as 是/否, a list's
/// texts joined by `；`, an object's by a space.
fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => join(a.iter().map(text_of), "；"),
        Value::Object(o) => join(o.values().map(text_of), " "),
    }
}

fn join(texts: impl Iterator<Item = String>, sep: &str) -> String {
    texts
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Keeps a key that is no element in `extra` (if it has text) and notes it as unread.
fn unread_value(
    extra: &mut BTreeMap<String, String>,
    unread: &mut BTreeSet<String>,
    key: &str,
    v: &Value,
    list: Option<&str>,
) {
    unread.insert(match list {
        Some(list) => format!("{list}.{key}"),
        None => key.to_owned(),
    });
    let text = text_of(v);
    if !text.is_empty() {
        extra.insert(key.to_owned(), text);
    }
}

/// The records of an array of objects.
fn records_of(v: &Value) -> Option<impl Iterator<Item = &Map<String, Value>>> {
    let a = v.as_array()?;
    a.iter()
        .all(Value::is_object)
        .then(|| a.iter().filter_map(Value::as_object))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The item and the unread keys of one labelled record, by the built-in tables.
    fn read(json: &str) -> (Item, Vec<String>) {
        let mut file = LabelledFile::default();
        let item = file
            .item(&serde_json::from_str(json).unwrap())
            .expect("a labelled item");
        assert_eq!(file.items, 1);
        (item, file.unread.into_iter().collect())
    }

    #[test]
    fn an_excel_row_turned_json_is_read_by_its_labels() {
        let (i, unread) = read(
            r#"{"实施编码":"11341700MB1526185H4000113001000","事项名称":"食品经营许可（新办）",
                "实施主体":"池州市市场监督管理局","承诺办结时限（工作日）":10,
                "受理地点":"池州市长江中路89号市政务服务中心二楼8号窗口","咨询电话":"0566-2021156",
                "是否收费":false,"办理时间":["周一至周五 上午8:30-12:00","下午14:30-17:30"],
                "备注":"无"}"#,
        );
        assert_eq!(i.code, "11341700MB1526185H4000113001000");
        assert_eq!(i.name, "食品经营许可（新办）");
        assert_eq!(i.promised_limit, "10");
        assert_eq!(i.promised_limit_unit, "工作日");
        assert_eq!(i.address, "池州市长江中路89号市政务服务中心二楼8号窗口");
        assert_eq!(i.charged, "否");
        assert_eq!(i.hours, "周一至周五 上午8:30-12:00；下午14:30-17:30");
        assert_eq!(i.extra.get("备注").map(String::as_str), Some("无"));
        assert_eq!(unread, ["备注"]);
    }

    #[test]
    fn child_lists_are_read_under_their_section_keys() {
        let (i, unread) = read(
            r#"{"事项名称":"建设工程消防验收","申请材料":[
                  {"材料名称":"消防验收申请表","来源渠道":"申请人自备","纸质材料份数":1,"空白表格":"http://www.ahzwfw.gov.cn/f/消防验收申请表.docx","实施编码":"X"},
                  {"材料名称":"工程竣工验收报告","页码":"3"}],
                "办理流程":[{"环节名称":"受理","办理人":"窗口工作人员","办理时限":"1个工作日"}],
                "收费标准":[],
                "中介服务":[{"中介服务名称":"消防设施检测","中介机构":[{"机构名称":"池州市消防检测中心","联系电话":"0566-2022119"}]}],
                "常见问题":[{"问题":"验收需要多久？","解答":"承诺5个工作日内办结。"}]}"#,
        );
        let names: Vec<&str> = i.materials.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["消防验收申请表", "工程竣工验收报告"]);
        assert_eq!(i.materials[0].copies, "1");
        assert!(i.materials[0].blank_form.ends_with("消防验收申请表.docx"));
        assert_eq!(
            i.materials[1].extra.get("页码").map(String::as_str),
            Some("3")
        );
        assert_eq!(i.steps[0].handler, "窗口工作人员");
        assert!(i.fees.is_empty());
        assert_eq!(i.intermediaries[0].agencies[0].name, "池州市消防检测中心");
        assert_eq!(i.intermediaries[0].agencies[0].contact, "0566-2022119");
        assert_eq!(i.faqs.len(), 1);
        // 实施编码 repeated in a material is context; 页码 is the one key no element has.
        assert_eq!(unread, ["申请材料.页码"]);
    }

    #[test]
    fn a_list_written_as_text_and_records_of_another_system_are_not_read_as_elements() {
        let (i, unread) =
            read(r#"{"事项名称":"个体工商户登记","申请材料":"1.身份证；2.经营场所证明"}"#);
        assert!(i.materials.is_empty());
        assert_eq!(unread, ["申请材料"]);
        assert_eq!(
            i.extra.get("申请材料").map(String::as_str),
            Some("1.身份证；2.经营场所证明")
        );
        let other: Value =
            serde_json::from_str(r#"{"SXMC":"特种设备使用登记","备注":"无"}"#).unwrap();
        assert!(LabelledFile::default().item(&other).is_none());
        let one: Value = serde_json::from_str(r#"{"咨询电话":"0566-2021156"}"#).unwrap();
        assert!(
            LabelledFile::default().item(&one).is_none(),
            "one element is not enough to call an object an item"
        );
    }

    /// Should trip B04 (the code) and not B15 (the phone): an Excel sheet turned JSON writes its
    /// number cells as numbers, so a landline lost its leading 0 (given back, as for a sheet)
    /// and a 31-digit code its digits (said, as it cannot be given back).
    #[test]
    fn phones_and_codes_written_as_numbers_are_mended_or_said() {
        let mut file = LabelledFile::default();
        let value: Value = serde_json::from_str(
            r#"{"实施编码":1134170000312541513000117035000,"事项名称":"食品经营许可（新办）",
                "咨询电话":5662021156,"监督电话":12345}"#,
        )
        .unwrap();
        let item = file.item(&value).expect("a labelled item");
        assert_eq!(item.consult_phone, "05662021156");
        assert_eq!(item.supervise_phone, "12345", "a hotline is no landline");
        assert_ne!(item.code, "1134170000312541513000117035000");
        let notice = file.notice("导出.json").unwrap();
        assert_eq!(notice.level, NoticeLevel::Warning);
        assert!(
            notice.message.contains("「咨询电话」中有电话存成了数字")
                && notice.message.contains("「实施编码」存成了数字"),
            "{}",
            notice.message
        );
    }
}
