//! The 实施清单 (implementation list) of one 政务服务事项 as published: [`Item`] and its child records.
//!
//! Values are kept as the published text (trimmed), because the audit is about that text; parsers in
//! sibling modules (time limits, phones, codes) interpret it where a rule needs a typed value.

use std::collections::BTreeMap;

use super::fields::record;
use super::list::List;
use super::provenance::Provenance;

record! {
    /// 政务服务事项实施清单 — one service item as published by one implementing body in one region.
    pub struct Item / ItemField {
        /// 事项名称 — item name.
        name / Name: "事项名称" ["实施清单名称", "事项名", "服务事项名称"],
        /// 实施编码 — national implementation code (31 characters) or a provincial form.
        code / Code: "实施编码" ["事项编码", "实施清单编码", "事项实施编码", "业务办理项编码", "事项代码"],
        /// 基本编码 — 12-digit basic code of the catalogue item.
        basic_code / BasicCode: "基本编码" ["事项基本编码", "目录编码", "基本目录编码"],
        /// 事项类型 — item type (01 行政许可 … 20 公共服务), code or label.
        item_type / ItemType: "事项类型" ["权力类型", "事项类别", "权力事项类型"],
        /// 实施主体 — implementing body.
        subject / Subject: "实施主体" ["实施主体名称", "实施机构", "实施部门", "办理部门", "实施机关"],
        /// 实施主体编码 — the implementing body's 统一社会信用代码 (USCC).
        subject_code / SubjectCode: "实施主体编码" ["实施主体统一社会信用代码", "实施机构代码", "实施主体代码", "统一社会信用代码", "实施机构统一社会信用代码"],
        /// 行政区划代码 — region code (6 or 12 digits).
        region_code / RegionCode: "行政区划代码" ["区划代码", "行政区划编码", "所属区划代码", "区划编码"],
        /// 行政区划名称 — region name.
        region / Region: "行政区划" ["行政区划名称", "区划名称", "所属区划", "所属地区"],
        /// 行使层级 — exercise level (1 国家 … 6 村/社区), code or label.
        level / Level: "行使层级" ["层级", "行使层级名称"],
        /// 考核单位 — the unit scored for this item; derived from 实施主体 and region when empty.
        unit / Unit: "考核单位" ["被考核单位", "所属单位"],
        /// 考核单位类型 — 市直部门 (city department, 14 points) or 县区 (county/district, 8 points).
        unit_kind / UnitKind: "考核单位类型" ["单位类型", "被考核单位类型"],
        /// 权力来源 — source of power, code or label.
        power_source / PowerSource: "权力来源" ["权力来源名称"],
        /// 数量限制 — whether there is a quantity limit (有/无), possibly with its description.
        quantity_limit / QuantityLimit: "数量限制" ["有无数量限制", "是否有数量限制", "是否存在数量限制"],
        /// 数量限制说明 — description of the quantity limit.
        quantity_limit_desc / QuantityLimitDesc: "数量限制说明" ["数量限制描述", "数量限制具体规定", "数量限制内容"],
        /// 办件类型 — 承诺件 / 即办件 (+ 上报件, 联办件), code or label.
        handling_type / HandlingType: "办件类型" ["事项办件类型", "办理类型"],
        /// 服务对象 — service objects (multi-valued), codes or labels.
        service_object / ServiceObject: "服务对象" ["服务对象类型", "面向对象", "办理对象"],
        /// 法定办结时限 — statutory time limit.
        legal_limit / LegalLimit: "法定办结时限" ["法定期限", "法定时限", "法定办理时限", "法定办结期限"],
        /// 法定办结时限单位 — unit of the statutory limit when published in its own field.
        legal_limit_unit / LegalLimitUnit: "法定办结时限单位" ["法定时限单位", "法定期限单位"],
        /// 法定时限说明 — explanation of the statutory limit (e.g. why there is none).
        legal_limit_note / LegalLimitNote: "法定办结时限说明" ["法定时限说明", "法定期限说明"],
        /// 承诺办结时限 — committed time limit.
        promised_limit / PromisedLimit: "承诺办结时限" ["承诺办理时限", "承诺时限", "承诺期限", "承诺办结期限"],
        /// 承诺办结时限单位 — unit of the committed limit when published in its own field.
        promised_limit_unit / PromisedLimitUnit: "承诺办结时限单位" ["承诺时限单位", "承诺期限单位"],
        /// 到现场次数 — number of visits to the service hall.
        visits / Visits: "到现场次数" ["到办事现场次数", "办事者到办事现场次数", "跑动次数", "到现场办理次数"],
        /// 必须现场办理原因说明 — why a visit is needed.
        onsite_reason / OnsiteReason: "必须现场办理原因说明" ["必须到现场原因", "到现场原因说明", "必须现场办理原因"],
        /// 网办深度 — online handling depth (一级…四级, Ⅳ级 = 全程网办).
        online_depth / OnlineDepth: "网办深度" ["网上办理深度", "网上办理深度等级", "网办深度等级"],
        /// 物流快递 — whether express delivery is supported.
        express / Express: "物流快递" ["是否支持物流快递", "支持物流快递", "快递服务", "是否支持快递"],
        /// 办理地点 — where to apply.
        address / Address: "办理地点" ["受理地点", "具体地址", "办理地址", "受理地址"],
        /// 办理时间 — opening hours.
        hours / Hours: "办理时间" ["受理时间", "工作时间", "办公时间"],
        /// 结果名称 — name of the result (licence, certificate, approval).
        result_name / ResultName: "结果名称" ["审批结果名称", "办理结果名称", "结果证照名称", "审批结果"],
        /// 结果样本 — result sample (statement, file name or link).
        result_sample / ResultSample: "结果样本" ["审批结果样本", "结果样本附件", "结果样本下载", "办理结果样本"],
        /// 咨询电话 — consultation phone.
        consult_phone / ConsultPhone: "咨询电话" ["咨询方式", "联系电话", "咨询电话号码", "咨询途径"],
        /// 监督电话 — supervision (complaint) phone.
        supervise_phone / SupervisePhone: "监督电话" ["监督投诉电话", "投诉电话", "监督投诉方式", "监督投诉渠道", "投诉监督电话"],
        /// 是否收费 — whether a fee is charged.
        charged / Charged: "是否收费" ["收费", "是否涉及收费", "收费情况"],
        /// 是否涉及中介服务 — whether an intermediary service is required.
        intermediary / Intermediary: "是否涉及中介服务" ["中介服务", "是否有中介服务", "是否需要中介服务"],
        /// 设定依据 — legal basis of the item.
        legal_basis / LegalBasis: "设定依据" ["法律依据", "实施依据", "设立依据"],
        /// 受理条件 — conditions of acceptance.
        conditions / Conditions: "受理条件" ["申请条件", "办理条件", "申请人条件"],
        /// 在线办理地址 — online handling URL.
        online_url / OnlineUrl: "在线办理地址" ["网上办理地址", "在线办理链接", "办理链接", "网办地址"],
        /// 办事指南地址 — the guide page the item was published on.
        guide_url / GuideUrl: "办事指南地址" ["指南链接", "办事指南链接", "页面地址"],
    }
    tail {
        /// 申请材料 — application materials.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        pub materials: List<Material>,
        /// 办理流程 — process steps.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        pub steps: List<Step>,
        /// 收费项目 — fees.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        pub fees: List<Fee>,
        /// 中介服务 — intermediary services.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        pub intermediaries: List<Intermediary>,
        /// 常见问题 — FAQs.
        #[serde(default, skip_serializing_if = "List::is_empty")]
        pub faqs: List<Faq>,
        /// Columns the reader did not recognise, kept by their original header.
        #[serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "super::fields::extra"
        )]
        pub extra: BTreeMap<String, String>,
        /// Where the item was read.
        #[serde(default, deserialize_with = "super::fields::or_empty")]
        pub provenance: Provenance,
        /// What the NDJSON reader learnt from the item's raw line (not data).
        #[serde(skip)]
        pub raw_facts: RawLineFacts,
        /// The child lists its source could not read (a damaged sheet), not found empty.
        #[serde(skip)]
        pub unread: UnreadLists,
    }
}

/// The child lists of an item that its source could not read — a workbook's 常见问题 sheet
/// that is damaged — as opposed to lists read and found empty. A rule about such a list does
/// not apply to the item ([`crate::rules::RuleMeta::applies_unread`]): the unit is not charged for a
/// file the tool could not read, and the notice of the damaged sheet says so. Also the codes
/// the export damaged past telling (a number cell that kept 15 digits, scientific notation, a
/// JSON number that kept 17): they are not what the platform publishes, and B04 does not judge
/// them. Only the readers set it; not serialised (the incremental check's content hash adds it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct UnreadLists {
    /// 申请材料.
    pub materials: bool,
    /// 办理流程.
    pub steps: bool,
    /// 收费项目.
    pub fees: bool,
    /// 中介服务.
    pub intermediaries: bool,
    /// 常见问题.
    pub faqs: bool,
    /// 实施编码 damaged by the export: B04 does not apply.
    pub code: bool,
    /// 实施主体编码 damaged by the export: B04 does not compare the code with it.
    pub subject_code: bool,
    /// 基本编码 damaged by the export: B04 does not compare the code with it.
    pub basic_code: bool,
}

impl UnreadLists {
    /// Whether every list was read.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The lists not in `self`: of the lists a record carries, those it lacks (no code).
    #[must_use]
    pub fn missing(self) -> Self {
        Self {
            materials: !self.materials,
            steps: !self.steps,
            fees: !self.fees,
            intermediaries: !self.intermediaries,
            faqs: !self.faqs,
            ..Self::default()
        }
    }

    /// The lists of both.
    #[must_use]
    pub fn or(self, other: Self) -> Self {
        Self {
            materials: self.materials || other.materials,
            steps: self.steps || other.steps,
            fees: self.fees || other.fees,
            intermediaries: self.intermediaries || other.intermediaries,
            faqs: self.faqs || other.faqs,
            code: self.code || other.code,
            subject_code: self.subject_code || other.subject_code,
            basic_code: self.basic_code || other.basic_code,
        }
    }
}

/// Facts about the raw NDJSON line an item was parsed from that spare the rules a scan of every
/// text. Not data: never serialised, and any two compare equal, so items compare by their texts.
/// The default (nothing known) is always right; only the streaming check sets a fact, on the
/// item it has just parsed from that line, and only when a rule that uses it is on.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawLineFacts {
    /// No text of the item can hold garbling: the line has no `\u` escape, so every non-ASCII
    /// byte of a text stands in the line next to the same bytes, and
    /// [`crate::model::text::line_may_hold_mojibake`] found no garbling byte pair in the line.
    pub no_mojibake: bool,
}

impl RawLineFacts {
    /// The facts of the raw NDJSON line (its bytes, as read) that an item was parsed from.
    pub fn of_line(line: &[u8]) -> Self {
        Self {
            no_mojibake: !super::text::line_may_hold_mojibake(line),
        }
    }
}

/// Hashes nothing, as any two compare equal.
impl std::hash::Hash for RawLineFacts {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl PartialEq for RawLineFacts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

record! {
    /// 申请材料 — one application material.
    pub struct Material / MaterialField {
        /// 材料名称 — material name.
        name / Name: "材料名称" ["申请材料名称", "申请材料", "材料"],
        /// 来源渠道 — source channel (10 申请人自备, 20 政府部门核发, 99 其他), code or label.
        source_channel / SourceChannel: "来源渠道" ["材料来源", "来源"],
        /// 来源渠道说明 — issuing body (出具单位).
        source_desc / SourceDesc: "来源渠道说明" ["出具单位", "出具部门", "来源说明", "材料来源说明", "出具机关"],
        /// 份数 — number of copies.
        copies / Copies: "份数" ["纸质材料份数", "材料份数", "数量", "规格份数"],
        /// 材料类型 — 原件 / 复印件 / 原件和复印件 / 原件或复印件.
        material_type / MaterialType: "材料类型" ["原件复印件", "原件/复印件"],
        /// 材料形式 — 纸质 / 电子 / 纸质和电子.
        form / Form: "材料形式" ["介质要求", "材料介质", "提交形式"],
        /// 纸质材料规格 — paper size (A4 …).
        spec / Spec: "纸质材料规格" ["材料规格", "规格"],
        /// 材料必要性 — whether required.
        required / Required: "材料必要性" ["是否必要", "必要性", "是否必须", "是否必需", "是否必交", "是否必要材料"],
        /// 填报须知 — filling instructions.
        notes / Notes: "填报须知" ["填写说明", "填报说明", "受理标准", "材料要求"],
        /// 空白表格 — blank form (file name or link).
        blank_form / BlankForm: "空白表格" ["空表", "表格下载", "空白表格下载", "电子表单", "空白表单"],
        /// 示例样表 — filled-in sample (file name or link).
        sample / Sample: "示例样表" ["样表", "样本下载", "示范文本", "材料样本", "示例样本", "样表下载"],
    }
    tail {
        /// Columns the reader did not recognise.
        #[serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "super::fields::extra"
        )]
        pub extra: BTreeMap<String, String>,
        /// Where the material was read.
        #[serde(
            default,
            skip_serializing_if = "is_default",
            deserialize_with = "super::fields::or_empty"
        )]
        pub provenance: Provenance,
    }
}

record! {
    /// 办理环节 — one step of the process.
    pub struct Step / StepField {
        /// 环节名称 — step name (受理, 审查, 决定, 办结 …).
        name / Name: "环节名称" ["办理环节", "步骤名称", "环节"],
        /// 办理人 — handler (person or post).
        handler / Handler: "办理人" ["审批人", "承办人", "办理岗位", "办理人员", "岗位"],
        /// 岗位职责 — duties or review standard.
        duties / Duties: "岗位职责" ["审查标准", "办理内容", "审核标准", "办理标准"],
        /// 办理时限 — the step's time limit.
        time_limit / TimeLimit: "办理时限" ["环节时限", "时限", "环节办理时限"],
        /// 办理时限单位 — the unit of a time limit written as a bare number (`1` and `工作日`), from
        /// a unit column or the limit column's header (`环节时限（工作日）`).
        time_limit_unit / TimeLimitUnit: "办理时限单位" ["环节时限单位", "时限单位", "环节办理时限单位"],
    }
    tail {
        /// Columns the reader did not recognise.
        #[serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "super::fields::extra"
        )]
        pub extra: BTreeMap<String, String>,
        /// Where the step was read.
        #[serde(
            default,
            skip_serializing_if = "is_default",
            deserialize_with = "super::fields::or_empty"
        )]
        pub provenance: Provenance,
    }
}

record! {
    /// 收费项目 — one fee.
    pub struct Fee / FeeField {
        /// 收费项目名称 — fee name.
        name / Name: "收费项目名称" ["收费项目", "收费名称"],
        /// 收费标准 — amount or algorithm.
        standard / Standard: "收费标准" ["收费金额", "收费标准及依据"],
        /// 收费依据 — law, regulation or document with the cited article.
        basis / Basis: "收费依据" ["收费依据文件", "收费文件依据"],
    }
    tail {
        /// Columns the reader did not recognise.
        #[serde(
            default,
            skip_serializing_if = "BTreeMap::is_empty",
            deserialize_with = "super::fields::extra"
        )]
        pub extra: BTreeMap<String, String>,
        /// Where the fee was read.
        #[serde(
            default,
            skip_serializing_if = "is_default",
            deserialize_with = "super::fields::or_empty"
        )]
        pub provenance: Provenance,
    }
}

record! {
    /// 中介服务 — one intermediary service the applicant must obtain, with its agencies.
    pub struct Intermediary / IntermediaryField {
        /// 中介服务名称 — name of the intermediary service.
        name / Name: "中介服务名称" ["中介服务事项名称", "中介服务事项"],
        /// 设定依据 — legal basis of the intermediary service.
        basis / Basis: "中介服务设定依据" ["中介服务依据", "设定依据"],
        /// 中介机构查询网址 — link to an intermediary query site.
        query_url / QueryUrl: "中介机构查询网址" ["中介机构查询链接", "查询网址", "中介超市链接"],
    }
    tail {
        /// 中介机构 — agencies that provide the service.
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "super::fields::or_empty"
        )]
        pub agencies: Vec<Agency>,
        /// Where the service was read.
        #[serde(
            default,
            skip_serializing_if = "is_default",
            deserialize_with = "super::fields::or_empty"
        )]
        pub provenance: Provenance,
    }
}

record! {
    /// 中介机构 — one agency providing an intermediary service.
    pub struct Agency / AgencyField {
        /// 中介机构名称 — agency name.
        name / Name: "中介机构名称" ["机构名称"],
        /// 中介机构地址 — office address.
        address / Address: "中介机构地址" ["办公地址", "机构地址", "地址"],
        /// 联系电话 — contact.
        contact / Contact: "中介机构联系电话" ["联系电话", "联系方式"],
    }
    tail {}
}

record! {
    /// 常见问题 — one FAQ.
    pub struct Faq / FaqField {
        /// 问题 — question.
        question / Question: "问题" ["常见问题", "问题描述", "咨询问题"],
        /// 解答 — answer.
        answer / Answer: "解答" ["回答", "答复", "问题解答", "答案"],
    }
    tail {
        /// Where the FAQ was read.
        #[serde(
            default,
            skip_serializing_if = "is_default",
            deserialize_with = "super::fields::or_empty"
        )]
        pub provenance: Provenance,
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Item {
    /// The code the item is known by in reports: its 实施编码, or a placeholder naming its place.
    pub fn display_code(&self) -> &str {
        if self.code.is_empty() {
            "(无实施编码)"
        } else {
            &self.code
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_table_round_trips_keys() {
        for &f in ItemField::ALL {
            assert_eq!(ItemField::from_key(f.key()), Some(f));
            assert_eq!(f.synonyms()[0], f.label());
        }
        let mut item = Item::default();
        *item.get_mut(ItemField::ConsultPhone) = "0566-1234567".into();
        assert_eq!(item.consult_phone, "0566-1234567");
        assert_eq!(item.get(ItemField::ConsultPhone), "0566-1234567");
    }

    /// `null` for an optional object or list (h34, j03_nulls.json: `"extra": null` made all 36
    /// items unreadable, 「字段「extra」应为对象，实为空值 null」) reads as empty, at every level;
    /// a value of `extra` is read as an element's text, a `null` one left out.
    #[test]
    fn null_objects_and_lists_read_as_empty() {
        let item: Item = serde_json::from_str(
            r#"{"name": "食品经营许可（新办）", "code": "1134170000312541513000117035000",
                "extra": null, "provenance": null, "faqs": null, "fees": null,
                "materials": [{"name": "食品经营许可申请书", "extra": null, "provenance": null},
                              {"name": "营业执照", "extra": {"材料编码": 1134170000312541513, "备注": null, "来源": "市场监管"}}],
                "steps": [{"name": "受理", "extra": null}],
                "intermediaries": [{"name": "建设工程消防设计审查", "agencies": null, "provenance": null}]}"#,
        )
        .unwrap();
        assert!(item.extra.is_empty() && item.faqs.is_empty() && item.fees.is_empty());
        assert_eq!(item.provenance, Provenance::default());
        assert!(item.materials[0].extra.is_empty());
        assert_eq!(
            item.materials[1].extra.iter().collect::<Vec<_>>(),
            [
                (&"材料编码".to_owned(), &"1134170000312541513".to_owned()),
                (&"来源".to_owned(), &"市场监管".to_owned())
            ]
        );
        assert!(item.steps[0].extra.is_empty());
        assert!(item.intermediaries[0].agencies.is_empty());
        // What is not an object still is no `extra`: said, not read as something.
        for text in [
            r#"{"name": "a", "extra": "备注"}"#,
            r#"{"name": "a", "extra": [1]}"#,
        ] {
            // "map": what `json_error` tells a clerk as 对象.
            let e = serde_json::from_str::<Item>(text).unwrap_err().to_string();
            assert!(e.contains("expected a map"), "{text}: {e}");
        }
    }

    #[test]
    fn empty_elements_are_left_out_of_json() {
        let item = Item {
            name: "食品经营许可".into(),
            ..Item::default()
        };
        let json = serde_json::to_value(&item).unwrap();
        assert_eq!(json["name"], "食品经营许可");
        assert!(json.get("address").is_none());
    }
}
