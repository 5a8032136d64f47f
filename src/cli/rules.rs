//! `zwfw-audit rules` and `zwfw-audit explain`.

use std::io::Write;

use anyhow::{Result, bail};

use super::ignore_broken_pipe;
use crate::rules::{self, REGISTRY};

/// Prints the documentation of one rule.
pub fn explain(rule: &str) -> Result<i32> {
    let id = rule.trim().to_ascii_uppercase();
    if let Some(docs) = crate::links::findings::link_only_rule_docs(&id) {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "# {id} 在线办理地址 (online-url)\n\n类别: {}    默认严重程度: 错误    只在链接检查（check --links、links）中检查    计分: 不计入准确度得分\n\n{docs}",
            rules::Category::General.label_zh()
        )?;
        return Ok(0);
    }
    let r = lookup(rule)?;
    let m = r.meta();
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {} {} ({})\n", m.id, m.element, m.name)?;
    writeln!(
        out,
        "类别: {}    默认严重程度: {}    {}\n",
        m.category.label_zh(),
        m.default_severity.label_zh(),
        if m.is_appendix() {
            "计分: 错误计入准确度得分"
        } else {
            "计分: 附录以外的通用检查，不计入准确度得分"
        }
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

/// The rule a person means: its id or name, an id without its zero (`B9`), or its element
/// (`办理地点`) when one rule checks it.
fn lookup(text: &str) -> Result<&'static dyn rules::Rule> {
    let key = text.trim();
    if let Some(r) = rules::find(key) {
        return Ok(r);
    }
    let mut chars = key.chars();
    if let (Some(letter), Some(digit), None) = (chars.next(), chars.next(), chars.next())
        && letter.is_ascii_alphabetic()
        && digit.is_ascii_digit()
        && let Some(r) = rules::find(&format!("{letter}0{digit}"))
    {
        return Ok(r);
    }
    let by_element: Vec<&'static dyn rules::Rule> = rules::REGISTRY
        .iter()
        .copied()
        .filter(|r| !key.is_empty() && r.meta().element.contains(key))
        .collect();
    match by_element.as_slice() {
        [one] => Ok(*one),
        [] => bail!("没有规则 \"{key}\"（用 zwfw-audit rules 查看全部规则）"),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|r| format!("{} {}", r.meta().id, r.meta().element))
                .collect();
            bail!(
                "「{key}」对应多条规则: {}；请写规则编号，如 zwfw-audit explain {}",
                list.join("、"),
                many[0].meta().id
            )
        }
    }
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
