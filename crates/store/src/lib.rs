//! milemarker's storage: one SQLite file (bundled SQLite, WAL), versioned migrations recorded in
//! SQLite's `user_version`, and every write in one transaction.
//!
//! The schema version is read through a read-only connection before anything else touches the
//! file, so a database from a newer milemarker is refused and left byte-for-byte as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use indexmap::IndexMap;
use milemarker_core::career::{
    CareerOption, DealBreaker, DecisionSettings, Finances, Profile, SCHEMA_VERSION, Snapshot,
    Value, ValueJudgement,
};
use milemarker_core::decision::document::{AttrValue, RiskSpec};
use milemarker_core::evidence::Achievement;
use milemarker_core::life::{Audit, CheckIn, Season, Task};
use milemarker_core::network::{Contact, Offer, Opportunity};
use milemarker_core::skills::Skill;
use milemarker_core::tracker::TrackedInterval;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteRow, SqliteSynchronous};
use sqlx::{Connection, Row, SqliteConnection};
use thiserror::Error;

mod postings;
mod rows;
pub use postings::{
    ImportCounts, ImportedDemand, NewPosting, PostingImport, PostingNames, PostingRow,
};

/// Forward migrations, in order; migration N brings the schema to version N.
const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("../migrations/0001_decisions.sql")),
    (2, include_str!("../migrations/0002_week.sql")),
    (3, include_str!("../migrations/0003_evidence.sql")),
    (4, include_str!("../migrations/0004_market.sql")),
    (5, include_str!("../migrations/0005_posting_order.sql")),
    (6, include_str!("../migrations/0006_pending_imports.sql")),
    (7, include_str!("../migrations/0007_offers.sql")),
    (8, include_str!("../migrations/0008_imported_demand.sql")),
];

/// The newest schema this build understands.
pub const LATEST_SCHEMA: u32 = {
    assert!(MIGRATIONS[MIGRATIONS.len() - 1].0 == SCHEMA_VERSION);
    SCHEMA_VERSION
};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "{path} has schema version {found}, newer than this milemarker understands ({supported}); \
         upgrade milemarker to open it (the file was not changed)"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: {source}")]
    Database {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "{path} is busy: another program has been writing to it for {} s (a milemarker import \
         or server, or a tool outside milemarker); nothing was changed, try again when it is done",
        WRITE_WAIT.as_secs()
    )]
    Busy { path: PathBuf },
    #[error(
        "{path}: stored {what} is unreadable ({detail}); the database may have been edited by hand"
    )]
    Corrupt {
        path: PathBuf,
        what: String,
        detail: String,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    path: PathBuf,
    conn: SqliteConnection,
    on_wait: Option<Box<dyn Fn() + Send>>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub async fn open(path: &Path) -> Result<Store> {
        let wrap = |source| StoreError::Database {
            path: path.to_path_buf(),
            source,
        };
        if path.exists() {
            let found = read_schema_version(path).await.map_err(wrap)?;
            if found > LATEST_SCHEMA {
                return Err(StoreError::TooNew {
                    path: path.to_path_buf(),
                    found,
                    supported: LATEST_SCHEMA,
                });
            }
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(WRITE_WAIT);
        let conn = SqliteConnection::connect_with(&options)
            .await
            .map_err(wrap)?;
        let mut store = Store {
            path: path.to_path_buf(),
            conn,
            on_wait: None,
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Closes the connection cleanly: the last connection to close checkpoints the WAL into the
    /// database file, so the next process opens a compact file instead of replaying a log.
    pub async fn close(self) -> Result<()> {
        let path = self.path;
        self.conn
            .close()
            .await
            .map_err(|source| StoreError::Database { path, source })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db_error(&self) -> impl Fn(sqlx::Error) -> StoreError + '_ {
        |source| StoreError::Database {
            path: self.path.clone(),
            source,
        }
    }

    pub async fn schema_version(&mut self) -> Result<u32> {
        let v: i64 = sqlx::query_scalar("PRAGMA user_version")
            .fetch_one(&mut self.conn)
            .await
            .map_err(|source| StoreError::Database {
                path: self.path.clone(),
                source,
            })?;
        Ok(v as u32)
    }

    /// SQLite's `PRAGMA data_version`: changes when another connection commits to the database
    /// (this connection's own commits do not change it), so a long-running reader such as the
    /// web server knows when the CLI has written.
    pub async fn data_version(&mut self) -> Result<u64> {
        let v: i64 = sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&mut self.conn)
            .await
            .map_err(self.db_error())?;
        Ok(v as u64)
    }

    async fn migrate(&mut self) -> Result<()> {
        if self.schema_version().await? >= LATEST_SCHEMA {
            return Ok(());
        }
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        // Under the write lock, the version read is the one migrated from: two processes opening
        // a new database at once take turns, and the second finds the work done.
        let mut tx = self.begin_write().await?;
        let current: i64 = sqlx::query_scalar("PRAGMA user_version")
            .fetch_one(&mut *tx)
            .await
            .map_err(wrap)?;
        for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| i64::from(*v) > current) {
            sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(wrap)?;
            sqlx::raw_sql(&format!("PRAGMA user_version = {version}"))
                .execute(&mut *tx)
                .await
                .map_err(wrap)?;
        }
        // Every step and its version stamp commit together: a crash leaves the old schema.
        tx.commit().await.map_err(wrap)
    }

    /// Reads everything about the person.
    pub async fn load(&mut self) -> Result<Snapshot> {
        Reader {
            path: &self.path,
            conn: &mut self.conn,
        }
        .load()
        .await
    }

    /// Replaces everything about the person with `snapshot`, in one transaction. The caller
    /// validates first; the schema's constraints are the last line of defence.
    pub async fn save(&mut self, snapshot: &Snapshot) -> Result<()> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.begin_write().await?;
        for table in rows::TABLES.iter().rev() {
            sqlx::query(&format!("DELETE FROM {}", table.name))
                .execute(&mut *tx)
                .await
                .map_err(wrap)?;
        }
        rows::write_changes(&mut tx, None, snapshot)
            .await
            .map_err(wrap)?;
        tx.commit().await.map_err(wrap)
    }

    /// The write rule (DESIGN 6): takes the write lock first, reads the records under it, lets
    /// `change` edit them and writes what changed before letting go. Two writers at once take
    /// turns, so neither numbers a record from a copy the other has since changed, and neither
    /// writes back a row the other changed. When `change` refuses (the caller validates inside
    /// it), nothing is written and its error is returned as the inner `Err`.
    pub async fn update<T, E>(
        &mut self,
        change: impl FnOnce(&mut Snapshot) -> std::result::Result<T, E>,
    ) -> Result<std::result::Result<T, E>> {
        let path = self.path.clone();
        let wrap = |source| StoreError::Database {
            path: path.clone(),
            source,
        };
        let mut tx = self.begin_write().await?;
        let before = Reader {
            path: &path,
            conn: &mut tx,
        }
        .load()
        .await?;
        let mut after = before.clone();
        let outcome = change(&mut after);
        if outcome.is_ok() {
            rows::write_changes(&mut tx, Some(&before), &after)
                .await
                .map_err(wrap)?;
            tx.commit().await.map_err(wrap)?;
        }
        // On a refusal the transaction is dropped, which rolls it back.
        Ok(outcome)
    }

    /// How long a write waits for another writer's lock before [`StoreError::Busy`]; tests
    /// shorten [`WRITE_WAIT`] to see a busy database without waiting for it.
    pub async fn set_write_wait(&mut self, wait: Duration) -> Result<()> {
        sqlx::query(&format!("PRAGMA busy_timeout = {}", wait.as_millis()))
            .execute(&mut self.conn)
            .await
            .map_err(|source| StoreError::Database {
                path: self.path.clone(),
                source,
            })?;
        Ok(())
    }

    /// Calls `notice` when a write has waited [`QUIET_WAIT`] for another writer's lock, so a
    /// person knows why nothing happens yet.
    pub fn on_wait(&mut self, notice: impl Fn() + Send + 'static) {
        self.on_wait = Some(Box::new(notice));
    }

    /// Takes the write lock now (`BEGIN IMMEDIATE`) rather than at the first write, so what is
    /// read next is what the write will change. Waits up to [`WRITE_WAIT`] for another writer;
    /// past that, [`StoreError::Busy`].
    pub(crate) async fn begin_write(&mut self) -> Result<Tx<'_>> {
        let begin = self.conn.begin_with("BEGIN IMMEDIATE");
        tokio::pin!(begin);
        let begun = tokio::select! {
            begun = &mut begin => begun,
            () = tokio::time::sleep(QUIET_WAIT) => {
                if let Some(notice) = &self.on_wait {
                    notice();
                }
                begin.await
            }
        };
        begun.map_err(|source| {
            if is_busy(&source) {
                StoreError::Busy {
                    path: self.path.clone(),
                }
            } else {
                StoreError::Database {
                    path: self.path.clone(),
                    source,
                }
            }
        })
    }
}

/// How long a write waits for another writer's lock before it gives up. Imports stage their rows
/// and hold the lock only briefly, so a wait this long means a writer outside milemarker.
pub const WRITE_WAIT: Duration = Duration::from_secs(10);
/// How long a write waits before it says what it waits for.
pub const QUIET_WAIT: Duration = Duration::from_millis(250);

/// SQLite's SQLITE_BUSY and SQLITE_LOCKED, with any extended code.
fn is_busy(err: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = err else {
        return false;
    };
    db.code()
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// Reads the person's records through one connection, or through a write transaction (which
/// derefs to one), so [`Store::update`] reads under the same lock it writes under.
struct Reader<'a> {
    path: &'a Path,
    conn: &'a mut SqliteConnection,
}

impl Reader<'_> {
    fn db_error(&self) -> impl Fn(sqlx::Error) -> StoreError + '_ {
        |source| StoreError::Database {
            path: self.path.to_path_buf(),
            source,
        }
    }

    /// Reads everything about the person.
    async fn load(&mut self) -> Result<Snapshot> {
        let profile = self.load_profile().await?;
        let settings = self.load_settings().await?;
        let values = self.load_values().await?;
        let dealbreakers = self.load_dealbreakers().await?;
        let options = self.load_options().await?;
        let finances = self.load_finances().await?;
        let value_judgements = self.load_judgements().await?;
        let (checkins, tasks, audits, seasons) = self.load_week().await?;
        let tracked = self.load_tracked().await?;
        let achievements = self.load_achievements().await?;
        let contacts = self.load_contacts().await?;
        let opportunities = self.load_opportunities().await?;
        let offers = self.load_offers().await?;
        let skills = self.load_skills().await?;
        Ok(Snapshot {
            schema_version: SCHEMA_VERSION,
            profile,
            values,
            dealbreakers,
            options,
            finances,
            settings,
            value_judgements,
            checkins,
            tasks,
            audits,
            seasons,
            tracked,
            achievements,
            contacts,
            opportunities,
            offers,
            skills,
        })
    }

    fn corrupt(&self, what: &str, detail: impl ToString) -> StoreError {
        StoreError::Corrupt {
            path: self.path.to_path_buf(),
            what: what.into(),
            detail: detail.to_string(),
        }
    }

    async fn rows(&mut self, sql: &str) -> Result<Vec<SqliteRow>> {
        let rows = sqlx::query(sql).fetch_all(&mut *self.conn).await;
        rows.map_err(|source| StoreError::Database {
            path: self.path.to_path_buf(),
            source,
        })
    }

    async fn load_profile(&mut self) -> Result<Profile> {
        let rows = self.rows("SELECT * FROM profile WHERE id = 1").await?;
        let Some(row) = rows.first() else {
            return Ok(Profile::default());
        };
        let date = |col: &str| -> Result<Option<jiff::civil::Date>> {
            let text: Option<String> = row.try_get(col).map_err(self.db_error())?;
            text.map(|t| {
                t.parse()
                    .map_err(|e| self.corrupt(&format!("profile.{col}"), e))
            })
            .transpose()
        };
        let get = |col: &str| {
            row.try_get::<Option<String>, _>(col)
                .map_err(self.db_error())
        };
        let num = |col: &str| row.try_get::<Option<f64>, _>(col).map_err(self.db_error());
        Ok(Profile {
            name: get("name")?,
            occupation: get("occupation")?,
            area: get("area")?,
            role_start: date("role_start")?,
            last_promotion: date("last_promotion")?,
            promotion_promised: date("promotion_promised")?,
            level: get("level")?,
            pay: num("pay")?,
            bonus: num("bonus")?,
            equity: num("equity")?,
            currency: row.try_get("currency").map_err(self.db_error())?,
            boundary_hours: row.try_get("boundary_hours").map_err(self.db_error())?,
            work_days: row
                .try_get::<i64, _>("work_days")
                .map_err(self.db_error())? as u8,
        })
    }

    async fn load_settings(&mut self) -> Result<DecisionSettings> {
        let rows = self
            .rows("SELECT * FROM decision_settings WHERE id = 1")
            .await?;
        let Some(row) = rows.first() else {
            return Ok(DecisionSettings::default());
        };
        let weighting: String = row.try_get("weighting").map_err(self.db_error())?;
        Ok(DecisionSettings {
            weighting: from_word(&weighting).map_err(|e| self.corrupt("weighting", e))?,
            horizon_years: row.try_get("horizon_years").map_err(self.db_error())?,
            horizon_weight: row.try_get("horizon_weight").map_err(self.db_error())?,
        })
    }

    async fn load_values(&mut self) -> Result<Vec<Value>> {
        let rows = self
            .rows("SELECT * FROM person_value ORDER BY position")
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Value {
                    id: row.try_get("id").map_err(self.db_error())?,
                    weight: row.try_get("weight").map_err(self.db_error())?,
                    rank: row
                        .try_get::<Option<i64>, _>("rank")
                        .map_err(self.db_error())?
                        .map(|r| r as u32),
                    onet_work_value: row.try_get("onet_work_value").map_err(self.db_error())?,
                    note: row.try_get("note").map_err(self.db_error())?,
                })
            })
            .collect()
    }

    async fn load_dealbreakers(&mut self) -> Result<Vec<DealBreaker>> {
        let rows = self
            .rows("SELECT * FROM dealbreaker ORDER BY position")
            .await?;
        rows.iter()
            .map(|row| {
                let op: String = row.try_get("op").map_err(self.db_error())?;
                let value: String = row.try_get("value").map_err(self.db_error())?;
                Ok(DealBreaker {
                    id: row.try_get("id").map_err(self.db_error())?,
                    attribute: row.try_get("attribute").map_err(self.db_error())?,
                    op: from_word(&op).map_err(|e| self.corrupt("deal-breaker op", e))?,
                    value: serde_json::from_str::<AttrValue>(&value)
                        .map_err(|e| self.corrupt("deal-breaker value", e))?,
                    note: row.try_get("note").map_err(self.db_error())?,
                })
            })
            .collect()
    }

    async fn load_options(&mut self) -> Result<Vec<CareerOption>> {
        let rows = self
            .rows("SELECT * FROM career_option ORDER BY position")
            .await?;
        let mut options = Vec::with_capacity(rows.len());
        let mut index: IndexMap<String, usize> = IndexMap::new();
        for row in &rows {
            let id: String = row.try_get("id").map_err(self.db_error())?;
            let kind: String = row.try_get("kind").map_err(self.db_error())?;
            let attributes: String = row.try_get("attributes").map_err(self.db_error())?;
            index.insert(id.clone(), options.len());
            options.push(CareerOption {
                id,
                name: row.try_get("name").map_err(self.db_error())?,
                kind: from_word(&kind).map_err(|e| self.corrupt("option kind", e))?,
                attributes: serde_json::from_str(&attributes)
                    .map_err(|e| self.corrupt("option attributes", e))?,
                net_income: row.try_get("net_income").map_err(self.db_error())?,
                note: row.try_get("note").map_err(self.db_error())?,
                ..CareerOption::default()
            });
        }
        for row in &self
            .rows("SELECT * FROM option_score ORDER BY option_id, at_horizon, position")
            .await?
        {
            let option: String = row.try_get("option_id").map_err(self.db_error())?;
            let value: String = row.try_get("value_id").map_err(self.db_error())?;
            let later: bool = row.try_get("at_horizon").map_err(self.db_error())?;
            let score: f64 = row.try_get("score").map_err(self.db_error())?;
            let target = &mut options[index[&option]];
            let scores = if later {
                &mut target.scores_horizon
            } else {
                &mut target.scores
            };
            scores.insert(value, score);
        }
        for row in &self
            .rows("SELECT * FROM option_risk ORDER BY option_id, position")
            .await?
        {
            let option: String = row.try_get("option_id").map_err(self.db_error())?;
            let kind: String = row.try_get("kind").map_err(self.db_error())?;
            options[index[&option]].risks.push(RiskSpec {
                name: row.try_get("name").map_err(self.db_error())?,
                probability: row.try_get("probability").map_err(self.db_error())?,
                seriousness: row.try_get("seriousness").map_err(self.db_error())?,
                kind: from_word(&kind).map_err(|e| self.corrupt("risk kind", e))?,
            });
        }
        Ok(options)
    }

    async fn load_week(&mut self) -> Result<(Vec<CheckIn>, Vec<Task>, Vec<Audit>, Vec<Season>)> {
        let checkins = self
            .json_rows(
                "check-ins",
                "json_object('week', week, 'hours', hours, 'weekend_days', weekend_days, \
                 'evenings', evenings, 'energy', energy, 'satisfaction', satisfaction, 'note', note)",
                "checkin",
                "week",
            )
            .await?;
        let task_rows = self.rows("SELECT * FROM task ORDER BY position").await?;
        let audit_rows = self.rows("SELECT * FROM audit ORDER BY date").await?;
        let season_rows = self
            .rows("SELECT * FROM season ORDER BY since, area")
            .await?;
        let text =
            |row: &SqliteRow, col: &str| row.try_get::<String, _>(col).map_err(self.db_error());
        let int = |row: &SqliteRow, col: &str| row.try_get::<i64, _>(col).map_err(self.db_error());
        let mut tasks = Vec::new();
        for row in &task_rows {
            tasks.push(Task {
                id: text(row, "id")?,
                name: text(row, "name")?,
                hours_per_week: row.try_get("hours_per_week").map_err(self.db_error())?,
                energy: int(row, "energy")? as i8,
                skill_fit: int(row, "skill_fit")? as u8,
                delegable: row.try_get("delegable").map_err(self.db_error())?,
            });
        }
        let mut audits = Vec::new();
        for row in &audit_rows {
            audits.push(Audit {
                date: text(row, "date")?
                    .parse()
                    .map_err(|e| self.corrupt("audit date", e))?,
                tasks: serde_json::from_str(&text(row, "tasks")?)
                    .map_err(|e| self.corrupt("audit tasks", e))?,
            });
        }
        let mut seasons = Vec::new();
        for row in &season_rows {
            seasons.push(Season {
                area: from_word(&text(row, "area")?).map_err(|e| self.corrupt("season area", e))?,
                season: from_word(&text(row, "season")?).map_err(|e| self.corrupt("season", e))?,
                since: text(row, "since")?
                    .parse()
                    .map_err(|e| self.corrupt("season start", e))?,
            });
        }
        Ok((checkins, tasks, audits, seasons))
    }

    /// Reads a whole table as one JSON array built by SQLite, straight into the domain type: the
    /// long histories (ten years of weeks, thousands of wins) cost one row, not one per record.
    ///
    /// The objects are joined in a subquery's order, not with `json_group_array(... ORDER BY)`:
    /// that sorts through a temporary b-tree holding every object (a sixth of `review`'s
    /// instructions), where the subquery walks an index or sorts in memory. SQLite keeps a FROM
    /// subquery's ORDER BY when the outer query aggregates with anything but count, min or max,
    /// so that group_concat sees the rows in order.
    async fn json_rows<T: DeserializeOwned>(
        &mut self,
        what: &str,
        object: &str,
        table: &str,
        order: &str,
    ) -> Result<Vec<T>> {
        let sql = format!(
            "SELECT '[' || coalesce(group_concat(j, ','), '') || ']' \
             FROM (SELECT {object} AS j FROM {table} AS t ORDER BY {order})"
        );
        let text: String = sqlx::query_scalar(&sql)
            .fetch_one(&mut *self.conn)
            .await
            .map_err(self.db_error())?;
        serde_json::from_str(&text).map_err(|e| self.corrupt(what, e))
    }

    async fn load_tracked(&mut self) -> Result<Vec<TrackedInterval>> {
        self.json_rows(
            "tracked intervals",
            "json_object('source', source, 'start', start, 'end', \"end\", 'tz', tz)",
            "tracked_interval",
            "start, \"end\", source",
        )
        .await
    }

    async fn load_achievements(&mut self) -> Result<Vec<Achievement>> {
        self.json_rows(
            "wins",
            "json_object('id', id, 'date', date, 'title', title, 'impact', impact, \
             'visibility', visibility, 'section', section, 'skills', json(skills), 'link', link)",
            "achievement",
            "date, id",
        )
        .await
    }

    async fn load_contacts(&mut self) -> Result<Vec<Contact>> {
        self.json_rows(
            "contacts",
            "json_object('id', id, 'name', name, 'company', company, 'org_units', json(org_units), \
             'title', title, 'emails', json(emails), 'phones', json(phones), 'urls', json(urls), \
             'note', note, 'how_known', how_known, 'mentor', json(iif(mentor, 'true', 'false')), \
             'cadence_days', cadence_days, 'log', json((SELECT json_group_array(json_object('date', \
             l.date, 'note', l.note) ORDER BY l.position) FROM contact_log l WHERE l.contact_id = t.id)))",
            "contact",
            "position",
        )
        .await
    }

    async fn load_opportunities(&mut self) -> Result<Vec<Opportunity>> {
        self.json_rows(
            "opportunities",
            "json_object('id', id, 'company', company, 'role', role, 'source', source, \
             'contact', contact_id, 'note', note, 'link', link, 'option', option_id, \
             'history', json((SELECT json_group_array(json_object('stage', s.stage, 'date', s.date) \
             ORDER BY s.position) FROM opportunity_stage s WHERE s.opportunity_id = t.id)))",
            "opportunity",
            "id",
        )
        .await
    }

    async fn load_offers(&mut self) -> Result<Vec<Offer>> {
        self.json_rows(
            "offers",
            "json_object('opportunity', opportunity_id, 'base', base, 'bonus', bonus, \
             'equity', equity, 'deadline', deadline)",
            "opportunity_offer",
            "opportunity_id",
        )
        .await
    }

    async fn load_skills(&mut self) -> Result<Vec<Skill>> {
        self.json_rows(
            "skills",
            "json_object('id', id, 'label', label, 'level', level, 'added', added, 'source', source)",
            "person_skill",
            "position",
        )
        .await
    }

    async fn load_judgements(&mut self) -> Result<Vec<ValueJudgement>> {
        let rows = self
            .rows("SELECT * FROM value_judgement ORDER BY position")
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ValueJudgement {
                    a: row.try_get("a").map_err(self.db_error())?,
                    b: row.try_get("b").map_err(self.db_error())?,
                    value: row.try_get("value").map_err(self.db_error())?,
                })
            })
            .collect()
    }

    async fn load_finances(&mut self) -> Result<Option<Finances>> {
        let rows = self.rows("SELECT * FROM finances WHERE id = 1").await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        Ok(Some(Finances {
            monthly_expenses: row.try_get("monthly_expenses").map_err(self.db_error())?,
            savings: row.try_get("savings").map_err(self.db_error())?,
            other_income: row.try_get("other_income").map_err(self.db_error())?,
        }))
    }
}

pub(crate) type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

/// Reads `PRAGMA user_version` without writing: read-only, and no journal-mode change. Unless a
/// log beside the file holds commits to read (another connection has it open, or one did not
/// close), the file is opened as immutable too: SQLite then creates no `-wal` or `-shm` beside
/// it for the look, so a refused database is left as it was found.
async fn read_schema_version(path: &Path) -> std::result::Result<u32, sqlx::Error> {
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    };
    let immutable = !beside("-wal") && !beside("-journal");
    if immutable && let Some(version) = header_version(path) {
        return Ok(version);
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(immutable);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let version: i64 = sqlx::query_scalar("PRAGMA user_version")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    Ok(version as u32)
}

/// The `user_version` field of a database file's header (4 bytes, big-endian, at offset 60): what
/// an immutable connection reads when no log beside the file holds newer commits, without
/// starting a connection and its thread just to look. None when the file does not start with
/// SQLite's header (empty, or not a database), so SQLite decides what it is.
fn header_version(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut header = [0u8; 100];
    std::fs::File::open(path)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    header
        .starts_with(b"SQLite format 3\0")
        .then(|| u32::from_be_bytes([header[60], header[61], header[62], header[63]]))
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

/// An enum's serde name, e.g. `Weighting::Unsure` -> "unsure": the word every face prints.
fn to_word<T: Serialize>(value: &T) -> String {
    let word = milemarker_core::text::word(value);
    debug_assert!(!word.is_empty(), "a unit enum is stored by its name");
    word
}

fn from_word<T: DeserializeOwned>(word: &str) -> std::result::Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::Value::String(word.to_string()))
}

#[cfg(test)]
mod tests;
