//! Job postings as the labour-market analysis needs them: employer, title, date and the skills
//! found in the text. Written in one transaction per import; read back as a stream, so counting a
//! million postings holds one row at a time.

use std::collections::HashMap;

use jiff::civil::Date;
use sqlx::{Connection, Row};

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

/// An import in progress: nothing is visible to others, and nothing stays, until [`commit`].
///
/// [`commit`]: PostingImport::commit
pub struct PostingImport<'c> {
    path: std::path::PathBuf,
    tx: Tx<'c>,
    employers: Names,
    titles: Names,
    taxa: Names,
    counts: ImportCounts,
}

/// Name -> id for one lookup table, with the next free id; new names are inserted as met.
struct Names {
    table: &'static str,
    ids: HashMap<String, i64>,
    next: i64,
}

impl Names {
    async fn load(tx: &mut Tx<'_>, table: &'static str, column: &str) -> sqlx::Result<Names> {
        let rows = sqlx::query(&format!("SELECT id, {column} FROM {table}"))
            .fetch_all(&mut **tx)
            .await?;
        let mut ids = HashMap::with_capacity(rows.len());
        let mut next = 1;
        for row in rows {
            let id: i64 = row.try_get(0)?;
            next = next.max(id + 1);
            ids.insert(row.try_get(1)?, id);
        }
        Ok(Names { table, ids, next })
    }

    /// The id of `name`, inserting it (with `extra`, the label of a taxon) when new.
    async fn id(&mut self, tx: &mut Tx<'_>, name: &str, extra: Option<&str>) -> sqlx::Result<i64> {
        if let Some(&id) = self.ids.get(name) {
            return Ok(id);
        }
        let id = self.next;
        let query = match (self.table, extra) {
            ("taxon", Some(label)) => {
                sqlx::query("INSERT INTO taxon (id, code, label) VALUES (?, ?, ?)")
                    .bind(id)
                    .bind(name)
                    .bind(label)
            }
            (table, _) => sqlx::query(if table == "employer" {
                "INSERT INTO employer (id, name) VALUES (?, ?)"
            } else {
                "INSERT INTO job_title (id, name) VALUES (?, ?)"
            })
            .bind(id)
            .bind(name),
        };
        query.execute(&mut **tx).await?;
        self.next += 1;
        self.ids.insert(name.to_string(), id);
        Ok(id)
    }
}

/// Rows per INSERT statement: five parameters each, well under SQLite's limit of 32,766.
const ROWS_PER_STATEMENT: usize = 500;

impl Store {
    /// Starts an import of postings.
    pub async fn begin_postings(&mut self) -> Result<PostingImport<'_>> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.conn.begin().await.map_err(wrap)?;
        let employers = Names::load(&mut tx, "employer", "name")
            .await
            .map_err(wrap)?;
        let titles = Names::load(&mut tx, "job_title", "name")
            .await
            .map_err(wrap)?;
        let taxa = Names::load(&mut tx, "taxon", "code").await.map_err(wrap)?;
        Ok(PostingImport {
            path,
            tx,
            employers,
            titles,
            taxa,
            counts: ImportCounts::default(),
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
            "SELECT (SELECT count(*) FROM employer), count(*), min(posted), max(posted) FROM posting",
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
    /// Adds postings; one already stored (same digest) is counted as a duplicate and skipped.
    pub async fn add(&mut self, postings: &[NewPosting<'_>]) -> Result<ImportCounts> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut before = self.counts;
        for chunk in postings.chunks(ROWS_PER_STATEMENT) {
            let mut rows = Vec::with_capacity(chunk.len());
            for p in chunk {
                let employer = self
                    .employers
                    .id(&mut self.tx, p.employer, None)
                    .await
                    .map_err(wrap)?;
                let title = self
                    .titles
                    .id(&mut self.tx, p.title, None)
                    .await
                    .map_err(wrap)?;
                let mut taxa = Vec::with_capacity(p.skills.len());
                for (code, label) in &p.skills {
                    let id = self
                        .taxa
                        .id(&mut self.tx, code, Some(label))
                        .await
                        .map_err(wrap)?;
                    taxa.push(id as u32);
                }
                rows.push((
                    employer,
                    title,
                    p.posted.to_string(),
                    p.digest as i64,
                    encode_skills(taxa),
                ));
            }
            let placeholders = vec!["(?, ?, ?, ?, ?)"; rows.len()].join(", ");
            let sql = format!(
                "INSERT OR IGNORE INTO posting (employer, title, posted, digest, skills) VALUES {placeholders}"
            );
            let mut query = sqlx::query(&sql);
            for (employer, title, posted, digest, skills) in rows {
                query = query
                    .bind(employer)
                    .bind(title)
                    .bind(posted)
                    .bind(digest)
                    .bind(skills);
            }
            let added = query
                .execute(&mut *self.tx)
                .await
                .map_err(wrap)?
                .rows_affected();
            self.counts.added += added;
            self.counts.duplicates += chunk.len() as u64 - added;
        }
        before.added = self.counts.added - before.added;
        before.duplicates = self.counts.duplicates - before.duplicates;
        Ok(before)
    }

    /// Records the import and makes it all visible at once.
    pub async fn commit(
        mut self,
        file: &str,
        imported: Date,
        skipped: u64,
    ) -> Result<ImportCounts> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        sqlx::query(
            "INSERT INTO posting_import (file, imported, added, duplicates, skipped) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(file)
        .bind(imported.to_string())
        .bind(self.counts.added as i64)
        .bind(self.counts.duplicates as i64)
        .bind(skipped as i64)
        .execute(&mut *self.tx)
        .await
        .map_err(wrap)?;
        self.tx.commit().await.map_err(wrap)?;
        Ok(self.counts)
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
