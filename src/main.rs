//! The `zwfw-audit` binary: parse arguments, run, map the result to an exit code
//! (0 clean, 1 findings at or above the threshold, 2 the run could not be done).

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: a check allocates and frees many small strings per
/// item on every thread, and glibc's malloc spent ≈ 20 % of a rule-less streaming run on that
/// (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = zwfw_audit::cli::Cli::parse();
    match zwfw_audit::cli::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(e) => {
            eprintln!("错误: {e:#}");
            ExitCode::from(2)
        }
    }
}
