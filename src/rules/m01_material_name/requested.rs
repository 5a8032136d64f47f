//! M01: a record that a form asks to retrieve (`档案影印件调取申请表`, `电子档调取申请表`) is the
//! form's object, not its medium.

/// What is done with archived copies that a form asks for (`档案影印件调取申请表`,
/// `档案复印件查阅登记表`): a medium word right before one of these, with the form's own name
/// after it, is what the applicant asks to see or have, not the medium of the material.
const REQUESTS: &[&str] = &["调取", "调阅", "查询", "查阅", "借阅"];

/// The medium words that name a copy of a record a form can ask for: before a [`REQUESTS`] word
/// and more of the name they are excused, whatever follows (`不动产登记资料复印件查询申请书`).
const COPIES: &[&str] = &[
    "复印件",
    "复印",
    "影印件",
    "影印本",
    "复制件",
    "複印件",
    "複印",
    "複製件",
];

/// What begins the name of a request form after a [`REQUESTS`] word (`调取申请表`, `调阅申请书`,
/// `借阅登记表`, `调取申请`): any other medium word (`原件`, `电子档`, `扫描档`, `电子文档`,
/// `打印件`, `扫描件`) before such a request names the record asked for (h36 regression:
/// `电子档调取申请表`, `扫描档借阅登记表`, `原件调阅申请表`).
const REQUEST_FORMS: &[&str] = &["申请", "登记表", "申請", "登記表"];

/// The 单 of a request form, only after fetching or borrowing (`电子档调取单`, `扫描档借阅单`): a
/// 查询单 or 查阅单 is what a query gives back, the material itself (`电子版查询单` stands, as does
/// `电子档查询结果`).
const FETCHES: &[&str] = &["调取", "调阅", "借阅"];

/// Whether `rest`, the name after a medium word, is a request word and the name of a request form
/// (`调取申请表`, `调取单`; not `查询单`, `查询结果`, `查询表`).
fn requests_a_record(rest: &str) -> bool {
    REQUESTS.iter().any(|r| {
        rest.strip_prefix(r).is_some_and(|form| {
            REQUEST_FORMS.iter().any(|f| form.starts_with(f))
                || FETCHES.contains(r) && form.starts_with('单')
        })
    })
}

/// Drops from `spans` (medium words found in `text`) each one that a longer or equal span covers
/// when that span names a record asked for: a [`COPIES`] word followed by a [`REQUESTS`] word and
/// more of the name (`复印件调取申请表` drops 复印件 and the 复印 inside it), or any medium word
/// followed by a request form ([`requests_a_record`]: `电子档调取申请表`, `原件调阅申请表`);
/// `身份证复印件`, `档案影印件调取` (no form named), `电子版查询单` keep theirs.
pub(super) fn drop_requested_copies(text: &str, spans: &mut Vec<(usize, usize)>) {
    let requested: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| {
            let rest = &text[e..];
            requests_a_record(rest)
                || COPIES.contains(&&text[s..e])
                    && REQUESTS
                        .iter()
                        .any(|r| rest.strip_prefix(r).is_some_and(|rest| !rest.is_empty()))
        })
        .collect();
    if !requested.is_empty() {
        spans.retain(|&(s, e)| !requested.iter().any(|&(rs, re)| rs <= s && e <= re));
    }
}
