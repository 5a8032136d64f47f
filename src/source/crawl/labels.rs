//! Label tables for extraction: every element's normalised synonyms (from the model's field
//! tables, plus those a profile adds) mapped back to the element, for items and child records.

use std::collections::{BTreeMap, HashMap};

use crate::config::Labels;
use crate::model::text::normalize_label;
use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, StepField,
};

/// A field enum of one record type (the `record!` tables share this shape).
pub(crate) trait Field: Copy + Eq + std::hash::Hash + 'static {
    /// Every field.
    fn all() -> &'static [Self];
    /// JSON key.
    fn key(self) -> &'static str;
    /// Standard label.
    fn label(self) -> &'static str;
    /// Label and synonyms.
    fn synonyms(self) -> &'static [&'static str];
}

macro_rules! impl_field {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn all() -> &'static [Self] { <$t>::ALL }
            fn key(self) -> &'static str { <$t>::key(self) }
            fn label(self) -> &'static str { <$t>::label(self) }
            fn synonyms(self) -> &'static [&'static str] { <$t>::synonyms(self) }
        }
    )*};
}
impl_field!(
    ItemField,
    MaterialField,
    StepField,
    FeeField,
    IntermediaryField,
    AgencyField,
    FaqField
);

/// Normalised label → field, for one record type.
#[derive(Debug, Clone)]
pub(crate) struct LabelMap<F: Field> {
    map: HashMap<String, F>,
}

impl<F: Field> LabelMap<F> {
    /// The built-in synonyms plus `extra` (keyed by element key or standard label). Unknown keys
    /// are returned as an error message.
    pub(crate) fn build(
        extra: &BTreeMap<String, Vec<String>>,
        table: &str,
    ) -> Result<Self, String> {
        let mut map = HashMap::new();
        for &f in F::all() {
            for syn in f.synonyms() {
                map.entry(normalize_label(syn)).or_insert(f);
            }
        }
        for (key, syns) in extra {
            let f = field_by_name::<F>(key)
                .ok_or_else(|| format!("[labels.{table}] 中的 \"{key}\" 不是已知的要素"))?;
            for syn in syns {
                map.insert(normalize_label(syn), f);
            }
        }
        Ok(Self { map })
    }

    /// The field a label names, after normalising it.
    pub(crate) fn get(&self, label: &str) -> Option<F> {
        let n = normalize_label(label);
        if n.is_empty() {
            return None;
        }
        self.map.get(&n).copied()
    }
}

/// A field by JSON key or standard label.
pub(crate) fn field_by_name<F: Field>(name: &str) -> Option<F> {
    let n = name.trim();
    F::all()
        .iter()
        .copied()
        .find(|f| f.key() == n || f.label() == n)
}

/// Every label table a guide page needs.
#[derive(Debug, Clone)]
pub(crate) struct LabelSet {
    pub item: LabelMap<ItemField>,
    pub material: LabelMap<MaterialField>,
    pub step: LabelMap<StepField>,
    pub fee: LabelMap<FeeField>,
    pub intermediary: LabelMap<IntermediaryField>,
    pub agency: LabelMap<AgencyField>,
    pub faq: LabelMap<FaqField>,
}

impl LabelSet {
    /// The built-in tables extended by a profile's `[guide.labels.*]`.
    pub(crate) fn build(extra: &Labels) -> Result<Self, String> {
        // A page's lists are told by its section headings; the names of a JSON record's lists
        // would do nothing here.
        if let Some(list) = extra.lists.keys().next() {
            return Err(format!(
                "lists 中的 \"{list}\" 只用于读取 JSON 导出中的子表，网页指南按小标题（申请材料、办理流程……）识别子表；JSON 详情请用 [json.fields] 指定字段路径"
            ));
        }
        Ok(Self {
            item: LabelMap::build(&extra.item, "item")?,
            material: LabelMap::build(&extra.material, "material")?,
            step: LabelMap::build(&extra.step, "step")?,
            fee: LabelMap::build(&extra.fee, "fee")?,
            intermediary: LabelMap::build(&extra.intermediary, "intermediary")?,
            agency: LabelMap::build(&extra.agency, "agency")?,
            faq: LabelMap::build(&extra.faq, "faq")?,
        })
    }
}

/// A child list of an item, as a guide page's section or an export's list key names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Materials,
    Steps,
    Fees,
    Intermediaries,
    Faqs,
}

/// The child list a heading or key names (`一、申请材料`, `收费标准`, `常见问题`), if any.
pub(crate) fn section_of(heading: &str) -> Option<Section> {
    let h = normalize_label(heading);
    if h.chars().count() > 20 {
        return None;
    }
    [
        ("申请材料", Section::Materials),
        ("材料目录", Section::Materials),
        ("办理流程", Section::Steps),
        ("办理环节", Section::Steps),
        ("收费标准", Section::Fees),
        ("收费项目", Section::Fees),
        ("收费信息", Section::Fees),
        ("中介服务", Section::Intermediaries),
        ("常见问题", Section::Faqs),
    ]
    .into_iter()
    .find_map(|(k, s)| h.contains(k).then_some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_profile_labels_resolve() {
        let mut extra = Labels::default();
        extra
            .item
            .insert("promised_limit".into(), vec!["承诺天数".into()]);
        let set = LabelSet::build(&extra).unwrap();
        assert_eq!(set.item.get("承诺期限："), Some(ItemField::PromisedLimit));
        assert_eq!(set.item.get("承诺天数"), Some(ItemField::PromisedLimit));
        assert_eq!(
            set.item.get(" 监督投诉电话 "),
            Some(ItemField::SupervisePhone)
        );
        assert_eq!(
            set.material.get("纸质材料份数"),
            Some(MaterialField::Copies)
        );
        assert_eq!(set.item.get("池州市长江中路1号"), None);
        let mut bad = Labels::default();
        bad.fee.insert("no_such".into(), vec!["x".into()]);
        assert!(LabelSet::build(&bad).unwrap_err().contains("no_such"));
        let mut lists = Labels::default();
        lists.lists.insert("materials".into(), vec!["CLXX".into()]);
        assert!(
            LabelSet::build(&lists)
                .unwrap_err()
                .contains("[json.fields]")
        );
    }
}
