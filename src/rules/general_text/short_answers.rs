//! Short answers that hold no value of their own: a referral elsewhere instead of the value
//! (`详见附件`, `参见设定依据`, [`is_referral`]) and a "no" to a 有无 question (`无`, `否（不限）`,
//! `无需样本`, [`says_no`]).
//!
//! Not here: placeholders such as `/` and `暂无` (`model::text::is_blank_or_placeholder`), long
//! answers that only refer to a guide or a window (`answers`).

use crate::model::text::SENTENCE_ENDS;

/// `t` without the marks and spaces that may end a short answer without being part of it
/// (`同上。`, `无； `).
fn without_ends(t: &str) -> &str {
    t.trim_end_matches(|c: char| SENTENCE_ENDS.contains(&c) || c.is_whitespace())
}

/// Verbs that point the reader elsewhere (`参见附件`, `请参阅办事指南`). A short text after `详见`
/// is a referral whatever it names; after these, only when it names a place to look
/// ([`REFERRAL_TARGETS`]), so `参照《食品安全法》执行` is not one.
const REFERRAL_VERBS: &[&str] = &[
    "参见",
    "参照",
    "参阅",
    "参考",
    "请参阅",
    "请参见",
    "请参照",
    "请见",
    "具体见",
];

/// Where a referral points: a guide, an attachment, a list, or another part of the item
/// (`设定依据`, `受理条件`, `上`).
const REFERRAL_TARGETS: &[&str] = &[
    "指南", "附件", "附表", "清单", "目录", "说明", "网站", "公告", "文件", "依据", "条件", "材料",
    "规定", "要求", "上", "下",
];

/// What may stand between a bare `见` and where it points (`见办事指南`, `见相关规定`).
const POINTER_MODIFIERS: &[&str] = &["办事", "服务", "相关", "有关", "本事项", "上述"];

/// Where else a `见` at the start of a longer text may point: a law or a document by name
/// (`见《食品安全法》第三十五条`), an article (`见第十条`), an appendix or a table (`见附录`,
/// `见表1`), a website (`见官网`). No word that begins with 见 (见义勇为, 见习, 见证, 见面) starts so.
/// A sample, a note, a notice, a system, a link or a site (`见结果样本`, `见备注`, `见通知`,
/// `见链接`, `见安徽政务服务网`) too (h10).
const POINTER_STARTS: &[&str] = &[
    "《",
    "〈",
    "第",
    "附",
    "表",
    "官网",
    "样本",
    "结果样本",
    "备注",
    "通知",
    "系统",
    "链接",
    "详情",
    "网",
    "平台",
    "安徽",
    "政务服务",
    "皖事通",
];

/// What follows a bare `见` (`rest`), past a modifier (`办事`, `相关`), when it names where to
/// look: a [`REFERRAL_TARGETS`] word (`附件`, `上`, `下表`), or with `more` also a
/// [`POINTER_STARTS`] one (`《…》`, `第…条`).
fn jian_target(rest: &str, more: bool) -> bool {
    let target = POINTER_MODIFIERS
        .iter()
        .find_map(|m| rest.strip_prefix(m))
        .unwrap_or(rest);
    REFERRAL_TARGETS.iter().any(|w| target.starts_with(w))
        || more && POINTER_STARTS.iter().any(|w| target.starts_with(w))
}

/// Whether `text` begins with a bare `见` that sends the reader elsewhere, whatever follows:
/// `见附件`, `见上`, `见下表`, `见办事指南`, `见《食品安全法》第三十五条`, `见第十条`, `见官网`. A 见
/// that begins a word (`见义勇为人员奖励决定书`, `见习岗位每年不超过50个`, `见证人…`, `见面…`) is
/// no pointer. For a value that must name something (a result's name, a limit), where a pointer
/// at its start already hides the value; [`is_referral`] asks more of a whole short answer.
pub fn starts_with_pointer(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('见')
        .is_some_and(|rest| jian_target(rest, true))
}

/// Whether `text` only refers elsewhere instead of saying something: `详见附件`, `见上`, `同上`,
/// `略`, `待定`, a short `详见…` (`详见办事指南`), a referral verb before a short pointer to a
/// guide, an attachment or another part of the item (`参见设定依据`, `参照办事指南`, `请参阅附件`),
/// or a bare `见` right before such a pointer (`见办事指南`, `见附表2`; not `见证人…`, `见习…`).
/// A full stop or semicolon at the end is ignored (`同上。`).
pub fn is_referral(text: &str) -> bool {
    let t = without_ends(text.trim());
    // The longest referral below is a verb of three characters and ten more: 39 bytes. Most
    // texts asked about (a required element) are longer, and are no referral.
    if t.len() > 39 {
        return false;
    }
    let short_pointer = |rest: &str| rest.chars().count() <= 10 && !rest.contains('《');
    matches!(
        t,
        "详见附件" | "见附件" | "见上" | "同上" | "略" | "待定" | "待补充" | "详见" | "见下"
    ) || (t.starts_with("详见") && t.chars().count() <= 12)
        || REFERRAL_VERBS.iter().any(|v| {
            t.strip_prefix(v).is_some_and(|rest| {
                short_pointer(rest) && REFERRAL_TARGETS.iter().any(|w| rest.contains(w))
            })
        })
        || t.strip_prefix('见')
            .is_some_and(|rest| short_pointer(rest) && jian_target(rest, false))
}

/// Words that answer a 有无 or 是否 question with no by themselves.
const NO_WORDS: &[&str] = &[
    "无",
    "否",
    "没有",
    "不涉及",
    "未涉及",
    "不适用",
    "无此项",
    "不需要",
    "不需",
    "无需",
    "无须",
    "无需提供",
    "无须提供",
    "不需提供",
    "不需要提供",
];

/// What begins a "no" that names what there is none of (`无样本`, `没有数量限制`, `无需提供样本`).
const NO_PREFIXES: &[&str] = &["不需要", "没有", "无需", "无须", "不需", "无"];

/// Where a note after the answer begins (`无（电子证照）`, `无，不限`).
const NOTE_STARTS: &[char] = &['(', '（', '[', '【', ',', '，', ';', '；', ':', '：', '、'];

/// Whether `text` answers a 有无 question with no: a word that says no (`无`, `否`, `没有`,
/// `不涉及`, `无此项`, `不需要`, `无需提供`), or 无/没有/无需/不需要 and one of `nouns` with at most
/// four characters between them (nouns `样本`: `无样本`, `无结果样本`, `无需提供样本`). The answer
/// may be followed by a note in brackets or after a comma, which does not change it
/// (`无（电子证照）`, `否（不限）`, `无，不限`); a full stop at the end is ignored (`无。`).
pub fn says_no(text: &str, nouns: &[&str]) -> bool {
    let t = text.trim();
    let head = without_ends(t.find(NOTE_STARTS).map_or(t, |at| &t[..at]));
    NO_WORDS.contains(&head)
        || NO_PREFIXES.iter().any(|p| {
            head.strip_prefix(p).is_some_and(|rest| {
                nouns.iter().any(|n| {
                    rest.strip_suffix(n)
                        .is_some_and(|between| between.chars().count() <= 4)
                })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referrals_to_a_guide_an_attachment_or_another_element() {
        for t in [
            "详见附件",
            "见附件",
            "同上",
            "同上。",
            "见上；",
            "详见办事指南",
            "详见申请材料",
            "参见设定依据",
            "参照办事指南",
            "请参阅附件",
            "参见附件",
            "参见办事指南",
            "参照相关规定执行",
            "请参见受理条件。",
            "见办事指南",
            "见服务指南。",
            "见附表2",
            "见相关规定",
            "见上述材料",
        ] {
            assert!(is_referral(t), "{t}");
        }
    }

    #[test]
    fn a_named_law_or_real_content_is_no_referral() {
        for t in [
            "",
            "无",
            "参照《食品安全法》执行",
            "参照执行",
            "参见《池州市出租汽车经营权管理办法》第十条",
            "详见《食品经营许可管理办法》第十二条",
            "申请人应当取得营业执照等合法主体资格，并参见附件所列条件",
            "见义勇为人员确认",
            "见证人身份证明材料",
            "见习期满考核材料",
            "见面审核申请材料",
            "见《食品经营许可管理办法》附件",
            "参加全国统一考试并取得合格证书",
        ] {
            assert!(!is_referral(t), "{t}");
        }
    }

    #[test]
    fn a_jian_that_points_elsewhere_starts_a_pointer() {
        for t in [
            "见附件",
            "见附件2",
            "见上",
            "见下表",
            "见办事指南",
            "见服务指南第三部分",
            "见相关规定",
            "见说明",
            "见《食品安全法》第三十五条",
            "见第十二条",
            "见附录一",
            "见表1",
            "见官网公布的名单",
            " 见本事项附表",
            "见结果样本",
            "见样本",
            "见备注",
            "见通知",
            "见系统",
            "见链接",
            "见详情",
            "见安徽政务服务网",
        ] {
            assert!(starts_with_pointer(t), "{t}");
        }
    }

    #[test]
    fn a_word_that_begins_with_jian_starts_no_pointer() {
        for t in [
            "见义勇为人员奖励决定书",
            "见义勇为人员荣誉证书",
            "见义勇为确认通知书",
            "见习证明",
            "见习岗位每年不超过50个",
            "见习期内限申请一次",
            "见证人身份证明材料",
            "见面审核申请材料",
            "详见附件",
            "参见附件",
            "附件",
            "",
        ] {
            assert!(!starts_with_pointer(t), "{t}");
        }
    }

    const SAMPLE: &[&str] = &["样本", "样表", "样张"];
    const LIMIT: &[&str] = &["限制", "限额", "限量"];

    #[test]
    fn a_no_with_or_without_a_note() {
        for t in [
            "无",
            "无。",
            "否",
            "没有",
            "不涉及",
            "无此项",
            "不需要",
            "无需提供",
            "无需样本",
            "无样表",
            "无样本",
            "没有样本",
            "无结果样本",
            "无需提供样本",
            "无（电子证照）",
            "否，发放电子证照",
            " 无 （不限） ",
        ] {
            assert!(says_no(t, SAMPLE), "{t}");
        }
        for t in [
            "无（不限）",
            "否（不限）",
            "无，不限",
            "无限额",
            "无限制",
            "无数量限制",
            "没有数量限制",
            "无（符合条件均可申请）",
        ] {
            assert!(says_no(t, LIMIT), "{t}");
        }
    }

    #[test]
    fn a_yes_a_pending_answer_or_a_name_is_no_no() {
        for t in [
            "",
            "有",
            "是",
            "有（见附件）",
            "暂无样本",
            "暂未提供",
            "不提供",
            "涉及个人隐私，不予公开",
            "不动产权证书（样本）",
            "无人机驾驶员执照样本",
            "（无）",
            "附件1",
        ] {
            assert!(!says_no(t, SAMPLE), "{t}");
        }
        for t in ["有", "有限", "无限", "有，每年新增不超过50个", "不超过50个"] {
            assert!(!says_no(t, LIMIT), "{t}");
        }
    }
}
