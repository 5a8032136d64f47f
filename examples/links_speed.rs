//! Links checked per second against a local server (127.0.0.1, started here), with the default
//! politeness and with politeness off.
//!
//! `cargo run --example links_speed -- 200` (number of distinct URLs, default 200; add `off` to
//! measure only with politeness off).

#[path = "../tests/links_server/mod.rs"]
mod links_server;

use zwfw_audit::links::{self, LinkUse, LinksConfig};
use zwfw_audit::model::{Item, Material};

fn measure(label: &str, srv: &links_server::Server, n: usize, config: &LinksConfig) {
    let items: Vec<Item> = (0..n)
        .map(|i| Item {
            name: "食品经营许可".into(),
            code: format!("E{i:04}"),
            materials: vec![Material {
                name: "食品经营许可申请书".into(),
                blank_form: srv.url(&format!("/f/{i}.docx")),
                ..Material::default()
            }]
            .into(),
            ..Item::default()
        })
        .collect();
    let uses: Vec<LinkUse> = links::collect_items(items.iter().enumerate());
    let run =
        links::check_links_blocking(uses, config, jiff::Timestamp::now(), &|_, _| {}).unwrap();
    let s = &run.stats;
    println!(
        "{label}: {} links in {:.2} s = {:.1} links/s ({} requests, ok {}, broken {}, unverifiable {})",
        s.urls,
        s.elapsed_secs,
        s.urls as f64 / s.elapsed_secs,
        s.requests,
        s.ok,
        s.broken,
        s.unverifiable
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let only_off = args.iter().any(|a| a == "off");
    let srv = links_server::Server::start();
    let base = |dir: &std::path::Path| LinksConfig {
        allowed_hosts: vec!["127.0.0.1".into()],
        cache_dir: dir.to_owned(),
        ..LinksConfig::default()
    };
    if !only_off {
        let dir = tempfile::tempdir().unwrap();
        measure(
            "default politeness (2 per host, 500 ms apart)",
            &srv,
            n,
            &base(dir.path()),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    measure(
        "politeness off (64 per host, no interval)",
        &srv,
        n,
        &LinksConfig {
            per_host_concurrency: Some(64),
            min_interval_ms: Some(0),
            concurrency: 64,
            ..base(dir.path())
        },
    );
}
