//! 办理地点 — the parts an address must name: a street (…路/街/大道/巷), a door number (…号), and a
//! room or window (…室/…窗口/…号窗). Real shapes: `池州市长江中路1号政务服务中心3楼305室`,
//! `贵池区平天湖大道88号政务服务中心12号窗口`, `综合窗口`, `A区12号窗口`, brackets, full-width digits.
//! [`address_parts`] never panics.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::text::to_halfwidth;

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

static ROOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"室|窗口|[0-9]+号?窗|柜台|服务台|受理台|工位|房间|[0-9]+房|[A-Za-z]区[0-9]+号")
        .expect("static regex")
});

/// Characters after 号 that make it a window, building, counter or room number, not a door number.
const NOT_DOOR_AFTER: &[char] = &[
    '窗', '楼', '栋', '幢', '柜', '台', '房', '室', '厅', '座', '区',
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
    let street = ["路", "大道", "大街", "巷", "弄", "胡同"]
        .iter()
        .any(|w| t.contains(w))
        || t.match_indices('街')
            .any(|(i, _)| !t[i + '街'.len_utf8()..].starts_with('道'));
    // Every door number ends in 号.
    let door = t.contains('号')
        && DOOR.find_iter(&t).any(|m| {
            t[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !NOT_DOOR_AFTER.contains(&c))
        });
    AddressParts {
        street,
        door,
        room: ROOM.is_match(&t),
    }
}

/// Splits a field holding several addresses (`；`, `;`, new lines, numbered lists).
pub fn split_addresses(text: &str) -> Vec<&str> {
    text.split(['；', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> (bool, bool, bool) {
        let a = address_parts(t);
        (a.street, a.door, a.room)
    }

    #[test]
    fn shapes_seen_on_platforms() {
        assert_eq!(p("池州市长江中路1号政务服务中心"), (true, true, false));
        assert_eq!(
            p("池州市长江中路1号政务服务中心3楼305室"),
            (true, true, true)
        );
        assert_eq!(
            p("贵池区平天湖大道88号政务服务中心12号窗口"),
            (true, true, true)
        );
        assert_eq!(
            p("池州市政务服务中心（长江中路１号）二楼综合窗口"),
            (true, true, true)
        );
        assert_eq!(
            p("东至县尧渡镇东流路18号便民服务中心A区12号窗口"),
            (true, true, true)
        );
        assert_eq!(p("秋浦街道便民服务中心12号窗口"), (false, false, true));
        assert_eq!(p("贵池区秋浦西路1号市民中心B区3楼"), (true, true, false));
        assert_eq!(p("贵池区秋浦西路1号市民中心B区3号"), (true, true, true));
        assert_eq!(p("青阳县蓉城镇九华西路3号楼"), (true, false, false));
    }
}
