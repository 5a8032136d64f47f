//! `zwfw-audit links`: check every link of the inputs (blank forms, samples, result samples,
//! intermediary query sites, online handling URLs) and write `links.json`; also the link step of
//! `check --links`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::{load_config, now_run_id};
use crate::config::Config;
use crate::links::{self, LinkKind, LinkRun, LinkUse, UseProblem};
use crate::model::{Item, Severity};
use crate::report::Report;
use crate::rules::RuleSet;
use crate::source::{self, Record};

#[derive(Debug, Args)]
#[command(
    after_help = "结果: 链接问题清单.xlsx（每条问题一行）和 links.json，在同一文件夹\n\
                        退出码: 0 没有错误（可能有提示）\n\
                        \x20       1 有错误：链接失效，或附件有问题\n\
                        \x20         （空白表格不可编辑、样表有未打码的个人信息等）\n\
                        \x20       2 无法完成检查"
)]
pub struct LinksArgs {
    /// 导出文件或文件夹，与 check 相同
    #[arg(required = true, value_name = "输入文件")]
    inputs: Vec<PathBuf>,
    /// 配置文件（默认: 当前文件夹的 zwfw-audit.toml，没有就用内置设置）
    #[arg(long, value_name = "配置文件")]
    config: Option<PathBuf>,
    /// 允许访问的主机，如 zwfw.chizhou.gov.cn，可写多次；加在
    /// [links] allowed_hosts 之后。不在其中的链接不访问，记为“无法核实”
    #[arg(long = "allow-host", value_name = "主机", verbatim_doc_comment)]
    allow_hosts: Vec<String>,
    /// 结果文件；链接问题清单.xlsx 写在它旁边
    /// （默认: reports/<运行编号>/links.json，reports 可由 [output] dir 改）
    #[arg(short, long, value_name = "文件", verbatim_doc_comment)]
    output: Option<PathBuf>,
    /// 不显示进度、注意事项和摘要，只显示错误
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &LinksArgs) -> Result<i32> {
    let mut config = load_config(args.config.as_deref())?;
    config.links.allowed_hosts.extend(args.allow_hosts.clone());
    let rules = config.rule_set()?;
    // Each item's links and the names its problems are listed under, as it is read: the items
    // themselves are not kept (a province's export held whole took 57 KB an item).
    let mut items: Vec<Option<ItemLabel>> = Vec::new();
    let mut uses: Vec<LinkUse> = Vec::new();
    source::read_inputs(&args.inputs, &mut |r| match r {
        Record::Notice(n) => {
            if !args.quiet {
                say!("注意: {} — {}", n.provenance, n.message);
            }
        }
        // Indexed as the report's entries are (notices skipped, as `collect_records` does).
        Record::Item(item) => {
            uses.extend(links::collect_items([(items.len(), &*item)]));
            items.push(Some(ItemLabel::of(&item)));
        }
        Record::Unreadable(_) => items.push(None),
    });
    let run = check(uses, &config, args.quiet)?;
    let problems = links::use_problems(&run, &rules);
    let (run_id, _) = now_run_id();
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| config.output.dir.join(&run_id).join("links.json"));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    super::create_output_dir(&dir)?;
    write_json(&path, &run, &problems, &items)?;
    let table = dir.join(PROBLEMS_XLSX);
    write_problems_xlsx(&table, &problems, &items, CLICKABLE_ROWS)
        .with_context(|| format!("无法写入 {}", table.display()))?;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if !args.quiet {
        print_problems(&problems, &items, &config.links);
        say!("结果已写入 {} 和 {}", table.display(), path.display());
        if let Ok(rows) = u32::try_from(problems.len())
            && rows > CLICKABLE_ROWS
        {
            say!("注意: {}", unclickable_note(rows, CLICKABLE_ROWS));
        }
    }
    Ok(i32::from(errors > 0))
}

/// The problem list for Excel/WPS, beside `links.json`.
const PROBLEMS_XLSX: &str = "链接问题清单.xlsx";

/// What the problem lists name an item by, kept instead of the item.
struct ItemLabel {
    subject: Box<str>,
    name: Box<str>,
    code: Box<str>,
}

impl ItemLabel {
    fn of(item: &Item) -> Self {
        Self {
            subject: item.subject.trim().into(),
            name: item.name.trim().into(),
            code: item.code.trim().into(),
        }
    }
}

/// A use of a link in `links.json`, with its problems (fields in the order of the file's keys).
#[derive(Serialize)]
struct UseEntry<'a> {
    item: usize,
    item_code: Option<&'a str>,
    item_name: &'a str,
    kind: LinkKind,
    problems: Vec<ProblemEntry<'a>>,
    provenance: &'a crate::model::Provenance,
    target: &'a str,
}

#[derive(Serialize)]
struct ProblemEntry<'a> {
    message: &'a str,
    rule: &'static str,
    severity: Severity,
    target: &'a str,
}

#[derive(Serialize)]
struct LinkEntry<'a> {
    check: &'a links::LinkCheck,
    used_by: Option<&'a [UseEntry<'a>]>,
}

/// A sequence serialised as it is made, not collected first.
struct Streamed<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take().expect("serialised once");
        serializer.collect_seq(items)
    }
}

#[derive(Serialize)]
#[serde(bound(serialize = "Streamed<I>: Serialize"))]
struct LinksFile<'a, I> {
    links: Streamed<I>,
    stats: &'a links::RunStats,
}

/// `links.json`: the counts, and each URL's check with the uses of it and their problems,
/// written as it is made (the tree of values it was built as first took most of the command's
/// memory).
fn write_json(
    path: &Path,
    run: &LinkRun,
    problems: &[UseProblem<'_>],
    items: &[Option<ItemLabel>],
) -> Result<()> {
    // The problems of each use, by the use's address (a province has 10^5 uses).
    let mut of_use: HashMap<*const LinkUse, Vec<ProblemEntry<'_>>> = HashMap::new();
    for p in problems {
        of_use
            .entry(std::ptr::from_ref(p.link))
            .or_default()
            .push(ProblemEntry {
                message: &p.problem.message,
                rule: p.rule,
                severity: p.severity,
                target: &p.target,
            });
    }
    let mut used_by: HashMap<&str, Vec<UseEntry<'_>>> = HashMap::new();
    for u in &run.uses {
        let found = of_use.remove(&std::ptr::from_ref(u)).unwrap_or_default();
        used_by.entry(u.url.as_str()).or_default().push(UseEntry {
            item: u.item,
            item_code: items.get(u.item).and_then(Option::as_ref).map(|i| &*i.code),
            item_name: &u.item_name,
            kind: u.kind,
            problems: found,
            provenance: &u.provenance,
            target: &u.target,
        });
    }
    let links = run.checks.values().map(|c| LinkEntry {
        check: c,
        used_by: used_by.get(c.url.as_str()).map(Vec::as_slice),
    });
    let file = LinksFile {
        links: Streamed(std::cell::RefCell::new(Some(links))),
        stats: &run.stats,
    };
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("无法写入 {}", path.display()))?,
    );
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.flush()?;
    Ok(())
}

/// `事项名称（实施主体，实施编码）` of a use's item.
fn item_label(items: &[Option<ItemLabel>], u: &LinkUse) -> String {
    match items.get(u.item).and_then(Option::as_ref) {
        Some(it) => {
            let who: Vec<&str> = [&*it.subject, &*it.code]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if who.is_empty() {
                it.name.to_string()
            } else {
                format!("{}（{}）", it.name, who.join("，"))
            }
        }
        None => u.item_name.clone(),
    }
}

/// Each problem once, with the item that has it (or how many have it: a form on 500 items is one
/// problem to fix, once), errors first.
fn print_problems(
    problems: &[UseProblem<'_>],
    items: &[Option<ItemLabel>],
    config: &crate::links::LinksConfig,
) {
    if problems.is_empty() {
        say!("没有发现链接或附件问题");
        return;
    }
    // Links on hosts the configuration does not allow were not fetched: `check` has said so once
    // a host, not once a link (an empty allow-list would list every link of the export). They
    // are counted all the same, as links.json and the workbook list them (h36: the terminal
    // said 76 where the files had 78).
    let fetcher = crate::net::Fetcher::new(config.net_config()).ok();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let total = format!(
        "链接和附件问题 {} 条（错误 {errors}、提示 {}）",
        problems.len(),
        problems.len() - errors
    );
    let listed: Vec<&UseProblem<'_>> = problems
        .iter()
        .filter(|p| !off_the_list(fetcher.as_ref(), p.link, p.check))
        .collect();
    let off = problems.len() - listed.len();
    let off_said = "未访问主机上的链接（记为“无法核实”，主机已在上面列出），不逐条列出";
    if listed.is_empty() {
        say!("{total}，都是{off_said}");
        return;
    }
    if off > 0 {
        say!(
            "{total}，其中 {off} 条是{off_said}；其余 {} 条按问题归并如下:",
            listed.len()
        );
    } else {
        say!("{total}，按问题归并如下:");
    }
    // (severity, target, message) → the uses, in order of first appearance.
    let mut groups: Vec<(&UseProblem<'_>, Vec<&LinkUse>)> = Vec::new();
    let mut index: HashMap<(Severity, &str, &str), usize> = HashMap::new();
    for &p in &listed {
        let key = (p.severity, p.target.as_str(), p.problem.message.as_str());
        if let Some(&i) = index.get(&key) {
            groups[i].1.push(p.link);
        } else {
            index.insert(key, groups.len());
            groups.push((p, vec![p.link]));
        }
    }
    groups.sort_by_key(|(p, _)| std::cmp::Reverse(p.severity));
    for (p, uses) in &groups {
        say!(
            "  [{}] {} {}: {}",
            p.severity.label_zh(),
            p.rule,
            p.target,
            p.problem.message
        );
        let first = item_label(items, uses[0]);
        if uses.len() == 1 {
            say!("        {first} — {}", uses[0].provenance);
        } else {
            say!("        {first} 等 {} 个事项", uses.len());
        }
    }
}

/// The problem list as a workbook: one row per problem of a link use, every cell but 序号 text
/// (实施编码 stays as written; a CSV would turn it into 1.13417E+30 in Excel), a filter on every
/// column.
fn write_problems_xlsx(
    path: &Path,
    problems: &[UseProblem<'_>],
    items: &[Option<ItemLabel>],
    clickable: u32,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    use crate::report::fixlist::cell;
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    const HEADERS: [(&str, f64); 11] = [
        ("序号", 6.0),
        ("严重程度", 9.0),
        ("实施主体", 24.0),
        ("事项名称", 30.0),
        ("实施编码", 34.0),
        ("规则", 6.0),
        ("位置", 30.0),
        ("问题描述", 60.0),
        ("链接", 50.0),
        ("整改建议", 40.0),
        ("来源", 24.0),
    ];
    const LINK_COLUMN: u16 = 8;
    let mut book = Workbook::new();
    // Rows go to a temporary file beside the list as they are written, not into memory.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        book.set_tempdir(dir)?;
    }
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("链接问题")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (col, (name, width)) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    let mut row = 0u32;
    for p in problems {
        row += 1;
        let item = items.get(p.link.item).and_then(Option::as_ref);
        let field = |f: fn(&ItemLabel) -> &str| item.map(f).unwrap_or_default().to_owned();
        // 序号 is a number, so sorting by it puts the list back in order (1, 2, …, 10).
        sheet.write_number_with_format(row, 0, f64::from(row), &wrap)?;
        let cells = [
            p.severity.label_zh().to_owned(),
            field(|i| &i.subject),
            item.map_or_else(|| p.link.item_name.clone(), |i| i.name.to_string()),
            field(|i| &i.code),
            p.rule.to_owned(),
            p.target.clone(),
            p.problem.message.clone(),
            crate::model::text::display_url(&p.link.url),
            p.problem.suggestion.clone(),
            p.link.provenance.to_string(),
        ];
        for (col, text) in (1u16..).zip(cells) {
            sheet.write_string_with_format(row, col, cell(&text), &wrap)?;
        }
        // The link opens with a click (Excel keeps at most 65,530 hyperlinks a sheet; only
        // http(s) links, never other schemes from the export).
        // The writer escapes `%` unless the text already looks escaped (`%20`, `%25` …), which
        // would turn `%E7%94%B3` into `%25E7…`, a dead link: it gets the readable form, and a
        // link still holding other escapes (GBK bytes) stays plain text.
        let url = crate::model::text::display_url(&p.link.url);
        let escapes_kept = !url.contains('%') || ["%20", "%25"].iter().any(|e| url.contains(e));
        if p.link.valid
            && row <= clickable
            && escapes_kept
            && (url.starts_with("http://") || url.starts_with("https://"))
        {
            let link = rust_xlsxwriter::Url::new(url.as_str()).set_text(url.as_str());
            // A link Excel cannot hold (over 2,080 characters) stays plain text.
            let _ = sheet.write_url_with_format(row, LINK_COLUMN, link, &wrap);
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row, 10)?;
    if row > clickable {
        let note = book.add_worksheet();
        note.set_name("说明")?;
        note.set_column_width(0, 80.0)?;
        note.write_string(0, 0, unclickable_note(row, clickable))?;
    }
    book.save(path)
}

/// Rows whose link opens with a click: Excel keeps at most 65,530 hyperlinks a sheet.
const CLICKABLE_ROWS: u32 = 60_000;

/// What the list says when the rows past the first `clickable` hold their links as text.
fn unclickable_note(rows: u32, clickable: u32) -> String {
    format!(
        "「链接问题」表共 {rows} 行；Excel 一张表最多保存约 65,530 个超链接，第 {} 行以后的链接是文字、不能点击打开，请复制到浏览器地址栏中打开",
        clickable + 2
    )
}

/// How often a run whose terminal is a log file says how far it is.
const LOG_EVERY: Duration = Duration::from_secs(30);

/// Checks the links (cache in `[links] cache_dir`) and prints a one-line summary.
pub(crate) fn check(uses: Vec<LinkUse>, config: &Config, quiet: bool) -> Result<LinkRun> {
    if !quiet && !uses.is_empty() {
        let urls: BTreeSet<&str> = uses.iter().map(|u| u.url.as_str()).collect();
        let hosts: BTreeSet<String> = urls
            .iter()
            .filter_map(|u| url::Url::parse(u).ok())
            .map(|u| crate::net::host_key(&u))
            .collect();
        let net = config.links.net_config();
        // Politeness is why a run takes long: say it before the user waits.
        say!(
            "开始检查链接: {} 个网址（引用 {} 处，{} 个主机）；每个主机同时最多 {} 个请求、相邻请求间隔 {} 秒，已缓存的不再下载",
            urls.len(),
            uses.len(),
            hosts.len(),
            net.per_host_concurrency.max(1),
            net.min_interval_ms as f64 / 1000.0
        );
    }
    // A bar on a terminal (indicatif draws nothing when stderr is a log file, as under cron: there
    // a line every half minute says how far it is).
    let log_lines = super::LogLines::new(quiet, LOG_EVERY);
    let started = Instant::now();
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(ProgressStyle::with_template(
        "{spinner} 检查链接 [{elapsed}] {pos}/{len} 个网址，预计还需 {eta}",
    )?);
    bar.enable_steady_tick(Duration::from_millis(200));
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done < total && log_lines.due() {
            say!(
                "检查链接: 已完成 {done}/{total} 个网址，用时 {} 秒",
                started.elapsed().as_secs()
            );
        }
    };
    let run = links::check_links_blocking(uses, &config.links, jiff::Timestamp::now(), &progress);
    bar.finish_and_clear();
    let run = run.context("链接检查无法进行")?;
    if !quiet {
        for n in &run.notes {
            say!("注意: {n}");
        }
        let s = &run.stats;
        say!(
            "已检查链接 {} 个（引用 {} 处）：可用 {}、失效 {}、无法核实 {}；缓存直接使用 {}、条件请求确认未变 {}；请求 {} 次，用时 {:.1} 秒",
            s.urls,
            s.uses,
            s.ok,
            s.broken,
            s.unverifiable,
            s.fresh_from_cache,
            s.revalidated,
            s.requests,
            s.elapsed_secs
        );
        say_off_hosts(&run, &config.links);
    }
    Ok(run)
}

/// Whether a link was not fetched because its host is not on the allow-list.
fn off_the_list(
    fetcher: Option<&crate::net::Fetcher>,
    u: &LinkUse,
    check: &crate::links::LinkCheck,
) -> bool {
    check.requests == 0
        && !check.from_cache
        && url::Url::parse(&u.url).is_ok_and(|url| {
            fetcher.is_some_and(|f| {
                matches!(
                    f.allowed(&url),
                    Err(crate::net::FetchError::NotAllowed { .. })
                )
            })
        })
}

/// The hosts whose links were not fetched, each once with how many links are on it, and what to
/// type to allow one: a first run without configuration fetches nothing, and a clerk has to
/// learn the words `--allow-host` and `allowed_hosts` from here.
fn say_off_hosts(run: &LinkRun, config: &crate::links::LinksConfig) {
    let fetcher = crate::net::Fetcher::new(config.net_config()).ok();
    let mut hosts: BTreeMap<String, usize> = BTreeMap::new();
    for u in &run.uses {
        if let Some(c) = run.checks.get(&u.url)
            && off_the_list(fetcher.as_ref(), u, c)
        {
            let host = url::Url::parse(&u.url)
                .map(|u| crate::net::host_key(&u))
                .unwrap_or_default();
            *hosts.entry(host).or_default() += 1;
        }
    }
    // The host most links are on is the example (the first of equals).
    let Some(example) = hosts
        .iter()
        .rev()
        .max_by_key(|(_, n)| **n)
        .map(|(h, _)| h.clone())
    else {
        return;
    };
    let list: Vec<String> = hosts
        .iter()
        .map(|(h, n)| format!("{h}（{n} 处）"))
        .collect();
    let list = list.join("、");
    if config.allowed_hosts.is_empty() {
        say!(
            "注意: 没有设置允许访问的主机，链接都没有访问，记为“无法核实”。链接所在的主机: {list}。\
             是本平台的主机的，在命令后加 --allow-host {example}（每个主机写一次），\
             或在配置文件 zwfw-audit.toml 中写 [links] 一行、下面写 allowed_hosts = [\"{example}\"]"
        );
    } else {
        say!(
            "未访问的主机（不在 [links] allowed_hosts 中，记为“无法核实”）: {list}；\
             是本平台的主机的，在命令后加 --allow-host {example}，或在配置文件的 [links] allowed_hosts 中加上"
        );
    }
}

/// The link step of `check --links`: check, then add the findings to the report.
pub(crate) fn check_report(
    report: &mut Report,
    uses: Vec<LinkUse>,
    config: &Config,
    rules: &RuleSet,
    quiet: bool,
) -> Result<()> {
    let run = check(uses, config, quiet)?;
    links::apply_to_report(report, &run, rules);
    Ok(())
}

#[cfg(test)]
mod tests {
    use calamine::Reader as _;

    use super::*;

    /// Should say so in the list: rows past Excel's hyperlink limit held their links as text
    /// with no word, and a clerk clicking near the end got nothing.
    #[test]
    fn rows_past_the_clickable_ones_are_said_to_hold_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/items/clean.json"),
        )
        .unwrap();
        let item: Item = serde_json::from_str(&text).unwrap();
        let mut config = Config::default();
        config.links.cache_dir = dir.path().join("cache");
        // No host allowed: every link is 无法核实, a problem a row, and nothing is fetched.
        let run = check(links::collect_items([(0, &item)]), &config, true).unwrap();
        let problems = links::use_problems(&run, &config.rule_set().unwrap());
        assert!(problems.len() > 2, "{}", problems.len());
        let items = [Some(ItemLabel::of(&item))];
        let path = dir.path().join(PROBLEMS_XLSX);
        write_problems_xlsx(&path, &problems, &items, 2).unwrap();

        let mut book = calamine::open_workbook_auto(&path).unwrap();
        assert_eq!(book.sheet_names(), ["链接问题", "说明"]);
        let note = book.worksheet_range("说明").unwrap();
        let note = note.get((0, 0)).unwrap().to_string();
        assert!(note.contains("第 4 行以后的链接是文字"), "{note}");
        let rows = book.worksheet_range("链接问题").unwrap();
        assert_eq!(rows.height(), problems.len() + 1);
        assert_eq!(rows.get((1, 3)).unwrap().to_string(), item.name.trim());
    }
}
