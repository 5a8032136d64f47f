//! File names: from `Content-Disposition` (RFC 5987, percent-encoded, raw GBK bytes) or the URL,
//! their extension, and whether a name relates to the material it is published for.

use crate::model::text::percent_decode;

/// The file name a `Content-Disposition` header gives (raw bytes: the name may be UTF-8, GBK, or
/// percent-encoded in either), decoded.
pub fn content_disposition_name(raw: &[u8]) -> Option<String> {
    let lower: Vec<u8> = raw.to_ascii_lowercase();
    // RFC 5987 first: filename*=UTF-8''%E7%94%B3...
    if let Some(i) = find_bytes(&lower, b"filename*=") {
        let v = param_value(&raw[i + 10..]);
        let (charset, encoded) = match v.iter().position(|&b| b == b'\'') {
            Some(q) => {
                let cs = String::from_utf8_lossy(&v[..q]).to_string();
                let after = &v[q + 1..];
                let enc = after
                    .iter()
                    .position(|&b| b == b'\'')
                    .map_or(after, |q2| &after[q2 + 1..]);
                (cs, enc.to_vec())
            }
            None => (String::new(), v),
        };
        let bytes = percent_decode(&encoded);
        let name = decode_name_bytes(&bytes, &charset);
        if !name.trim().is_empty() {
            return Some(name);
        }
    }
    let i = find_bytes(&lower, b"filename=")?;
    let v = param_value(&raw[i + 9..]);
    let bytes = if v.contains(&b'%') {
        percent_decode(&v)
    } else {
        v
    };
    let name = decode_name_bytes(&bytes, "");
    (!name.trim().is_empty()).then_some(name)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn param_value(v: &[u8]) -> Vec<u8> {
    let v = v.trim_ascii_start();
    if let Some(rest) = v.strip_prefix(b"\"") {
        let end = rest.iter().position(|&b| b == b'"').unwrap_or(rest.len());
        rest[..end].to_vec()
    } else {
        let end = v.iter().position(|&b| b == b';').unwrap_or(v.len());
        v[..end].trim_ascii_end().to_vec()
    }
}

/// Decodes a file name's bytes: the named charset, else UTF-8 when valid, else GB18030 (GBK).
pub fn decode_name_bytes(bytes: &[u8], charset: &str) -> String {
    if let Some(enc) = encoding_rs::Encoding::for_label(charset.trim().as_bytes())
        && enc != encoding_rs::UTF_8
    {
        return enc.decode(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// The last path segment of a URL, percent-decoded (UTF-8 or GBK), when it looks like a file name.
pub fn url_file_name(url: &url::Url) -> Option<String> {
    let seg = url.path_segments()?.next_back()?;
    if seg.is_empty() {
        return None;
    }
    let name = decode_name_bytes(&percent_decode(seg.as_bytes()), "");
    Some(name)
}

/// The extension of a file name, lower case, without the dot (`申请表.DOCX` → `docx`).
pub fn extension(name: &str) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.trim().to_ascii_lowercase();
    (!ext.is_empty() && ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(ext)
}

/// Two-character runs that many unrelated forms share (许可 in 食品经营许可申请表 and
/// 建设工程规划许可证申请表): on their own they do not make a file relate to a material.
const COMMON_PAIRS: &[&str] = &[
    "许可", "可证", "证明", "申请", "登记", "备案", "变更", "注销", "延续", "审核", "审查", "核准",
    "信息", "情况", "基本", "企业", "单位", "个人", "人员", "证书", "承诺", "声明", "授权", "委托",
    "托书", "有限", "公司", "办理", "事项", "服务", "管理", "业务", "资格", "资质",
];

/// Whether a file's name, title or first line relates to the material (or item) it is published
/// for: they share a two-character run once generic words (申请表, 样表 …) and runs common to
/// unrelated forms (许可, 登记 …) are removed. `None` when there is too little Chinese text on
/// either side to judge.
pub fn relates(names: &[&str], candidates: &[&str]) -> Option<bool> {
    const GENERIC: &[&str] = &[
        "申请表",
        "申请书",
        "登记表",
        "审批表",
        "申报表",
        "样表",
        "样本",
        "范本",
        "示例",
        "模板",
        "空白",
        "表格",
        "附件",
        "下载",
        "填写",
        "填报",
        "说明",
        "材料",
        "文件",
        "格式",
        "版",
    ];
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let mut s = s.to_owned();
        for g in GENERIC {
            s = s.replace(g, " ");
        }
        let mut out = Vec::new();
        for run in s.split(|c: char| !is_cjk(c)) {
            let cs: Vec<char> = run.chars().collect();
            out.extend(
                cs.windows(2)
                    .filter(|w| !COMMON_PAIRS.contains(&w.iter().collect::<String>().as_str()))
                    .map(|w| (w[0], w[1])),
            );
        }
        out
    };
    let wanted: Vec<(char, char)> = names.iter().flat_map(|n| bigrams(n)).collect();
    if wanted.is_empty() {
        return None;
    }
    let mut judged = false;
    for cand in candidates {
        let have = bigrams(cand);
        // A name made only of generic words (申请书.pdf) or without Chinese says nothing.
        if have.is_empty() {
            continue;
        }
        judged = true;
        if have.iter().any(|b| wanted.contains(b)) {
            return Some(true);
        }
    }
    judged.then_some(false)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::relates;

    /// 许可 is in half the forms of a platform: a planning permit's form is not a food licence's.
    #[test]
    fn a_word_common_to_many_forms_does_not_make_a_match() {
        assert_eq!(
            relates(&["食品经营许可申请表"], &["建设工程规划许可证申请表"]),
            Some(false)
        );
        assert_eq!(
            relates(&["食品经营许可申请表"], &["食品经营许可证申请表"]),
            Some(true)
        );
        // Only common words on the file's side: nothing to judge by.
        assert_eq!(relates(&["食品经营许可申请表"], &["许可证申请表"]), None);
    }
}
