//! `zwfw-audit crawl`: crawl a platform by a site profile into a folder that `check` reads.
//! Creates the tokio runtime and draws progress with indicatif; the library does the rest.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::source::crawl::{
    self, CrawlOptions, CrawlProgress, CrawlStats, PageRecord, PageStatus, Profile,
};

#[derive(Debug, Args)]
#[command(after_help = "退出码: 0 抓取完成，没有页面失败\n\
                        \x20       1 抓取暂停（达到上限或时间预算，再次运行接着抓），\n\
                        \x20         或有页面失败（续抓时包括之前失败的），\n\
                        \x20         或一个事项也没有抓到\n\
                        \x20         （链接或重定向到其他主机、robots.txt 禁止的，\n\
                        \x20         只列出，不算失败）\n\
                        \x20       2 出错")]
pub struct CrawlArgs {
    /// 站点配置文件（TOML），如 profiles/example.toml
    #[arg(long, short, value_name = "站点配置")]
    profile: PathBuf,
    /// 输出目录，存放抓取进度、日志 crawl-log.csv 和事项 items.ndjson
    /// （默认: reports/crawl-<名称>/，名称取自站点配置）
    #[arg(short, long, value_name = "文件夹", verbatim_doc_comment)]
    output: Option<PathBuf>,
    /// 用这个网址代替站点配置中的 base_url（如镜像或测试服务器）
    #[arg(long, value_name = "网址")]
    base_url: Option<String>,
    /// 不读取 robots.txt，只在网站同意时使用；运行日志会记下
    #[arg(long)]
    ignore_robots: bool,
    /// 本次最多抓取多少个网址，到了就暂停；再次运行接着抓
    #[arg(long, value_name = "数量")]
    max_pages: Option<u64>,
    /// 本次最多抓取多少分钟，到了就暂停；再次运行接着抓
    #[arg(long, value_name = "分钟")]
    budget_minutes: Option<f64>,
    /// 同一主机两次请求至少间隔多少毫秒（代替站点配置中的值）
    #[arg(long, value_name = "毫秒")]
    interval_ms: Option<u64>,
    /// 同一主机同时发几个请求（代替站点配置中的值）
    #[arg(long, value_name = "数量")]
    concurrency: Option<usize>,
    /// 不显示进度和摘要，只显示错误
    #[arg(short, long)]
    quiet: bool,
}

struct Terminal {
    bar: ProgressBar,
    quiet: bool,
    /// Failed and skipped pages said so far.
    said: AtomicUsize,
    /// Where no bar is drawn (a log file), how far the crawl is, every [`LOG_EVERY`].
    log_lines: super::LogLines,
}

/// How often a crawl whose standard error is a log file says how far it is.
const LOG_EVERY: Duration = Duration::from_secs(60);

/// Failed and skipped pages said one by one; the rest are counted in the summary and listed in
/// crawl-log.csv. A platform with hundreds of dead links filled the nightly log (and cron's mail)
/// with hundreds of lines every night.
const PAGES_SAID: usize = 20;

impl Terminal {
    /// A line above the spinner; straight to stderr when there is no terminal to draw on.
    fn line(&self, text: &str) {
        if self.quiet {
            return;
        }
        if self.bar.is_hidden() {
            say!("{text}");
        } else {
            self.bar.println(text);
        }
    }
}

impl CrawlProgress for Terminal {
    fn page(&self, record: &PageRecord, stats: &CrawlStats) {
        if matches!(record.status, PageStatus::Failed | PageStatus::Skipped) {
            let n = self.said.fetch_add(1, Ordering::Relaxed);
            if n < PAGES_SAID {
                self.line(&format!(
                    "  {} {} — {}",
                    record.status.label_zh(),
                    record.target.url,
                    record.message
                ));
            } else if n == PAGES_SAID {
                self.line("  ……其余失败和跳过的网址不再逐个显示，见输出目录中的 crawl-log.csv");
            }
        }
        let status = format!(
            "已抓取 {} 个网址（未修改 {}），事项 {}，失败 {}，跳过 {}，待抓取 {}，{:.1} 页/秒",
            stats.fetched,
            stats.not_modified,
            stats.items,
            stats.failed,
            stats.skipped,
            stats.queued,
            stats.rate()
        );
        if self.log_lines.due() {
            say!(
                "抓取中（已用 {} 分钟）: {status}",
                stats.elapsed.as_secs() / 60
            );
        }
        self.bar.set_message(status);
        self.bar.tick();
    }

    fn notice(&self, message: &str) {
        self.line(&format!("注意: {message}"));
    }
}

pub fn run(args: &CrawlArgs) -> Result<i32> {
    let (summary, output) = crawl_to_folder(args)?;
    if !args.quiet {
        say!("检查: zwfw-audit check {}", output.display());
    }
    // 1 when the crawl did not get what it may get: paused, nothing found, or pages that
    // failed. Links it may not follow (another host, robots.txt) are said in the summary and
    // the log, and their items are 无法读取 in the check, but they fail nothing: on most
    // platforms some links lead to the province's site every night.
    // Pages that failed in the earlier goes of a resumed pass are not fetched again in it:
    // still failed, they count as this go's do.
    Ok(i32::from(
        !summary.complete
            || summary.items == 0
            || summary.stats.failed + summary.stats.failed_before > 0,
    ))
}

/// For `check --profile P`: crawls (or resumes, or re-checks with conditional requests) into
/// `reports/crawl-<name>` and returns that folder.
pub(crate) fn crawl_for_check(profile: &std::path::Path, quiet: bool) -> Result<PathBuf> {
    let args = CrawlArgs {
        profile: profile.to_owned(),
        output: None,
        base_url: None,
        ignore_robots: false,
        max_pages: None,
        budget_minutes: None,
        interval_ms: None,
        concurrency: None,
        quiet,
    };
    let (summary, output) = crawl_to_folder(&args)?;
    // A list that gave fewer entries than its total is read to its end: check what was found,
    // with the notice of the crawl's status, rather than refuse.
    if !summary.complete && summary.short_lists.is_empty() {
        anyhow::bail!(
            "抓取未完成（{}），请先用 zwfw-audit crawl 完成抓取",
            summary.stopped.unwrap_or_default()
        );
    }
    Ok(output)
}

fn crawl_to_folder(args: &CrawlArgs) -> Result<(crawl::CrawlSummary, PathBuf)> {
    let mut profile = Profile::load(&args.profile)?;
    if let Some(base) = &args.base_url {
        profile.base_url.clone_from(base);
    }
    if let Some(ms) = args.interval_ms {
        profile.net.min_interval_ms = ms;
    }
    if let Some(n) = args.concurrency {
        profile.net.per_host_concurrency = n.max(1);
    }
    let compiled = Arc::new(profile.compile()?);
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(default_folder(&compiled.name)));
    let options = CrawlOptions {
        output_dir: output.clone(),
        ignore_robots: args.ignore_robots,
        max_fetches: args.max_pages,
        time_budget: args
            .budget_minutes
            .map(|m| Duration::from_secs_f64(m.max(0.0) * 60.0)),
    };
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(ProgressStyle::with_template("{spinner} [{elapsed}] {msg}")?);
    bar.enable_steady_tick(Duration::from_millis(200));
    let progress = Terminal {
        bar: bar.clone(),
        quiet: args.quiet,
        said: AtomicUsize::new(0),
        log_lines: super::LogLines::new(args.quiet, LOG_EVERY),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")?;
    // Ctrl+C stops the crawl where it is: every page read so far is in the journal, and the next
    // run into the folder goes on from there. Said, rather than the process vanishing mid-line.
    let summary = runtime.block_on(async {
        tokio::select! {
            summary = crawl::crawl(compiled, &options, &progress) => summary.map(Some),
            _ = tokio::signal::ctrl_c() => Ok(None),
        }
    })?;
    bar.finish_and_clear();
    let Some(summary) = summary else {
        // The crawl's tasks are dropped with the runtime, before anything is said.
        drop(runtime);
        say!(
            "抓取已中断（Ctrl+C）。已读到的页面都已保存，再次运行同一命令会从中断处继续: {}",
            output.display()
        );
        std::process::exit(INTERRUPTED);
    };
    if !args.quiet {
        let s = &summary.stats;
        // 续抓前已完成 only for a pass resumed: 0 there on every fresh pass read as a fault.
        let resumed = match (s.resumed, s.failed_before) {
            (0, _) => String::new(),
            (n, 0) => format!("，续抓前已完成 {n}"),
            (n, f) => format!("，续抓前已完成 {n}，其中失败 {f}"),
        };
        say!(
            "{}: 抓取 {} 个网址（未修改 {}，失败 {}，跳过 {}{resumed}），HTTP 请求 {} 次，用时 {:.1} 秒（{:.1} 页/秒）",
            if !summary.short_lists.is_empty() {
                "抓取结束，但列表没有读全"
            } else if !summary.complete {
                "抓取暂停"
            } else if summary.failed_lists.is_empty() {
                "抓取完成"
            } else {
                "抓取结束，但有列表页无法读取"
            },
            s.fetched,
            s.not_modified,
            s.failed,
            s.skipped,
            s.requests,
            s.elapsed.as_secs_f64(),
            s.rate()
        );
        say!(
            "事项 {} 个，无法读取的页面 {} 个；结果在 {}（items.ndjson、unreadable.ndjson、crawl-log.csv）",
            summary.items,
            summary.unreadable,
            output.display()
        );
        if s.failed_before > 0 {
            say!(
                "注意: 续抓前失败的 {} 个网址本轮不再重抓，仍算失败（原因见 crawl-log.csv）；本轮抓完后再次运行会开始新一轮，重新请求它们",
                s.failed_before
            );
        }
        if !summary.failed_lists.is_empty() {
            say!(
                "注意: {} 个列表页无法读取，这些页上列出的事项可能没有抓全: {}",
                summary.failed_lists.len(),
                crawl::status::list_pages(&summary.failed_lists)
            );
        }
        if !summary.carried.is_empty() {
            say!(
                "注意: {} 个指南页这次没有读到（超时、网站出错或维护），沿用之前读到的内容，见 crawl-log.csv",
                summary.carried.len()
            );
        }
        if summary.unread_sections > 0 {
            say!(
                "注意: {} 个指南页有「申请材料」「办理流程」或「常见问题」标题，却没有读到其中的行（crawl-log.csv 的说明列写明是哪一项）；请核对站点配置的 section_selector、label_selector（见 profiles/README.md）",
                summary.unread_sections
            );
        }
        if summary.items == 0 {
            say!(
                "注意: 没有抓到任何事项，请查看 crawl-log.csv 中的失败和跳过原因（列表页的「说明」列写着找到几个指南链接），并核对站点配置。"
            );
        }
        if !summary.short_lists.is_empty() {
            say!(
                "注意: {}（{}）；抓到的事项照常检查，但不是平台的全部事项",
                summary.short_lists[0].reason,
                summary.short_lists[0].url
            );
        } else if !summary.complete {
            say!("再次运行同一命令即可从中断处继续。");
        }
    }
    Ok((summary, output))
}

/// Exit code of a crawl stopped by Ctrl+C, as shells give a process ended by SIGINT.
const INTERRUPTED: i32 = 130;

/// The default output folder's name for a profile named `name`: `crawl-<name>`, one folder even
/// when the name holds a path separator or a character Windows refuses (`池州/市本级`).
fn default_folder(name: &str) -> String {
    let name: String = name
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("crawl-{name}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_profile_name_makes_one_folder() {
        assert_eq!(super::default_folder("池州"), "crawl-池州");
        assert_eq!(super::default_folder("池州/市本级"), "crawl-池州_市本级");
        assert_eq!(super::default_folder(" a\\b:c "), "crawl-a_b_c");
    }
}
