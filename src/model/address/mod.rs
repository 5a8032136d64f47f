//! 办理地点 — the parts an address must name: a street (…路/街/大道/巷), a door number (…号), and a
//! room or window (…室/…窗口/…号窗). Real shapes: `池州市长江中路1号政务服务中心3楼305室`,
//! `贵池区平天湖大道88号政务服务中心12号窗口`, `综合窗口`, `A区12号窗口`, brackets, full-width digits.
//! A window must be numbered or named: `…政务服务中心相关窗口` or `二楼窗口` names none.
//! What a rule reports is read again leniently: spaced out or in traditional characters
//! ([`address_parts_lenient`]), a cell wrapped over lines ([`join_wrapped_lines`]).
//! [`address_parts`] never panics.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{fold_traditional, to_halfwidth};

/// What an address names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AddressParts {
    /// 街道名称 — a street, road, avenue or lane.
    pub street: bool,
    /// 门牌号 — a door number (`1号`, `88-2号`; not `12号窗口` or `3号楼`).
    pub door: bool,
    /// 房间号或窗口号 — a room, window, counter or desk.
    pub room: bool,
}

static DOOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[0-9]+(?:-[0-9]+)?|[一二三四五六七八九十百零]+)号").expect("static regex")
});

/// A number of a list of windows or buildings (`7号、8号窗口`, `3号至5号窗口`, `1号、2号楼`) or
/// one written after a window (`出入境窗口（7号、8号窗口）`, `窗口（3号）`, `窗口12号`,
/// `综合窗口1、3号`): a window's or building's number, not a door number, though the 号 of the
/// first is followed by neither. Group `list` is the list before a window, counter or room (not a
/// building), whose first number is the door number of a street right before it (`长江中路1号、3号窗口`:
/// no window stands right after a street's name). A list after anything else
/// (`政务服务中心一楼7号、8号窗口`) is all windows, and so is one of buildings (`九华西路3号、4号楼`),
/// which may well stand on the street with no door number written. A street's number right before
/// a 窗口 numbered after it (`长江中路89号窗口1、3号`, `长江中路1号窗口（1、3号）`) is its door
/// number, as the window already has its numbers. A building list's last number
/// has its 号: `秋浦西路2号，3楼` and `2号，一楼` are a door number and a floor, no list (h35).
static NUMBER_OF_A_WINDOW: LazyLock<Regex> = LazyLock::new(|| {
    const NUM: &str = r"(?:[A-Za-z]?[0-9]+(?:-[A-Za-z]?[0-9]+)?|[一二三四五六七八九十百零]+)";
    const SEP: &str = r"\s*[、,，;；和及与至到~～\-—/]\s*";
    Regex::new(&format!(
        r"(?P<list>{NUM}号(?:{SEP}{NUM}号?)+\s*[窗柜台房室])|{NUM}号(?:{SEP}{NUM}号?)*{SEP}{NUM}号\s*[楼栋幢厅座]|窗口?\s*[（(:：]?\s*{NUM}(?:号|(?:{SEP}{NUM})+号)(?:{SEP}{NUM}号)*"
    ))
    .expect("static regex")
});

/// Rooms, counters and numbered windows; a window written 窗口 or 专窗 counts only when it is
/// numbered or named ([`names_a_window`]).
static ROOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"室|[0-9]+号?窗|柜台|服务台|受理台|工位|房间|[0-9]+房|[A-Za-z]区[0-9]+号")
        .expect("static regex")
});

/// Words before 窗口 that name no window: what any window is (`受理窗口`, `服务窗口`,
/// `办事窗口`), or which one the visitor is to find out (`相关窗口`, `对应窗口`, `各窗口`).
/// Taken off the end one after another (`各相关业务窗口`) before the name is looked for.
const UNNAMING_BEFORE_WINDOW: &[&str] = &[
    "受理", "服务", "办事", "办理", "业务", "政务", "便民", "相关", "有关", "对应", "相应", "指定",
    "各个", "各", "的",
];

/// Last words of a place, not a window's name: a window right after one (`政务服务中心窗口`,
/// `二楼窗口`, `服务大厅窗口`) is any window there.
const PLACES_BEFORE_WINDOW: &[&str] = &["中心", "厅", "楼", "层", "之家"];

/// Whether the address names a window written 窗口 or 专窗: numbered after it (`窗口3`,
/// `窗口12号`) or before it (`3号窗口`, `十二号窗口`, `3号专窗`), or named by a department or a
/// business (`市场监管窗口`, `综合受理窗口`, `不动产登记窗口`, `市场监管专窗`). A window with
/// nothing before it, or only a place and words that name no window (`…政务服务中心相关窗口`,
/// `二楼窗口`, `各窗口`, `服务窗口`), leaves the visitor to ask which window.
fn names_a_window(t: &str) -> bool {
    t.match_indices('窗').any(|(at, w)| {
        let after = &t[at + w.len()..];
        let (before, after) = if let Some(after) = after.strip_prefix('口') {
            (&t[..at], after)
        } else if let Some(before) = t[..at].strip_suffix('专') {
            (before, after)
        } else {
            return false;
        };
        let after = after.trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '（') {
            return true;
        }
        let mut before = before.trim_end();
        while let Some(rest) = UNNAMING_BEFORE_WINDOW
            .iter()
            .find_map(|w| before.strip_suffix(w))
        {
            before = rest.trim_end();
        }
        !before.is_empty() && !PLACES_BEFORE_WINDOW.iter().any(|p| before.ends_with(p))
    })
}

/// Characters after 号 that make it a window, building, counter or room number, not a door number.
const NOT_DOOR_AFTER: &[char] = &[
    '窗', '楼', '栋', '幢', '柜', '台', '房', '室', '厅', '座', '区',
];

/// Characters after `号区` that make it a zone (`3号区1号窗口`, `2号区域`); any other word after
/// it starts a district's name (`秋浦西路2号区政务服务中心`), and the 号 is a door number.
const ZONE_AFTER: &[char] = &[
    '窗', '楼', '层', '号', '栋', '幢', '柜', '台', '房', '室', '厅', '座', '域', '内', '（', '(',
];

/// Whether the text after a number's 号 starts with 区 and a district's name, not a zone.
fn names_district(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next() == Some('区')
        && chars
            .next()
            .is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !ZONE_AFTER.contains(&c))
}

/// Whether a number stands right after a street's name (`秋浦西路` before `2号区政务服务中心`):
/// only there is `N号区…` a door number before a district's name; `二楼3号区` is a zone.
fn follows_street(before: &str) -> bool {
    before
        .trim_end()
        .ends_with(['路', '街', '道', '巷', '弄', '里'])
}

/// The words that end a street's name besides 街 (…路, …大道, …巷, …弄, …胡同); 街 is read by
/// [`jie_names_street`].
const STREET_WORDS: &[&str] = &["路", "大道", "巷", "弄", "胡同"];

/// What a 街 is part of when one of these follows it: a 街道 (a township-level 街道办事处,
/// `秋浦街道`), a town's, a township's or a village's name (`梅街镇`, `…街乡`, `梅街村`), not a
/// street. Traditional 鎮/鄉 too: an address is read as written before it is folded.
const AFTER_JIE_OF_A_PLACE: &[char] = &['道', '镇', '乡', '村', '鎮', '鄉'];

/// Whether the 街 at byte `at` of `t` ends a street's name (`人民街`, `九华街88号`, `老街`,
/// `秋浦大街`), not a place's (`秋浦街道`, `梅街镇`, `梅街村`). `…大街道…` stays a 大街.
fn jie_names_street(t: &str, at: usize) -> bool {
    let after = &t[at + '街'.len_utf8()..];
    match after.chars().next() {
        Some('道') => t[..at].ends_with('大'),
        Some(c) => !AFTER_JIE_OF_A_PLACE.contains(&c),
        None => true,
    }
}

/// The first name in `text` whose 街 is no street (`梅街镇`, `梅街村`, `秋浦街道`), with the
/// characters before it back to the region or place it follows (`池州市贵池区梅街镇` gives `梅街镇`),
/// or `None` when there is none, or when its start cannot be told within four characters. For
/// B09's message: the clerk who wrote 梅街镇 learns why no street was found.
pub fn place_name_with_jie(text: &str) -> Option<&str> {
    let (at, _) = text
        .match_indices('街')
        .find(|&(at, _)| !jie_names_street(text, at))?;
    let suffix = text[at + '街'.len_utf8()..].chars().next()?;
    let end = at + '街'.len_utf8() + suffix.len_utf8();
    let mut start = at;
    for (i, (pos, c)) in text[..at].char_indices().rev().enumerate() {
        if !('\u{4e00}'..='\u{9fa5}').contains(&c) || NAME_BOUNDARIES.contains(&c) {
            break;
        }
        if i == 4 {
            return None;
        }
        start = pos;
    }
    (start < at).then(|| &text[start..end])
}

/// Characters that end what comes before a place's name: a region (`…区`, `…镇`), a door number,
/// a street.
const NAME_BOUNDARIES: &[char] = &[
    '省', '市', '区', '县', '旗', '镇', '乡', '村', '号', '路', '街', '道', '巷', '區', '縣', '鎮',
    '鄉', '號',
];

/// Finds the parts an address names (after folding full-width characters).
pub fn address_parts(text: &str) -> AddressParts {
    // Most addresses hold no full-width character: fold (and allocate) only those that do.
    let t: Cow<'_, str> = if text
        .chars()
        .any(|c| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c))
    {
        Cow::Owned(to_halfwidth(text))
    } else {
        Cow::Borrowed(text)
    };
    let street = STREET_WORDS.iter().any(|w| t.contains(w))
        || t.match_indices('街').any(|(i, _)| jie_names_street(&t, i));
    // Every door number ends in 号; a window's in a list or after 窗口 is none.
    let door = t.contains('号') && {
        let windows: Vec<_> = NUMBER_OF_A_WINDOW
            .captures_iter(&t)
            .filter_map(|c| {
                let m = c.get(0)?;
                // `长江中路1号、3号窗口`: the list's first number is the street's door number.
                let start = match c.name("list") {
                    Some(list) if follows_street(&t[..list.start()]) => list.start() + 1,
                    _ => m.start(),
                };
                Some(start..m.end())
            })
            .collect();
        DOOR.find_iter(&t).any(|m| {
            let after = &t[m.end()..];
            !windows.iter().any(|w| w.contains(&m.start()))
                && after.chars().next().is_none_or(|c| {
                    !NOT_DOOR_AFTER.contains(&c)
                        || names_district(after) && follows_street(&t[..m.start()])
                        // `长江中路89号窗口1、3号`: a window numbered after 窗口 takes no number
                        // before it, and the street's number there is its door number (h35).
                        || c == '窗'
                            && follows_street(&t[..m.start()])
                            && windows.iter().any(|w| w.start == m.end())
                })
        })
    };
    AddressParts {
        street,
        door,
        room: ROOM.is_match(&t) || t.contains('窗') && names_a_window(&t),
    }
}

impl AddressParts {
    /// Whether it names a street, a door number and a room or window.
    pub fn is_complete(self) -> bool {
        self.street && self.door && self.room
    }

    fn is_none(self) -> bool {
        !(self.street || self.door || self.room)
    }
}

/// [`address_parts`], read once more without white space and with traditional characters
/// folded when the text as written lacks a part (`长江中路 89 号`, `長江中路89號`): for the way
/// to a finding, the usual complete address pays nothing more.
pub fn address_parts_lenient(text: &str) -> AddressParts {
    let parts = address_parts(text);
    if parts.is_complete() {
        return parts;
    }
    let folded = fold_traditional(text);
    if !(matches!(folded, Cow::Owned(_)) || text.contains(char::is_whitespace)) {
        return parts;
    }
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let again = address_parts(&squeezed);
    AddressParts {
        street: parts.street || again.street,
        door: parts.door || again.door,
        room: parts.room || again.room,
    }
}

mod fields;
#[cfg(test)]
mod tests;

pub use fields::{
    join_wrapped_lines, names_online_channel, split_addresses, without_online_channels,
};
