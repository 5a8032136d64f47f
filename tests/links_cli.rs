//! `zwfw-audit links` as a clerk runs it, against a local server started by the test (127.0.0.1
//! only): what the terminal says, the problem list written for Excel/WPS, and the exit code. A
//! blank form that is a PDF, or a sample that shows an ID number, is a problem to fix even though
//! the link itself works.

mod links_server;

use links_server::Server;
use zwfw_audit::model::{Item, Material};

const MATERIAL: &str = "食品经营许可申请书";

fn item(code: &str, name: &str, form: &str, sample: &str) -> Item {
    Item {
        name: name.into(),
        code: code.into(),
        subject: "池州市市场监督管理局".into(),
        materials: vec![Material {
            name: MATERIAL.into(),
            blank_form: form.into(),
            sample: sample.into(),
            ..Material::default()
        }]
        .into(),
        ..Item::default()
    }
}

struct Run {
    code: i32,
    stderr: String,
    dir: tempfile::TempDir,
}

impl Run {
    /// The 链接问题 sheet of the run's 链接问题清单.xlsx.
    fn problem_sheet(&self) -> calamine::Range<calamine::Data> {
        let path = self.dir.path().join("out").join("链接问题清单.xlsx");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
        calamine::Reader::worksheet_range(&mut book, "链接问题").unwrap()
    }

    /// The sheet's rows as text, header first.
    fn problem_rows(&self) -> Vec<Vec<String>> {
        self.problem_sheet()
            .rows()
            .map(|r| r.iter().map(ToString::to_string).collect())
            .collect()
    }
}

fn links(items: &[Item]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("zwfw-audit.toml"),
        format!(
            "[links]\nallowed_hosts = [\"127.0.0.1\"]\ncache_dir = {:?}\nmin_interval_ms = 0\nretries = 0\n",
            d.join("cache").display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(d.join("items.json"), serde_json::to_string(items).unwrap()).unwrap();
    let out = assert_cmd::Command::cargo_bin("zwfw-audit")
        .unwrap()
        .current_dir(d)
        .args([
            "links",
            "--config",
            "zwfw-audit.toml",
            "-o",
            "out/links.json",
        ])
        .arg("items.json")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        dir,
    }
}

/// Every link answers, yet the blank form is a PDF and the sample leaks an ID number and a mobile
/// number on 30 items: the run says so (which item, which material), lists each problem once with
/// how many items have it, writes them for Excel, and exits 1. It said only 可用 and exited 0.
#[test]
fn content_problems_of_working_links_are_listed_and_fail_the_run() {
    let srv = Server::start();
    let code = "1134170000312541513000117035001";
    let mut items = vec![item(
        code,
        "食品经营许可（新办）",
        &srv.url("/forms/申请书.pdf"),
        "",
    )];
    for i in 0..30 {
        items.push(item(
            &format!("11341700003125415130001170360{i:02}"),
            &format!("小餐饮经营许可（{i}）"),
            &srv.url("/forms/food.docx"),
            &srv.url("/samples/unmasked.docx"),
        ));
    }
    let run = links(&items);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    // Before the wait: how much there is and why it takes its time.
    assert!(
        err.contains("开始检查链接: 3 个网址（引用 61 处，1 个主机）；每个主机同时最多 2 个请求、相邻请求间隔 0 秒"),
        "{err}"
    );
    assert!(
        err.contains("链接和附件问题 61 条（错误 61、提示 0）"),
        "{err}"
    );
    assert!(
        err.contains(
            "[错误] M06 材料「食品经营许可申请书」的空白表格文件格式: 空白表格不是可编辑格式（实际为PDF 文件）"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "食品经营许可（新办）（池州市市场监督管理局，{code}） — items.json"
        )),
        "{err}"
    );
    // The sample on 30 items: one line per problem, with how many items have it.
    assert!(
        err.contains("示例样表中有未打码的身份证号码: \"1101**********002X\""),
        "{err}"
    );
    assert!(
        err.contains("小餐饮经营许可（0）（池州市市场监督管理局，1134170000312541513000117036000） 等 30 个事项"),
        "{err}"
    );
    assert_eq!(err.matches("等 30 个事项").count(), 2, "{err}");
    assert!(err.contains("链接问题清单.xlsx"), "{err}");

    // The workbook: one row per problem of each item, the 31-digit code kept as text.
    let rows = run.problem_rows();
    assert_eq!(
        rows[0][..5],
        ["序号", "严重程度", "实施主体", "事项名称", "实施编码"]
    );
    assert_eq!(rows.len(), 1 + 1 + 30 * 2, "{rows:#?}");
    let pdf_row = rows.iter().find(|r| r[4] == code).unwrap();
    assert_eq!(pdf_row[1], "错误");
    assert_eq!(pdf_row[6], "材料「食品经营许可申请书」的空白表格文件格式");
    assert!(pdf_row[8].ends_with("/forms/申请书.pdf"), "{pdf_row:?}");
    assert!(matches!(
        run.problem_sheet().get_value((1, 4)),
        Some(calamine::Data::String(_))
    ));
    // The link column is a hyperlink to the URL as checked, shown readable.
    let sheet = {
        let path = run.dir.path().join("out").join("链接问题清单.xlsx");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut rels = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/_rels/sheet1.xml.rels").unwrap(),
            &mut rels,
        )
        .unwrap();
        rels
    };
    assert!(
        sheet.contains(&format!("Target=\"http://{}/forms/申请书.pdf\"", srv.addr)),
        "hyperlink target: {sheet}"
    );
    assert!(!sheet.contains("%25"), "escaped twice: {sheet}");

    // links.json names the problems of each use too.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("out").join("links.json")).unwrap(),
    )
    .unwrap();
    let pdf = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["check"]["url"] == srv.url("/forms/申请书.pdf"))
        .unwrap();
    assert_eq!(pdf["used_by"][0]["problems"][0]["rule"], "M06");
    assert_eq!(pdf["used_by"][0]["item_code"], code);
    assert_eq!(pdf["used_by"][0]["item_name"], "食品经营许可（新办）");
}

/// A 营业执照 published as a PDF result sample shows the legal representative's ID number: the
/// PDF's text is read, so the run lists the unmasked number (masked) for that item and fails.
/// A scanned result sample on another item cannot be read: a hint to check it by hand, not an
/// error.
#[test]
fn personal_data_in_a_pdf_or_doc_result_sample_is_listed() {
    let srv = Server::start();
    let leaky = "1134170000312541513000117035001";
    let scanned = "1134170000312541513000117035002";
    let old_word = "1134170000312541513000117035003";
    let mut items = vec![
        item(
            leaky,
            "食品经营许可（新办）",
            &srv.url("/forms/food.docx"),
            "",
        ),
        item(
            scanned,
            "食品经营许可（延续）",
            &srv.url("/forms/food.docx"),
            "",
        ),
    ];
    items.push(item(
        old_word,
        "食品经营许可（变更）",
        &srv.url("/forms/food.docx"),
        "",
    ));
    items[0].result_sample = srv.url("/result/营业执照.pdf");
    items[1].result_sample = srv.url("/result/扫描件.pdf");
    items[2].result_sample = srv.url("/result/营业执照（样本）.doc");
    let run = links(&items);
    let err = &run.stderr;
    assert_eq!(run.code, 1, "{err}");
    assert!(
        err.contains("链接和附件问题 3 条（错误 2、提示 1）"),
        "{err}"
    );
    // A Word 97–2003 sample is read as a .docx is.
    assert!(
        err.contains(
            "[错误] B12 结果样本个人信息: 结果样本中有未打码的身份证号码: \"1101**********002X\""
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "食品经营许可（变更）（池州市市场监督管理局，{old_word}）"
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "[错误] B12 结果样本个人信息: 结果样本中有未打码的身份证号码: \"1101**********8515\""
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "食品经营许可（新办）（池州市市场监督管理局，{leaky}）"
        )),
        "{err}"
    );
    assert!(
        err.contains("[提示] B12 结果样本个人信息: 结果样本是扫描件或图片型 PDF，没有可读取的文字，未能自动检查其中的个人信息"),
        "{err}"
    );
    assert!(!err.contains("110101199003078515"), "{err}");

    // The problem list for Excel: the leaky item's row is an error about its personal data.
    let rows = run.problem_rows();
    let row = rows.iter().find(|r| r[4] == leaky).unwrap();
    assert_eq!(row[1], "错误", "{row:?}");
    assert_eq!(row[6], "结果样本个人信息", "{row:?}");
    assert!(
        row.iter().any(|c| c.contains("1101**********8515")),
        "{row:?}"
    );
    let row = rows.iter().find(|r| r[4] == scanned).unwrap();
    assert_eq!(row[1], "提示", "{row:?}");
}

/// Should trip B12: a 结果样本 published as an Excel 97–2003 workbook (`.xls`), or saved by WPS
/// as rich text under a `.doc` name, shows the holder's ID number and mobile: their text is read
/// as a `.docx` sample's is, not only hinted.
#[test]
fn personal_data_in_old_excel_and_rtf_result_samples_is_listed() {
    let srv = Server::start();
    for (path, id, mobile) in [
        (
            "/result/营业执照（样本）.xls",
            "1101**********8515",
            "139****1234",
        ),
        (
            "/result/个体工商户营业执照（样本）.doc",
            "3407**********0025",
            "138****0987",
        ),
    ] {
        let mut items = vec![item(
            "1134170000312541513000117035004",
            "个体工商户设立登记",
            &srv.url("/forms/food.docx"),
            "",
        )];
        items[0].result_sample = srv.url(path);
        let run = links(&items);
        let err = &run.stderr;
        assert_eq!(run.code, 1, "{path}: {err}");
        assert!(
            err.contains(&format!(
                "[错误] B12 结果样本个人信息: 结果样本中有未打码的身份证号码: \"{id}\""
            )),
            "{path}: {err}"
        );
        assert!(err.contains(mobile), "{path}: {err}");
        assert!(!err.contains("未读取其中的文字"), "{path}: {err}");
    }
}

/// Nothing wrong: exit 0, and the run says so rather than staying silent.
#[test]
fn good_links_exit_zero_and_say_so() {
    let srv = Server::start();
    let run = links(&[item(
        "1134170000312541513000117035001",
        "食品经营许可（新办）",
        &srv.url("/forms/food.docx"),
        &srv.url("/samples/masked.docx"),
    )]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("没有发现链接或附件问题"),
        "{}",
        run.stderr
    );
}

/// Links on a host the configuration does not allow are not fetched (nor contacted: `.invalid`),
/// and the terminal says so once per host, not once per link.
#[test]
fn hosts_outside_the_allow_list_are_summed_up_per_host() {
    let srv = Server::start();
    let mut items: Vec<Item> = (0..4)
        .map(|i| {
            item(
                &format!("11341700003125415130001170370{i:02}"),
                &format!("食品小作坊登记（{i}）"),
                &format!("http://zwfw.example.invalid/forms/{i}.docx"),
                "",
            )
        })
        .collect();
    items.push(item(
        "1134170000312541513000117035001",
        "食品经营许可（新办）",
        &srv.url("/forms/申请书.pdf"),
        "",
    ));
    let run = links(&items);
    let err = &run.stderr;
    assert!(
        err.contains("未访问的主机（不在 [links] allowed_hosts 中，记为“无法核实”）: zwfw.example.invalid（4 处）"),
        "{err}"
    );
    assert!(!err.contains("/forms/0.docx"), "{err}");
    // Counted as links.json and the workbook count them (h36: the terminal left the four out),
    // and listed one by one only where they were visited.
    assert!(
        err.contains("链接和附件问题 5 条（错误 1、提示 4），其中 4 条是未访问主机上的链接（记为“无法核实”，主机已在上面列出），不逐条列出；其余 1 条按问题归并如下:"),
        "{err}"
    );
    assert_eq!(err.matches("  [提示]").count(), 0, "{err}");
    assert_eq!(run.code, 1);
    // The workbook still has a row for each of them. They go to the units too (check --links):
    // the row says the link was not visited, neither "暂时" (the next run will not visit it
    // either) nor the auditor's configuration key, which means nothing to a unit.
    let range = run.problem_sheet();
    assert_eq!(range.rows().count(), 1 + 4 + 1);
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(run.dir.path().join("out").join("links.json")).unwrap(),
    )
    .unwrap();
    let problems: usize = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["used_by"].as_array().into_iter().flatten())
        .map(|u| u["problems"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(problems, 5);

    // Only links on hosts not visited: counted, and said to be those.
    let run = links(&items[..2]);
    assert!(
        run.stderr
            .contains("链接和附件问题 2 条（错误 0、提示 2），都是未访问主机上的链接"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.problem_rows();
    let off = rows
        .iter()
        .find(|r| r[8] == "http://zwfw.example.invalid/forms/0.docx")
        .unwrap();
    assert_eq!(
        off[7],
        "空白表格链接未核实（主机 zwfw.example.invalid 不在本次允许访问的主机之列，未访问）: \"http://zwfw.example.invalid/forms/0.docx\"",
        "{off:?}"
    );
}

/// The problem list's 序号 are numbers: a clerk who sorts by 事项名称 and then by 序号 gets the
/// list back in order (1, 2, …, 10, 11), not text order (1, 10, 11, 2). Twelve county items whose
/// forms are on a host the configuration does not allow: nothing is fetched, each is a row.
#[test]
fn problem_numbers_are_numbers_so_the_list_sorts_back() {
    let items: Vec<Item> = (0..12)
        .map(|i| {
            item(
                &format!("11341702003178234X40001170220{i:02}"),
                &format!("特种设备使用登记（{i}）"),
                &format!("http://zwfw.example.invalid/forms/特种设备使用登记表{i}.docx"),
                "",
            )
        })
        .collect();
    let run = links(&items);
    let range = run.problem_sheet();
    assert_eq!(range.rows().count(), 1 + 12);
    let numbers: Vec<f64> = (1..=12)
        .map(|row| match range.get_value((row, 0)) {
            Some(calamine::Data::Float(n)) => *n,
            Some(calamine::Data::Int(n)) => *n as f64,
            other => panic!("序号 of row {row} is not a number: {other:?}"),
        })
        .collect();
    let want: Vec<f64> = (1..=12).map(f64::from).collect();
    assert_eq!(numbers, want);
}

/// A first `check --links` with no configuration: no host is allowed, so no link is fetched. The
/// run said only "配置 [links] allowed_hosts 为空", naming neither the hosts nor what to type, and
/// `check` had no `--allow-host` (only `links` had). Now it names each host with its count and
/// the flag to add, and `check --allow-host` checks them: the dead form (404) becomes an M06
/// error in the report.
#[test]
fn a_first_check_with_links_says_which_hosts_to_allow_and_how() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let items: Vec<Item> = (0..3)
        .map(|i| {
            item(
                &format!("11341700003125415130001170380{i:02}"),
                &format!("食品生产许可（{i}）"),
                &format!("http://zwfw.example.invalid/attachment/食品生产许可申请书{i}.docx"),
                "",
            )
        })
        .chain([item(
            "1134170000312541513000117038099",
            "食品生产许可（注销）",
            &srv.url("/forms/已删除的申请书.docx"),
            "",
        )])
        .collect();
    std::fs::write(d.join("事项.json"), serde_json::to_string(&items).unwrap()).unwrap();
    let check = |extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("zwfw-audit")
            .unwrap()
            .current_dir(d)
            .args([
                "check",
                "事项.json",
                "--links",
                "--format",
                "json",
                "-o",
                "out",
            ])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = check(&[]);
    let host = srv.addr.to_string();
    assert!(
        err.contains("没有设置允许访问的主机"),
        "the first run says why nothing was fetched: {err}"
    );
    assert!(
        err.contains("zwfw.example.invalid（3 处）") && err.contains(&format!("{host}（1 处）")),
        "each host with its count: {err}"
    );
    assert!(
        err.contains("--allow-host zwfw.example.invalid")
            && err.contains("allowed_hosts = [\"zwfw.example.invalid\""),
        "what to type: {err}"
    );
    // The flag works on check too: the local host is fetched, the dead form is an M06 error.
    let err = check(&["--allow-host", &host]);
    assert!(!err.contains("没有设置允许访问的主机"), "{err}");
    assert!(
        err.contains("未访问的主机") && err.contains("zwfw.example.invalid（3 处）"),
        "{err}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out").join("report.json")).unwrap())
            .unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["item_code"] == "1134170000312541513000117038099"
                && f["rule"] == "M06"
                && f["severity"] == "error"
                && f["message"].as_str().unwrap().contains("HTTP 404")),
        "{findings:#?}"
    );
}

/// The blank form's link redirects to the platform's sign-in page. The run said "打开的是网页"
/// without saying which page, and a second error, "空白表格与材料不符: \"login\"", judged the
/// sign-in page's address as if it were the form's file name. It is one problem that names the
/// page by its title and says where the link led: 无法核实 (a warning), as a firewall's page is,
/// since what is behind the sign-in is not known.
#[test]
fn a_form_behind_a_login_page_is_one_problem_that_names_the_page() {
    let srv = Server::start();
    let code = "1134170000312541513000117035009";
    let run = links(&[item(
        code,
        "食品经营许可（延续）",
        &srv.url("/forms/需登录的申请书.docx"),
        "",
    )]);
    let err = &run.stderr;
    assert_eq!(run.code, 0, "{err}");
    assert!(
        err.contains("链接和附件问题 1 条（错误 0、提示 1）"),
        "{err}"
    );
    assert!(
        err.contains("登录页面（“统一身份认证平台”") && err.contains("/cas/login?service="),
        "{err}"
    );
    assert!(!err.contains("不符"), "{err}");
    let rows = run.problem_rows();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[1][4], code);
    assert!(rows[1][7].contains("跳转到"), "{:?}", rows[1]);
}
