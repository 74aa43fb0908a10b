//! Job postings as the labour-market analysis needs them: employer, title, date and the skills
//! found in the text. An import writes as it goes and counts only once done; read back as a
//! stream, so counting a million postings holds one row at a time.

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

/// An import in progress. Its postings are written as they come, each batch in a short
/// transaction, so a long import never holds the write lock while it reads and matches; they
/// carry the import's id and readers skip them until [`commit`] marks the import done in one
/// tiny transaction, so it is still all or nothing. The running import holds a lock file beside
/// the database: when its process dies, the lock is freed and the next import removes what it
/// left ([`Store::remove_dead_imports`]). Names met (employers, titles, skills) are written as
/// they come too: a name no posting uses changes no answer.
///
/// [`commit`]: PostingImport::commit
pub struct PostingImport<'c> {
    store: &'c mut Store,
    id: i64,
    /// Held until the import ends; see [`LockFile`].
    _lock: LockFile,
    employers: Names,
    titles: Names,
    taxa: Names,
    counts: ImportCounts,
    rows: Option<(i64, i64)>,
}

/// A file beside the database that a running import holds locked: the operating system frees
/// the lock when the process ends, however it ends, which is how a later import tells a running
/// import from a dead one.
struct LockFile {
    path: std::path::PathBuf,
    file: std::fs::File,
}

impl LockFile {
    fn create(db: &std::path::Path) -> std::io::Result<LockFile> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut name = db.as_os_str().to_owned();
        name.push(format!(".import-{}-{stamp}.lock", std::process::id()));
        let path = std::path::PathBuf::from(name);
        let file = std::fs::File::create(&path)?;
        file.lock()?;
        Ok(LockFile { path, file })
    }
}

impl Drop for LockFile {
    /// However the import ends (done, abandoned, or an error on the way), its lock file goes;
    /// rows an error left behind are removed by the next import, which finds no lock.
    fn drop(&mut self) {
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether the process that holds `path` locked has ended (or the file is gone).
fn lock_is_free(path: &str) -> bool {
    let Ok(file) = std::fs::OpenOptions::new().write(true).open(path) else {
        return true;
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            true
        }
        Err(_) => false,
    }
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
        let mut seen = std::collections::HashSet::new();
        let fresh: Vec<&(&str, Option<&str>)> = wanted
            .iter()
            .filter(|(name, _)| !self.ids.contains_key(*name) && seen.insert(*name))
            .collect();
        // Many names a statement: a first batch brings thousands, and one statement each kept
        // other writers waiting on the lock for most of a second.
        for chunk in fresh.chunks(NAMES_PER_STATEMENT) {
            // A no-op update on conflict makes RETURNING give the id either way.
            let sql = match self.table {
                "taxon" => format!(
                    "INSERT INTO taxon (code, label) VALUES {} \
                     ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id, code",
                    vec!["(?, ?)"; chunk.len()].join(", ")
                ),
                table => format!(
                    "INSERT INTO {table} (name) VALUES {} \
                     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id, name",
                    vec!["(?)"; chunk.len()].join(", ")
                ),
            };
            let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
            for (name, label) in chunk {
                query = query.bind(*name);
                if let Some(label) = label {
                    query = query.bind(*label);
                }
            }
            for (id, name) in query.fetch_all(&mut **tx).await? {
                self.ids.insert(name, id);
            }
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

/// Names per INSERT statement: at most two parameters each.
const NAMES_PER_STATEMENT: usize = 400;
/// Rows per INSERT statement: six parameters each, well under SQLite's limit of 32,766.
const ROWS_PER_STATEMENT: usize = 500;
/// Rows removed per transaction when an import is abandoned or cleaned up.
const ROWS_PER_DELETE: i64 = 20_000;

/// Postings that count: not those of an import still running or abandoned.
macro_rules! visible {
    () => {
        "import NOT IN (SELECT id FROM posting_import WHERE NOT done)"
    };
}

impl Store {
    /// Starts an import of postings from `file` (its name is recorded), first removing what
    /// imports whose process died left behind.
    pub async fn begin_postings(
        &mut self,
        file: &str,
        imported: Date,
    ) -> Result<PostingImport<'_>> {
        self.remove_dead_imports().await?;
        let lock = LockFile::create(&self.path).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            what: "import lock file".into(),
            detail: format!("cannot create one beside the database: {e}"),
        })?;
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO posting_import (file, imported, added, duplicates, skipped, done, lock) \
             VALUES (?, ?, 0, 0, 0, 0, ?) RETURNING id",
        )
        .bind(file)
        .bind(imported.to_string())
        .bind(lock.path.to_string_lossy().into_owned())
        .fetch_one(&mut *tx)
        .await
        .map_err(wrap)?;
        tx.commit().await.map_err(wrap)?;
        Ok(PostingImport {
            store: self,
            id,
            _lock: lock,
            employers: Names::new("employer"),
            titles: Names::new("job_title"),
            taxa: Names::new("taxon"),
            counts: ImportCounts::default(),
            rows: None,
        })
    }

    /// Removes the postings of imports whose process ended before they were done (killed, or
    /// the machine went down), a batch per short transaction.
    pub async fn remove_dead_imports(&mut self) -> Result<()> {
        // id, lock file, first and last row
        type Pending = (i64, Option<String>, Option<i64>, Option<i64>);
        let pending: Vec<Pending> = sqlx::query_as(
            "SELECT id, lock, first_row, last_row FROM posting_import WHERE NOT done",
        )
        .fetch_all(&mut self.conn)
        .await
        .map_err(|source| StoreError::Database {
            path: self.path.clone(),
            source,
        })?;
        for (id, lock, first, last) in pending {
            if lock.as_deref().is_none_or(lock_is_free) {
                self.remove_import(id, first.zip(last)).await?;
                if let Some(lock) = lock {
                    let _ = std::fs::remove_file(lock);
                }
            }
        }
        Ok(())
    }

    /// Removes an import that is not done and its postings, in short transactions.
    async fn remove_import(&mut self, id: i64, rows: Option<(i64, i64)>) -> Result<()> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        if let Some((first, last)) = rows {
            let mut from = first;
            while from <= last {
                let to = (from + ROWS_PER_DELETE - 1).min(last);
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM posting WHERE rowid BETWEEN ? AND ? AND import = ?")
                    .bind(from)
                    .bind(to)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(wrap)?;
                tx.commit().await.map_err(wrap)?;
                from = to + 1;
            }
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM posting_import WHERE id = ? AND NOT done")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(wrap)?;
        tx.commit().await.map_err(wrap)
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
        let row = sqlx::query(concat!(
            "SELECT count(DISTINCT employer), count(*), min(posted), max(posted) FROM posting \
                 WHERE ",
            visible!()
        ))
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
pub(crate) const SCAN_POSTINGS: &str = concat!(
    "SELECT employer, title, posted, skills FROM posting WHERE posted BETWEEN ? AND ? AND ",
    visible!(),
    " ORDER BY employer"
);

/// Demand counted elsewhere, as imported: where from, the day, and the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDemand {
    pub source: String,
    pub imported: Date,
    pub body: String,
}

impl Store {
    /// The demand imported with `postings import-demand`, if any.
    pub async fn imported_demand(&mut self) -> Result<Option<ImportedDemand>> {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT source, imported, body FROM imported_demand WHERE id = 1")
                .fetch_optional(&mut self.conn)
                .await
                .map_err(|source| StoreError::Database {
                    path: self.path.clone(),
                    source,
                })?;
        row.map(|(source, imported, body)| {
            let imported = imported.parse().map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                what: "imported_demand.imported".into(),
                detail: format!("{imported:?} is not a date: {e}"),
            })?;
            Ok(ImportedDemand {
                source,
                imported,
                body,
            })
        })
        .transpose()
    }

    /// Replaces the imported demand with `demand`, or removes it (`None`). Whether there was one
    /// before, read in the same transaction as the write.
    pub async fn set_imported_demand(&mut self, demand: Option<&ImportedDemand>) -> Result<bool> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query("DELETE FROM imported_demand")
            .execute(&mut *tx)
            .await
            .map_err(wrap)?
            .rows_affected();
        if let Some(d) = demand {
            sqlx::query(
                "INSERT INTO imported_demand (id, source, imported, body) VALUES (1, ?, ?, ?)",
            )
            .bind(&d.source)
            .bind(d.imported.to_string())
            .bind(&d.body)
            .execute(&mut *tx)
            .await
            .map_err(wrap)?;
        }
        tx.commit().await.map_err(wrap)?;
        Ok(removed > 0)
    }
}

impl PostingImport<'_> {
    /// Writes postings in one short transaction, with the names they bring; none counts until
    /// [`commit`]. One already stored (same digest) counts as a duplicate.
    ///
    /// [`commit`]: PostingImport::commit
    pub async fn add(&mut self, postings: &[NewPosting<'_>]) -> Result<()> {
        let path = self.store.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let (mut employers, mut titles, mut taxa) = (Vec::new(), Vec::new(), Vec::new());
        for p in postings {
            self.employers.note_new(&mut employers, p.employer, None);
            self.titles.note_new(&mut titles, p.title, None);
            for &(code, label) in &p.skills {
                self.taxa.note_new(&mut taxa, code, Some(label));
            }
        }
        let mut tx = self.store.begin_write().await?;
        self.employers
            .resolve(&mut tx, &employers)
            .await
            .map_err(wrap)?;
        self.titles.resolve(&mut tx, &titles).await.map_err(wrap)?;
        self.taxa.resolve(&mut tx, &taxa).await.map_err(wrap)?;
        for chunk in postings.chunks(ROWS_PER_STATEMENT) {
            let placeholders = vec!["(?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            let sql = format!(
                "INSERT OR IGNORE INTO posting (employer, title, posted, digest, skills, import) \
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
                    .bind(encode_skills(taxa))
                    .bind(self.id);
            }
            let done = query.execute(&mut *tx).await.map_err(wrap)?;
            let added = done.rows_affected();
            self.counts.added += added;
            self.counts.duplicates += chunk.len() as u64 - added;
            if added > 0 {
                // One statement under the lock numbers its rows one after another.
                let last = done.last_insert_rowid();
                let first = self
                    .rows
                    .map_or(last - added as i64 + 1, |(first, _)| first);
                self.rows = Some((first, last));
            }
        }
        // Where this import's rows lie, for removing them should it die before it is done.
        if let Some((first, last)) = self.rows {
            sqlx::query("UPDATE posting_import SET first_row = ?, last_row = ? WHERE id = ?")
                .bind(first)
                .bind(last)
                .bind(self.id)
                .execute(&mut *tx)
                .await
                .map_err(wrap)?;
        }
        tx.commit().await.map_err(wrap)
    }

    /// Makes the whole import count at once, in one tiny transaction, and records its counts.
    pub async fn commit(self, skipped: u64) -> Result<ImportCounts> {
        let path = self.store.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.store.begin_write().await?;
        sqlx::query(
            "UPDATE posting_import SET done = 1, lock = NULL, added = ?, duplicates = ?, \
             skipped = ? WHERE id = ?",
        )
        .bind(self.counts.added as i64)
        .bind(self.counts.duplicates as i64)
        .bind(skipped as i64)
        .bind(self.id)
        .execute(&mut *tx)
        .await
        .map_err(wrap)?;
        tx.commit().await.map_err(wrap)?;
        Ok(self.counts)
    }

    /// Gives the import up: its postings are removed, a batch per short transaction, and none
    /// ever counted.
    pub async fn abandon(self) -> Result<()> {
        self.store.remove_import(self.id, self.rows).await
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
