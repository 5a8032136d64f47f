//! The configuration file (`zwfw-audit.toml`): rule severities, rule parameters, extra header
//! synonyms and output settings. Unknown keys are an error so that a typo never passes silently.
//! CLI flags override the file; the file overrides the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Severity;
use crate::rules::{self, RuleParams, RuleSet, RuleSetting};

mod checks;
mod toml_error;
pub(crate) use toml_error::toml_reason;

/// The whole configuration file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Per-rule setting by id or name: `"off"`, `"warning"` or `"error"`.
    pub rules: BTreeMap<String, String>,
    /// Parameters the rules read.
    pub check: RuleParams,
    /// Extra header synonyms, by record and element.
    pub labels: Labels,
    /// Where and how reports are written.
    pub output: Output,
    /// Sampling and scoring (`[score]`).
    pub score: crate::score::ScoreConfig,
    /// Nightly audits (`zwfw-audit audit`): inputs, history store, trend length.
    pub audit: crate::history::AuditConfig,
    /// Link and attachment checks (`check --links`, `links`).
    pub links: crate::links::LinksConfig,
}

/// Extra header synonyms users add for their platform, by element key or standard label:
/// `[labels.item] promised_limit = ["承诺天数"]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Labels {
    /// Item elements.
    pub item: BTreeMap<String, Vec<String>>,
    /// Material columns.
    pub material: BTreeMap<String, Vec<String>>,
    /// Step columns.
    pub step: BTreeMap<String, Vec<String>>,
    /// Fee columns.
    pub fee: BTreeMap<String, Vec<String>>,
    /// Intermediary columns.
    pub intermediary: BTreeMap<String, Vec<String>>,
    /// Agency columns.
    pub agency: BTreeMap<String, Vec<String>>,
    /// FAQ columns.
    pub faq: BTreeMap<String, Vec<String>>,
    /// The keys of a JSON record's child lists, by list (`materials`, `steps`, `fees`,
    /// `intermediaries`, `faqs`, or 申请材料, 办理流程 …): `[labels.lists] materials = ["CLXX"]`.
    pub lists: BTreeMap<String, Vec<String>>,
}

/// Output settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Output {
    /// Folder for reports (default `reports`).
    pub dir: PathBuf,
}

impl Default for Output {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("reports"),
        }
    }
}

/// A configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Cannot read the file.
    #[error("无法读取配置文件 {path}: {}", crate::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML of this schema.
    #[error("配置文件 {path} 有误: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        message: String,
    },
    /// A `[rules]` entry names an unknown rule or setting.
    #[error("配置 [rules] 中 {key} = \"{value}\" 无效: {reason}")]
    Rule {
        /// The key.
        key: String,
        /// The value.
        value: String,
        /// Why.
        reason: String,
    },
}

/// The text of a file a clerk edited: UTF-8 (with or without a BOM), or as Windows Notepad saves
/// it otherwise, "Unicode" (UTF-16 with a BOM) or "ANSI" on a Chinese Windows (GBK, read as
/// GB18030). Read as UTF-8, the last two were an error in English.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let (text, bad) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&bytes[bom..]),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok(text.to_owned()),
            Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes),
        },
    };
    if bad || text.contains('\0') {
        return Err(
            "文件的编码无法识别（不是 UTF-8、UTF-16 或 GBK）：请用记事本打开，\
                    “另存为”时编码选 UTF-8 后再运行"
                .into(),
        );
    }
    Ok(text.into_owned())
}

/// Every value a `[rules]` entry may take, as said when it has another.
const RULE_VALUES: &str = "可用的值有 \"error\"（错误，计入出错率）、\"warning\"（提示，不计入）、\"off\"（不检查这条规则）";

impl Config {
    /// Reads a configuration file, in UTF-8 or as Notepad saves it otherwise (`decode_text`).
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let bytes = std::fs::read(path).map_err(|source| ConfigError::Io {
            path: path.to_owned(),
            source,
        })?;
        let parse_error = |message| ConfigError::Parse {
            path: path.to_owned(),
            message,
        };
        let text = decode_text(&bytes).map_err(parse_error)?;
        Self::parse(&text).map_err(parse_error)
    }

    /// Parses configuration text; an error says where and what in Chinese (`toml_reason`).
    /// Besides the TOML and its types, a key under `[labels.*]` must name an element, a rule may
    /// be set once, and numbers must be in their rule's range (`checks`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let config: Self = toml::from_str(text).map_err(|e| toml_reason(&e, text))?;
        checks::check(&config, text)?;
        Ok(config)
    }

    /// The rules that run, with `[rules]` applied.
    pub fn rule_set(&self) -> Result<RuleSet, ConfigError> {
        let mut settings = BTreeMap::new();
        for (key, value) in &self.rules {
            let err = |reason: &str| ConfigError::Rule {
                key: key.clone(),
                value: value.clone(),
                reason: reason.to_owned(),
            };
            let rule = rules::find(key)
                .ok_or_else(|| err("没有这个规则（用 zwfw-audit rules 查看全部规则）"))?;
            let setting = match value.trim().to_ascii_lowercase().as_str() {
                "off" | "关闭" => RuleSetting::Off,
                other => RuleSetting::On(other.parse::<Severity>().map_err(|_| err(RULE_VALUES))?),
            };
            settings.insert(rule.meta().id, setting);
        }
        Ok(RuleSet::from_settings(&settings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_can_be_switched_off_or_downgraded() {
        let cfg = Config::parse("[rules]\nB13 = \"off\"\nphone-accuracy = \"warning\"\n").unwrap();
        let set = cfg.rule_set().unwrap();
        assert!(set.iter().all(|(r, _)| r.meta().id != "B13"));
        assert!(
            set.iter()
                .any(|(r, s)| r.meta().id == "B15" && s == Severity::Warning)
        );
    }

    #[test]
    fn unknown_keys_and_rules_are_errors() {
        assert!(Config::parse("[rulez]\n").is_err());
        let cfg = Config::parse("[rules]\nZ99 = \"off\"\n").unwrap();
        assert!(cfg.rule_set().unwrap_err().to_string().contains("Z99"));
        let cfg = Config::parse("[rules]\nB13 = \"fatal\"\n").unwrap();
        assert!(cfg.rule_set().is_err());
        // A misspelt value lists every value, `off` included.
        let cfg = Config::parse("[rules]\nB13 = \"of\"\n").unwrap();
        let e = cfg.rule_set().unwrap_err().to_string();
        assert!(e.starts_with("配置 [rules] 中 B13 = \"of\" 无效: "), "{e}");
        for value in ["\"error\"", "\"warning\"", "\"off\""] {
            assert!(e.contains(value), "{e}");
        }
    }

    /// Notepad's "ANSI" (GBK on a Chinese Windows) and "Unicode" (UTF-16 with a BOM) read as
    /// UTF-8 does; they were `内容无效（stream did not contain valid UTF-8）`.
    #[test]
    fn a_configuration_saved_as_gbk_or_utf16_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let text = "# 县级配置\n[rules]\nB13 = \"warning\"\n[labels.item]\n\"承诺办结时限\" = [\"承诺天数\"]\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend(text.as_bytes());
        for (name, bytes) in [
            ("gbk.toml", &gbk[..]),
            ("u16.toml", &utf16),
            ("bom.toml", &utf8_bom),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let cfg = Config::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(cfg.rules["B13"], "warning", "{name}");
            assert_eq!(cfg.labels.item["承诺办结时限"], ["承诺天数"], "{name}");
        }
        // Bytes no encoding reads say what to do, in Chinese.
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, b"[rules]\nB13 = \"\x81\x20\"\n").unwrap();
        let e = Config::load(&path).unwrap_err().to_string();
        assert!(
            e.contains("另存为") && e.contains("UTF-8") && !e.contains("stream"),
            "{e}"
        );
    }

    /// A mistake in the file is said in Chinese with its line, column (in characters) and text.
    #[test]
    fn configuration_errors_say_where_and_what_in_chinese() {
        let err = |text: &str| Config::parse(text).unwrap_err();
        let e = err("[check]\nfaq_min_cuont = 3\n");
        assert!(
            e.starts_with("第 2 行第 1 列，没有设置项「faq_min_cuont」（这一节可用的有: "),
            "{e}"
        );
        assert!(e.contains("、faq_min_count、") && e.ends_with("\n  2 | faq_min_cuont = 3"));
        assert_eq!(
            err("[check]\nfaq_min_count = \"三\"\n"),
            "第 2 行第 17 列，应为整数，实为文本「三」\n  2 | faq_min_count = \"三\""
        );
        assert!(err("[check]\nfaq_min_count = 三\n").contains("文本要加双引号"));
        assert_eq!(
            err("[score]\nrate = \"要素\"\n"),
            "第 2 行第 8 列，取值「要素」无效（可用: element、item）\n  2 | rate = \"要素\""
        );
        assert!(err("[check\n").starts_with("第 1 行第 7 列，节名缺少右方括号 ]"));
    }
}

#[cfg(test)]
mod example_tests {
    use super::Config;

    /// Every key of `zwfw-audit.example.toml` is real: uncommenting every commented-out
    /// `key = value` line must still parse (unknown keys are errors), and the defaults shown
    /// for `[check]` are the defaults in code.
    #[test]
    fn the_example_configuration_names_only_real_keys() {
        let text = include_str!("../zwfw-audit.example.toml");
        let uncommented: String = text
            .lines()
            .map(|l| {
                let body = l.strip_prefix("# ").unwrap_or(l);
                let key = body.split('=').next().unwrap_or_default().trim();
                let is_key = body.contains(" = ")
                    && !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if is_key {
                    body
                } else if l.starts_with('#') {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse(&uncommented).unwrap_or_else(|e| panic!("example config: {e}"));
        assert_eq!(
            config.check,
            super::RuleParams::default(),
            "the [check] defaults shown differ from the code"
        );
        config
            .rule_set()
            .expect("the [rules] examples name real rules");
        assert!(uncommented.contains("allowed_hosts = [\"zwfw.chizhou.gov.cn\"]"));
        // And the other way round: every key the code knows is documented in the example.
        let defaults = toml::Value::try_from(Config::default()).expect("config serialises");
        for (section, table) in defaults.as_table().expect("a table") {
            for key in table
                .as_table()
                .map(|t| t.keys().collect::<Vec<_>>())
                .unwrap_or_default()
            {
                if section == "labels" {
                    assert!(
                        text.contains(&format!("[labels.{key}]")),
                        "example lacks [labels.{key}]"
                    );
                } else {
                    assert!(
                        text.contains(&format!("# {key} = ")),
                        "example lacks [{section}] {key}"
                    );
                }
            }
        }
    }
}
