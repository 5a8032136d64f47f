//! Regenerates `fixtures/exports/sample.xlsx` from `fixtures/exports/sample.json`:
//! `cargo run --example make_sample_exports`. The layout is [`zwfw_audit::gen::sheets`]; every
//! cell is text and the creation time is fixed, so the file is reproducible.

use std::path::Path;

use anyhow::{Context, Result};
use zwfw_audit::r#gen::sheets::write_xlsx;
use zwfw_audit::model::Item;

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/exports");
    let json = std::fs::read_to_string(root.join("sample.json")).context("read sample.json")?;
    let items: Vec<Item> = serde_json::from_str(&json).context("parse sample.json")?;
    let out = root.join("sample.xlsx");
    write_xlsx(&items, "池州市政务服务事项实施清单（样例）", &out)
        .with_context(|| format!("write {}", out.display()))?;
    eprintln!("wrote {} ({} items)", out.display(), items.len());
    Ok(())
}
