//! `zwfw-audit gen`: write synthetic 实施清单 for benchmarks and load tests.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::ignore_broken_pipe;
use crate::r#gen::{GenOptions, write_ndjson};

/// Output format of the generator.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum GenFormat {
    /// One item per line (streams; constant memory)
    Ndjson,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// 事项数量
    #[arg(long)]
    count: u64,
    /// 随机种子: the same seed gives the same file
    #[arg(long)]
    seed: u64,
    /// 含错事项比例 (0–1): share of items with 1–3 injected defects
    #[arg(long, default_value_t = 0.3)]
    defect_rate: f64,
    /// 输出格式 (XLSX follows once the XLSX export writer is merged)
    #[arg(long, value_enum, default_value = "ndjson")]
    format: GenFormat,
    /// 输出文件, or `-` for stdout
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: &GenArgs) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.defect_rate) {
        bail!("--defect-rate 应在 0 到 1 之间: {}", args.defect_rate);
    }
    let opts = GenOptions {
        seed: args.seed,
        defect_rate: args.defect_rate,
    };
    match args.format {
        GenFormat::Ndjson => {
            if args.output.as_os_str() == "-" {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                write_ndjson(opts, args.count, &mut out)
                    .and_then(|()| out.flush())
                    .or_else(ignore_broken_pipe)?;
            } else {
                let path = &args.output;
                let file = std::fs::File::create(path)
                    .with_context(|| format!("无法写入 {}", path.display()))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
                write_ndjson(opts, args.count, &mut out)
                    .and_then(|()| out.flush())
                    .with_context(|| format!("无法写入 {}", path.display()))?;
            }
        }
    }
    Ok(0)
}
