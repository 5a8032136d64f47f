//! The lenient form of an opening-hours text, read again when the text as written fails:
//! traditional characters folded (`週一至週五`, `九時`), Chinese numerals before 时/点/分 written
//! in digits (`上午九时至十二时` → `上午9时至12时`, `一时半`, `三十分`), and a full stop between hour
//! and minutes read as a colon (`8.30-12.00` → `8:30-12:00`).

use crate::model::text::fold_traditional;

const CN_DIGITS: &str = "零〇一二三四五六七八九";

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '两' => Some(2),
        _ => CN_DIGITS
            .chars()
            .position(|d| d == c)
            .map(|p| u32::try_from(p.saturating_sub(1)).unwrap_or(0)),
    }
}

/// A Chinese numeral below 100 (`九`, `十二`, `二十`, `三十五`, `两`).
fn cn_number(run: &[char]) -> Option<u32> {
    match run.iter().position(|&c| c == '十') {
        Some(p) => {
            let tens = match &run[..p] {
                [] => 1,
                [d] => cn_digit(*d)?,
                _ => return None,
            };
            let ones = match &run[p + 1..] {
                [] => 0,
                [d] => cn_digit(*d)?,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
        None => run
            .iter()
            .try_fold(0, |n, &c| Some(n * 10 + cn_digit(c)?))
            .filter(|_| run.len() <= 2),
    }
}

fn is_cn_numeral(c: char) -> bool {
    c == '十' || cn_digit(c).is_some()
}

/// Whether the text ends in an hour: one or two digits, not after another digit or a full stop
/// (`2024.10.01` is a date).
fn hour_before(head: &[char]) -> bool {
    let n = head.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&n) && !matches!(head.len().checked_sub(n + 1).map(|k| head[k]), Some('.'))
}

/// The text in its lenient form, or `None` when that is the text itself.
pub fn lenient_hours_text(text: &str) -> Option<String> {
    let folded = fold_traditional(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cn_numeral(c) {
            let end = chars[i..]
                .iter()
                .position(|&c| !is_cn_numeral(c))
                .map_or(chars.len(), |p| i + p);
            if matches!(chars.get(end), Some('时' | '点' | '分'))
                && let Some(n) = cn_number(&chars[i..end])
            {
                out.push_str(&n.to_string());
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        // `8.30`, `12.00`: one or two digits, a full stop, two digits and no third.
        if c == '.'
            && hour_before(&chars[..i])
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2).is_some_and(char::is_ascii_digit)
            && !chars.get(i + 3).is_some_and(char::is_ascii_digit)
        {
            out.push(':');
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    (out != text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::lenient_hours_text;

    #[test]
    fn numerals_dots_and_traditional_characters() {
        let l = |t: &str| lenient_hours_text(t).unwrap_or_else(|| t.to_owned());
        assert_eq!(
            l("上午九时至十二时，下午一时半至五时半"),
            "上午9时至12时，下午1时半至5时半"
        );
        assert_eq!(l("九点三十分至十二点"), "9点30分至12点");
        assert_eq!(l("二十时"), "20时");
        assert_eq!(l("周一至周五"), "周一至周五");
        assert_eq!(
            l("工作日 上午8.30-12.00，下午2.30-5.30"),
            "工作日 上午8:30-12:00，下午2:30-5:30"
        );
        assert_eq!(l("週一至週五 上午9時"), "周一至周五 上午9时");
        assert_eq!(l("2024.10.01"), "2024.10.01");
        assert_eq!(lenient_hours_text("工作日 9:00-12:00"), None);
    }
}
