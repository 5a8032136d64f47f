//! Traditional characters (繁体字) folded to the simplified ones, for the few characters of the
//! value domains (权力来源, 办件类型, 服务对象 …), addresses (號, 樓, 區 …) and opening hours (週, 時,
//! 點) that some platforms publish in traditional script. Not a general converter: rules call
//! [`fold_traditional`] only on a text that already failed, before reporting it.

use std::borrow::Cow;

/// (traditional, simplified), sorted by the traditional character.
const PAIRS: &[(char, char)] = &[
    ('個', '个'),
    ('備', '备'),
    ('務', '务'),
    ('勵', '励'),
    ('區', '区'),
    ('國', '国'),
    ('報', '报'),
    ('場', '场'),
    ('層', '层'),
    ('廳', '厅'),
    ('強', '强'),
    ('復', '复'),
    ('徵', '征'),
    ('戶', '户'),
    ('時', '时'),
    ('會', '会'),
    ('棟', '栋'),
    ('業', '业'),
    ('樓', '楼'),
    ('機', '机'),
    ('檢', '检'),
    ('檯', '台'),
    ('櫃', '柜'),
    ('權', '权'),
    ('決', '决'),
    ('營', '营'),
    ('獎', '奖'),
    ('發', '发'),
    ('確', '确'),
    ('禮', '礼'),
    ('種', '种'),
    ('紙', '纸'),
    ('級', '级'),
    ('組', '组'),
    ('給', '给'),
    ('經', '经'),
    ('網', '网'),
    ('縣', '县'),
    ('織', '织'),
    ('罰', '罚'),
    ('聯', '联'),
    ('臺', '台'),
    ('處', '处'),
    ('號', '号'),
    ('衕', '同'),
    ('衚', '胡'),
    ('複', '复'),
    ('託', '托'),
    ('許', '许'),
    ('認', '认'),
    ('請', '请'),
    ('諾', '诺'),
    ('證', '证'),
    ('質', '质'),
    ('辦', '办'),
    ('農', '农'),
    ('週', '周'),
    ('鄉', '乡'),
    ('鎮', '镇'),
    ('門', '门'),
    ('間', '间'),
    ('關', '关'),
    ('電', '电'),
    ('體', '体'),
    ('點', '点'),
];

fn simplified(c: char) -> Option<char> {
    PAIRS
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| PAIRS[i].1)
}

/// The text with the traditional characters of `PAIRS` folded to simplified ones; borrowed
/// when it holds none.
pub fn fold_traditional(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| simplified(c).is_some()) {
        Cow::Owned(text.chars().map(|c| simplified(c).unwrap_or(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::{PAIRS, fold_traditional};

    #[test]
    fn pairs_are_sorted_and_fold() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(fold_traditional("法定本級行使"), "法定本级行使");
        assert_eq!(
            fold_traditional("長江中路89號二樓8號窗口"),
            "長江中路89号二楼8号窗口"
        );
        assert!(matches!(
            fold_traditional("承诺件"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
