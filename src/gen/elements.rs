//! A master's element lists drawn from the pools: 受理条件, 常见问题, 申请材料 (with the
//! fill-in forms' links) and 办理流程 (whose limits add up to the promised days).
//!
//! Not here: the pools themselves (`pools`), which master or claim draws them and when
//! (`claim`).

use super::Rng;
use super::pools::{COMMON_MATERIALS, CONDITIONS, FAQS, HANDLERS, NOTES};
use crate::model::{Faq, Material, Step};

/// The default `[check] fill_in_words` (M04/M05).
static FILL_IN_WORDS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| crate::rules::RuleParams::default().fill_in_words);

/// Whether a material name reads like a form the applicant fills in (original only).
fn is_fill_in(name: &str) -> bool {
    FILL_IN_WORDS.iter().any(|w| name.contains(w.as_str()))
}

/// Fills a pool sentence's number slots with numbers drawn for it.
fn fill_numbers(rng: &mut Rng, text: &str, name: &str) -> String {
    text.replace("{name}", name)
        .replace("{a}", &rng.range(2, 60).to_string())
        .replace("{b}", &rng.range(3, 30).to_string())
}

/// 受理条件: the pool's first sentence and 1–4 of the others, in the pool's order, with the
/// master's numbers.
pub(super) fn conditions(rng: &mut Rng) -> String {
    let n = rng.range(1, 4);
    let mut picked: Vec<usize> = (1..CONDITIONS.len()).collect();
    while picked.len() > n {
        picked.remove(rng.below(picked.len()));
    }
    std::iter::once(CONDITIONS[0].to_owned())
        .chain(
            picked
                .into_iter()
                .map(|i| fill_numbers(rng, CONDITIONS[i], "")),
        )
        .collect::<Vec<_>>()
        .join("；")
}

/// 常见问题: 3–5 entries of the pool, in the pool's order, with the master's numbers.
pub(super) fn faqs(rng: &mut Rng, name: &str) -> Vec<Faq> {
    let n = rng.range(3, 5);
    let mut picked: Vec<usize> = (0..FAQS.len()).collect();
    while picked.len() > n {
        picked.remove(rng.below(picked.len()));
    }
    picked
        .into_iter()
        .map(|i| {
            let (q, a) = FAQS[i];
            Faq {
                question: q.replace("{name}", name),
                answer: fill_numbers(rng, a, name),
                ..Faq::default()
            }
        })
        .collect()
}

pub(super) fn materials(rng: &mut Rng, specific: &[(&str, &str)]) -> Vec<Material> {
    let n = rng.range(1, 15);
    let mut chosen: Vec<(&str, &str)> = specific.iter().copied().take(n).collect();
    let start = rng.below(COMMON_MATERIALS.len());
    for k in 0..COMMON_MATERIALS.len() {
        if chosen.len() >= n {
            break;
        }
        let m = COMMON_MATERIALS[(start + k) % COMMON_MATERIALS.len()];
        if chosen.iter().all(|c| c.0 != m.0) {
            chosen.push(m);
        }
    }
    chosen
        .into_iter()
        .map(|(name, issuer)| {
            let mut m = Material {
                name: name.to_owned(),
                source_channel: if issuer.is_empty() {
                    "申请人自备"
                } else {
                    "政府部门核发"
                }
                .to_owned(),
                source_desc: if issuer.is_empty() {
                    "申请人"
                } else {
                    issuer
                }
                .to_owned(),
                copies: rng.range(1, 2).to_string(),
                material_type: if is_fill_in(name) {
                    "原件"
                } else {
                    "原件和复印件"
                }
                .to_owned(),
                form: "纸质和电子".to_owned(),
                spec: "A4".to_owned(),
                required: "必要".to_owned(),
                notes: (*rng.pick(NOTES)).to_owned(),
                ..Material::default()
            };
            // Whatever the rules count as a form the applicant fills in gets both links.
            if crate::rules::materials::is_fill_in(&m, &FILL_IN_WORDS) {
                m.blank_form = format!("https://www.ahzwfw.gov.cn/files/form/{name}.docx");
                m.sample = format!("https://www.ahzwfw.gov.cn/files/sample/{name}（示例）.docx");
            }
            m
        })
        .collect()
}

/// 受理 1 day, 审查 and 决定 sharing the rest but one, 办结 1 day: the limits add up to `promised`.
/// When the item is handled online (网办深度 三级/四级) 受理 starts with the online submission.
pub(super) fn steps(rng: &mut Rng, promised: usize, online: bool) -> Vec<Step> {
    let review = rng.range(1, promised - 3);
    let decide = promised - 2 - review;
    [
        (
            "受理",
            1,
            if online {
                "申请人通过安徽政务服务网在线提交申请材料，窗口对申请材料进行形式审查，材料齐全、符合法定形式的予以受理并出具受理通知书"
            } else {
                "对申请材料进行形式审查，材料齐全、符合法定形式的予以受理并出具受理通知书"
            },
        ),
        (
            "审查",
            review,
            "对申请材料的真实性、合法性进行实质审查，必要时组织现场核查",
        ),
        (
            "决定",
            decide,
            "根据审查意见作出准予或不予许可的决定，不予许可的说明理由",
        ),
        ("办结", 1, "制作并送达办理结果，告知申请人领取方式"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, days, duties))| Step {
        name: name.to_owned(),
        handler: HANDLERS[(i + rng.below(2)) % HANDLERS.len()].to_owned(),
        duties: duties.to_owned(),
        time_limit: format!("{days}个工作日"),
        ..Step::default()
    })
    .collect()
}
