//! Tick boxes: a field copied from a Word or Excel template with every choice printed and the
//! chosen ones ticked (`☑承诺件 □即办件`, `√是 □否`, `■自然人 ■企业法人 □事业法人`).

/// Marks of a ticked box.
const TICKED: [char; 6] = ['☑', '✔', '✓', '√', '■', '☒'];
/// Marks of an empty box.
const EMPTY: [char; 2] = ['□', '☐'];

/// What a separator or a space between the choices leaves at either end of one.
const BETWEEN: &[char] = &[' ', '\u{3000}', '、', ',', '，', ';', '；', '/', '|'];

/// The choices ticked in a field written as tick boxes, joined by 、 (`☑承诺件 □即办件` is
/// `承诺件`; `☑自然人 ☑企业法人 □事业法人` is `自然人、企业法人`), an empty string when no box is
/// ticked (`□是 □否`: nothing was chosen), and `None` when the text has no box at all (the usual
/// case, without a copy). What stands before the first box (`办件类型：`) is not a choice.
#[must_use]
pub fn ticked(text: &str) -> Option<String> {
    let is_box = |c: char| TICKED.contains(&c) || EMPTY.contains(&c);
    if !text.contains(is_box) {
        return None;
    }
    let mut chosen: Vec<&str> = Vec::new();
    let mut rest = &text[text.find(is_box)?..];
    while let Some(mark) = rest.chars().next() {
        let after = &rest[mark.len_utf8()..];
        let end = after.find(is_box).unwrap_or(after.len());
        let choice = after[..end].trim_matches(BETWEEN);
        if TICKED.contains(&mark) && !choice.is_empty() {
            chosen.push(choice);
        }
        rest = &after[end..];
    }
    Some(chosen.join("、"))
}

/// The one choice ticked in a 是否 field written as tick boxes (`☑是 □否` is `是`), or `None`
/// when the text has no box, or none or more than one is ticked (`□是 □否`, `☑是 ☑否`): such a
/// flag is read as written, and says neither yes nor no.
#[must_use]
pub fn ticked_one(text: &str) -> Option<String> {
    ticked(text).filter(|chosen| !chosen.is_empty() && !chosen.contains('、'))
}

/// A 是否 cell holding a mark alone, as Excel templates tick the rows that apply: `√` `✓` `✔`
/// `☑` are yes, `×` `✗` `✘` are no (`Some`); any other text, a mark with words beside it
/// (`√是 □否` is a tick box, read by [`ticked_one`]) or an empty cell are `None`. Every reader of
/// a yes/no word (是/否, Y/N, 1/0, 有/无) reads these marks through here.
#[must_use]
pub fn check_mark(text: &str) -> Option<bool> {
    match text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}') {
        "√" | "✓" | "✔" | "☑" => Some(true),
        "×" | "✗" | "✘" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{check_mark, ticked, ticked_one};

    #[test]
    fn a_mark_alone_is_yes_or_no() {
        for t in ["√", "✓", "✔", "☑", " √ ", "\u{3000}√"] {
            assert_eq!(check_mark(t), Some(true), "{t}");
        }
        for t in ["×", "✗", "✘", "× "] {
            assert_eq!(check_mark(t), Some(false), "{t}");
        }
        for t in ["", "√是 □否", "是", "×2", "☒", "□"] {
            assert_eq!(check_mark(t), None, "{t}");
        }
    }

    #[test]
    fn the_ticked_choices_are_the_value() {
        for (text, want) in [
            ("☑承诺件 □即办件", "承诺件"),
            ("□承诺件 ☑即办件", "即办件"),
            ("☑是 □否", "是"),
            ("√是  □否", "是"),
            ("■自然人 ■企业法人 □事业法人", "自然人、企业法人"),
            ("☑自然人、☑企业法人、□行政机关", "自然人、企业法人"),
            ("办件类型：☑承诺件□即办件", "承诺件"),
            ("☒是 ☐否", "是"),
            ("□是 □否", ""),
        ] {
            assert_eq!(ticked(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(ticked("承诺件"), None);
        assert_eq!(ticked_one("☑是 □否").as_deref(), Some("是"));
        assert_eq!(ticked_one("☑是 ☑否"), None);
        assert_eq!(ticked_one("□是 □否"), None);
        assert_eq!(ticked("是（小微企业免收）"), None);
    }
}
