//! An element of the item being checked as the cache compares it: a text as it is, a child
//! list written out as bytes ([`Flatten`]), or a list shared when parsed known by its key.
//!
//! Not here: which slots a rule reads (`reads`), storing and looking up values (`store`).

use std::hash::{Hash, Hasher};

use super::reads::{FAQS, FEES, INTERMEDIARIES, MATERIALS, STEPS};
use crate::model::{Faq, Fee, Intermediary, Item, ItemField, Material, Step};

/// An element of the item being checked, borrowed.
#[derive(Clone, Copy)]
pub(super) enum Element<'a> {
    Text(&'a str),
    Materials(&'a [Material]),
    Steps(&'a [Step]),
    Fees(&'a [Fee]),
    Intermediaries(&'a [Intermediary]),
    Faqs(&'a [Faq]),
}

impl<'a> Element<'a> {
    pub(super) fn of(item: &'a Item, slot: u32) -> Self {
        match slot {
            MATERIALS => Element::Materials(&item.materials),
            STEPS => Element::Steps(&item.steps),
            FEES => Element::Fees(&item.fees),
            INTERMEDIARIES => Element::Intermediaries(&item.intermediaries),
            FAQS => Element::Faqs(&item.faqs),
            field => Element::Text(item.get(ItemField::ALL[field as usize])),
        }
    }

    /// A child list written out as bytes into `buf` (cleared first; a text is compared as it is).
    pub(super) fn flatten(self, buf: &mut Vec<u8>) {
        buf.clear();
        let mut out = Flatten(buf);
        match self {
            Element::Text(_) => {}
            Element::Materials(v) => v.hash(&mut out),
            Element::Steps(v) => v.hash(&mut out),
            Element::Fees(v) => v.hash(&mut out),
            Element::Intermediaries(v) => v.hash(&mut out),
            Element::Faqs(v) => v.hash(&mut out),
        }
    }
}

/// A [`Hasher`] that keeps what it is fed: the bytes a derived `Hash` writes for a record list.
/// They determine the list: every text is written as its bytes and a `0xFF` (a byte UTF-8 never
/// holds), every list and map with its length first, every `Option` with its variant, numbers in
/// full. So two lists are equal exactly when their bytes are; comparing one run of bytes costs
/// less than comparing a few hundred texts one by one, and storing it one allocation.
struct Flatten<'a>(&'a mut Vec<u8>);

impl Hasher for Flatten<'_> {
    fn finish(&self) -> u64 {
        unreachable!("only written to")
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    // The fixed-size writes as stores, not a `write` of a slice each (every text ends with a
    // `write_u8(0xFF)`, every list and `Option` writes a `usize` or `isize`).
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0.push(i);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }

    #[inline]
    fn write_isize(&mut self, i: isize) {
        self.0.extend_from_slice(&i.to_ne_bytes());
    }
}

/// The key of the item's list in `slot` if it was shared when parsed
/// ([`crate::model::List::key`]): equal keys, equal lists.
pub(super) fn list_key(item: &Item, slot: u32) -> Option<u32> {
    match slot {
        MATERIALS => item.materials.key(),
        STEPS => item.steps.key(),
        FEES => item.fees.key(),
        INTERMEDIARIES => item.intermediaries.key(),
        FAQS => item.faqs.key(),
        _ => None,
    }
}
