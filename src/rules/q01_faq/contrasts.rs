//! Whether two alike questions still ask about different cases: one names one side of a
//! [`CONTRASTS`] pair and the other the other side (`本地户籍…`, `外地户籍…`; `非住宅类…`,
//! `住宅类…`), or both name both sides the other way round (`从省内转到省外…`, `从省外转到省内…`).
//!
//! Not here: how alike the questions are (`faqs`, `questions`); the pairs themselves
//! (`question_words`).

use std::sync::LazyLock;

use super::question_words::CONTRASTS;

/// Whether two normalised questions name the two sides of a [`CONTRASTS`] pair, one each.
/// Asked only of questions found alike, so the few texts it builds cost nothing on the rest.
pub(super) fn contrasted(a: &[char], b: &[char]) -> bool {
    if negated_only(a, b) || negated_only(b, a) {
        return true;
    }
    let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
    CONTRASTS.iter().any(|&(x, y)| {
        let one_each = |p: &str, q: &str| names_only(p, x, y) && names_only(q, y, x);
        one_each(&a, &b) || one_each(&b, &a)
    })
}

/// Whether `p` names a case as 非 and a word of two Han characters (`非住宅`, `非营利`, `非本地`)
/// and not that word alone, while `q` names the word alone and not after 非: 「非住宅类登记费是
/// 多少？」 and 「住宅类登记费是多少？」 ask about the two sides of a line, like 未满 and 年满. A 非
/// that negates no case is passed over: 非常, 非得, 非要, and 除非, 并非, 莫非, 无非, 是非.
fn negated_only(p: &[char], q: &[char]) -> bool {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // Where `word` stands in `t` after 非, and where alone.
    let sides = |t: &[char], word: &[char]| {
        let (mut negated, mut alone) = (false, false);
        for (at, w) in t.windows(word.len()).enumerate() {
            if w == word {
                if at > 0 && t[at - 1] == '非' {
                    negated = true;
                } else {
                    alone = true;
                }
            }
        }
        (negated, alone)
    };
    p.windows(3).enumerate().any(|(at, w)| {
        w[0] == '非'
            && han(w[1])
            && han(w[2])
            && !matches!(w[1], '常' | '得' | '要')
            && !(at > 0 && matches!(p[at - 1], '除' | '并' | '莫' | '无' | '是'))
            && sides(p, &w[1..]) == (true, false)
            && sides(q, &w[1..]) == (false, true)
    })
}

/// Whether `p` names `x` and not `other`, where one of the two may hold the other: `未满16周岁`
/// names `未满` and not `满`, `满16周岁` names `满` and not `未满`.
fn names_only(p: &str, x: &str, other: &str) -> bool {
    if other.contains(x) {
        // `满` outside `未满`.
        !p.contains(other) && p.contains(x)
    } else if x.contains(other) {
        p.contains(x) && !p.replace(x, "").contains(other)
    } else {
        p.contains(x) && !p.contains(other)
    }
}

/// Whether `b` is `a` with the two sides of a [`CONTRASTS`] pair swapped, and the question goes
/// from one side to the other: 「从省内转到省外怎么办理？」 and 「从省外转到省内怎么办理？」,
/// 「市内转市外…」 and 「市外转市内…」 ask about two directions, whatever their other words
/// share. Given keys or cores, each of the two of the same kind.
///
/// Not swapped where the two sides stand side by side or joined by 和, 与, 及, 或, 跟, 同 or 还(是)
/// (「省内和省外有什么区别？」 is 「省外和省内有什么区别？」): a list in another order asks the same.
/// Pairs of which one word holds the other (`未满`, `满`) are left out: their swap is not exact.
pub(super) fn swapped(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() || a == b {
        return false;
    }
    SWAPPABLE.iter().any(|(x, y)| {
        let (Some(at_x), Some(at_y)) = (find(a, x), find(a, y)) else {
            return false;
        };
        let between = if at_x < at_y {
            &a[at_x + x.len()..at_y]
        } else {
            &a[at_y + y.len()..at_x]
        };
        if between.is_empty() || between.iter().any(|c| "和与及或跟同还".contains(*c)) {
            return false;
        }
        swap_words(a, x, y) == b
    })
}

/// The pairs of [`CONTRASTS`] whose swap [`swapped`] tells, as characters (decoded once, not
/// once per pair of questions): two different words of the same length.
static SWAPPABLE: LazyLock<Vec<(Vec<char>, Vec<char>)>> = LazyLock::new(|| {
    CONTRASTS
        .iter()
        .map(|&(x, y)| {
            (
                x.chars().collect::<Vec<char>>(),
                y.chars().collect::<Vec<char>>(),
            )
        })
        .filter(|(x, y)| x.len() == y.len() && x != y)
        .collect()
});

/// Where `word` first stands in `text`.
fn find(text: &[char], word: &[char]) -> Option<usize> {
    text.windows(word.len()).position(|w| w == word)
}

/// `text` with every `x` written as `y` and every `y` as `x` (both as long), left to right.
fn swap_words(text: &[char], x: &[char], y: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with(x) {
            out.extend_from_slice(y);
            at += x.len();
        } else if rest.starts_with(y) {
            out.extend_from_slice(x);
            at += y.len();
        } else {
            out.push(text[at]);
            at += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::contrasted;
    use crate::rules::general_text::normalize_for_compare;

    fn apart(a: &str, b: &str) -> bool {
        let key = |q: &str| normalize_for_compare(q).chars().collect::<Vec<char>>();
        contrasted(&key(a), &key(b))
    }

    /// h36: a lost licence and a damaged one are two cases however long the subject that makes
    /// the rest of the two questions alike; two ways of saying the same loss, or the same damage,
    /// are one.
    #[test]
    fn lost_and_damaged_are_two_cases() {
        assert!(apart(
            "不动产权证书丢了怎么办？",
            "不动产权证书坏了怎么办？"
        ));
        assert!(apart(
            "不动产权证书遗失了怎么办？",
            "不动产权证书坏了怎么办？"
        ));
        assert!(apart(
            "土地使用权证丢了怎么办？",
            "土地使用权证坏了怎么办？"
        ));
        assert!(apart(
            "出让合同原件丢了怎么办？",
            "出让合同原件坏了怎么办？"
        ));
        assert!(apart("证书丢失了怎么办？", "证书破损了怎么办？"));
        assert!(apart("证书遗失了怎么办？", "证书污损了怎么办？"));
        assert!(apart("证书遗失了怎么办？", "证书损坏了怎么办？"));
        assert!(!apart(
            "不动产权证书丢了怎么办？",
            "不动产权证书遗失了怎么办？"
        ));
        assert!(!apart(
            "不动产权证书坏了怎么办？",
            "不动产权证书损坏了怎么办？"
        ));
        assert!(!apart("证书丢了或坏了怎么办？", "证书坏了怎么办？"));
    }

    /// h36 回归: where or when the application is handled and where or when the licence is
    /// collected or the fee paid are two questions; the same place asked twice is one.
    #[test]
    fn where_to_apply_and_where_to_collect_are_two_questions() {
        assert!(apart("办理地点在哪里？", "领证地点在哪里？"));
        assert!(apart("1，办理地点在哪里？", "2，领证地点在哪里？"));
        assert!(apart("办理时间是什么时候？", "领取时间是什么时候？"));
        assert!(apart("办理地点在哪里？", "缴费地点在哪里？"));
        assert!(!apart("办理地点在哪里？", "办理地点在什么地方？"));
        assert!(!apart("领证地点在哪里？", "领证地点在哪儿？"));
    }

    /// h36: after a loss, a new licence (补办, 补领) and another step (换领, 换发, 挂失, 注销) are
    /// two questions; the same step asked twice is one.
    #[test]
    fn replacing_a_lost_licence_is_not_another_step() {
        assert!(apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书丢了怎么换领？"
        ));
        assert!(apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书丢了怎么挂失？"
        ));
        assert!(apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书丢了怎么注销？"
        ));
        assert!(apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书丢了怎么换发？"
        ));
        assert!(apart(
            "不动产权证书丢了怎么补领？",
            "不动产权证书丢了怎么挂失？"
        ));
        assert!(!apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书遗失后如何补办？"
        ));
        assert!(!apart(
            "不动产权证书丢了怎么补办？",
            "不动产权证书丢了怎么办？"
        ));
        assert!(!apart(
            "不动产权证书丢了怎么换领？",
            "不动产权证书遗失了如何换领？"
        ));
    }
}
