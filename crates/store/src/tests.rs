use super::*;
use milemarker_core::evidence::{BragSection, Visibility};
use milemarker_core::example;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_new_database_is_at_the_latest_schema_in_wal_mode() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        assert_eq!(store.schema_version().await.unwrap(), LATEST_SCHEMA);
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut store.conn)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(store.load().await.unwrap(), Snapshot::default());
    });
}

#[test]
fn save_then_load_is_lossless() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut person = example::person_with_history(jiff::civil::date(2026, 10, 28));
        // The example has no promised promotion; keep the column covered.
        person.profile.promotion_promised = Some(jiff::civil::date(2025, 4, 1));
        person
            .value_judgements
            .push(milemarker_core::career::ValueJudgement {
                a: "trust".into(),
                b: "pay".into(),
                value: 1.0 / 3.0,
            });
        // Schema 7: an offer's terms, and a lead that ended accepted.
        person.offers.push(milemarker_core::network::Offer {
            opportunity: 2,
            base: 98_000.0,
            bonus: Some(9_500.5),
            equity: None,
            deadline: Some(jiff::civil::date(2026, 11, 6)),
        });
        person.opportunities[1]
            .advance(
                milemarker_core::network::Stage::Accepted,
                jiff::civil::date(2026, 10, 27),
            )
            .unwrap();
        person.validate().unwrap();
        Store::open(&path)
            .await
            .unwrap()
            .save(&person)
            .await
            .unwrap();
        // A fresh connection reads what the first one committed.
        let loaded = Store::open(&path).await.unwrap().load().await.unwrap();
        assert_eq!(loaded, person);
    });
}

#[test]
fn long_histories_load_in_their_order_whatever_order_they_were_saved_in() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut person = example::person_with_history(jiff::civil::date(2026, 10, 28));
        assert!(person.checkins.len() > 1 && person.achievements.len() > 1);
        person.checkins.reverse();
        person.achievements.reverse();
        let mut store = Store::open(&path).await.unwrap();
        store.save(&person).await.unwrap();
        let loaded = store.load().await.unwrap();
        let weeks: Vec<String> = loaded.checkins.iter().map(|c| c.week.to_string()).collect();
        assert!(weeks.is_sorted(), "{weeks:?}");
        assert_eq!(loaded.checkins.len(), person.checkins.len());
        let wins: Vec<(jiff::civil::Date, u32)> =
            loaded.achievements.iter().map(|a| (a.date, a.id)).collect();
        assert!(wins.is_sorted(), "{wins:?}");
        assert_eq!(loaded.achievements.len(), person.achievements.len());
        // Contacts keep the order they were saved in.
        let names = |s: &Snapshot| {
            s.contacts
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&loaded), names(&person));
    });
}

/// A plain connection that creates the file: for writing a database as another version would.
async fn raw_connection(path: &std::path::Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    SqliteConnection::connect_with(&options).await.unwrap()
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let mut conn = raw_connection(&path).await;
            sqlx::raw_sql("CREATE TABLE t (x); PRAGMA user_version = 99;")
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).await.err().expect("refused");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("upgrade milemarker"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    });
}

#[test]
fn refusing_a_newer_database_leaves_no_files_beside_it() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let options = SqliteConnectOptions::new()
                .filename(&path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal);
            let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
            sqlx::raw_sql("CREATE TABLE t (x); PRAGMA user_version = 99;")
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
        }
        let listing = || {
            let mut names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            names
        };
        assert_eq!(listing(), ["future.db"]);
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).await.err().expect("refused");
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        assert_eq!(listing(), ["future.db"], "no -wal or -shm");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    });
}

#[test]
fn the_header_read_agrees_with_sqlite() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.db");
        for version in [0, 7, 99, 0x0102_0304] {
            let mut conn = raw_connection(&path).await;
            sqlx::raw_sql(&format!(
                "CREATE TABLE IF NOT EXISTS t (x); PRAGMA user_version = {version};"
            ))
            .execute(&mut conn)
            .await
            .unwrap();
            conn.close().await.unwrap();
            assert_eq!(header_version(&path), Some(version));
            assert_eq!(read_schema_version(&path).await.unwrap(), version);
        }
        // Not a database, or an empty file: SQLite says what it is, not the header read.
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(header_version(&empty), None);
        assert_eq!(read_schema_version(&empty).await.unwrap(), 0);
        let text = dir.path().join("text.db");
        std::fs::write(&text, "not a database ".repeat(20)).unwrap();
        assert_eq!(header_version(&text), None);
        assert!(read_schema_version(&text).await.is_err());
    });
}

#[test]
fn migrates_forward_from_every_earlier_version() {
    // Version 0 is an empty SQLite file (what an older tool or `sqlite3 x.db` leaves).
    runtime().block_on(async {
        for (version, _) in MIGRATIONS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            {
                let mut conn = raw_connection(&path).await;
                for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| v < version) {
                    sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                    sqlx::raw_sql(&format!("PRAGMA user_version = {v}"))
                        .execute(&mut conn)
                        .await
                        .unwrap();
                }
                conn.close().await.unwrap();
            }
            let mut store = Store::open(&path).await.unwrap();
            assert_eq!(store.schema_version().await.unwrap(), LATEST_SCHEMA);
            store.save(&example::person()).await.unwrap();
            assert_eq!(store.load().await.unwrap(), example::person());
        }
    });
}

#[test]
fn a_failed_save_changes_nothing() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        let person = example::person();
        store.save(&person).await.unwrap();
        // A score for a value that does not exist breaks a foreign key half-way through.
        let mut broken = person.clone();
        broken.profile.name = Some("Changed".into());
        broken.options[2].scores.insert("no-such-value".into(), 5.0);
        assert!(store.save(&broken).await.is_err());
        assert_eq!(store.load().await.unwrap(), person);
    });
}

#[test]
fn data_written_under_every_earlier_schema_survives_the_move_to_the_latest() {
    for version in 1..LATEST_SCHEMA {
        runtime().block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("v{version}.db"));
            {
                let mut conn = raw_connection(&path).await;
                for (_, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= version) {
                    sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                }
                sqlx::raw_sql(&format!(
                    "PRAGMA user_version = {version};
                     INSERT INTO profile (id, name, last_promotion, currency, boundary_hours, work_days)
                         VALUES (1, 'Sam', '2024-03-01', 'EUR', 38, 4);
                     INSERT INTO person_value (id, position, weight) VALUES ('autonomy', 0, 9);"
                ))
                .execute(&mut conn)
                .await
                .unwrap();
                if version >= 2 {
                    sqlx::raw_sql(
                        "INSERT INTO checkin (week, hours, weekend_days, evenings, energy, satisfaction)
                             VALUES ('2026-W40', 51, 1, 2, 2, 3);",
                    )
                    .execute(&mut conn)
                    .await
                    .unwrap();
                }
                conn.close().await.unwrap();
            }
            let mut store = Store::open(&path).await.unwrap();
            assert_eq!(store.schema_version().await.unwrap(), LATEST_SCHEMA);
            let snap = store.load().await.unwrap();
            assert_eq!(snap.profile.name.as_deref(), Some("Sam"), "from v{version}");
            assert_eq!(snap.profile.boundary_hours, 38.0);
            assert_eq!(snap.profile.last_promotion, Some(jiff::civil::date(2024, 3, 1)));
            assert_eq!(snap.profile.promotion_promised, None);
            assert_eq!(snap.values[0].weight, Some(9.0));
            assert_eq!(snap.checkins.len(), usize::from(version >= 2));
            assert!(snap.achievements.is_empty() && snap.contacts.is_empty());
            // The migrated database takes the newest records.
            let mut more = snap.clone();
            more.achievements = example::person_with_history(jiff::civil::date(2026, 10, 28)).achievements;
            store.save(&more).await.unwrap();
            assert_eq!(store.load().await.unwrap(), more);
        });
    }
}

#[test]
fn the_week_round_trips() {
    runtime().block_on(async {
        use milemarker_core::life::{Audit, CheckIn, LifeArea, Season, SeasonKind, Task};
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        let mut snap = example::person();
        snap.checkins.push(CheckIn {
            week: "2026-W45".parse().unwrap(),
            hours: 52.5,
            weekend_days: 1,
            evenings: 3,
            energy: 2,
            satisfaction: 3,
            note: Some("launch week".into()),
        });
        let task = Task {
            id: "reports".into(),
            name: "Weekly reports".into(),
            hours_per_week: 4.0,
            energy: -2,
            skill_fit: 2,
            delegable: true,
        };
        snap.tasks.push(task.clone());
        snap.audits.push(Audit {
            date: jiff::civil::date(2026, 11, 1),
            tasks: vec![task],
        });
        snap.seasons.push(Season {
            area: LifeArea::Career,
            season: SeasonKind::Winter,
            since: jiff::civil::date(2026, 6, 1),
        });
        snap.tracked
            .push(milemarker_core::tracker::TrackedInterval {
                source: milemarker_core::tracker::Tracker::Timewarrior,
                start: "2026-11-02T08:00:00Z".parse().unwrap(),
                end: "2026-11-02T17:30:00Z".parse().unwrap(),
                tz: "Europe/Berlin".into(),
            });
        store.save(&snap).await.unwrap();
        assert_eq!(store.load().await.unwrap(), snap);
    });
}

#[test]
fn postings_commit_together_or_not_at_all_and_count_once() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        let day = |d| jiff::civil::date(2026, 9, d);
        let posting = |employer, digest, d, skills: Vec<(&'static str, &'static str)>| NewPosting {
            employer,
            title: "Data Analyst",
            posted: day(d),
            digest,
            skills,
        };
        let batch = vec![
            posting(
                "Acme",
                1,
                1,
                vec![("onet:43232110", "Spreadsheet software"), ("x:sql", "SQL")],
            ),
            posting("Beta", 2, 2, vec![("x:sql", "SQL")]),
            posting("Acme", 1, 1, vec![]),
        ];
        // Not committed: nothing stays.
        let mut import = store.begin_postings("p.csv", day(3)).await.unwrap();
        import.add(&batch).await.unwrap();
        import.abandon().await.unwrap();
        assert_eq!(store.posting_names().await.unwrap().postings, 0);
        let mut import = store.begin_postings("p.csv", day(3)).await.unwrap();
        import.add(&batch).await.unwrap();
        let counts = import.commit(0).await.unwrap();
        assert_eq!(
            (counts.added, counts.duplicates),
            (2, 1),
            "the same digest counts once"
        );
        let names = store.posting_names().await.unwrap();
        assert_eq!((names.postings, names.employers), (2, 2));
        assert_eq!((names.first, names.last), (Some(day(1)), Some(day(2))));
        let mut rows = Vec::new();
        store
            .scan_postings(day(1), day(1), |p| rows.push(p))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        let codes: Vec<&str> = rows[0]
            .skills
            .iter()
            .map(|t| names.taxa[t].0.as_str())
            .collect();
        assert_eq!(codes, ["onet:43232110", "x:sql"]);
        // The person's records are saved apart: a save leaves the postings alone.
        store.save(&Snapshot::default()).await.unwrap();
        assert_eq!(store.posting_names().await.unwrap().postings, 2);
    });
}

/// Demand counts one employer at a time, so a scan hands over each employer's postings together,
/// read in index order rather than sorted in memory.
#[test]
fn postings_scan_one_employer_at_a_time() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        let employers = ["Acme", "Beta", "Acme", "Cedar", "Beta", "Acme"];
        let batch: Vec<NewPosting> = employers
            .iter()
            .enumerate()
            .map(|(i, employer)| NewPosting {
                employer,
                title: "Analyst",
                posted: jiff::civil::date(2026, 9, 1 + i as i8),
                digest: i as u64,
                skills: vec![],
            })
            .collect();
        let mut import = store
            .begin_postings("p.csv", jiff::civil::date(2026, 9, 30))
            .await
            .unwrap();
        import.add(&batch).await.unwrap();
        import.commit(0).await.unwrap();
        let mut order = Vec::new();
        let (from, to) = (
            jiff::civil::date(2026, 9, 2),
            jiff::civil::date(2026, 9, 30),
        );
        store
            .scan_postings(from, to, |p| order.push(p.employer))
            .await
            .unwrap();
        // Acme's first posting is before `from`.
        assert_eq!(order.len(), 5);
        let mut groups = order.clone();
        groups.dedup();
        assert_eq!(groups.len(), 3, "{order:?}");
        let plan: Vec<String> =
            sqlx::query(&format!("EXPLAIN QUERY PLAN {}", postings::SCAN_POSTINGS))
                .bind(from.to_string())
                .bind(to.to_string())
                .fetch_all(&mut store.conn)
                .await
                .unwrap()
                .iter()
                .map(|row| row.get::<String, _>(3))
                .collect();
        assert!(
            plan.iter().any(|step| step.contains("posting_by_employer"))
                && !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    });
}

/// Rows written under schema 6 survive the offers migration, and a lead may then end accepted.
#[test]
fn stages_written_under_schema_6_survive_and_a_lead_may_end_accepted() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v6.db");
        {
            let mut conn = raw_connection(&path).await;
            for (_, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 6) {
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
            }
            sqlx::raw_sql(
                "PRAGMA user_version = 6;
                 INSERT INTO opportunity (id, company, role, source) VALUES (1, 'Acme', 'Lead', 'posting');
                 INSERT INTO opportunity_stage VALUES (1, 0, 'new', '2026-09-01'), (1, 1, 'offer', '2026-10-01');",
            )
            .execute(&mut conn)
            .await
            .unwrap();
            conn.close().await.unwrap();
        }
        let mut store = Store::open(&path).await.unwrap();
        let mut snap = store.load().await.unwrap();
        let o = &mut snap.opportunities[0];
        assert_eq!(o.stage(), milemarker_core::network::Stage::Offer);
        assert_eq!(o.arrived(), jiff::civil::date(2026, 9, 1));
        o.advance(
            milemarker_core::network::Stage::Accepted,
            jiff::civil::date(2026, 10, 2),
        )
        .unwrap();
        replace(&mut store, &snap).await;
        assert_eq!(store.load().await.unwrap(), snap);
    });
}

/// Saving only what changed leaves the database as saving everything would: edits, additions and
/// removals, a parent removed with its children, a reference cleared in the same change.
#[test]
fn saving_changes_writes_what_a_full_save_would() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = Store::open(&path).await.unwrap();
        let before = example::person_with_history(jiff::civil::date(2026, 10, 28));
        store.save(&before).await.unwrap();

        let mut after = before.clone();
        after.checkins[0].hours += 3.0;
        after.checkins.pop();
        let mut win = after.achievements[0].clone();
        win.id = 99;
        win.title = "A new win".into();
        after.achievements.push(win);
        after.achievements.remove(1);
        // A contact goes with its log; the opportunity that named it stays, without the name.
        let gone = after.contacts.remove(0).id;
        for o in &mut after.opportunities {
            if o.contact.as_deref() == Some(gone.as_str()) {
                o.contact = None;
            }
        }
        after.contacts[0]
            .log
            .push(milemarker_core::network::Interaction {
                date: jiff::civil::date(2026, 10, 27),
                note: Some("coffee".into()),
            });
        after.options[0].scores.shift_remove_index(0);
        after.options.swap(0, 1);
        after.profile.pay = Some(123_456.0);
        after.finances = None;
        after.validate().unwrap();

        replace(&mut store, &after).await;
        let mut fresh = Store::open(&dir.path().join("fresh.db")).await.unwrap();
        fresh.save(&after).await.unwrap();
        let expected = fresh.load().await.unwrap();
        assert_eq!(store.load().await.unwrap(), expected);
        assert_eq!(expected.achievements.len(), after.achievements.len());

        // Nothing changed: nothing written, and the data version other readers see stays.
        let mut reader = Store::open(&path).await.unwrap();
        let seen = reader.data_version().await.unwrap();
        replace(&mut store, &after).await;
        assert_eq!(reader.data_version().await.unwrap(), seen);

        // Back again, as a full save from scratch would leave it.
        replace(&mut store, &before).await;
        assert_eq!(store.load().await.unwrap(), before);
    });
}

/// Makes the stored records `to` through the write rule's one path.
async fn replace(store: &mut Store, to: &Snapshot) {
    store
        .update(|s| {
            *s = to.clone();
            Ok::<_, ()>(())
        })
        .await
        .unwrap()
        .unwrap();
}

/// The write rule: two connections adding wins at once, each numbering its win from the records
/// it reads, lose none (before the rule, each numbered from a copy read outside the lock and the
/// upsert overwrote the other's win with the same number).
#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    runtime().block_on(async {
        let mut store = Store::open(&path).await.unwrap();
        store.save(&Snapshot::default()).await.unwrap();
    });
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let path = path.clone();
            std::thread::spawn(move || {
                runtime().block_on(async {
                    let mut store = Store::open(&path).await.unwrap();
                    for i in 0..40 {
                        let win = |s: &mut Snapshot| {
                            let id = milemarker_core::career::next_number(
                                s.achievements.iter().map(|w| w.id),
                            );
                            s.achievements.push(Achievement {
                                id,
                                date: jiff::civil::date(2026, 10, 1),
                                title: format!("{name}-{i}"),
                                impact: None,
                                visibility: Visibility::Team,
                                section: BragSection::Projects,
                                skills: Vec::new(),
                                link: None,
                            });
                            Ok::<_, ()>(())
                        };
                        store.update(win).await.unwrap().unwrap();
                    }
                })
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    runtime().block_on(async {
        let stored = Store::open(&path).await.unwrap().load().await.unwrap();
        assert_eq!(stored.achievements.len(), 80);
        let ids: std::collections::BTreeSet<u32> =
            stored.achievements.iter().map(|w| w.id).collect();
        assert_eq!(ids.len(), 80, "every win has its own number");
    });
}

/// A refused change writes nothing, and the lock is free again for the next writer.
#[test]
fn a_refused_update_writes_nothing() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db")).await.unwrap();
        let base = example::person_with_history(jiff::civil::date(2026, 10, 28));
        store.save(&base).await.unwrap();
        let refused = store
            .update(|s| {
                s.achievements.clear();
                Err::<(), _>("no")
            })
            .await
            .unwrap();
        assert_eq!(refused, Err("no"));
        assert_eq!(store.load().await.unwrap(), base);
        replace(&mut store, &Snapshot::default()).await;
        assert_eq!(store.load().await.unwrap(), Snapshot::default());
    });
}

fn two_postings() -> Vec<NewPosting<'static>> {
    let posting = |employer, digest| NewPosting {
        employer,
        title: "Analyst",
        posted: jiff::civil::date(2026, 9, 1),
        digest,
        skills: vec![("x:sql", "SQL")],
    };
    vec![posting("Acme", 1), posting("Beta", 2)]
}

/// A running import writes as it goes without holding the write lock between batches: another
/// connection writes meanwhile, sees none of its postings, and sees all of them once it is done.
/// A second import meanwhile leaves the running one's rows alone.
#[test]
fn a_running_import_blocks_no_writer_and_counts_only_when_done() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let day = jiff::civil::date(2026, 9, 30);
        let mut importer = Store::open(&path).await.unwrap();
        let mut other = Store::open(&path).await.unwrap();
        let mut import = importer.begin_postings("p.csv", day).await.unwrap();
        import.add(&two_postings()).await.unwrap();

        replace(&mut other, &Snapshot::default()).await;
        assert_eq!(other.posting_names().await.unwrap().postings, 0);
        // Another import starts meanwhile: the running one is alive, so its rows stay.
        other.begin_postings("q.csv", day).await.unwrap();
        assert_eq!(other.posting_names().await.unwrap().postings, 0);

        let counts = import.commit(0).await.unwrap();
        assert_eq!((counts.added, counts.duplicates), (2, 0));
        assert_eq!(other.posting_names().await.unwrap().postings, 2);
    });
}

/// An import that ended without being done (an error on the way, or a killed process: its lock
/// file is free) leaves rows that never count, and the next import removes them first, so
/// importing the same file again adds it whole rather than calling it all duplicates.
#[test]
fn what_a_dead_import_left_is_removed_by_the_next() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let day = jiff::civil::date(2026, 9, 30);
        let mut store = Store::open(&path).await.unwrap();
        let mut import = store.begin_postings("p.csv", day).await.unwrap();
        import.add(&two_postings()).await.unwrap();
        drop(import);
        assert_eq!(store.posting_names().await.unwrap().postings, 0);
        let stranded: i64 = sqlx::query_scalar("SELECT count(*) FROM posting")
            .fetch_one(&mut store.conn)
            .await
            .unwrap();
        assert_eq!(stranded, 2, "written, not counted");

        let mut import = store.begin_postings("p.csv", day).await.unwrap();
        import.add(&two_postings()).await.unwrap();
        let counts = import.commit(0).await.unwrap();
        assert_eq!((counts.added, counts.duplicates), (2, 0));
        let (rows, imports): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM posting), (SELECT count(*) FROM posting_import)",
        )
        .fetch_one(&mut store.conn)
        .await
        .unwrap();
        assert_eq!((rows, imports), (2, 1));
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".lock")
            })
            .count();
        assert_eq!(leftovers, 0, "no lock file stays");
    });
}
