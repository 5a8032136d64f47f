//! The default word list of Q01 (常见问题): phrases that make an answer a non-answer, the default
//! of [`RuleParams::faq_non_answer_phrases`](super::RuleParams::faq_non_answer_phrases). The
//! struct, its documentation and the other defaults are in `super`.

use super::words;

/// The default of `RuleParams::faq_non_answer_phrases`.
pub(super) fn faq_non_answer_phrases() -> Vec<String> {
    words(&[
        "详见办事指南",
        "见办事指南",
        "参见办事指南",
        "详见指南",
        "详见附件",
        "详见相关规定",
        "按相关规定",
        "按有关规定",
        "按规定办理",
        // The whole answer is 根据相关规定执行, 依法依规办理, 以实际情况为准 …
        "根据相关规定",
        "根据有关规定",
        "依据相关规定",
        "依据有关规定",
        "依照相关规定",
        "依照有关规定",
        "按照相关规定",
        "按照有关规定",
        // 按照国家有关规定执行, 按国家规定办理.
        "国家有关规定",
        "国家相关规定",
        "按国家规定",
        "按照国家规定",
        "依法依规",
        // 按照相关政策规定办理.
        "按照相关政策规定",
        "按照有关政策规定",
        "根据相关政策规定",
        "根据有关政策规定",
        "依据相关政策规定",
        "依据有关政策规定",
        "按相关政策规定",
        "按有关政策规定",
        "以实际情况为准",
        // 请以实际办理为准.
        "以实际办理情况为准",
        "以实际办理为准",
        "以实际为准",
        "视具体情况而定",
        "视情况而定",
        "查看附件",
        "参考办事指南",
        "参照办事指南",
        "查看办事指南",
        // 按办事指南办理, 按照办事指南办理, 按指南要求办理: the guide the answer belongs to.
        "按办事指南",
        "按照办事指南",
        "依照办事指南",
        "根据办事指南",
        "参照指南",
        "按指南",
        "按照指南",
        "联系窗口",
        "请咨询窗口",
        "咨询窗口",
        "请咨询",
        "电话咨询",
        "拨打咨询电话",
        "以窗口解释为准",
        "详见",
        "参见",
        "详询",
        "咨询电话",
        "致电",
    ])
}
