//! The labour market (DESIGN 4.9). Now: BLS OEWS May 2025 wages by occupation and area, embedded
//! in the binary (compacted by `scripts/compile-data`), with the metro -> state -> national
//! fallback and the person's interpolated percentile.

pub mod skills;
pub mod taxonomy;
pub mod wages;
