//! A person's records: the database, opened once, and the write rule (DESIGN 6).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use milemarker_core::career::{InvalidField, Snapshot};
use milemarker_store::Store;

/// The database path: `--db`, else `MILEMARKER_DB` (clap reads both), else the platform data
/// directory (XDG on Linux).
pub fn database_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "milemarker")
        .context("cannot find a home directory for the database; pass --db PATH")?;
    // Created by Db::open, when a command writes.
    Ok(dirs.data_dir().join("milemarker.db"))
}

/// A reading command found no database: nothing has been recorded there yet.
#[derive(Debug)]
pub struct NoRecords(pub PathBuf);

impl std::fmt::Display for NoRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no records at {} yet; start with `milemarker init` (or name another database with \
             --db)",
            self.0.display()
        )
    }
}

impl std::error::Error for NoRecords {}

/// The records `open` finds, or none when there is no database yet: for an answer that needs
/// none (pay for an occupation given, skills proposed from a CV before `init`).
pub fn if_any(open: impl FnOnce() -> anyhow::Result<Db>) -> anyhow::Result<Option<Db>> {
    match open() {
        Ok(db) => Ok(Some(db)),
        Err(err) if err.is::<NoRecords>() => Ok(None),
        Err(err) => Err(err),
    }
}

/// The store behind a small runtime: commands stay synchronous and simple.
pub struct Db {
    runtime: tokio::runtime::Runtime,
    /// Always `Some` until dropped.
    store: Option<Store>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            // A failed close loses nothing: every write already committed.
            let _ = self.runtime.block_on(store.close());
        }
    }
}

impl Db {
    /// Opens the database for a command that only reads: one that does not exist yet is not
    /// created, there is simply nothing to read.
    pub fn open_existing(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(NoRecords(path.to_path_buf()).into());
        }
        Db::open(path)
    }

    /// Opens the database, creating it (and its directory) when it does not exist yet.
    pub fn open(path: &Path) -> Result<Db> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the database runtime")?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mut store = runtime.block_on(Store::open(path))?;
        let shown = path.display().to_string();
        store.on_wait(move || {
            eprintln!(
                "waiting for another program writing to {shown} (an import, the web server or \
                 another milemarker) to finish..."
            );
        });
        Ok(Db {
            runtime,
            store: Some(store),
        })
    }

    pub fn load(&mut self) -> Result<Snapshot> {
        let store = self.store.as_mut().expect("open until dropped");
        Ok(self.runtime.block_on(store.load())?)
    }

    /// Validates, then writes everything in one transaction: bad input changes nothing.
    pub fn save(&mut self, snapshot: &Snapshot) -> Result<()> {
        snapshot.validate().map_err(invalid)?;
        let store = self.store.as_mut().expect("open until dropped");
        Ok(self.runtime.block_on(store.save(snapshot))?)
    }

    pub fn path(&self) -> &Path {
        self.store.as_ref().expect("open until dropped").path()
    }

    /// The runtime and the store, for work beyond loading and saving the person's records
    /// (postings are stored and read apart from them).
    pub fn parts(&mut self) -> (&tokio::runtime::Runtime, &mut Store) {
        (
            &self.runtime,
            self.store.as_mut().expect("open until dropped"),
        )
    }

    /// The write rule (DESIGN 6): under the write lock, loads the records, lets `change` edit
    /// them, validates, and saves what changed; nothing is written if `change` or validation
    /// fails. What `change` reads is what it writes over: no other writer comes between.
    pub fn update<T>(&mut self, change: impl FnOnce(&mut Snapshot) -> Result<T>) -> Result<T> {
        let store = self.store.as_mut().expect("open until dropped");
        self.runtime.block_on(store.update(|s| {
            let out = change(s)?;
            s.validate().map_err(invalid)?;
            Ok(out)
        }))?
    }

    /// [`Db::update`], returning the records as written, to show them without loading them
    /// again.
    pub fn updated(
        &mut self,
        change: impl FnOnce(&mut Snapshot) -> Result<()>,
    ) -> Result<Snapshot> {
        self.update(|s| {
            change(s)?;
            Ok(s.clone())
        })
    }
}

/// A field that does not hold, kept typed inside the error: the CLI prints it as "field: what
/// is wrong", the web finds the field it belongs beside.
pub fn invalid(err: InvalidField) -> anyhow::Error {
    anyhow::Error::new(err)
}

/// The weeks as milemarker counts them: check-ins decide their week, trackers fill the rest.
pub fn counted_weeks(s: &Snapshot) -> Vec<milemarker_core::life::WeekHours> {
    // Zones were checked on import; one the system has since lost falls back to UTC.
    let tracked = milemarker_core::tracker::tracked_weeks(&s.tracked, |name| {
        jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
    });
    milemarker_core::life::merged_weeks(&s.checkins, &tracked)
}

/// A database a run is about to create, with the directories made for it: when the run fails
/// before anything is written, [`Created::remove_if_unused`] takes them away again.
pub struct Created {
    path: PathBuf,
    dirs: Vec<PathBuf>,
}

impl Created {
    /// What opening `path` would create; `None` when it exists already.
    pub fn before_open(path: &Path) -> Option<Created> {
        if path.exists() {
            return None;
        }
        let dirs = path
            .ancestors()
            .skip(1)
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        Some(Created {
            path: path.to_path_buf(),
            dirs,
        })
    }

    /// Removes the database and the directories made for it, if nothing was written to it.
    pub fn remove_if_unused(self) {
        // Another program may have found the new file and written to it meanwhile: then it stays.
        let unused = Db::open(&self.path).and_then(|mut db| {
            let empty = db.load()? == Snapshot::default();
            let (runtime, store) = db.parts();
            Ok(empty && runtime.block_on(store.posting_names())?.postings == 0)
        });
        if !unused.unwrap_or(false) {
            return;
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
        for dir in &self.dirs {
            // Only when empty.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Opens the records for one run of a command. One that only reads needs a database that exists:
/// it creates none. One that writes may create it, and a database it created is removed again
/// when the run fails: a write that failed wrote nothing, so it leaves nothing behind.
pub struct Opener {
    flag: Option<PathBuf>,
    writes: bool,
    created: std::cell::RefCell<Option<Created>>,
}

impl Opener {
    /// `flag` is the database asked for, if any (see [`database_path`]).
    pub fn new(flag: Option<PathBuf>, writes: bool) -> Opener {
        Opener {
            flag,
            writes,
            created: std::cell::RefCell::new(None),
        }
    }

    pub fn open(&self) -> anyhow::Result<Db> {
        let path = database_path(self.flag.as_deref())?;
        if !self.writes {
            return Db::open_existing(&path);
        }
        if let Some(new) = Created::before_open(&path) {
            *self.created.borrow_mut() = Some(new);
        }
        Db::open(&path)
    }

    /// The run's outcome, once a failed run's new database is gone.
    pub fn finish<T>(self, outcome: anyhow::Result<T>) -> anyhow::Result<T> {
        if outcome.is_err()
            && let Some(created) = self.created.take()
        {
            created.remove_if_unused();
        }
        outcome
    }
}

#[cfg(test)]
mod created_tests {
    use super::*;

    #[test]
    fn no_database_is_no_records_and_any_other_failure_stays_one() {
        let none = if_any(|| Err(NoRecords(PathBuf::from("x.db")).into())).unwrap();
        assert!(none.is_none());
        assert!(if_any(|| Err(anyhow::anyhow!("locked"))).is_err());
    }

    #[test]
    fn a_database_created_and_never_written_goes_with_its_directories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/records.db");
        let created = Created::before_open(&path).expect("not there yet");
        drop(Db::open(&path).unwrap());
        assert!(Created::before_open(&path).is_none(), "there now");
        created.remove_if_unused();
        assert!(!path.exists());
        assert!(!dir.path().join("a").exists());
    }
}
