//! A list of materials written as one text (`1.食品经营许可申请书；2.营业执照复印件；3.法定代表人身份证明`),
//! as a 实施清单 made by hand has it, e.g. in one cell of a spreadsheet's 申请材料 column
//! (`sheet/material_list.rs`): split here into one entry a material, named by the entry; the
//! material's other elements (来源, 份数 …) are not in such a list, and their rules report them
//! as missing.

use crate::model::text::is_blank_or_placeholder;

/// The entries of a list in one text: split at line breaks and semicolons, and before a number
/// that starts an entry (`1.` `2、` `（3）` `④`) after a space or a stop; each entry without its
/// number and closing punctuation. Text with neither is one entry; an empty text or a
/// placeholder alone (`无`, `/`, `暂无`) lists none, as an empty cell does.
pub(crate) fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    if is_blank_or_placeholder(text) {
        return out;
    }
    for part in text.split(['\n', '\r', '；', ';']) {
        let mut rest = part;
        loop {
            let entry = strip_number(rest.trim());
            let Some(at) = next_number(entry) else {
                push(&mut out, entry);
                break;
            };
            push(&mut out, &entry[..at]);
            rest = &entry[at..];
        }
    }
    out
}

fn push<'t>(out: &mut Vec<&'t str>, entry: &'t str) {
    let entry = entry
        .trim()
        .trim_end_matches(['。', '，', ',', '、', '.', ' ', '　'])
        .trim();
    if !entry.is_empty() {
        out.push(entry);
    }
}

/// The text after an entry's number (`1.` `1、` `1．` `1)` `（1）` `(1)` `①`), or the text.
fn strip_number(text: &str) -> &str {
    number_len(text).map_or(text, |n| text[n..].trim_start())
}

/// The length in bytes of the entry number `text` starts with.
fn number_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if ('①'..='⑳').contains(&first) {
        return Some(first.len_utf8());
    }
    let (open, mut digits_from) = match first {
        '（' | '(' => (true, first.len_utf8()),
        _ => (false, 0),
    };
    let digits = text[digits_from..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 || digits > 2 {
        return None;
    }
    digits_from += digits;
    let close = text[digits_from..].chars().next()?;
    let fits = if open {
        matches!(close, '）' | ')')
    } else {
        matches!(close, '.' | '、' | '．' | ')' | '）')
    };
    // `1.5寸照片` is no entry number: a digit after the dot.
    let after = digits_from + close.len_utf8();
    let decimal = close == '.' && text[after..].starts_with(|c: char| c.is_ascii_digit());
    (fits && !decimal).then_some(after)
}

/// Where the next entry number starts in `entry` (after a space or a stop), if anywhere.
fn next_number(entry: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (i, c) in entry.char_indices() {
        let boundary = previous
            .is_some_and(|p| p.is_whitespace() || matches!(p, '。' | '，' | ',' | '、' | '　'))
            || previous.is_some() && ('①'..='⑳').contains(&c);
        if boundary && i > 0 && number_len(&entry[i..]).is_some() {
            return Some(i);
        }
        previous = Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn a_numbered_list_in_one_cell_is_one_material_an_entry() {
        assert_eq!(
            split("1.食品经营许可申请书；\n2.营业执照复印件；\n3.法定代表人身份证明"),
            ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证明"]
        );
        assert_eq!(
            split("（1）申请书 （2）营业执照 （3）场所平面图。"),
            ["申请书", "营业执照", "场所平面图"]
        );
        assert_eq!(
            split("①申请表②身份证③户口簿"),
            ["申请表", "身份证", "户口簿"]
        );
        assert_eq!(split("1、申请书，2、委托书"), ["申请书", "委托书"]);
    }

    #[test]
    fn numbers_inside_an_entry_do_not_split_it() {
        assert_eq!(
            split("1.5寸免冠照片2张；符合第（1）项规定的证明"),
            ["1.5寸免冠照片2张", "符合第（1）项规定的证明"]
        );
        assert_eq!(split("居民身份证"), ["居民身份证"]);
        assert!(split(" ；\n").is_empty());
    }

    /// A placeholder alone lists no material, as an empty cell does (M01 then says the item lists
    /// none, not that a material is named 「无」).
    #[test]
    fn a_placeholder_alone_lists_none() {
        for none in ["无", " 无 ", "/", "暂无", ""] {
            assert!(split(none).is_empty(), "{none:?}");
        }
        assert_eq!(split("1.申请书；2.无"), ["申请书", "无"]);
    }
}
