//! Text helpers shared by the material, process, fee, intermediary, FAQ and general rules: finding
//! listed words with legitimate phrases masked out, finding and checking URLs, detecting a named
//! law or document and a cited article, and the similarity of two short texts. All are pure and
//! never panic on any input (see `tests/proptest_rest_parsers.rs`).
//!
//! Not here: phone numbers (`model::phone`), time limits (`model::time_limit`), mojibake
//! (`model::text::find_mojibake`).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::text::{any_byte_pair, to_halfwidth};

/// A character no published text contains, used to mask phrases before searching.
const MASK: char = '\u{2588}';

/// Replaces every occurrence of the `exceptions` in `text` by mask characters, so that a listed
/// word inside a legitimate phrase is not found. Longer phrases are masked first.
pub fn mask_phrases(text: &str, exceptions: &[String]) -> String {
    let mut out = text.to_owned();
    let mut sorted: Vec<&String> = exceptions.iter().filter(|e| !e.is_empty()).collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
    for e in sorted {
        if out.contains(e.as_str()) {
            let mask: String = std::iter::repeat_n(MASK, e.chars().count()).collect();
            out = out.replace(e.as_str(), &mask);
        }
    }
    out
}

/// The first of `words` (in list order) found in `text` once the `exceptions` are masked.
pub fn first_listed_word<'w>(
    text: &str,
    words: &'w [String],
    exceptions: &[String],
) -> Option<&'w str> {
    let masked = mask_phrases(text, exceptions);
    words
        .iter()
        .filter(|w| !w.is_empty())
        .find(|w| masked.contains(w.as_str()))
        .map(String::as_str)
}

/// Whether any of `words` occurs in `text`.
pub fn contains_any(text: &str, words: &[String]) -> bool {
    words
        .iter()
        .any(|w| !w.is_empty() && text.contains(w.as_str()))
}

/// Placeholders that refer elsewhere instead of saying something.
pub fn is_referral(text: &str) -> bool {
    let t = text.trim();
    matches!(
        t,
        "详见附件" | "见附件" | "见上" | "同上" | "略" | "待定" | "待补充" | "详见" | "见下"
    ) || (t.starts_with("详见") && t.chars().count() <= 12)
}

// ---------------------------------------------------------------------------------------------
// URLs

static URL_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let stop = r#"[^\s,;"'<>《》()\[\]{}，；、。！？“”‘’（）【】]"#;
    Regex::new(&format!(
        r"(?i)(?:(?-u:\b)(?:(?:https?|htps?|ttps?|hhttps?)\s*(?:[:：]\s*[/／\\]{{1,3}}|[/／]{{2}})|(?:ftp|file)[:：][/\\]{{1,3}}){stop}*|(?-u:\b)www[.。]{stop}+|(?-u:\b)[a-z]:\\{stop}+|\\\\{stop}+)"
    ))
    .expect("URL candidate pattern")
});

/// Every piece of `text` that is, or was meant to be, a link: `http(s)://…`, mistyped schemes
/// (`htp://`, `http//`, `http：//`), `www.…` without a scheme, and local paths (`C:\…`, `\\server`).
/// Trailing sentence punctuation is not part of a link.
pub fn find_urls(text: &str) -> Vec<String> {
    if !may_hold_url(text) {
        return Vec::new();
    }
    if let Some(link) = sole_link(text) {
        return vec![link.to_owned()];
    }
    URL_CANDIDATE
        .find_iter(text)
        .map(|m| {
            m.as_str()
                .trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？'])
                .to_owned()
        })
        .filter(|s| s.chars().count() > 4)
        .collect()
}

/// A necessary condition for [`URL_CANDIDATE`] to match, tested on the bytes: every
/// alternative needs `tp` (`http`, `htp`, `ttp`, `ftp`), `ww`, `fi` (`file`) or a backslash, in
/// either case (under `(?i)` these letters fold to nothing outside ASCII). Most element texts
/// have none, and the regex was the cost of G03.
#[allow(clippy::needless_bitwise_bool)] // branch-free, see `any_byte_pair`
fn may_hold_url(text: &str) -> bool {
    // `| 0x20` folds ASCII upper case to lower case and maps no other byte to t, p, w, f or i.
    any_byte_pair(text, |x, y| {
        let (x, lower_x, lower_y) = (x, x | 0x20, y | 0x20);
        ((lower_x == b't') & (lower_y == b'p'))
            | ((lower_x == b'w') & (lower_y == b'w'))
            | ((lower_x == b'f') & (lower_y == b'i'))
            | (x == b'\\')
    })
}

/// The characters that end a link in [`URL_CANDIDATE`] (its `stop` class, negated).
fn ends_link(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | '"'
                | '\''
                | '<'
                | '>'
                | '《'
                | '》'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '，'
                | '；'
                | '、'
                | '。'
                | '！'
                | '？'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '【'
                | '】'
        )
}

/// What [`find_urls`] returns for a text that is a single `http(s)://` link and nothing else
/// (the usual 在线办理地址), found without the regex: the scheme alternative matches at the start
/// and its greedy tail takes every character up to the end, so the match is the whole text.
fn sole_link(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let scheme = [&b"http://"[..], b"https://"]
        .iter()
        .any(|s| b.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s)));
    if !scheme || text.chars().any(ends_link) {
        return None;
    }
    let link = text.trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？']);
    (link.chars().count() > 4).then_some(link)
}

/// What is wrong with a link, found without fetching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// A path on someone's computer or a file share (`C:\…`, `\\server\…`, `file://`).
    LocalPath,
    /// Full-width characters in the scheme or host (`http：//`, `ｗｗｗ`).
    FullWidth,
    /// No scheme (`www.…`).
    MissingScheme,
    /// A scheme other than `http://` / `https://`, or a mistyped one (`htp://`, `http//`).
    BadScheme,
    /// The text cannot be parsed as a URL; the reason from the parser.
    Unparsable(String),
    /// An address only reachable inside a government network (`localhost`, `10.…`, `192.168.…`,
    /// a host name without a dot).
    Intranet(String),
}

impl UrlProblem {
    /// What is wrong, in Chinese, for a finding.
    pub fn describe_zh(&self) -> String {
        match self {
            UrlProblem::LocalPath => "是本机或内部共享文件路径，公众无法打开".to_owned(),
            UrlProblem::FullWidth => "含有全角字符".to_owned(),
            UrlProblem::MissingScheme => "缺少 http:// 或 https://".to_owned(),
            UrlProblem::BadScheme => "协议头错误（应为 http:// 或 https://）".to_owned(),
            UrlProblem::Unparsable(r) => format!("格式错误（{r}）"),
            UrlProblem::Intranet(h) => format!("指向内网地址 {h}，公众无法访问"),
        }
    }
}

fn is_intranet_host(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Ipv4(ip) => ip.is_private() || ip.is_loopback() || ip.is_link_local(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
        url::Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            d.eq_ignore_ascii_case("localhost") || !d.contains('.')
        }
    }
}

/// Checks one link as written; `Ok(())` when it is a well-formed public `http(s)` URL.
pub fn check_url(link: &str) -> Result<(), UrlProblem> {
    let t = link.trim();
    if starts_with_ignore_ascii_case(t, "file:")
        || t.starts_with("\\\\")
        || t.as_bytes().get(1) == Some(&b':') && t.as_bytes().get(2) == Some(&b'\\')
    {
        return Err(UrlProblem::LocalPath);
    }
    // The scheme and host: everything before the third `/` or `／`.
    let authority = t
        .split_inclusive(['/', '／'])
        .take(3)
        .flat_map(str::chars)
        .filter(|&c| c != '/' && c != '／');
    for c in authority {
        if ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '。' || c == '\u{3000}' {
            return Err(UrlProblem::FullWidth);
        }
    }
    if starts_with_ignore_ascii_case(t, "www.") {
        return Err(UrlProblem::MissingScheme);
    }
    let rest = if starts_with_ignore_ascii_case(t, "http://") {
        &t[7..]
    } else if starts_with_ignore_ascii_case(t, "https://") {
        &t[8..]
    } else {
        return Err(UrlProblem::BadScheme);
    };
    if has_plain_public_host(rest) {
        return Ok(());
    }
    let parsed = url::Url::parse(t).map_err(|e| UrlProblem::Unparsable(e.to_string()))?;
    match parsed.host() {
        None => Err(UrlProblem::Unparsable("缺少主机名".to_owned())),
        Some(h) if is_intranet_host(&h) => Err(UrlProblem::Intranet(h.to_string())),
        Some(_) => Ok(()),
    }
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether the part of an `http(s)://` link after the `//` starts with a host that the URL
/// parser surely accepts as a public domain name — labels of ASCII letters, digits and inner
/// single hyphens (no `xn--`), at least two of them, the last all letters (so not an IPv4
/// address) — followed by the path, query or fragment, which never fail to parse. Nearly every
/// published link is like this; parsing it (IDNA, percent-encoding the path) was most of
/// [`check_url`]'s cost. Anything else (ports, user names, `%`, non-ASCII hosts) is parsed.
fn has_plain_public_host(after_scheme: &str) -> bool {
    let end = after_scheme
        .find(['/', '?', '#', '\\'])
        .unwrap_or(after_scheme.len());
    let host = &after_scheme[..end];
    let mut labels = 0;
    let mut last_all_letters = false;
    for label in host.split('.') {
        let b = label.as_bytes();
        let plain = !b.is_empty()
            && b.len() <= 63
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
            && !label.contains("--");
        if !plain {
            return false;
        }
        labels += 1;
        last_all_letters = b.iter().all(u8::is_ascii_alphabetic);
    }
    labels >= 2 && last_all_letters
}

/// Decodes `%XX` escapes; bytes that are not UTF-8 (a GBK file name escaped as bytes) become
/// U+FFFD, which [`crate::model::text::find_mojibake`] then reports.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Laws, documents and articles

static LAW_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"《[^》]*\p{Han}[^》]*》",
        r"|中华人民共和国\p{Han}{2,30}?(?:法|条例)",
        r"|\p{Han}{1,8}(?:省|市|自治区)\p{Han}{2,30}?(?:条例|办法|规定|实施细则)",
        r"|(?:国务院|人民政府|办公厅|委员会|部|局|厅)关于\p{Han}{2,40}?的(?:决定|通知|意见|批复|规定)",
        r"|令\s*第\s*\d+\s*号|第\s*\d+\s*号令",
        r"|\p{Han}{2,12}(?:法|条例|办法|规定|细则)\s*第\s*[0-9一二三四五六七八九十百零〇两]+\s*条",
    ))
    .expect("law name pattern")
});

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号")
        .expect("document number pattern")
});

static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*[0-9一二三四五六七八九十百零〇两]+\s*[条款项]").expect("article pattern")
});

/// Whether `text` names a law, regulation or document: a title in 《》, a full law name
/// (`中华人民共和国…法`), a local regulation (`安徽省…条例`), a `关于…的通知` title, an order number
/// (`令第17号`), a short law name directly followed by its article (`城乡规划法第四十条`), or a
/// document number with its year (`发改价格〔2019〕12号`).
pub fn names_law(text: &str) -> bool {
    let t = to_halfwidth(text);
    let named = LAW_NAME.find_iter(&t).any(|m| {
        let s = m.as_str();
        s.starts_with('《') || !(s.contains("相关") || s.contains("有关"))
    });
    named || DOC_NUMBER.is_match(&t) || DOC_NUMBER.is_match(text)
}

/// Whether `text` cites an article, paragraph or item (`第三十五条`, `第2款`, `第（一）项` is
/// written `第一项` on platforms).
pub fn cites_article(text: &str) -> bool {
    ARTICLE.is_match(&to_halfwidth(text))
}

// ---------------------------------------------------------------------------------------------
// Similarity

/// Normalises a short text for comparing: half-width, lower case, letters, digits and Han
/// characters only, without a leading number or `问`/`Q` label (`1、`, `问题2：`, `Q3.`).
pub fn normalize_for_compare(s: &str) -> String {
    let kept: String = to_halfwidth(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut rest = kept.as_str();
    for prefix in ["问题", "问", "q"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                rest = r;
            }
            break;
        }
    }
    rest.trim_start_matches(|c: char| c.is_ascii_digit())
        .to_owned()
}

/// Question words and particles that do not change what is asked (`如何`/`怎么`, `的`, `吗`).
const STOPWORDS: &[&str] = &[
    "请问",
    "能不能",
    "能否",
    "是否",
    "如何",
    "怎么",
    "怎样",
    "什么",
    "哪些",
    "多少",
    "需要",
    "可以",
    "办理",
    "的",
    "是",
    "吗",
    "呢",
    "了",
    "么",
    "啊",
];

/// [`normalize_for_compare`] without question words and particles: what [`similarity`] compares.
pub fn without_stopwords(s: &str) -> String {
    let mut out = normalize_for_compare(s);
    for w in STOPWORDS {
        // Only allocate when there is something to remove (most words are absent).
        if out.contains(w) {
            out = out.replace(w, "");
        }
    }
    out
}

/// Similarity of two texts as the Dice coefficient of their character bigrams, after
/// [`normalize_for_compare`] and without question words and particles (`如何`, `的`, `吗`):
/// 1.0 for the same text, 0.0 for nothing in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    Bigrams::of(&without_stopwords(a)).dice(&Bigrams::of(&without_stopwords(b)))
}

/// A text's character bigrams, sorted, for the Dice coefficient: prepared once per text, then
/// compared with many by a merge (no hashing, no allocation per comparison).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bigrams {
    chars: usize,
    /// The text itself when it has fewer than two characters (compared for equality).
    short: String,
    pairs: Vec<(char, char)>,
}

impl Bigrams {
    /// The bigrams of a text already through [`without_stopwords`].
    pub fn of(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        let short = if chars.len() < 2 {
            text.to_owned()
        } else {
            String::new()
        };
        Self {
            chars: chars.len(),
            short,
            pairs,
        }
    }

    /// The Dice coefficient of the two texts' bigram multisets: what [`similarity`] computes.
    pub fn dice(&self, other: &Bigrams) -> f64 {
        if self.chars == 0 && other.chars == 0 {
            return 1.0;
        }
        if self.chars < 2 || other.chars < 2 {
            return if self.chars == other.chars && self.short == other.short {
                1.0
            } else {
                0.0
            };
        }
        let (a, b) = (&self.pairs, &other.pairs);
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }
}

/// Fillers that carry no content in an answer.
const FILLERS: &[&str] = &[
    "请",
    "您",
    "可以",
    "可",
    "到",
    "向",
    "具体",
    "工作人员",
    "相关",
    "有关",
    "事宜",
    "问题",
    "情况",
    "办理",
    "拨打",
    "电话",
    "进行",
    "为准",
    "的",
    "本",
    "事项",
];

/// Whether an answer says nothing beyond a referral (`详见办事指南`, `请咨询窗口工作人员`).
pub fn is_non_answer(answer: &str, phrases: &[String]) -> bool {
    NonAnswers::new(phrases).matches(answer)
}

/// The configured non-answer phrases, normalised and longest first: prepared once per item.
#[derive(Debug, Clone)]
pub struct NonAnswers(Vec<String>);

impl NonAnswers {
    /// Prepares the phrases (`[check] faq_non_answer_phrases`).
    pub fn new(phrases: &[String]) -> Self {
        let mut sorted: Vec<String> = phrases
            .iter()
            .map(|p| normalize_for_compare(p))
            .filter(|p| !p.is_empty())
            .collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        Self(sorted)
    }

    /// Whether `answer` is only a referral: once the phrases and fillers are taken out, fewer than
    /// six characters are left.
    pub fn matches(&self, answer: &str) -> bool {
        let norm = normalize_for_compare(answer);
        if !self.0.iter().any(|p| norm.contains(p.as_str())) {
            return false;
        }
        let mut rest = norm;
        for p in &self.0 {
            if rest.contains(p.as_str()) {
                rest = rest.replace(p.as_str(), "");
            }
        }
        for f in FILLERS {
            if rest.contains(f) {
                rest = rest.replace(f, "");
            }
        }
        rest.chars().count() < 6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn masked_words_are_not_found() {
        let words = v(&["及其他", "副本"]);
        let exc = v(&["其他组织", "执照副本"]);
        assert_eq!(
            first_listed_word("法人及其他组织登记证书", &words, &exc),
            None
        );
        assert_eq!(first_listed_word("营业执照副本", &words, &exc), None);
        assert_eq!(
            first_listed_word("身份证及其他证明", &words, &exc),
            Some("及其他")
        );
        assert_eq!(first_listed_word("申请书副本", &words, &exc), Some("副本"));
    }

    #[test]
    fn urls_are_found_and_checked() {
        let found =
            find_urls("下载：http://www.ahzwfw.gov.cn/file/申请表.docx。另见 www.czzwfw.gov.cn");
        assert_eq!(
            found,
            vec![
                "http://www.ahzwfw.gov.cn/file/申请表.docx".to_owned(),
                "www.czzwfw.gov.cn".to_owned()
            ]
        );
        assert_eq!(check_url(&found[0]), Ok(()));
        assert_eq!(check_url(&found[1]), Err(UrlProblem::MissingScheme));
        assert_eq!(
            check_url("htp://www.ahzwfw.gov.cn"),
            Err(UrlProblem::BadScheme)
        );
        assert_eq!(
            check_url("http//www.ahzwfw.gov.cn"),
            Err(UrlProblem::BadScheme)
        );
        assert_eq!(
            check_url("http：//www.ahzwfw.gov.cn"),
            Err(UrlProblem::FullWidth)
        );
        assert_eq!(
            check_url(r"C:\Users\admin\Desktop\申请表.doc"),
            Err(UrlProblem::LocalPath)
        );
        assert!(matches!(
            check_url("http://192.168.1.20:8080/zwfw/download?id=3"),
            Err(UrlProblem::Intranet(_))
        ));
        assert!(matches!(
            check_url("http://zwfwserver/file.doc"),
            Err(UrlProblem::Intranet(_))
        ));
        assert_eq!(
            check_url("https://www.ahzwfw.gov.cn/bog-bsdt/static/a.docx?x=1"),
            Ok(())
        );
        assert_eq!(
            find_urls(r"见C:\Users\admin\申请表.doc"),
            vec![r"C:\Users\admin\申请表.doc".to_owned()]
        );
    }

    #[test]
    fn plain_hosts_are_what_the_parser_accepts() {
        for link in [
            "http://www.ahzwfw.gov.cn",
            "HTTPS://WWW.AHZWFW.GOV.CN/a/申请表.docx?x=1#y",
            "https://a-b.gov.cn\\x",
            "http://123.com/",
            "http://192.168.1.20/x",
            "http://10.0.0.1",
            "http://1.2.3",
            "http://zwfwserver/file.doc",
            "http://a..com",
            "http://a.com.",
            "http://-a.com",
            "http://xn--abc.com",
            "http://a.com:8080/x",
            "http://user@a.com",
            "http://a%41.com",
            "http://ａ.com",
            "http://a.c0m",
            "http:///a.com",
        ] {
            let rest = link.split_once("//").unwrap().1;
            if has_plain_public_host(rest) {
                let parsed = url::Url::parse(link).unwrap();
                let host = parsed.host().unwrap();
                assert!(!is_intranet_host(&host), "{link}");
            }
        }
        assert!(has_plain_public_host("www.ahzwfw.gov.cn/x"));
        assert!(!has_plain_public_host("192.168.1.20/x"));
        assert!(!has_plain_public_host("zwfwserver/file.doc"));
    }

    #[test]
    fn url_precheck_lets_every_candidate_through() {
        for text in [
            "见http://a.cn",
            "HTP://a.cn",
            "ttps://a.cn",
            "FTP://a",
            "FILE:/a",
            "WWW。a.cn",
            r"见C:\Users\a.doc",
            r"\\server\a.doc",
        ] {
            assert!(may_hold_url(text), "{text}");
            assert!(!find_urls(text).is_empty(), "{text}");
        }
        assert!(!may_hold_url("申请人应当具有完全民事行为能力（2023版）"));
        for text in [
            "https://www.ahzwfw.gov.cn/bog-bsdt/static/guide/00000000.html",
            "HTTP://www.ahzwfw.gov.cn/申请表.docx?x=1.",
            "http://www.ahzwfw.gov.cn/a，http://b.cn",
            "http://www.ahzwfw.gov.cn/a http://b.cn",
            "http://",
        ] {
            let by_regex: Vec<String> = URL_CANDIDATE
                .find_iter(text)
                .map(|m| {
                    m.as_str()
                        .trim_end_matches(['.', '。', ':', '：', '!', '！', '?', '？'])
                        .to_owned()
                })
                .filter(|s| s.chars().count() > 4)
                .collect();
            assert_eq!(find_urls(text), by_regex, "{text}");
        }
        assert_eq!(sole_link("http://a.cn/x"), Some("http://a.cn/x"));
        assert_eq!(sole_link("http://a.cn/x，见"), None);
    }

    #[test]
    fn percent_decoding_keeps_utf8_and_flags_gbk() {
        assert_eq!(
            percent_decode_lossy("%E7%94%B3%E8%AF%B7%E8%A1%A8.docx"),
            "申请表.docx"
        );
        assert!(percent_decode_lossy("%C9%EA%C7%EB%B1%ED.doc").contains('\u{fffd}'));
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode_lossy("%E"), "%E");
    }

    #[test]
    fn laws_and_articles() {
        assert!(names_law("《中华人民共和国食品安全法》第三十五条"));
        assert!(names_law("中华人民共和国行政许可法 第二十九条"));
        assert!(names_law(
            "安徽省物价局关于规范不动产登记收费的通知（皖价服〔2017〕8号）"
        ));
        assert!(names_law("财税〔2016〕79号"));
        assert!(names_law("国家市场监督管理总局令第17号"));
        assert!(!names_law("按国家有关规定执行"));
        assert!(!names_law("依法办理"));
        assert!(!names_law("按池州市相关规定办理"));
        assert!(names_law("城乡规划法第40条"));
        assert!(!names_law("按相关规定第三条"));
        assert!(!names_law("按规定第三条"));
        assert!(!names_law("第三条"));
        assert!(cites_article("第三十五条"));
        assert!(cites_article("第2款"));
        assert!(!cites_article("《食品安全法》"));
    }

    #[test]
    fn non_answers() {
        let phrases = v(&["详见办事指南", "咨询窗口", "请咨询"]);
        assert!(is_non_answer("详见办事指南。", &phrases));
        assert!(is_non_answer("请咨询窗口工作人员", &phrases));
        assert!(!is_non_answer(
            "请携带身份证原件到窗口办理，详见办事指南",
            &phrases
        ));
        assert!(!is_non_answer("有效期为5年", &phrases));
    }

    #[test]
    fn similar_questions() {
        assert!(
            (similarity("1、如何办理食品经营许可？", "如何办理食品经营许可") - 1.0).abs() < 1e-9
        );
        assert!(
            similarity(
                "食品经营许可证有效期多久？",
                "食品经营许可证的有效期是多久？"
            ) > 0.8
        );
        assert!(similarity("办理需要多长时间？", "可以委托他人办理吗？") < 0.5);
        assert!(
            similarity(
                "办理食品经营许可需要哪些材料？",
                "办理食品经营许可需要多长时间？"
            ) < 0.8
        );
        assert!(similarity("怎么申请食品经营许可？", "如何申请食品经营许可") > 0.99);
        assert!((similarity("", "") - 1.0).abs() < 1e-9);
        assert!(similarity("a", "") < 0.5);
    }
}
