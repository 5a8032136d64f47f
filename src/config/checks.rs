//! What the configuration's types cannot say for themselves, checked when the file is read, each
//! pointing at its line as a TOML error does: a key under `[labels.*]` that names no element (or,
//! under `[labels.lists]`, no child list; or names a list where an element is meant), a
//! rule set twice in `[rules]` (once by its id, once by its name), and a number outside the range
//! its rule can use. Unknown rules and values of `[rules]` are [`super::Config::rule_set`]'s.

use toml::de::{DeTable, DeValue};

use super::Config;
use super::toml_error::at_line;
use crate::model::text::normalize_label;
use crate::model::{
    AgencyField, FaqField, FeeField, IntermediaryField, ItemField, MaterialField, StepField,
};
use crate::source::crawl::labels::Field;
use crate::source::json_labels::{LISTS, list_by_name};

/// The first thing `text` (which parsed as `config`) sets that cannot be used, in Chinese with its
/// line.
pub(super) fn check(config: &Config, text: &str) -> Result<(), String> {
    // The text parsed already; spans only place the message.
    let Ok(root) = DeTable::parse(text) else {
        return Ok(());
    };
    let root = root.get_ref();
    labels(root, text)?;
    rules(root, text)?;
    ranges(config, root, text)
}

/// The entries of table `path` (`["labels", "item"]`) in file order, with each key's byte offset.
fn entries<'a>(root: &'a DeTable<'_>, path: &[&str]) -> Vec<(&'a str, usize, &'a DeValue<'a>)> {
    let mut table = root;
    for name in path {
        let next = table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v.get_ref());
        match next {
            Some(DeValue::Table(t)) => table = t,
            _ => return Vec::new(),
        }
    }
    let mut out: Vec<_> = table
        .iter()
        .map(|(k, v)| (k.get_ref().as_ref(), k.span().start, v.get_ref()))
        .collect();
    out.sort_by_key(|&(_, at, _)| at);
    out
}

/// Every key under `[labels.*]` names an element, by its key or one of its labels, as the
/// readers look it up; a misspelt one would leave the header it was written for unread.
fn labels(root: &DeTable<'_>, text: &str) -> Result<(), String> {
    section::<ItemField>(root, text, "item")?;
    section::<MaterialField>(root, text, "material")?;
    section::<StepField>(root, text, "step")?;
    section::<FeeField>(root, text, "fee")?;
    section::<IntermediaryField>(root, text, "intermediary")?;
    section::<AgencyField>(root, text, "agency")?;
    section::<FaqField>(root, text, "faq")?;
    lists(root, text)
}

/// Every key under `[labels.lists]` names a child list, by its JSON key or its Chinese name.
fn lists(root: &DeTable<'_>, text: &str) -> Result<(), String> {
    for (key, at, _) in entries(root, &["labels", "lists"]) {
        if list_by_name(key).is_some() {
            continue;
        }
        let names = LISTS.iter().flat_map(|(k, label, _)| [*k, *label]);
        let hint = match crate::near::nearest(key, names) {
            Some(near) => format!("是不是 {near}？"),
            None => format!(
                "可用的列表键名有: {}；也可以写中文名，如 \"申请材料\"",
                LISTS.map(|(k, ..)| k).join("、")
            ),
        };
        return Err(at_line(
            text,
            at,
            &format!("[labels.lists] 中没有列表「{key}」（{hint}）"),
        ));
    }
    Ok(())
}

fn section<F: Field>(root: &DeTable<'_>, text: &str, name: &str) -> Result<(), String> {
    for (key, at, _) in entries(root, &["labels", name]) {
        // `"申请材料" = ["材料清单"]` under [labels.material] named the column of a material's
        // name (申请材料 is one of its headers), so the list it was meant for stayed unread.
        let child = !matches!(name, "item" | "agency");
        if let Some(((list, label, _), f)) = list_by_name(key)
            .filter(|_| child)
            .zip(field_by_label::<F>(key))
        {
            return Err(at_line(
                text,
                at,
                &format!(
                    "[labels.{name}] 中的「{key}」在这里指「{}」的表头，不是{label}列表：要指定 JSON 中{label}列表所在的键名（如 \"材料清单\"、\"CLXX\"），\
                     请写在 [labels.lists] 中：{list} = [...]；要指定「{}」的表头，请写要素键名：{} = [...]",
                    f.label(),
                    f.label(),
                    f.key()
                ),
            ));
        }
        if known::<F>(key) {
            continue;
        }
        let keys: Vec<&str> = F::all().iter().map(|f| f.key()).collect();
        let names = F::all()
            .iter()
            .map(|f| f.key())
            .chain(F::all().iter().flat_map(|f| f.synonyms().iter().copied()));
        let hint = match crate::near::nearest(key, names) {
            Some(near) => format!("是不是 {near}？"),
            None => format!(
                "可用的要素键名有: {}；也可以写标准中文名，如 \"{}\"",
                keys.join("、"),
                F::all()[0].label()
            ),
        };
        return Err(at_line(
            text,
            at,
            &format!("[labels.{name}] 中没有要素「{key}」（{hint}）"),
        ));
    }
    Ok(())
}

/// The element of `F` whose label or synonym `key` is.
fn field_by_label<F: Field>(key: &str) -> Option<F> {
    let n = normalize_label(key);
    F::all()
        .iter()
        .copied()
        .find(|f| f.synonyms().iter().any(|s| normalize_label(s) == n))
}

/// Whether `key` names an element of `F`, as the sheet readers match it.
fn known<F: Field>(key: &str) -> bool {
    let n = normalize_label(key);
    F::all()
        .iter()
        .any(|&f| f.key() == key.trim() || f.synonyms().iter().any(|s| normalize_label(s) == n))
}

/// A rule set twice, by its id and by its name (`B13` and `consult-phone`), or by two spellings of
/// its id (`B13`, `b13`): which of the two applies would depend on the keys' order.
fn rules(root: &DeTable<'_>, text: &str) -> Result<(), String> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (key, at, _) in entries(root, &["rules"]) {
        let Some(rule) = crate::rules::find(key) else {
            continue; // said by `rule_set`, with the rules to choose from
        };
        let id = rule.meta().id;
        if let Some((first, _)) = seen.iter().find(|(_, i)| *i == id) {
            return Err(at_line(
                text,
                at,
                &format!(
                    "设置项「{key}」重复：它与前面的「{first}」是同一条规则（{id} {}），请删掉其中一个",
                    rule.meta().name
                ),
            ));
        }
        seen.push((key, id));
    }
    Ok(())
}

/// Numbers whose type allows more than the rule can use.
fn ranges(config: &Config, root: &DeTable<'_>, text: &str) -> Result<(), String> {
    let place = |key: &str| {
        entries(root, &["check"])
            .into_iter()
            .find(|(k, ..)| *k == key)
            .map_or(0, |(_, at, _)| at)
    };
    let t = config.check.faq_similarity_threshold;
    if !(0.0..=1.0).contains(&t) {
        let percent = if (1.0..=100.0).contains(&t) {
            format!("；{t}% 要写成 {}", t / 100.0)
        } else {
            String::new()
        };
        return Err(at_line(
            text,
            place("faq_similarity_threshold"),
            &format!(
                "faq_similarity_threshold 是 0 到 1 之间的小数（如 0.8，即 80%），实为 {t}{percent}"
            ),
        ));
    }
    let n = config.check.notes_min_aspects;
    if n > 3 {
        return Err(at_line(
            text,
            place("notes_min_aspects"),
            &format!(
                "notes_min_aspects 是 0 到 3 之间的整数（格式、内容、清晰度三个方面），实为 {n}"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Config;

    fn err(text: &str) -> String {
        Config::parse(text).unwrap_err()
    }

    /// A misspelt element key under `[labels.*]` stops the run with its line and the likely
    /// key; it was a notice that `-q` hid, and the headers it named went unread.
    #[test]
    fn an_unknown_label_key_is_an_error_with_its_line_and_a_suggestion() {
        let e = err("[labels.item]\npromise_limit = [\"承诺天数\"]\n");
        assert_eq!(
            e,
            "第 2 行第 1 列，[labels.item] 中没有要素「promise_limit」（是不是 promised_limit？）\n  2 | promise_limit = [\"承诺天数\"]"
        );
        let e = err("[labels.fee]\nxyz = [\"甲\"]\n");
        assert!(
            e.starts_with("第 2 行第 1 列，[labels.fee] 中没有要素「xyz」（可用的要素键名有: "),
            "{e}"
        );
        // Element keys, standard labels and their synonyms are all accepted, in every section.
        let ok = "[labels.item]\npromised_limit = [\"承诺天数\"]\n\"承诺办结时限\" = [\"办结天数\"]\n\
                  [labels.material]\nblank_form = [\"表格模板\"]\n[labels.faq]\n";
        Config::parse(ok).unwrap();
        assert!(
            err("[labels.material]\n\"空白表格下载\" = [\"x\"]\nblank_fom = []\n")
                .contains("是不是 blank_form？")
        );
    }

    #[test]
    fn a_rule_set_by_its_id_and_its_name_is_a_duplicate() {
        let e = err("[rules]\nB13 = \"warning\"\nconsult-phone = \"off\"\n");
        assert_eq!(
            e,
            "第 3 行第 1 列，设置项「consult-phone」重复：它与前面的「B13」是同一条规则（B13 consult-phone），请删掉其中一个\n  3 | consult-phone = \"off\""
        );
        assert!(err("[rules]\nb13 = \"off\"\nB13 = \"off\"\n").contains("同一条规则"));
        Config::parse("[rules]\nB13 = \"off\"\nB14 = \"off\"\nZ99 = \"off\"\n").unwrap();
    }

    #[test]
    fn a_threshold_outside_its_range_says_the_range() {
        let e = err("[check]\nfaq_min_count = 3\nfaq_similarity_threshold = 80\n");
        assert_eq!(
            e,
            "第 3 行第 1 列，faq_similarity_threshold 是 0 到 1 之间的小数（如 0.8，即 80%），实为 80；80% 要写成 0.8\n  3 | faq_similarity_threshold = 80"
        );
        assert!(err("[check]\nfaq_similarity_threshold = -0.5\n").contains("实为 -0.5\n"));
        assert!(err("[check]\nnotes_min_aspects = 4\n").contains("0 到 3"));
        Config::parse("[check]\nfaq_similarity_threshold = 1\nnotes_min_aspects = 3\n").unwrap();
    }
}
