//! The tool's own files met among the inputs: a fix list (整改清单, also as a unit sends it back),
//! `findings.csv`, a sample list (抽样清单), a JSON report or the link check's JSON. Each names
//! 实施编码 and 事项名称, so the readers would take its rows for items: a fix list left in the
//! exports folder would add one bogus item per finding, each failing nearly every rule, and skew
//! every unit's score. They are known by columns and keys no platform exports (指纹, 抽样序号
//! with 种子, a report's `schema_version` and `tool_version`; `links.json`'s `links` beside
//! `stats`), skipped, and named in a warning that says where they belong instead.

use super::{Notice, NoticeLevel};
use crate::model::Provenance;

/// Which of the tool's files an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnOutput {
    /// A fix list (整改清单 workbook, or one sent back), `findings.csv` or the problem list of
    /// `links` (链接问题清单.xlsx): 问题描述 with 指纹 or 整改建议.
    FixList,
    /// A sample list (抽样清单): 抽样序号 and 种子.
    SampleList,
    /// A JSON report (`report.json`, `report.scored.json`).
    Report,
    /// The JSON of `links` (`links.json`, or the file named with `links -o`).
    LinkResults,
}

impl OwnOutput {
    /// The tool's file whose header row this is, if any.
    pub fn of_header(row: &[String]) -> Option<Self> {
        let has = |name: &str| row.iter().any(|c| c.trim() == name);
        // A fix list and findings.csv have 指纹; 链接问题清单.xlsx (`links`) has 整改建议 beside
        // 问题描述 instead. No platform export has 问题描述 with either.
        if has("问题描述") && (has(crate::report::fixlist::FINGERPRINT_HEADER) || has("整改建议"))
        {
            Some(Self::FixList)
        } else if has("抽样序号") && has("种子") {
            Some(Self::SampleList)
        } else {
            None
        }
    }

    /// Whether the keys of a JSON object are a report's.
    pub fn is_report<'k>(mut keys: impl Iterator<Item = &'k str>) -> bool {
        let (mut schema, mut tool, mut findings) = (false, false, false);
        for k in &mut keys {
            match k {
                "schema_version" => schema = true,
                "tool_version" => tool = true,
                "findings" => findings = true,
                _ => {}
            }
        }
        schema && tool && findings
    }

    /// The tool's JSON file whose top-level keys these are, if any: a report, or the link
    /// check's results (`links` and `stats`, which no platform's item object has together).
    pub fn of_json_keys<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> Option<Self> {
        if Self::is_report(keys.clone()) {
            return Some(Self::Report);
        }
        let (mut links, mut stats, mut items) = (false, false, false);
        for k in keys {
            match k {
                "links" => links = true,
                "stats" => stats = true,
                "items" => items = true,
                _ => {}
            }
        }
        (links && stats && !items).then_some(Self::LinkResults)
    }

    /// The warning for `source`, skipped: what it is and where it belongs.
    pub fn skipped(self, source: &str) -> Notice {
        let what = match self {
            Self::FixList => {
                "这是 zwfw-audit 生成的整改清单或问题清单（有「问题描述」「整改建议」或「指纹」列），不是平台导出的事项，已跳过，没有当作事项检查。整改清单请放在导出文件夹以外；单位交回的整改清单用 zwfw-audit report 报告.json --replies 回复文件夹 汇总"
            }
            Self::SampleList => {
                "这是 zwfw-audit 生成的抽样清单（有「抽样序号」「种子」列），不是平台导出的事项，已跳过，没有当作事项检查。计分用 zwfw-audit score 报告.json --sample 本文件"
            }
            Self::Report => {
                "这是 zwfw-audit 生成的检查报告（JSON），不是平台导出的事项，已跳过，没有当作事项检查。重新生成 Excel、HTML 报告用 zwfw-audit report 本文件"
            }
            Self::LinkResults => {
                "这是 zwfw-audit links 生成的链接检查结果（JSON），不是平台导出的事项，已跳过，没有当作事项检查。链接问题见同一文件夹的 链接问题清单.xlsx；请把它放在导出文件夹以外"
            }
        };
        Notice {
            level: NoticeLevel::Warning,
            provenance: Provenance::file(source),
            message: what.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OwnOutput;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn known_by_columns_no_export_has() {
        let fix = row(&[
            "序号",
            "事项名称",
            "实施编码",
            "问题描述",
            "整改情况",
            " 指纹 ",
        ]);
        assert_eq!(OwnOutput::of_header(&fix), Some(OwnOutput::FixList));
        let links = row(&[
            "序号",
            "严重程度",
            "实施主体",
            "事项名称",
            "实施编码",
            "规则",
            "位置",
            "问题描述",
            "链接",
            "整改建议",
        ]);
        assert_eq!(OwnOutput::of_header(&links), Some(OwnOutput::FixList));
        let sample = row(&[
            "考核单位",
            "实施编码",
            "事项名称",
            "抽样序号",
            "种子",
            "方法",
        ]);
        assert_eq!(OwnOutput::of_header(&sample), Some(OwnOutput::SampleList));
        // A platform export, even one with a 备注 about fingerprints or a 序号.
        let export = row(&["序号", "事项名称", "实施编码", "实施主体", "指纹识别说明"]);
        assert_eq!(OwnOutput::of_header(&export), None);
        assert_eq!(OwnOutput::of_header(&row(&["种子", "品种"])), None);
    }

    #[test]
    fn a_report_has_its_version_keys() {
        let report = [
            "schema_version",
            "tool_version",
            "run_id",
            "items",
            "findings",
        ];
        assert!(OwnOutput::is_report(report.into_iter()));
        // A platform's JSON with an items list is an export.
        assert!(!OwnOutput::is_report(["total", "items"].into_iter()));
        assert!(!OwnOutput::is_report(
            ["version", "items", "findings"].into_iter()
        ));
    }

    #[test]
    fn the_link_checks_json_has_links_beside_stats() {
        assert_eq!(
            OwnOutput::of_json_keys(["links", "stats"].into_iter()),
            Some(OwnOutput::LinkResults)
        );
        let report = ["schema_version", "tool_version", "findings", "items"];
        assert_eq!(
            OwnOutput::of_json_keys(report.into_iter()),
            Some(OwnOutput::Report)
        );
        // A platform's JSON: an items list, whatever else it carries.
        assert_eq!(
            OwnOutput::of_json_keys(["stats", "links", "items"].into_iter()),
            None
        );
        assert_eq!(OwnOutput::of_json_keys(["links"].into_iter()), None);
    }
}
