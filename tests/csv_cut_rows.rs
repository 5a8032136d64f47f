//! CSV rows that are not whole rows (h34): a line break typed into a cell without quotes splits a
//! row in two, and a file cut off in its last row (after some of its cells, or inside a quoted
//! cell); rows without their empty end cells are whole. Every item of the file still appears: read whole, or listed as unreadable with its file,
//! row and why, never checked with its cells in the wrong columns.

mod common {
    pub mod read;
}

use std::path::{Path, PathBuf};

use common::read::{Read, read};
use zwfw_audit::source::NoticeLevel;

const HEADER: &str =
    "实施编码,事项名称,实施主体,设定依据,承诺办结时限,办理地点,咨询电话,监督投诉电话";

/// Four items of 池州市, one line each, eight cells.
const ROWS: [&str; 4] = [
    "1134170000312541513000117035000,食品经营许可（新办）,池州市市场监督管理局,《中华人民共和国食品安全法》第三十五条,10个工作日,池州市长江中路89号池州市政务服务中心二楼8号窗口,0566-2021156,0566-12345",
    "1134170000312541513000117034000,食品生产许可（新办）,池州市市场监督管理局,《中华人民共和国食品安全法》第三十五条,10个工作日,池州市长江中路89号池州市政务服务中心二楼9号窗口,0566-2021163,0566-12345",
    "1134170000312541513000117022000,特种设备使用登记,池州市市场监督管理局,《中华人民共和国特种设备安全法》第三十三条,5个工作日,池州市长江中路89号池州市政务服务中心二楼11号窗口,0566-2021177,0566-12345",
    "11341700003128771H3000112008000,人力资源服务许可（设立）,池州市人力资源和社会保障局,《人力资源市场暂行条例》第十八条,10个工作日,池州市长江中路89号池州市政务服务中心三楼15号窗口,0566-2021205,0566-12345",
];

fn read_text(dir: &Path, text: &str) -> (Read, PathBuf) {
    let path = dir.join("事项基本信息.csv");
    std::fs::write(&path, text).unwrap();
    (read(std::slice::from_ref(&path)), path)
}

fn lines(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\r\n");
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    text
}

fn names(r: &Read) -> Vec<&str> {
    r.items.iter().map(|i| i.name.as_str()).collect()
}

/// Trips the split-row rule (c09): the second item's 设定依据 holds a line break without quotes.
/// Read as two rows, its second line became a fifth item named `第二款` and the second item lost
/// its 承诺办结时限, 办理地点 and phones, without a word.
#[test]
fn a_row_split_by_an_unquoted_line_break_is_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let split = ROWS[1].replace("第三十五条,", "第三十五条\r\n第二款,");
    let (r, path) = read_text(dir.path(), &lines(&[ROWS[0], &split, ROWS[2], ROWS[3]]));
    assert_eq!(
        names(&r),
        [
            "食品经营许可（新办）",
            "食品生产许可（新办）",
            "特种设备使用登记",
            "人力资源服务许可（设立）"
        ]
    );
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    let second = &r.items[1];
    assert_eq!(
        second.legal_basis,
        "《中华人民共和国食品安全法》第三十五条\n第二款"
    );
    assert_eq!(second.promised_limit, "10个工作日");
    assert_eq!(second.supervise_phone, "0566-12345");
    assert_eq!(second.provenance.row, Some(3));
    assert_eq!(
        r.items[2].provenance.row,
        Some(5),
        "rows are the file's lines"
    );
    let n = r.notice(
        "没有加引号的换行",
        NoticeLevel::Warning,
        &[
            "事项基本信息.csv",
            "第3行只有4列、第4行只有5列",
            "表头的8列",
            "D 列",
        ],
    );
    assert_eq!(n.provenance.source.as_ref(), path.display().to_string());
}

/// Should stay as read (h34 regression): exports that leave out a row's empty cells at its end
/// (no trailing commas) write whole rows of fewer cells; the cells there are in their columns. Two
/// such rows together as wide as the table are two rows when the second starts with its code (a
/// step without its time limit, then the next step), not one row broken by a line break.
#[test]
fn a_row_without_its_empty_end_cells_is_read_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    // Six cells: no phones.
    let short = ROWS[1].rsplitn(3, ',').nth(2).unwrap().to_owned();
    let (r, _) = read_text(dir.path(), &lines(&[ROWS[0], &short, ROWS[2], ROWS[3]]));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(r.items.len(), 4, "{:?}", r.notices);
    assert_eq!(r.items[1].name, "食品生产许可（新办）");
    assert_eq!(r.items[1].promised_limit, "10个工作日");
    assert_eq!(r.items[1].consult_phone, "");

    // Four cells and five cells: 4 + 5 − 1 = 8, but the second starts with its 实施编码.
    let four = ROWS[1].splitn(5, ',').take(4).collect::<Vec<_>>().join(",");
    let five = ROWS[2].splitn(6, ',').take(5).collect::<Vec<_>>().join(",");
    let (r, _) = read_text(dir.path(), &lines(&[ROWS[0], &four, &five, ROWS[3]]));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(
        names(&r),
        [
            "食品经营许可（新办）",
            "食品生产许可（新办）",
            "特种设备使用登记",
            "人力资源服务许可（设立）"
        ]
    );
    assert_eq!(r.items[2].promised_limit, "5个工作日");
    assert!(
        !r.notices.iter().any(|n| n.message.contains("换行")),
        "{:?}",
        r.notices
    );

    // A file of such rows whose last row also lacks its end cells and its line end: read too.
    let mut text = lines(&[ROWS[0], &short, ROWS[2]]);
    text.push_str(ROWS[3].rsplit_once(',').unwrap().0);
    let (r, _) = read_text(dir.path(), &text);
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(r.items.len(), 4, "{:?}", r.notices);
}

/// Trips the cut-end rule (c04b): the file ends after five of the last row's eight cells, with no
/// line end. The reason says the file ends there.
#[test]
fn a_file_cut_in_its_last_row_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = lines(&ROWS[..3]);
    text.push_str(&ROWS[3].splitn(6, ',').take(5).collect::<Vec<_>>().join(","));
    let (r, _) = read_text(dir.path(), &text);
    assert_eq!(r.items.len(), 3);
    assert_eq!(r.unreadable.len(), 1);
    let u = &r.unreadable[0];
    assert_eq!(u.provenance.row, Some(5));
    assert!(
        u.reason
            .contains("文件在第5行中途结束：这一行只有5列，其他各行都有8列"),
        "{}",
        u.reason
    );
    assert_eq!(u.name.as_deref(), Some("人力资源服务许可（设立）"));
}

/// Trips the cut-end rule (c11): the file ends inside a quoted 设定依据, a comma in it; or inside
/// the last cell, which leaves the row as wide as the table, its last cell cut all the same.
#[test]
fn a_file_cut_inside_a_quoted_cell_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = lines(&ROWS[..3]);
    text.push_str("11341700003128771H3000112008000,人力资源服务许可（设立）,池州市人力资源和社会保障局,\"《人力资源市场暂行条例》第十八条：经营性人力资源服务机构从事职业中介活动的, 应当");
    let (r, _) = read_text(dir.path(), &text);
    assert_eq!(r.items.len(), 3, "{:?}", r.notices);
    assert_eq!(r.unreadable.len(), 1, "{:?}", r.notices);
    let u = &r.unreadable[0];
    assert_eq!(u.provenance.row, Some(5));
    assert!(u.reason.contains("文件在第5行的引号内结束"), "{}", u.reason);
    assert!(u.reason.contains("D 列"), "{}", u.reason);

    let mut text = lines(&ROWS[..3]);
    text.push_str(&ROWS[3].replace(",0566-12345", ",\"0566-12345，0566-20"));
    let (r, _) = read_text(dir.path(), &text);
    assert_eq!(r.items.len(), 3, "{:?}", r.notices);
    assert_eq!(r.unreadable.len(), 1, "{:?}", r.notices);
    assert!(
        r.unreadable[0].reason.contains("H 列"),
        "{}",
        r.unreadable[0].reason
    );
}

/// Should stay as read: a title over the header, a quoted cell over lines (Alt+Enter), a closed
/// quote at the very end without a line end, and a sign-off row of one cell under the items
/// without a line end are all whole rows. Nothing is unreadable or warned about.
#[test]
fn whole_rows_stay_items() {
    let dir = tempfile::tempdir().unwrap();
    let quoted = ROWS[1].replace(
        "《中华人民共和国食品安全法》第三十五条",
        "\"《中华人民共和国食品安全法》第三十五条\r\n《食品经营许可管理办法》第二条\"",
    );
    let closed = ROWS[3].replace(",0566-12345", ",\"0566-12345\"");
    let text = format!(
        "池州市政务服务事项实施清单\r\n{}{closed}\r\n制表单位：池州市数据资源管理局",
        lines(&[ROWS[0], &quoted, ROWS[2]]),
    );
    let (r, _) = read_text(dir.path(), &text);
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(r.items.len(), 4, "{:?}", r.notices);
    let basis = &r.items[1].legal_basis;
    assert!(
        basis.contains("第三十五条") && basis.ends_with("《食品经营许可管理办法》第二条"),
        "{basis}"
    );
    assert_eq!(r.items[3].supervise_phone, "0566-12345");
    let mut notices = r.notices;
    let (r, _) = read_text(dir.path(), &format!("{}{closed}", lines(&ROWS[..3])));
    assert!(r.unreadable.is_empty(), "{:?}", r.unreadable);
    assert_eq!(r.items.len(), 4, "{:?}", r.notices);
    notices.extend(r.notices);
    assert!(
        !notices
            .iter()
            .any(|n| n.message.contains("列，表头有") || n.message.contains("换行")),
        "{notices:?}"
    );
}
