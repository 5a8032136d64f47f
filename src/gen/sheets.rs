//! Items as a platform exports them to Excel: one sheet of items and one sheet per sub-table
//! (材料, 流程, 收费, 中介, 常见问题) linked by 实施编码, with an unrelated 填表说明 sheet first and a
//! title row above the item header. Used by `zwfw-audit gen --format xlsx`, by
//! `examples/make_sample_exports.rs` (which writes `fixtures/exports/sample.xlsx`) and by the
//! reader tests (which write the same sheets as CSV).
//!
//! Headers deliberately mix the synonyms seen on real platforms (承诺时限, 受理地点, 咨询方式,
//! 材料来源, 空表 …) and carry extra columns (备注, 材料编码) so that reading the sheets back
//! exercises header matching and `extra`.

use std::collections::BTreeSet;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, Item, ItemField, MaterialField, StepField,
};

/// One sheet: its name, an optional title row above the header, the header and the data rows.
pub struct SheetData {
    /// Sheet name (CSV file stem).
    pub name: &'static str,
    /// A title row above the header, as platforms export it.
    pub title: Option<&'static str>,
    /// Header cells.
    pub header: Vec<String>,
    /// Data rows.
    pub rows: Vec<Vec<String>>,
}

const ITEM_HEADERS: &[(&str, ItemField)] = &[
    ("实施编码", ItemField::Code),
    ("*事项名称", ItemField::Name),
    ("基本编码", ItemField::BasicCode),
    ("事项类型", ItemField::ItemType),
    ("实施主体", ItemField::Subject),
    ("实施主体统一社会信用代码", ItemField::SubjectCode),
    ("区划代码", ItemField::RegionCode),
    ("行政区划", ItemField::Region),
    ("行使层级", ItemField::Level),
    ("权力来源", ItemField::PowerSource),
    ("数量限制", ItemField::QuantityLimit),
    ("数量限制说明", ItemField::QuantityLimitDesc),
    ("办件类型", ItemField::HandlingType),
    ("服务对象", ItemField::ServiceObject),
    ("法定办结时限", ItemField::LegalLimit),
    ("承诺时限", ItemField::PromisedLimit),
    ("到办事现场次数", ItemField::Visits),
    ("必须现场办理原因说明", ItemField::OnsiteReason),
    ("网上办理深度", ItemField::OnlineDepth),
    ("是否支持物流快递", ItemField::Express),
    ("受理地点", ItemField::Address),
    ("办理时间", ItemField::Hours),
    ("审批结果名称", ItemField::ResultName),
    ("结果样本", ItemField::ResultSample),
    ("咨询方式", ItemField::ConsultPhone),
    ("监督投诉电话", ItemField::SupervisePhone),
    ("是否收费", ItemField::Charged),
    ("是否涉及中介服务", ItemField::Intermediary),
    ("设定依据", ItemField::LegalBasis),
    ("受理条件", ItemField::Conditions),
    ("在线办理地址", ItemField::OnlineUrl),
    ("办事指南地址", ItemField::GuideUrl),
];

const MATERIAL_HEADERS: &[(&str, MaterialField)] = &[
    ("材料名称", MaterialField::Name),
    ("材料来源", MaterialField::SourceChannel),
    ("出具单位", MaterialField::SourceDesc),
    ("纸质材料份数", MaterialField::Copies),
    ("材料类型", MaterialField::MaterialType),
    ("介质要求", MaterialField::Form),
    ("纸质材料规格", MaterialField::Spec),
    ("是否必要", MaterialField::Required),
    ("填写说明", MaterialField::Notes),
    ("空表", MaterialField::BlankForm),
    ("样表", MaterialField::Sample),
];

const STEP_HEADERS: &[(&str, StepField)] = &[
    ("办理环节", StepField::Name),
    ("办理人", StepField::Handler),
    ("审查标准", StepField::Duties),
    ("环节时限", StepField::TimeLimit),
];

const FEE_HEADERS: &[(&str, FeeField)] = &[
    ("收费项目名称", FeeField::Name),
    ("收费标准", FeeField::Standard),
    ("收费依据", FeeField::Basis),
];

const INTERMEDIARY_HEADERS: &[(&str, IntermediaryField)] = &[
    ("中介服务事项名称", IntermediaryField::Name),
    ("中介服务设定依据", IntermediaryField::Basis),
    ("中介机构查询网址", IntermediaryField::QueryUrl),
];

const AGENCY_HEADERS: &[(&str, AgencyField)] = &[
    ("中介机构名称", AgencyField::Name),
    ("办公地址", AgencyField::Address),
    ("联系方式", AgencyField::Contact),
];

const FAQ_HEADERS: &[(&str, FaqField)] =
    &[("问题", FaqField::Question), ("答复", FaqField::Answer)];

fn headers<F>(link: bool, fields: &[(&str, F)], extra: &BTreeSet<String>) -> Vec<String> {
    let mut h: Vec<String> = if link {
        vec!["实施编码".into(), "事项名称".into()]
    } else {
        Vec::new()
    };
    h.extend(fields.iter().map(|(l, _)| (*l).to_owned()));
    h.extend(extra.iter().cloned());
    h
}

/// The sheets of an export of `items`, in workbook order (an unknown sheet first, items third).
pub fn export_sheets(items: &[Item]) -> Vec<SheetData> {
    let item_extra: BTreeSet<String> = items.iter().flat_map(|i| i.extra.keys().cloned()).collect();
    let material_extra: BTreeSet<String> = items
        .iter()
        .flat_map(|i| i.materials.iter().flat_map(|m| m.extra.keys().cloned()))
        .collect();
    let step_extra: BTreeSet<String> = items
        .iter()
        .flat_map(|i| i.steps.iter().flat_map(|s| s.extra.keys().cloned()))
        .collect();
    let fee_extra: BTreeSet<String> = items
        .iter()
        .flat_map(|i| i.fees.iter().flat_map(|f| f.extra.keys().cloned()))
        .collect();
    let none = BTreeSet::new();
    let link = |i: &Item| vec![i.code.clone(), i.name.clone()];

    let mut item_rows = Vec::new();
    let mut material_rows = Vec::new();
    let mut step_rows = Vec::new();
    let mut fee_rows = Vec::new();
    let mut intermediary_rows = Vec::new();
    let mut faq_rows = Vec::new();
    for item in items {
        let mut row: Vec<String> = ITEM_HEADERS
            .iter()
            .map(|(_, f)| item.get(*f).to_owned())
            .collect();
        row.extend(
            item_extra
                .iter()
                .map(|k| item.extra.get(k).cloned().unwrap_or_default()),
        );
        item_rows.push(row);
        for m in &item.materials {
            let mut row = link(item);
            row.extend(MATERIAL_HEADERS.iter().map(|(_, f)| m.get(*f).to_owned()));
            row.extend(
                material_extra
                    .iter()
                    .map(|k| m.extra.get(k).cloned().unwrap_or_default()),
            );
            material_rows.push(row);
        }
        for s in &item.steps {
            let mut row = link(item);
            row.extend(STEP_HEADERS.iter().map(|(_, f)| s.get(*f).to_owned()));
            row.extend(
                step_extra
                    .iter()
                    .map(|k| s.extra.get(k).cloned().unwrap_or_default()),
            );
            step_rows.push(row);
        }
        for f in &item.fees {
            let mut row = link(item);
            row.extend(
                FEE_HEADERS
                    .iter()
                    .map(|(_, field)| f.get(*field).to_owned()),
            );
            row.extend(
                fee_extra
                    .iter()
                    .map(|k| f.extra.get(k).cloned().unwrap_or_default()),
            );
            fee_rows.push(row);
        }
        for service in &item.intermediaries {
            let service_cells: Vec<String> = INTERMEDIARY_HEADERS
                .iter()
                .map(|(_, f)| service.get(*f).to_owned())
                .collect();
            if service.agencies.is_empty() {
                let mut row = link(item);
                row.extend(service_cells.iter().cloned());
                row.extend(AGENCY_HEADERS.iter().map(|_| String::new()));
                intermediary_rows.push(row);
            }
            for (n, agency) in service.agencies.iter().enumerate() {
                // Later agencies of a service leave the code and service cells blank, as merged
                // cells read back.
                let mut row = if n == 0 {
                    let mut r = link(item);
                    r.extend(service_cells.iter().cloned());
                    r
                } else {
                    vec![String::new(); 2 + service_cells.len()]
                };
                row.extend(
                    AGENCY_HEADERS
                        .iter()
                        .map(|(_, f)| agency.get(*f).to_owned()),
                );
                intermediary_rows.push(row);
            }
        }
        for q in &item.faqs {
            let mut row = link(item);
            row.extend(FAQ_HEADERS.iter().map(|(_, f)| q.get(*f).to_owned()));
            faq_rows.push(row);
        }
    }
    let mut intermediary_header = headers(true, INTERMEDIARY_HEADERS, &none);
    intermediary_header.extend(AGENCY_HEADERS.iter().map(|(l, _)| (*l).to_owned()));
    vec![
        SheetData {
            name: "填表说明",
            title: None,
            header: vec!["说明".into()],
            rows: vec![
                vec![
                    "本表由池州市政务服务事项管理系统导出，每个事项一行，子表按实施编码关联。"
                        .into(),
                ],
                vec!["导出时间：2024-11-20 16:32".into()],
            ],
        },
        SheetData {
            name: "申请材料",
            title: None,
            header: headers(true, MATERIAL_HEADERS, &material_extra),
            rows: material_rows,
        },
        SheetData {
            name: "事项基本信息",
            title: Some("池州市政务服务事项实施清单（导出）"),
            header: headers(false, ITEM_HEADERS, &item_extra),
            rows: item_rows,
        },
        SheetData {
            name: "办理流程",
            title: None,
            header: headers(true, STEP_HEADERS, &step_extra),
            rows: step_rows,
        },
        SheetData {
            name: "收费项目",
            title: None,
            header: headers(true, FEE_HEADERS, &fee_extra),
            rows: fee_rows,
        },
        SheetData {
            name: "中介服务",
            title: None,
            header: intermediary_header,
            rows: intermediary_rows,
        },
        SheetData {
            name: "常见问题",
            title: None,
            header: headers(true, FAQ_HEADERS, &none),
            rows: faq_rows,
        },
    ]
}

/// Rows an Excel sheet holds (1,048,576) less the title and header rows.
pub const MAX_SHEET_ROWS: usize = 1_048_576 - 2;

/// Writes `items` as an export workbook (see [`export_sheets`]). Every cell is text, so that codes
/// such as `000104002000` keep their leading zeros, as platform exports do; the creation time is
/// fixed, so the same items give the same file byte for byte. Fails with
/// [`XlsxError::RowColumnLimitError`] when a sheet would have more rows than Excel allows.
pub fn write_xlsx(items: &[Item], title: &str, path: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 11, 20)?.and_hms(16, 32, 0)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let title_format = Format::new().set_bold().set_font_size(14);
    for sheet in export_sheets(items) {
        if sheet.rows.len() > MAX_SHEET_ROWS {
            return Err(XlsxError::RowColumnLimitError);
        }
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name)?;
        let mut row = 0u32;
        if let Some(title) = sheet.title {
            ws.write_string_with_format(0, 0, title, &title_format)?;
            row = 1;
        }
        for (c, h) in (0u16..).zip(&sheet.header) {
            ws.write_string_with_format(row, c, h, &bold)?;
            ws.set_column_width(c, 18)?;
        }
        ws.set_freeze_panes(row + 1, 0)?;
        for cells in &sheet.rows {
            row += 1;
            for (c, v) in (0u16..).zip(cells) {
                if !v.is_empty() {
                    ws.write_string(row, c, v)?;
                }
            }
        }
    }
    workbook.save(path)
}
