//! Unit tests of the pieces that need no server: reading failures and reasons from errors,
//! `Retry-After`, and the allow-list. Not here: requests against a local server, exercised through
//! the crawl and the link check (`tests/crawl*.rs`, `tests/links*.rs`).

/// The causes as hyper, rustls and the resolver word them (after `classify` joined them),
/// read once for the crawl and the link check.
#[test]
fn failures_are_read_from_the_causes_not_the_url() {
    use super::Failure::*;
    let url = "https://ssl.zwfw.chizhou.gov.cn/f/申请表.docx";
    let connect = |c: &str| FetchError::Connect(format!("{url}: {c}")).failure();
    let other = |c: &str| FetchError::Other(format!("{url}: {c}")).failure();
    assert_eq!(
        connect("client error (Connect): tcp connect error: Connection refused (os error 111)"),
        Some(Refused)
    );
    assert_eq!(
        connect(
            "client error (Connect): dns error: failed to lookup address information: Name or service not known"
        ),
        Some(NoSuchHost)
    );
    assert_eq!(
        connect("client error (Connect): invalid peer certificate: UnknownIssuer"),
        Some(Tls)
    );
    assert_eq!(
        other("error decoding response body: end of file before message length reached"),
        Some(CutShort)
    );
    // A body cut short is a failure while reading, never one to connect.
    assert_eq!(connect("body: unexpected EOF"), None);
    assert_eq!(
        connect("tcp connect error: Network is unreachable (os error 101)"),
        Some(Unreachable)
    );
    assert_eq!(
        other("connection error: Connection reset by peer (os error 104)"),
        Some(Reset)
    );
    // `ssl` in the host name is not a TLS failure.
    assert_eq!(other("something else went wrong"), None);
    assert_eq!(FetchError::Timeout(url.into()).failure(), None);
}

#[test]
fn a_reason_for_a_line_that_names_the_url_leaves_it_out() {
    let url = "http://zwfw.chizhou.gov.cn/guide/10.html";
    assert_eq!(FetchError::Timeout(url.into()).reason_for(url), "请求超时");
    assert_eq!(
        FetchError::Connect(format!("{url}: connection refused")).reason_for(url),
        "无法连接: connection refused"
    );
    assert_eq!(
        FetchError::Timeout(url.into()).reason_for("http://other/"),
        format!("请求超时: {url}")
    );
}

use super::fetcher::retry_after_secs;
use super::*;

#[test]
fn retry_after_reads_seconds() {
    assert_eq!(retry_after_secs("3"), Some(3));
    assert_eq!(retry_after_secs("soon"), None);
}

#[test]
fn allow_list_is_enforced() {
    let f = Fetcher::new(NetConfig {
        allowed_hosts: vec!["127.0.0.1:8080".into()],
        ..NetConfig::default()
    })
    .unwrap();
    assert!(
        f.allowed(&Url::parse("http://127.0.0.1:8080/a").unwrap())
            .is_ok()
    );
    assert!(matches!(
        f.allowed(&Url::parse("http://www.gov.cn/a").unwrap()),
        Err(FetchError::NotAllowed { .. })
    ));
    assert!(matches!(
        f.allowed(&Url::parse("ftp://127.0.0.1:8080/a").unwrap()),
        Err(FetchError::Scheme(_))
    ));
}
