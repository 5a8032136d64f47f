//! The plain fields beside the domains: 是否 flags and counts such as 到现场次数.

use crate::model::text::{check_mark, ticked_one, to_halfwidth, value_and_note};

/// Reads a 是否 field (是否支持物流快递, 是否收费 …): `Some(true)` for 是/支持/有/1/Y,
/// `Some(false)` for 否/不支持/无/0/N, `None` otherwise (empty or unclear). Tick boxes (`☑是 □否`)
/// are the choice ticked; a mark alone (`√`, `×`) is read by [`check_mark`].
pub fn parse_yes_no(text: &str) -> Option<bool> {
    if let Some(chosen) = ticked_one(text) {
        return parse_yes_no(&chosen);
    }
    if let Some(marked) = check_mark(text) {
        return Some(marked);
    }
    let t = to_halfwidth(text);
    let t = t.trim();
    if ["否", "不", "无", "没有", "0", "N", "n", "false"]
        .iter()
        .any(|w| t.starts_with(w))
    {
        return Some(false);
    }
    ["是", "支持", "有", "可", "1", "Y", "y", "true"]
        .iter()
        .any(|w| t.starts_with(w))
        .then_some(true)
}

/// Reads 物流快递 (是否支持物流快递): [`parse_yes_no`], and a cell that names the carrier or the
/// way of posting instead of saying 是 (`EMS`, `邮寄`, `快递`, `邮政寄递`, `双向寄递`,
/// `EMS邮寄（免费）`) is `Some(true)`. Such a cell with a word of denial anywhere (`暂不支持快递`,
/// `快递暂未开通`, `EMS（无）`) stays unclear (`None`), as does one that posts only the result
/// (`结果邮寄`, `证照EMS送达`: the materials must still be brought) unless it also names the
/// materials or both ways (`申请材料和结果均可邮寄`). A visit the cell says is not needed
/// (`EMS，无需到现场`, `EMS寄递，无需到现场领取`, `无需跑腿`) is no denial of the express: it is
/// read without that clause (`without_denied_visits`).
pub fn parse_express(text: &str) -> Option<bool> {
    /// Carriers and ways of posting.
    const DELIVERY: [&str; 11] = [
        "EMS", "ems", "Ems", "邮寄", "快递", "寄递", "邮政", "邮递", "寄送", "物流", "顺丰",
    ];
    /// Words of denial or of a service stopped.
    const DENIAL: [&str; 6] = ["不", "无", "否", "没", "未", "停"];
    /// What travels is the result alone.
    const RESULT_ONLY: [&str; 6] = ["结果", "证照", "证件", "证书", "批文", "送达"];
    /// What travels includes the materials.
    const BOTH_WAYS: [&str; 2] = ["材料", "双向"];
    /// Something must still be brought in person (`结果EMS邮寄，材料须现场递交`; not
    /// `材料邮寄或窗口递交`, a choice).
    const ON_SITE: [&str; 4] = ["现场", "窗口", "大厅", "到场"];
    const MUST: [&str; 3] = ["须", "需", "应当"];
    let t = without_denied_visits(&to_halfwidth(text));
    let yes_no = parse_yes_no(&t);
    if yes_no.is_some() {
        return yes_no;
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    (has(&DELIVERY)
        && !has(&DENIAL)
        && !(has(&ON_SITE) && has(&MUST))
        && (!has(&RESULT_ONLY) || has(&BOTH_WAYS)))
    .then_some(true)
}

/// Words that deny a need (`无需`, `不用`, `免`) and, before a visit ([`DENIED_VISITS`]), say
/// there is none; longest first, so `不需要` is not read as `不需`.
const NO_NEED: [&str; 10] = [
    "不需要",
    "无需",
    "无须",
    "毋需",
    "不需",
    "不须",
    "不用",
    "不必",
    "免于",
    "免",
];

/// Who or how, between a [`NO_NEED`] word and the visit (`无需申请人到现场`, `无需再跑`,
/// `不用亲自到窗口`).
const VISIT_FILLERS: [&str; 5] = ["申请人", "本人", "亲自", "群众", "再"];

/// Going there (`到现场`, `跑腿`, `上门`): after a [`NO_NEED`] word, a visit denied.
const DENIED_VISITS: [&str; 11] = [
    "到现场",
    "现场",
    "到窗口",
    "窗口",
    "到场",
    "到大厅",
    "大厅",
    "跑",
    "前往",
    "往返",
    "上门",
];

/// Characters that end a clause in a half-width cell (`EMS,无需到现场`, `EMS(无需到现场)`).
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '(' | ')' | '!' | '?' | '。' | '、' | '\n'
    )
}

/// `text` (half-width) without each visit it says is not needed, from the [`NO_NEED`] word to
/// the end of its clause or to `即可` (`EMS,无需到现场领取` is `EMS`, `无需跑腿,邮政EMS双向寄递`
/// is `邮政EMS双向寄递`, `无需到现场即可邮寄申请材料` is `即可邮寄申请材料`), trimmed of the
/// clause marks then left at its ends. Not `不支持物流快递`, `不提供邮寄` (no visit follows), nor
/// `免费邮寄` (`免` of a fee).
fn without_denied_visits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut removed = false;
    while let Some(c) = rest.chars().next() {
        let denied = NO_NEED.iter().find_map(|n| {
            let mut after = rest.strip_prefix(n)?;
            while let Some(f) = VISIT_FILLERS.iter().find_map(|f| after.strip_prefix(f)) {
                after = f;
            }
            DENIED_VISITS
                .iter()
                .any(|v| after.starts_with(v))
                .then_some(after)
        });
        if let Some(after) = denied {
            removed = true;
            let end = [after.find(ends_clause), after.find("即可")]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(after.len());
            rest = &after[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !removed {
        return out;
    }
    out.trim_matches(|c: char| c.is_whitespace() || ends_clause(c))
        .to_owned()
}

/// Reads a count such as 到现场次数: `0`, `1次`, `零次`, `最多跑1次`, and a count followed by a note
/// in brackets (`1次（领取证件）`, `1（如邮寄则0次）`: the count before the note) or after a comma
/// , semicolon or full stop (`0次，结果EMS寄递`, `1次；领取证件`, `0次。全程网办`: read as the same
/// note in brackets), unless the note counts more visits than the count before it
/// (`0次，领证需到现场1次`; not `最多跑1次，如选择邮寄则0次`). `None` when the text is not one
/// whole number ≥ 0 (`1-2次`, `若干次`, `-1`, `若干次（视情况）`, `1次或2次，视情况`).
pub fn parse_count(text: &str) -> Option<u32> {
    counted(text).or_else(|| {
        let (head, note) = text.split_once(['，', ',', '；', ';', '。'])?;
        let count = counted(head)?;
        // The counts of visits in the note: the digit before each 次 (not 一次性告知,
        // 一次都不用跑, 一次办结: a numeral in words is a slogan more often than a count).
        let more = note.char_indices().any(|(k, c)| {
            c == '次'
                && note[..k].chars().next_back().is_some_and(|d| {
                    to_halfwidth(&d.to_string())
                        .parse::<u32>()
                        .is_ok_and(|n| n > count)
                })
        });
        (!more).then_some(count)
    })
}

/// [`parse_count`] of a text whose note, if any, is in brackets.
fn counted(text: &str) -> Option<u32> {
    plain_count(text).or_else(|| plain_count(value_and_note(text)?.0))
}

/// [`parse_count`] of a text without a note.
fn plain_count(text: &str) -> Option<u32> {
    let mut t: String = to_halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in ["最多跑", "最多", "不超过", "至多", "跑"] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.to_owned();
            break;
        }
    }
    let t = t.strip_suffix('次').unwrap_or(&t);
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    match t.chars().collect::<Vec<_>>().as_slice() {
        ['两'] => Some(2),
        [c] => "零一二三四五六七八九"
            .chars()
            .position(|d| d == *c)
            .map(|p| p as u32),
        _ => None,
    }
}
