//! Page rendering for the crawl tests' fixture site: one item as a layout A page (UTF-8, th/td,
//! standard labels), a layout B page (dl/dt/dd and label spans with other synonyms, child tables
//! with td headers) and a JSON detail record with pinyin field names.

// Rendering pages reads best as `s += &format!(…)`; speed does not matter here.
#![allow(clippy::format_push_string)]

use serde_json::{Value, json};
use zwfw_audit::model::{Item, ItemField};

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Layout A labels (mostly the standard ones, one with a unit note).
fn label_a(f: ItemField) -> &'static str {
    match f {
        ItemField::PromisedLimit => "承诺办结时限（工作日）",
        ItemField::Region => "行政区划",
        other => other.label(),
    }
}

/// Layout B labels: other synonyms seen on real platforms.
fn label_b(f: ItemField) -> &'static str {
    use ItemField as F;
    match f {
        F::Code => "事项编码",
        F::BasicCode => "目录编码",
        F::ItemType => "事项类别",
        F::Subject => "实施机构",
        F::SubjectCode => "实施机构代码",
        F::RegionCode => "区划代码",
        F::Region => "所属区划",
        F::Level => "层级",
        F::PowerSource => "权力来源名称",
        F::QuantityLimit => "是否有数量限制",
        F::QuantityLimitDesc => "数量限制描述",
        F::HandlingType => "办理类型",
        F::ServiceObject => "面向对象",
        F::LegalLimit => "法定期限",
        F::PromisedLimit => "承诺期限",
        F::Visits => "到办事现场次数",
        F::OnsiteReason => "必须到现场原因",
        F::OnlineDepth => "网上办理深度",
        F::Express => "是否支持物流快递",
        F::Address => "受理地点",
        F::Hours => "受理时间",
        F::ResultName => "审批结果名称",
        F::ResultSample => "审批结果样本",
        F::ConsultPhone => "咨询方式",
        F::SupervisePhone => "监督投诉电话",
        F::Charged => "是否涉及收费",
        F::Intermediary => "是否需要中介服务",
        F::LegalBasis => "法律依据",
        F::Conditions => "申请条件",
        F::OnlineUrl => "网上办理地址",
        other => other.label(),
    }
}

fn basic_fields(item: &Item) -> Vec<(ItemField, &str)> {
    ItemField::ALL
        .iter()
        .map(|&f| (f, item.get(f)))
        .filter(|(f, v)| {
            !v.is_empty()
                && !matches!(
                    f,
                    ItemField::GuideUrl | ItemField::Unit | ItemField::UnitKind
                )
        })
        .collect()
}

fn table(headers: &[&str], rows: &[Vec<String>], header_tag: &str) -> String {
    let mut t = String::from("<table border=\"1\"><tr>");
    for h in headers {
        t += &format!("<{header_tag}>{h}</{header_tag}>");
    }
    t += "</tr>\n";
    for r in rows {
        t += "<tr>";
        for c in r {
            t += &format!("<td>{c}</td>");
        }
        t += "</tr>\n";
    }
    t + "</table>\n"
}

fn link(path: &str, text: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(
            "<a href=\"{}\" target=\"_blank\">{}</a>",
            esc(path),
            esc(text)
        )
    }
}

pub fn render_a(item: &Item) -> String {
    let mut s = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}办事指南</title></head><body>\
<div class=\"title\">{0}</div><h3>基本信息</h3><table class=\"info\">\n",
        esc(&item.name)
    );
    for pair in basic_fields(item).chunks(2) {
        s += "<tr>";
        for (f, v) in pair {
            // The address as platforms show it: a link under words (h36: read as 在线办理).
            let value = if *f == ItemField::OnlineUrl {
                link(v, "在线办理")
            } else {
                esc(v)
            };
            s += &format!("<th>{}</th><td>{value}</td>", label_a(*f));
        }
        s += "</tr>\n";
    }
    s += "</table>\n<h3>申请材料</h3>\n";
    let rows: Vec<Vec<String>> = item
        .materials
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let file = |p: &str| p.rsplit('/').next().unwrap_or_default().to_owned();
            vec![
                (k + 1).to_string(),
                esc(&m.name),
                esc(&m.source_channel),
                esc(&m.source_desc),
                esc(&m.copies),
                esc(&m.material_type),
                esc(&m.form),
                esc(&m.required),
                esc(&m.notes),
                link(&m.blank_form, &file(&m.blank_form)),
                link(&m.sample, &file(&m.sample)),
            ]
        })
        .collect();
    s += &table(
        &[
            "序号",
            "材料名称",
            "来源渠道",
            "来源渠道说明",
            "份数",
            "材料类型",
            "材料形式",
            "材料必要性",
            "填报须知",
            "空白表格",
            "示例样表",
        ],
        &rows,
        "th",
    );
    s += "<h3>办理流程</h3>\n";
    let rows: Vec<Vec<String>> = item
        .steps
        .iter()
        .map(|x| {
            vec![
                esc(&x.name),
                esc(&x.handler),
                esc(&x.duties),
                esc(&x.time_limit),
            ]
        })
        .collect();
    s += &table(&["环节名称", "办理人", "岗位职责", "办理时限"], &rows, "th");
    s += "<h3>收费标准</h3>\n";
    if item.fees.is_empty() {
        s += "<p>本事项不收费</p>\n";
    } else {
        let rows: Vec<Vec<String>> = item
            .fees
            .iter()
            .map(|x| vec![esc(&x.name), esc(&x.standard), esc(&x.basis)])
            .collect();
        s += &table(&["收费项目名称", "收费标准", "收费依据"], &rows, "th");
    }
    if !item.intermediaries.is_empty() {
        s += "<h3>中介服务</h3>\n";
        let mut rows = Vec::new();
        for m in &item.intermediaries {
            for a in &m.agencies {
                rows.push(vec![
                    esc(&m.name),
                    esc(&m.basis),
                    link(&m.query_url, "查询"),
                    esc(&a.name),
                    esc(&a.address),
                    esc(&a.contact),
                ]);
            }
        }
        s += &table(
            &[
                "中介服务名称",
                "设定依据",
                "中介机构查询网址",
                "中介机构名称",
                "中介机构地址",
                "联系电话",
            ],
            &rows,
            "th",
        );
    }
    s += "<h3>常见问题</h3>\n";
    let rows: Vec<Vec<String>> = item
        .faqs
        .iter()
        .map(|x| vec![esc(&x.question), esc(&x.answer)])
        .collect();
    s += &table(&["问题", "解答"], &rows, "th");
    s + "<div class=\"footer\">主办单位：池州市数据资源管理局</div></body></html>"
}

pub fn render_b(item: &Item, meta: &str) -> String {
    let mut s = format!(
        "<html><head>{meta}<title>{0}</title></head><body><div class=\"title\">{0} 办事指南</div>\n<dl class=\"jbxx\">\n",
        esc(&item.name)
    );
    let mut phones = String::new();
    for (f, v) in basic_fields(item) {
        if matches!(f, ItemField::ConsultPhone | ItemField::SupervisePhone) {
            phones += &format!(
                "<p><span class=\"label\">{}：</span><span>{}</span></p>\n",
                label_b(f),
                esc(v)
            );
        } else {
            let value = if f == ItemField::OnlineUrl {
                link(v, "点击办理")
            } else {
                esc(v)
            };
            s += &format!("<dt>{}：</dt><dd>{value}</dd>\n", label_b(f));
        }
    }
    s += "</dl>\n";
    s += &phones;
    s += "<div class=\"tit\">一、申请材料目录</div>\n";
    let rows: Vec<Vec<String>> = item
        .materials
        .iter()
        .map(|m| {
            vec![
                esc(&m.name),
                esc(&m.source_channel),
                esc(&m.source_desc),
                esc(&m.copies),
                esc(&m.material_type),
                esc(&m.form),
                esc(&m.required),
                esc(&m.notes),
                link(&m.blank_form, "空表下载"),
                link(&m.sample, "样表下载"),
            ]
        })
        .collect();
    s += &table(
        &[
            "申请材料名称",
            "材料来源",
            "出具单位",
            "纸质材料份数",
            "原件/复印件",
            "介质要求",
            "是否必要",
            "填写说明",
            "空表",
            "样表",
        ],
        &rows,
        "td",
    );
    s += "<div class=\"tit\">二、办理流程</div>\n";
    let rows: Vec<Vec<String>> = item
        .steps
        .iter()
        .map(|x| {
            vec![
                esc(&x.name),
                esc(&x.handler),
                esc(&x.duties),
                esc(&x.time_limit),
            ]
        })
        .collect();
    s += &table(&["办理环节", "承办人", "审查标准", "环节时限"], &rows, "td");
    if !item.fees.is_empty() {
        s += "<div class=\"tit\">三、收费项目</div>\n";
        let rows: Vec<Vec<String>> = item
            .fees
            .iter()
            .map(|x| vec![esc(&x.name), esc(&x.standard), esc(&x.basis)])
            .collect();
        s += &table(&["收费项目", "收费金额", "收费依据文件"], &rows, "td");
    }
    if !item.intermediaries.is_empty() {
        s += "<div class=\"tit\">四、中介服务信息</div>\n";
        let mut rows = Vec::new();
        for m in &item.intermediaries {
            for (k, a) in m.agencies.iter().enumerate() {
                // The service's columns only on its first row, as merged cells look when flattened.
                let (n, b, q) = if k == 0 {
                    (
                        esc(&m.name),
                        esc(&m.basis),
                        link(&m.query_url, &m.query_url),
                    )
                } else {
                    Default::default()
                };
                rows.push(vec![
                    n,
                    b,
                    q,
                    esc(&a.name),
                    esc(&a.address),
                    esc(&a.contact),
                ]);
            }
        }
        s += &table(
            &[
                "中介服务事项名称",
                "中介服务依据",
                "查询网址",
                "机构名称",
                "机构地址",
                "联系方式",
            ],
            &rows,
            "td",
        );
    }
    s += "<div class=\"tit\">五、常见问题解答</div>\n";
    let rows: Vec<Vec<String>> = item
        .faqs
        .iter()
        .map(|x| vec![esc(&x.question), esc(&x.answer)])
        .collect();
    s += &table(&["常见问题", "答复"], &rows, "td");
    s + "</body></html>"
}

/// The JSON detail record (the field names of `profiles/fixture-json.toml`, written here
/// independently so that a wrong profile fails the test).
pub fn detail_json(item: &Item) -> Value {
    use ItemField as F;
    let names: &[(F, &str)] = &[
        (F::Name, "taskname"),
        (F::Code, "taskcode"),
        (F::BasicCode, "catalogcode"),
        (F::ItemType, "tasktype"),
        (F::Subject, "deptname"),
        (F::SubjectCode, "deptcode"),
        (F::RegionCode, "areacode"),
        (F::Region, "areaname"),
        (F::Level, "xscj"),
        (F::PowerSource, "qlly"),
        (F::QuantityLimit, "slxz"),
        (F::QuantityLimitDesc, "slxzsm"),
        (F::HandlingType, "bjlx"),
        (F::ServiceObject, "fwdx"),
        (F::LegalLimit, "fdbjsx"),
        (F::PromisedLimit, "cnbjsx"),
        (F::Visits, "dxccs"),
        (F::OnsiteReason, "bxxcbl"),
        (F::OnlineDepth, "wbsd"),
        (F::Express, "sfzcwl"),
        (F::Address, "bldd"),
        (F::Hours, "blsj"),
        (F::ResultName, "jgmc"),
        (F::ResultSample, "jgyb"),
        (F::ConsultPhone, "zxdh"),
        (F::SupervisePhone, "jddh"),
        (F::Charged, "sfsf"),
        (F::Intermediary, "sfzj"),
        (F::LegalBasis, "sdyj"),
        (F::Conditions, "sltj"),
        (F::OnlineUrl, "wsbldz"),
    ];
    let mut v = serde_json::Map::new();
    for (f, k) in names {
        let text = item.get(*f);
        // Platforms send numbers as numbers and leave absent values null.
        let value = if text.is_empty() {
            Value::Null
        } else if *f == F::Visits {
            json!(text.parse::<u64>().unwrap())
        } else {
            json!(text)
        };
        v.insert((*k).to_owned(), value);
    }
    v.insert("applydatalist".into(), Value::Array(item.materials.iter().map(|m| json!({
        "clmc": m.name, "clly": m.source_channel, "cjdw": m.source_desc, "fs": m.copies.parse::<u64>().ok(),
        "cllx": m.material_type, "clxs": m.form, "sfbx": m.required, "tbxz": m.notes,
        "kbbg": m.blank_form, "ybbg": m.sample,
    })).collect()));
    v.insert("flowlist".into(), Value::Array(item.steps.iter().map(|x| json!({"hjmc": x.name, "blr": x.handler, "gwzz": x.duties, "blsx": x.time_limit})).collect()));
    v.insert(
        "feelist".into(),
        Value::Array(
            item.fees
                .iter()
                .map(|x| json!({"sfxmmc": x.name, "sfbz": x.standard, "sfyj": x.basis}))
                .collect(),
        ),
    );
    v.insert("zjfwlist".into(), Value::Array(item.intermediaries.iter().map(|m| json!({
        "zjfwmc": m.name, "zjfwyj": m.basis, "cxwz": m.query_url,
        "jglist": m.agencies.iter().map(|a| json!({"jgmc": a.name, "jgdz": a.address, "lxdh": a.contact})).collect::<Vec<_>>(),
    })).collect()));
    v.insert(
        "faqlist".into(),
        Value::Array(
            item.faqs
                .iter()
                .map(|x| json!({"wt": x.question, "jd": x.answer}))
                .collect(),
        ),
    );
    Value::Object(v)
}
