//! Q01 常见问题 — at least three distinct FAQs, each with a real answer that does not merely
//! repeat another element of the item.
//!
//! This file holds the rule, the element lists it compares answers with, and the check put
//! together from its cached parts. Not here: the FAQs' own part — missing questions, too few,
//! repeated questions, non-answers — in `faqs`; an answer compared with the other elements in
//! `elements`; the tests in `tests`.

use std::rc::Rc;

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, cache, declare_rule};
use crate::model::text::quote;
use crate::model::{Faq, Item, ItemField};

mod contrasts;
mod elements;
mod faqs;
mod question_words;
mod questions;
mod restated;
#[cfg(test)]
mod tests;
mod word_tables;

use elements::{Elements, Probe, other_elements};
use faqs::faq_part;
use restated::{Asked, restated};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 常见问题至少 3 个（个数见配置 `[check] faq_min_count`，空问题不算，只有解答没有问题的单独报告）；问题不得重复，也不得
    /// 近似重复：去掉标点、空格、序号（`1、`、`问：`）后相同，或字符二元组相似度达到阈值
    /// （配置 `faq_similarity_threshold`，默认 0.8；比较时去掉事项名称和「如何」「怎么」「的」「吗」等疑问词、虚词，
    /// 以及不问任何内容的「进行」「一下」和「他人代为」「代理人代为」「亲属代为」中的「代为」——「可以委托他人代为办理吗？」
    /// 即「可以委托他人办理吗？」；单独的「代为」说的是由别人办，不去掉：「可以代为领取吗？」不同于「可以领取吗？」；
    /// 问多长时间时，「多久」后的「能」「才能」和「多久」前的「后」「之后」——「备案后多久生效？」即「备案多久能生效？」；
    /// 「后」只在「多久」后面还说了什么时才去掉，「缴费」「参保」「居住」「工作」等持续的事后面的也不去掉：
    /// 「缴费多久可以领取？」问要缴多少年，「缴费后多久可以领取？」问缴费后多快能领；不问多长时间的问题里的「能」不去掉）的算重复；
    /// 短问题只是问法不同的也算：把「多久」「几年」「多长时间」（问多长）、「多少」「几份」（问多少）、
    /// 「哪些」「什么」（问哪些）各当作同一种问法，去掉「可否」「是不是」和开头的「问：」「Q:」「【问】」，问法前的「为」（「有效期为几年」即「有效期是几年」），把「期限」
    /// 当作「时限」（「时限」「有效期」后的「多少」也是问多长）、「在线」「线上」「在网上」当作「网上」、
    /// 「准备」「提供」「递交」当作「提交」、「申请提交」当作「提交」、「办件」当作「办理」、「资料」当作「材料」，
    /// 去掉「有几年」的「有」和「要准备」「要提交」的「要」，问材料时不看「提交」「申请」（「需要提交哪些材料？」
    /// 即「申请要准备什么资料？」即「需要哪些材料？」；「申请低保需要提交哪些材料？」即「申请低保需要哪些材料？」），
    /// 多久「办结」「办完」当作「时限」多久（「多长时间可以办结？」即「办理时限是多久？」），只问多长时间的
    /// 也是问时限（「办理要多久？」即「办理需要多长时间？」即「办理时限是多久？」），「要带」「携带」什么材料
    /// 当作提交什么材料（「申请门诊慢特病要带什么材料？」即「申请门诊慢特病需要准备哪些资料？」），
    /// 「别人」当作「他人」、「他人代办」当作「他人办理」（「能否委托他人代办？」即「可以委托别人办理吗？」），
    /// 末尾的「网上办」当作「网上办理」（「能不能网上办？」即「可以在网上办理吗？」），
    /// 「要不要」「需不需要」「是否需要」「需要…吗」当作一种问法，「可不可以」「还能」当作「可以」，「的时候」当作「时」，
    /// 「第二代」当作「二代」，「使用」当作「用」（「换领的时候要不要重新评残？」即「换领时需要重新评残吗？」，
    /// 「二代残疾人证还可以继续使用吗？」即「第二代残疾人证还能用吗？」），「遗失」「丢失」「丢了」「弄丢」当作一个词，
    /// 末尾的「怎么办」当作「怎么办理」，丢了以后「怎么补办」「如何补领」也当作「怎么办」（「残疾人证遗失怎么办？」
    /// 即「残疾人证丢了怎么补办？」即「残疾人证丢失了怎么办？」；没说丢了的「社保卡怎么补办？」不同于「社保卡怎么办理？」），
    /// 一个问题只比另一个在前面多了事项名称里的字（事项「危险化学品经营许可证核发」中「经营许可证有效期是几年？」
    /// 即「许可证有效期多久？」）也算；问委托他人办理的问题前面只说了本人不能到场的，按后半句比较
    /// （「本人不能到场，可以委托他人办理吗？」即「可以委托他人办理吗？」；「如委托他人办理，需要提交哪些材料？」
    /// 「本人不能到场，需要提交哪些材料？」问的是另一种情形的材料，不同于「需要提交哪些材料？」），
    /// 去掉疑问词、虚词后完全相同（且至少还剩两个字）的算近似重复——「有效期多久？」与「有效期是几年？」、
    /// 「办理时限是多少？」与「办理期限是多久？」、「需要准备哪些材料？」与「申请需要提交什么材料？」、
    /// 「可以网上办理吗？」与「能否在网上办理？」；只要还差一个词就不算（「需要哪些材料？」与「材料可以邮寄吗？」、
    /// 「领取多久？」与「领取多少？」）；同样的词换了语序、解答也相同的算近似重复（「失业保险金每月发多少？」与
    /// 「每月能领多少失业保险金？」，「发」「发放」与「领」「领取」当作一个词，「能」不看；把前面一段挪到末尾才算换语序，
    /// 「从省内转到省外」与「从省外转到省内」不是；问的内容不同、只是解答相同的，如都答「不收费」，不算）。问法不同、问的不是一回事的不算近似重复：两个问题问多长、问多少、问哪些、
    /// 问如何、问是否、问哪里、问谁、问何时、问为什么不同的（「失业保险金领取多久？」与「失业保险金领取多少？」、
    /// 「如何预约？」与「需要预约吗？」、「可以网上办理吗？」与「网上办理需要什么？」、「收费吗？」与「收费多少？」），
    /// 其他字再相近也不报（没有疑问词的问题不看这一条）；分别问两种情形的（本地与外地、个人与单位、新办与变更、
    /// 纸质与电子、未满与年满、本人与代办、首次与补领、补办与换领（换发、挂失、注销）、遗失与损坏（坏了、破损、污损，问题多长都一样）、第一代与第二代、「非」与同一个词（非住宅与住宅、非营利与营利、非本地与本地）等，
    /// 「外地户籍可以申请吗？」与「本地户籍可以申请吗？」、「非住宅类不动产登记费是多少？」与「住宅类不动产登记费是多少？」、
    /// 「未满16周岁怎么申请？」与「年满16周岁怎么申请？」）也不报，两种情形前后对调、问的是相反方向的
    /// （「从省内转到省外怎么办理？」与「从省外转到省内怎么办理？」、「市内转市外…」与「市外转市内…」）也不报——
    /// 并列的两种情形只是换了次序的（「省内和省外有什么区别？」与「省外和省内有什么区别？」）仍是同一个问题；去掉疑问词、虚词后不剩什么的两个问题
    /// （「如何办理？」与「是否需要办理？」）按原文比较，原文几乎相同（「如何办理？」与「如何办理呢？」）才算近似重复；
    /// 每个问题都要有解答，解答不得为空或占位符，
    /// 不得是答非所问的推托（含「详见办事指南」「按办事指南办理」「按指南要求办理」「请咨询窗口」「根据相关规定」「依法依规」「按照相关政策规定」「以实际情况为准」「以实际办理为准」
    /// 「请查看附件」等短语——词表 `faq_non_answer_phrases`——且去掉这些短语后几乎没有实际内容，
    /// 如整个解答只是 `根据相关规定执行`、`视具体情况而定，请联系窗口工作人员`；只留一个电话号码的 `详询0566-2021156`、
    /// `请拨打咨询电话0566-2021156`，只指向办事指南另一栏的 `详见办事指南"承诺办结时限"栏` 也是推托；
    /// 不论用词，只让申请人去问某个窗口、科室、单位或电话的也是推托（每一句都只是「请/可 咨询、联系、致电 某处」
    /// 「到/向 某处咨询、了解」「以某处解释、审查意见为准」，或「如有疑问」这样不说什么的话）：`请咨询律师工作科`、`请到窗口咨询`、
    /// `请向受理窗口咨询`、`请联系县农业农村局植保站`、`具体请咨询县应急管理局危化股`、`请到县政务服务中心民政窗口了解`、
    /// `具体以县卫生健康综合监督执法局现场审查意见为准，请提前与卫健窗口联系`；让人带上证件再去问的
    /// `请携带身份证到窗口咨询`、推托后再另起一句报该处电话的 `请咨询律师工作科。律师工作科电话：0566-2021156`、
    /// 在括号里附上该处地址电话的 `请咨询律师工作科（地址：…，电话：0566-2021156）`
    /// 也是推托（问的就是要带什么材料的，答出要带的证件是解答）；但问题问的就是找哪个部门、
    /// 到哪里、怎么联系的（「遇到问题找哪个部门？」「在哪里办理？」「向谁咨询？」），答出窗口、科室就是解答；
    /// 除推托外另有自己内容的——是否、数额、时间、收费、方式，如 `不收费，详询0566-2021156`、
    /// `根据有关规定，需要。`、
    /// `5个工作日，详询…`、`需要，具体请致电…`、对「如何查询办理进度？」「办理进度怎么查？」答
    /// `请致电0566-2021156查询`（问进度的，答出要拨的号码就是解答）、`符合条件的可以申请，以实际办理为准`、
    /// `可以。需提交…；如有疑问请咨询窗口`——是解答；
    /// 问题问的就是电话或联系方式的（「咨询电话是多少？」「如何咨询？」），只答号码
    /// （`咨询电话：0566-2021156`、`请致电0566-2021156`）是解答，没有号码的 `请拨打咨询电话`、
    /// 问电话却只答 `请联系工作人员`、`请咨询律师工作科` 的仍是推托；号码就是该事项咨询电话的，不是推托，是照抄，见下）；
    /// 解答不得只是照抄该事项的其他要素（受理条件、设定依据、
    /// 办理地点、办理时间、收费标准等 10 字以上的要素——各收费项目的收费标准合在一起算一个要素：解答被该要素原文包含，
    /// 或相似度达到同一阈值；用自己的话概括收费的 `住宅每件80元，非住宅每件550元` 和 `不收费` 不算照抄）；
    /// 问的就是办理时限或电话的（「办理时限是多久？」「多长时间可以办结？」「咨询电话是多少？」「如何咨询？」），解答只有
    /// 该事项的承诺办结时限（`3个工作日。`、`承诺时限为3个工作日`，数字写成汉字的 `三个工作日` 也是）或咨询电话、监督电话（`0566-2118062`、
    /// `咨询电话：0566-2118062`）的，也只是照抄该要素；问别的事要多久的（「补正材料后多久重新受理？」答 `3个工作日`）、
    /// 问进度的（「如何查询办理进度？」答咨询电话）、时限或号码之外还说了别的（`3个工作日，材料齐全的当场办结`）是解答。
    /// 本要素对每个事项都适用。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「常见问题」：至少3个常见问题，内容明确、指导性强，并不得与该事项其他要素信息重复。
    /// 常见问题不得出现答非所问、不得出现同一事项下的问题重复。
    ///
    /// ## 示例 (Example)
    /// 不通过：只有 2 个问题；「食品经营许可证有效期多久？」与「食品经营许可证的有效期是多久？」；
    /// 「可以委托他人代为办理吗？」与「可以委托他人办理吗？」；
    /// 解答为「详见办事指南」或「请咨询律师工作科」；解答与受理条件原文相同；「收费多少？」的解答整段照抄收费标准。
    /// 通过：3 个不同的问题，解答分别说明有效期、委托办理、变更情形。
    ///
    /// ## 整改方法 (How to fix)
    /// 补足至少 3 个申请人常问的问题，合并重复问题，逐个给出具体、可操作的解答，不要照抄办事指南的
    /// 其他栏目（如问收费多少的，不要整段粘贴收费标准）。
    pub struct FaqQuality {
        id: "Q01",
        name: "faq",
        element: "常见问题",
        category: Faq,
        severity: Error,
        fix: "提供至少3个不重复的常见问题，并给出具体、不照抄其他要素的解答",
    }
}

/// Item elements an answer must not merely repeat, in the order they are compared (the first
/// an answer repeats is reported). [`ELEMENTS_BEFORE`] ‖ [`ELEMENTS_LOCAL`] ‖ [`ELEMENTS_AFTER`].
#[cfg(test)]
const OTHER_ELEMENTS: &[ItemField] = &[
    ItemField::Conditions,
    ItemField::LegalBasis,
    ItemField::Address,
    ItemField::Hours,
    ItemField::QuantityLimitDesc,
    ItemField::OnsiteReason,
    ItemField::LegalLimitNote,
];

/// The elements compared before the local ones: catalogue text, shared by the claims of a master.
const ELEMENTS_BEFORE: &[ItemField] = &[ItemField::Conditions, ItemField::LegalBasis];
/// The elements each implementing body writes for itself (个性要素): where and when to apply.
const ELEMENTS_LOCAL: &[ItemField] = &[ItemField::Address, ItemField::Hours];
/// The catalogue elements compared after the local ones (then the fee standards, a child list
/// with a cached part of its own: see [`other_elements`]).
const ELEMENTS_AFTER: &[ItemField] = &[
    ItemField::QuantityLimitDesc,
    ItemField::OnsiteReason,
    ItemField::LegalLimitNote,
];

/// What the shared part of the check reads: the FAQs, the name and the catalogue elements.
pub(super) const SHARED_READS: Reads = FAQ_READS.and(CATALOGUE_READS);

/// What the FAQs' own part reads: the FAQs and the name (left out of the questions' similarity).
pub(super) const FAQ_READS: Reads = Reads::FAQS.and(Reads::fields(&[ItemField::Name]));

/// What the catalogue elements' part reads.
pub(super) const CATALOGUE_READS: Reads =
    Reads::fields(ELEMENTS_BEFORE).and(Reads::fields(ELEMENTS_AFTER));

/// What the fee standards' part reads: kept out of the shared part, so that the many items
/// without fees (or with an answer found repeating another element) never key it.
pub(super) const FEE_READS: Reads = Reads::FEES;

/// What the local elements' part reads.
const LOCAL_READS: Reads = Reads::fields(ELEMENTS_LOCAL);

/// The part of Q01's verdict that does not depend on the item's local elements or fees:
/// everything but whether an answer repeats 办理地点, 办理时间 or 收费标准. Items that claim the
/// same master share it ([`cache::memo`]).
struct Shared {
    faqs: Rc<FaqPart>,
    /// What each FAQ with a question says about its answer, in order.
    answers: Vec<Answer>,
}

enum Answer {
    /// Decided without the local elements.
    Done(Option<Violation>),
    /// Compared with the local elements next (then the fee standards, when `after` is none):
    /// `faq` is its index in `item.faqs` and in [`FaqPart::answers`], `after` the catalogue
    /// element after the local ones it repeats, if any.
    Local {
        faq: usize,
        after: Option<&'static str>,
    },
}

/// What Q01 finds from the FAQs and the name alone: shared by the items with the same FAQs even
/// when their catalogue elements differ.
struct FaqPart {
    /// Violations before the answers' (answers without a question, too few FAQs, duplicates).
    head: Vec<Violation>,
    /// What each FAQ with a question says about its answer, in order: decided, or an answer
    /// long enough to have copied another element, to compare with them (`faq` its index in
    /// `item.faqs`).
    answers: Vec<FaqAnswer>,
    /// The FAQs (index in `item.faqs`) with an answer fine so far whose question asks for the
    /// time limit or a phone, and which: compared with those elements ([`restated`]).
    asked: Vec<(usize, Asked)>,
}

enum FaqAnswer {
    Done(Option<Violation>),
    Probe { faq: usize, probe: Probe },
}

impl FaqPart {
    /// About how many bytes it holds.
    fn size(&self) -> usize {
        self.head.iter().map(cache::violation_size).sum::<usize>()
            + 16 * self.asked.len()
            + self
                .answers
                .iter()
                .map(|a| match a {
                    FaqAnswer::Done(v) => 32 + v.as_ref().map_or(0, cache::violation_size),
                    FaqAnswer::Probe { probe, .. } => 16 + probe.size(),
                })
                .sum::<usize>()
    }

    /// The probe of the FAQ at `faq` in `item.faqs`.
    fn probe(&self, faq: usize) -> Option<&Probe> {
        self.answers.iter().find_map(|a| match a {
            FaqAnswer::Probe { faq: at, probe } if *at == faq => Some(probe),
            _ => None,
        })
    }
}

impl Shared {
    /// About how many bytes it holds (besides the FAQs' part, kept under its own key).
    fn size(&self) -> usize {
        self.answers
            .iter()
            .map(|a| match a {
                Answer::Done(v) => 32 + v.as_ref().map_or(0, cache::violation_size),
                Answer::Local { .. } => 32,
            })
            .sum::<usize>()
    }
}

impl Rule for FaqQuality {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, item: &Item, ctx: &CheckContext) -> Verdict {
        let shared = cache::memo(item, "Q01 常见问题", SHARED_READS, Shared::size, || {
            shared_part(item, ctx)
        });
        let mut out = shared.faqs.head.clone();
        // A body's address and hours repeat over its items: normalised once for all of them.
        // So are fee standards.
        let mut local: Option<Rc<Elements>> = None;
        let mut fees: Option<Rc<Elements>> = None;
        let threshold = ctx.params.faq_similarity_threshold;
        for answer in &shared.answers {
            match answer {
                Answer::Done(v) => out.extend(v.clone()),
                Answer::Local { faq, after } => {
                    let local = local.get_or_insert_with(|| {
                        cache::memo(
                            item,
                            "Q01 办理地点和时间",
                            LOCAL_READS,
                            Elements::size,
                            || other_elements(item, ELEMENTS_LOCAL, false),
                        )
                    });
                    let probe = shared.faqs.probe(*faq);
                    let repeated = probe
                        .and_then(|p| p.repeated(local, threshold))
                        .or(*after)
                        .or_else(|| {
                            // Most items have no fees: nothing to key or build.
                            if item.fees.is_empty() {
                                return None;
                            }
                            let fees = fees.get_or_insert_with(|| {
                                cache::memo(
                                    item,
                                    "Q01 收费标准",
                                    FEE_READS,
                                    Elements::size,
                                    || other_elements(item, &[], true),
                                )
                            });
                            probe.and_then(|p| p.repeated(fees, threshold))
                        });
                    if let Some(label) = repeated {
                        out.push(copied(&item.faqs[*faq], label));
                    }
                }
            }
        }
        // An FAQ asking for the time limit or a phone and answered with only the item's own:
        // read here, as few items have one (not part of any cached part's key). One found
        // copying a longer element already is not reported twice.
        for &(faq, asked) in &shared.faqs.asked {
            let f = &item.faqs[faq];
            if let Some(label) = restated(item, &f.answer, asked) {
                let v = copied(f, label);
                if !out
                    .iter()
                    .any(|o| o.evidence == v.evidence && o.target == v.target)
                {
                    out.push(v);
                }
            }
        }
        Verdict::Checked(out)
    }
}

/// An answer that merely repeats element `label`.
fn copied(f: &Faq, label: &str) -> Violation {
    let answer = f.answer.trim();
    Violation::new(
        format!(
            "常见问题的解答只是照抄了「{label}」: \"{}\"",
            quote(answer, 40)
        ),
        answer,
    )
    .target(format!("问题「{}」", quote(&f.question, 30)))
    .at(&f.provenance)
}

/// Everything Q01 finds from the FAQs, the item's name and its catalogue elements: the FAQs'
/// part ([`faq_part`], shared over the FAQs and the name) with its answers compared with the
/// catalogue elements (normalised once per set of them).
fn shared_part(item: &Item, ctx: &CheckContext) -> Shared {
    let faqs = cache::memo(
        item,
        "Q01 问题与解答",
        FAQ_READS,
        FaqPart::size,
        || faq_part(item, ctx),
    );
    // The other elements are read only when an answer is long enough to have copied one.
    let mut elements: Option<Rc<(Elements, Elements)>> = None;
    let threshold = ctx.params.faq_similarity_threshold;
    let answers = faqs
        .answers
        .iter()
        .map(|a| match a {
            FaqAnswer::Done(v) => Answer::Done(v.clone()),
            FaqAnswer::Probe { faq, probe } => {
                let (before, after) = &**elements.get_or_insert_with(|| {
                    cache::memo(
                        item,
                        "Q01 目录要素",
                        CATALOGUE_READS,
                        |(b, a): &(Elements, Elements)| b.size() + a.size(),
                        || {
                            (
                                other_elements(item, ELEMENTS_BEFORE, false),
                                other_elements(item, ELEMENTS_AFTER, false),
                            )
                        },
                    )
                });
                match probe.repeated(before, threshold) {
                    Some(label) => Answer::Done(Some(copied(&item.faqs[*faq], label))),
                    None => Answer::Local {
                        faq: *faq,
                        after: probe.repeated(after, threshold),
                    },
                }
            }
        })
        .collect();
    Shared { faqs, answers }
}
