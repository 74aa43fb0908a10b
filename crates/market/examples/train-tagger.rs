//! Trains the span tagger (`src/tagger.rs`): `cargo run --release -p milemarker-market --example
//! train-tagger -- SKILLSPAN_JSON_DIR OUT [BITS] [EPOCHS]` (bench/train-tagger.sh). An averaged
//! structured perceptron over the features the tagger computes at extraction time, trained on
//! SkillSpan train (skill and knowledge spans as one kind); the epoch count and O's bias are
//! chosen on dev by span-overlap F1 of what `extract` would report (concept hits, then the
//! tagger's phrases touching none). Test is never read.

use milemarker_market::skills::Matcher;
use milemarker_market::tagger::{
    B, FEATURES, I, O, START, Tagger, Transitions, decode, featurize, spans_of,
};

/// One sentence, its features computed once.
struct Sentence {
    text: String,
    tokens: Vec<(usize, usize)>,
    features: Vec<u32>,
    gold: Vec<u8>,
    gold_spans: Vec<(usize, usize)>,
    concepts: Vec<(usize, usize)>,
}

/// Weights as training holds them: floats, and their running sums for averaging.
struct Weights {
    w: Vec<f32>,
    t: Transitions,
    sum_w: Vec<f32>,
    sum_t: Transitions,
    steps: f32,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: train-tagger SKILLSPAN_JSON_DIR OUT [BITS] [EPOCHS]");
    let out = args.next().expect("OUT: where the model goes");
    let bits: u32 = args.next().map_or(18, |b| b.parse().expect("BITS"));
    let epochs: usize = args.next().map_or(12, |e| e.parse().expect("EPOCHS"));
    let train = load(&format!("{dir}/train.json"), bits);
    let dev = load(&format!("{dir}/dev.json"), bits);
    eprintln!("train {} sentences, dev {}", train.len(), dev.len());
    let concepts_only = dev_scores(&dev, &[], &zero_t(), 0.0);
    eprintln!("dev, concepts only: {}", concepts_only.show());
    let mut weights = Weights::new(bits);
    let mut best: Option<(f64, usize, Vec<f32>, Transitions)> = None;
    let mut order: Vec<usize> = (0..train.len()).collect();
    for epoch in 1..=epochs {
        shuffle(&mut order, epoch as u64);
        for &at in &order {
            weights.learn(&train[at]);
        }
        let (w, t) = weights.averaged();
        let s = dev_scores(&dev, &w, &t, 0.0);
        eprintln!("epoch {epoch}: dev {}", s.show());
        if best.as_ref().is_none_or(|b| s.overlap.2 > b.0) {
            best = Some((s.overlap.2, epoch, w, t));
        }
    }
    let (_, epoch, w, t) = best.expect("at least one epoch");
    let o_bias = tune_bias(&dev, &w, &t);
    let model = quantize(bits, &w, t, o_bias);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).expect("OUT is writable");
    let q: Vec<f32> = model
        .weights
        .iter()
        .flat_map(|w| w[..3].iter().map(|&x| f32::from(x) * model.scale))
        .collect();
    let s = dev_scores(&dev, &q, &model.transitions, o_bias);
    eprintln!(
        "wrote {out}: {} bytes, epoch {epoch}, O bias {o_bias}; dev {}",
        bytes.len(),
        s.show()
    );
}

fn zero_t() -> Transitions {
    [[0.0; 3]; 4]
}

/// Deterministic shuffle (xorshift), so a run is repeatable.
fn shuffle(order: &mut [usize], seed: u64) {
    let mut x = 0x2545_f491_4f6c_dd1d ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for i in (1..order.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

fn load(path: &str, bits: u32) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let list = |key: &str| -> Vec<String> {
                let values = row[key].as_array().expect("a list");
                values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            sentence(
                &list("tokens"),
                &list("tags_skill"),
                &list("tags_knowledge"),
                bits,
            )
        })
        .collect()
}

/// Skill and knowledge tags as one B/I/O per given token: a token continues a span when it
/// continues either kind's.
fn union_tags(skill: &[String], knowledge: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(skill.len());
    for i in 0..skill.len() {
        let inside = |tags: &[String]| tags[i].starts_with('I') && i > 0 && tags[i - 1] != "O";
        let tag = if skill[i] == "O" && knowledge[i] == "O" {
            O
        } else if (inside(skill) || inside(knowledge)) && out.last().is_some_and(|&l| l != O) {
            I
        } else {
            B
        };
        out.push(tag);
    }
    out
}

fn sentence(words: &[String], skill: &[String], knowledge: &[String], bits: u32) -> Sentence {
    let text = words.join(" ");
    let tags = union_tags(skill, knowledge);
    let mut starts = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in words {
        starts.push(pos);
        pos += w.len() + 1;
    }
    let gold_spans = gold_spans(&starts, words, skill, knowledge);
    let mut concepts: Vec<(usize, usize)> = Matcher::global()
        .concepts(&text)
        .iter()
        .map(|h| (h.start, h.end))
        .collect();
    concepts.sort_unstable();
    let (mut tokens, mut features) = (Vec::new(), Vec::new());
    featurize(&text, &concepts, bits, &mut tokens, |f| features.extend(f));
    // A given token split into several words: its first keeps the tag, the rest continue it.
    let gold = tokens
        .iter()
        .map(|&(s, _)| {
            let word = starts.partition_point(|&w| w <= s) - 1;
            let tag = tags[word];
            (if tag == B && s != starts[word] {
                I
            } else {
                tag
            }) as u8
        })
        .collect();
    Sentence {
        text,
        tokens,
        features,
        gold,
        gold_spans,
        concepts,
    }
}

/// The gold spans as bench/skills-eval.py scores them: each kind's B/I runs, one set. `starts`
/// are the given tokens' byte offsets.
fn gold_spans(
    starts: &[usize],
    words: &[String],
    skill: &[String],
    knowledge: &[String],
) -> Vec<(usize, usize)> {
    let mut gold_spans: Vec<(usize, usize)> = Vec::new();
    for kind in [skill, knowledge] {
        let mut open = false;
        for (i, tag) in kind.iter().enumerate() {
            let end = starts[i] + words[i].len();
            if let Some(last) = gold_spans
                .last_mut()
                .filter(|_| open && tag.starts_with('I'))
            {
                last.1 = end;
            } else if tag != "O" {
                gold_spans.push((starts[i], end));
            }
            open = tag != "O";
        }
    }
    gold_spans.sort_unstable();
    gold_spans.dedup();
    gold_spans
}

impl Weights {
    fn new(bits: u32) -> Weights {
        let n = 3 << bits;
        Weights {
            w: vec![0.0; n],
            t: zero_t(),
            sum_w: vec![0.0; n],
            sum_t: zero_t(),
            steps: 1.0,
        }
    }

    /// One perceptron step: decode with the current weights, move them toward the gold labels
    /// where the prediction differs. The sums take each change times the step it happened at,
    /// so the average is `w - sum / steps` without summing every weight every step.
    fn learn(&mut self, s: &Sentence) {
        let predicted = labels(s, &self.w, &self.t, 0.0);
        let c = self.steps;
        for i in 0..s.gold.len() {
            let (g, p) = (s.gold[i] as usize, predicted[i] as usize);
            let prev = |l: &[u8]| if i == 0 { START } else { l[i - 1] as usize };
            let (pg, pp) = (prev(&s.gold), prev(&predicted));
            if (pg, g) != (pp, p) {
                for (row, col, d) in [(pg, g, 1.0), (pp, p, -1.0)] {
                    self.t[row][col] += d;
                    self.sum_t[row][col] += c * d;
                }
            }
            if g != p {
                for &f in &s.features[i * FEATURES..(i + 1) * FEATURES] {
                    for (y, d) in [(g, 1.0), (p, -1.0)] {
                        self.w[3 * f as usize + y] += d;
                        self.sum_w[3 * f as usize + y] += c * d;
                    }
                }
            }
        }
        self.steps += 1.0;
    }

    fn averaged(&self) -> (Vec<f32>, Transitions) {
        let avg = |w: f32, s: f32| w - s / self.steps;
        let w = self.w.iter().zip(&self.sum_w).map(|(&w, &s)| avg(w, s));
        let mut t = self.t;
        for (row, sums) in t.iter_mut().zip(&self.sum_t) {
            for (x, &s) in row.iter_mut().zip(sums) {
                *x = avg(*x, s);
            }
        }
        (w.collect(), t)
    }
}

/// The decoded labels of `s` under float weights; empty weights tag nothing.
fn labels(s: &Sentence, w: &[f32], t: &Transitions, o_bias: f32) -> Vec<u8> {
    if w.is_empty() {
        return vec![O as u8; s.tokens.len()];
    }
    let emissions: Vec<[f32; 3]> = s
        .features
        .chunks_exact(FEATURES)
        .map(|f| {
            let mut e = [0.0, 0.0, o_bias];
            for &b in f {
                for (y, e) in e.iter_mut().enumerate() {
                    *e += w[3 * b as usize + y];
                }
            }
            e
        })
        .collect();
    let (mut out, mut back) = (Vec::new(), Vec::new());
    decode(&emissions, t, &mut out, &mut back);
    out
}

/// Exact and overlap (P, R, F1), as bench/skills-eval.py scores them.
struct Scores {
    exact: (f64, f64, f64),
    overlap: (f64, f64, f64),
    predicted: usize,
}

impl Scores {
    fn show(&self) -> String {
        let (e, o) = (self.exact, self.overlap);
        format!(
            "predicted {} exact P {:.3} R {:.3} F1 {:.3} overlap P {:.3} R {:.3} F1 {:.3}",
            self.predicted, e.0, e.1, e.2, o.0, o.1, o.2
        )
    }
}

/// What `extract` reports on each dev sentence (concepts, then the tagger's phrases touching
/// none), scored against gold.
fn dev_scores(dev: &[Sentence], w: &[f32], t: &Transitions, o_bias: f32) -> Scores {
    let touch = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
    let (mut gold, mut predicted, mut exact, mut p_hit, mut g_hit) = (0, 0, 0, 0, 0);
    for s in dev {
        let mut spans = s.concepts.clone();
        let tagged = spans_of(&s.text, &s.tokens, &labels(s, w, t, o_bias));
        spans.extend(
            tagged
                .iter()
                .filter(|x| !s.concepts.iter().any(|c| touch(x, c))),
        );
        gold += s.gold_spans.len();
        predicted += spans.len();
        exact += spans.iter().filter(|x| s.gold_spans.contains(x)).count();
        p_hit += spans
            .iter()
            .filter(|x| s.gold_spans.iter().any(|g| touch(x, g)))
            .count();
        g_hit += s
            .gold_spans
            .iter()
            .filter(|g| spans.iter().any(|x| touch(x, g)))
            .count();
    }
    let prf = |tp_p: usize, tp_g: usize| {
        let p = tp_p as f64 / predicted.max(1) as f64;
        let r = tp_g as f64 / gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    };
    Scores {
        exact: prf(exact, exact),
        overlap: prf(p_hit, g_hit),
        predicted,
    }
}

/// O's bias with the best dev overlap F1: below 0 the tagger proposes more.
fn tune_bias(dev: &[Sentence], w: &[f32], t: &Transitions) -> f32 {
    let mut best = (f64::MIN, 0.0);
    for step in -24..=4 {
        let bias = step as f32 * 0.5 * scale_of(w);
        let s = dev_scores(dev, w, t, bias);
        eprintln!("O bias {bias:.2}: dev {}", s.show());
        if s.overlap.2 > best.0 {
            best = (s.overlap.2, bias);
        }
    }
    best.1
}

/// A typical weight's size, so the bias steps suit the model.
fn scale_of(w: &[f32]) -> f32 {
    let (sum, n) = w
        .iter()
        .filter(|x| **x != 0.0)
        .fold((0.0f64, 0usize), |(s, n), x| {
            (s + f64::from(x.abs()), n + 1)
        });
    (sum / n.max(1) as f64) as f32
}

fn quantize(bits: u32, w: &[f32], transitions: Transitions, o_bias: f32) -> Tagger {
    let max = w.iter().fold(0.0f32, |m, x| m.max(x.abs())).max(1e-9);
    // Within i16::MAX / FEATURES: a word's summed weights then fit 16 bits (see Tagger::emit).
    let scale = max / f32::from(i16::MAX / FEATURES as i16);
    let q = |x: f32| (x / scale).round() as i16;
    let weights = w
        .chunks_exact(3)
        .map(|c| [q(c[0]), q(c[1]), q(c[2]), 0])
        .collect();
    Tagger {
        bits,
        scale,
        o_bias,
        transitions,
        weights,
    }
}
