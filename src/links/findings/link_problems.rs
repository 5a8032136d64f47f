//! What one link use says about its item: the link, the file's type, name and content.

use crate::links::collect::{LinkKind, LinkUse};
use crate::links::content::{self, FileType};
use crate::links::probe::{LinkCheck, LinkVerdict, NOT_ALLOWED, REFUSED, RELATIVE};
use crate::model::Severity;
use crate::model::text::{display_url, find_mojibake, quote};

/// One problem found through a link, before the item's identity is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// What is wrong, in Chinese, quoting the evidence.
    pub message: String,
    /// The evidence (URL, file name, masked number or garbled run).
    pub evidence: String,
    /// Error, or warning for what does not fail the rule.
    pub severity: Severity,
    /// How to fix it.
    pub suggestion: String,
    /// What of the link it is about (链接, 文件格式, 文件名, 内容, 个人信息, 宏代码): with the link's
    /// place, the finding's target. Two problems of one link, or a link problem and the rule's own
    /// finding on the same value, are then different problems to the history.
    pub aspect: &'static str,
}

pub(super) fn problem(
    aspect: &'static str,
    message: String,
    evidence: &str,
    severity: Severity,
    suggestion: &str,
) -> LinkProblem {
    LinkProblem {
        message,
        evidence: evidence.to_owned(),
        severity,
        suggestion: suggestion.to_owned(),
        aspect,
    }
}

/// What one link use says about its item.
pub fn problems(u: &LinkUse, check: &LinkCheck) -> Vec<LinkProblem> {
    use Severity::{Error, Warning};
    let label = u.kind.label_zh();
    // Messages show the URL readable (Chinese, not %E7%94%B3…); the evidence keeps it as checked,
    // so the finding's fingerprint does not change.
    let shown_url = display_url(&u.url);
    let fix_link = format!("重新上传{label}并更新链接，确保公众可以正常打开和下载");
    match check.verdict {
        LinkVerdict::Broken => {
            return vec![problem(
                "链接",
                format!("{label}链接失效（{}）: \"{shown_url}\"", check.reason),
                &u.url,
                Error,
                &fix_link,
            )];
        }
        LinkVerdict::Unverifiable if check.reason == RELATIVE => {
            return vec![problem(
                "链接",
                format!("{label}链接是相对地址，没有可用的平台网址，无法核实: \"{shown_url}\""),
                &u.url,
                Warning,
                "在导出中写完整的网址（以 http:// 或 https:// 开头）；核查时在配置 [links] base_url 中写明平台网址",
            )];
        }
        LinkVerdict::Unverifiable if check.reason.starts_with(REFUSED) => {
            // The file was received and is not dead: what it holds is not known.
            return vec![problem(
                "内容",
                format!("{label}{}: \"{shown_url}\"", check.reason),
                &u.url,
                Warning,
                "请人工下载后在安全的环境中打开核对；确是正常文件的，压缩其中的图片后重新上传",
            )];
        }
        LinkVerdict::Unverifiable => {
            // A host outside the configuration stays outside on the next run: not "暂时".
            let message = if check.reason.contains(NOT_ALLOWED) {
                format!("{label}链接未核实（{}）: \"{shown_url}\"", check.reason)
            } else {
                format!(
                    "{label}链接暂时无法核实（{}），下次检查将重试: \"{shown_url}\"",
                    check.reason
                )
            };
            return vec![problem(
                "链接",
                message,
                &u.url,
                Warning,
                "请人工打开链接确认；如确实无法访问，请重新上传并更新链接",
            )];
        }
        LinkVerdict::Ok => {}
    }
    let mut out = Vec::new();
    let Some(ins) = check.inspection.as_ref().filter(|_| u.kind.expects_file()) else {
        return out;
    };
    let name = check.file_name.clone().unwrap_or_else(|| u.url.clone());
    let shown = quote(&display_url(&name), 60);
    let ext = content::extension(&name);
    let form = u.kind == LinkKind::BlankForm;
    let strict = if form { Error } else { Warning };
    // A file cut at the download limit shows how it starts, not what it is: a zip container (as
    // every .docx and .xlsx is) or nothing recognised is not judged.
    let real_type = ins
        .real_type
        .filter(|r| !(check.partial && matches!(r, FileType::Zip | FileType::Unknown)));
    if check.partial && real_type.is_none() {
        // A cut file's size is what was received: the limit the run downloads at most.
        let limit = check.size.map(size_zh).unwrap_or_default();
        out.push(problem(
            "文件格式",
            format!(
                "{label}超过下载大小上限{limit}，只检查了开头部分，文件格式未能核实: \"{shown}\""
            ),
            &name,
            Warning,
            "请人工下载核对；表格和样表一般不超过几 MB，过大的请压缩其中的图片后重新上传",
        ));
    }
    // What the file really is; a page with its title, so a login or error page shows as one.
    let type_label = |real: FileType| match ins.title.as_deref().filter(|_| real == FileType::Html)
    {
        Some(t) => format!("网页（HTML，网页标题「{}」）", quote(t, 30)),
        None => real.label_zh().to_owned(),
    };
    // Where a redirect led (a sign-in page, a portal's home page), said with the page it shows.
    let led_to = check
        .final_url
        .as_deref()
        .map(|f| format!("，链接跳转到了 {}", quote(&display_url(f), 80)))
        .unwrap_or_default();
    if let Some(real) = real_type {
        let mut type_reported = false;
        // A page saved by Word or Excel under an old Office/WPS name (or none): Word, Excel and
        // WPS open and edit it as a document, so it is not a format error; better re-saved.
        let office_name = ext
            .as_deref()
            .is_none_or(|e| matches!(e, "doc" | "xls" | "wps" | "et" | "htm" | "html"));
        if real == FileType::Html
            && office_name
            && let Some(app) = ins.office_html.as_deref()
        {
            if form {
                let (what, better) = if app == "excel" {
                    ("Excel", ".xlsx")
                } else {
                    ("Word", ".docx")
                };
                out.push(problem(
                    "文件格式",
                    format!(
                        "空白表格是网页格式的 {what} 文件，Word、Excel、WPS 能打开编辑，建议另存为 {better}: \"{shown}\""
                    ),
                    &name,
                    Warning,
                    &format!("用 {what} 或 WPS 打开后另存为 {better} 格式，重新上传"),
                ));
            }
            type_reported = true;
        }
        if form && matches!(real, FileType::Pdf | FileType::Image) {
            out.push(problem(
                "文件格式",
                format!(
                    "空白表格不是可编辑格式（实际为{}）: \"{shown}\"",
                    real.label_zh()
                ),
                &name,
                Error,
                "上传可编辑的空白表格（.doc/.docx/.xls/.xlsx/.wps/.et），不要上传 PDF 或图片",
            ));
            type_reported = true;
        }
        if let Some(ext) = ext.as_deref().filter(|e| !real.fits_extension(e))
            && !type_reported
        {
            out.push(problem(
                "文件格式",
                format!(
                    "{label}扩展名为 .{ext}，实际内容是{}{}: \"{shown}\"",
                    type_label(real),
                    if real == FileType::Html {
                        led_to.as_str()
                    } else {
                        ""
                    }
                ),
                &name,
                strict,
                "上传真正的表格文件，文件内容应与扩展名一致",
            ));
            type_reported = true;
        }
        if let Some(ct) = check.content_type.as_deref()
            && !type_reported
            && content::fits_content_type(real, ct) == Some(false)
        {
            out.push(problem(
                "文件格式",
                format!(
                    "{label}的服务器声明类型为 {}，实际内容是{}: \"{shown}\"",
                    quote(ct, 60),
                    type_label(real)
                ),
                &name,
                strict,
                "上传真正的文件，并让服务器返回与文件一致的类型",
            ));
            type_reported = true;
        }
        if form && !type_reported && !check.partial {
            match real {
                FileType::Html => out.push(problem(
                    "链接",
                    format!(
                        "空白表格链接打开的是{}，不是可下载的表格{led_to}: \"{shown_url}\"",
                        type_label(real)
                    ),
                    &u.url,
                    Error,
                    "链接到可下载的空白表格文件（.doc/.docx/.xls/.xlsx）",
                )),
                FileType::Zip => out.push(problem(
                    "文件格式",
                    format!("空白表格是压缩包，不能直接编辑: \"{shown}\""),
                    &name,
                    Warning,
                    "直接上传可编辑的空白表格文件",
                )),
                FileType::Unknown => out.push(problem(
                    "文件格式",
                    format!("空白表格的文件类型无法识别: \"{shown}\""),
                    &name,
                    Error,
                    "上传可编辑的空白表格（.doc/.docx/.xls/.xlsx/.wps/.et）",
                )),
                _ => {}
            }
        }
    }
    if let Some(garbled) = find_mojibake(&name) {
        out.push(problem(
            "文件名",
            format!("{label}文件名有乱码: \"{garbled}\""),
            &name,
            strict,
            "用正确的中文文件名重新上传",
        ));
    }
    if let Some(garbled) = &ins.mojibake {
        // The run may span lines of the file: one line in a message and a spreadsheet cell.
        let garbled = &garbled.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(problem(
            "内容",
            format!("{label}内容有乱码: \"{garbled}\""),
            garbled,
            strict,
            "检查文件编码，重新制作并上传没有乱码的文件",
        ));
    }
    // A page (a sign-in or portal page, not a form saved by Word or Excel as a web page) has been
    // said to be one: its address and title are the page's, not a form's name to compare.
    let plain_page = real_type == Some(FileType::Html) && ins.office_html.is_none();
    if form && !plain_page {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let wanted: Vec<&str> = u
            .owner
            .iter()
            .map(String::as_str)
            .chain([u.item_name.as_str()])
            .collect();
        let candidates: Vec<&str> = [Some(stem), ins.title.as_deref(), ins.heading.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if content::relates(&wanted, &candidates) == Some(false) {
            out.push(problem(
                "内容",
                format!(
                    "空白表格与材料「{}」不符: \"{shown}\"",
                    u.owner.as_deref().unwrap_or_default().trim()
                ),
                &name,
                Error,
                "上传与该材料对应的空白表格",
            ));
        }
    }
    if matches!(u.kind, LinkKind::Sample | LinkKind::ResultSample) {
        for hit in &ins.personal {
            out.push(problem(
                "个人信息",
                format!("{label}中有未打码的{}: \"{}\"", hit.kind.label_zh(), hit.masked),
                &hit.masked,
                Error,
                "对样本中的身份证号码、手机号码等个人信息打码（如 3417**********1234、139****1234）后重新上传",
            ));
        }
        // A scanned or encrypted PDF opened, or a picture, but its text could not be checked:
        // a hint for whoever reviews it, not a fault of the file.
        let by_type = match real_type {
            Some(FileType::Image) => Some(content::NoText::Image),
            _ => None,
        };
        if let Some(why) = ins.no_text.or(by_type) {
            out.push(problem(
                "个人信息",
                format!(
                    "{label}{}，未能自动检查其中的个人信息: \"{shown}\"",
                    why.label_zh()
                ),
                &name,
                Warning,
                "请人工打开核对：样本中的身份证号码、手机号码等个人信息应已打码",
            ));
        }
    }
    if ins.macros {
        out.push(problem(
            "宏代码",
            format!("{label}含有宏代码（未运行），可能被安全软件拦截: \"{shown}\""),
            &name,
            Warning,
            "另存为不含宏的 .docx/.xlsx 后重新上传",
        ));
    }
    out
}

/// A download limit in words: `（20 MB）`, `（512 KB）`, in whole units as configured.
fn size_zh(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes >= MB {
        format!("（{} MB）", (bytes + MB / 2) / MB)
    } else if bytes >= KB {
        format!("（{} KB）", (bytes + KB / 2) / KB)
    } else {
        format!("（{bytes} 字节）")
    }
}
