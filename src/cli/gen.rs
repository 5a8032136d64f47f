//! `zwfw-audit gen`: write synthetic 实施清单 for benchmarks and load tests.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::ignore_broken_pipe;
use crate::r#gen::sheets::write_xlsx;
use crate::r#gen::{GenOptions, Order, generate, write_json_array_in, write_ndjson_in};

/// Output format of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GenFormat {
    /// One item per line (streams; constant memory)
    Ndjson,
    /// One JSON array of items, as platforms export JSON (written as generated; constant memory)
    Json,
    /// A platform-style export workbook: an item sheet and one sheet per sub-table (holds every
    /// item in memory; up to about 10^5 items, Excel's row limit)
    Xlsx,
}

/// The order items are written in.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum GenOrder {
    /// 按目录: each catalogue item's claims close together (a department's export)
    Catalogue,
    /// 按区划: every item of one region before the next region's (a province's export by 区划)
    Region,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// 生成多少个事项
    #[arg(long, value_name = "数量")]
    count: u64,
    /// 随机种子，同一种子生成同样的文件
    #[arg(long, value_name = "种子")]
    seed: u64,
    /// 含错事项的比例（0–1），每个含错事项有 1–3 处错误（默认: 0.3）
    #[arg(long, default_value_t = 0.3, value_name = "比例")]
    defect_rate: f64,
    /// 本地修改比例（0–1）: 认领母版后改写一个母版要素（受理条件、申请材料、
    /// 办理流程、常见问题，各自抽取）的概率（默认: 0.1）
    #[arg(long, default_value_t = 0.1, value_name = "比例", verbatim_doc_comment)]
    local_edit_rate: f64,
    /// 输出格式: ndjson 每行一个事项（边生成边写，占内存少），json 一个
    /// 事项数组（平台导出的 JSON 样式，也是边生成边写），xlsx 平台导出样式
    /// 的多表 Excel（全部事项放在内存中，最多约 10 万个）（默认: ndjson）
    #[arg(
        long,
        value_enum,
        default_value = "ndjson",
        value_name = "格式",
        verbatim_doc_comment
    )]
    format: GenFormat,
    /// 排列顺序: catalogue 按目录（同一母版的认领相邻），region 按区划
    /// （一个区划的事项写完再写下一个）（默认: catalogue）
    #[arg(
        long,
        value_enum,
        default_value = "catalogue",
        value_name = "顺序",
        verbatim_doc_comment
    )]
    order: GenOrder,
    /// 输出文件；写 - 则输出到标准输出（只限 ndjson、json）
    #[arg(short, long, value_name = "文件")]
    output: PathBuf,
}

pub fn run(args: &GenArgs) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.defect_rate) {
        bail!("--defect-rate 应在 0 到 1 之间: {}", args.defect_rate);
    }
    if !(0.0..=1.0).contains(&args.local_edit_rate) {
        bail!(
            "--local-edit-rate 应在 0 到 1 之间: {}",
            args.local_edit_rate
        );
    }
    let opts = GenOptions {
        seed: args.seed,
        defect_rate: args.defect_rate,
        local_edit_rate: args.local_edit_rate,
    };
    let order = match args.order {
        GenOrder::Catalogue => Order::Catalogue,
        GenOrder::Region => Order::Region,
    };
    match args.format {
        GenFormat::Ndjson | GenFormat::Json => {
            let write = if args.format == GenFormat::Json {
                write_json_array_in
            } else {
                write_ndjson_in
            };
            if args.output.as_os_str() == "-" {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                write(opts, args.count, order, &mut out)
                    .and_then(|()| out.flush())
                    .or_else(ignore_broken_pipe)?;
            } else {
                let path = &args.output;
                let file = std::fs::File::create(path)
                    .with_context(|| format!("无法写入 {}", path.display()))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
                write(opts, args.count, order, &mut out)
                    .and_then(|()| out.flush())
                    .with_context(|| format!("无法写入 {}", path.display()))?;
            }
        }
        GenFormat::Xlsx => {
            if args.output.as_os_str() == "-" {
                bail!("XLSX 不能写到标准输出，请用 -o 指定 .xlsx 文件");
            }
            let items: Vec<_> = (0..args.count)
                .map(|p| generate(opts, order.index(args.seed, args.count, p)).item)
                .collect();
            let path = &args.output;
            write_xlsx(&items, "政务服务事项实施清单（模拟数据）", path).map_err(|e| {
                match e {
                    rust_xlsxwriter::XlsxError::RowColumnLimitError => anyhow::anyhow!(
                        "{} 个事项的子表超过 Excel 的行数上限（1048576 行），请减少 --count 或改用 --format ndjson",
                        args.count
                    ),
                    e => anyhow::anyhow!("无法写入 {}: {e}", path.display()),
                }
            })?;
        }
    }
    Ok(0)
}
