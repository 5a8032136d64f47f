//! The run-copying half-width against its definition.

#[allow(clippy::wildcard_imports)]
use super::super::law::*;
use super::super::*;

proptest::proptest! {
    /// The run-copying half-width is [`to_halfwidth`].
    #[test]
    fn halfwidth_runs_as_defined(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "\u{3000}", "，", "（", "）", "Ａ", "ｿ", "。", "〔", "a", "法", " ", "ｅ", "～", "",
        ]),
        0..8,
    )) {
        let text = pieces.concat();
        proptest::prop_assert_eq!(halfwidth_runs(&text), to_halfwidth(&text));
    }
}
