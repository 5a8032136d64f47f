//! The rule a link kind's findings belong to: the registry's, else the rulebook's (L01).

use crate::links::collect::LinkKind;
use crate::model::Severity;
use crate::rules::{self, Category, RuleSet};

/// Rule identity used for a link finding.
#[derive(Debug, Clone)]
pub(super) struct RuleRef {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    pub(super) element: &'static str,
    pub(super) category: Category,
    pub(super) severity: Severity,
    pub(super) registered: bool,
}

/// What L01 checks, for 规则说明 and `explain L01`: the one id of the link check that no offline
/// rule has (the others — M06, M07, B12, I01 — add to a rule's offline part).
pub const ONLINE_URL_DOCS: &str = "\
## 检查内容 (What it checks)
联网的链接检查（`check --links`、`links` 命令）打开每个事项的「在线办理地址」：链接失效（404、域名无法解析、
连接被拒绝）、打开的是提示“页面不存在”的网页、跳转到 `[links] allowed_hosts` 以外的网站，都报告。
地址的写法本身（协议头错误、内网地址、本机路径）由 G03 不联网检查。

不计入准确度得分（与 G 类规则一样，只供整改）。

## 依据 (Why it matters)
办事群众从办事指南点「在线办理」进入网上申报：地址打不开，网上办理就无从谈起，事项的网办深度也名不副实。

## 示例 (Example)
不通过：`http://www.ahzwfw.gov.cn/old/apply.html`（返回 404）。
通过：`https://www.ahzwfw.gov.cn/bog-bsdt/static/workProcess/applyIndex.html?id=3401…`（能正常打开）。

## 整改方法 (How to fix)
在平台上把「在线办理地址」改为能打开的网上申报页面地址；事项不能网上办理的，不要填写失效的地址。
";

/// The documentation of a rule id that only the link check uses (L01), `None` for any other.
pub fn link_only_rule_docs(id: &str) -> Option<&'static str> {
    (id == LinkKind::OnlineUrl.rule_id()).then_some(ONLINE_URL_DOCS)
}

/// The rule of a link kind as configured: `None` when it is registered but switched off.
pub(super) fn rule_ref(kind: LinkKind, rules: &RuleSet) -> Option<RuleRef> {
    let id = kind.rule_id();
    if let Some(rule) = rules::find(id) {
        let m = rule.meta();
        let (_, severity) = rules.iter().find(|(r, _)| r.meta().id == m.id)?;
        return Some(RuleRef {
            id: m.id,
            name: m.name,
            element: m.element,
            category: m.category,
            severity,
            registered: true,
        });
    }
    let (name, element, category) = match kind {
        LinkKind::BlankForm => ("blank-form-accuracy", "电子表单准确性", Category::Materials),
        LinkKind::Sample => ("sample-accuracy", "材料样本准确性", Category::Materials),
        LinkKind::ResultSample => ("result-sample", "结果样本", Category::Basic),
        LinkKind::IntermediaryQuery => ("intermediary", "中介服务", Category::Intermediary),
        LinkKind::OnlineUrl => ("online-url", "在线办理地址", Category::General),
    };
    Some(RuleRef {
        id,
        name,
        element,
        category,
        severity: Severity::Error,
        registered: false,
    })
}
