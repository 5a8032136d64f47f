//! The elements of an item a rule reads ([`Reads`]) and the slots that number them: the text
//! fields first, then the child lists.
//!
//! Not here: an element's value as the cache compares it (`element`), the store keyed by the
//! slots (`store`).

#[cfg(test)]
use crate::model::Item;
use crate::model::ItemField;

/// Slots past the text elements: the child lists.
pub(super) const MATERIALS: u32 = 48;
pub(super) const STEPS: u32 = 49;
pub(super) const FEES: u32 = 50;
pub(super) const INTERMEDIARIES: u32 = 51;
pub(super) const FAQS: u32 = 52;
pub(super) const SLOTS: usize = 53;

/// The elements of an item a rule reads: a set of text fields and child lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads(u64);

impl Reads {
    /// 申请材料.
    pub const MATERIALS: Reads = Reads(1 << MATERIALS);
    /// 办理流程.
    pub const STEPS: Reads = Reads(1 << STEPS);
    /// 收费项目.
    pub const FEES: Reads = Reads(1 << FEES);
    /// 中介服务.
    pub const INTERMEDIARIES: Reads = Reads(1 << INTERMEDIARIES);
    /// 常见问题.
    pub const FAQS: Reads = Reads(1 << FAQS);

    /// These text fields.
    pub const fn fields(fields: &[ItemField]) -> Reads {
        let mut bits = 0;
        let mut i = 0;
        while i < fields.len() {
            bits |= 1 << fields[i] as u32;
            i += 1;
        }
        Reads(bits)
    }

    /// Both sets.
    #[must_use]
    pub const fn and(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }

    /// The elements of `self` not in `other`.
    #[must_use]
    pub const fn without(self, other: Reads) -> Reads {
        Reads(self.0 & !other.0)
    }

    pub(super) fn slots(self) -> Slots {
        Slots(self.0)
    }
}

/// The slots of a [`Reads`], in increasing order.
pub(super) struct Slots(u64);

impl Iterator for Slots {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let slot = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(slot)
    }
}

const _: () = assert!(ItemField::ALL.len() <= MATERIALS as usize);

#[cfg(test)]
impl Reads {
    /// `to`'s elements in `self` replaced by `from`'s.
    pub(crate) fn copy(self, from: &Item, to: &mut Item) {
        for slot in self.slots() {
            match slot {
                MATERIALS => to.materials.clone_from(&from.materials),
                STEPS => to.steps.clone_from(&from.steps),
                FEES => to.fees.clone_from(&from.fees),
                INTERMEDIARIES => to.intermediaries.clone_from(&from.intermediaries),
                FAQS => to.faqs.clone_from(&from.faqs),
                field => {
                    let field = ItemField::ALL[field as usize];
                    from.get(field).clone_into(to.get_mut(field));
                }
            }
        }
    }
}
