//! The `zwfw-audit` binary: parse arguments, run, map the result to an exit code
//! (0 clean, 1 findings at or above the threshold, 2 the run could not be done).

use std::io::Write as _;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a check allocates and frees many small strings per
/// item on every thread, and glibc's malloc spent ≈ 20 % of a rule-less streaming run on that
/// (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    // Help, version and usage errors are printed there, in Chinese, with clap's exit codes.
    let cli = match zwfw_audit::cli::parse_args(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    match zwfw_audit::cli::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(e) => {
            // Best effort, as every message of the run (a closed pipe is not a crash).
            let _ = writeln!(
                std::io::stderr().lock(),
                "错误: {}",
                zwfw_audit::cli::describe(&e)
            );
            ExitCode::from(2)
        }
    }
}

/// Transparent huge pages off for this process. mimalloc asks the kernel for them on every region
/// it maps, and a run that holds its items in memory (XLSX and CSV inputs, `--no-stream`) then
/// spent about as long in the kernel as in its own code, most of it zeroing 2 MB pages on page
/// faults. At 10^5 items from an XLSX export on 2 threads, system time was 2.7–6.9 s against
/// 1.6–2.4 s with 4 KB pages, and the run 9.8–14.3 s against 8.5–9.7 s; streaming NDJSON took the
/// same time and 40 MB less memory (BENCHMARKS.md, session 12). A kernel without the setting is
/// left as it is.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}
