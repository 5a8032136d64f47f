//! The build's identity for the history store's result cache: a hash of the crate's source and
//! embedded data (`ZWFW_SOURCE_HASH`). A nightly run reuses an unchanged item's earlier result
//! only when the configuration hash matches, and the package version is not bumped with every
//! change to a rule: without this, a new build would keep serving the old rules' verdicts for
//! every item that did not change.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in ["src", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    all.sort();
    // SipHash with fixed keys: the same source gives the same hash with the same compiler.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for path in &all {
        path.hash(&mut hasher);
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rustc-env=ZWFW_SOURCE_HASH={:016x}", hasher.finish());
}
