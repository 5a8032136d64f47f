//! The child records under a section's key: materials, steps, fees, FAQs, intermediaries.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::LabelledFile;
use super::values::{records_of, text_of, unread_value};
use crate::model::{Agency, AgencyField, Faq, Fee, Intermediary, Item, Material, Step};
use crate::source::crawl::labels::Section;
use crate::source::sheet::columns::{Col, Kind};

impl LabelledFile<'_> {
    /// Reads one child record's fields of `kind` into `set`, and returns its keys that are no
    /// element (for the record's `extra`); `other` takes keys of its own (a service's agencies).
    /// Item labels (`实施编码` repeated in each material, as a child sheet has it) are context.
    pub(super) fn fill(
        &mut self,
        obj: &Map<String, Value>,
        kind: Kind,
        list: &str,
        mut set: impl FnMut(&Col, String),
        other: impl Fn(&Col, &Value) -> bool,
    ) -> BTreeMap<String, String> {
        let mut kept = BTreeMap::new();
        for (key, v) in obj {
            match self.tables.columns.column(kind, key) {
                Col::LinkCode | Col::Context | Col::Skip => {}
                col if other(&col, v) => {}
                Col::Extra(_) => unread_value(&mut kept, &mut self.unread, key, v, Some(list)),
                col => {
                    let mut text = text_of(v);
                    // `"联系电话": 5662028811` under 中介机构: the 0 back, as an item's phone.
                    if col == Col::Agency(AgencyField::Contact) && v.is_number() {
                        self.restore_contact(format!("{list}.{key}"), &mut text);
                    }
                    set(&col, text);
                }
            }
        }
        kept
    }

    pub(super) fn add_children(
        &mut self,
        item: &mut Item,
        section: Section,
        list: &str,
        records: &[Value],
    ) {
        for obj in records.iter().filter_map(Value::as_object) {
            match section {
                Section::Materials => {
                    let mut m = Material::default();
                    m.extra = self.fill(
                        obj,
                        Kind::Material,
                        list,
                        |col, t| {
                            if let Col::Material(f) = col {
                                *m.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.materials.push(m);
                }
                Section::Steps => {
                    let mut s = Step::default();
                    s.extra = self.fill(
                        obj,
                        Kind::Step,
                        list,
                        |col, t| {
                            if let Col::Step(f) = col {
                                *s.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.steps.push(s);
                }
                Section::Fees => {
                    let mut fee = Fee::default();
                    fee.extra = self.fill(
                        obj,
                        Kind::Fee,
                        list,
                        |col, t| {
                            if let Col::Fee(f) = col {
                                *fee.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.fees.push(fee);
                }
                Section::Faqs => {
                    let mut q = Faq::default();
                    self.fill(
                        obj,
                        Kind::Faq,
                        list,
                        |col, t| {
                            if let Col::Faq(f) = col {
                                *q.get_mut(*f) = t;
                            }
                        },
                        |_, _| false,
                    );
                    item.faqs.push(q);
                }
                Section::Intermediaries => item.intermediaries.push(self.service(obj, list)),
            }
        }
    }

    /// One intermediary service, with its agencies: the agency fields beside it (one agency, as
    /// a sheet's row has it), and lists of agency records under a key (`中介机构`).
    fn service(&mut self, obj: &Map<String, Value>, list: &str) -> Intermediary {
        let mut service = Intermediary::default();
        let mut own = Agency::default();
        self.fill(
            obj,
            Kind::Intermediary,
            list,
            |col, t| match col {
                Col::Intermediary(f) => *service.get_mut(*f) = t,
                Col::Agency(f) => *own.get_mut(*f) = t,
                _ => {}
            },
            |col, v| matches!(col, Col::Extra(_)) && records_of(v).is_some(),
        );
        if own != Agency::default() {
            service.agencies.push(own);
        }
        for (key, v) in obj {
            let Some(records) = records_of(v) else {
                continue;
            };
            if !matches!(
                self.tables.columns.column(Kind::Intermediary, key),
                Col::Extra(_)
            ) {
                continue;
            }
            for rec in records {
                let mut a = Agency::default();
                self.fill(
                    rec,
                    Kind::Intermediary,
                    key,
                    |col, t| {
                        if let Col::Agency(f) = col {
                            *a.get_mut(*f) = t;
                        }
                    },
                    |_, _| false,
                );
                service.agencies.push(a);
            }
        }
        service
    }
}
