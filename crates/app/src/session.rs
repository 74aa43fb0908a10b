//! A long-lived handle on one person's records, for a face that stays up (the web server): the
//! records, the settings, and the day, with every use case the pages call.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::Method;
use milemarker_core::review::Review;
use milemarker_store::{PostingNames, StoreError};

use crate::contacts::CardsImported;
use crate::decide::{Decision, decide_person};
use crate::hours::{Added, TrackerExport};
use crate::market::{
    DemandAnswer, DemandOptions, OccupationsAnswer, PayAnswer, demand, occupations, pay,
};
use crate::records::Db;
use crate::settings::Settings;

/// What day it is for the person: the clock (`MILEMARKER_TODAY` pins it), or a fixed day.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(Date),
}

impl Clock {
    pub fn today(self) -> Result<Date> {
        match self {
            Clock::System => crate::clock::today(),
            Clock::Fixed(day) => Ok(day),
        }
    }
}

/// The market page's three answers, or why each cannot be given yet (no occupation set, no
/// postings imported), in words.
pub struct MarketAnswers {
    pub pay: Result<PayAnswer, String>,
    pub demand: Result<DemandAnswer, String>,
    pub occupations: Result<OccupationsAnswer, String>,
}

/// Skills listed on the market page, as `market demand` lists them by default.
const MARKET_LIMIT: usize = 15;

pub struct Session {
    db: Db,
    settings: Settings,
    clock: Clock,
    /// Keeps a temporary database (`serve --demo`) until the session ends.
    _keep: Option<tempfile::TempDir>,
}

impl Session {
    pub fn new(db: Db, settings: Settings, clock: Clock) -> Session {
        Session {
            db,
            settings,
            clock,
            _keep: None,
        }
    }

    /// A session over the example person in a temporary database, removed when it ends.
    pub fn demo(settings: Settings, clock: Clock) -> Result<Session> {
        let dir = tempfile::tempdir()?;
        let mut db = Db::open(&dir.path().join("demo.db"))?;
        crate::demo::seed(&mut db, clock.today()?)?;
        Ok(Session {
            _keep: Some(dir),
            ..Session::new(db, settings, clock)
        })
    }

    pub fn path(&self) -> &Path {
        self.db.path()
    }

    pub fn today(&self) -> Result<Date> {
        self.clock.today()
    }

    /// How long a write waits for another writer before it is refused as busy.
    pub fn set_write_wait(&mut self, wait: Duration) -> Result<()> {
        let (runtime, store) = self.db.parts();
        Ok(runtime.block_on(store.set_write_wait(wait))?)
    }

    /// A second connection that only answers whether the records changed, and the day: it
    /// answers while this session is busy writing or rendering.
    pub fn watcher(&self) -> Result<Watcher> {
        Ok(Watcher {
            db: Db::open(self.db.path())?,
            clock: self.clock,
        })
    }

    pub fn load(&mut self) -> Result<Snapshot> {
        self.db.load()
    }

    /// The write rule (DESIGN 6), as [`Db::update`]: `change` edits the records as they are under
    /// the write lock; a refusal or a field that does not hold writes nothing.
    pub fn update<T>(&mut self, change: impl FnOnce(&mut Snapshot) -> Result<T>) -> Result<T> {
        self.db.update(change)
    }

    pub fn decide(&mut self, s: &Snapshot, method: Option<Method>) -> Result<Decision> {
        decide_person(s, method)
    }

    pub fn review(
        &mut self,
        s: &Snapshot,
        day: Date,
        decision: Option<&Decision>,
    ) -> Result<Review> {
        crate::review::build(&mut self.db, s, &self.settings, day, decision)
    }

    /// Pay, demand with the gap to the person's own occupation, and the occupations they fit.
    pub fn market(&mut self, s: &Snapshot, day: Date) -> MarketAnswers {
        let words = |err: anyhow::Error| format!("{err:#}");
        let options = DemandOptions {
            months: None,
            title: None,
            // The gap shown is to the person's own occupation: what it rates important that
            // they lack.
            occupation: s.profile.occupation.clone(),
            limit: MARKET_LIMIT,
            as_of: day,
            min_employers: self.settings.thresholds.fading_skills.min_employers,
            from: None,
        };
        MarketAnswers {
            pay: pay(&s.profile, None, None, None).map_err(words),
            demand: demand(&mut self.db, s, &options).map_err(words),
            occupations: Ok(occupations(s, MARKET_LIMIT)),
        }
    }

    /// What the store holds of postings now (imports the server no longer follows included).
    pub fn postings_held(&mut self) -> Result<PostingNames> {
        crate::postings::held(&mut self.db)
    }

    /// Imports vCards uploaded as `name`: every card, or none when one is refused.
    pub fn import_cards(&mut self, name: &str, text: &str) -> Result<CardsImported> {
        crate::contacts::import_text(&mut self.db, name, text)
    }

    /// Adds a tracker export's intervals not yet in the records, under the write rule.
    pub fn import_hours(&mut self, export: &TrackerExport) -> Result<Added> {
        self.db
            .update(|s| Ok(crate::hours::add_intervals(s, export)))
    }

    /// Replaces the records with an export document uploaded as `name`: all of it, or nothing.
    pub fn restore(&mut self, name: &str, text: &str) -> Result<Snapshot> {
        crate::exchange::restore_text(&mut self.db, name, text)
    }

    /// The brag document for the year to today, as Markdown.
    pub fn brag(&mut self, s: &Snapshot) -> Result<String> {
        let doc = crate::brag::document(s, None, None, self.today()?)?;
        Ok(crate::brag::markdown(s, &doc))
    }
}

/// Whether the records changed, and what day it is, answered quickly.
pub struct Watcher {
    db: Db,
    clock: Clock,
}

impl Watcher {
    /// Changes whenever the stored records do, whoever wrote them: SQLite's data_version moves
    /// when any other connection commits.
    pub fn version(&mut self) -> Result<u64> {
        let (runtime, store) = self.db.parts();
        Ok(runtime.block_on(store.data_version())?)
    }

    pub fn today(&self) -> Result<Date> {
        self.clock.today()
    }
}

/// Whether `err` is a write refused because another program held the database too long: nothing
/// was written, and trying again shortly will do.
pub fn is_busy(err: &anyhow::Error) -> bool {
    matches!(
        err.downcast_ref::<StoreError>(),
        Some(StoreError::Busy { .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use milemarker_core::tracker::Tracker;

    fn session(dir: &Path) -> Session {
        let settings = Settings {
            path: dir.join("config.toml"),
            file_exists: false,
            thresholds: Default::default(),
        };
        let today = jiff::civil::date(2026, 10, 28);
        Session::new(
            Db::open(&dir.join("records.db")).unwrap(),
            settings,
            Clock::Fixed(today),
        )
    }

    #[test]
    fn uploads_write_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let bad = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n";
        assert!(s.import_cards("book.vcf", bad).is_err());
        assert!(s.load().unwrap().contacts.is_empty());
        let good = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n";
        let done = s.import_cards("book.vcf", good).unwrap();
        assert_eq!((done.added, done.updated), (1, 0));

        let text = r#"[{"id":1,"start":"20261116T080000Z","end":"20261116T120000Z"}]"#;
        let export =
            crate::hours::parse("tw.json", Tracker::Timewarrior, text, "UTC".into()).unwrap();
        assert_eq!(s.import_hours(&export).unwrap().added, 1);
        assert_eq!(s.import_hours(&export).unwrap().known, 1, "not twice");

        let document = crate::exchange::document(&milemarker_core::example::person()).unwrap();
        assert!(s.restore("export.json", "{\"profile\": 3}").is_err());
        assert_eq!(
            s.load().unwrap().contacts.len(),
            1,
            "a refused restore writes nothing"
        );
        let back = s.restore("export.json", &document).unwrap();
        assert_eq!(s.load().unwrap(), back);
    }
}
