//! The macro that declares a record of text elements together with its field table.
//!
//! A record (an item, a material, a step, …) is a struct of `String` elements plus a field enum
//! whose variants carry the element's Chinese label and the header synonyms seen on real
//! platforms. Readers and the crawler match a header or label to a field through that table, so the
//! struct, the JSON names and the synonyms can never drift apart.

/// Declares `struct $record { elements…, tail… }` and `enum $field` with its label table.
macro_rules! record {
    (
        $(#[$smeta:meta])*
        pub struct $record:ident / $field:ident {
            $(
                $(#[doc = $doc:literal])*
                $name:ident / $variant:ident : $label:literal [$($syn:literal),* $(,)?]
            ),* $(,)?
        }
        tail { $($(#[$tmeta:meta])* pub $tname:ident : $tty:ty),* $(,)? }
    ) => {
        $(#[$smeta])*
        #[derive(Debug, Clone, Default, PartialEq, Hash, serde::Serialize, serde::Deserialize)]
        pub struct $record {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "String::is_empty")]
                pub $name: String,
            )*
            $($(#[$tmeta])* pub $tname: $tty,)*
        }

        #[doc = concat!("One text element of [`", stringify!($record), "`], with its label and header synonyms.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $field {
            $($(#[doc = $doc])* $variant,)*
        }

        impl $field {
            /// Every field, in declaration order.
            pub const ALL: &'static [$field] = &[$($field::$variant),*];

            /// The JSON key of the element in the tool's own schema.
            pub fn key(self) -> &'static str {
                match self { $($field::$variant => stringify!($name),)* }
            }

            /// The element's standard Chinese label.
            pub fn label(self) -> &'static str {
                match self { $($field::$variant => $label,)* }
            }

            /// The standard label followed by the synonyms seen on real platforms.
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $($field::$variant => &[$label, $($syn),*],)* }
            }

            /// The field whose JSON key is `key`.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $(stringify!($name) => Some($field::$variant),)* _ => None }
            }
        }

        impl $record {
            /// The text of one element (empty when absent).
            pub fn get(&self, field: $field) -> &str {
                match field { $($field::$variant => &self.$name,)* }
            }

            /// Mutable access to one element, for readers.
            pub fn get_mut(&mut self, field: $field) -> &mut String {
                match field { $($field::$variant => &mut self.$name,)* }
            }
        }
    };
}

pub(crate) use record;
