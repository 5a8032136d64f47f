//! The files and links a blank-form or sample field refers to: links found in the text, file
//! names in it, and the name a download handler's query carries; and the path on someone's
//! computer a field (or a result sample) names instead of an upload; and the offline problems
//! of a blank-form or sample field, joined into one finding per material.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::halfwidth;
use super::names::{name_relates, trim_open_brackets};
use crate::model::Material;
use crate::model::text::{display_url, find_mojibake, is_blank_or_placeholder, quote};
use crate::rules::Violation;
use crate::rules::general_text::{
    UrlProblem, check_url, find_text, for_each_url, percent_decode_lossy,
};

/// One file or link a blank-form or sample field refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// The link or file name as written.
    pub raw: String,
    /// Whether it is a link (or a local path written as one) rather than a bare file name.
    pub is_link: bool,
    /// What is wrong with the link, when it is one.
    pub link_problem: Option<UrlProblem>,
    /// The file name (last path segment, `%XX` decoded), when one can be told.
    pub file_name: Option<String>,
    /// The file extension in lower case, when the file name has one.
    pub extension: Option<String>,
}

/// Extensions a file name in a blank-form or sample field may carry.
pub(super) const FILE_EXTENSIONS: &str = "doc|docx|xls|xlsx|wps|et|odt|ods|rtf|pdf|jpg|jpeg|png|gif|bmp|tif|tiff|ofd|caj|zip|rar|7z|txt|html|htm";

/// The last word of a bare file name and its extension; one space may stand before the dot
/// (`食品经营许可申请表 .docx`). The words before it that a single space joins to it are taken
/// by [`name_start`]: the pattern has no look-behind to find them.
pub(super) static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)[^\s,;，；、“”"'<>|/\\:：]+[ \u{{3000}}]?\.(?:{FILE_EXTENSIONS})(?-u:\b)"#
    ))
    .expect("file name pattern")
});

/// The characters besides whitespace that end a word of a bare file name (those [`FILE_NAME`]
/// does not match).
pub(super) const NAME_STOPS: &[char] = &[
    ',', ';', '，', '；', '、', '“', '”', '"', '\'', '<', '>', '|', '/', '\\', ':', '：',
];

/// Where the bare file name whose last word [`FILE_NAME`] found at `start` begins: taken back
/// over each word before it that one space joins to it (`食品经营许可申请表 最终版.docx`,
/// `新建 Microsoft Word 文档.docx`), but not before `floor`, the end of the file name before
/// it (`营业执照.docx 申请表.docx` are two). Two spaces, a line break or a separator such as
/// `，` or `：` end the name.
pub(super) fn name_start(piece: &str, floor: usize, mut start: usize) -> usize {
    loop {
        let before = &piece[floor..start];
        let Some(space) = before
            .chars()
            .next_back()
            .filter(|&c| c == ' ' || c == '\u{3000}')
        else {
            return start;
        };
        let word = &before[..before.len() - space.len_utf8()];
        let word_start = word
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || NAME_STOPS.contains(&c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word_start == word.len() {
            return start;
        }
        start = floor + word_start;
    }
}

/// The extension of a file name as written (`docx`, `PDF`): one to five ASCII letters or digits
/// after the last dot, with something before the dot.
pub(super) fn raw_extension(name: &str) -> Option<&str> {
    // `name.rsplit_once('.')` on the bytes: the dot is ASCII.
    let dot = name.bytes().rposition(|b| b == b'.')?;
    let (stem, ext) = (&name[..dot], &name[dot + 1..]);
    (!stem.is_empty()
        && (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then_some(ext)
}

/// [`percent_decode_lossy`], without decoding (or copying) a text that has no escape.
pub(super) fn decode(s: &str) -> Cow<'_, str> {
    if s.as_bytes().contains(&b'%') {
        Cow::Owned(percent_decode_lossy(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Extensions of web pages and download handlers, not of the file they serve.
pub(super) const HANDLERS: &[&str] = &[
    "do", "action", "jsp", "jspx", "asp", "aspx", "ashx", "php", "cgi", "htm", "html", "shtml",
];

/// The file name of a link: the last path segment, or — for download handlers such as
/// `download.do?fileName=申请表.docx&id=1` — a query value that carries a file extension.
#[cfg(test)]
pub(super) fn link_file_name(link: &str) -> Option<String> {
    link_file_name_cow(link).map(Cow::into_owned)
}

/// The file name of a link (as `link_file_name` in the tests gives it), borrowed from the link
/// when the name needs no decoding (the usual case).
pub(super) fn link_file_name_cow(link: &str) -> Option<Cow<'_, str>> {
    // Read on the bytes: every separator looked for is ASCII.
    // `tests::names::link_file_name_as_defined` compares this with the reading by `str::split`.
    let b = link.as_bytes();
    let path_end = memchr::memchr2(b'?', b'#', b);
    let path = &link[..path_end.unwrap_or(b.len())];
    let after_host = path
        .as_bytes()
        .windows(2)
        .position(|w| w == b"//")
        .map_or(path, |i| &path[i + 2..]);
    // The last segment after a `/` or `\`; with neither, the whole rest only if the link holds
    // a backslash at all.
    let last = match memchr::memrchr2(b'/', b'\\', after_host.as_bytes()) {
        Some(i) => Some(&after_host[i + 1..]),
        None => memchr::memchr(b'\\', b).is_some().then_some(after_host),
    }
    .map(decode)
    .filter(|s| !s.is_empty());
    // Without a `?` there is no query to take a name from: the last segment is the answer.
    if path_end.is_none() {
        return last;
    }
    if last
        .as_deref()
        .and_then(raw_extension)
        .is_some_and(|e| !HANDLERS.iter().any(|h| h.eq_ignore_ascii_case(e)))
    {
        return last;
    }
    let query = link.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(_, value)| percent_decode_lossy(&value.replace('+', " ")))
        .find(|value| raw_extension(value).is_some() && !value.contains('/'))
        .map(Cow::Owned)
        .or(last)
}

/// One file or link of a field as [`for_each_file_ref`] reads it: a [`FileRef`] borrowed from
/// the field where it can be, its extension read on demand.
pub(super) struct FileRefView<'a> {
    pub(super) raw: &'a str,
    pub(super) is_link: bool,
    pub(super) link_problem: Option<UrlProblem>,
    pub(super) file_name: Option<Cow<'a, str>>,
}

impl FileRefView<'_> {
    /// The file extension as written (any case); [`FileRef::extension`] is it in lower case.
    pub(super) fn extension(&self) -> Option<&str> {
        self.file_name.as_deref().and_then(raw_extension)
    }

    fn to_owned_ref(&self) -> FileRef {
        FileRef {
            raw: self.raw.to_owned(),
            is_link: self.is_link,
            link_problem: self.link_problem.clone(),
            extension: self.extension().map(str::to_ascii_lowercase),
            file_name: self.file_name.as_deref().map(str::to_owned),
        }
    }
}

/// The files and links a field refers to: every link (with its problem, if any) and every bare
/// file name outside the links. An empty list means the field names no file at all (`有`,
/// `窗口领取`).
pub fn file_refs(text: &str) -> Vec<FileRef> {
    let mut refs = Vec::new();
    for_each_file_ref(text, |r| refs.push(r.to_owned_ref()));
    refs
}

/// [`file_refs`] without copying: calls `f` with each reference in the same order. The bare file
/// names are looked for in the field with every link replaced by a line break (as
/// `file_refs_plain` in the tests does). With one link, the usual case, the pieces of the field
/// between its occurrences are searched one by one instead of joined: [`FILE_NAME`] never
/// matches a line break and has no look-behind, its closing `\b` sees the end of a piece as it
/// sees the line break, and [`name_start`] does not go back over one, so the names are the same.
pub(super) fn for_each_file_ref(text: &str, mut f: impl for<'r> FnMut(FileRefView<'r>)) {
    let mut first: Option<&str> = None;
    let mut more: Vec<&str> = Vec::new();
    for_each_url(text, |link| {
        let file_name = link_file_name_cow(link);
        f(FileRefView {
            raw: link,
            is_link: true,
            link_problem: check_url(link).err(),
            file_name,
        });
        if first.is_none() {
            first = Some(link);
        } else {
            more.push(link);
        }
    });
    let mut bare = |piece: &str| {
        // The pattern needs a dot: a piece without one (often the empty one before a leading
        // link) is not searched.
        if memchr::memchr(b'.', piece.as_bytes()).is_none() {
            return;
        }
        let mut floor = 0;
        for m in FILE_NAME.find_iter(piece) {
            let start = name_start(piece, floor, m.start());
            floor = m.end();
            let name = trim_open_brackets(&piece[start..m.end()]);
            if raw_extension(name).is_none() {
                continue;
            }
            f(FileRefView {
                raw: name,
                is_link: false,
                link_problem: None,
                file_name: Some(Cow::Borrowed(name)),
            });
        }
    };
    match first {
        // A bare file name has a dot before its extension: without one there is none to look
        // for.
        None => {
            if text.contains('.') {
                bare(text);
            }
        }
        Some(link) if more.is_empty() => {
            // The pieces around each occurrence of the link, as `str::replace` finds them.
            if text == link || !text.contains('.') {
                return;
            }
            // The link is a slice of the field (`for_each_url`): when it starts the field, as it
            // usually does, that is its first occurrence.
            let leading = std::ptr::eq(text.as_ptr(), link.as_ptr()) && link.len() <= text.len();
            let Some(at) = (if leading {
                Some(0)
            } else {
                find_text(text, link)
            }) else {
                bare(text);
                return;
            };
            let (before, after) = (&text[..at], &text[at + link.len()..]);
            if find_text(after, link).is_some() {
                // The link more than once: join the pieces as `str::replace` does.
                let rest = replace_from(text, at, link);
                if rest.contains('.') {
                    bare(&rest);
                }
            } else if before.contains('.') || after.contains('.') {
                bare(before);
                bare(after);
            }
        }
        Some(link) => {
            let mut rest = Cow::Borrowed(text);
            for link in std::iter::once(link).chain(more.iter().copied()) {
                if *rest == *link {
                    rest = Cow::Borrowed("\n");
                } else if let Some(first) = find_text(&rest, link) {
                    rest = Cow::Owned(replace_from(&rest, first, link));
                }
            }
            if rest.contains('.') {
                bare(&rest);
            }
        }
    }
}

/// `text.replace(link, "\n")` given where `link` first occurs (found by [`find_text`], which is
/// cheaper than `str::replace`'s searcher on these short texts). A line break, not a space: a
/// file name is not joined across it ([`name_start`]), as it is not across the pieces.
pub(super) fn replace_from(text: &str, first: usize, link: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.push('\n');
    let mut rest = &text[first + link.len()..];
    while let Some(i) = find_text(rest, link) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + link.len()..];
    }
    out.push_str(rest);
    out
}

/// Where a path on the clerk's own computer starts without a drive letter: a Mac's or a Linux
/// desktop's home folder.
const HOME_FOLDERS: &[&str] = &["/Users/", "/home/"];

/// The desktop folder, as a path names it (`桌面\样本.jpg`, `…/Desktop/样本.jpg`).
const DESKTOPS: &[&str] = &["桌面", "Desktop", "desktop"];

/// The local path a (half-width) attachment field names instead of an upload, when it names no
/// public link beside it: a link read as a local path (`C:\…`, `D:\…`, `file://`,
/// `\\server\…`, through [`file_refs`]), a path from a home folder (`/Users/admin/…`,
/// `/home/…`) or through the desktop (`桌面\申请表.docx`, `…/Desktop/申请表.docx`). A file on someone's
/// computer was never uploaded: B12 reads a result sample so, M06 and M07 a blank form and a
/// sample (h36).
pub fn local_path(t: &str) -> Option<String> {
    let home = HOME_FOLDERS.iter().any(|h| t.starts_with(h));
    let desktop = || {
        DESKTOPS.iter().any(|d| {
            t.match_indices(d).any(|(i, _)| {
                t[..i].ends_with(['/', '\\']) || t[i + d.len()..].starts_with(['/', '\\'])
            })
        })
    };
    // Only a text that can hold one is read for its links (nearly every sample is a plain link).
    if !(t.contains('\\') || holds_file_scheme(t) || home || desktop()) {
        return None;
    }
    let refs = file_refs(t);
    if refs.iter().any(|r| r.is_link && r.link_problem.is_none()) {
        return None;
    }
    if let Some(r) = refs
        .iter()
        .find(|r| r.link_problem == Some(UrlProblem::LocalPath))
    {
        return Some(r.raw.clone());
    }
    (home || desktop()).then(|| {
        t.split_whitespace()
            .find(|w| w.contains(['/', '\\']))
            .unwrap_or(t)
            .to_owned()
    })
}

/// Whether `t` holds `file:` in any case.
fn holds_file_scheme(t: &str) -> bool {
    t.as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"file:"))
}

/// The offline problems of one attachment field (blank form or sample) of one material: no link or
/// file named, a malformed or local link, a garbled file name, a file name unrelated to the
/// material, and — when `non_editable` is given — a format that cannot be edited. A path on
/// someone's computer without a drive letter (`/Users/zhang/Desktop/申请表.docx`,
/// `桌面\申请表.docx`; [`local_path`]) is a local link too, reported once for the path and not
/// again for the file it ends in (h36).
pub fn attachment_problems(
    material: &Material,
    value: &str,
    what: &str,
    non_editable: Option<&[String]>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut any = false;
    // A local path that is a link is reported as the link's problem, below; the rest (rare) is
    // read once more to tell.
    let local = local_path(&halfwidth(value)).filter(|_| {
        let mut local_link = false;
        for_each_file_ref(value, |r| {
            local_link |= r.link_problem == Some(UrlProblem::LocalPath);
        });
        !local_link
    });
    for_each_file_ref(value, |r| {
        any = true;
        // The file a home or desktop path ends in: the path is the problem, reported below.
        if !r.is_link && local.as_deref().is_some_and(|l| l.contains(r.raw)) {
            return;
        }
        if let Some(p) = &r.link_problem {
            out.push((
                format!(
                    "{what}链接{}: \"{}\"",
                    p.describe_zh(),
                    quote(&display_url(r.raw), 80)
                ),
                r.raw.to_owned(),
            ));
            return;
        }
        let name = r.file_name.as_deref().unwrap_or(r.raw);
        if find_mojibake(name).is_some() {
            out.push((
                format!("{what}文件名有乱码: \"{}\"", quote(name, 60)),
                name.to_owned(),
            ));
            return;
        }
        if let (Some(ext), Some(list)) = (r.extension(), non_editable)
            && list.iter().any(|e| e.eq_ignore_ascii_case(ext))
        {
            out.push((
                format!(
                    "{what}不是可编辑格式（.{}）: \"{}\"",
                    ext.to_ascii_lowercase(),
                    quote(name, 60)
                ),
                name.to_owned(),
            ));
            return;
        }
        // A material without a name is M01's one problem: no name to compare the file with.
        if r.file_name.is_some()
            && !is_blank_or_placeholder(&material.name)
            && name_relates(name, &material.name) == Some(false)
        {
            out.push((
                format!(
                    "{what}文件名与材料名称不符: \"{}\"（材料为「{}」）",
                    quote(name, 60),
                    quote(&material.name, 30)
                ),
                name.to_owned(),
            ));
        }
    });
    if let Some(path) = local {
        out.insert(
            0,
            (
                format!(
                    "{what}链接{}: \"{}\"",
                    UrlProblem::LocalPath.describe_zh(),
                    quote(&path, 80)
                ),
                path,
            ),
        );
        return out;
    }
    if !any {
        return vec![(
            format!("{what}栏没有下载链接或文件名: \"{}\"", quote(value, 40)),
            value.to_owned(),
        )];
    }
    out
}

/// Joins the problems of one material into one finding.
pub fn one_finding(problems: Vec<(String, String)>) -> Option<Violation> {
    if problems.is_empty() {
        return None;
    }
    let (messages, evidence): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
    Some(Violation::new(messages.join("；"), evidence.join(" ")))
}
