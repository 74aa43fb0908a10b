//! What the build script and the matcher share: how text and labels fold, which labels are
//! denied, and which skill owns a label that several share. See `skills.rs` for the rules.

use std::collections::HashMap;
use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Folded labels never matched, chosen by hand: product names and labels that are ordinary words in
/// postings ("access to training", "word of mouth", "project", "teams"). One-letter labels, and
/// label fragments left by splitting ESCO's lists ("and procedures"), are dropped by rule.
pub const DENIED: &[&str] = &[
    "access", "word", "project", "teams", "office", "outlook", "windows", "box", "chef", "puppet",
    "spark", "shell", "it", "less", "make", "ant", "maven", "bamboo", "pulse", "connect", "gather",
    "simple", "quick", "ace", "act", "ask", "sage", "square", "zoom", "basic", "data",
];

/// Labels denied from data: `bench/skills-eval.py --tune` lists those that SkillSpan's train and
/// dev splits show to be wrong at least four times in five (never the test split).
const DENY_FILE: &str = include_str!("../../../data/skills/deny.txt");

fn tuned_denied(word: &str) -> bool {
    DENY_FILE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .any(|denied| denied == word)
}

/// What a byte of UTF-8 text is to the folding: part of a word (ASCII letters, digits, `+`, `#`),
/// a separator (any other ASCII), or part of a longer char that has to be decoded to tell.
const WORD: u8 = 1;
const SEPARATOR: u8 = 0;
const DECODE: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [DECODE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'+' || c == b'#' {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Where [`fold_words`] writes each word, folded.
pub trait FoldInto {
    /// Replaces the contents with `text[start..end]`, which is all ASCII word bytes, lower-cased.
    fn set_ascii(&mut self, text: &[u8], start: usize, end: usize);
    /// Replaces the contents with `word` lower-cased, char by char.
    fn set_chars(&mut self, word: &str);
}

impl FoldInto for String {
    fn set_ascii(&mut self, text: &[u8], start: usize, end: usize) {
        self.clear();
        self.extend(
            text[start..end]
                .iter()
                .map(|b| b.to_ascii_lowercase() as char),
        );
    }
    fn set_chars(&mut self, word: &str) {
        self.clear();
        self.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The longest folded word, in bytes, that a [`WordKey`] holds.
pub const KEY_WIDTH: usize = 32;

/// A folded word as a fixed-size key, zero-padded, so the matcher compares and hashes words
/// without allocating or calling memcmp. Folded words never contain a zero byte, so the padding
/// cannot collide; a longer word is all 0xFF (a byte UTF-8 never uses) and so equals no label word
/// (the build script checks that every label word fits).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
#[repr(C, align(32))] // one key, one cache line
pub struct WordKey([u8; KEY_WIDTH]);

impl WordKey {
    const TOO_LONG: WordKey = WordKey([0xFF; KEY_WIDTH]);

    /// The key of a word that is already folded; none if it does not fit.
    pub fn of(folded: &str) -> Option<WordKey> {
        let mut key = WordKey::default();
        key.set_chars(folded);
        (key != WordKey::TOO_LONG).then_some(key)
    }

    /// FxHash over the key's four 8-byte lanes.
    pub fn hash(&self) -> u64 {
        let mut hasher = FxHasher::default();
        for lane in self.0.chunks_exact(8) {
            hasher.write_u64(u64::from_le_bytes(lane.try_into().expect("8 bytes")));
        }
        hasher.finish()
    }
}

/// Per word length up to [`KEY_WIDTH`]: the masks that keep that many bytes of a key's four lanes.
const LANE_MASKS: [[u64; 4]; KEY_WIDTH + 1] = {
    let mut masks = [[0; 4]; KEY_WIDTH + 1];
    let mut len = 0;
    while len <= KEY_WIDTH {
        let mut lane = 0;
        while lane < 4 {
            let kept = if len >= lane * 8 + 8 {
                8
            } else {
                len.saturating_sub(lane * 8)
            };
            masks[len][lane] = if kept == 8 {
                u64::MAX
            } else {
                (1u64 << (kept * 8)) - 1
            };
            lane += 1;
        }
        len += 1;
    }
    masks
};

impl FoldInto for WordKey {
    #[inline]
    fn set_ascii(&mut self, text: &[u8], start: usize, end: usize) {
        let len = end - start;
        *self = match text.get(start..start + KEY_WIDTH) {
            // A whole key's width of text from the word's start, eight bytes at a time, the
            // bytes past the word's end masked off: no loop over the word, no branch on its length.
            Some(window) if len <= KEY_WIDTH => {
                let mut key = [0; KEY_WIDTH];
                for ((out, from), mask) in key
                    .chunks_exact_mut(8)
                    .zip(window.chunks_exact(8))
                    .zip(LANE_MASKS[len])
                {
                    let bytes = u64::from_le_bytes(from.try_into().expect("8 bytes"));
                    out.copy_from_slice(&(ascii_lowercase(bytes) & mask).to_le_bytes());
                }
                WordKey(key)
            }
            None if len <= KEY_WIDTH => {
                let mut key = [0; KEY_WIDTH];
                key[..len].copy_from_slice(&text[start..end]);
                key.make_ascii_lowercase();
                WordKey(key)
            }
            _ => WordKey::TOO_LONG,
        };
    }
    fn set_chars(&mut self, word: &str) {
        let mut key = [0; KEY_WIDTH];
        let mut len = 0;
        for c in word.chars().flat_map(char::to_lowercase) {
            let Some(slot) = key.get_mut(len..len + c.len_utf8()) else {
                *self = WordKey::TOO_LONG;
                return;
            };
            c.encode_utf8(slot);
            len += c.len_utf8();
        }
        *self = WordKey(key);
    }
}

/// Lower-cases the ASCII letters among eight bytes at once. A byte of 0x80 or more may carry into
/// the bytes above it, but those come after it in the text, so past the end of an ASCII word.
#[inline]
fn ascii_lowercase(bytes: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = bytes.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let above_z = bytes.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    let upper = (at_least_a ^ above_z) & (ONES * 0x80);
    bytes | (upper >> 2)
}

/// Calls `each(start, end, word)` for every word of `text`: its byte range in `text` and the word
/// folded (letters and digits lower-cased; `+` and `#` kept, so C++ and C# stay words; every
/// other character separates). The one definition of a word that labels and text share.
pub fn each_word(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let mut word = String::with_capacity(32);
    fold_words(text, &mut word, |start, end, word| each(start, end, word));
}

/// [`each_word`] into any [`FoldInto`]: a `String`, or a [`WordKey`] for the matcher.
///
/// The text is read 64 bytes at a time into a bit mask of the bytes that may be in a word (ASCII
/// word bytes, and every byte of a non-ASCII char); runs of set bits are found with
/// `trailing_zeros`, so there is no branch per byte. An all-ASCII run is one word; a run with
/// non-ASCII chars is split char by char, since some of them (dashes, quotes) separate.
pub fn fold_words<B: FoldInto>(text: &str, word: &mut B, mut each: impl FnMut(usize, usize, &B)) {
    let bytes = text.as_bytes();
    let mut run = |start: usize, end: usize, ascii: bool| {
        if ascii {
            word.set_ascii(bytes, start, end);
            each(start, end, word);
            return;
        }
        // Rare, so the plain way: char by char, every word folded as chars.
        let mut at = start;
        while let Some(from) = next_word(&text[..end], at) {
            let to = word_end(&text[..end], from);
            word.set_chars(&text[from..to]);
            each(from, to, word);
            at = to;
        }
    };
    // The run under way: where it started, and whether it started in an earlier block.
    let mut open: Option<(usize, bool)> = None;
    for (index, block) in bytes.chunks(64).enumerate() {
        let base = index * 64;
        let (bits, high) = block_bits(block);
        let mut from = 0;
        loop {
            let after = u64::MAX << from;
            match open {
                None => match bits & after {
                    0 => break,
                    rest => {
                        from = rest.trailing_zeros();
                        open = Some((base + from as usize, false));
                    }
                },
                Some((start, earlier)) => match !bits & after {
                    0 => {
                        open = Some((start, true));
                        break;
                    }
                    rest => {
                        let to = rest.trailing_zeros();
                        // A short last block's missing bytes are clear bits, so a run ends at
                        // the text's end at the latest.
                        let end = base + to as usize;
                        let ascii = if earlier {
                            bytes[start..end].is_ascii()
                        } else {
                            high & after & !(u64::MAX << to) == 0
                        };
                        run(start, end, ascii);
                        open = None;
                        from = to;
                    }
                },
            }
        }
    }
    if let Some((start, _)) = open {
        run(start, bytes.len(), bytes[start..].is_ascii());
    }
}

/// For a block of at most 64 bytes: bit `i` of the first mask is set when byte `i` may be part
/// of a word (an ASCII letter, digit, `+` or `#`, or any byte of a non-ASCII char), of the second
/// when it is not ASCII. Eight bytes at a time with no branch (SWAR): each test leaves its answer
/// in the top bit of every byte, and one multiplication gathers the eight top bits.
#[inline]
fn block_bits(block: &[u8]) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = ONES * 0x80;
    // Top bit of each byte set where lo <= byte <= hi, for bytes below 0x80 (no carries).
    let within = |seven: u64, lo: u8, hi: u8| {
        (seven.wrapping_add(ONES * u64::from(0x80 - lo))
            ^ seven.wrapping_add(ONES * u64::from(0x7F - hi)))
            & TOPS
    };
    // The top bits of eight bytes as eight bits, byte 0 lowest.
    let gather = |tops: u64| (tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    let mut padded = [0u8; 64];
    padded[..block.len()].copy_from_slice(block);
    let (mut word, mut high) = (0, 0);
    for (lane, chunk) in padded.chunks_exact(8).enumerate() {
        let bytes = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let top = bytes & TOPS;
        let seven = bytes & !TOPS;
        let in_word = top
            | within(seven | (ONES * 0x20), b'a', b'z')
            | within(seven, b'0', b'9')
            | within(seven, b'+', b'+')
            | within(seven, b'#', b'#');
        word |= gather(in_word) << (lane * 8);
        high |= gather(top) << (lane * 8);
    }
    (word, high)
}

/// Where the next word starts at or after byte `from`.
#[inline]
fn next_word(text: &str, mut from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(from) {
        match BYTE_CLASS[b as usize] {
            WORD => return Some(from),
            SEPARATOR => from += 1,
            _ => {
                let c = char_at(text, from);
                if c.is_alphanumeric() {
                    return Some(from);
                }
                from += c.len_utf8();
            }
        }
    }
    None
}

/// Where the word that starts at `start` ends.
#[inline]
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        match BYTE_CLASS[b as usize] {
            WORD => end += 1,
            SEPARATOR => break,
            _ => {
                let c = char_at(text, end);
                if !c.is_alphanumeric() {
                    break;
                }
                end += c.len_utf8();
            }
        }
    }
    end
}

fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("a char starts here")
}

/// The folded words of `text`, single-spaced: how labels compare with each other and with what
/// people type.
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_word(text, |_, _, word| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

/// Whether `phrase`'s words appear, in order and adjacent, among `text`'s.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let phrase = canonical(phrase);
    !phrase.is_empty() && format!(" {} ", canonical(text)).contains(&format!(" {phrase} "))
}

/// When a label may fire (the `when` column of `labels.tsv`, set by `scripts/compile-data`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Guard {
    /// Wherever its words appear.
    Any = 0,
    /// Only written with a capital: a product's name that is also an ordinary word ("Slack").
    Case = 1,
    /// Only written in capitals: an acronym that is also a word ("SAN", "ETL").
    Upper = 3,
    /// Only written with a capital and beside other technology, or after "in" or "using": the
    /// names of one or two letters (R, C, Go) and words left when ESCO's bracketed qualifier is
    /// dropped ("Chef (tools for software configuration management)").
    Tech = 2,
}

impl Guard {
    fn parse(text: &str) -> Guard {
        match text {
            "case" => Guard::Case,
            "upper" => Guard::Upper,
            "tech" => Guard::Tech,
            _ => Guard::Any,
        }
    }
}

/// The bits of a trie value above the skill's index that hold its [`Guard`].
pub const GUARD_SHIFT: u32 = 28;
pub const SKILL_MASK: u32 = (1 << GUARD_SHIFT) - 1;
/// The bit of a trie value that says the label is the skill's preferred label, and the one that
/// says the skill is O*NET's: the context layer weighs both for every hit, and reading them from
/// the skill's strings cost two cache misses a hit.
pub const PREFERRED: u32 = 1 << 30;
pub const ONET: u32 = 1 << 31;

/// A trie value: the skill's index with the label's guard above it.
pub fn pack(skill: u32, guard: Guard) -> u32 {
    assert!(skill < SKILL_MASK, "under 2^28 skills");
    skill | (guard as u32) << GUARD_SHIFT
}

/// The skill's index and the guard of a trie value.
pub fn unpack(value: u32) -> (u32, Guard) {
    let guard = match value >> GUARD_SHIFT & 3 {
        0 => Guard::Any,
        1 => Guard::Case,
        2 => Guard::Tech,
        _ => Guard::Upper,
    };
    (value & SKILL_MASK, guard)
}

/// A label as a pattern: its folded words, single-spaced; none for a denied label. A label of one
/// character is kept only when its guard asks for technology around it (R, C).
pub fn pattern(label: &str, guard: Guard) -> Option<String> {
    let words = canonical(label);
    if (words.chars().count() < 2 && guard != Guard::Tech)
        || words.is_empty()
        || words.starts_with("and ")
        || words.starts_with("or ")
        || DENIED.contains(&words.as_str())
        || tuned_denied(&words)
    {
        return None;
    }
    Some(words)
}

/// The (id, preferred label) rows of `skills.tsv`.
pub fn skill_rows(skills_tsv: &str) -> Vec<(&str, &str)> {
    skills_tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

/// One row of `labels.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelRow<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub guard: Guard,
    /// Which rule gave the label; when skills share a label, the lower rank owns it.
    pub rank: u8,
}

/// The kinds of label in `labels.tsv`, best owner first: a curated form
/// (`data/skills/surface-forms.tsv`), an O*NET product's name, an ESCO preferred label, a form
/// derived from a product's name ("Excel"), an ESCO preferred label without its bracketed
/// qualifier ("Java"), an ESCO alternative
/// label, an O*NET commodity class's title or generic example ("Spreadsheet software").
const KINDS: [&str; 7] = [
    "curated",
    "name",
    "preferred",
    "derived",
    "stripped",
    "alt",
    "class",
];

/// The rank of a kind of label (see [`KINDS`]); past the last for an unknown kind.
pub fn kind_rank(kind: &str) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len()) as u8
}

/// The rows of `labels.tsv`: id, label, when, kind.
pub fn label_rows(labels_tsv: &str) -> impl Iterator<Item = LabelRow<'_>> {
    labels_tsv.lines().skip(1).filter_map(|line| {
        let mut cells = line.split('\t');
        let (id, label) = (cells.next()?, cells.next()?);
        let guard = Guard::parse(cells.next().unwrap_or("any"));
        let kind = cells.next().unwrap_or("alt");
        let rank = kind_rank(kind);
        Some(LabelRow {
            id,
            label,
            guard,
            rank,
        })
    })
}

/// Every usable label as a pattern with its trie value ([`pack`]: the index of the skill that
/// owns it and its guard, and the [`PREFERRED`] and [`ONET`] bits), sorted by pattern.
pub fn patterns(skills_tsv: &str, labels_tsv: &str) -> Vec<(String, u32)> {
    let skills = skill_rows(skills_tsv);
    let index: HashMap<&str, u32> = skills
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i as u32))
        .collect();
    // For each folded label, the row that owns it: lower (rank, id) wins.
    let mut owner: HashMap<String, ((u8, &str), u32)> = HashMap::new();
    for row in label_rows(labels_tsv) {
        let (Some(&skill), Some(pattern)) = (index.get(row.id), pattern(row.label, row.guard))
        else {
            continue;
        };
        let rank = (row.rank, row.id);
        let value = pack(skill, row.guard);
        owner
            .entry(pattern)
            .and_modify(|held| {
                if rank < held.0 {
                    *held = (rank, value);
                }
            })
            .or_insert((rank, value));
    }
    let mut patterns: Vec<(String, u32)> = owner
        .into_iter()
        .map(|(p, (_, value))| {
            let (id, label) = skills[(value & SKILL_MASK) as usize];
            let onet = if id.starts_with("onet:") { ONET } else { 0 };
            let preferred = if canonical(label) == p { PREFERRED } else { 0 };
            (p, value | onet | preferred)
        })
        .collect();
    patterns.sort_unstable();
    patterns
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The words of `text` found char by char, the plain way: what [`fold_words`] must agree with.
    fn words_char_by_char(text: &str) -> Vec<(usize, usize, String)> {
        let mut words = Vec::new();
        let mut at = 0;
        while let Some(start) = next_word(text, at) {
            let end = word_end(text, start);
            let mut folded = String::new();
            folded.set_chars(&text[start..end]);
            words.push((start, end, folded));
            at = end;
        }
        words
    }

    /// Text from pieces that exercise every path: ASCII words and separators, `+` and `#`,
    /// letters that are not ASCII (some changing length when lower-cased), separators that are
    /// not ASCII, and words longer than a key, in runs long enough to cross 64-byte blocks.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a",
            "Node",
            "JS",
            "c++",
            "C#",
            "x9",
            "SQL",
            " ",
            ".",
            ", ",
            "-",
            "\n",
            "\t",
            "(",
            "é",
            "Zoë",
            "İ",
            "ẞ",
            "中文",
            "Ω",
            "—",
            "«",
            "»",
            "’",
            "🙂",
            "\u{a0}",
            "Rechtsschutzversicherungsgesellschaften",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg",
        ]);
        prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn block_folding_agrees_with_char_by_char(text in text()) {
            let mut found = Vec::new();
            each_word(&text, |start, end, word| found.push((start, end, word.to_string())));
            prop_assert_eq!(&found, &words_char_by_char(&text));

            let mut keys = Vec::new();
            fold_words(&text, &mut WordKey::default(), |_, _, key| keys.push(*key));
            let expected: Vec<WordKey> = found
                .iter()
                .map(|(.., word)| WordKey::of(word).unwrap_or(WordKey::TOO_LONG))
                .collect();
            prop_assert_eq!(keys, expected);
        }
    }

    #[test]
    fn the_block_masks_and_the_byte_table_agree_on_every_byte() {
        for b in 0..=255u8 {
            let (word, high) = block_bits(&[b' ', b]);
            assert_eq!(
                word >> 1 == 1,
                BYTE_CLASS[b as usize] != SEPARATOR,
                "byte {b:#x}"
            );
            assert_eq!(high >> 1 == 1, b >= 0x80, "byte {b:#x}");
            assert_eq!(word & 1, 0);
        }
    }

    #[test]
    fn eight_bytes_lower_case_at_once() {
        for b in 0..=255u8 {
            let lane = u64::from_le_bytes([b, b'A', b'z', b'@', b'[', b'`', b'{', b'Z']);
            let lowered = ascii_lowercase(lane).to_le_bytes();
            assert_eq!(lowered[1..], *b"az@[`{z");
            if b < 0x80 {
                assert_eq!(lowered[0], b.to_ascii_lowercase(), "byte {b:#x}");
            }
        }
    }
}
