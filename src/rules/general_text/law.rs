//! Laws, documents and articles: whether a text names a law or a document and cites an article.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) static LAW_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"《[^》]*\p{Han}[^》]*》",
        // A title in other marks (`<<…通知>>`, `〈…条例〉`, `「…」`, `“…”`) when it reads as a law
        // or document: ends in one of their words.
        r"|(?:<{1,2}|〈|‹|«|「|『|“|\x22)\s*\p{Han}{2}[^<>〈〉‹›«»「」『』“”\x22]{0,60}?",
        r"(?:法|条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|通知|决定|決定|意见|意見|批复|批覆|",
        r"复函|標準|标准|目录|目錄|公告|令)\s*(?:>{1,2}|〉|›|»|」|』|”|\x22)",
        r"|关于\p{Han}{2,40}?的(?:通知|决定|意见|批复|复函|公告)",
        r"|關於\p{Han}{2,40}?的(?:通知|決定|意見|批覆|復函|公告)",
        r"|中华人民共和国\p{Han}{2,30}?(?:法|条例)",
        r"|\p{Han}{1,8}(?:省|市|自治区)\p{Han}{2,30}?(?:条例|办法|规定|实施细则)",
        r"|(?:国务院|人民政府|办公厅|委员会|部|局|厅)关于\p{Han}{2,40}?的(?:决定|通知|意见|批复|规定)",
        r"|令\s*第\s*\d+\s*号|第\s*\d+\s*号令",
        r"|\p{Han}{2,12}(?:法|条例|办法|规定|细则)\s*第\s*[0-9一二三四五六七八九十百零〇两]+\s*条",
    ))
    .expect("law name pattern")
});

pub(super) static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    // ﹝﹞ (small brackets) and 〈〉 are frequent mis-typings of 〔〕; the old numbers put the
    // issuer's word after the year (`〔1992〕价费字240号`).
    Regex::new(concat!(
        r"[〔\[［(（【﹝〈]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞〉]",
        r"\s*(?:\p{Han}{1,4}字)?\s*第?\s*\d{1,5}\s*号",
    ))
    .expect("document number pattern")
});

pub(super) static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*[0-9一二三四五六七八九十百零〇两兩]+\s*[条款项條項]")
        .expect("article pattern")
});

/// Whether `text` names a law, regulation or document: a title in 《》 (or in other marks,
/// `<<…>>`, `〈…〉`, `「…」`, `“…”`, when it ends in a law's or document's word), a full law name
/// (`中华人民共和国…法`), a local regulation (`安徽省…条例`), a `关于…的通知` title (with or
/// without its issuer), an order number
/// (`令第17号`), a short law name directly followed by its article (`城乡规划法第四十条`), or a
/// document number with its year (`发改价格〔2019〕12号`).
pub fn names_law(text: &str) -> bool {
    let t = halfwidth_runs(text);
    // `按池州市相关规定` is no name; a title in 《》 or a document (`关于…有关问题的通知`) may
    // hold 有关.
    let named = LAW_NAME.find_iter(&t).any(|m| {
        let s = m.as_str();
        let document = s.starts_with('《') || s.contains("关于") || s.contains("關於");
        (document || !(s.contains("相关") || s.contains("有关"))) && !vague_title(s)
    });
    // A text that half-width leaves as it is was just searched.
    named || DOC_NUMBER.is_match(&t) || (matches!(t, Cow::Owned(_)) && DOC_NUMBER.is_match(text))
}

/// Words that name no one in particular: a title made of these and a document's word
/// (`“国家规定”`, `“上级规定”`, `“省里通知”`, `“市政府规定”`, `国家法律法规规定第三条`) names no
/// document. Stripped from the end of a title's subject, so a longer word comes before the
/// shorter word it ends in (`人民政府` before `政府`, `法律法规` before `法规`).
const VAGUE_SUBJECTS: &[&str] = &[
    "人民政府",
    "法律法规",
    "国家",
    "上级",
    "省里",
    "市里",
    "县里",
    "区里",
    "政府",
    "部门",
    "主管",
    "有关",
    "相关",
    "本级",
    "当地",
    "本地",
    "地方",
    "上面",
    "领导",
    "单位",
    "机关",
    "国务院",
    "中央",
    "法律",
    "法规",
    "规章",
    "政策",
    "文件",
    "省",
    "市",
    "县",
    "区",
    "的",
];

/// Words that lead into a basis, not part of a name (`按国家规定第三条`, `收费依据为上级规定`).
const LEAD_INS: &[&str] = &[
    "按照", "依照", "依据", "根据", "参照", "遵照", "执行", "按", "依", "据", "照", "为", "是",
    "系",
];

/// The words a title may end in (as in [`LAW_NAME`]), longest first.
const DOCUMENT_WORDS: &[&str] = &[
    "条例", "條例", "办法", "辦法", "规定", "規定", "细则", "細則", "规则", "規則", "通知", "决定",
    "決定", "意见", "意見", "批复", "批覆", "复函", "標準", "标准", "目录", "目錄", "公告", "法",
    "令",
];

/// Whether `s`, a match of [`LAW_NAME`], is a title whose words name no document: before its
/// document word stand only [`VAGUE_SUBJECTS`], after nothing or a lead-in ([`LEAD_INS`]) —
/// in marks other than 《》 (`按“国家规定”第三条`) or unquoted before an article
/// (`按国家规定第三条`, `按照规定第三条`, `按国家法律法规规定第三条`). A title in 《》, a
/// `关于…的通知`, an order number, or one whose subject names an issuer (`市场监管总局规定`,
/// `城乡规划法第40条`) is a name. Read only for a match, on the way to a name.
fn vague_title(s: &str) -> bool {
    if s.starts_with('《')
        || s.starts_with("中华人民共和国")
        || s.contains("关于")
        || s.contains("關於")
    {
        return false;
    }
    let quoted = s.starts_with(['<', '〈', '‹', '«', '「', '『', '“', '"']);
    // Unquoted: the name before its article (`按国家规定` of `按国家规定第三条`).
    let body = if !quoted && s.ends_with(['条', '款', '项', '條', '項']) {
        s.rfind('第').map_or(s, |at| &s[..at])
    } else {
        s
    };
    let inner: String = body.chars().filter(|c| is_han(*c)).collect();
    let Some(mut subject) = DOCUMENT_WORDS.iter().find_map(|w| inner.strip_suffix(w)) else {
        return false;
    };
    // Whether a vague word was stripped; `的` alone is no word of its own
    // (`禁止价格欺诈行为的规定` is a name).
    let mut stripped = false;
    while let Some((v, rest)) = VAGUE_SUBJECTS
        .iter()
        .find_map(|v| subject.strip_suffix(v).map(|r| (*v, r)))
    {
        stripped |= v != "的";
        subject = rest;
    }
    // With no vague word, a name may end in a lead-in's character (`价格违法行为规定`,
    // `禁止价格欺诈行为的规定`): only a lead-in of two characters, or one alone, then leads in
    // (`按照规定第三条`).
    subject.is_empty()
        || LEAD_INS
            .iter()
            .any(|l| subject.ends_with(l) && (stripped || l.chars().count() > 1 || subject == *l))
}

/// Whether `c` is a Han character of the CJK Unified Ideographs block.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// [`to_halfwidth`] read on the bytes: the characters it changes (U+3000, U+FF01–U+FF5E) start
/// with the byte `E3` or `EF`, which is never inside another character; the runs between them
/// are copied at once, and a text with nothing to change is not copied.
pub(super) fn halfwidth_runs(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr::memchr2(0xE3, 0xEF, b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::new();
    let mut run = 0;
    let mut i = first;
    while i < b.len() {
        if b[i] != 0xE3 && b[i] != 0xEF {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let half = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if half != c {
            if out.capacity() == 0 {
                out.reserve(s.len());
            }
            out.push_str(&s[run..i]);
            out.push(half);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    if run == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// Whether `text` cites an article, paragraph or item (`第三十五条`, `第2款`, `第（一）项` is
/// written `第一项` on platforms).
pub fn cites_article(text: &str) -> bool {
    ARTICLE.is_match(&halfwidth_runs(text))
}
