//! The local server the link tests (and the throughput example) fetch from: 127.0.0.1 on a port
//! the OS picks, serving files built in memory, and logging every request it answers.

#![allow(dead_code)]

pub mod doc;
pub mod pdf;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    /// Decoded path, with `?query` when there is one.
    pub path: String,
    /// Whether it carried If-None-Match or If-Modified-Since.
    pub conditional: bool,
    pub status: u16,
    /// When the server started answering it.
    pub at: std::time::Instant,
    /// The Range header, when there was one.
    pub range: Option<String>,
}

struct Shared {
    files: &'static HashMap<&'static str, Vec<u8>>,
    log: Mutex<Vec<Req>>,
    hits: Mutex<HashMap<String, u32>>,
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

/// Built once per test binary: the bomb alone takes a while in a debug build.
static FILES: std::sync::OnceLock<HashMap<&'static str, Vec<u8>>> = std::sync::OnceLock::new();

const LAST_MODIFIED: &str = "Wed, 01 Nov 2023 08:00:00 GMT";

pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A .docx with a title and one paragraph per line.
pub fn docx(title: &str, text: &str) -> Vec<u8> {
    let paras = text.lines().fold(String::new(), |mut s, l| {
        let _ = write!(
            s,
            "<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"
        );
        s
    });
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{paras}</w:body></w:document>"
    );
    let core = format!(
        "<?xml version=\"1.0\"?><cp:coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title></cp:coreProperties>"
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", doc.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

/// A .docx whose document part inflates to 65 MiB of zeros from a few hundred KiB: past the
/// 64 MiB the link check inflates at most, in the part it reads.
pub fn bomb_docx() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![0u8; 1024 * 1024];
    for _ in 0..65 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn xlsx_form() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "食品经营许可申请书").unwrap();
    for (i, h) in ["申请人名称", "统一社会信用代码", "经营场所", "联系电话"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, i as u16, *h).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

fn files() -> HashMap<&'static str, Vec<u8>> {
    let material = "食品经营许可申请书";
    let form = docx(
        material,
        &format!("{material}\n申请人名称：\n经营场所：\n联系电话："),
    );
    let good = form.clone();
    let mut m = HashMap::new();
    m.insert("/forms/food.docx", form.clone());
    m.insert("/forms/food.xlsx", xlsx_form());
    m.insert("/forms/食品经营许可申请书 (2024版).docx", form.clone());
    m.insert("/forms/申请书.pdf", PDF.to_vec());
    m.insert(
        "/forms/garbled.docx",
        docx(material, "ç”³è¯·è¡¨\n申请人锟斤拷锟斤拷名称"),
    );
    m.insert(
        "/samples/unmasked.docx",
        docx(
            "食品经营许可申请书（样表）",
            "食品经营许可申请书（样表）\n申请人：张三\n身份证号：11010519491231002X\n联系电话：13905661234",
        ),
    );
    m.insert(
        "/samples/masked.docx",
        docx(
            "食品经营许可申请书（样表）",
            "食品经营许可申请书（样表）\n申请人：张三\n身份证号：3417**********1234\n联系电话：139****1234",
        ),
    );
    m.insert(
        "/result/licence.docx",
        docx(
            "食品经营许可证（样本）",
            "食品经营许可证\n经营者名称：池州市某某餐饮店\n法定代表人：李四 11010519491231002X",
        ),
    );
    // A result sample published as PDF (Word's layout: object streams, a CID font with a
    // ToUnicode map): the legal representative's ID number shows in full. And a scanned one.
    m.insert(
        "/result/营业执照.pdf",
        pdf::text_pdf(
            &[
                "营业执照",
                "名称：池州市某某餐饮有限公司",
                "法定代表人：张三 身份证号：110101199003078515",
            ],
            pdf::Layout::Modern,
        ),
    );
    m.insert("/result/扫描件.pdf", pdf::scan_pdf());
    // And one saved by WPS as a Word 97–2003 document: the number is in a narrow piece.
    m.insert(
        "/result/营业执照（样本）.doc",
        doc::word_doc(
            &[
                doc::Piece::Wide(
                    "营业执照\r名称：池州市某某餐饮有限公司\r法定代表人：李四 身份证号：",
                ),
                doc::Piece::Narrow("11010519491231002X\r"),
            ],
            false,
        ),
    );
    // And one saved by Excel 97–2003 (`fixtures/attachments/make_xls.py`): the ID number in a
    // text cell, the mobile number in a number cell.
    m.insert(
        "/result/营业执照（样本）.xls",
        include_bytes!("../../fixtures/attachments/sample-licence.xls").to_vec(),
    );
    // And one in rich text saved under .doc, as WPS does: GBK bytes under \ansicpg936.
    m.insert("/result/个体工商户营业执照（样本）.doc", rtf_sample());
    m.insert("/forms/bomb.docx", bomb_docx());
    m.insert("/forms/empty.docx", Vec::new());
    m.insert("/forms/cut.docx", good[..good.len() / 2].to_vec());
    m.insert(
        "/forms/report.docx",
        docx("个体工商户年度报告", "个体工商户年度报告书\n经营者姓名："),
    );
    m.insert("/download?id=7", form);
    m
}

fn etag(body: &[u8]) -> String {
    use sha2::Digest;
    let h = sha2::Sha256::digest(body);
    format!("\"{:02x}{:02x}{:02x}{:02x}\"", h[0], h[1], h[2], h[3])
}

fn html(status: StatusCode, body: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn redirect(code: u16, to: &str) -> Response {
    Response::builder()
        .status(code)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap()
}

fn file(body: &[u8], headers: &HeaderMap, content_type: &str) -> Response {
    let tag = etag(body);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(tag.as_str())
    {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .header(header::ETAG, tag)
            .body(Body::empty())
            .unwrap();
    }
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ETAG, tag)
        .header(header::LAST_MODIFIED, LAST_MODIFIED)
        .body(Body::from(body.to_vec()))
        .unwrap()
}

fn decode(s: &str) -> String {
    String::from_utf8(zwfw_audit::model::text::percent_decode(s.as_bytes())).unwrap()
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut path = decode(uri.path());
    if let Some(q) = uri.query() {
        path = format!("{path}?{q}");
    }
    let at = std::time::Instant::now();
    let hit = {
        let mut hits = shared.hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let conditional = headers.contains_key(header::IF_NONE_MATCH)
        || headers.contains_key(header::IF_MODIFIED_SINCE);
    let resp = if path == "/nohead.docx" && method == Method::HEAD {
        html(StatusCode::METHOD_NOT_ALLOWED, "")
    } else {
        route(&shared, &path, hit, &headers).await
    };
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    shared.log.lock().unwrap().push(Req {
        method: method.to_string(),
        path,
        conditional,
        status: resp.status().as_u16(),
        at,
        range,
    });
    resp
}

async fn route(shared: &Shared, path: &str, hit: u32, headers: &HeaderMap) -> Response {
    let ct_docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    match path {
        "/missing.docx" => html(StatusCode::NOT_FOUND, "<h1>Not Found</h1>"),
        "/soft404.docx" | "/agencies-gone" => html(
            StatusCode::OK,
            "<html><head><title>404 页面不存在</title></head><body><p>对不起，您访问的页面不存在或已被删除。</p></body></html>",
        ),
        "/forbidden.docx" => html(StatusCode::FORBIDDEN, "<h1>403 Forbidden</h1>"),
        "/broken-server.docx" => html(StatusCode::INTERNAL_SERVER_ERROR, "<h1>500</h1>"),
        "/busy.docx" if hit == 1 => Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header(header::RETRY_AFTER, "1")
            .body(Body::empty())
            .unwrap(),
        // Missing on the first request, uploaded since.
        "/appears.docx" if hit == 1 => html(StatusCode::NOT_FOUND, "<h1>Not Found</h1>"),
        // A PDF blank form on the first request, replaced by the .docx at the same address since.
        "/replaced.docx" if hit == 1 => file(
            &shared.files["/forms/申请书.pdf"],
            headers,
            "application/pdf",
        ),
        "/nohead.docx" | "/busy.docx" | "/appears.docx" | "/replaced.docx" => {
            file(&shared.files["/forms/food.docx"], headers, ct_docx)
        }
        "/slow.docx" => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            file(&shared.files["/forms/food.docx"], headers, ct_docx)
        }
        "/r1" => redirect(302, "/r2"),
        "/r2" => redirect(301, "/r3"),
        "/r3" => redirect(307, "/forms/food.docx"),
        // A redirect to a host the configuration does not allow (never contacted: `.invalid`).
        "/off-host.docx" => redirect(302, "http://files.example.invalid/%E8%A1%A8%E6%A0%BC.docx"),
        // A Location with raw Chinese, UTF-8 or GBK (as some servers send it), which browsers
        // follow.
        "/utf8-location.docx" | "/gbk-location.docx" => {
            let target = "/forms/食品经营许可申请书 (2024版).docx";
            let bytes = if path == "/gbk-location.docx" {
                encoding_rs::GBK.encode(target).0.into_owned()
            } else {
                target.as_bytes().to_vec()
            };
            Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, HeaderValue::from_bytes(&bytes).unwrap())
                .body(Body::empty())
                .unwrap()
        }
        "/loop-a" => redirect(302, "/loop-b"),
        "/loop-b" => redirect(302, "/loop-a"),
        "/forms/fake.doc" | "/get?file=8" => {
            let page = "<!DOCTYPE html><html><head><title>食品经营许可申请书</title></head><body><table><tr><td>申请人名称</td><td></td></tr><tr><td>经营场所</td><td></td></tr></table></body></html>";
            file(page.as_bytes(), headers, "application/msword")
        }
        // A form saved by Word as a web page and published as .doc (Word and WPS edit it).
        "/forms/word-page.doc" => {
            let page = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\"><head><meta name=ProgId content=Word.Document><title>食品经营许可申请书</title></head><body><p>食品经营许可申请书</p><table><tr><td>申请人名称</td><td></td></tr></table></body></html>";
            file(page.as_bytes(), headers, "application/msword")
        }
        // The site's firewall turning the tool away with a page served as 200 (安全狗 words).
        "/forms/waf.docx" => html(
            StatusCode::OK,
            "<html><head><title>网站防火墙</title></head><body><h3>您的请求带有不合法参数，已被网站管理员设置拦截！</h3><p>可能原因：您提交的内容包含危险的攻击请求</p></body></html>",
        ),
        // A form behind the platform's login: the link leads to the sign-in page.
        "/forms/需登录的申请书.docx" => {
            redirect(302, "/cas/login?service=%2Fforms%2F1.docx")
        }
        p if p.starts_with("/cas/login") => html(
            StatusCode::OK,
            "<html><head><title>统一身份认证平台</title></head><body><form>用户名<input>密码<input type=password><button>登录</button></form></body></html>",
        ),
        // A login page where the form should be.
        "/forms/login.doc" => {
            let page = "<html><head><title>统一身份认证平台</title></head><body><form>用户名<input>密码<input type=password><button>登录</button></form></body></html>";
            file(page.as_bytes(), headers, "text/html; charset=utf-8")
        }
        "/agencies" | "/apply" => {
            let rows = (1..=20).fold(String::new(), |mut s, i| {
                let _ = write!(s, "<tr><td>池州市第{i}检测有限公司</td><td>池州市长江中路{i}号</td><td>0566-20212{i:02}</td></tr>");
                s
            });
            let page = format!(
                "<html><head><title>中介服务机构查询</title></head><body><table>{rows}</table></body></html>"
            );
            file(page.as_bytes(), headers, "text/html; charset=utf-8")
        }
        "/download?id=7" => {
            let mut r = file(&shared.files[path], headers, "application/octet-stream");
            let (gbk, _, _) = encoding_rs::GBK.encode("食品经营许可申请书.docx");
            let mut v = b"attachment; filename=\"".to_vec();
            v.extend_from_slice(&gbk);
            v.push(b'"');
            r.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_bytes(&v).unwrap(),
            );
            r
        }
        p if p.starts_with("/f/") => file(&shared.files["/forms/food.docx"], headers, ct_docx),
        p => match shared.files.get(p) {
            Some(body) => {
                let ext = p.rsplit('.').next().unwrap_or_default();
                let ct = if ext == "pdf" {
                    "application/pdf"
                } else if ext == "xlsx" {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                } else if ext == "doc" {
                    "application/msword"
                } else {
                    ct_docx
                };
                file(body, headers, ct)
            }
            None => html(StatusCode::NOT_FOUND, "<h1>Not Found</h1>"),
        },
    }
}

/// A raw server whose answers declare more bytes than they send, then close: a file cut short on
/// the server (hyper will not serve such a response). Returns the URL of its one file.
pub fn start_short_server() -> String {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let body = docx("食品经营许可申请书", "食品经营许可申请书");
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/msword\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            if !buf[..n].starts_with(b"HEAD") {
                let _ = stream.write_all(&body[..body.len() / 2]);
            }
        }
    });
    format!("http://{addr}/forms/short.docx")
}

impl Server {
    /// Starts the server on its own thread and runtime.
    pub fn start() -> Self {
        let shared = Arc::new(Shared {
            files: FILES.get_or_init(files),
            log: Mutex::new(Vec::new()),
            hits: Mutex::new(HashMap::new()),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        let addr = rx.recv().unwrap();
        Self { addr, shared }
    }

    /// The URL of a path on this server (non-ASCII percent-encoded by the url crate).
    pub fn url(&self, path: &str) -> String {
        url::Url::parse(&format!("http://{}{path}", self.addr))
            .unwrap()
            .to_string()
    }

    /// Requests answered so far with this method and decoded path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.shared
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }

    /// The log so far, emptied.
    pub fn take_log(&self) -> Vec<Req> {
        std::mem::take(&mut *self.shared.log.lock().unwrap())
    }
}

/// A 营业执照 sample in RTF as WPS saves it: Chinese as GBK bytes (`\'d3\'aa`), the operator's ID
/// number and mobile in a table row.
fn rtf_sample() -> Vec<u8> {
    let gbk = |s: &str| -> String {
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        bytes.iter().fold(String::new(), |mut out, b| {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\'{b:02x}"));
            out
        })
    };
    format!(
        r"{{\rtf1\ansi\ansicpg936\deff0{{\fonttbl{{\f0\fnil\fcharset134 {font};}}}}\uc1\pard\f0 {title}\par\trowd\intbl {who}\cell 340702199208150025\cell {phone}\cell 13805660987\cell\row}}",
        font = gbk("宋体"),
        title = gbk("个体工商户营业执照（样本）"),
        who = gbk("经营者身份证号"),
        phone = gbk("联系电话"),
    )
    .into_bytes()
}
