//! The labour market (DESIGN 4.9): BLS OEWS May 2025 wages, O*NET 29.3 occupations, the ESCO and
//! O*NET skill taxonomy with its matcher, and demand counted from imported job postings. All
//! reference data is embedded in the binary (compacted by `scripts/compile-data`).

mod context;
pub mod demand;
pub mod lookup;
pub mod names;
pub mod onet;
pub mod postings;
mod records;
pub mod skills;
pub mod tagger;
pub mod taxonomy;
pub mod trie;
pub mod wages;
