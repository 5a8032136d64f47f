//! B09 办理地点 — street, door number, and room or window number.

use super::{CheckContext, Reads, Rule, RuleMeta, Verdict, Violation, declare_rule};
use crate::model::address::{
    address_parts, address_parts_lenient, join_wrapped_lines, place_name_with_jie, split_addresses,
    without_online_channels,
};
use crate::model::text::{is_blank_or_placeholder, quote};
use crate::model::{Item, ItemField};

declare_rule! {
    /// ## 检查内容 (What it checks)
    /// 办理地点不得为空，且每个地址都要有街道名称（…路/…街/…大道/…巷/…弄/胡同）、门牌号（…号）
    /// 和房间号或窗口号（…室/…窗口/…号窗/柜台/服务台）。全角数字、括号里的地址（如
    /// `政务服务中心（长江中路1号）`）都认。一栏写了多个地址（用「；」或换行分隔）的逐个检查。
    /// 判定口径：`12号窗口`、`3号楼` 中的「号」不算门牌号；「…街道」是乡级区划，镇、乡、村名里的
    /// 「街」（`梅街镇`、`梅街村`）也不是街，都不算街道名称（缺街道名称时说明这一点）；
    /// 「综合窗口」「A区12号窗口」「窗口3」「审批科办公室」算房间或窗口，按部门或业务命名的窗口、
    /// 专窗（`市场监管窗口`、`不动产登记窗口`、`市场监管专窗`）也算；只写到楼层（`3楼`）的不算，
    /// 没有指明哪个窗口的也不算：`…政务服务中心相关窗口`、`对应窗口`、`各窗口`、`服务窗口`、
    /// `办事窗口`、`受理窗口`、`二楼窗口`、`大厅窗口`（窗口前只有地点或「相关」「对应」「各」
    /// 「受理」「服务」「办事」之类的字）。
    /// 窗口号列表（`7号、8号窗口`、`3号至5号窗口`）和写在窗口后面的号（`出入境窗口（7号、8号窗口）`、
    /// `窗口（3号）`、`综合窗口1、3号`）是窗口号，也不算门牌号（`九华西路政务服务中心一楼7号、8号窗口`
    /// 缺门牌号）；但紧跟在路名后面的第一个号是门牌号（`长江中路1号、3号窗口`：长江中路1号、3号窗口）。
    /// 路名后的门牌号再用「，」「、」「；」或空格隔开写窗口号的（`城管窗口（秋浦西路2号，B12号窗口）`），
    /// 同样是门牌号加窗口号；门牌号后是楼层的（`秋浦西路2号，3楼5号窗口`）也一样。括号里的「；」不分隔地址；
    /// 只写了窗口号的一段（`…秋浦西路2号；B12号窗口`）是前面那个有路名、没写窗口的地址的窗口。
    /// 标明「线上：」「网上办理：」等、写的是网上办理渠道的部分（`线上：国家医保服务平台APP、皖事通APP`）
    /// 不是办理地点，不检查，只检查同一栏里的线下地址；整栏只有网上渠道的照常检查。
    /// 「号」后是区名的（`秋浦西路2号区政务服务中心`）算门牌号。字间有空格（`长江中路 89 号`）和
    /// 繁体字（`長江中路89號`）照常认。单元格内换行的：一行没有街道名称、而前面的地址还不完整，或这一行
    /// 以括号开头、或一个要素都没有的，是上一行的续行，连起来检查（`…政务服务中心⏎二楼8号窗口`）；
    /// 有街道名称的行，或前面地址已完整、这一行有自己的门牌号或窗口号的，按另一个地址检查。
    /// 以地名开头的行（`东至县…`、`池州市…`）一般按另一个地址检查；但前面的地址只写到门牌号
    /// （`青阳县木镇镇木镇街68号`）、这一行没有自己的街道和门牌号、开头的地名前面已经写过的
    /// （`木镇镇便民服务中心`），是写这个门牌号里的哪栋楼，算续行（`…木镇街68号⏎木镇镇便民服务中心⏎2号窗口`）。
    ///
    /// ## 依据 (Why it matters)
    /// 附录「办理地点」：明确标注该事项的办理地点，要求办理地点有明确街道名称、门牌号、房间号或者窗口号。
    ///
    /// ## 示例 (Example)
    /// 不通过：`池州市长江中路1号政务服务中心`（缺窗口号）、`池州市长江中路89号政务服务中心相关窗口`
    /// （没有指明哪个窗口）、`秋浦街道便民服务中心`、`梅街镇168号便民服务中心3号窗口`（梅街镇是
    /// 镇名，没有街道名称）、`区政务服务大厅`。
    /// 通过：`池州市长江中路1号政务服务中心二楼综合窗口`、`贵池区平天湖大道88号政务服务中心12号窗口`。
    ///
    /// ## 整改方法 (How to fix)
    /// 写全「…市…路…号…中心…楼…号窗口（或…室）」，让办事人不问就能找到窗口。
    pub struct HandlingAddress {
        id: "B09",
        name: "handling-address",
        element: "办理地点",
        category: Basic,
        severity: Error,
        fix: "写全街道名称、门牌号和房间号或窗口号，如 池州市长江中路1号政务服务中心二楼12号窗口",
    }
}

impl Rule for HandlingAddress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn reads(&self) -> Option<Reads> {
        Some(Reads::fields(&[ItemField::Address]))
    }

    fn check(&self, item: &Item, _ctx: &CheckContext) -> Verdict {
        let text = item.address.trim();
        if is_blank_or_placeholder(text) {
            return Verdict::Checked(vec![Violation::new(
                if text.is_empty() {
                    "办理地点为空".to_owned()
                } else {
                    format!("办理地点未填写实际地址: \"{text}\"")
                },
                text,
            )]);
        }
        // `线下：…（18号、19号窗口）；线上：国家医保服务平台APP、皖事通APP`: the online way is no
        // place; the place beside it is checked.
        let offline = without_online_channels(text);
        let text = offline.trim();
        let addrs = split_addresses(text);
        // Most addresses are complete as written: only one that is not is read again, spaced
        // out or traditional (`address_parts_lenient`), and the field read again as one cell
        // wrapped over lines, a part naming only a window the window of the address before
        // (`join_wrapped_lines`).
        if addrs.iter().all(|a| address_parts(a).is_complete()) {
            return Verdict::pass();
        }
        let mut out = Vec::new();
        for addr in &join_wrapped_lines(text) {
            let p = address_parts_lenient(addr);
            let missing: Vec<&str> = [
                (p.street, "街道名称"),
                (p.door, "门牌号"),
                (p.room, "房间号或窗口号"),
            ]
            .iter()
            .filter(|(ok, _)| !ok)
            .map(|(_, name)| *name)
            .collect();
            if !missing.is_empty() {
                out.push(Violation::new(
                    format!(
                        "办理地点缺少{}: \"{}\"{}",
                        missing.join("、"),
                        quote(addr, 60),
                        if p.street {
                            String::new()
                        } else {
                            why_no_street(addr)
                        }
                    ),
                    addr,
                ));
            }
        }
        Verdict::Checked(out)
    }
}

/// Why a 街 the address has is no street (`梅街镇`: a town's name), for the clerk who wrote it
/// thinking it was one; empty when it has none.
fn why_no_street(addr: &str) -> String {
    place_name_with_jie(addr).map_or_else(String::new, |name| {
        let what = match name.chars().next_back() {
            Some('镇' | '鎮') => "镇名",
            Some('乡' | '鄉') => "乡名",
            Some('村') => "村名",
            _ => "街道办事处的名称",
        };
        format!("（「{name}」是{what}，不是街道名称，请写明所在的路或街）")
    })
}
