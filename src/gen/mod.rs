//! 模拟数据 — a generator of realistic synthetic 实施清单 for benchmarks and load tests.
//!
//! [`generate`] builds item `index` of a run from `(seed, index)` alone, so a run is reproducible
//! byte for byte, item `i` is the same whatever `count` is, and items can be streamed one at a
//! time ([`write_ndjson`] holds one item in memory). Units are city departments and counties of
//! four Anhui cities; names and 区号 come from the embedded reference tables
//! ([`crate::reference`]). 实施编码 = USCC of the 实施主体 (valid GB 32100 check character) ‖
//! 行使层级 ‖ 基本编码; item `i` is spread over (city, region, template) by `i mod 364` (rotated by
//! the seed) and numbered within it by `i div 364`, so codes are unique up to ≈ 2.5 million items
//! and the duplicate-code notice of the readers does not fire on generated data. [`Order`] writes
//! the same items region by region instead (按区划), as a province's export by region lists them.
//!
//! ## 母版 and 认领: how a province's items repeat
//!
//! The items repeat the way a province's 实施清单 do. A provincial department issues a master
//! (母版) for each catalogue item, and every implementing body claims it and fills in its local
//! elements (个性要素): the 《2019年“互联网+政务服务”工作考核方案》 (the seed document of our
//! assessment scheme, `seed/000_*.txt`) scores counties on 「常态化认领省直部门下发或变更的政务服务
//! 事项实施清单“母版”」 (实施清单应领俱领) and on 「编制…实施清单个性要素」.
//! Here the catalogue item of item `i` is `key = (i div 364) × |templates| + template`; its 26
//! claims (the four cities' departments and 22 counties) lie within 364 consecutive items.
//!
//! - **Master elements** come from a stream of the catalogue item (`key`), so every claim carries
//!   the same text: 事项类型, 权力来源, 数量限制, 办件类型, 服务对象, 法定/承诺办结时限, 到现场次数
//!   and 必须现场办理原因, 物流快递, 网办深度, 结果名称/样本, 设定依据, 受理条件, 申请材料, 办理流程,
//!   收费, 中介服务 (its agencies are the city's: one stream per (city, key)) and 常见问题.
//! - **Local elements** belong to the claim: 实施主体 and its code, 实施编码, 区划, 层级, the
//!   online and guide URLs; 办理地点 and 咨询电话 come from a stream of (region, department) — a
//!   department's window in a hall is fixed — the hall's street and 办理时间 (one of a few
//!   realistic variants) from a stream of the region, and 监督电话 is the region's 12345.
//! - **Local edits**: with probability [`GenOptions::local_edit_rate`] a claim rewrites a master
//!   element, separately for 受理条件, 申请材料, 办理流程 (with 承诺办结时限: a claim may promise
//!   fewer days, the steps still add up) and 常见问题: it draws that element from its own stream,
//!   redrawing until it differs from the master (a rewrite that repeats the master is none). So
//!   the rate is the share of these elements that differ from the master; `1` leaves no shared
//!   text beyond the templates, `0` gives exact copies.
//!
//! With probability `defect_rate` an item then gets 1–3 [`Defect`]s of the kinds clerks really
//! make, applied to the claim alone; a defect-free item passes every registered rule (see the
//! tests). Randomness is [`crate::score::prng::SplitMix64`], which depends on no crate version.

use std::io::Write;

use crate::model::{Agency, Faq, Fee, Intermediary, Item, Material, Step};
use crate::reference::{area_codes_for_region, division_name};
use crate::score::prng::SplitMix64;

mod defects;
mod pools;
pub mod sheets;

pub use defects::Defect;
use pools::{CITIES, COMMON_MATERIALS, CONDITIONS, DEPTS, FAQS, HANDLERS, HOURS, NOTES, TEMPLATES};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenOptions {
    /// Seed of the run.
    pub seed: u64,
    /// Probability (0–1) that an item carries defects.
    pub defect_rate: f64,
    /// Probability (0–1) that a claim rewrites a master element, drawn for each of 受理条件,
    /// 申请材料, 办理流程 (with 承诺办结时限) and 常见问题: `0` copies the 母版 exactly, `1` leaves
    /// no shared text beyond the templates.
    pub local_edit_rate: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            defect_rate: 0.3,
            local_edit_rate: 0.1,
        }
    }
}

/// One generated item and the defects injected into it (empty: a clean item).
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The item.
    pub item: Item,
    /// The defects injected, in the order applied.
    pub defects: Vec<Defect>,
}

/// Random helpers over SplitMix64.
pub(crate) struct Rng(SplitMix64);

impl Rng {
    fn new(seed: u64, index: u64) -> Self {
        // One independent stream per item: mix the index in through one SplitMix64 step.
        let mut mix = SplitMix64::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self(SplitMix64::new(mix.next_u64()))
    }

    /// The stream of `key` in `domain` (what is shared: a catalogue item, a region …), apart
    /// from every item's stream and from the other domains'.
    fn shared(seed: u64, domain: u64, key: u64) -> Self {
        Self::new(seed ^ domain, key)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }

    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// Domains of the shared streams ([`Rng::shared`]).
const MASTER: u64 = 0x4D41_5354_4552_0001; // the 母版 of a catalogue item
const AGENCIES: u64 = 0x4147_454E_4359_0002; // a city's 中介机构 for a catalogue item
const HALL: u64 = 0x4841_4C4C_0000_0003; // a region's 政务服务中心
const WINDOW: u64 = 0x5749_4E44_4F57_0004; // a department's window in that hall

/// Builds item `index` of the run.
pub fn generate(opts: GenOptions, index: u64) -> Generated {
    let mut rng = Rng::new(opts.seed, index);
    let mut item = clean_item(&mut rng, opts, index);
    let mut defects = Vec::new();
    if rng.chance(opts.defect_rate) {
        let n = rng.range(1, 3);
        while defects.len() < n {
            let d = *rng.pick(Defect::ALL);
            // One defect per element, so that two defects never undo each other.
            if defects.iter().all(|x: &Defect| x.element() != d.element()) {
                defects.push(d);
            }
        }
        for d in &defects {
            d.apply(&mut item, &mut rng);
        }
    }
    Generated { item, defects }
}

/// Writes items `0..count` as NDJSON, one at a time (constant memory).
pub fn write_ndjson(opts: GenOptions, count: u64, out: &mut dyn Write) -> std::io::Result<()> {
    write_ndjson_in(opts, count, Order::Catalogue, out)
}

/// Writes `count` items as NDJSON in `order`, one at a time (constant memory).
pub fn write_ndjson_in(
    opts: GenOptions,
    count: u64,
    order: Order,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for position in 0..count {
        let g = generate(opts, order.index(opts.seed, count, position));
        serde_json::to_writer(&mut *out, &g.item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The order a run's items are written in. How close together a master's claims come decides
/// how much the verdict cache shares (BENCHMARKS.md), so a benchmark should try both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Item `i` at position `i`: a catalogue item's 26 claims lie within 364 consecutive items,
    /// as in an export that lists each department's items for every region in turn.
    #[default]
    Catalogue,
    /// Region by region (按区划): every item of a region before the next region's, as in a
    /// province's export by 区划, so a catalogue item's claims are a region's share of the run
    /// apart. With `count` a multiple of 364 these are the items of [`Order::Catalogue`],
    /// reordered; otherwise each region has `count / 26` of them, rounded up (the last fewer).
    Region,
}

impl Order {
    /// The index ([`generate`]) of the item at `position` of a run of `count` items.
    pub fn index(self, seed: u64, count: u64, position: u64) -> u64 {
        match self {
            Order::Catalogue => position,
            Order::Region => {
                let n = COMBOS.len() as u64;
                let templates = TEMPLATES.len() as u64;
                let regions = n / templates;
                let per_region = count.div_ceil(regions).max(1);
                let (region, j) = (position / per_region, position % per_region);
                let combo = region * templates + j % templates;
                // `clean_item` rotates the combination by the seed: undo it.
                (j / templates) * n + (combo + n - rotation(seed)) % n
            }
        }
    }
}

/// How far the seed rotates the (city, region, template) combination of an item.
fn rotation(seed: u64) -> u64 {
    SplitMix64::new(seed).next_u64() % COMBOS.len() as u64
}

/// Every (city index, region code, template index): the city's departments and each county.
static COMBOS: std::sync::LazyLock<Vec<(usize, &'static str, usize)>> =
    std::sync::LazyLock::new(|| {
        let mut v = Vec::new();
        for (ci, city) in CITIES.iter().enumerate() {
            for region in std::iter::once(city.code).chain(city.counties.iter().copied()) {
                v.extend((0..TEMPLATES.len()).map(|ti| (ci, region, ti)));
            }
        }
        v
    });

const CN_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 承诺办结时限 a master may promise, in working days (ascending).
const PROMISED: [usize; 6] = [5, 7, 10, 12, 15, 20];

/// The 母版 of a catalogue item: the elements that every claim copies (unless it edits them).
struct Master {
    item_type: &'static str,
    legal: usize,
    promised: usize,
    depth: usize,
    visits: &'static str,
    onsite_reason: &'static str,
    express: &'static str,
    conditions: String,
    materials: Vec<Material>,
    steps: Vec<Step>,
    faqs: Vec<Faq>,
}

impl Master {
    /// The master of catalogue item `key` (template `t`), from the catalogue item's stream.
    fn draw(seed: u64, key: u64, t: &pools::Template) -> Self {
        let rng = &mut Rng::shared(seed, MASTER, key);
        let item_type = if rng.chance(0.5) {
            t.item_type.0
        } else {
            t.item_type.1
        };
        let promised = *rng.pick(&PROMISED);
        let legal = promised + *rng.pick(&[0usize, 5, 10, 20]);
        let depth = rng.range(2, 4);
        let (visits, onsite_reason, express) = match depth {
            4 => ("0", "", "是"),
            3 if rng.chance(0.5) => ("0", "", "是"),
            _ => (
                "1",
                "需现场核验申请人身份及材料原件",
                if rng.chance(0.5) { "是" } else { "否" },
            ),
        };
        let conditions = conditions(rng);
        let materials = materials(rng, t.materials);
        let steps = steps(rng, promised, depth >= 3);
        let faqs = faqs(rng, t.name);
        Self {
            item_type,
            legal,
            promised,
            depth,
            visits,
            onsite_reason,
            express,
            conditions,
            materials,
            steps,
            faqs,
        }
    }
}

/// A claim's own version of a master element: drawn from the claim's stream until it differs
/// from the master's (a rewrite that repeats the master is none; after 16 equal draws — odds
/// below 10⁻⁷ for the smallest pool, 受理条件 — the last draw is kept).
fn rewrite<T: PartialEq>(master: &T, rng: &mut Rng, mut draw: impl FnMut(&mut Rng) -> T) -> T {
    let mut v = draw(rng);
    for _ in 0..16 {
        if v != *master {
            break;
        }
        v = draw(rng);
    }
    v
}

fn clean_item(rng: &mut Rng, opts: GenOptions, index: u64) -> Item {
    // Index i = q × |combos| + r: r picks (city, region, template), rotated by the seed; q numbers
    // the catalogue item within it, so 实施编码 are unique (up to ≈ 2.5 million items).
    let seed = opts.seed;
    let combos = &*COMBOS;
    let n = combos.len() as u64;
    let r = (index % n + rotation(seed)) % n;
    let q = index / n;
    let (ci, region_code, ti) = combos[r as usize];
    let city = &CITIES[ci];
    let t = &TEMPLATES[ti];
    let dept = &DEPTS[t.dept];
    let county = region_code != city.code;
    let city_name = division_name(city.code).unwrap_or("池州市");
    let region_name = division_name(region_code).unwrap_or(city_name);
    let area = area_codes_for_region(region_code)
        .first()
        .copied()
        .unwrap_or("0566");
    let subject = if county {
        format!("{region_name}{}", dept.name)
    } else {
        format!("{city_name}{}", dept.name)
    };
    let subject_code = subject_uscc(region_code, &subject);
    let level = if county { "4" } else { "3" };
    // The catalogue item claimed. 基本编码: 00 ‖ 事项类型 ‖ department ‖ 2-digit item ‖
    // 3-digit sub-item.
    let key = q * TEMPLATES.len() as u64 + ti as u64;
    let basic_code = format!(
        "00{}{}{:02}{:03}",
        t.item_type.0,
        dept.code,
        (key / 1000) % 99 + 1,
        key % 1000
    );
    let master = Master::draw(seed, key, t);

    // Local edits: which master elements this claim rewrites (all four decided first, so a
    // higher rate edits a superset of the elements a lower one does).
    let [edit_conditions, edit_materials, edit_steps, edit_faqs] =
        std::array::from_fn(|_| rng.chance(opts.local_edit_rate));
    let conditions = if edit_conditions {
        rewrite(&master.conditions, rng, conditions)
    } else {
        master.conditions
    };
    let materials = if edit_materials {
        rewrite(&master.materials, rng, |rng| materials(rng, t.materials))
    } else {
        master.materials
    };
    let (promised, steps) = if edit_steps {
        // The claim may promise fewer days than the master, never more.
        let fewer = PROMISED
            .iter()
            .take_while(|&&p| p <= master.promised)
            .count();
        rewrite(&(master.promised, master.steps), rng, |rng| {
            let promised = PROMISED[rng.below(fewer)];
            (promised, steps(rng, promised, master.depth >= 3))
        })
    } else {
        (master.promised, master.steps)
    };
    let faqs = if edit_faqs {
        rewrite(&master.faqs, rng, |rng| faqs(rng, t.name))
    } else {
        master.faqs
    };

    // The region's hall, the department's window in it.
    let region_key: u64 = region_code.parse().unwrap_or(0);
    let hall = &mut Rng::shared(seed, HALL, region_key);
    let street = hall.pick(city.streets);
    let number = hall.range(1, 999);
    let hours = *hall.pick(HOURS);
    let window = &mut Rng::shared(seed, WINDOW, region_key * 16 + t.dept as u64);
    let address = format!(
        "{city_name}{}{street}{number}号{region_name}政务服务中心{}楼{}区{}号窗口",
        if county { region_name } else { "" },
        CN_DIGITS[window.range(1, 4)],
        char::from(b'A' + window.below(4) as u8),
        window.range(1, 40)
    );
    let office = format!("{area}-{}{}", window.range(2, 8), window.digits(6));

    let charged = t.fee.is_some();
    let mut item = Item {
        name: t.name.to_owned(),
        code: format!("{subject_code}{level}{basic_code}"),
        basic_code,
        item_type: master.item_type.to_owned(),
        subject,
        subject_code,
        region_code: region_code.to_owned(),
        region: region_name.to_owned(),
        level: level.to_owned(),
        power_source: "法定本级行使".to_owned(),
        quantity_limit: "无".to_owned(),
        handling_type: "承诺件".to_owned(),
        service_object: t.objects.to_owned(),
        legal_limit: format!("{}个工作日", master.legal),
        promised_limit: format!("{promised}个工作日"),
        visits: master.visits.to_owned(),
        onsite_reason: master.onsite_reason.to_owned(),
        online_depth: ["一级", "二级", "三级", "四级"][master.depth - 1].to_owned(),
        express: master.express.to_owned(),
        address,
        hours: hours.to_owned(),
        result_name: t.result.to_owned(),
        result_sample: format!("{}（样本）.pdf", t.result),
        consult_phone: office,
        supervise_phone: format!("{area}-12345"),
        charged: if charged { "是" } else { "否" }.to_owned(),
        intermediary: if t.intermediary.is_some() {
            "是"
        } else {
            "否"
        }
        .to_owned(),
        legal_basis: t.basis.to_owned(),
        conditions,
        online_url: format!(
            "https://www.ahzwfw.gov.cn/bog-bsdt/static/workPlatform/gotoShenBao.html?taskCode={index:08}"
        ),
        guide_url: format!("https://www.ahzwfw.gov.cn/bog-bsdt/static/guide/{index:08}.html"),
        materials: materials.into(),
        steps: steps.into(),
        faqs: faqs.into(),
        ..Item::default()
    };
    if let Some((name, standard, basis)) = t.fee {
        item.fees.push(Fee {
            name: name.to_owned(),
            standard: standard.to_owned(),
            basis: basis.to_owned(),
            ..Fee::default()
        });
    }
    if let Some((name, basis)) = t.intermediary {
        // The agencies are the city's: one stream per (city, catalogue item).
        let city_area = area_codes_for_region(city.code)
            .first()
            .copied()
            .unwrap_or(area);
        let arng = &mut Rng::shared(seed, AGENCIES, key * CITIES.len() as u64 + ci as u64);
        item.intermediaries.push(Intermediary {
            name: name.to_owned(),
            basis: basis.to_owned(),
            query_url: "https://zjcs.ahzwfw.gov.cn/".to_owned(),
            agencies: ["华正", "宏远", "建科"]
                .into_iter()
                .map(|firm| Agency {
                    name: format!("{city_name}{firm}工程咨询有限公司"),
                    address: format!(
                        "{city_name}{}{}号",
                        arng.pick(city.streets),
                        arng.range(1, 300)
                    ),
                    contact: format!("{city_area}-{}{}", arng.range(2, 8), arng.digits(6)),
                })
                .collect(),
            ..Intermediary::default()
        });
    }
    item
}

/// A department's USCC: `11` (机关) ‖ region ‖ a 9-character organisation code derived from the
/// subject's name (the same subject always gets the same code; GB 11714 check character) ‖
/// GB 32100 check character, both from [`crate::model::code`].
fn subject_uscc(region_code: &str, subject: &str) -> String {
    use crate::model::code::{org_code_check_char, uscc_check_char};
    let mut r = SplitMix64::new(crate::score::prng::fnv1a(subject));
    let mut org: String = (0..8)
        .map(|k| {
            if k == 0 {
                '0'
            } else {
                char::from(b'0' + r.below(10) as u8)
            }
        })
        .collect();
    org.push(org_code_check_char(&org).unwrap_or('0'));
    let body = format!("11{region_code}{org}");
    let check = uscc_check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// The default `[check] fill_in_words` (M04/M05).
static FILL_IN_WORDS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| crate::rules::RuleParams::default().fill_in_words);

/// Whether a material name reads like a form the applicant fills in (original only).
fn is_fill_in(name: &str) -> bool {
    FILL_IN_WORDS.iter().any(|w| name.contains(w.as_str()))
}

/// Fills a pool sentence's number slots with numbers drawn for it.
fn fill_numbers(rng: &mut Rng, text: &str, name: &str) -> String {
    text.replace("{name}", name)
        .replace("{a}", &rng.range(2, 60).to_string())
        .replace("{b}", &rng.range(3, 30).to_string())
}

/// 受理条件: the pool's first sentence and 1–4 of the others, in the pool's order, with the
/// master's numbers.
fn conditions(rng: &mut Rng) -> String {
    let n = rng.range(1, 4);
    let mut picked: Vec<usize> = (1..CONDITIONS.len()).collect();
    while picked.len() > n {
        picked.remove(rng.below(picked.len()));
    }
    std::iter::once(CONDITIONS[0].to_owned())
        .chain(
            picked
                .into_iter()
                .map(|i| fill_numbers(rng, CONDITIONS[i], "")),
        )
        .collect::<Vec<_>>()
        .join("；")
}

/// 常见问题: 3–5 entries of the pool, in the pool's order, with the master's numbers.
fn faqs(rng: &mut Rng, name: &str) -> Vec<Faq> {
    let n = rng.range(3, 5);
    let mut picked: Vec<usize> = (0..FAQS.len()).collect();
    while picked.len() > n {
        picked.remove(rng.below(picked.len()));
    }
    picked
        .into_iter()
        .map(|i| {
            let (q, a) = FAQS[i];
            Faq {
                question: q.replace("{name}", name),
                answer: fill_numbers(rng, a, name),
                ..Faq::default()
            }
        })
        .collect()
}

fn materials(rng: &mut Rng, specific: &[(&str, &str)]) -> Vec<Material> {
    let n = rng.range(1, 15);
    let mut chosen: Vec<(&str, &str)> = specific.iter().copied().take(n).collect();
    let start = rng.below(COMMON_MATERIALS.len());
    for k in 0..COMMON_MATERIALS.len() {
        if chosen.len() >= n {
            break;
        }
        let m = COMMON_MATERIALS[(start + k) % COMMON_MATERIALS.len()];
        if chosen.iter().all(|c| c.0 != m.0) {
            chosen.push(m);
        }
    }
    chosen
        .into_iter()
        .map(|(name, issuer)| {
            let mut m = Material {
                name: name.to_owned(),
                source_channel: if issuer.is_empty() {
                    "申请人自备"
                } else {
                    "政府部门核发"
                }
                .to_owned(),
                source_desc: if issuer.is_empty() {
                    "申请人"
                } else {
                    issuer
                }
                .to_owned(),
                copies: rng.range(1, 2).to_string(),
                material_type: if is_fill_in(name) {
                    "原件"
                } else {
                    "原件和复印件"
                }
                .to_owned(),
                form: "纸质和电子".to_owned(),
                spec: "A4".to_owned(),
                required: "必要".to_owned(),
                notes: (*rng.pick(NOTES)).to_owned(),
                ..Material::default()
            };
            // Whatever the rules count as a form the applicant fills in gets both links.
            if crate::rules::materials::is_fill_in(&m, &FILL_IN_WORDS) {
                m.blank_form = format!("https://www.ahzwfw.gov.cn/files/form/{name}.docx");
                m.sample = format!("https://www.ahzwfw.gov.cn/files/sample/{name}（示例）.docx");
            }
            m
        })
        .collect()
}

/// 受理 1 day, 审查 and 决定 sharing the rest but one, 办结 1 day: the limits add up to `promised`.
/// When the item is handled online (网办深度 三级/四级) 受理 starts with the online submission.
fn steps(rng: &mut Rng, promised: usize, online: bool) -> Vec<Step> {
    let review = rng.range(1, promised - 3);
    let decide = promised - 2 - review;
    [
        (
            "受理",
            1,
            if online {
                "申请人通过安徽政务服务网在线提交申请材料，窗口对申请材料进行形式审查，材料齐全、符合法定形式的予以受理并出具受理通知书"
            } else {
                "对申请材料进行形式审查，材料齐全、符合法定形式的予以受理并出具受理通知书"
            },
        ),
        (
            "审查",
            review,
            "对申请材料的真实性、合法性进行实质审查，必要时组织现场核查",
        ),
        (
            "决定",
            decide,
            "根据审查意见作出准予或不予许可的决定，不予许可的说明理由",
        ),
        ("办结", 1, "制作并送达办理结果，告知申请人领取方式"),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (name, days, duties))| Step {
        name: name.to_owned(),
        handler: HANDLERS[(i + rng.below(2)) % HANDLERS.len()].to_owned(),
        duties: duties.to_owned(),
        time_limit: format!("{days}个工作日"),
        ..Step::default()
    })
    .collect()
}

#[cfg(test)]
mod tests;
