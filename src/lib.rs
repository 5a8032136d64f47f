//! # zwfw-audit
//!
//! Audits the implementation lists (实施清单) that government service platforms publish for every
//! service item (政务服务事项) against the appendix of the assessment scheme
//! (附录: 实施清单准确度考核要素指标). Data flows one way:
//! source → items → rules → findings → score → report.
//!
//! ```
//! use zwfw_audit::model::Item;
//! use zwfw_audit::rules::{CheckContext, RuleSet};
//!
//! let item = Item {
//!     name: "食品经营许可".into(),
//!     region_code: "341702".into(),
//!     consult_phone: "2021234".into(),
//!     supervise_phone: "0566-12345".into(),
//!     ..Item::default()
//! };
//! let result = RuleSet::only(&["B15"]).check_item(&item, "贵池区", &CheckContext::default());
//! assert_eq!(result.findings[0].message, "咨询电话缺少区号: \"2021234\"");
//! ```

pub mod check;
pub mod cli;
pub mod config;
pub mod r#gen;
pub mod history;
pub mod links;
pub mod model;
mod near;
pub mod net;
pub mod reference;
pub mod report;
pub mod rules;
pub mod score;
pub mod source;
pub mod unit;
pub mod zipguard;

/// An I/O error as a clerk reads it: the common causes in Chinese, the others as the system
/// words them.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as Kind;
    match e.kind() {
        Kind::NotFound => "文件或文件夹不存在".to_owned(),
        Kind::PermissionDenied => "没有权限（请检查文件或文件夹的读写权限）".to_owned(),
        Kind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        Kind::NotADirectory => "路径中有一段不是文件夹".to_owned(),
        Kind::AlreadyExists => "已有同名的文件".to_owned(),
        Kind::StorageFull => "磁盘已满".to_owned(),
        Kind::ReadOnlyFilesystem => "磁盘或文件系统只读".to_owned(),
        Kind::InvalidData => format!("内容无效（{e}）"),
        _ => e.to_string(),
    }
}
