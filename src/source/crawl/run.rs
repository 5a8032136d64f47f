//! One run of a crawl ([`crawl`]): the journal opened and the frontier rebuilt, robots.txt of
//! the base host, then pages visited with bounded concurrency until the frontier is empty or a
//! limit or the time budget stops the run; at the end the result files and the status.
//!
//! Not here: whether a URL may be fetched (`gate`), visiting one page (`visit`), the options,
//! counts and errors (`mod.rs`).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use tokio::task::JoinSet;

use super::gate::{gate, write_rules};
use super::{
    CompiledProfile, CrawlError, CrawlOptions, CrawlProgress, CrawlStats, CrawlSummary, PageKind,
    PageRecord, PageStatus, RobotsMap, Target, html, journal, list, profile, robots, state_err,
    status, visit,
};
use crate::net::{Fetcher, host_key};

/// Runs (or resumes) a crawl. Call it inside a tokio runtime.
pub async fn crawl(
    profile: Arc<CompiledProfile>,
    options: &CrawlOptions,
    progress: &dyn CrawlProgress,
) -> Result<CrawlSummary, CrawlError> {
    let started = Instant::now();
    let deadline = options.time_budget.map(|b| tokio::time::Instant::now() + b);
    let mut journal =
        journal::Journal::open(&options.output_dir, &profile.name).map_err(state_err)?;
    let mut stats = CrawlStats::default();
    let pass = journal.pass;
    status::CrawlStatus::mark_running(&options.output_dir, pass).map_err(state_err)?;
    let mut fetcher = Arc::new(Fetcher::new(profile.net.clone())?);

    // The frontier: start pages, then every link of a done page of this pass not done yet.
    let mut queue: VecDeque<journal::Target> = VecDeque::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, l) in profile.lists.iter().enumerate() {
        if let Some(url) = profile.list_page_url(i, l.source.first_page) {
            let kind = match l.source.kind {
                profile::ListKind::Html => PageKind::HtmlList,
                profile::ListKind::Json => PageKind::JsonList,
            };
            enqueue(
                &mut queue,
                &mut seen,
                Target {
                    url: url.to_string(),
                    kind,
                    list: i,
                    page: l.source.first_page,
                    linked: false,
                },
            );
        }
    }
    let mut repeats = list::Repeats::default();
    let mut gaps = list::Gaps::default();
    for r in journal.pass_records() {
        repeats.note(r);
        gaps.note(r, |u| journal.is_done(u));
    }
    if journal.resumed {
        let links: Vec<Target> = journal
            .pass_records()
            .flat_map(|r| r.links.clone())
            .collect();
        for l in links {
            enqueue(&mut queue, &mut seen, l);
        }
        stats.resumed = journal.done.len() as u64;
        stats.failed_before = journal
            .pass_records()
            .filter(|r| r.status == PageStatus::Failed)
            .count() as u64;
        stats.items = journal.pass_records().filter(|r| r.item.is_some()).count() as u64;
        let failed = if stats.failed_before > 0 {
            format!("（其中失败 {} 个，本轮不再重抓）", stats.failed_before)
        } else {
            String::new()
        };
        progress.notice(&format!(
            "继续上次未完成的抓取（第{pass}轮）: 已完成 {} 个网址{failed}",
            stats.resumed
        ));
    }
    queue.retain(|t| !journal.is_done(&t.url));

    let robots: Arc<RobotsMap> = Arc::default();
    if options.ignore_robots {
        let message = "已按 --ignore-robots 忽略 robots.txt（请确认已获网站许可）";
        progress.notice(message);
        let mut robots_url = profile
            .base
            .join("/robots.txt")
            .unwrap_or_else(|_| profile.base.clone());
        robots_url.set_query(None);
        let mut rec = visit::failed_record(
            pass,
            &Target {
                url: robots_url.to_string(),
                kind: PageKind::Robots,
                list: 0,
                page: 0,
                linked: false,
            },
        );
        rec.status = PageStatus::Skipped;
        message.clone_into(&mut rec.message);
        rec.at = jiff::Timestamp::now().to_string();
        journal.log_row(&rec).map_err(state_err)?;
    } else {
        // The base host first, so that a Crawl-delay can still slow the fetcher down.
        let (rules, rec) = robots::fetch(&fetcher, &profile.base, pass).await;
        journal.log_row(&rec).map_err(state_err)?;
        if rec.status == PageStatus::Failed {
            progress.notice(&rec.message);
        }
        if let Some(delay) = rules.delay() {
            let ms = (f64::from(delay) * 1000.0) as u64;
            if ms > profile.net.min_interval_ms {
                let mut net = profile.net.clone();
                net.min_interval_ms = ms;
                fetcher = Arc::new(Fetcher::new(net)?);
                progress.notice(&format!(
                    "robots.txt 要求 Crawl-delay {delay} 秒，已放慢请求"
                ));
            }
        }
        write_rules(&robots).insert(host_key(&profile.base), rules);
    }

    let concurrency =
        profile.net.per_host_concurrency.max(1) * profile.net.allowed_hosts.len().max(1);
    let mut tasks: JoinSet<PageRecord> = JoinSet::new();
    let mut in_flight: HashMap<tokio::task::Id, Target> = HashMap::new();
    let mut launched = 0u64;
    let mut stopped: Option<String> = None;
    loop {
        while stopped.is_none() && tasks.len() < concurrency {
            if options.max_fetches.is_some_and(|m| launched >= m) {
                if !queue.is_empty() {
                    stopped = Some(format!("已达到本次抓取上限 {launched} 个网址"));
                }
                break;
            }
            if deadline.is_some_and(|d| tokio::time::Instant::now() >= d) {
                stopped = Some("已用完抓取时间预算".into());
                break;
            }
            let Some(t) = queue.pop_front() else { break };
            if let Some(rec) = gate(
                &t,
                &fetcher,
                &robots,
                options.ignore_robots,
                pass,
                &mut journal,
                progress,
            )
            .await?
            {
                stats.skipped += 1;
                let gap = settle(&mut gaps, &rec, &profile, &mut stats);
                finish_all(
                    &mut journal,
                    &mut stats,
                    gap.into_iter().chain([rec]),
                    progress,
                    &mut queue,
                    &mut seen,
                )?;
                continue;
            }
            launched += 1;
            let prev = journal.latest.get(&t.url).cloned();
            let handle = tasks.spawn(visit::visit(
                fetcher.clone(),
                profile.clone(),
                t.clone(),
                prev,
                pass,
                robots.clone(),
            ));
            in_flight.insert(handle.id(), t);
        }
        if tasks.is_empty() {
            break;
        }
        let next = tasks.join_next_with_id();
        let joined = if let Some(d) = deadline {
            if let Ok(j) = tokio::time::timeout_at(d, next).await {
                j
            } else {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                stopped = Some("已用完抓取时间预算，进行中的网址下次重新抓取".into());
                break;
            }
        } else {
            next.await
        };
        let rec = match joined {
            None => continue,
            Some(Ok((id, rec))) => {
                in_flight.remove(&id);
                rec
            }
            Some(Err(e)) => {
                // A task that panicked still leaves a record: the URL is never silently missing.
                let Some(target) = in_flight.remove(&e.id()) else {
                    continue;
                };
                let mut rec = visit::failed_record(pass, &target);
                rec.message = format!("内部错误: {e}");
                rec.at = jiff::Timestamp::now().to_string();
                rec
            }
        };
        stats.fetched += 1;
        match rec.status {
            PageStatus::NotModified => stats.not_modified += 1,
            PageStatus::Failed => stats.failed += 1,
            PageStatus::Skipped => stats.skipped += 1,
            PageStatus::Ok => {}
        }
        if rec.item.is_some() {
            stats.items += 1;
        }
        let mut rec = rec;
        repeats.check(&mut rec);
        if let Some(message) = list::notice(&profile, &rec) {
            progress.notice(&message);
        }
        stats.requests = fetcher.requests_sent();
        stats.elapsed = started.elapsed();
        if let Some(next) = gaps.hold(&rec, |u| journal.is_done(u) || seen.contains(u)) {
            // Not a failure until the next number is read (see `list::Gaps`).
            stats.failed -= 1;
            enqueue(&mut queue, &mut seen, next);
            continue;
        }
        let gap = settle(&mut gaps, &rec, &profile, &mut stats);
        finish_all(
            &mut journal,
            &mut stats,
            gap.into_iter().chain([rec]),
            progress,
            &mut queue,
            &mut seen,
        )?;
    }
    for gap in gaps.drain() {
        stats.failed += 1;
        finish(
            &mut journal,
            &mut stats,
            gap,
            progress,
            &mut queue,
            &mut seen,
        )?;
    }
    let mut complete = stopped.is_none() && queue.is_empty();
    let mut short_lists = Vec::new();
    if complete {
        // Every page was read: the pass is done, and the next run starts a new one. A JSON list
        // that gave fewer entries than its total still leaves the items incomplete.
        journal.finish_pass().map_err(state_err)?;
        short_lists = list::short_lists(&profile, journal.pass_records());
        for s in &short_lists {
            progress.notice(&format!("{}（{}）", s.reason, s.url));
        }
        if !short_lists.is_empty() {
            complete = false;
            stopped = Some(
                short_lists
                    .iter()
                    .map(|s| s.reason.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
            );
        }
    } else if let Some(s) = &stopped {
        progress.notice(&format!("{s}；再次运行同一命令即可继续"));
    }
    let (items, unreadable) = journal.write_outputs().map_err(state_err)?;
    let failed_lists: Vec<status::FailedList> = journal
        .pass_records()
        .filter(|r| {
            matches!(r.target.kind, PageKind::HtmlList | PageKind::JsonList)
                && matches!(r.status, PageStatus::Failed | PageStatus::Skipped)
        })
        .map(|r| status::FailedList {
            url: r.target.url.clone(),
            reason: format!("{}: {}", r.status.label_zh(), r.message),
        })
        .collect();
    let unread_sections = journal
        .pass_records()
        .filter(|r| r.target.kind == PageKind::Guide && r.message.contains(html::UNREAD))
        .count();
    let carried: Vec<status::FailedList> = journal
        .pass_records()
        .filter(|r| r.stale_since.is_some() && r.item.is_some())
        .map(|r| status::FailedList {
            url: r.target.url.clone(),
            reason: r.message.clone(),
        })
        .collect();
    status::CrawlStatus {
        profile: profile.name.clone(),
        pass,
        complete,
        stopped: stopped.clone(),
        failed_lists: failed_lists.clone(),
        carried: carried.clone(),
        running: None,
        items,
        unreadable,
        at: jiff::Timestamp::now().to_string(),
    }
    .write(&options.output_dir)
    .map_err(state_err)?;
    stats.requests = fetcher.requests_sent();
    stats.elapsed = started.elapsed();
    stats.queued = queue.len();
    Ok(CrawlSummary {
        stats,
        complete,
        stopped,
        items,
        unreadable,
        failed_lists,
        carried,
        short_lists,
        unread_sections,
        output_dir: options.output_dir.clone(),
    })
}

fn enqueue(queue: &mut VecDeque<Target>, seen: &mut HashSet<String>, t: Target) {
    if seen.insert(t.url.clone()) {
        queue.push_back(t);
    }
}

/// The linked list page held for `next` ([`list::Gaps`]), to record before it: the list's end
/// when `next` ended the list, else a failed list page (counted as one now).
fn settle(
    gaps: &mut list::Gaps,
    next: &PageRecord,
    profile: &CompiledProfile,
    stats: &mut CrawlStats,
) -> Option<PageRecord> {
    let gap = gaps.settle(next, profile)?;
    if gap.status == PageStatus::Failed {
        stats.failed += 1;
    }
    Some(gap)
}

/// Records finished URLs in order (a held list page before the page that settled it).
fn finish_all(
    journal: &mut journal::Journal,
    stats: &mut CrawlStats,
    recs: impl IntoIterator<Item = PageRecord>,
    progress: &dyn CrawlProgress,
    queue: &mut VecDeque<Target>,
    seen: &mut HashSet<String>,
) -> Result<(), CrawlError> {
    for rec in recs {
        finish(journal, stats, rec, progress, queue, seen)?;
    }
    Ok(())
}

/// Records a finished URL and queues what it led to.
fn finish(
    journal: &mut journal::Journal,
    stats: &mut CrawlStats,
    rec: PageRecord,
    progress: &dyn CrawlProgress,
    queue: &mut VecDeque<Target>,
    seen: &mut HashSet<String>,
) -> Result<(), CrawlError> {
    for l in &rec.links {
        if !journal.is_done(&l.url) {
            enqueue(queue, seen, l.clone());
        }
    }
    stats.queued = queue.len();
    progress.page(&rec, stats);
    journal.record(rec).map_err(state_err)
}
