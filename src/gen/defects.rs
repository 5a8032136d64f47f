//! The defects the generator injects: mistakes found in real published 实施清单, each tied to the
//! rule that should catch it (when that rule is registered).

use super::Rng;
use crate::model::{Item, Material};

/// A realistic defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Defect {
    /// 咨询电话 without 区号 (`2021234`) — B15.
    PhoneWithoutAreaCode,
    /// 监督电话 left empty — B14.
    SupervisePhoneEmpty,
    /// 监督电话 the same as 咨询电话 — B15 (warning).
    SamePhones,
    /// 办理地点 without room or window number — B09.
    AddressWithoutWindow,
    /// A material name with a medium (`……（原件）`) — M01.
    MaterialNameWithMedium,
    /// A catch-all material `其他相关材料` — M01.
    CatchAllMaterial,
    /// Fewer than 3 FAQs — Q01.
    FewFaqs,
    /// Charged, but the fee basis cites no article — F03.
    FeeWithoutArticle,
    /// 承诺办结时限 longer than 法定办结时限 — B07.
    PromisedOverStatutory,
    /// 到现场次数 ≥ 1 while 网办深度 is 四级 (全程网办) — B08.
    VisitsContradictDepth,
    /// A step without its handler — P01.
    StepWithoutHandler,
    /// 数量限制 says 有 with no description — B02.
    QuantityLimitUndescribed,
}

impl Defect {
    /// Every defect kind.
    pub const ALL: &'static [Defect] = &[
        Defect::PhoneWithoutAreaCode,
        Defect::SupervisePhoneEmpty,
        Defect::SamePhones,
        Defect::AddressWithoutWindow,
        Defect::MaterialNameWithMedium,
        Defect::CatchAllMaterial,
        Defect::FewFaqs,
        Defect::FeeWithoutArticle,
        Defect::PromisedOverStatutory,
        Defect::VisitsContradictDepth,
        Defect::StepWithoutHandler,
        Defect::QuantityLimitUndescribed,
    ];

    /// The element it spoils; an item gets at most one defect per element, so that two defects
    /// never undo each other (an emptied 监督电话 hiding a copied one).
    pub fn element(self) -> &'static str {
        match self {
            Defect::PhoneWithoutAreaCode | Defect::SamePhones | Defect::SupervisePhoneEmpty => {
                "电话"
            }
            Defect::MaterialNameWithMedium | Defect::CatchAllMaterial => "材料名称",
            other => other.rule(),
        }
    }

    /// The rule meant to catch it.
    pub fn rule(self) -> &'static str {
        match self {
            Defect::PhoneWithoutAreaCode | Defect::SamePhones => "B15",
            Defect::SupervisePhoneEmpty => "B14",
            Defect::AddressWithoutWindow => "B09",
            Defect::MaterialNameWithMedium | Defect::CatchAllMaterial => "M01",
            Defect::FewFaqs => "Q01",
            Defect::FeeWithoutArticle => "F03",
            Defect::PromisedOverStatutory => "B07",
            Defect::VisitsContradictDepth => "B08",
            Defect::StepWithoutHandler => "P01",
            Defect::QuantityLimitUndescribed => "B02",
        }
    }

    /// Applies the defect to a clean item.
    pub(crate) fn apply(self, item: &mut Item, rng: &mut Rng) {
        match self {
            Defect::PhoneWithoutAreaCode => {
                if let Some((_, local)) = item.consult_phone.split_once('-') {
                    item.consult_phone = local.to_owned();
                }
            }
            Defect::SupervisePhoneEmpty => item.supervise_phone.clear(),
            Defect::SamePhones => item.supervise_phone.clone_from(&item.consult_phone),
            Defect::AddressWithoutWindow => {
                if let Some(pos) = item.address.find("政务服务中心") {
                    item.address.truncate(pos + "政务服务中心".len());
                }
            }
            Defect::MaterialNameWithMedium => {
                let i = rng.below(item.materials.len());
                let m = &mut item.materials[i];
                m.name = format!("{}（原件）", m.name);
            }
            Defect::CatchAllMaterial => item.materials.push(Material {
                name: "其他相关材料".to_owned(),
                source_channel: "申请人自备".to_owned(),
                source_desc: "申请人".to_owned(),
                copies: "1".to_owned(),
                material_type: "复印件".to_owned(),
                form: "纸质".to_owned(),
                required: "非必要".to_owned(),
                notes: "根据实际情况提供".to_owned(),
                ..Material::default()
            }),
            Defect::FewFaqs => item.faqs.truncate(rng.range(0, 2)),
            Defect::FeeWithoutArticle => {
                "是".clone_into(&mut item.charged);
                if item.fees.is_empty() {
                    item.fees.push(crate::model::Fee {
                        name: "证书工本费".to_owned(),
                        standard: "每证10元".to_owned(),
                        ..crate::model::Fee::default()
                    });
                }
                "《安徽省行政事业性收费项目目录清单》".clone_into(&mut item.fees[0].basis);
            }
            Defect::PromisedOverStatutory => {
                // Promise more than the law allows; the steps still add up to the promise.
                let old = leading_number(&item.promised_limit);
                let promised = leading_number(&item.legal_limit) + rng.range(5, 10);
                item.promised_limit = format!("{promised}个工作日");
                let decide = leading_number(&item.steps[2].time_limit) + promised - old;
                item.steps[2].time_limit = format!("{decide}个工作日");
            }
            Defect::VisitsContradictDepth => {
                "四级".clone_into(&mut item.online_depth);
                "1".clone_into(&mut item.visits);
            }
            Defect::StepWithoutHandler => {
                let i = rng.below(item.steps.len());
                item.steps[i].handler.clear();
            }
            Defect::QuantityLimitUndescribed => "有".clone_into(&mut item.quantity_limit),
        }
    }
}

/// The number a generated limit starts with (`20个工作日` → 20).
fn leading_number(text: &str) -> usize {
    text.chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}
