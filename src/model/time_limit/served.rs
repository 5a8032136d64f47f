//! 随到随办, 随来随办, 立等可取 beside an amount: which of the two is the limit. What is not here:
//! the other immediate words (`parse.rs`, where 即办 and 当场办结 win over any amount beside them).

use super::TimeLimit;
use super::parse::{CLAUSE_BOUNDS, conditional_clause};

/// 随到随办, 随来随办 (come any time, served at once) and 立等可取 (wait and collect) are the
/// clerks' words for 即办 (h25 问题3). Beside a plain day figure they say how the counter serves
/// or what is handed out at once, as 当场受理 does, and the figure is the limit
/// (`5个工作日（窗口立等可取）`, `随来随办（5个工作日内办结）`, h35 regression); beside a conditional
/// day figure or minutes and hours they are the limit ([`served_at_once_wins`], h36 regression).
/// 随时 alone, 及时办理, 尽快 are no limit.
pub(super) const SERVED_AT_ONCE: &[&str] = &["随到随办", "随来随办", "立等可取"];

/// Words before an amount, in its clause, that make it the limit of some cases only: a condition
/// (如需, 若, 不能当场…的; 「需现场核查的」 is read in [`conditional_amount`]), a harder case (复杂情形,
/// 特殊情况, 涉及外地核查), delivery (邮寄送达, 另加), a delay (节假日顺延). A step named alone is none
/// (`现场核查后5个工作日内办结`, `窗口受理后1个工作日内出证`): the figure follows it. A plain 的 is
/// none either (`收到申请的5个工作日内（随到随办）`, `材料齐全的5个工作日`: the usual case), nor 网上
/// (`网上办理5个工作日（窗口立等可取）`: the online channel's limit, h36 回归).
const CONDITIONS: &[&str] = &[
    "如", "若", "复杂", "特殊", "邮寄", "寄递", "快递", "顺延", "另加", "另需", "延长", "涉及",
    "不能", "无法", "否则", "其他", "其它", "其余", "外地", "异地",
];

/// Whether a word of [`SERVED_AT_ONCE`] in `t` is the limit though `limit`, the amount whose
/// number starts at byte `at`, stands beside it, as 即办 is (`即办（需现场核查的5个工作日）`). It is
/// when the word is unconditional (not 「材料齐全的，随到随办」, [`conditional_clause`]) and
/// - the amount is minutes or hours within a working day (`立等可取（10分钟）`, `2小时（随到随办）`):
///   done the same day, which is 即办 anyway;
/// - or the amount is conditional, a condition of [`CONDITIONS`] standing before it in its clause
///   after the word (`立等可取（复杂情形5个工作日）`, `随到随办，需要核查的5个工作日`): it covers some
///   cases only, as in `2个工作日（能当场作出决定的，当场作出）` the other way round.
///
/// A plain day figure is the limit (`5个工作日（窗口立等可取）`, `随到随办（窗口受理后1个工作日内出证）`).
pub(super) fn served_at_once_wins(t: &str, limit: TimeLimit, at: usize) -> bool {
    if !t.contains(['随', '立']) {
        return false;
    }
    let unconditional = SERVED_AT_ONCE
        .iter()
        .any(|w| t.match_indices(w).any(|(i, _)| !conditional_clause(t, i)));
    unconditional && (limit.hours().is_some_and(|h| h <= 8.0) || conditional_amount(t, at))
}

/// Whether the amount whose number starts at byte `at` is conditional: a word of [`CONDITIONS`]
/// stands before it in its clause (bounded by brackets, semicolons and full stops, not commas),
/// after the last word of [`SERVED_AT_ONCE`] there. 需 is one when a case it needs follows it
/// and ends in 的 (`需现场核查的5个工作日`, `材料需补正的`), not as 「需5个工作日」, 「需审核5个工作日」 or
/// 「审核需要的5个工作日」 (it takes that long).
fn conditional_amount(t: &str, at: usize) -> bool {
    // A bound may be 3 bytes (【】。): start after the whole character.
    let start = t[..at]
        .rfind(CLAUSE_BOUNDS)
        .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
    let clause = &t[start..at];
    let after_word = SERVED_AT_ONCE
        .iter()
        .filter_map(|w| clause.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
    let before = &clause[after_word..];
    CONDITIONS.iter().any(|c| before.contains(c))
        || before
            .split_once('需')
            .map(|(_, rest)| rest.trim_start_matches('要'))
            .is_some_and(|rest| !rest.starts_with('的') && rest.contains('的'))
}

#[cfg(test)]
#[path = "served_tests.rs"]
mod tests;
