//! A field holding several addresses: split at `；` outside brackets and at new lines, lines of a
//! cell wrapped in Excel joined again ([`join_wrapped_lines`]), and the parts that name the
//! online way to apply, not a place, left out ([`without_online_channels`]). What each address
//! names is the parent module's.

use std::borrow::Cow;

use super::{AddressParts, STREET_WORDS, address_parts, address_parts_lenient, jie_names_street};

/// The place a line begins with (`东至县` of `东至县尧渡镇…`, `木镇镇` of `木镇镇便民服务中心`): a
/// region's name of two to eight Chinese characters ending in 省/市/区/县/镇/乡 at its start (up to
/// the first such ending), or `None`. Such a line is an address of its own, not the rest of the
/// line before it, unless it only names the building of that address (see [`names_the_building`]).
fn leading_place(line: &str) -> Option<&str> {
    line.char_indices()
        .take(9)
        .take_while(|(_, c)| ('\u{4e00}'..='\u{9fa5}').contains(c))
        .enumerate()
        .find(|&(i, (_, c))| i >= 2 && matches!(c, '省' | '市' | '区' | '县' | '镇' | '乡'))
        .map(|(_, (at, c))| &line[..at + c.len_utf8()])
}

/// Whether a line that begins with a place (`place`) names the building of the address before
/// it (`joined`, with its `parts`), not another address: the address before stops right after its
/// door number, with a street and no room or window (`青阳县木镇镇木镇街68号`), the line has no
/// street and no door number of its own (`木镇镇便民服务中心`, `池州市政务服务中心二楼15号窗口`), and
/// its place was already written in the address before (木镇镇, 池州市). A service centre's name
/// usually begins with its region, so the line is where at that door number to go.
fn names_the_building(joined: &str, parts: AddressParts, place: &str, line: AddressParts) -> bool {
    parts.street
        && parts.door
        && !parts.room
        && !line.street
        && !line.door
        && joined.trim_end().ends_with(['号', '號'])
        && joined.contains(place)
}

/// Whether `line` finishes a street's name that the line before (`joined`, with its `parts`)
/// broke off (`池州市长江中⏎路89号…`, `池州市长江⏎中路89号…`): the line before names no street and
/// ends in a Chinese character, and the line's street word (…路/街/大道/巷…) starts within its first
/// two characters, too short to be a street's name of its own (`百牙中路` is one). One character
/// before the street word may be a whole name (`东街`, `西街`, `正街`, `老街` in county towns), so
/// then the line before must also not end in a finished name, such as a building's or an
/// office's (`池州市政务服务中心⏎东街18号…`, `…综合窗口⏎东街18号…`; see [`ENDS_OF_NAMES`]).
fn finishes_street(joined: &str, parts: AddressParts, line: &str) -> bool {
    !parts.street
        && joined
            .chars()
            .next_back()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fa5}').contains(&c))
        && line.char_indices().take(2).any(|(at, _)| {
            let rest = &line[at..];
            let street = STREET_WORDS.iter().any(|w| rest.starts_with(w))
                || (rest.starts_with('街') && jie_names_street(line, at));
            street && (at == 0 || !ENDS_OF_NAMES.iter().any(|w| joined.ends_with(w)))
        })
}

/// Last words of a finished name — a building, a hall, an office, a number — after which a line
/// with a one-character street's name (`东街18号…`) is an address of its own.
const ENDS_OF_NAMES: &[&str] = &[
    "中心", "窗口", "大厅", "厅", "楼", "室", "层", "局", "处", "科", "所", "站", "院", "馆", "办",
    "号", "部", "队", "委", "会", "司", "行", "点", "台",
];

/// The addresses of a field whose lines were wrapped (a cell over several lines in Excel): the
/// field split at `；` and `;`, and each part's lines joined where a line does not start an
/// address of its own. A line continues the one before when it names no street and the address
/// so far is incomplete (`…政务服务中心⏎二楼8号窗口`, `长江中路8⏎9号…`), or it opens with a
/// bracket (`⏎（市场监管局）`), or it names no part at all; it also continues when it finishes a
/// street's name the line before broke off (`池州市长江中⏎路89号…`, see `finishes_street`).
/// Otherwise a line with a street, or with its own door or window after a complete address, is
/// an address of its own, and so is a line that begins with a place's name (`东至县尧渡镇…`),
/// unless it names the building at the door number the address before stopped at
/// (`青阳县木镇镇木镇街68号⏎木镇镇便民服务中心⏎2号窗口`, see `names_the_building`).
///
/// A `；` inside brackets does not end an address (`…城管窗口（秋浦西路2号；B12号窗口）`), and a part
/// that only names a window (`B12号窗口`, see `only_a_window`) is the window of the address before
/// when that one names a street and no room or window (`…秋浦西路2号；B12号窗口`) (h35).
pub fn join_wrapped_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in semicolon_parts(text) {
        let before = out.len();
        join_lines_of(part, &mut out);
        if out.len() == before + 1
            && before > 0
            && only_a_window(&out[before])
            && address_parts_lenient(&out[before - 1]).street
            && !address_parts_lenient(&out[before - 1]).room
        {
            let window = out.pop().unwrap_or_default();
            out[before - 1].push('；');
            out[before - 1].push_str(&window);
        }
    }
    out
}

/// Whether a part of a field names a window or room and nothing else of an address: no street,
/// no door number, no place it begins with, at most ten characters (`B12号窗口`, `二楼3号窗口`).
fn only_a_window(part: &str) -> bool {
    let parts = address_parts_lenient(part);
    parts.room
        && !parts.street
        && !parts.door
        && leading_place(part).is_none()
        && part.chars().count() <= 10
}

/// The parts of a field between `；` or `;` outside brackets: `（秋浦西路2号；B12号窗口）` is one
/// address's. When the brackets do not pair up, every `；` ends a part.
fn semicolon_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth -= 1,
            '；' | ';' if depth == 0 => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
        if depth < 0 {
            break;
        }
    }
    if depth != 0 {
        return text.split(['；', ';']).collect();
    }
    parts.push(&text[start..]);
    parts
}

/// The addresses of one part of a field ([`join_wrapped_lines`]), its lines joined, pushed on `out`.
fn join_lines_of(part: &str, out: &mut Vec<String>) {
    let mut current: Option<(String, AddressParts)> = None;
    for line in part
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let parts = address_parts_lenient(line);
        let continues = match leading_place(line) {
            Some(place) => current
                .as_ref()
                .is_some_and(|(j, p)| names_the_building(j, *p, place, parts)),
            None => {
                (!parts.street
                    && (parts.is_none()
                        || line.starts_with(['（', '(', '【', '['])
                        || current.as_ref().is_some_and(|(_, p)| !p.is_complete())))
                    || current
                        .as_ref()
                        .is_some_and(|(j, p)| finishes_street(j, *p, line))
            }
        };
        match &mut current {
            Some((joined, joined_parts)) if continues => {
                joined.push_str(line);
                *joined_parts = address_parts_lenient(joined);
            }
            _ => {
                out.extend(current.take().map(|(joined, _)| joined));
                current = Some((line.to_owned(), parts));
            }
        }
    }
    out.extend(current.map(|(joined, _)| joined));
}

/// Labels that start a part of the field giving the online way to apply, not a place
/// (`线上：国家医保服务平台APP、皖事通APP`, `网上办理：安徽政务服务网`).
const ONLINE_LABELS: &[&str] = &["线上", "网上", "在线", "网办", "互联网", "网络"];

/// Words of an online channel (`国家医保服务平台APP`, `安徽政务服务网`, `www.ahzwfw.gov.cn`).
const ONLINE_CHANNELS: &[&str] = &[
    "APP",
    "App",
    "app",
    "网",
    "平台",
    "小程序",
    "公众号",
    "皖事通",
    "www",
    "http",
    "客户端",
    "微信",
    "支付宝",
    "系统",
];

/// Whether a part of an address field is labelled as the online way (a label of
/// `ONLINE_LABELS` ending in a colon within its first eight characters, with no number) and,
/// after the label, names an online channel (`ONLINE_CHANNELS`) and no part of an address:
/// `线上：国家医保服务平台APP、皖事通APP` is where to apply online, not a place to be checked.
pub fn names_online_channel(part: &str) -> bool {
    let part = part.trim();
    if !ONLINE_LABELS.iter().any(|l| part.starts_with(l)) {
        return false;
    }
    let Some((at, colon)) = part
        .char_indices()
        .take(8)
        .find(|&(_, c)| matches!(c, '：' | ':'))
    else {
        return false;
    };
    let label = &part[..at];
    let channel = &part[at + colon.len_utf8()..];
    !label.chars().any(|c| c.is_ascii_digit())
        && ONLINE_CHANNELS.iter().any(|w| channel.contains(w))
        && address_parts(channel).is_none()
}

/// The address field without its parts that name the online way ([`names_online_channel`]),
/// each part ending at `；`, `;` or a new line; the field as it is when it has no such part or
/// nothing else.
pub fn without_online_channels(text: &str) -> Cow<'_, str> {
    const ENDS: [char; 4] = ['；', ';', '\n', '\r'];
    let online = |p: &str| names_online_channel(p.trim_end_matches(ENDS));
    let parts = || text.split_inclusive(ENDS);
    if !parts().any(online) || parts().all(|p| online(p) || p.trim_matches(ENDS).trim().is_empty())
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(parts().filter(|p| !online(p)).collect())
}

/// Splits a field holding several addresses (`；` or `;` outside brackets, new lines).
pub fn split_addresses(text: &str) -> Vec<&str> {
    semicolon_parts(text)
        .into_iter()
        .flat_map(|p| p.split(['\n', '\r']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}
