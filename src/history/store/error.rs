//! SQLite errors on the store, their usual causes said in Chinese.

use std::path::Path;

use crate::history::HistoryError;

/// A SQLite error on the store (or its lock file `path`), its cause said in Chinese.
pub(in crate::history) fn sql_err(path: &Path, source: rusqlite::Error) -> HistoryError {
    HistoryError::Sqlite {
        path: path.to_owned(),
        source: in_chinese(path, source),
    }
}

/// The usual SQLite failures of a store file (cannot open, read-only, disk full, locked, not a
/// database) with a Chinese message that says what to do, keeping SQLite's code; any other keeps
/// SQLite's English, marked as quoted. The message is all that is shown: `cli::describe` leaves
/// out SQLite's `Error code N: …` below it.
fn in_chinese(path: &Path, source: rusqlite::Error) -> rusqlite::Error {
    use rusqlite::ErrorCode as Code;
    let rusqlite::Error::SqliteFailure(error, _) = &source else {
        return source;
    };
    let error = *error;
    let reason = match error.code {
        Code::CannotOpen if path.is_dir() => {
            "这个路径是文件夹，不是文件：[audit] store 要写成文件名，如 reports/history.sqlite"
                .to_owned()
        }
        Code::CannotOpen => {
            "无法打开历史库文件：文件夹不存在或没有写权限（请检查 [audit] store 或 --store 的路径，或换一个可写的文件夹）"
                .to_owned()
        }
        Code::ReadOnly => {
            "历史库文件是只读的，无法写入：请检查文件和所在文件夹的写权限（不要放在只读的磁盘或共享文件夹上）"
                .to_owned()
        }
        Code::DiskFull => {
            "磁盘已满，无法写入历史库：请清理磁盘空间，或用 zwfw-audit audit prune 清理旧的运行"
                .to_owned()
        }
        Code::DatabaseBusy | Code::DatabaseLocked => {
            "历史库正被其他程序占用（可能是另一个 zwfw-audit，或同步盘、杀毒软件锁住了文件），请稍后再试"
                .to_owned()
        }
        Code::NotADatabase | Code::DatabaseCorrupt => {
            "文件不是 zwfw-audit 的历史库，或已损坏：请确认 [audit] store 指向的文件；已损坏时可把它改名留存，再运行会新建历史库（之前的运行不再用于对比）"
                .to_owned()
        }
        Code::PermissionDenied => {
            "没有权限访问历史库文件（请检查文件和所在文件夹的读写权限）".to_owned()
        }
        Code::SystemIoFailure => {
            "读写历史库文件时出错（磁盘故障，或历史库放在网络共享文件夹上；请放在本机磁盘上）"
                .to_owned()
        }
        _ => format!("SQLite 出错（原文：{source}；{error}）"),
    };
    rusqlite::Error::SqliteFailure(error, Some(reason))
}

pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
