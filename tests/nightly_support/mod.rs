//! Shared by the `audit` command-line tests: the three fixture nights and a working folder whose
//! configuration keeps only the phone rules B13–B15 the fixtures were written for (rules added
//! later do not change the counts).

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// A file of `fixtures/history/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/history")
        .join(name)
}

/// A working folder with `zwfw-audit.toml` naming night 1 as the input; `audit_extra` is added to
/// its `[audit]` section (e.g. `trend_runs = 5\n`).
pub fn workdir(audit_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = format!(
        "[audit]\ninputs = [{:?}]\n{audit_extra}\n[rules]\n",
        fixture("night1.json").display().to_string()
    );
    for rule in zwfw_audit::rules::REGISTRY {
        let id = rule.meta().id;
        if !["B13", "B14", "B15"].contains(&id) {
            writeln!(config, "{id} = \"off\"").unwrap();
        }
    }
    std::fs::write(dir.path().join("zwfw-audit.toml"), config).unwrap();
    dir
}
