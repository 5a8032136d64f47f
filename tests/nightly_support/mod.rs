//! Shared by the `audit` command-line tests: the three fixture nights and a working folder whose
//! configuration keeps only the phone rules B13–B15 the fixtures were written for (rules added
//! later do not change the counts).

#![allow(dead_code)]

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
    let audit = format!(
        "inputs = [{:?}]\n{audit_extra}",
        fixture("night1.json").display().to_string()
    );
    workdir_with(&audit, &["B13", "B14", "B15"])
}

/// A working folder with `zwfw-audit.toml` whose `[audit]` section is `audit` and whose rules are
/// `rules` only.
pub fn workdir_with(audit: &str, rules: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = format!("[audit]\n{audit}\n[rules]\n");
    for rule in zwfw_audit::rules::REGISTRY {
        let id = rule.meta().id;
        if !rules.contains(&id) {
            writeln!(config, "{id} = \"off\"").unwrap();
        }
    }
    std::fs::write(dir.path().join("zwfw-audit.toml"), config).unwrap();
    dir
}

/// Writes the items of the night-1 fixture, each changed by `edit`, as `path`.
pub fn write_night1_with(path: &Path, edit: impl Fn(&mut serde_json::Value)) {
    let text = std::fs::read_to_string(fixture("night1.json")).unwrap();
    let mut night: serde_json::Value = serde_json::from_str(&text).unwrap();
    for item in night["items"].as_array_mut().unwrap() {
        edit(item);
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&night).unwrap()).unwrap();
}

/// `zwfw-audit audit` in `dir` with its `zwfw-audit.toml`, as run `id` at time `at` (RFC 3339).
pub fn audit(dir: &Path, id: &str, at: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("zwfw-audit").unwrap();
    cmd.current_dir(dir).args([
        "audit",
        "--config",
        "zwfw-audit.toml",
        "--run-id",
        id,
        "--at",
        at,
    ]);
    cmd
}

/// The JSON report of run `id` in `dir`'s `reports/`.
pub fn report(dir: &Path, id: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("reports").join(id).join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}
