//! The context layer (issue 19 item 3): a second stage over the matcher's candidate hits that
//! decides, from the words around each one, whether it is demand for the skill.
//!
//! Two steps, in order:
//! 1. **Boilerplate passages**: a hit inside an equal-opportunity/legal, benefits or
//!    company/social passage is dropped. Passages are split at blank lines, line breaks, bullets
//!    and sentence ends; a passage is boilerplate when its cue words ([`CUES`]) weigh
//!    [`BOILERPLATE`] or more. The weights are set by hand: no data set at hand labels
//!    boilerplate, so a learned model could not be trained or checked honestly.
//! 2. **A learned hit filter**: logistic regression over features of the hit, its neighbours and
//!    the other words of its passage ([`features`]), trained on hand judgments of the concept
//!    (is the skill returned what the text means, and does the job ask for it?) of every
//!    candidate in SkillSpan train, with three thresholds (single words, single-word ESCO
//!    alternative labels, phrases) chosen on judged dev candidates (`bench/train-context.py`,
//!    see docs/skills-quality.md). The model is `data/skills/context-model.tsv`, embedded and
//!    parsed once.
//!
//! Features are named `kind=value` in the model file and hashed (the same bytes, built on the
//! stack) at run time, so scoring a hit allocates nothing; the `context-features` example prints the same
//! features as text for training.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::skills::{Hit, Matcher};
use crate::taxonomy::{ONET, PREFERRED, SKILL_MASK};

const MODEL: &str = include_str!("../../../data/skills/context-model.tsv");

/// A passage whose cues weigh this much or more is boilerplate: one unambiguous cue ("equal
/// opportunity", "E-Verify", "401(k)", "follow us", a street address), or several weaker ones
/// together ("race", "religion", "sex"; "dental", "vision", "benefits").
const BOILERPLATE: u32 = 4;

/// A block (text between blank lines) is boilerplate when its cues weigh twice [`BOILERPLATE`]
/// and at least one per this many words: a bulleted benefits list, whose items alone are short
/// ("Medical, dental and vision insurance"), under a heading that names it. The density keeps a
/// long posting without blank lines from adding up stray cues.
const BLOCK_WORDS_PER_CUE: usize = 6;

/// Cue phrases (folded words) and their weights. Weight 4: phrases that are boilerplate alone.
/// Weight 2: strong but possible in a skills sentence. Weight 1: words that are boilerplate only
/// in company ("dental", "veteran", "benefits"), and words that are also skills in a list
/// ("childbirth" for a midwife, "LinkedIn" for a marketer: together they once made a skills
/// list boilerplate).
const CUES: &[(&str, u32)] = &[
    // Equal opportunity and legal.
    ("eeo", 4),
    ("eoe", 4),
    ("equal opportunity", 4),
    ("equal employment", 4),
    ("affirmative action", 4),
    ("e verify", 4),
    ("everify", 4),
    ("is the law", 4),
    ("national origin", 4),
    ("sexual orientation", 4),
    ("gender identity", 4),
    ("protected veteran", 4),
    ("protected veterans", 4),
    ("without regard to", 2),
    ("qualified applicants", 2),
    ("reasonable accommodation", 4),
    ("reasonable accommodations", 4),
    ("genetic information", 2),
    ("marital status", 2),
    ("discrimination", 2),
    ("pregnancy", 1),
    ("childbirth", 1),
    ("background check", 2),
    ("drug screen", 2),
    ("race", 1),
    ("religion", 1),
    ("color", 1),
    ("colour", 1),
    ("sex", 1),
    ("age", 1),
    ("disability", 1),
    ("disabilities", 1),
    ("veteran", 1),
    ("veterans", 1),
    ("ancestry", 1),
    ("creed", 1),
    ("citizenship", 1),
    ("harassment", 1),
    ("accommodation", 1),
    ("accommodations", 1),
    ("applicants", 1),
    ("employer", 1),
    ("rights", 1),
    ("protected", 1),
    // Benefits.
    ("401 k", 4),
    ("401k", 4),
    ("paid time off", 4),
    ("parental leave", 4),
    ("pto", 2),
    ("health insurance", 2),
    ("life insurance", 2),
    ("maternity", 2),
    ("paternity", 2),
    ("perks", 2),
    ("stock options", 2),
    ("competitive salary", 2),
    ("tuition reimbursement", 2),
    ("we offer", 2),
    ("benefits", 1),
    ("benefit", 1),
    ("dental", 1),
    ("vision", 1),
    ("medical", 1),
    ("vacation", 1),
    ("holidays", 1),
    ("retirement", 1),
    ("bonus", 1),
    ("wellness", 1),
    ("gym", 1),
    ("snacks", 1),
    // Company description and social.
    ("about us", 4),
    ("follow us", 4),
    ("facebook page", 4),
    // "Find us on", "Connect with us on", "Like us on": with a network named, a footer.
    ("us on", 3),
    ("facebook", 1),
    ("linkedin", 1),
    ("twitter", 1),
    ("instagram", 1),
    ("youtube", 1),
    ("tiktok", 1),
    ("pinterest", 1),
    ("our website", 2),
    ("headquartered", 2),
    ("our mission", 2),
    ("founded", 1),
    ("founded in", 2),
    ("we are a", 2),
    ("we are an", 2),
    ("family owned", 2),
    ("our company", 2),
    ("leading provider", 2),
    ("industry leader", 2),
    ("employees", 1),
];

/// Street-address words: after a number within three words, a street address (cue weight 4).
const STREET: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "blvd",
    "boulevard",
    "rd",
    "road",
    "suite",
    "floor",
    "drive",
    "lane",
    "parkway",
    "plaza",
];

/// The text and its words' byte ranges, as the matcher found them.
pub(crate) struct Words<'t, 's> {
    pub text: &'t str,
    pub spans: &'s [(usize, usize)],
}

impl<'t> Words<'t, '_> {
    fn word(&self, i: usize) -> &'t [u8] {
        let (start, end) = self.spans[i];
        &self.text.as_bytes()[start..end]
    }

    /// The characters between word `i - 1` and word `i` (from the text's start for word 0).
    fn gap(&self, i: usize) -> &'t str {
        let from = if i == 0 { 0 } else { self.spans[i - 1].1 };
        let to = self.spans.get(i).map_or(self.text.len(), |s| s.0);
        &self.text[from..to]
    }

    fn is(&self, i: usize, word: &str) -> bool {
        i < self.spans.len() && self.word(i).eq_ignore_ascii_case(word.as_bytes())
    }

    /// Whether a passage ends before word `i`: a line break, a bullet, or a sentence end.
    fn breaks_before(&self, i: usize) -> bool {
        let gap = self.gap(i);
        if gap == " " {
            return false; // most gaps
        }
        if gap.contains(['\n', '•', '·', '▪']) {
            return true;
        }
        // "skills. Next" ends a sentence; "Node.js" and "e.g.," do not.
        let bytes = gap.as_bytes();
        bytes
            .iter()
            .position(|b| matches!(b, b'.' | b'!' | b'?'))
            .is_some_and(|at| bytes.get(at + 1).is_some_and(u8::is_ascii_whitespace))
    }

    /// Whether a block ends before word `i`: a blank line.
    fn blank_line_before(&self, i: usize) -> bool {
        let gap = self.gap(i);
        gap.find('\n')
            .is_some_and(|at| gap[at + 1..].contains('\n'))
    }

    /// The words `[first, end)` of the passage holding word `at`.
    fn passage(&self, at: usize) -> (usize, usize) {
        self.around(at, Self::breaks_before)
    }

    /// The words `[first, end)` of the block holding word `at`.
    fn block(&self, at: usize) -> (usize, usize) {
        self.around(at, Self::blank_line_before)
    }

    fn around(&self, at: usize, breaks: impl Fn(&Self, usize) -> bool) -> (usize, usize) {
        let mut first = at;
        while first > 0 && !breaks(self, first) {
            first -= 1;
        }
        let mut end = at + 1;
        while end < self.spans.len() && !breaks(self, end) {
            end += 1;
        }
        (first, end)
    }
}

/// The cue phrases by first word, each as its words and weight; and per first byte of a first
/// word, a bit per length it has, so most words are passed over without hashing.
struct Cues {
    index: FxHashMap<&'static [u8], Vec<(Vec<&'static str>, u32)>>,
    lengths: [u64; 256],
}

impl Cues {
    fn may_start(&self, word: &[u8]) -> bool {
        let bits = self.lengths[usize::from(word[0].to_ascii_lowercase())];
        word.len() < 64 && bits >> word.len() & 1 == 1
    }
}

fn cues() -> &'static Cues {
    static CUES_BUILT: OnceLock<Cues> = OnceLock::new();
    CUES_BUILT.get_or_init(|| {
        let mut cues = Cues {
            index: FxHashMap::default(),
            lengths: [0; 256],
        };
        for &(phrase, weight) in CUES {
            let words: Vec<&str> = phrase.split(' ').collect();
            let first = words[0].as_bytes();
            cues.lengths[usize::from(first[0])] |= 1 << first.len();
            cues.index.entry(first).or_default().push((words, weight));
        }
        cues
    })
}

/// The weight of the cues in words `[first, end)`, each cue counted once.
fn cue_weight(words: &Words, (first, end): (usize, usize)) -> u32 {
    let cues = cues();
    let mut seen = [usize::MAX; 32];
    let mut total = 0;
    let mut lower = [0u8; 32];
    for i in first..end {
        let word = words.word(i);
        if word[0].is_ascii_digit() && (1..=3).any(|k| STREET.iter().any(|s| words.is(i + k, s))) {
            total += 4;
        }
        if word.len() > lower.len() || !cues.may_start(word) {
            continue;
        }
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        let Some(phrases) = cues.index.get(&*lower) else {
            continue;
        };
        for (phrase, weight) in phrases {
            let id = phrase.as_ptr() as usize;
            let fits = i + phrase.len() <= end;
            if fits
                && phrase[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, w)| words.is(i + 1 + k, w))
            {
                if seen.contains(&id) {
                    continue;
                }
                if let Some(slot) = seen.iter_mut().find(|s| **s == usize::MAX) {
                    *slot = id;
                }
                total += weight;
            }
        }
    }
    total
}

/// A candidate hit: (first word, end word, skill), as `leftmost_longest` reports it, the skill's
/// index carrying the trie value's [`PREFERRED`] and [`ONET`] bits.
pub(crate) type Candidate = (usize, usize, u32);

/// Where the features of a hit go: one feature is `begin(kind)`, any `push`es of its value
/// (lower-cased as pushed), then `end`.
trait Sink {
    fn begin(&mut self, kind: &str);
    fn push(&mut self, value: &[u8]);
    fn end(&mut self);

    /// The `s=` features of the hit's passage; a sink may add them up once per passage.
    fn passage(&mut self, words: &Words, first: usize, end: usize) {
        let (from, to) = words.passage(first);
        for i in (from..to).filter(|i| !(first..end).contains(i)) {
            passage_word(words, i, self);
        }
    }
}

fn feature(sink: &mut impl Sink, kind: &str, value: &[u8]) {
    sink.begin(kind);
    sink.push(value);
    sink.end();
}

/// The features of candidate `k` of `found` (see docs/skills-quality.md, "The context layer").
/// Returns which threshold the hit answers to.
fn features(words: &Words, found: &[Candidate], k: usize, sink: &mut impl Sink) -> Gate {
    let (first, end, value) = found[k];
    let length: &[u8] = [b"1".as_slice(), b"2", b"3+"][(end - first).min(3) - 1];
    let label_kind: &[u8] = if value & PREFERRED != 0 {
        b"pref"
    } else {
        b"alt"
    };
    let source: &[u8] = if value & ONET != 0 { b"onet" } else { b"esco" };
    feature(sink, "n", length);
    feature(sink, "label", label_kind);
    feature(sink, "src", source);
    // Single-word alternative labels are the usual mistakes: one feature for the combination.
    sink.begin("shape");
    for part in [length, b"-", label_kind, b"-", source] {
        sink.push(part);
    }
    sink.end();
    let matched = &words.text[words.spans[first].0..words.spans[end - 1].1];
    feature(sink, "case", casing(matched));
    neighbours(words, first, end, sink);
    if in_list(words, first, end) {
        feature(sink, "list", b"1");
    }
    sink.begin("pat");
    for i in first..end {
        if i > first {
            sink.push(b" ");
        }
        sink.push(words.word(i));
    }
    sink.end();
    let near = found
        .iter()
        .enumerate()
        .any(|(j, f)| j != k && f.0 < end + 5 && first < f.1 + 5);
    if near {
        feature(sink, "near", b"1");
    }
    sink.passage(words, first, end);
    match (length, label_kind, source) {
        (b"1", b"alt", b"esco") => Gate::SingleAlternative,
        (b"1", ..) => Gate::Single,
        _ => Gate::Phrase,
    }
}

/// Word `i` of a hit's passage (sentence or line) as a feature, when it says something: whether
/// the passage is about the job ("experience", "you", "knowledge") or about the company, its perks
/// or how to apply ("we", "our", "industry", "offer"). The hit's own words are left out, and so
/// is a word of a single letter or of digits alone.
fn passage_word(words: &Words, i: usize, sink: &mut (impl Sink + ?Sized)) {
    let word = words.word(i);
    if word.len() > 1 && !word.iter().all(u8::is_ascii_digit) {
        sink.begin("s");
        sink.push(word);
        sink.end();
    }
}

/// Which threshold a hit answers to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// Labels of two words or more ("Microsoft Excel", "project management") are seldom the
    /// wrong concept, but can be about the company ("trials for lifesaving medicines"): a
    /// threshold of their own, `threshold_phrase`.
    Phrase,
    /// Single words: the model's threshold.
    Single,
    /// Single-word ESCO alternative labels: a threshold of their own.
    SingleAlternative,
}

/// Two words either side (`<s>`/`</s>` past the text's ends) and the punctuation next to the hit.
fn neighbours(words: &Words, first: usize, end: usize, sink: &mut impl Sink) {
    let count = words.spans.len();
    let before = |back: usize| first.checked_sub(back).map(|i| words.word(i));
    let after = |ahead: usize| (end + ahead < count).then(|| words.word(end + ahead));
    let sides = [
        ("w-2", before(2), b"<s>".as_slice()),
        ("w-1", before(1), b"<s>"),
        ("w+1", after(0), b"</s>"),
        ("w+2", after(1), b"</s>"),
    ];
    for (kind, word, edge) in sides {
        feature(sink, kind, word.unwrap_or(edge));
    }
    feature(sink, "l", &punctuation(words.gap(first)));
    feature(sink, "r", &punctuation(words.gap(end)));
}

/// The first three non-blank bytes of a gap between words: a line break as `n`, a byte of a
/// longer char as `~` (so a feature's name is always whole chars).
fn punctuation(gap: &str) -> [u8; 3] {
    let mut out = *b"___";
    let marks = gap
        .bytes()
        .filter(|b| *b == b'\n' || !b.is_ascii_whitespace())
        .map(|b| match b {
            b'\n' => b'n',
            128.. => b'~',
            _ => b,
        });
    for (slot, mark) in out.iter_mut().zip(marks) {
        *slot = mark;
    }
    out
}

/// Whether the hit is an item of a list: a comma, semicolon, slash or bullet beside it, or
/// "and"/"or" next to it.
fn in_list(words: &Words, first: usize, end: usize) -> bool {
    let listy = |gap: &str| gap.contains([',', ';', '/', '|', '•', '·', '\n']);
    let conjunction = |i: usize| words.is(i, "and") || words.is(i, "or");
    listy(words.gap(first))
        || listy(words.gap(end))
        || (first > 0 && conjunction(first - 1))
        || conjunction(end)
}

/// How the matched text is written: all capitals, capitalised, lower case, or mixed.
fn casing(matched: &str) -> &'static [u8] {
    let upper = matched.chars().filter(|c| c.is_uppercase()).count();
    let lower = matched.chars().filter(|c| c.is_lowercase()).count();
    let initial = matched.chars().next().is_some_and(char::is_uppercase);
    match (upper, lower) {
        (0, _) => b"lower",
        (_, 0) => b"upper",
        (1, _) if initial => b"title",
        _ => b"mixed",
    }
}

/// A feature's name, lower-cased and hashed as it is built (FNV-1a over its bytes), so scoring a
/// feature copies nothing: built in parts at run time, read whole from the model file, hashed the
/// same way both times. Bytes past [`NAME_WIDTH`] are left out (both times).
#[derive(Clone, Copy)]
struct Name {
    hash: u64,
    len: usize,
}

const NAME_WIDTH: usize = 64;

impl Name {
    const EMPTY: Name = Name {
        hash: 0xcbf2_9ce4_8422_2325,
        len: 0,
    };

    fn push(&mut self, part: &[u8]) {
        let room = NAME_WIDTH - self.len;
        for &byte in &part[..part.len().min(room)] {
            self.hash =
                (self.hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3);
        }
        self.len += part.len().min(room);
    }

    fn hash(&self) -> u64 {
        self.hash
    }

    fn of(name: &str) -> Name {
        let mut built = Name::EMPTY;
        built.push(name.as_bytes());
        built
    }
}

/// The logistic-regression model: a weight per feature, a bias, and the score a hit needs.
struct Model {
    bias: f32,
    /// The threshold as a score (its log-odds): a hit is kept when bias + weights >= this.
    cut: f32,
    /// The same for single-word ESCO alternative labels ("design" for *think creatively*): the
    /// concept judgments found most of them wrong even where the span is right, so they may
    /// need more evidence.
    cut_single: f32,
    /// The same for labels of two words or more: seldom the wrong concept, but wrong in a
    /// passage about the company ("trials for lifesaving medicines"). Without one in the
    /// file, phrases are kept whatever they score.
    cut_phrase: f32,
    weights: FxHashMap<u64, f32>,
}

fn model() -> &'static Model {
    static PARSED: OnceLock<Model> = OnceLock::new();
    PARSED.get_or_init(|| Model::parse(MODEL))
}

impl Model {
    /// `feature<TAB>weight` lines, `#` comments; `bias` and `threshold` (a probability) are
    /// lines of their own. Without a threshold every hit is kept.
    fn parse(text: &str) -> Model {
        let mut model = Model {
            bias: 0.0,
            cut: f32::NEG_INFINITY,
            cut_single: f32::NAN,
            cut_phrase: f32::NEG_INFINITY,
            weights: FxHashMap::default(),
        };
        let logit = |p: f32| (p / (1.0 - p)).ln();
        let rows = text.lines().filter(|l| !l.starts_with('#'));
        for (name, value) in rows.filter_map(|l| l.split_once('\t')) {
            let value: f32 = value.trim().parse().expect("context-model.tsv: a number");
            match name {
                "bias" => model.bias = value,
                "threshold" => model.cut = logit(value),
                "threshold_single_word_alternative" => model.cut_single = logit(value),
                "threshold_phrase" => model.cut_phrase = logit(value),
                _ => {
                    model.weights.insert(Name::of(name).hash(), value);
                }
            }
        }
        if model.cut_single.is_nan() {
            model.cut_single = model.cut;
        }
        model
    }
}

/// Adds up the weights of the features pushed into it.
struct Scorer<'m, 'c> {
    model: &'m Model,
    name: Name,
    total: f32,
    passage: &'c mut PassageWeights,
}

/// The passage last scored and the sum of its words' `s=` weights: the hits of one passage share
/// it, less their own words, so a long passage is read once, not once per hit.
#[derive(Default)]
struct PassageWeights {
    range: Option<(usize, usize)>,
    total: f32,
    /// The passage the boilerplate check last found: finding a passage's ends reads every gap
    /// between its words, so it is found once for both.
    known: Option<(usize, usize)>,
}

impl Scorer<'_, '_> {
    /// The weight of the `s=` feature of word `i` (0 when the word is not one).
    fn word_weight(&mut self, words: &Words, i: usize) -> f32 {
        let before = self.total;
        passage_word(words, i, self);
        std::mem::replace(&mut self.total, before) - before
    }
}

impl Sink for Scorer<'_, '_> {
    fn begin(&mut self, kind: &str) {
        self.name = Name::of(kind);
        self.name.push(b"=");
    }
    fn push(&mut self, value: &[u8]) {
        self.name.push(value);
    }
    fn end(&mut self) {
        let weight = self.model.weights.get(&self.name.hash());
        self.total += weight.copied().unwrap_or(0.0);
    }
    fn passage(&mut self, words: &Words, first: usize, end: usize) {
        let cached = self.passage.range.filter(|&(f, e)| f <= first && first < e);
        let passage = match cached {
            Some(_) => self.passage.total,
            None => {
                let known = self.passage.known;
                let range = known
                    .filter(|&(f, e)| f <= first && first < e)
                    .unwrap_or_else(|| words.passage(first));
                let sum = (range.0..range.1).map(|i| self.word_weight(words, i)).sum();
                *self.passage = PassageWeights {
                    range: Some(range),
                    total: sum,
                    known,
                };
                sum
            }
        };
        let own: f32 = (first..end).map(|i| self.word_weight(words, i)).sum();
        self.total += passage - own;
    }
}

/// Writes the features out as text (`kind=value`), for training.
#[derive(Default)]
struct Names(Vec<String>);

impl Sink for Names {
    fn begin(&mut self, kind: &str) {
        self.0.push(format!("{kind}="));
    }
    fn push(&mut self, value: &[u8]) {
        let last = self.0.last_mut().expect("begin came first");
        last.push_str(&String::from_utf8_lossy(&value.to_ascii_lowercase()));
    }
    fn end(&mut self) {}
}

/// The passage and block last judged, so hits in one share its verdict.
#[derive(Default)]
struct Passages {
    passage: Option<((usize, usize), bool)>,
    block: Option<((usize, usize), bool)>,
}

impl Passages {
    fn boilerplate(&mut self, words: &Words, at: usize) -> bool {
        let mut cued = false;
        let passage = Self::judged(&mut self.passage, at, || {
            let range = words.passage(at);
            let weight = cue_weight(words, range);
            cued = weight > 0;
            (range, weight >= BOILERPLATE)
        });
        // A block is weighed only for a passage with a cue of its own: most passages have
        // none, and weighing a long block costs a lookup per word.
        passage
            || (cued || self.block.is_some_and(|((f, e), _)| f <= at && at < e))
                && Self::judged(&mut self.block, at, || {
                    let range = words.block(at);
                    let weight = cue_weight(words, range) as usize;
                    let dense = weight * BLOCK_WORDS_PER_CUE >= range.1 - range.0;
                    (range, dense && weight >= 2 * BOILERPLATE as usize)
                })
    }

    /// The cached verdict when `at` is in the cached range, else a new one from `judge`.
    fn judged(
        cache: &mut Option<((usize, usize), bool)>,
        at: usize,
        judge: impl FnOnce() -> ((usize, usize), bool),
    ) -> bool {
        match *cache {
            Some(((first, end), verdict)) if first <= at && at < end => verdict,
            _ => {
                let (range, verdict) = judge();
                *cache = Some((range, verdict));
                verdict
            }
        }
    }
}

/// The learned score (log-odds) of candidate `k`, and whether it reaches its threshold.
fn score(
    words: &Words,
    found: &[Candidate],
    k: usize,
    passage: &mut PassageWeights,
) -> (f32, bool) {
    let model = model();
    let mut scorer = Scorer {
        model,
        name: Name::EMPTY,
        total: model.bias,
        passage,
    };
    let cut = match features(words, found, k, &mut scorer) {
        Gate::Phrase => model.cut_phrase,
        Gate::Single => model.cut,
        Gate::SingleAlternative => model.cut_single,
    };
    (scorer.total, scorer.total >= cut)
}

/// Drops the candidates the context rejects: those in boilerplate passages, and those the model
/// scores below its threshold. Order is kept; nothing is deduplicated here.
pub(crate) fn retain(words: &Words, found: &mut Vec<Candidate>) {
    const REJECTED: u32 = u32::MAX;
    let mut passages = Passages::default();
    let mut weights = PassageWeights::default();
    // Without a phrase threshold a phrase (Gate::Phrase) passes whatever it scores: not scored.
    let phrases_pass = model().cut_phrase == f32::NEG_INFINITY;
    // Marked first, removed after: a later hit's features read the earlier hits' positions.
    for k in 0..found.len() {
        let phrase = found[k].1 - found[k].0 > 1;
        let scored = !(phrase && phrases_pass);
        let boilerplate = passages.boilerplate(words, found[k].0);
        weights.known = passages.passage.map(|(range, _)| range);
        let rejected = boilerplate || scored && !score(words, found, k, &mut weights).1;
        if rejected {
            found[k].2 = REJECTED;
        }
    }
    found.retain(|f| f.2 != REJECTED);
}

/// The byte ranges of `phrases` (the span tagger's, in `text`) that lie outside equal-opportunity,
/// benefits and company passages: boilerplate names no skill the job asks for, whoever found it.
pub(crate) fn outside_boilerplate(text: &str, phrases: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if phrases.is_empty() {
        return phrases;
    }
    let mut spans = Vec::new();
    crate::taxonomy::each_word(text, |start, end, _| spans.push((start, end)));
    if spans.is_empty() {
        return phrases;
    }
    let words = Words {
        text,
        spans: &spans,
    };
    let mut passages = Passages::default();
    phrases
        .into_iter()
        .filter(|&(start, _)| {
            let at = spans.partition_point(|w| w.1 <= start).min(spans.len() - 1);
            !passages.boilerplate(&words, at)
        })
        .collect()
}

/// A candidate hit with what the context layer made of it (`Matcher::explain`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Explained<'t> {
    pub hit: Hit<'t>,
    /// In an equal-opportunity, benefits or company passage.
    pub boilerplate: bool,
    /// The model's probability that the hit is a skill.
    pub probability: f32,
    /// Whether the hit survives the context layer (before deduplication).
    pub kept: bool,
    /// The features, as the model file names them.
    pub features: Vec<String>,
}

/// Every candidate with its verdict and features.
pub(crate) fn explain<'t>(
    words: &Words<'t, '_>,
    found: &[Candidate],
    matcher: &Matcher,
) -> Vec<Explained<'t>> {
    let mut passages = Passages::default();
    let mut weights = PassageWeights::default();
    let mut explained = Vec::with_capacity(found.len());
    for (k, &(first, end, skill)) in found.iter().enumerate() {
        let mut names = Names::default();
        features(words, found, k, &mut names);
        let boilerplate = passages.boilerplate(words, first);
        weights.known = passages.passage.map(|(range, _)| range);
        let (score, reaches) = score(words, found, k, &mut weights);
        explained.push(Explained {
            hit: matcher.hit(words.text, words.spans, (first, end, skill & SKILL_MASK)),
            boilerplate,
            probability: 1.0 / (1.0 + (-score).exp()),
            kept: !boilerplate && reaches,
            features: names.0,
        });
    }
    explained
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{canonical, each_word};

    fn spans(text: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        each_word(text, |start, end, _| spans.push((start, end)));
        spans
    }

    /// Whether the passage holding `word` (its first occurrence) is boilerplate.
    fn boilerplate(text: &str, word: &str) -> bool {
        let spans = spans(text);
        let words = Words {
            text,
            spans: &spans,
        };
        let at = (0..spans.len())
            .find(|&i| words.is(i, word))
            .expect("the word is in the text");
        Passages::default().boilerplate(&words, at)
    }

    const EEO: &str = "Acme is an Equal Opportunity Employer. All qualified applicants will \
        receive consideration for employment without regard to race, color, religion, sex \
        (including pregnancy, childbirth, or related medical conditions), sexual orientation, \
        national origin, disability or protected veteran status. Know your EEO rights. We are a \
        proud member of E-Verify.";
    const BENEFITS: &str = "What we offer:\n- Medical, dental and vision insurance\n- A 401(k) \
        plan with a 4% match\n- Unlimited PTO and 16 weeks of paid parental leave\n- Gym \
        stipend and free snacks";
    const COMPANY: &str = "About us: Acme builds payroll software for small businesses. Follow \
        us on LinkedIn or visit our Facebook page. Our office is at 525 Market St, Suite 200, \
        San Francisco.";
    const SKILLS: &str = "You will design compensation and benefits programs, ensure equal pay \
        compliance across regions, and analyse payroll data with SQL and Python. Experience \
        with employee benefits administration is a plus.";

    #[test]
    fn equal_opportunity_passages_are_boilerplate() {
        for word in ["childbirth", "EEO", "E", "race", "Employer"] {
            assert!(boilerplate(EEO, word), "{word}");
        }
    }

    #[test]
    fn benefits_and_company_passages_are_boilerplate() {
        for word in ["dental", "401", "PTO", "parental"] {
            assert!(boilerplate(BENEFITS, word), "{word}");
        }
        for word in ["payroll", "LinkedIn", "Facebook", "Market", "Suite"] {
            assert!(boilerplate(COMPANY, word), "{word}");
        }
        // Footers of held-out postings (bench/concepts/heldout) that kept LinkedIn and YouTube.
        for footer in [
            "Find us on LinkedIn and YouTube.",
            "Connect with us on LinkedIn and X.",
            "Like us on Facebook and follow us on TikTok.",
        ] {
            assert!(boilerplate(footer, "us"), "{footer}");
        }
        assert!(!boilerplate(
            "Help us on our way with SQL and Python.",
            "SQL"
        ));
    }

    #[test]
    fn a_skills_paragraph_that_mentions_benefits_is_not() {
        for word in ["compensation", "equal", "SQL", "administration"] {
            assert!(!boilerplate(SKILLS, word), "{word}");
        }
        let list = "You bring experience with childbirth, palliative care, LinkedIn, SQL and \
                    draft press releases.";
        assert!(!boilerplate(list, "SQL"), "skills that are also cues");
        // One cue in a passage is not enough; a line break ends the benefits list's passage.
        assert!(!boilerplate("Strong SQL skills.\nWe offer dental.", "SQL"));
    }

    #[test]
    fn passages_end_at_lines_bullets_and_sentences_not_dotted_names() {
        let text = "Node.js and e.g., React. Next one\nthird • fourth";
        let spans = spans(text);
        let words = Words {
            text,
            spans: &spans,
        };
        let breaks: Vec<usize> = (1..spans.len())
            .filter(|&i| words.breaks_before(i))
            .collect();
        let at = |w: &str| (0..spans.len()).find(|&i| words.is(i, w)).unwrap();
        assert_eq!(breaks, [at("Next"), at("third"), at("fourth")]);
        assert_eq!(words.passage(at("js")), (0, at("Next")));
    }

    #[test]
    fn the_span_taggers_phrases_in_boilerplate_are_dropped_too() {
        let m = Matcher::global();
        let posting = format!("{EEO}\n\n{SKILLS}");
        let hits = m.extract(&posting);
        assert!(hits.iter().all(|h| h.start > EEO.len()), "{hits:?}");
        assert!(
            hits.iter().any(|h| h.id.is_none()),
            "phrases still found: {hits:?}"
        );
    }

    #[test]
    fn hits_in_boilerplate_are_not_demand_and_do_not_hide_later_ones() {
        let m = Matcher::global();
        let posting = format!("{EEO}\n\n{SKILLS}");
        let all = m.extract_all(&posting);
        assert!(all.iter().any(|h| h.label == Some("childbirth")), "{all:?}");
        let kept = m.extract(&posting);
        assert!(kept.iter().all(|h| h.start > EEO.len()), "{kept:?}");
        assert!(kept.iter().any(|h| h.label == Some("SQL")), "{kept:?}");
        // The same skill in the EEO passage and in a duty: the duty's hit is reported.
        let midwife = format!("{EEO}\nSupport mothers through childbirth and aftercare.");
        let found = m.extract(&midwife);
        let childbirth = m.explain(&midwife);
        let later = childbirth
            .iter()
            .rfind(|e| e.hit.label == Some("childbirth"))
            .unwrap();
        if later.kept {
            let hit = found
                .iter()
                .find(|h| h.label == Some("childbirth"))
                .unwrap();
            assert!(hit.start > EEO.len(), "{hit:?}");
        }
    }

    #[test]
    fn everyday_words_need_evidence_and_phrases_do_not() {
        let m = Matcher::global();
        // ("current" for electricity principles and "processes" used to be the examples; a
        // single-word alternative label that many longer labels use is no longer a label.)
        let text = "We value craftsmanship.";
        let all = m.extract_all(text);
        assert!(!all.is_empty(), "{text}: a candidate to judge");
        assert!(m.extract(text).is_empty(), "{text}: {all:?}");
        assert!(m.skills_in(text).is_empty(), "{text}");
        // Labels of two words or more answer to a threshold of their own, lower than single
        // words': a tool named in a requirement is kept beside an odd neighbour.
        let text = "You bring experience with use weft preparation technologies, Microsoft Excel.";
        assert!(
            m.extract(text)
                .iter()
                .any(|h| h.matched == "Microsoft Excel")
        );
    }

    #[test]
    fn features_describe_the_hit_and_its_neighbours() {
        let m = Matcher::global();
        let explained = m.explain("We need strong communication and SQL, daily.");
        let processes = explained
            .iter()
            .find(|e| e.hit.matched == "communication")
            .unwrap();
        for f in [
            "n=1",
            "label=pref",
            "src=esco",
            "shape=1-pref-esco",
            "case=lower",
            "w-2=need",
            "w-1=strong",
            "w+1=and",
            "w+2=sql",
            "list=1",
            "pat=communication",
            "near=1",
        ] {
            assert!(
                processes.features.iter().any(|x| x == f),
                "{f}: {processes:?}"
            );
        }
        let sql = explained.iter().find(|e| e.hit.matched == "SQL").unwrap();
        for f in ["label=pref", "case=upper", "r=,__", "w+2=</s>"] {
            assert!(sql.features.iter().any(|x| x == f), "{f}: {sql:?}");
        }
    }

    /// Whether a hit is its skill's preferred label, and whether the skill is O*NET's, come
    /// from bits the build sets in the trie: they must say what the skill's own strings say.
    #[test]
    fn the_label_and_source_bits_agree_with_the_skill() {
        let m = Matcher::global();
        let explained = m.explain("Experience with Microsoft Excel, budgeting and communication.");
        assert!(explained.len() >= 3, "{explained:?}");
        for e in &explained {
            let id = e.hit.id.expect("a skill's hit has an id");
            let label = e.hit.label.expect("and a label");
            let preferred = canonical(label) == canonical(e.hit.matched);
            let has = |f: &str| e.features.iter().any(|x| x == f);
            assert!(
                has(if preferred { "label=pref" } else { "label=alt" }),
                "{e:?}"
            );
            let onet = id.is_onet();
            assert!(has(if onet { "src=onet" } else { "src=esco" }), "{e:?}");
        }
        let has_kind = |kind: &str| {
            explained
                .iter()
                .any(|e| e.features.iter().any(|f| f == kind))
        };
        assert!(
            has_kind("label=alt") && has_kind("src=onet"),
            "{explained:?}"
        );
    }

    /// The scorer adds up a passage's words once for all its hits; each hit's score must still
    /// be the sum of the weights of the features it lists, its own words left out.
    #[test]
    fn a_shared_passage_scores_each_hit_as_its_own_features_say() {
        let m = Matcher::global();
        let text =
            "We use Python, SQL and Docker daily; our team ships fast.\nExcel reports weekly.";
        let model = model();
        let explained = m.explain(text);
        assert!(explained.len() >= 4, "{explained:?}");
        for hit in &explained {
            let listed: f32 = hit
                .features
                .iter()
                .filter_map(|f| model.weights.get(&Name::of(f).hash()))
                .sum();
            let logit = (hit.probability / (1.0 - hit.probability)).ln();
            assert!(
                (logit - (model.bias + listed)).abs() < 1e-3,
                "{}: {logit} against {}",
                hit.hit.matched,
                model.bias + listed
            );
        }
    }

    #[test]
    fn the_model_file_parses_and_hashes_as_features_are_scored() {
        let model = Model::parse("# comment\nbias\t-1\nthreshold\t0.5\npat=sql\t2.5\n");
        assert_eq!(model.bias, -1.0);
        assert_eq!(model.cut, 0.0);
        let mut weights = PassageWeights::default();
        let mut scorer = Scorer {
            model: &model,
            name: Name::EMPTY,
            total: model.bias,
            passage: &mut weights,
        };
        feature(&mut scorer, "pat", b"SQL");
        assert_eq!(scorer.total, 1.5);
        assert_eq!(model.cut_single, 0.0, "the same threshold unless given");
        assert_eq!(
            Model::parse("bias\t0\n").cut,
            f32::NEG_INFINITY,
            "no threshold"
        );
        let two = Model::parse("threshold\t0.5\nthreshold_single_word_alternative\t0.9\n");
        assert!(two.cut_single > 2.0, "{}", two.cut_single);
        // The shipped model parses, with a threshold.
        assert!(super::model().cut.is_finite() && !super::model().weights.is_empty());
    }
}
