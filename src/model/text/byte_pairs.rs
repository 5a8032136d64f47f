//! Testing a text's adjacent byte pairs 16 at a time ([`any_byte_pair`] and its relatives): the
//! fast way to rule a text out before a costly search.
//!
//! Not here: what the pairs are tested for (the callers, such as `mojibake`).

/// Adjacent byte pairs tested at a time by [`any_byte_pair`] and [`any_inner_byte_pair`]: the 16
/// pairs of a 17-byte window.
const PAIR_WINDOW: usize = 16;

/// Whether `pred` holds for one of the 16 adjacent pairs of `w`, every pair tested (a fixed-size
/// window without early exit is what the compiler vectorises).
#[inline]
fn window_has_pair(w: &[u8; PAIR_WINDOW + 1], pred: &impl Fn(u8, u8) -> bool) -> bool {
    w[..PAIR_WINDOW]
        .iter()
        .zip(&w[1..])
        .fold(false, |hit, (&x, &y)| hit | pred(x, y))
}

/// Whether `pred` holds for a pair of one of the whole windows from the start of `b` that end
/// before its last byte (the rest is left to the caller).
#[inline]
fn leading_windows_have_pair(b: &[u8], pred: &impl Fn(u8, u8) -> bool) -> bool {
    let mut at = 0;
    while at + PAIR_WINDOW < b.len() {
        if window_has_pair(b[at..=at + PAIR_WINDOW].try_into().expect("window"), pred) {
            return true;
        }
        at += PAIR_WINDOW;
    }
    false
}

/// Whether `pred(byte, next byte)` holds for some byte of `s` (the last byte is paired with 0):
/// a fast way to rule a text out before a costly search. `pred` should combine its tests with
/// `&` and `|`, not `&&` and `||`: the bytes are then tested 16 at a time (fixed-size windows
/// without early exit are what the compiler vectorises).
#[inline]
pub(crate) fn any_byte_pair(s: &str, pred: impl Fn(u8, u8) -> bool) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let mut padded = [0u8; PAIR_WINDOW + 1];
    if n <= PAIR_WINDOW {
        padded[..n].copy_from_slice(b);
        return window_has_pair(&padded, &pred);
    }
    if leading_windows_have_pair(b, &pred) {
        return true;
    }
    // The last bytes, overlapping the window before, the last one paired with 0.
    padded[..PAIR_WINDOW].copy_from_slice(&b[n - PAIR_WINDOW..]);
    window_has_pair(&padded, &pred)
}

/// Whether `pred(byte, next byte)` holds for two adjacent bytes of `b`, tested 16 pairs at a time
/// like [`any_byte_pair`] but without copying long texts: their last window is the last 17 bytes.
/// Short texts are placed into a zeroed window by two fixed-size overlapping copies (no
/// `memcpy` call), so `pred(x, 0)` must be false for every byte `x` that may end the text.
#[inline]
pub(super) fn any_inner_byte_pair(b: &[u8], pred: impl Fn(u8, u8) -> bool) -> bool {
    let n = b.len();
    if n > PAIR_WINDOW {
        // The last pairs overlap the window before.
        return leading_windows_have_pair(b, &pred)
            || window_has_pair(b[n - PAIR_WINDOW - 1..].try_into().expect("window"), &pred);
    }
    if n < 2 {
        // One byte or none: no pair.
        return false;
    }
    window_has_pair(&zero_padded(b), &pred)
}

/// `b` (at most 16 bytes) followed by zeros, placed by fixed-size overlapping copies instead of a
/// `memcpy` call: how a short text is tested a window of byte pairs at a time.
#[inline]
pub(crate) fn zero_padded<const N: usize>(b: &[u8]) -> [u8; N] {
    let n = b.len();
    assert!(n <= 16 && n <= N, "{n} bytes do not fit");
    let mut padded = [0u8; N];
    if n >= 8 {
        padded[..8].copy_from_slice(&b[..8]);
        padded[n - 8..n].copy_from_slice(&b[n - 8..]);
    } else if n >= 4 {
        padded[..4].copy_from_slice(&b[..4]);
        padded[n - 4..n].copy_from_slice(&b[n - 4..]);
    } else if n >= 2 {
        padded[..2].copy_from_slice(&b[..2]);
        padded[n - 2..n].copy_from_slice(&b[n - 2..]);
    } else if n == 1 {
        padded[0] = b[0];
    }
    padded
}
