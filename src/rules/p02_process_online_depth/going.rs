//! P02: where a text says someone goes to a hall, centre or window — `到`/`前往` a place, and
//! the applicant coming (`来`), going (`至`), being there (`在`) or handing something in there
//! (`将…送至`, `报送至`) — with the words that tell these from things sent, staff and other words.
//! Whether such a going is required is read in `visit`.

use super::clause_tail;
use super::is_clause_end;
use super::visit_words::{
    APPLICANT_WORDS, DELIVERY_WAYS, NOT_A_PLACE_AFTER, NOT_A_PLACE_NAME, NOT_GOING_BEFORE,
    PLACE_REACH, VISIT_PLACES, VISITING_STAFF,
};

/// Words that start a going to a place: `到`, `前往`, and, read more narrowly ([`going_start`]),
/// `来`, `至` and `在`.
const GOING_WORDS: &[&str] = &["到", "前往", "来", "至", "在"];

/// The applicant's side as the one who goes or hands in (`申请人将退休证原件送至…`): the
/// [`APPLICANT_WORDS`] but `经办人`, who is as often staff (`窗口经办人在服务大厅审核`).
fn applicant_subjects() -> impl Iterator<Item = &'static &'static str> {
    APPLICANT_WORDS.iter().filter(|a| **a != "经办人")
}

/// Verbs of handing in that, right before `至`/`到` with the applicant as subject, make it the
/// applicant bringing something there (`申请人将纸质材料报送至中心5号窗口`,
/// `申请人将退休证原件送至服务大厅`); longest first, for the going to start at the verb.
const HANDING_IN: &[&str] = &[
    "报送", "递交", "提交", "送交", "呈交", "呈送", "上交", "交", "送", "递",
];

/// Verbs ending in a [`HANDING_IN`] character that send a thing, not bring it
/// (`证照寄送至…`, `推送至…`, `转交至…`, `配送至发证窗口`).
const SENDING: &[&str] = &[
    "寄送", "邮送", "推送", "传送", "发送", "配送", "转送", "抄送", "移送", "运送", "移交", "转交",
    "邮递", "投递", "快递", "传递",
];

/// Characters before `至` that make it part of another word or a span, not a going (`截至`,
/// `直至`, `甚至`, `以至`, `9:00至17:00`, `3号至5号窗口`, `发放至`); with [`NOT_GOING_BEFORE`].
const NOT_GOING_BEFORE_ZHI: &[char] = &[
    '截', '甚', '以', '乃', '及', '放', '配', '下', '返', '导', '延', '引', '号', '时', '点', '日',
    '月', '年', '周', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '0', '1', '2',
    '3', '4', '5', '6', '7', '8', '9', ':',
];

/// Characters before `来` that make it part of another word (`以来`, `原来`, `未来`, `带来`,
/// `出来`, `回来`, `将来`, `从来`, `本来`, `近来`, `由来`, `看来`, `后来`).
const NOT_COMING_BEFORE: &[char] = &[
    '以', '原', '未', '带', '出', '起', '下', '上', '回', '将', '从', '本', '近', '外', '由', '看',
    '后', '往', '传', '寄', '送', '发',
];

/// Characters after `来` that make it part of another word (`来源`, `来电`, `来函`, `来信`,
/// `来文`, `来自`, `来往`).
const NOT_COMING_AFTER: &[char] = &['源', '电', '函', '信', '文', '自', '往', '件', '料'];

/// Words between a going word and a place that make the place an online service's
/// (`申请人在皖事通APP“办事大厅”提交`, `在政务服务平台大厅`); with [`NOT_A_PLACE_NAME`].
const ONLINE_BETWEEN: &[&str] = &[
    "APP",
    "App",
    "app",
    "皖事通",
    "小程序",
    "公众号",
    "微信",
    "支付宝",
    "平台",
    "系统",
    "客户端",
];

/// Each going to a place in `text` ([`VISIT_PLACES`]): where the going starts and where the place
/// ends, in bytes.
pub(super) fn visits_to_place(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    VISIT_PLACES.iter().flat_map(move |p| {
        text.match_indices(p).filter_map(move |(j, _)| {
            let window = &text[..j];
            let go = GOING_WORDS
                .iter()
                .filter_map(|g| {
                    window
                        .rmatch_indices(g)
                        .find(|&(k, _)| !part_of_word(window, k, g))
                        .map(|(k, _)| (k, k + g.len()))
                })
                .max()?;
            let between = &window[go.1..];
            let end = j + p.len();
            let near = between.chars().count() <= PLACE_REACH;
            let broken = between
                .chars()
                .any(|c| is_clause_end(c) || NOT_A_PLACE_NAME.contains(&c))
                || between
                    .match_indices('在')
                    .any(|(k, _)| !between[..k].ends_with('所'))
                || ONLINE_BETWEEN.iter().any(|w| between.contains(w));
            let online = NOT_A_PLACE_AFTER.iter().any(|a| text[end..].starts_with(a));
            if !near || broken || online {
                return None;
            }
            going_start(text, go.0, go.1).map(|start| (start, end))
        })
    })
}

/// Whether the going word `g` at byte `k` of `text` is part of another word or of a span
/// (`以来`, `来源`, `截至`, `3号至5号窗口`, `至于`, `所在地`, `现在`, `在线`): the going is then
/// looked for further back.
fn part_of_word(text: &str, k: usize, g: &str) -> bool {
    let before = &text[..k];
    let after = &text[k + g.len()..];
    match g {
        "来" => before.ends_with(NOT_COMING_BEFORE) || after.starts_with(NOT_COMING_AFTER),
        "至" => before.ends_with(NOT_GOING_BEFORE_ZHI) || after.starts_with('于'),
        "在" => {
            before.ends_with(['所', '正', '现', '存', '实', '内', '外', '自'])
                || after.starts_with(['线', '于'])
        }
        _ => false,
    }
}

/// Where the going whose word stands at bytes `at..end` of `text` starts, or `None` when the word
/// is no going (the word is not part of another, see [`part_of_word`]): `到` not part of another
/// word ([`NOT_GOING_BEFORE`]); `前往`; `来`; `至` and `在` after the applicant as subject or one
/// bringing papers ([`applicant_goes`]: `申请人至服务大厅5号窗口核验`, `凭原件在5号窗口核验`), `至`
/// not after a verb of sending ([`NOT_GOING_BEFORE`]: `推送至`, `流转至`). `至`/`到` after a
/// verb of handing in by the applicant start at the verb (`申请人将退休证原件送至服务大厅`,
/// `申请人将纸质材料报送至中心5号窗口`), unless the thing is posted (`将材料邮寄至…`).
fn going_start(text: &str, at: usize, end: usize) -> Option<usize> {
    let before = &text[..at];
    let word = &text[at..end];
    if matches!(word, "到" | "至")
        && let Some(start) = handed_in(before)
    {
        return Some(start);
    }
    let goes = match word {
        "到" => !before.ends_with(NOT_GOING_BEFORE),
        "至" => {
            !before.ends_with(NOT_GOING_BEFORE) && applicant_goes(clause_tail(before, usize::MAX))
        }
        "在" => applicant_goes(clause_tail(before, usize::MAX)),
        _ => true,
    };
    goes.then_some(at)
}

/// Where the verb of handing in that `before` ends with starts, when the applicant hands the
/// thing in ([`HANDING_IN`], not [`SENDING`], the applicant as subject, no post in the clause).
fn handed_in(before: &str) -> Option<usize> {
    let verb = HANDING_IN.iter().find(|v| before.ends_with(**v))?;
    let clause = clause_tail(before, usize::MAX);
    let posted = SENDING.iter().any(|s| before.ends_with(s))
        || DELIVERY_WAYS.iter().any(|w| clause.contains(w));
    (!posted && applicant_subject(clause)).then(|| before.len() - verb.len())
}

/// Words of bringing a paper along (`凭原件`, `持身份证`, `携带材料`): whoever is named, only the
/// applicant brings the originals to be checked at a window (`网上提交后，凭原件在5号窗口核验`).
const BEARING: &[&str] = &["凭", "持", "携"];

/// Words holding a [`BEARING`] character that bring nothing (`支持`, `坚持`, `凭证`, `持续`).
const NOT_BEARING: &[&str] = &[
    "支持", "坚持", "保持", "维持", "主持", "扶持", "把持", "劫持", "挟持", "操持", "矜持", "相持",
    "持续", "持久", "凭证", "凭据", "文凭", "任凭", "听凭", "提携",
];

/// Whether the applicant is the one who goes in `clause` (the clause before `至`/`在`): the
/// applicant as subject ([`applicant_subject`]), or, with no one named, one bringing a paper
/// along ([`BEARING`]: `凭原件在5号窗口核验`) when no staff are named in the clause
/// (`工作人员凭申请人上传的原件照片在窗口核验`).
fn applicant_goes(clause: &str) -> bool {
    applicant_subject(clause)
        || !VISITING_STAFF.iter().any(|w| clause.contains(w))
            && BEARING.iter().any(|b| {
                clause.match_indices(b).any(|(k, _)| {
                    !NOT_BEARING.iter().any(|w| {
                        w.match_indices(b)
                            // `get`: the word would start inside a character (`网上申请 持`).
                            .any(|(j, _)| {
                                k >= j && clause.get(k - j..).is_some_and(|s| s.starts_with(w))
                            })
                    })
                })
            })
}

/// Whether `clause` (the clause before a going word) has the applicant as its subject: an
/// applicant word ([`applicant_subjects`]) with no `的` after it — but for one after a `将`/`把`
/// of the thing handed in (`申请人将本人的退休证原件送至…`) — so not what the applicant handed in
/// (`申请人提交的材料在窗口受理`).
pub(super) fn applicant_subject(clause: &str) -> bool {
    applicant_subjects().any(|a| {
        clause.match_indices(a).any(|(k, _)| {
            let rest = &clause[k + a.len()..];
            let rest = rest.find(['将', '把']).map_or(rest, |j| &rest[..j]);
            !rest.contains('的')
        })
    })
}
