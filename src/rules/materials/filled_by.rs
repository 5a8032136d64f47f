//! Who fills a form in, beyond its name's fill-in words: names ending in 申请单 or 申领单 (a slip
//! the applicant fills in), and forms another body fills in and issues (a hospital's
//! 转诊转院审批表), which are not the applicant's to fill; and whose a bare 审核表 is, read from
//! the item. The word list itself is the
//! configuration's `fill_in_words`; the test that joins them is [`is_fill_in`](super::is_fill_in).

use super::{SourceChannel, source_channel};
use crate::model::domain::{Domain, parse_domain};
use crate::model::text::{is_blank_or_placeholder, trim};
use crate::model::{Item, Material};

/// Whether the name ends in 申请单 or 申领单 (`出生医学证明补发申请单`), a full stop after it
/// allowed. Not a word of `fill_in_words`: 申请单 begins every 申请单位 (`申请单位营业执照`).
pub(super) fn ends_in_slip(name: &str) -> bool {
    let name = name.trim_end_matches(['。', '.', ' ']);
    ["申请单", "申领单", "申請單", "申領單"]
        .iter()
        .any(|w| name.ends_with(w))
}

/// The applicant's side: the applicant, who stands in for it, and 自备/自行.
const APPLICANT_PERSONS: &[&str] = &[
    "申请人",
    "申请单位",
    "申请者",
    "申请企业",
    "申报单位",
    "本人",
    "当事人",
    "法定代表人",
    "委托人",
    "受托人",
    "代理人",
    "经办人",
    "监护人",
    "家属",
    "自备",
    "自行",
];

/// A unit that applies, under the name its role gives it (h33: 授权委托书 出具单位 委托单位,
/// 申请机构, 申报企业): the applicant whoever the item serves. Not for a 审核表
/// ([`applicants_review_form`]).
const APPLICANT_UNITS: &[&str] = &[
    "委托单位",
    "委托方",
    "委托企业",
    "申请机构",
    "申报企业",
    "本单位",
];

/// A unit named by its role towards people (h33: 社会保险登记表 参保单位, 工伤认定申请表 用人单位,
/// 施工许可申请表 建设单位): the applicant when a unit may apply, but when the item serves only
/// persons ([`Applicants::PersonsOnly`]) the employer, the insurer's client or the builder, a
/// third party whose form it fills in is its record, not the applicant's (h35). Not for a 审核表
/// ([`applicants_review_form`]): 「由用人单位填写」 there is a third party's record either way.
const ROLE_UNITS: &[&str] = &[
    "参保单位",
    "投保单位",
    "缴费单位",
    "用人单位",
    "用工单位",
    "建设单位",
];

/// Who applies for the item, as its 服务对象 says: whether a unit named by its role
/// (`ROLE_UNITS`: 用人单位, 参保单位, 建设单位 …) is the applicant or a third party.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Applicants {
    /// Units may apply (企业法人, 事业法人 … among the 服务对象), or the field does not say who:
    /// 用人单位 and the like name the applicant.
    #[default]
    MayBeUnits,
    /// Only persons apply (服务对象 自然人 alone): 用人单位 and the like are third parties.
    PersonsOnly,
}

impl Applicants {
    /// Who applies for `item`: [`Applicants::PersonsOnly`] when its 服务对象 holds 自然人 and
    /// nothing else, not even a word that is no value of the domain, and names no 个体工商户
    /// (个体户): the domain counts one a 自然人, but it may employ and insure staff as their
    /// 用人单位 (`自然人、个体工商户`, `自然人（含个体工商户）`; h35).
    /// A 个体工商户 the field excludes (`自然人（不含个体工商户）`, `自然人（个体工商户除外）`,
    /// `自然人（个体工商户另行办理）`) is not among them: only persons apply there (h36 regression).
    pub fn of(item: &Item) -> Applicants {
        let text = without_excluded_self_employed(item.service_object.trim());
        let text = text.as_str();
        if text.is_empty() || text.contains("个体") || text.contains("個體") {
            return Applicants::MayBeUnits;
        }
        let parsed = parse_domain(Domain::ServiceObject, text);
        if parsed.unknown.is_empty()
            && !parsed.values.is_empty()
            && parsed.values.iter().all(|v| v.label == "自然人")
        {
            Applicants::PersonsOnly
        } else {
            Applicants::MayBeUnits
        }
    }
}

/// Words that leave out what they stand beside (`不含个体工商户`, `个体工商户除外`,
/// `除个体工商户外`, `个体工商户不适用`, `个体工商户另行办理`, `个体工商户请选择其他事项`). 非 does
/// only right before it (`非个体工商户`), not before another word (`非本市户籍的个体工商户也可申请`,
/// `个体工商户非必须…`, h36 回归); and a piece saying it may apply (也可) leaves nothing out.
const EXCLUDES: &[&str] = &[
    "不含",
    "不包含",
    "不包括",
    "除",
    "不适用",
    "不属于",
    "另行",
    "其他事项",
    "其它事项",
];

/// `text` (a 服务对象) without the brackets and clauses that name 个体工商户 (个体户) only to leave
/// it out ([`EXCLUDES`]): `自然人（不含个体工商户）` is read `自然人`; `自然人（含个体工商户）` and
/// `自然人、个体工商户` are kept whole.
fn without_excluded_self_employed(text: &str) -> String {
    const BREAKS: &[char] = &['（', '）', '(', ')', '，', ',', '；', ';', '。'];
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(BREAKS).unwrap_or(rest.len());
        let piece = &rest[..end];
        let excluded = (piece.contains("个体") || piece.contains("個體"))
            && (holds_any(piece, EXCLUDES) || piece.contains("非个体") || piece.contains("非個體"))
            && !piece.contains("也可");
        if !excluded {
            out.push_str(piece);
        }
        let stop = rest[end..].chars().next().map_or(0, char::len_utf8);
        out.push_str(&rest[end..end + stop]);
        rest = &rest[end + stop..];
    }
    let out = out.replace("（）", "").replace("()", "");
    out.trim_end_matches(['，', ',', '；', ';', '。', '、', ' '])
        .to_string()
}

/// Words of a government body: a form it is named as the issuer of, the notes saying nothing of
/// who fills it in, is often the blank it hands out for the applicant to fill in
/// (`异地就医备案申请表`, 出具单位 `县医疗保障局`); it counts as that body's only when the notes
/// say that body fills it in or issues it.
const GOVERNMENT: &[&str] = &[
    "政府",
    "政务",
    "部门",
    "机关",
    "局",
    "委员会",
    "办事处",
    "管理处",
    "派出所",
    "居委会",
    "村委会",
    "社区",
];

/// Words that name a body other than a person applying (医院, 学校, 所在单位 …; h35: an
/// association or religious body, `青阳县佛教协会`, issues its own records).
const BODIES: &[&str] = &[
    "协会",
    "学会",
    "商会",
    "团体",
    "医院",
    "医疗机构",
    "医生",
    "医师",
    "卫生院",
    "卫生室",
    "诊所",
    "学校",
    "院校",
    "单位",
    "机构",
    "机关",
    "部门",
    "居委会",
    "村委会",
    "社区",
    "派出所",
    "银行",
    "法院",
    "公司",
    "企业",
    "委员会",
    "办事处",
    "政府",
    "中心",
];

/// What a body does to a form it fills in or issues (`由转出医院医生填写`, `由医院出具`); a
/// stamp (`由单位盖章`) is not filling it in.
const FILLS: &[&str] = &["填写", "填报", "填制", "出具", "开具", "签发"];

/// What an applicant does to a form it fills in, signing included.
const APPLICANT_FILLS: &[&str] = &["填写", "填报", "填制", "签字", "签名", "签章", "签署"];

/// What a person does to sign a form another fills in (`职工签字`, `职工确认签名`,
/// `申请人按手印`, `职工签名确认`).
const SIGNS: &[&str] = &[
    "签字",
    "签名",
    "签章",
    "签署",
    "按手印",
    "捺手印",
    "按指印",
    "摁手印",
    "手印",
    "确认",
];

/// What a word naming a person ends in (职工, 参保人, 被保险人, 参保人员, 劳动者, 本人 …).
const PERSON_ENDINGS: &[&str] = &["人", "人员", "者", "职工", "员工", "本人", "家属", "户主"];

/// Persons who sign for a unit or an office, not for themselves (`单位负责人签字`,
/// `工作人员签字`, `经办人员签名`).
const NOT_FOR_THEMSELVES: &[&str] = &[
    "负责人",
    "法定代表人",
    "法人代表",
    "工作人员",
    "经办人员",
    "审核人",
    "审批人",
    "核查人",
    "复核人",
    "填表人",
    "制表人",
    "填报人",
    "医生",
    "医师",
];

/// What comes right before a signer's word (`…并由职工签字`, `用人单位填写后职工签字`).
const SIGNER_AFTER: &[char] = &['由', '并', '、', '和', '及', '后', '再', ' '];

/// Words that come between a signer and the signing (`职工本人亲自签字`, `参保人员须签名`).
const BEFORE_SIGNING: &[&str] = &[
    "亲自", "亲笔", "手写", "须", "需", "需要", "应", "应当", "必须", "并", "进行", "确认",
];

/// Words saying a signature is not needed, before the signer or the signing
/// (`无需职工签字`, `职工不用签字`, `毋需职工签名`, `不需要职工签字`); 免 counts only right
/// before the signer or the signing (`免职工签字`, `职工免签字`), as in 免费 it is no negation.
const NO_NEED: &[&str] = &[
    "无需", "无须", "毋需", "毋须", "勿需", "勿须", "不需", "不须", "不用", "不必",
];

/// Words saying a signature is not asked for, after the signing (`职工签字不作要求`).
const NOT_ASKED: &[&str] = &[
    "不作要求",
    "不做要求",
    "不作强制要求",
    "不做强制要求",
    "不强制",
    "非必须",
    "非必需",
    "不是必须",
    "不是必需",
    "可免",
    "可省略",
];

/// Where the words before an act (at `at` in `clause`, `len` bytes long) that belong to it
/// begin: after the last break of a clause, 由 not among them (`无需由职工签字`).
const NEGATION_BREAKS: &[char] = &[
    '并', '、', '和', '及', '后', '再', ' ', '（', '(', '）', ')',
];

/// Whether the act at `at` in `clause` (`len` bytes: a signing, a filling in) is said not to be
/// needed: a [`NO_NEED`] word among the words before it since the last of [`NEGATION_BREAKS`]
/// (`由用人单位填写，无需职工签字`, `职工无需签字`, `（无须职工签字）`), 免 first or last among
/// them (`免职工签字`; not 免填, the fields left blank: `免填部分由职工本人签字确认`, h36 回归), 不 right before the act (`职工本人不签字`, `职工可不签字`), or a [`NOT_ASKED`]
/// word right after it (`职工签字不作要求`; h36 regression).
fn not_needed(clause: &str, at: usize, len: usize) -> bool {
    let before = &clause[..at];
    let own = before
        .rfind(NEGATION_BREAKS)
        .map_or(before, |i| &before[i..]);
    let after = clause[at + len..].trim_start();
    holds_any(own, NO_NEED)
        || own
            .strip_prefix('免')
            .is_some_and(|rest| !rest.starts_with('填'))
        || own.ends_with(['免', '不'])
        || NOT_ASKED.iter().any(|w| after.starts_with(w))
}

/// Whether `clause` has one of `acts` (a signing, a filling in) that it does not say is not
/// needed ([`not_needed`]).
fn does_any(clause: &str, acts: &[&str]) -> bool {
    acts.iter().any(|act| {
        clause
            .match_indices(act)
            .any(|(at, _)| !not_needed(clause, at, act.len()))
    })
}

/// Whether a clause of the notes has a person sign the form, whatever word names the person
/// (`职工签字`, `购房人签字`, `参保人员签名`, `退休人员签字`, `申请人按手印`, `职工确认签名`; h35):
/// the words right before the signing, since the last of [`SIGNER_AFTER`], end in a person's
/// word ([`PERSON_ENDINGS`]) and name no unit (`用人单位签字`, `单位经办人签字`) and no one who
/// signs for a unit or an office ([`NOT_FOR_THEMSELVES`]: `单位负责人签字`, `工作人员签字`).
/// A signature the clause says is not needed (`无需职工签字`, `职工签字不作要求`: see
/// [`not_needed`]) is none (h36 regression).
fn person_signs(clause: &str) -> bool {
    SIGNS.iter().any(|sign| {
        clause.match_indices(sign).any(|(at, _)| {
            if not_needed(clause, at, sign.len()) {
                return false;
            }
            let mut before = clause[..at].trim_end();
            while let Some(shorter) = BEFORE_SIGNING
                .iter()
                .find_map(|w| before.strip_suffix(w))
                .map(str::trim_end)
            {
                before = shorter;
            }
            let signer = before
                .rfind(SIGNER_AFTER)
                .map_or(before, |i| &before[i..])
                .trim_start_matches(SIGNER_AFTER);
            !signer.is_empty()
                && PERSON_ENDINGS.iter().any(|w| signer.ends_with(w))
                && !holds_any(signer, BODIES)
                && !NOT_FOR_THEMSELVES.iter().any(|w| signer.ends_with(w))
        })
    })
}

fn holds_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Whether `text` names the applicant: a person ([`APPLICANT_PERSONS`]), a unit that applies
/// ([`APPLICANT_UNITS`]), or a unit named by its role when units may apply ([`ROLE_UNITS`]).
fn names_applicant(text: &str, who: Applicants) -> bool {
    holds_any(text, APPLICANT_PERSONS)
        || holds_any(text, APPLICANT_UNITS)
        || who == Applicants::MayBeUnits && holds_any(text, ROLE_UNITS)
}

/// Whether a clause of the notes says a unit named by its role fills the form in or issues it:
/// the unit at the clause's start or after 由/经, one of [`FILLS`] right after it or after 负责
/// (`由用人单位填写并盖章`, `用人单位填写`, `由参保单位负责填报`; a stamp alone is no filling in).
fn role_unit_fills(clause: &str) -> bool {
    ROLE_UNITS.iter().any(|w| {
        clause.match_indices(w).any(|(at, _)| {
            let before = clause[..at].trim();
            let after = clause[at + w.len()..].trim_start();
            let after = after.strip_prefix("负责").unwrap_or(after);
            (before.is_empty() || before.ends_with(['由', '经']))
                && FILLS.iter().any(|v| after.starts_with(v))
        })
    })
}

/// Whether another body fills the form in and issues it: 来源 is not 申请人自备 (the applicant's
/// own, whatever else is written), 出具单位 names a body that is not the applicant
/// (`县内二级及以上定点医疗机构`, `商业银行`, `就读学校`, `所在单位`; not 委托单位, 用人单位 …, the
/// applicant when a unit applies), not a place to fetch a blank form from (领取, 下载, 索取), and
/// 填报须知 says nowhere that the applicant fills it in or signs it (`申请人填写基本信息`). When
/// that body is a government body, 填报须知 must also say it fills the form in or issues it
/// (`由…填写`, `由…开具`): a department named alone is often where the blank comes from. Such a
/// form is not one the applicant fills in (M04/M05: the appendix asks for the blank forms of the
/// applicant's own). When only persons apply (`who`), notes saying a unit named by its role fills
/// the form in (`由用人单位填写并盖章`, see [`ROLE_UNITS`]) make it that unit's, whatever 来源 and
/// 出具单位 say, unless they say the applicant fills it in or signs it too, or any person signs
/// it (`职工签字`, `购房人签字`, `申请人按手印`: see [`person_signs`]); 出具单位 用人单位
/// alone does not, as the employer often only stamps what the person fills in.
pub(super) fn filled_in_by_another(m: &Material, who: Applicants) -> bool {
    let clauses = || {
        m.notes
            .split(['，', ',', '。', '；', ';', '：', ':', '！', '!', '\n'])
            .filter(|c| !c.is_empty())
    };
    let applicant_fills =
        |who| clauses().any(|c| names_applicant(c, who) && does_any(c, APPLICANT_FILLS));
    // h35: an item for persons alone, the notes saying the employer (…) fills the form in, and
    // no person fills it in or signs it too (`由用人单位填写盖章，职工签字` is the person's form).
    if who == Applicants::PersonsOnly
        && clauses().any(role_unit_fills)
        && !applicant_fills(who)
        && !clauses().any(person_signs)
    {
        return true;
    }
    // Otherwise a unit named by its role is the applicant's side whoever the item serves: 出具单位
    // 用人单位 with notes that only have it stamp the form (`就业登记表`, `由用人单位盖章`) leaves
    // the form the applicant's to fill in.
    let who = Applicants::MayBeUnits;
    let desc = trim(&m.source_desc);
    if source_channel(&m.source_channel) == Some(SourceChannel::Applicant)
        || m.source_channel.contains("自备")
        || is_blank_or_placeholder(desc)
        || names_applicant(desc, who)
        || !holds_any(desc, BODIES)
        || holds_any(desc, &["领取", "下载", "索取"])
        || applicant_fills(who)
    {
        return false;
    }
    if !holds_any(desc, GOVERNMENT) {
        return true;
    }
    clauses().any(|c| {
        c.match_indices('由').any(|(i, word)| {
            let after = &c[i + word.len()..];
            FILLS
                .iter()
                .filter_map(|v| after.find(v))
                .min()
                .is_some_and(|end| {
                    let by = &after[..end];
                    holds_any(by, BODIES) && !names_applicant(by, who)
                })
        })
    })
}

/// Whether the notes say the applicant fills the form in or signs it (`申请人填写基本信息`,
/// `如实填写`) in one clause.
fn notes_say_applicant_fills(notes: &str) -> bool {
    notes
        .split(['，', ',', '。', '；', ';', '：', ':', '！', '!', '\n'])
        .any(|c| {
            (holds_any(c, APPLICANT_PERSONS) && holds_any(c, APPLICANT_FILLS))
                || c.contains("如实填写")
        })
}

/// What a body does to a 审核表 that makes it the body's (`由乡镇审核`, `由社区填写`).
const REVIEWS: &[&str] = &[
    "填写", "填报", "填制", "出具", "开具", "审核", "审批", "审查",
];

/// Whether a name with 审核表 but no fill-in word (`池州市残疾人两项补贴审核表`,
/// `困难群众救助审核表`) is a form the applicant fills in, read from the item, as the name does not
/// say: the notes say the applicant fills it in or signs it (`申请人如实填写`), or — unless the
/// notes say another body fills it in or reviews it (`由乡镇人民政府审核`) — 来源 is the
/// applicant's (申请人自备) or the name says the applicant applies (申请, 申报). A 审核表 named
/// with none of these (出具单位 a government body, 来源 其他) is the body's own record.
pub(super) fn applicants_review_form(m: &Material) -> bool {
    let name = trim(&m.name);
    if !(name.contains("审核表") || name.contains("審核表")) {
        return false;
    }
    if notes_say_applicant_fills(&m.notes) {
        return true;
    }
    let by_body = m.notes.match_indices('由').any(|(i, by)| {
        let after = &m.notes[i + by.len()..];
        REVIEWS
            .iter()
            .filter_map(|v| after.find(v))
            .min()
            .is_some_and(|end| {
                !holds_any(&after[..end], APPLICANT_PERSONS) && after[..end].chars().count() <= 20
            })
    });
    !by_body
        && (source_channel(&m.source_channel) == Some(SourceChannel::Applicant)
            || m.source_channel.contains("自备")
            || ["申请", "申报", "申請"].iter().any(|w| name.contains(w)))
}
