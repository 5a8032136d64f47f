//! A local number written in two groups (`202 1156`, `0566-202-1156`): whether a pair of digit
//! groups is one number or a date, a range of rooms, extensions or clock times, or part of a
//! code. Kept apart from the walk over the groups in `mod.rs`, which asks it at three places.

/// What stands before a local number written in two groups, for [`split_local`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Joined {
    /// Right after an area code (`0566-202-1156`): the pair is the number.
    AfterAreaCode,
    /// After a landline and a list separator (`0566-2021156、202-1157`): what comes before is
    /// known, but the pair may still be a range (`0566-2021156，1156-1158分机`).
    Listed,
    /// On its own: a hyphenated pair must stand alone to be read as a number.
    Alone,
}

/// A local number written in two groups (three or four digits, then three to five), seven or
/// eight digits in all, starting at group `g`: its end and its digits. A group of a whole number
/// (seven digits and more) is not a part.
///
/// The groups are parted by white space (`202 1156`, `2021 156`) or by one hyphen (`202-1156`,
/// `0566-202-1156`). A hyphen also joins dates, ranges and codes, so without an area code
/// before the hyphenated pair must not be a year first (`2021-2023`, `2021-156`), a range of
/// rooms or extensions (`1201-1203室`, `1156-1158分机`: a near, larger second group, or a
/// room, floor or extension word after it), a range of clock times written without a colon
/// (`900-1700`, `830-1200`), nor a number of something (`202-1156号`). Standing alone
/// ([`Joined::Alone`]), it must also not be joined to a group, letter or mark before or after
/// (`341702-202-1156`, `No.202-1156`, `202-1156-789`).
pub(super) fn split_local(
    half: &str,
    groups: &[(usize, usize)],
    g: usize,
    joined: Joined,
) -> Option<(usize, String)> {
    let after_area_code = joined == Joined::AfterAreaCode;
    let (&(s1, e1), &(s2, e2)) = (groups.get(g)?, groups.get(g + 1)?);
    let (a, b) = (e1 - s1, e2 - s2);
    let between = &half[e1..s2];
    if !((3..=4).contains(&a) && (3..=5).contains(&b) && (7..=8).contains(&(a + b))) {
        return None;
    }
    if half.as_bytes()[s1] == b'0' || between.is_empty() {
        return None;
    }
    let spaced = between.chars().all(char::is_whitespace);
    let hyphenated = is_hyphen(between.trim()) && b <= 4;
    if !(spaced || hyphenated) {
        return None;
    }
    let first = &half[s1..e1];
    // Not when the second group runs on into a third (`202 1156 789`); after an area code, a
    // hyphen and a short group is the extension (`0566-202-1156-801`).
    if let Some(&(s3, _)) = groups.get(g + 2) {
        let sep = &half[e2..s3];
        if sep.chars().all(char::is_whitespace) || (!after_area_code && is_hyphen(sep.trim())) {
            return None;
        }
    }
    if hyphenated && !after_area_code {
        let year = a == 4 && (first.starts_with("19") || first.starts_with("20"));
        // A colon joins only after a digit (`12:300-…`); after a label it is `电话：202-1156`.
        let mut head = half[..s1].chars().rev();
        let joined_before = joined == Joined::Alone
            && head.next().is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || is_hyphen(c.encode_utf8(&mut [0; 4]))
                    || "./_#第".contains(c)
                    || (matches!(c, ':' | '：') && head.next().is_some_and(|d| d.is_ascii_digit()))
            });
        let after = &half[e2..];
        // In a list a slash parts the next number (`0566-2021156/202-1157/202-1158`).
        let joined_after = after.chars().next().is_some_and(|c| {
            (c == '/' && joined == Joined::Alone)
                || c.is_ascii_alphanumeric()
                || is_hyphen(c.encode_utf8(&mut [0; 4]))
                || ".:：_%号年月日期届条款页元室层楼栋幢座房".contains(c)
        }) || after.starts_with("分机");
        let second = &half[s2..e2];
        if year
            || joined_before
            || joined_after
            || matches!(first, "400" | "800")
            || is_range(first, second)
            || is_clock_range(first, second)
        {
            return None;
        }
    }
    Some((e2, format!("{first}{}", &half[s2..e2])))
}

/// `1201-1203`, `1156-1158`: two groups of one length, the second a little larger than the first,
/// are a range of rooms or extensions. The two halves of one number seldom are.
fn is_range(first: &str, second: &str) -> bool {
    first.len() == second.len()
        && matches!(
            (first.parse::<u32>(), second.parse::<u32>()),
            (Ok(a), Ok(b)) if a < b && b - a < 100
        )
}

/// `900-1700`, `830-1200`, `1430-1730`: office hours written without a colon. Both groups are a
/// time of day on the quarter hour or five minutes (`HMM`, `HHMM`) and the second is later. The
/// halves of a number seldom both end in such minutes (`202-1156` does not).
fn is_clock_range(first: &str, second: &str) -> bool {
    let minutes = |t: &str| -> Option<u32> {
        let v: u32 = t.parse().ok()?;
        let (h, m) = (v / 100, v % 100);
        (h <= 24 && m < 60 && m % 5 == 0).then_some(h * 60 + m)
    };
    matches!((minutes(first), minutes(second)), (Some(a), Some(b)) if a < b)
}

/// A hyphen as written between the groups of a number (`-`, `—`, `－`, `–`).
fn is_hyphen(t: &str) -> bool {
    matches!(t, "-" | "—" | "－" | "–")
}
