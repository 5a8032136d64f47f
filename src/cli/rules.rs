//! `zwfw-audit rules` and `zwfw-audit explain`.

use std::io::Write;

use anyhow::{Result, bail};

use super::ignore_broken_pipe;
use crate::rules::{self, REGISTRY};

/// Prints the documentation of one rule.
pub fn explain(rule: &str) -> Result<i32> {
    let Some(r) = rules::find(rule) else {
        bail!("没有规则 \"{rule}\"（用 zwfw-audit rules 查看全部规则）")
    };
    let m = r.meta();
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {} {} ({})\n", m.id, m.element, m.name)?;
    writeln!(
        out,
        "类别: {}    默认严重程度: {}\n",
        m.category.label_zh(),
        m.default_severity.label_zh()
    )?;
    writeln!(
        out,
        "{}",
        m.docs
            .lines()
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("\n")
    )?;
    Ok(0)
}

/// Prints the table of all rules.
pub fn print_rules() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<5} {:<28} {:<10} {:<8} 要素",
        "规则", "名称", "类别", "严重程度"
    )
    .or_else(ignore_broken_pipe)?;
    for r in REGISTRY {
        let m = r.meta();
        writeln!(
            out,
            "{:<5} {:<28} {:<10} {:<8} {}",
            m.id,
            m.name,
            m.category.label_zh(),
            m.default_severity.label_zh(),
            m.element
        )
        .or_else(ignore_broken_pipe)?;
    }
    Ok(())
}
