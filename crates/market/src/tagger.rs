//! The span tagger: proposes skill phrases as people write them ("work in a fast-paced
//! environment", "experience with building scalable backends"), which no taxonomy label names.
//! A first-order B/I/O tagger over words, its weights learned by an averaged structured
//! perceptron on SkillSpan train (`bench/train-tagger.sh`, `examples/train-tagger.rs`) and read
//! from `data/skills/tagger.bin` (format below), decoded by Viterbi.
//!
//! Features per word are hashed into `2^bits` buckets, each holding one weight per label: the word
//! lower-cased and its neighbours at -2..+2, word pairs, shapes ("Xx", "d", "x-x"), prefix and
//! suffixes, where the word stands, and whether the matcher found a concept there (the concept
//! hits' byte ranges are an input: the dictionary is the tagger's strongest cue).
//!
//! Model file, little-endian: the 8 bytes `MMTAGGR1`, `bits` (u32), the weight scale (f32),
//! O's bias (f32), 12 transition weights (f32, rows previous label B, I, O, start; columns B, I,
//! O), `3 * 2^bits` weights (i16 within `i16::MAX / FEATURES`, weight = value * scale), then an
//! FNV-1a 64 checksum of all the bytes before it (u64).

use std::cell::RefCell;
use std::sync::OnceLock;

const MODEL: &[u8] = include_bytes!("../../../data/skills/tagger.bin");
const MAGIC: &[u8; 8] = b"MMTAGGR1";

/// Labels, in the order of a bucket's weights and of the transition columns.
pub const B: usize = 0;
pub const I: usize = 1;
pub const O: usize = 2;
/// Row of the transition table for the first word.
pub const START: usize = 3;
/// Hashed features per word: a fixed count, so a sentence's features are one flat list.
pub const FEATURES: usize = 22;

/// Transition weights: `[previous (B, I, O, start)][label (B, I, O)]`.
pub type Transitions = [[f32; 3]; 4];

/// A parsed model: what [`Tagger::spans`] decodes with.
pub struct Tagger {
    pub bits: u32,
    pub scale: f32,
    pub o_bias: f32,
    pub transitions: Transitions,
    /// `2^bits` buckets, each a weight per label (B, I, O) and padding: one aligned load.
    pub weights: Vec<[i16; 4]>,
}

/// Why a model file did not parse.
#[derive(Debug, PartialEq, Eq)]
pub enum ModelError {
    Magic,
    Length,
    Checksum,
}

impl Tagger {
    /// The model shipped in `data/skills/tagger.bin`, parsed once per process.
    pub fn global() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(MODEL).expect("data/skills/tagger.bin parses"))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        const HEAD: usize = 8 + 4 + 4 + 4 + 48;
        if bytes.len() < HEAD + 8 || &bytes[..8] != MAGIC {
            return Err(ModelError::Magic);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if fnv(body).to_le_bytes() != sum {
            return Err(ModelError::Checksum);
        }
        let word = |at: usize| <[u8; 4]>::try_from(&body[at..at + 4]).expect("4 bytes");
        let bits = u32::from_le_bytes(word(8));
        if bits > 24 || body.len() != HEAD + 6 * (1usize << bits) {
            return Err(ModelError::Length);
        }
        let float = |at: usize| f32::from_le_bytes(word(at));
        let mut transitions = [[0.0; 3]; 4];
        for (n, t) in transitions.iter_mut().flatten().enumerate() {
            *t = float(20 + 4 * n);
        }
        let weight = |c: &[u8]| i16::from_le_bytes([c[0], c[1]]);
        let weights = body[HEAD..]
            .chunks_exact(6)
            .map(|c| [weight(&c[0..2]), weight(&c[2..4]), weight(&c[4..6]), 0])
            .collect();
        Ok(Tagger {
            bits,
            scale: float(12),
            o_bias: float(16),
            transitions,
            weights,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.bits.to_le_bytes());
        out.extend(self.scale.to_le_bytes());
        out.extend(self.o_bias.to_le_bytes());
        for t in self.transitions.iter().flatten() {
            out.extend(t.to_le_bytes());
        }
        for w in self.weights.iter().flat_map(|w| &w[..3]) {
            out.extend(w.to_le_bytes());
        }
        out.extend(fnv(&out).to_le_bytes());
        out
    }

    /// The skill phrases in `text` as byte ranges, in order. `concepts` are the matcher's hits
    /// (byte ranges, sorted by start), which the features read.
    pub fn spans(&self, text: &str, concepts: &[(usize, usize)]) -> Vec<(usize, usize)> {
        SCRATCH.with_borrow_mut(|s| {
            let emissions = &mut s.emissions;
            emissions.clear();
            featurize(text, concepts, self.bits, &mut s.tokens, |f| {
                emissions.push(self.emit(f));
            });
            decode(&s.emissions, &self.transitions, &mut s.labels, &mut s.back);
            spans_of(text, &s.tokens, &s.labels)
        })
    }

    /// One word's score per label, from its features.
    fn emit(&self, features: &[u32]) -> [f32; 3] {
        // Training keeps every weight within i16::MAX / FEATURES, so the sums fit 16 bits and
        // one vector add per feature does (wrapping only ever for a model made otherwise).
        let mut sum = [0i16; 4];
        for &f in features {
            let w = self.weights[f as usize];
            for (s, w) in sum.iter_mut().zip(w) {
                *s = s.wrapping_add(w);
            }
        }
        let [b, i, o, _] = sum.map(|s| f32::from(s) * self.scale);
        [b, i, o + self.o_bias]
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// What tagging one text needs, kept from text to text per thread.
#[derive(Default)]
struct Scratch {
    tokens: Vec<(usize, usize)>,
    emissions: Vec<[f32; 3]>,
    labels: Vec<u8>,
    back: Vec<[u8; 3]>,
}

/// FNV-1a 64: the model file's checksum.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_SEED, |h, &b| fnv_step(h, b))
}

/// Characters that join two runs of letters or digits into one word: "Node.js", "fast-paced",
/// "CI/CD", "don't".
const JOINERS: &[char] = &['.', '-', '\'', '/', '&', '_', '’'];

/// The words of `text` as byte ranges: runs of letters and digits (with `+` and `#` after them,
/// C++ and C#, and [`JOINERS`] between them); every other visible character is a word of its own.
pub fn tokenize(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        // ASCII letters, digits and spaces, most of a text, without decoding a character.
        if bytes[pos] == b' ' {
            pos += 1;
            continue;
        }
        let start = pos;
        let c = char_at(text, pos);
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            while pos < text.len() {
                if bytes[pos].is_ascii_alphanumeric() {
                    pos += 1;
                    continue;
                }
                let d = char_at(text, pos);
                let joins = JOINERS.contains(&d)
                    && pos + d.len_utf8() < text.len()
                    && char_at(text, pos + d.len_utf8()).is_alphanumeric();
                if !(d.is_alphanumeric() || d == '+' || d == '#' || joins) {
                    break;
                }
                pos += d.len_utf8();
            }
        }
        out.push((start, pos));
    }
}

/// The character at byte `at` (a boundary): ASCII without decoding.
fn char_at(text: &str, at: usize) -> char {
    match text.as_bytes()[at] {
        b @ 0..0x80 => char::from(b),
        _ => text[at..]
            .chars()
            .next()
            .expect("a character at a boundary"),
    }
}

/// What the features read of one word, each part hashed.
#[derive(Clone, Copy)]
struct Word {
    lower: u64,
    shape: u64,
    prefix3: u64,
    suffix2: u64,
    suffix3: u64,
    /// 0: in no concept hit; 1: a hit's first word; 2: inside a hit.
    hit: u64,
}

impl Word {
    /// Before the first word and after the last.
    const fn edge(mark: u64) -> Word {
        Word {
            lower: mark,
            shape: mark,
            prefix3: mark,
            suffix2: mark,
            suffix3: mark,
            hit: 3,
        }
    }

    /// One pass over the bytes for the lower-cased word, its prefix (FNV is streaming: the
    /// prefix's hash is the state after three bytes) and its shape; the suffixes are short.
    fn of(written: &str, hit: u64) -> Word {
        let bytes = written.as_bytes();
        let (mut lower, mut shape, mut prefix3) = (FNV_SEED, FNV_SEED, FNV_SEED);
        let mut last = 0u8;
        for (at, &b) in bytes.iter().enumerate() {
            lower = fnv_step(lower, b.to_ascii_lowercase());
            if at == 2 {
                prefix3 = lower;
            }
            let class = shape_class(b);
            if class != last {
                shape = fnv_step(shape, class);
                last = class;
            }
        }
        let n = bytes.len();
        Word {
            lower,
            shape,
            prefix3: if n < 3 { lower } else { prefix3 },
            suffix2: hash_lower(&bytes[n.saturating_sub(2)..]),
            suffix3: hash_lower(&bytes[n.saturating_sub(3)..]),
            hit,
        }
    }
}

const FNV_SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over the bytes with ASCII letters lower-cased (other letters keep their case: the
/// training text is English).
fn hash_lower(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(FNV_SEED, |h, &b| fnv_step(h, b.to_ascii_lowercase()))
}

/// A byte's part of a word's shape: "Python" is "Xx", "C++" "X+", "2021-07" "d-d" (repeats
/// collapse); a byte of a character beyond ASCII counts as a lower-case letter.
fn shape_class(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' | 0x80.. => b'x',
        b'0'..=b'9' => b'd',
        other => other,
    }
}

/// Template `t` over the value `h`, hashed to a bucket of `2^bits` (a full mix: a single
/// multiply cost 0.011 of dev F1 in collisions at 2^16 buckets).
fn bucket(t: u64, h: u64, bits: u32) -> u32 {
    let mixed = (h ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xd6e8_feb8_6659_fd93);
    ((mixed ^ (mixed >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as u32
}

fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(23) ^ b.wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// The words of `text` into `tokens`, and each word's [`FEATURES`] buckets to `each`, in order
/// (training keeps them; tagging scores them at once). `concepts` are the matcher's hits as byte
/// ranges, sorted by start.
pub fn featurize(
    text: &str,
    concepts: &[(usize, usize)],
    bits: u32,
    tokens: &mut Vec<(usize, usize)>,
    mut each: impl FnMut(&[u32; FEATURES]),
) {
    tokenize(text, tokens);
    let mut words = Vec::with_capacity(tokens.len() + 4);
    words.extend([Word::edge(1), Word::edge(1)]);
    let mut next_hit = 0;
    for &(start, end) in tokens.iter() {
        while next_hit < concepts.len() && concepts[next_hit].1 <= start {
            next_hit += 1;
        }
        let hit = match concepts.get(next_hit) {
            Some(&(s, _)) if s == start => 1,
            Some(&(s, _)) if s < end => 2,
            _ => 0,
        };
        words.push(Word::of(&text[start..end], hit));
    }
    words.extend([Word::edge(2), Word::edge(2)]);
    for (i, window) in words.windows(5).enumerate() {
        each(&word_features(window, i, bits));
    }
}

/// The [`FEATURES`] buckets of the middle word of `w` (words -2..+2), word number `i`.
fn word_features(w: &[Word], i: usize, bits: u32) -> [u32; FEATURES] {
    let [a, b, c, d, e] = [w[0], w[1], w[2], w[3], w[4]];
    let hits = c.hit | b.hit << 2 | d.hit << 4;
    let values = [
        0,
        c.lower,
        b.lower,
        d.lower,
        a.lower,
        e.lower,
        c.shape,
        pair(b.shape, c.shape),
        pair(c.shape, d.shape),
        c.prefix3,
        c.suffix3,
        c.suffix2,
        hits,
        pair(b.lower, c.lower),
        pair(c.lower, d.lower),
        b.suffix3,
        pair(i.min(2) as u64, c.suffix3),
        pair(b.lower, c.shape),
        d.suffix3,
        pair(c.hit, c.lower),
        pair(i.min(4) as u64, c.shape),
        pair(pair(b.hit, c.hit), c.shape),
    ];
    std::array::from_fn(|t| bucket(t as u64, values[t], bits))
}

/// The best label sequence under `emissions` and `transitions` (Viterbi), into `labels`; an I
/// never follows an O or starts a text.
pub fn decode(
    emissions: &[[f32; 3]],
    transitions: &Transitions,
    labels: &mut Vec<u8>,
    back: &mut Vec<[u8; 3]>,
) {
    labels.clear();
    back.clear();
    let Some(first) = emissions.first() else {
        return;
    };
    let t = transitions;
    let mut score = [
        t[START][B] + first[B],
        f32::NEG_INFINITY,
        t[START][O] + first[O],
    ];
    back.push([0; 3]);
    for e in &emissions[1..] {
        let mut from = [0u8; 3];
        let mut next = [0.0f32; 3];
        for y in 0..3 {
            // I continues a span: never after O.
            let o = if y == I {
                f32::NEG_INFINITY
            } else {
                score[O] + t[O][y]
            };
            let (p, best) = argmax([score[B] + t[B][y], score[I] + t[I][y], o]);
            from[y] = p as u8;
            next[y] = best + e[y];
        }
        back.push(from);
        score = next;
    }
    let (mut y, _) = argmax(score);
    labels.resize(emissions.len(), O as u8);
    for i in (0..emissions.len()).rev() {
        labels[i] = y as u8;
        y = back[i][y] as usize;
    }
}

/// What may end a span: the closing half of a pair it opened ("Java (JVM)").
const CLOSERS: &[&str] = &[")", "]", "\"", "+", "#"];

/// The index and value of the largest of three (the first of equals).
fn argmax(v: [f32; 3]) -> (usize, f32) {
    let mut best = (0, v[0]);
    for (at, &x) in v.iter().enumerate().skip(1) {
        if x > best.1 {
            best = (at, x);
        }
    }
    best
}

/// The byte ranges of the B/I runs of `labels` over `tokens` of `text`, without the punctuation
/// at either end of a run (". SQL" is "SQL"); a run of punctuation alone is no span.
pub fn spans_of(text: &str, tokens: &[(usize, usize)], labels: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut open = false;
    for (&(start, end), &label) in tokens.iter().zip(labels) {
        let label = label as usize;
        if label != I || !open {
            spans.extend(current.take());
        }
        open = label != O;
        let word = text[start..end].chars().any(char::is_alphanumeric);
        match current.as_mut() {
            Some(c) if open && (word || CLOSERS.contains(&&text[start..end])) => c.1 = end,
            None if open && word => current = Some((start, end)),
            _ => {}
        }
    }
    spans.extend(current);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&str> {
        let concepts: Vec<(usize, usize)> = crate::skills::Matcher::global()
            .concepts(text)
            .iter()
            .map(|h| (h.start, h.end))
            .collect();
        let spans = Tagger::global().spans(text, &concepts);
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn the_model_parses_and_round_trips() {
        let tagger = Tagger::from_bytes(MODEL).unwrap();
        assert!(tagger.bits >= 12, "{}", tagger.bits);
        assert_eq!(tagger.to_bytes(), MODEL);
        let mut broken = MODEL.to_vec();
        broken[100] ^= 1;
        assert_eq!(
            Tagger::from_bytes(&broken).err(),
            Some(ModelError::Checksum)
        );
        assert_eq!(Tagger::from_bytes(b"MMTAG").err(), Some(ModelError::Magic));
    }

    #[test]
    fn words_and_punctuation() {
        let text = "Node.js, C++ & fast-paced (CI/CD)!";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "Node.js",
                ",",
                "C++",
                "&",
                "fast-paced",
                "(",
                "CI/CD",
                ")",
                "!"
            ]
        );
    }

    #[test]
    fn phrases_people_write() {
        let found = phrases(
            "You are able to work in a fast-paced environment and have experience with \
             building scalable backends.",
        );
        assert!(
            found.iter().any(|p| p.contains("fast-paced environment")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.contains("scalable")), "{found:?}");
    }

    #[test]
    fn extract_adds_phrases_touching_no_concept() {
        let text = "Strong SQL skills and the ability to work in a fast-paced environment.";
        let hits = crate::skills::Matcher::global().extract(text);
        let (concepts, phrases): (Vec<_>, Vec<_>) = hits.iter().partition(|h| h.id.is_some());
        assert!(concepts.iter().any(|h| h.matched == "SQL"), "{hits:?}");
        assert!(!phrases.is_empty(), "{hits:?}");
        for p in &phrases {
            assert_eq!((p.label, p.class), (None, None));
            assert_eq!(&text[p.start..p.end], p.matched);
            assert!(
                concepts
                    .iter()
                    .all(|c| p.end <= c.start || c.end <= p.start)
            );
        }
        assert!(
            hits.windows(2).all(|w| w[0].start <= w[1].start),
            "in text order"
        );
    }

    #[test]
    fn nothing_in_empty_or_punctuation() {
        assert!(phrases("").is_empty());
        assert!(phrases("  ... --- !!! ( ) ;").is_empty());
    }
}
