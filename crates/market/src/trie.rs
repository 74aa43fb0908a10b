//! Leftmost-longest phrase matching over word numbers: a trie that takes one step a word.
//!
//! Phrases are whole words by construction, so the matcher needs no failure links: at each word
//! it walks down from the root as far as the text follows a phrase, keeps the longest phrase that
//! ended on the way, and resumes after it (or at the next word when none did). The root's edges
//! are a table indexed by word number; below the root a node's children are one run of 8-byte
//! edges sorted by word, so a step reads one short run, usually one cache line. It replaced a
//! daachorse automaton over the same word numbers, whose 8 MB double array missed the cache on
//! most steps.
//!
//! `build.rs` builds the trie and serialises it with [`PhraseTrie::to_bytes`]; the library reads
//! it back with [`PhraseTrie::from_bytes`].

use std::collections::VecDeque;
use std::ops::Range;

/// The value of a node where no phrase ends.
const NONE: u32 = u32::MAX;
/// The bit of [`Edge::first`] that says a phrase ends with this edge.
const ENDS: u32 = 1 << 31;
const EDGE_BYTES: usize = 8;

/// The step to a word, and where the steps after it are. Eight bytes, so that a run of children
/// takes few cache lines; the values of phrases are kept apart and read only for a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edge {
    word: u16,
    /// How many child edges follow from here.
    children: u16,
    /// Index of the first child edge in [`PhraseTrie::edges`], and [`ENDS`].
    first: u32,
}

impl Edge {
    const EMPTY: Edge = Edge {
        word: 0,
        children: 0,
        first: 0,
    };

    fn first(&self) -> u32 {
        self.first & !ENDS
    }

    fn ends(&self) -> bool {
        self.first & ENDS != 0
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct PhraseTrie {
    /// Per word number, the edge from the root; empty for a word that starts no phrase.
    roots: Vec<Edge>,
    /// Every edge below the root; each node's children together, sorted by word.
    edges: Vec<Edge>,
    /// Per node, the value of the phrase ending there, or [`NONE`]: the roots' nodes by word
    /// number, then the other edges' nodes by index.
    values: Vec<u32>,
    next_words: NextWords,
}

/// A Bloom filter of the (node, next word) pairs in the trie. On posting text two thirds of the
/// steps below the root find no child, and the children runs (3 MB) mostly miss the cache; the
/// filter (512 KB) answers most of those steps from one word of memory.
#[derive(Debug, PartialEq, Eq)]
struct NextWords {
    bits: Vec<u64>,
    /// Shifts a hash down to an index into `bits`.
    shift: u32,
}

impl NextWords {
    fn of(edges: &[Edge], roots: &[Edge]) -> NextWords {
        // 16 bits a pair, two of them set in one 64-bit word: about 1% false positives.
        let words = (edges.len() / 4).next_power_of_two().max(1);
        let mut filter = NextWords {
            bits: vec![0; words],
            shift: 64 - words.trailing_zeros(),
        };
        for parent in roots.iter().chain(edges) {
            for child in &edges[parent.first() as usize..][..usize::from(parent.children)] {
                let (index, mask) = filter.slot(parent.first(), child.word);
                filter.bits[index] |= mask;
            }
        }
        filter
    }

    /// Whether the node whose children start at `first` may have a child for `word`.
    fn may_have(&self, first: u32, word: u16) -> bool {
        let (index, mask) = self.slot(first, word);
        self.bits[index] & mask == mask
    }

    fn slot(&self, first: u32, word: u16) -> (usize, u64) {
        let hash = ((u64::from(first) << 16) | u64::from(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The high bits pick the word (a shift of 64 when there is one word picks nothing).
        let index = hash.checked_shr(self.shift).unwrap_or(0) as usize;
        let mask = (1 << ((hash >> 20) & 63)) | (1 << ((hash >> 26) & 63));
        (index, mask)
    }
}

/// Where a node's value and children are written once its phrases are known.
#[derive(Clone, Copy)]
enum Slot {
    Root(u16),
    Edge(usize),
}

impl PhraseTrie {
    /// The trie over `phrases`, each a non-empty run of word numbers (1..=`words`; 0 is kept for
    /// words in no phrase) with its value. Phrases must be distinct.
    pub fn build(words: u16, phrases: &[(Vec<u16>, u32)]) -> PhraseTrie {
        let mut sorted: Vec<&(Vec<u16>, u32)> = phrases.iter().collect();
        sorted.sort_unstable();
        for pair in sorted.windows(2) {
            assert!(pair[0].0 != pair[1].0, "phrase {:?} twice", pair[0].0);
        }
        let mut trie = PhraseTrie {
            roots: vec![Edge::EMPTY; usize::from(words) + 1],
            edges: Vec::new(),
            values: Vec::new(),
            next_words: NextWords::of(&[], &[]),
        };
        let mut edge_values = Vec::new();
        trie.values = vec![NONE; trie.roots.len()];
        // Breadth first, so that each node's children are pushed together.
        let mut queue: VecDeque<(Slot, Range<usize>, usize)> = VecDeque::new();
        for group in groups(&sorted, 0..sorted.len(), 0) {
            let word = sorted[group.start].0[0];
            assert!(
                word != 0 && word <= words,
                "word number {word} out of range"
            );
            trie.roots[usize::from(word)].word = word;
            queue.push_back((Slot::Root(word), group, 1));
        }
        while let Some((slot, mut range, depth)) = queue.pop_front() {
            // Phrases sort before their extensions: the one ending here, if any, comes first.
            let value = if sorted[range.start].0.len() == depth {
                range.start += 1;
                sorted[range.start - 1].1
            } else {
                NONE
            };
            let first = trie.edges.len();
            for group in groups(&sorted, range, depth) {
                queue.push_back((Slot::Edge(trie.edges.len()), group.clone(), depth + 1));
                trie.edges.push(Edge {
                    word: sorted[group.start].0[depth],
                    ..Edge::EMPTY
                });
                edge_values.push(NONE);
            }
            let children =
                u16::try_from(trie.edges.len() - first).expect("under 65,536 children a node");
            let (edge, slot_value) = match slot {
                Slot::Root(word) => (
                    &mut trie.roots[usize::from(word)],
                    &mut trie.values[usize::from(word)],
                ),
                Slot::Edge(index) => (&mut trie.edges[index], &mut edge_values[index]),
            };
            *slot_value = value;
            let first = u32::try_from(first).expect("under 2 billion edges");
            assert!(first & ENDS == 0, "under 2 billion edges");
            edge.first = first | if value == NONE { 0 } else { ENDS };
            edge.children = children;
        }
        trie.values.extend(edge_values);
        trie.next_words = NextWords::of(&trie.edges, &trie.roots);
        trie
    }

    /// How many phrases the trie holds.
    pub fn phrases(&self) -> usize {
        self.values.iter().filter(|&&v| v != NONE).count()
    }

    /// Calls `each(start, end, value)` for the leftmost-longest phrases in `text` (word numbers),
    /// in order and not overlapping; `start..end` are indices into `text`.
    pub fn leftmost_longest(&self, text: &[u16], mut each: impl FnMut(usize, usize, u32)) {
        let mut start = 0;
        while start < text.len() {
            let mut node = usize::from(text[start]);
            let mut edge = &self.roots[node];
            let mut longest = None;
            let mut end = start + 1;
            loop {
                if edge.ends() {
                    longest = Some((end, node));
                }
                let Some(next) = text.get(end).and_then(|&word| self.child(edge, word)) else {
                    break;
                };
                edge = &self.edges[next];
                node = self.roots.len() + next;
                end += 1;
            }
            match longest {
                Some((end, node)) => {
                    each(start, end, self.values[node]);
                    start = end;
                }
                None => start += 1,
            }
        }
    }

    /// The index in `edges` of `edge`'s child for `word`.
    fn child(&self, edge: &Edge, word: u16) -> Option<usize> {
        if edge.children == 0 || !self.next_words.may_have(edge.first(), word) {
            return None;
        }
        let first = edge.first() as usize;
        let children = &self.edges[first..][..usize::from(edge.children)];
        // A short run is scanned; most nodes have a few children, some have hundreds.
        let at = if children.len() <= 8 {
            children.iter().position(|e| e.word == word)?
        } else {
            children.binary_search_by_key(&word, |e| e.word).ok()?
        };
        Some(first + at)
    }

    /// Root count, edge count, every edge (word and children as u16, first as u32), then every
    /// node's value (u32), all little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nodes = self.roots.len() + self.edges.len();
        let mut bytes = Vec::with_capacity(8 + nodes * (EDGE_BYTES + 4));
        for count in [self.roots.len(), self.edges.len()] {
            bytes.extend_from_slice(&(count as u32).to_le_bytes());
        }
        for e in self.roots.iter().chain(&self.edges) {
            bytes.extend_from_slice(&e.word.to_le_bytes());
            bytes.extend_from_slice(&e.children.to_le_bytes());
            bytes.extend_from_slice(&e.first.to_le_bytes());
        }
        for value in &self.values {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        bytes
    }

    /// Reads back what [`PhraseTrie::to_bytes`] wrote.
    ///
    /// # Panics
    /// On bytes it did not write: they are embedded at compile time, never read from a file.
    pub fn from_bytes(bytes: &[u8]) -> PhraseTrie {
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let (roots, edges) = (u32_at(0) as usize, u32_at(4) as usize);
        let nodes = roots + edges;
        assert_eq!(
            bytes.len(),
            8 + nodes * (EDGE_BYTES + 4),
            "a serialised trie"
        );
        let (edge_bytes, value_bytes) = bytes[8..].split_at(nodes * EDGE_BYTES);
        let mut all = edge_bytes.chunks_exact(EDGE_BYTES).map(|e| Edge {
            word: u16::from_le_bytes([e[0], e[1]]),
            children: u16::from_le_bytes([e[2], e[3]]),
            first: u32::from_le_bytes(e[4..8].try_into().expect("4 bytes")),
        });
        let roots: Vec<Edge> = all.by_ref().take(roots).collect();
        let edges: Vec<Edge> = all.collect();
        let values = value_bytes
            .chunks_exact(4)
            .map(|v| u32::from_le_bytes(v.try_into().expect("4 bytes")))
            .collect();
        PhraseTrie {
            next_words: NextWords::of(&edges, &roots),
            roots,
            edges,
            values,
        }
    }
}

/// The runs of `sorted[range]` that share the word at `depth` (all have more than `depth` words).
fn groups(
    sorted: &[&(Vec<u16>, u32)],
    range: Range<usize>,
    depth: usize,
) -> impl Iterator<Item = Range<usize>> {
    let mut start = range.start;
    std::iter::from_fn(move || {
        if start >= range.end {
            return None;
        }
        let word = sorted[start].0[depth];
        let end = start
            + sorted[start..range.end]
                .iter()
                .take_while(|p| p.0[depth] == word)
                .count();
        let group = start..end;
        start = end;
        Some(group)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn matches(trie: &PhraseTrie, text: &[u16]) -> Vec<(usize, usize, u32)> {
        let mut found = Vec::new();
        trie.leftmost_longest(text, |s, e, v| found.push((s, e, v)));
        found
    }

    #[test]
    fn the_longest_phrase_at_the_leftmost_word_wins() {
        // 1 = "data", 2 = "data analysis", 3 = "analysis software", 4 = "software".
        let trie = PhraseTrie::build(
            4,
            &[(vec![1], 1), (vec![1, 2], 2), (vec![2, 3], 3), (vec![3], 4)],
        );
        // "data analysis software": "data analysis" starts first and is longest there.
        assert_eq!(matches(&trie, &[1, 2, 3]), [(0, 2, 2), (2, 3, 4)]);
        // "data data": the walk from the first "data" fails at the second, which matches alone.
        assert_eq!(matches(&trie, &[1, 1]), [(0, 1, 1), (1, 2, 1)]);
        // An unknown word (0) breaks a phrase.
        assert_eq!(matches(&trie, &[2, 0, 3]), [(2, 3, 4)]);
        assert_eq!(matches(&trie, &[]), []);
    }

    #[test]
    fn a_node_with_many_children_is_searched() {
        let phrases: Vec<(Vec<u16>, u32)> =
            (2..300u16).map(|w| (vec![1, w], u32::from(w))).collect();
        let trie = PhraseTrie::build(300, &phrases);
        for w in 2..300u16 {
            assert_eq!(matches(&trie, &[1, w]), [(0, 2, u32::from(w))]);
        }
        assert_eq!(matches(&trie, &[1, 1]), []);
    }

    #[test]
    fn bytes_round_trip() {
        let trie = PhraseTrie::build(3, &[(vec![1, 2, 3], 7), (vec![2], 8), (vec![1, 3], 9)]);
        assert_eq!(PhraseTrie::from_bytes(&trie.to_bytes()), trie);
    }

    /// Leftmost-longest by brute force: at each word, every phrase is tried.
    fn naive(phrases: &[(Vec<u16>, u32)], text: &[u16]) -> Vec<(usize, usize, u32)> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let longest = phrases
                .iter()
                .filter(|(p, _)| text[start..].starts_with(p))
                .max_by_key(|(p, _)| p.len());
            match longest {
                Some((p, v)) => {
                    found.push((start, start + p.len(), *v));
                    start += p.len();
                }
                None => start += 1,
            }
        }
        found
    }

    proptest! {
        #[test]
        fn finds_what_brute_force_finds(
            phrases in prop::collection::btree_set(prop::collection::vec(1..6u16, 1..5), 1..25),
            text in prop::collection::vec(0..6u16, 0..40),
        ) {
            let phrases: Vec<(Vec<u16>, u32)> =
                phrases.into_iter().enumerate().map(|(i, p)| (p, i as u32)).collect();
            let trie = PhraseTrie::build(5, &phrases);
            prop_assert_eq!(matches(&trie, &text), naive(&phrases, &text));
        }
    }
}
