//! The 实施清单 as data: [`Item`] with its materials, steps, fees, intermediaries and FAQs, the
//! [`Finding`]s rules produce, and the pure parsers rules share (time limits, phones, codes).
//! Nothing here does I/O.

pub mod address;
pub mod code;
pub mod domain;
pub(crate) mod fields;
pub mod finding;
pub mod hours;
pub mod item;
pub mod list;
pub mod personal;
pub mod phone;
pub mod provenance;
pub mod text;
pub mod time_limit;

pub use finding::{Finding, Outcome, Severity};
pub use item::{
    Agency, AgencyField, Faq, FaqField, Fee, FeeField, Intermediary, IntermediaryField, Item,
    ItemField, Material, MaterialField, RawLineFacts, Step, StepField, UnreadLists,
};
pub use list::List;
pub use provenance::Provenance;
