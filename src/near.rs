//! Which of a few known names a mistyped one was meant to be (`promise_limit` for
//! `promised_limit`, `事项.josn` for `事项.json`), for the `（是不是 …？）` of a message.

/// The name among `names` closest to `typed`, when it is a misspelling of it: at most a quarter
/// of the characters differ (one at least), a swap of two neighbours counting as one. Letters
/// are compared without case. `None` when nothing is that close.
pub(crate) fn nearest<'a>(
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let typed: Vec<char> = typed.trim().to_lowercase().chars().collect();
    let most = (typed.len() / 4).max(1);
    names
        .into_iter()
        .map(|name| {
            let other: Vec<char> = name.to_lowercase().chars().collect();
            (distance(&typed, &other), name)
        })
        .filter(|&(d, _)| d <= most)
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// Edits from `a` to `b`: insert, delete or replace a character, or swap two neighbours.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn a_misspelling_finds_its_name_and_a_stranger_finds_none() {
        let keys = ["promised_limit", "legal_limit", "name"];
        assert_eq!(nearest("promise_limit", keys), Some("promised_limit"));
        assert_eq!(nearest("Promised_Limit", keys), Some("promised_limit"));
        assert_eq!(nearest("xyz", keys), None);
        let files = ["sample.json", "sample.xlsx", "README.md"];
        assert_eq!(nearest("sample.josn", files), Some("sample.json"));
        assert_eq!(nearest("samples.xlsx", files), Some("sample.xlsx"));
        assert_eq!(
            nearest("事项.josn", ["事项.json", "池州.json"]),
            Some("事项.json")
        );
        assert_eq!(nearest("other.csv", files), None);
    }
}
