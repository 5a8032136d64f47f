//! The `waive`, `unwaive` and `waivers` subcommands: the 豁免 (waivers) kept in the history store.

use std::io::Write;

use anyhow::{Result, bail};

use super::{StoreArgs, open_store};
use crate::cli::ignore_broken_pipe;
use crate::history::{RunTime, Waiver};

pub(super) fn waive(args: &StoreArgs, fingerprint: &str, reason: &str, until: &str) -> Result<i32> {
    let (store, _) = open_store(args)?;
    let fingerprint = fingerprint.trim().to_ascii_lowercase();
    let fingerprint = fingerprint.as_str();
    if reason.trim().is_empty() {
        bail!("请用 --reason 写明豁免理由");
    }
    let now = RunTime::now();
    let waiver = Waiver {
        fingerprint: fingerprint.to_owned(),
        reason: reason.trim().to_owned(),
        until: until.trim().to_owned(),
        created_at: now.text.clone(),
    };
    let earlier = store
        .waivers()?
        .into_iter()
        .find(|w| w.fingerprint == waiver.fingerprint);
    store.add_waiver(&waiver)?;
    if let Some(w) = earlier {
        say!(
            "注意: 这个问题原来已豁免至 {}（理由：{}），已改为新的有效期和理由",
            w.until,
            w.reason
        );
    }
    if !waiver.is_active(now.date) {
        say!("注意: 有效期 {} 已过，这条豁免不会生效", waiver.until);
    }
    if let Some((unit, code, message)) = store.latest_finding(fingerprint)? {
        println!("已豁免至 {}: {unit} {code} — {message}", waiver.until);
    } else {
        say!(
            "注意: 最近的运行中没有指纹为 {fingerprint} 的问题；豁免已记录，下次运行会报告它是否匹配"
        );
    }
    Ok(0)
}

pub(super) fn unwaive(args: &StoreArgs, fingerprint: &str) -> Result<i32> {
    let (store, _) = open_store(args)?;
    let fingerprint = fingerprint.trim().to_ascii_lowercase();
    if store.remove_waiver(&fingerprint)? {
        println!("已取消豁免 {fingerprint}");
        Ok(0)
    } else {
        bail!("没有指纹为 {fingerprint} 的豁免");
    }
}

pub(super) fn list(args: &StoreArgs) -> Result<i32> {
    let (store, _) = open_store(args)?;
    let today = RunTime::now().date;
    let mut out = std::io::stdout().lock();
    writeln!(out, "指纹\t有效期\t状态\t理由").or_else(ignore_broken_pipe)?;
    for w in store.waivers()? {
        let state = if w.is_active(today) {
            "有效"
        } else {
            "已过期"
        };
        writeln!(
            out,
            "{}\t至 {}\t{state}\t{}",
            w.fingerprint, w.until, w.reason
        )
        .or_else(ignore_broken_pipe)?;
    }
    Ok(0)
}
