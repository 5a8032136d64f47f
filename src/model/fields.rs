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
                #[serde(
                    default,
                    skip_serializing_if = "String::is_empty",
                    deserialize_with = "crate::model::fields::text"
                )]
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

/// A JSON value as the text of an element: `null` as nothing, numbers as written, `true`/`false`
/// as 是/否, a list's texts joined by `；`, an object's by a space. Exports write `null` for "no
/// value" and numbers for counts and limits; read as text, a `null` in one element no longer
/// makes the whole item unreadable (the element is checked as empty).
pub(crate) fn json_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let join = |texts: &mut dyn Iterator<Item = String>, sep: &str| {
        texts
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join(sep)
    };
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => join(&mut a.iter().map(json_text), "；"),
        Value::Object(o) => join(&mut o.values().map(json_text), " "),
    }
}

/// Deserializes an element's text from any JSON value, as [`json_text`] reads it; a string (the
/// usual case) costs what `String`'s own deserializer does.
pub(crate) fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl<'de> serde::de::Visitor<'de> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a text")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<String, E> {
            Ok(json_text(&serde_json::Value::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
            Ok(json_text(&serde_json::Value::from(v)))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
            use serde::Deserialize;
            let v =
                serde_json::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
            Ok(json_text(&v))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
            use serde::Deserialize;
            let v =
                serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
            Ok(json_text(&v))
        }
    }
    d.deserialize_any(Text)
}

/// Deserializes an optional object or list of a record (`agencies`, `provenance`) with `null`
/// read as empty (its default), as exports write "nothing" (`"agencies": null`): one `null` no
/// longer makes the whole item unreadable.
pub(crate) fn or_empty<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    use serde::Deserialize;
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// Deserializes a record's `extra` (columns the reader did not recognise): `null` as none, and
/// each value as [`text`] reads it, a `null` value left out (`{"备注": null}`), so that neither
/// makes the whole item unreadable.
pub(crate) fn extra<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    use std::collections::BTreeMap;

    /// One value of `extra`, read as [`text`] reads an element.
    struct Text(String);
    impl<'de> serde::Deserialize<'de> for Text {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            text(d).map(Text)
        }
    }

    struct Extra;
    impl<'de> serde::de::Visitor<'de> for Extra {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // "map": what `json_error` tells a clerk as 对象.
            f.write_str("a map of texts")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut extra = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, Option<Text>>()? {
                if let Some(Text(value)) = value {
                    extra.insert(key, value);
                }
            }
            Ok(extra)
        }
    }
    d.deserialize_option(Extra)
}
