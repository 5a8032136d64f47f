//! Names that only ask for documents without naming any (`需要补充的材料`, `另需提交的材料`,
//! `所需材料`): made of nothing but words of need, adding or handing in, and a word for
//! documents. Other catch-alls (lists and patterns) are in the module above.

/// The words for documents such a name ends in.
const DOCUMENTS: [&str; 9] = [
    "材料", "资料", "文件", "证明", "证件", "附件", "資料", "證明", "證件",
];

/// What may stand before [`DOCUMENTS`] in such a name: words of need (需要, 另需, 所需 …), of
/// adding or handing in (补充, 提交 …), 的, who hands it in (申请人), and what kind of document
/// (证明, 书面: `需要提供的证明材料`). A name with anything else before its word for documents names something
/// (`申请人需提交的身份证明`, `需要补办的婚姻登记证明`).
const ASKING: &[&str] = &[
    "另需",
    "另外",
    "另行",
    "还需",
    "还应",
    "如需",
    "如有",
    "需要",
    "所需",
    "必需",
    "必须",
    "须",
    "需",
    "要",
    "另",
    "还",
    "应当",
    "应该",
    "应",
    "要求",
    "规定",
    "必要",
    "补充",
    "补正",
    "提交",
    "提供",
    "报送",
    "递交",
    "上报",
    "出具",
    "的",
    "申请人",
    "申请单位",
    "当事人",
    "其他",
    "其它",
    "证明",
    "书面",
    "證明",
    "書面",
    "所須",
    "須",
    "應當",
    "應",
    "補充",
    "補正",
    "遞交",
    "報送",
];

/// The words of [`ASKING`] that make it a request: a name of only 的, 申请人 or 其他 and a word
/// for documents is left to the other tests.
const REQUEST: &[&str] = &[
    "另需", "另外", "另行", "还需", "还应", "如需", "需要", "所需", "必需", "必须", "须", "需",
    "要", "另", "还", "应当", "应该", "应", "要求", "规定", "必要", "补充", "补正", "提交", "提供",
    "报送", "递交", "上报", "出具", "所須", "須", "應當", "應", "補充", "補正", "遞交",
];

/// The name, without a closing full stop, when it is made only of [`ASKING`] words, at least one
/// of them a [`REQUEST`], and a word for documents at the end: it asks for documents and names
/// none.
pub(super) fn names_no_document(name: &str) -> Option<&str> {
    let name = name.trim_end_matches(['。', '.', ' ']);
    let rest = DOCUMENTS.iter().find_map(|d| name.strip_suffix(d))?;
    let mut rest = rest;
    let mut asks = false;
    while !rest.is_empty() {
        // The longest word that begins the rest (需要 rather than 需, 要求 rather than 要).
        let word = ASKING
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())?;
        asks |= REQUEST.contains(word);
        rest = &rest[word.len()..];
    }
    asks.then_some(name)
}
