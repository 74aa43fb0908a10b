//! Job postings as the labour-market analysis needs them: employer, title, date and the skills
//! found in the text. An import is staged apart and swapped in with one short transaction; read
//! back as a stream, so counting a million postings holds one row at a time.

use std::collections::HashMap;

use jiff::civil::Date;
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};

/// A posting ready to store. `skills` are (taxonomy id, preferred label).
#[derive(Debug, Clone)]
pub struct NewPosting<'a> {
    pub employer: &'a str,
    pub title: &'a str,
    pub posted: Date,
    pub digest: u64,
    pub skills: Vec<(&'a str, &'a str)>,
}

/// A stored posting as the analysis reads it: names as ids into [`PostingNames`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingRow {
    pub employer: u32,
    pub title: u32,
    pub posted: Date,
    pub skills: Vec<u32>,
}

/// The lookup tables behind [`PostingRow`]'s ids.
#[derive(Debug, Default)]
pub struct PostingNames {
    pub titles: HashMap<u32, String>,
    /// taxon id -> (taxonomy id, label)
    pub taxa: HashMap<u32, (String, String)>,
    pub employers: usize,
    pub postings: usize,
    pub first: Option<Date>,
    pub last: Option<Date>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: u64,
    pub duplicates: u64,
}

/// An import in progress. Its postings wait in a table of this connection's own (SQLite's
/// `temp` schema, which takes no lock on the database and vanishes with the process), and
/// [`commit`] moves them in with one short transaction: a long import never holds the write lock
/// while it reads and matches, so the person's other writes do not wait on it, and it is still
/// all or nothing. Names met (employers, titles, skills) are written as they come, each batch in
/// a short transaction of its own: a name no posting uses changes no answer.
///
/// [`commit`]: PostingImport::commit
pub struct PostingImport<'c> {
    store: &'c mut Store,
    employers: Names,
    titles: Names,
    taxa: Names,
    staged: u64,
}

/// Name -> id for one lookup table, as far as this import has needed it.
struct Names {
    table: &'static str,
    ids: HashMap<String, i64>,
}

impl Names {
    fn new(table: &'static str) -> Names {
        Names {
            table,
            ids: HashMap::new(),
        }
    }

    /// Gives every name in `wanted` (with its label, for a taxon) an id: inserted when new, read
    /// back under the same lock, so the id is whatever the database holds, never one counted
    /// from an earlier copy.
    async fn resolve(
        &mut self,
        tx: &mut Tx<'_>,
        wanted: &[(&str, Option<&str>)],
    ) -> sqlx::Result<()> {
        let table = self.table;
        for &(name, label) in wanted {
            if self.ids.contains_key(name) {
                continue;
            }
            // A no-op update on conflict makes RETURNING give the id either way.
            let query = match label {
                Some(label) => sqlx::query_scalar(
                    "INSERT INTO taxon (code, label) VALUES (?, ?) \
                     ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id",
                )
                .bind(name)
                .bind(label),
                None => sqlx::query_scalar(if table == "employer" {
                    "INSERT INTO employer (name) VALUES (?) \
                     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"
                } else {
                    "INSERT INTO job_title (name) VALUES (?) \
                     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id"
                })
                .bind(name),
            };
            let id: i64 = query.fetch_one(&mut **tx).await?;
            self.ids.insert(name.to_string(), id);
        }
        Ok(())
    }

    /// Adds `name` to `found` when this import has not met it yet.
    fn note_new<'a>(
        &self,
        found: &mut Vec<(&'a str, Option<&'a str>)>,
        name: &'a str,
        label: Option<&'a str>,
    ) {
        if !self.ids.contains_key(name) {
            found.push((name, label));
        }
    }

    fn id(&self, name: &str) -> i64 {
        self.ids[name]
    }
}

/// Rows per INSERT statement: five parameters each, well under SQLite's limit of 32,766.
const ROWS_PER_STATEMENT: usize = 500;

/// The stage, and a page cache big enough that swapping it in does not spill half-done index
/// pages to the log: 64 MB, which holds the indexes of a few hundred thousand postings.
const STAGE: &str = "PRAGMA cache_size = -65536; CREATE TEMP TABLE IF NOT EXISTS posting_stage (employer INTEGER NOT NULL, \
     title INTEGER NOT NULL, posted TEXT NOT NULL, digest INTEGER NOT NULL, skills BLOB NOT NULL); \
     DELETE FROM temp.posting_stage;";

impl Store {
    /// Starts an import of postings.
    pub async fn begin_postings(&mut self) -> Result<PostingImport<'_>> {
        sqlx::raw_sql(STAGE)
            .execute(&mut self.conn)
            .await
            .map_err(|source| StoreError::Database {
                path: self.path.clone(),
                source,
            })?;
        Ok(PostingImport {
            store: self,
            employers: Names::new("employer"),
            titles: Names::new("job_title"),
            taxa: Names::new("taxon"),
            staged: 0,
        })
    }

    /// The lookup tables and the extent of the stored postings.
    pub async fn posting_names(&mut self) -> Result<PostingNames> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut names = PostingNames::default();
        let conn = &mut self.conn;
        for row in sqlx::query("SELECT id, name FROM job_title")
            .fetch_all(&mut *conn)
            .await
            .map_err(&wrap)?
        {
            names.titles.insert(row.get::<i64, _>(0) as u32, row.get(1));
        }
        for row in sqlx::query("SELECT id, code, label FROM taxon")
            .fetch_all(&mut *conn)
            .await
            .map_err(&wrap)?
        {
            names
                .taxa
                .insert(row.get::<i64, _>(0) as u32, (row.get(1), row.get(2)));
        }
        let row = sqlx::query(
            "SELECT count(DISTINCT employer), count(*), min(posted), max(posted) FROM posting",
        )
        .fetch_one(&mut *conn)
        .await
        .map_err(&wrap)?;
        names.employers = row.get::<i64, _>(0) as usize;
        names.postings = row.get::<i64, _>(1) as usize;
        let day = |i: usize| -> Option<Date> {
            row.get::<Option<String>, _>(i)
                .and_then(|text| text.parse().ok())
        };
        (names.first, names.last) = (day(2), day(3));
        Ok(names)
    }

    /// Calls `each` with every posting dated `from..=to`, one at a time, one employer's postings
    /// together.
    pub async fn scan_postings(
        &mut self,
        from: Date,
        to: Date,
        mut each: impl FnMut(PostingRow),
    ) -> Result<()> {
        use futures_util::TryStreamExt;
        let path = self.path.clone();
        let mut rows = sqlx::query(SCAN_POSTINGS)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch(&mut self.conn);
        while let Some(row) = rows
            .try_next()
            .await
            .map_err(|source| StoreError::Database {
                path: path.clone(),
                source,
            })?
        {
            let posted: &str = row.get(2);
            let Ok(posted) = posted.parse() else {
                return Err(StoreError::Corrupt {
                    path,
                    what: "posting date".into(),
                    detail: format!("\"{posted}\" is not a date"),
                });
            };
            each(PostingRow {
                employer: row.get::<i64, _>(0) as u32,
                title: row.get::<i64, _>(1) as u32,
                posted,
                skills: decode_skills(row.get(3)),
            });
        }
        Ok(())
    }
}

/// Postings dated between two days, one employer's together: read through the
/// `posting_by_employer` index, not sorted in memory.
pub(crate) const SCAN_POSTINGS: &str = "SELECT employer, title, posted, skills FROM posting \
     WHERE posted BETWEEN ? AND ? ORDER BY employer";

impl PostingImport<'_> {
    /// Stages postings; none is visible to others, or stays, until [`commit`].
    ///
    /// [`commit`]: PostingImport::commit
    pub async fn add(&mut self, postings: &[NewPosting<'_>]) -> Result<()> {
        self.resolve_names(postings).await?;
        for chunk in postings.chunks(ROWS_PER_STATEMENT) {
            let placeholders = vec!["(?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "INSERT INTO temp.posting_stage (employer, title, posted, digest, skills) \
                 VALUES {placeholders}"
            );
            let mut query = sqlx::query(&sql);
            for p in chunk {
                let taxa = p
                    .skills
                    .iter()
                    .map(|(code, _)| self.taxa.id(code) as u32)
                    .collect();
                query = query
                    .bind(self.employers.id(p.employer))
                    .bind(self.titles.id(p.title))
                    .bind(p.posted.to_string())
                    .bind(p.digest as i64)
                    .bind(encode_skills(taxa));
            }
            query
                .execute(&mut self.store.conn)
                .await
                .map_err(|source| StoreError::Database {
                    path: self.store.path.clone(),
                    source,
                })?;
        }
        self.staged += postings.len() as u64;
        Ok(())
    }

    /// The ids of the names this batch brings, new ones written in one short transaction.
    async fn resolve_names(&mut self, postings: &[NewPosting<'_>]) -> Result<()> {
        let (mut employers, mut titles, mut taxa) = (Vec::new(), Vec::new(), Vec::new());
        for p in postings {
            self.employers.note_new(&mut employers, p.employer, None);
            self.titles.note_new(&mut titles, p.title, None);
            for &(code, label) in &p.skills {
                self.taxa.note_new(&mut taxa, code, Some(label));
            }
        }
        if employers.is_empty() && titles.is_empty() && taxa.is_empty() {
            return Ok(());
        }
        let path = self.store.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.store.begin_write().await?;
        self.employers
            .resolve(&mut tx, &employers)
            .await
            .map_err(wrap)?;
        self.titles.resolve(&mut tx, &titles).await.map_err(wrap)?;
        self.taxa.resolve(&mut tx, &taxa).await.map_err(wrap)?;
        tx.commit().await.map_err(wrap)
    }

    /// Moves the staged postings in and records the import, in one short transaction: all of it
    /// becomes visible at once, or none. A posting already stored (same digest) counts as a
    /// duplicate.
    pub async fn commit(self, file: &str, imported: Date, skipped: u64) -> Result<ImportCounts> {
        let path = self.store.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let staged = self.staged;
        let mut tx = self.store.begin_write().await?;
        let added = sqlx::query(
            "INSERT OR IGNORE INTO posting (employer, title, posted, digest, skills) \
             SELECT employer, title, posted, digest, skills FROM temp.posting_stage ORDER BY rowid",
        )
        .execute(&mut *tx)
        .await
        .map_err(wrap)?
        .rows_affected();
        let counts = ImportCounts {
            added,
            duplicates: staged - added,
        };
        sqlx::query(
            "INSERT INTO posting_import (file, imported, added, duplicates, skipped) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(file)
        .bind(imported.to_string())
        .bind(counts.added as i64)
        .bind(counts.duplicates as i64)
        .bind(skipped as i64)
        .execute(&mut *tx)
        .await
        .map_err(wrap)?;
        sqlx::query("DELETE FROM temp.posting_stage")
            .execute(&mut *tx)
            .await
            .map_err(wrap)?;
        tx.commit().await.map_err(wrap)?;
        Ok(counts)
    }
}

/// Sorted ids as LEB128 varints of the gaps between them: most skills take one or two bytes.
fn encode_skills(mut ids: Vec<u32>) -> Vec<u8> {
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(ids.len() * 2);
    let mut previous = 0;
    for id in ids {
        let mut gap = id - previous;
        previous = id;
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    out
}

fn decode_skills(bytes: &[u8]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(bytes.len());
    let (mut previous, mut gap, mut shift) = (0u32, 0u32, 0);
    for &byte in bytes {
        gap |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            previous += gap;
            ids.push(previous);
            (gap, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skill_blobs_round_trip() {
        for ids in [vec![], vec![1], vec![5, 3, 3, 200, 70_000, 1_000_000]] {
            let mut expected = ids.clone();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(decode_skills(&encode_skills(ids)), expected);
        }
        // Gaps under 128 take one byte each.
        assert_eq!(encode_skills(vec![10, 20, 30]).len(), 3);
    }
}
