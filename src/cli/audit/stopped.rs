//! A nightly run stopped by SIGTERM (`kill`, a shutdown, a cron daemon's time limit) or SIGINT
//! (Ctrl+C) says so before it ends: cron mails only what the tool prints, and a run that ends
//! without a word leaves the operator to find out from `audit runs` the next morning.
//!
//! A thread of its own waits for either signal and, when one comes, prints one line and ends the
//! process with 128 + the signal's number (143, 130), as the signal itself would have. Nothing
//! else is done on the way out, on purpose: the run lock goes with the process and the run's row
//! stays `running` (shown as 未完成（进程已结束）), exactly as after `kill -9`, which the store
//! is built to survive; the SQLite transaction in flight is never committed. Only on Unix; other
//! systems keep the default behaviour.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How far the run has come, for the line printed when it is stopped.
#[derive(Debug, Clone, Default)]
enum Stage {
    /// No run begun yet.
    #[default]
    Before,
    /// Run `id` is working; its reports go to `partial` until it is complete.
    Working { id: String, partial: PathBuf },
    /// Run `id` is complete (committed); its reports are being renamed to `dir`, the summary
    /// printed.
    Complete {
        id: String,
        partial: PathBuf,
        dir: PathBuf,
    },
}

/// Tells the waiting thread how far the run has come.
#[derive(Debug, Clone, Default)]
pub(super) struct Progress(Arc<Mutex<Stage>>);

impl Progress {
    fn set(&self, stage: Stage) {
        if let Ok(mut s) = self.0.lock() {
            *s = stage;
        }
    }

    /// Run `id` has begun; its reports go to `partial` until it is complete.
    pub(super) fn working(&self, id: &str, partial: PathBuf) {
        self.set(Stage::Working {
            id: id.to_owned(),
            partial,
        });
    }

    /// The run is complete in the store; its reports are to be named `dir`.
    pub(super) fn complete(&self, dir: PathBuf) {
        let stage = self.0.lock().map(|s| s.clone()).unwrap_or_default();
        if let Stage::Working { id, partial } = stage {
            self.set(Stage::Complete { id, partial, dir });
        }
    }

    /// The line printed when the run is stopped by `signal` (`SIGTERM`).
    fn line(&self, signal: &str) -> String {
        let stage = self.0.lock().map(|s| s.clone()).unwrap_or_default();
        match stage {
            Stage::Before => format!(
                "注意: 收到 {signal}，审核已中止：运行还没有开始检查，没有写入任何结果；下次运行照常与上一次已完成的运行对比"
            ),
            Stage::Working { id, partial } => format!(
                "注意: 收到 {signal}，运行 {id} 已中止：这次的结果没有写入历史库，audit runs 中显示为「未完成（进程已结束）」，不作为对比基准；\
                 下次运行照常与上一次已完成的运行对比。写了一半的报告留在 {}（可以删除；audit prune --reports 清理旧运行时也会删除）",
                partial.display()
            ),
            Stage::Complete { id, partial, dir } => format!(
                "注意: 收到 {signal}，运行 {id} 已完成（结果已写入历史库），但在整理报告时中止：报告在 {}，若没有，在 {}",
                dir.display(),
                partial.display()
            ),
        }
    }
}

/// Starts waiting for SIGTERM and SIGINT; returns what the run tells the waiting thread. The
/// signals are taken over before this returns, so one that comes right after is said too. When
/// they cannot be taken over, the run goes on without (the default: ended without a word).
pub(super) fn say_when_stopped() -> Progress {
    let progress = Progress::default();
    #[cfg(unix)]
    if let Err(e) = listen(progress.clone()) {
        say!("注意: 无法处理中止信号（{e}），运行被中止时不会另外说明");
    }
    progress
}

#[cfg(unix)]
fn listen(progress: Progress) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (mut term, mut int) = {
        let _entered = runtime.enter();
        (
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
        )
    };
    std::thread::Builder::new()
        .name("中止信号".into())
        .spawn(move || {
            let (name, number) = runtime.block_on(async {
                tokio::select! {
                    _ = term.recv() => ("SIGTERM", 15),
                    _ = int.recv() => ("SIGINT（Ctrl+C）", 2),
                }
            });
            say!("{}", progress.line(name));
            std::process::exit(128 + number);
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_how_far_the_run_had_come() {
        let p = Progress::default();
        assert!(p.line("SIGTERM").contains("运行还没有开始检查"));
        p.working(
            "20261120-020000",
            PathBuf::from("reports/20261120-020000.partial"),
        );
        let line = p.line("SIGTERM");
        assert!(line.contains("运行 20261120-020000 已中止"), "{line}");
        assert!(line.contains("未完成（进程已结束）"), "{line}");
        assert!(line.contains("reports/20261120-020000.partial"), "{line}");
        p.complete(PathBuf::from("reports/20261120-020000"));
        let line = p.line("SIGINT（Ctrl+C）");
        assert!(line.contains("已完成（结果已写入历史库）"), "{line}");
    }
}
