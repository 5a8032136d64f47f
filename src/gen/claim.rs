//! 认领 — an item built as a claim of its catalogue item's master (母版): the [`Master`] drawn
//! from the catalogue item's stream, the claim's local edits, and its local elements (实施主体
//! and its USCC, 办理地点, 电话, URLs).
//!
//! Not here: how the master's element lists are drawn from the pools (`elements`), where an
//! item's index puts it and the streams (`mod.rs`), the defects (`defects`).

use super::elements::{conditions, faqs, materials, steps};
use super::pools::{self, CITIES, DEPTS, HOURS, TEMPLATES};
use super::{AGENCIES, COMBOS, GenOptions, HALL, MASTER, Rng, WINDOW, rotation};
use crate::model::{Agency, Faq, Fee, Intermediary, Item, Material, Step};
use crate::reference::{area_codes_for_region, division_name};
use crate::score::prng::SplitMix64;

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

pub(super) fn clean_item(rng: &mut Rng, opts: GenOptions, index: u64) -> Item {
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
