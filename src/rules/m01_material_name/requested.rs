//! M01: a copy of a record that a form asks to retrieve (`档案影印件调取申请表`) is the form's
//! object, not its medium.

/// What is done with archived copies that a form asks for (`档案影印件调取申请表`,
/// `档案复印件查阅登记表`): a copy word ([`COPIES`]) right before one of these, with the form's
/// own name after it, is what the applicant asks to see or have, not the medium of the material.
const REQUESTS: &[&str] = &["调取", "调阅", "查询", "查阅", "借阅"];

/// The medium words that name a copy of a record a form can ask for: only these are excused
/// before a [`REQUESTS`] word, so `电子版查询单`, `扫描件查询表` are media as before (h35
/// regression).
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

/// Drops from `spans` (medium words found in `text`) each one that a longer or equal span covers
/// when that span is a [`COPIES`] word followed by a [`REQUESTS`] word and more of the name: `复印件调取申请表`
/// drops 复印件 and the 复印 inside it; `身份证复印件`, `档案影印件调取` (no form named) keep theirs.
pub(super) fn drop_requested_copies(text: &str, spans: &mut Vec<(usize, usize)>) {
    let requested: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| {
            COPIES.contains(&&text[s..e])
                && REQUESTS.iter().any(|r| {
                    text[e..]
                        .strip_prefix(r)
                        .is_some_and(|rest| !rest.is_empty())
                })
        })
        .collect();
    if !requested.is_empty() {
        spans.retain(|&(s, e)| !requested.iter().any(|&(rs, re)| rs <= s && e <= re));
    }
}
