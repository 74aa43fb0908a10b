//! Files in: each kind of upload imported from a good file, and a bad one refused on the page
//! with its line and field, nothing written; postings imported off the request with a page that
//! shows how far it has come; an export restored.

use super::*;
use crate::pages::files::job_address;

const BOUNDARY: &str = "----milemarker-test-boundary";

/// A multipart form: the token, `fields`, and a file named `name` holding `bytes`.
fn upload(
    app: &Shared,
    path: &str,
    fields: &[(&str, &str)],
    name: &str,
    bytes: &[u8],
) -> Request<Body> {
    upload_with(&app.csrf, path, fields, name, bytes)
}

fn upload_with(
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
    name: &str,
    bytes: &[u8],
) -> Request<Body> {
    let mut body = Vec::new();
    let mut part = |head: String, value: &[u8]| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n{head}\r\n\r\n").as_bytes());
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"csrf\"".into(),
        token.as_bytes(),
    );
    for (k, v) in fields {
        part(
            format!("Content-Disposition: form-data; name=\"{k}\""),
            v.as_bytes(),
        );
    }
    part(
        format!(
            "Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream"
        ),
        bytes,
    );
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Request::post(path)
        .header(header::HOST, "127.0.0.1:7878")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap()
}

/// Sends an upload, as [`upload`].
async fn up(
    app: &Shared,
    path: &str,
    fields: &[(&str, &str)],
    name: &str,
    bytes: &[u8],
) -> (StatusCode, String, axum::http::HeaderMap) {
    send(app, upload(app, path, fields, name, bytes)).await
}

#[tokio::test]
async fn the_files_page_is_in_the_nav_and_says_each_cap() {
    let (_shelf, app) = served();
    let (status, page, _) = send(&app, get("/files")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"<a href="/files" aria-current="page">Files</a>"#),
        "{page}"
    );
    assert!(page.contains("up to 128 MiB"), "the postings cap is said");
    assert!(page.contains("up to 32 MiB"));
    assert_eq!(page.matches(r#"enctype="multipart/form-data""#).count(), 4);
    let (_, dashboard, _) = send(&app, get("/")).await;
    assert!(dashboard.contains(r#"<a href="/files">Bring files in</a>"#));
}

#[tokio::test]
async fn an_upload_without_the_token_or_over_its_cap_is_refused() {
    let (shelf, app) = served();
    let card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n";
    let forged = upload_with(&"0".repeat(64), "/files/contacts", &[], "book.vcf", card);
    let (status, _, _) = send(&app, forged).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Over 32 MiB: refused before it is read whole.
    let big = vec![b'x'; 33 << 20];
    let (status, page, _) = up(&app, "/files/contacts", &[], "big.vcf", &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        page.contains("larger than 32 MiB, the most this page takes for a vCard file"),
        "{page}"
    );
    // A form elsewhere keeps the 64 KiB cap.
    let (status, _, _) = send(&app, post("/checkin", &"x".repeat(70 * 1024))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(shelf.unchanged());
}

#[tokio::test]
async fn a_vcard_is_imported_and_a_bad_one_writes_nothing() {
    let (shelf, app) = served();
    let bad = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.org\r\n";
    let (status, page, _) = up(&app, "/files/contacts", &[], "phone.vcf", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("phone.vcf: "), "{page}");
    assert!(page.contains("nothing was imported"), "{page}");
    assert!(shelf.unchanged());
    let not_utf8 = b"BEGIN:VCARD\r\nFN:Ren\xe9\r\nEND:VCARD\r\n";
    let (status, page, _) = up(&app, "/files/contacts", &[], "old.vcf", not_utf8).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("old.vcf: line 2, column 7: not valid UTF-8"),
        "{page}"
    );
    assert!(shelf.unchanged());
    let (status, page, _) = up(&app, "/files/contacts", &[], "", b"").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("choose a file first"), "{page}");

    let good = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Quinn\r\nORG:Acme;Research\r\nX-SOCIALPROFILE:x\r\nPHOTO:data:image/png;base64,AAAA\r\nEND:VCARD\r\n";
    let (status, page, _) = up(&app, "/files/contacts", &[], "phone.vcf", good.as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("Added 1 contact, updated 0 from phone.vcf"),
        "{page}"
    );
    assert!(page.contains("Not kept:"), "{page}");
    let s = shelf.snapshot();
    assert!(s.contacts.iter().any(|c| c.name == "Zoë Quinn"));
}

#[tokio::test]
async fn a_tracker_export_is_imported_once_and_a_bad_one_names_its_line() {
    let (shelf, app) = served();
    let toggl = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration\n\
                 Ann,a@x.org,,Work,,Deep work,No,2026-10-26,09:00:00,2026-10-26,12:30:00,03:30:00\n\
                 Ann,a@x.org,,Work,,Review,No,2026-10-26,13:00:00,2026-10-26,17:00:00,04:00:00\n";
    let fields = [("tracker", "toggl"), ("tz", "Europe/Berlin")];
    let before = shelf.snapshot().tracked.len();
    let bad = toggl.replace("13:00:00,2026", "1 pm,2026");
    let (status, page, _) = up(&app, "/files/hours", &fields, "toggl.csv", bad.as_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("toggl.csv: "), "{page}");
    assert!(page.contains("line 3"), "{page}");
    assert!(page.contains("nothing was imported"), "{page}");
    assert!(
        page.contains(r#"value="Europe/Berlin""#),
        "the zone typed is kept"
    );
    assert!(shelf.unchanged());
    let wrong_zone = [("tracker", "toggl"), ("tz", "Mars/Olympus")];
    let (status, page, _) = up(
        &app,
        "/files/hours",
        &wrong_zone,
        "toggl.csv",
        toggl.as_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("not a time zone this system knows"), "{page}");

    let (status, page, _) = up(&app, "/files/hours", &fields, "toggl.csv", toggl.as_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("Imported 2 intervals from toggl.csv (0 already known)"),
        "{page}"
    );
    assert_eq!(shelf.snapshot().tracked.len(), before + 2);
    let (_, page, _) = up(&app, "/files/hours", &fields, "toggl.csv", toggl.as_bytes()).await;
    assert!(
        page.contains("Imported 0 intervals from toggl.csv (2 already known)"),
        "{page}"
    );
    assert_eq!(shelf.snapshot().tracked.len(), before + 2);
}

/// The job page once the import is over.
async fn finished(app: &Shared, at: &str) -> (StatusCode, String) {
    for _ in 0..600 {
        let (status, page, _) = send(app, get(at)).await;
        if !page.contains("http-equiv=\"refresh\"") {
            return (status, page);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import at {at} did not finish");
}

fn postings(rows: usize) -> String {
    let mut csv = String::from("employer,title,date,text\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Employer {},Data Analyst,2026-09-{:02},\"SQL, Python and Excel; posting {i}\"\n",
            i % 40,
            i % 28 + 1
        ));
    }
    csv
}

#[tokio::test]
async fn postings_import_off_the_request_and_a_bad_row_refuses_the_file() {
    let (shelf, app) = served();
    let mut bad = postings(10);
    bad.push_str("Beta,Nurse,yesterday,patient care\n");
    let (status, _, headers) = up(&app, "/files/postings", &[], "jobs.csv", bad.as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let at = headers[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(at, job_address(&app, 1));
    let (status, page) = finished(&app, &at).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("jobs.csv: 1 of 11 rows cannot be used; nothing was imported"),
        "{page}"
    );
    assert!(
        page.contains("line 12: date:"),
        "the line and field: {page}"
    );
    assert!(
        page.contains("or tick &#34;Skip the bad rows&#34; to import the rest"),
        "{page}"
    );
    assert!(
        !page.contains("milemarker-upload-"),
        "names the upload, not where it was kept"
    );

    let (status, _, headers) = up(
        &app,
        "/files/postings",
        &[],
        "jobs.csv",
        postings(10_000).as_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let at = headers[header::LOCATION].to_str().unwrap().to_string();
    let (status, page) = finished(&app, &at).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("Imported 10,000 postings from jobs.csv."),
        "{page}"
    );
    let (_, files, _) = send(&app, get("/files")).await;
    assert!(
        files.contains(&format!(
            r#"<a href="{}">jobs.csv</a>: refused"#,
            job_address(&app, 1)
        )),
        "{files}"
    );
    assert!(
        files.contains(&format!(
            r#"<a href="{}">jobs.csv</a>: imported"#,
            job_address(&app, 2)
        )),
        "{files}"
    );
    // The bad file again, its bad row skipped when asked.
    let skip = [("skip_bad", "yes")];
    let (_, _, headers) = up(&app, "/files/postings", &skip, "jobs.csv", bad.as_bytes()).await;
    let (status, page) = finished(&app, headers[header::LOCATION].to_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("Imported 0 postings from jobs.csv (10 already imported, skipped)."),
        "{page}"
    );
    assert!(page.contains("Skipped 1 bad rows:"), "{page}");
    assert!(shelf.unchanged(), "the person's records are not touched");
    // An import this run did not start: one past the last, or one of a run before a restart.
    for lost in [
        job_address(&app, 9),
        "/files/postings/0badcafe-1".to_string(),
        "/files/postings/2".to_string(),
    ] {
        let (status, page, _) = send(&app, get(&lost)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{lost}");
        assert!(
            page.contains("This server does not know that import."),
            "{page}"
        );
        assert!(
            page.contains("The store holds 10,000 imported job postings from "),
            "what the store holds now: {page}"
        );
        assert!(page.contains("send the file again"), "{page}");
        assert!(!page.contains("http-equiv=\"refresh\""), "{page}");
    }
}

#[tokio::test]
async fn a_running_import_shows_how_far_it_has_come_and_refreshes_itself() {
    let (_shelf, app) = served();
    app.imports
        .lock()
        .unwrap()
        .push(std::sync::Arc::new(std::sync::Mutex::new(
            crate::state::ImportJob {
                name: "big.csv".into(),
                unit: "bytes".into(),
                total: 10_000_000,
                done: 4_096_000,
                rows: 8_192,
                outcome: None,
            },
        )));
    let (status, page, _) = send(&app, get(&job_address(&app, 1))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(r#"<meta http-equiv="refresh" content="1">"#),
        "{page}"
    );
    assert!(
        page.contains("8,192 rows read (40% of 10,000,000 bytes)"),
        "{page}"
    );
    let (_, files, _) = send(&app, get("/files")).await;
    assert!(
        files.contains("running: 8,192 rows read (40% of 10,000,000 bytes)"),
        "{files}"
    );
}

#[tokio::test]
async fn an_export_is_restored_once_confirmed_and_a_bad_one_writes_nothing() {
    let (shelf, app) = served();
    let document = milemarker_app::exchange::document(&example::person()).unwrap();
    let (status, page, _) = up(
        &app,
        "/files/restore",
        &[],
        "export.json",
        document.as_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("tick &#34;Replace all my records"), "{page}");
    assert!(shelf.unchanged());
    let confirm = [("confirm", "yes")];
    let broken = document.replacen(
        "\"boundary_hours\": 40.0",
        "\"boundary_hours\": \"lots\"",
        1,
    );
    assert_ne!(broken, document, "the document has the field");
    let (status, page, _) = up(
        &app,
        "/files/restore",
        &confirm,
        "export.json",
        broken.as_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("export.json:"), "{page}");
    assert!(
        page.contains("profile.boundary_hours"),
        "names the field: {page}"
    );
    assert!(shelf.unchanged());

    let (status, page, _) = up(
        &app,
        "/files/restore",
        &confirm,
        "export.json",
        document.as_bytes(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("imported "), "{page}");
    assert!(page.contains(" from export.json"), "{page}");
    assert_eq!(shelf.snapshot(), example::person());
}
