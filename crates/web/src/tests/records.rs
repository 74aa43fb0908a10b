//! Every record, every verb: each kind added, changed and removed (after its confirmation) in the
//! browser, and an invalid form that writes nothing.

use super::*;

/// One kind's walk: the forms it posts and what the records must then say.
struct Walk<'a> {
    kind: &'a str,
    /// A form refused beside `bad_field`, writing nothing.
    bad: &'a [(&'a str, &'a str)],
    bad_field: &'a str,
    add: &'a [(&'a str, &'a str)],
    added: fn(&Snapshot) -> bool,
    /// The id the added record has in the forms.
    id: &'a str,
    edit: &'a [(&'a str, &'a str)],
    edited: fn(&Snapshot) -> bool,
    /// What the confirmation says goes with it.
    goes: &'a str,
    removed: fn(&Snapshot) -> bool,
}

/// The value of the hidden input `name` on a page.
fn hidden(page: &str, name: &str) -> String {
    let at = format!(r#"name="{name}" value=""#);
    let start = page
        .find(&at)
        .unwrap_or_else(|| panic!("no {name}: {page}"))
        + at.len();
    page[start..].split('"').next().unwrap().to_string()
}

async fn walk(shelf: &Shelf, app: &Shared, w: Walk<'_>) {
    let base = format!("/records/{}", w.kind);
    let (status, page, _) = send(app, get(&base)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.len() < 100_000, "a page under 100 KB");

    let before = shelf.snapshot();
    let (status, page, _) = send(app, post(&base, &with_token(app, w.bad))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let beside = format!(r#"id="{}-error""#, w.bad_field);
    assert!(page.contains(&beside), "{beside}: {page}");
    assert_eq!(shelf.snapshot(), before, "a refused form writes nothing");

    let (status, page, headers) = send(app, post(&base, &with_token(app, w.add))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert_eq!(headers[header::LOCATION], format!("{base}?saved=added"));
    assert!((w.added)(&shelf.snapshot()), "added");

    let (status, page, _) = send(app, get(&format!("{base}/edit?id={}", percent(w.id)))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let shown = hidden(&page, "shown");
    let mut edit = vec![("id", w.id), ("shown", shown.as_str())];
    edit.extend_from_slice(w.edit);
    let (status, page, _) = send(app, post(&format!("{base}/edit"), &with_token(app, &edit))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert!((w.edited)(&shelf.snapshot()), "edited");
    // The same form again carries the record as it was: refused, not applied unseen.
    let now = shelf.snapshot();
    let (status, page, _) = send(app, post(&format!("{base}/edit"), &with_token(app, &edit))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("changed elsewhere"), "{page}");
    assert_eq!(shelf.snapshot(), now);

    let remove = format!("{base}/remove");
    let (status, page, _) = send(app, post(&remove, &with_token(app, &[("id", w.id)]))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(w.goes), "{}: {page}", w.goes);
    assert!(page.contains(r#"name="confirm" value="yes""#), "{page}");
    assert_eq!(shelf.snapshot(), now, "asking removes nothing");
    let sure = with_token(app, &[("id", w.id), ("confirm", "yes")]);
    let (status, page, headers) = send(app, post(&remove, &sure)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert_eq!(headers[header::LOCATION], format!("{base}?saved=removed"));
    assert!((w.removed)(&shelf.snapshot()), "removed");
    let (status, _, _) = send(app, post(&remove, &sure)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a second removal finds nothing"
    );
}

fn option<'a>(s: &'a Snapshot, id: &str) -> Option<&'a milemarker_core::career::CareerOption> {
    s.options.iter().find(|o| o.id == id)
}

#[tokio::test]
async fn a_path_with_its_facts_scores_and_income_is_added_changed_and_removed() {
    let (shelf, app) = served();
    let walk_options = Walk {
        kind: "options",
        bad: &[
            ("name", "Go freelance"),
            ("kind", "leave"),
            ("score-pay", "11"),
        ],
        bad_field: "score-pay",
        add: &[
            ("name", "Go freelance"),
            ("kind", "leave"),
            ("net_income", "3500"),
            ("attributes", "hours_per_week=38\nremote_days=5"),
            ("score-pay", "4"),
            ("later-pay", "7"),
            ("score-autonomy", "9"),
        ],
        added: |s| {
            option(s, "go-freelance").is_some_and(|o| {
                o.scores.get("pay") == Some(&4.0)
                    && o.scores_horizon.get("pay") == Some(&7.0)
                    && o.net_income == Some(3500.0)
                    && o.attributes.len() == 2
            })
        },
        id: "go-freelance",
        edit: &[
            ("name", "Go freelance, part-time"),
            ("kind", "part-time"),
            ("attributes", "hours_per_week=25"),
            ("score-pay", "3"),
            ("score-autonomy", "9"),
        ],
        edited: |s| {
            option(s, "go-freelance").is_some_and(|o| {
                o.name == "Go freelance, part-time"
                    && o.scores.get("pay") == Some(&3.0)
                    && o.scores_horizon.is_empty()
                    && o.net_income.is_none()
                    && o.attributes.len() == 1
            })
        },
        goes: "its 2 scores",
        removed: |s| option(s, "go-freelance").is_none(),
    };
    walk(&shelf, &app, walk_options).await;
    // A request need not keep to the form's maxlength; the server refuses it beside its field.
    let long = "x".repeat(milemarker_core::limits::TEXT + 1);
    let form = with_token(&app, &[("name", &long), ("kind", "stay")]);
    let before = shelf.snapshot();
    let (status, page, _) = send(&app, post("/records/options", &form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="name-error">2001 characters is too long"#),
        "{page}"
    );
    assert_eq!(shelf.snapshot(), before);
    let (_, page, _) = send(&app, get("/records/options/edit?id=stay")).await;
    assert!(page.contains("hours_per_week=55"), "{page}");
    assert!(
        page.contains(
            r#"<a href="/records/risks/edit?id=stay%3Aburnout">risk: burnout (a fact)</a>"#
        ),
        "its risks are a link away: {page}"
    );
}

#[tokio::test]
async fn a_risk_is_added_changed_and_removed() {
    let (shelf, app) = served();
    let risks = |s: &Snapshot, id: &str| option(s, id).map_or(0, |o| o.risks.len());
    let walk_risks = Walk {
        kind: "risks",
        bad: &[
            ("option", "stay"),
            ("name", "boredom"),
            ("kind", "fear"),
            ("probability", "0"),
        ],
        bad_field: "probability",
        add: &[
            ("option", "stay"),
            ("name", "boredom: same work again"),
            ("kind", "fear"),
            ("probability", "5"),
            ("seriousness", "4"),
        ],
        added: |s| {
            option(s, "stay").is_some_and(|o| o.risks.iter().any(|r| r.name.starts_with("boredom")))
        },
        id: "stay:boredom: same work again",
        edit: &[
            ("option", "stay"),
            ("name", "boredom: same work again"),
            ("kind", "fact"),
            ("probability", "8"),
            ("seriousness", "4"),
        ],
        edited: |s| {
            option(s, "stay").is_some_and(|o| {
                o.risks.iter().any(|r| {
                    r.probability == 8.0
                        && r.kind == milemarker_core::decision::document::RiskKind::Fact
                })
            })
        },
        goes: "Nothing else goes with it",
        removed: |s| option(s, "stay").is_some_and(|o| o.risks.len() == 2),
    };
    walk(&shelf, &app, walk_risks).await;
    assert_eq!(risks(&shelf.snapshot(), "stay"), 2);
}

#[tokio::test]
async fn a_value_is_added_in_its_place_reweighted_and_removed_with_its_scores() {
    let (shelf, app) = served();
    let walk_values = Walk {
        kind: "values",
        bad: &[("name", "  "), ("weight", "8")],
        bad_field: "name",
        add: &[("name", "Creativity"), ("rank", "2"), ("weight", "6")],
        added: |s| {
            s.values
                .iter()
                .any(|v| v.id == "creativity" && v.weight == Some(6.0))
        },
        id: "creativity",
        edit: &[("name", "creativity"), ("rank", "1"), ("weight", "9")],
        edited: |s| {
            s.values.iter().any(|v| {
                v.id == "creativity" && v.weight == Some(9.0) && v.rank.is_none_or(|r| r == 1)
            })
        },
        goes: "its scores on 0 paths",
        removed: |s| !s.values.iter().any(|v| v.id == "creativity"),
    };
    walk(&shelf, &app, walk_values).await;
    // A value renamed keeps its scores on every path.
    let (_, page, _) = send(&app, get("/records/values/edit?id=pay")).await;
    let shown = hidden(&page, "shown");
    let form = [("id", "pay"), ("shown", shown.as_str()), ("name", "Money")];
    let (status, page, _) =
        send(&app, post("/records/values/edit", &with_token(&app, &form))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let s = shelf.snapshot();
    assert!(s.values.iter().any(|v| v.id == "money") && !s.values.iter().any(|v| v.id == "pay"));
    assert_eq!(option(&s, "stay").unwrap().scores.get("money"), Some(&9.0));
    // Removing a value takes its scores from every path.
    let (_, page, _) = send(
        &app,
        post(
            "/records/values/remove",
            &with_token(&app, &[("id", "money")]),
        ),
    )
    .await;
    assert!(page.contains("its scores on 3 paths"), "{page}");
}

#[tokio::test]
async fn a_deal_breaker_is_added_changed_and_removed() {
    let (shelf, app) = served();
    let walk_rules = Walk {
        kind: "dealbreakers",
        bad: &[("rule", "remote_days")],
        bad_field: "rule",
        add: &[("rule", "remote_days >= 2"), ("note", "school runs")],
        added: |s| s.dealbreakers.iter().any(|d| d.id == "remote-days"),
        id: "remote-days",
        edit: &[
            ("rule", "remote_days >= 3"),
            ("id", "remote-days"),
            ("note", ""),
        ],
        edited: |s| {
            s.dealbreakers.iter().any(|d| {
                d.id == "remote-days" && d.value.as_number() == Some(3.0) && d.note.is_none()
            })
        },
        goes: "Nothing else goes with it",
        removed: |s| !s.dealbreakers.iter().any(|d| d.id == "remote-days"),
    };
    walk(&shelf, &app, walk_rules).await;
}

#[tokio::test]
async fn a_task_is_added_changed_and_removed() {
    let (shelf, app) = served();
    let walk_tasks = Walk {
        kind: "tasks",
        bad: &[
            ("name", "Hiring loops"),
            ("hours", "200"),
            ("energy", "0"),
            ("fit", "3"),
        ],
        bad_field: "hours",
        add: &[
            ("name", "Hiring loops"),
            ("hours", "4"),
            ("energy", "-1"),
            ("fit", "3"),
        ],
        added: |s| {
            s.tasks
                .iter()
                .any(|t| t.id == "hiring-loops" && !t.delegable)
        },
        id: "hiring-loops",
        edit: &[
            ("name", "Hiring loops"),
            ("hours", "3"),
            ("energy", "-2"),
            ("fit", "2"),
            ("delegable", "yes"),
        ],
        edited: |s| {
            s.tasks
                .iter()
                .any(|t| t.id == "hiring-loops" && t.delegable && t.energy == -2)
        },
        goes: "past audits",
        removed: |s| !s.tasks.iter().any(|t| t.id == "hiring-loops"),
    };
    walk(&shelf, &app, walk_tasks).await;
}

#[tokio::test]
async fn finances_are_given_changed_and_cleared() {
    let shelf = Shelf::new(example::person_with_history(TODAY));
    shelf.edit(|s| s.finances = None);
    let session = shelf.session();
    let app = blocking(move || test_app(session));
    let walk_money = Walk {
        kind: "finances",
        bad: &[("monthly_expenses", "-5"), ("savings", "1000")],
        bad_field: "monthly_expenses",
        add: &[
            ("monthly_expenses", "4000"),
            ("savings", "30000"),
            ("other_income", "0"),
        ],
        added: |s| s.finances.as_ref().is_some_and(|f| f.savings == 30000.0),
        id: "yours",
        edit: &[
            ("monthly_expenses", "4200"),
            ("savings", "30000"),
            ("other_income", "500"),
        ],
        edited: |s| s.finances.as_ref().is_some_and(|f| f.other_income == 500.0),
        goes: "the runway of",
        removed: |s| s.finances.is_none(),
    };
    walk(&shelf, &app, walk_money).await;
}

#[tokio::test]
async fn the_profile_is_changed_in_place_and_cannot_be_removed() {
    let (shelf, app) = served();
    let (status, page, _) = send(&app, get("/records/profile")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Add your profile"), "{page}");
    assert!(!page.contains("Remove"), "{page}");
    let (_, page, _) = send(&app, get("/records/profile/edit?id=yours")).await;
    assert!(page.contains(r#"value="Alex Morgan""#), "{page}");
    let shown = hidden(&page, "shown");
    let form = |bonus: &str, currency: &str| {
        with_token(
            &app,
            &[
                ("id", "yours"),
                ("shown", shown.as_str()),
                ("name", "Alex Morgan"),
                ("occupation", "11-2021.00"),
                ("area", "national"),
                ("boundary", "42"),
                ("work_days", "5"),
                ("bonus", bonus),
                ("currency", currency),
                ("promotion_promised", "2026-12-01"),
            ],
        )
    };
    let before = shelf.snapshot();
    let (status, page, _) = send(
        &app,
        post("/records/profile/edit", &form("9000", "dollars")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains(r#"id="currency-error""#), "{page}");
    assert!(
        page.contains(r#"value="dollars""#),
        "the form keeps what was typed"
    );
    assert_eq!(shelf.snapshot(), before);
    let (status, page, _) = send(&app, post("/records/profile/edit", &form("9000", "eur"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let p = shelf.snapshot().profile;
    assert_eq!(
        (p.bonus, p.currency.as_str(), p.boundary_hours),
        (Some(9000.0), "EUR", 42.0)
    );
    assert_eq!(p.promotion_promised, Some(date(2026, 12, 1)));
    let ask = with_token(&app, &[("id", "yours")]);
    let (_, page, _) = send(&app, post("/records/profile/remove", &ask)).await;
    assert!(page.contains("there is always one"), "{page}");
    assert!(!page.contains(r#"name="confirm""#), "{page}");
    let (status, _, _) = send(
        &app,
        post(
            "/records/profile/remove",
            &with_token(&app, &[("id", "yours"), ("confirm", "yes")]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(shelf.snapshot().profile, p);
}

/// Posts the edit form of record `id` of `kind` with `fields`, as its page was shown.
async fn edit_as_shown(
    app: &Shared,
    kind: &str,
    id: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (_, page, _) = send(app, get(&format!("/records/{kind}/edit?id={id}"))).await;
    let shown = hidden(&page, "shown");
    let mut form = vec![("id", id), ("shown", shown.as_str())];
    form.extend_from_slice(fields);
    let edit = format!("/records/{kind}/edit");
    let (status, page, _) = send(app, post(&edit, &with_token(app, &form))).await;
    (status, page)
}

#[tokio::test]
async fn an_optional_number_emptied_on_an_edit_is_none_and_a_word_there_is_refused() {
    let (shelf, app) = served();
    assert_eq!(shelf.snapshot().profile.bonus, Some(8_000.0));
    let profile = |bonus: &'static str, pay: &'static str| {
        [
            ("name", "Alex Morgan"),
            ("occupation", "11-2021.00"),
            ("area", "national"),
            ("role_start", "2021-03-01"),
            ("last_promotion", ""),
            ("boundary", "40"),
            ("work_days", "5"),
            ("currency", "USD"),
            ("pay", pay),
            ("bonus", bonus),
            ("equity", ""),
        ]
    };
    let before = shelf.snapshot();
    let (status, page) = edit_as_shown(&app, "profile", "yours", &profile("", "lots")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(r#"id="pay-error""#), "{page}");
    assert!(page.contains("lots&#34; is not a number"), "{page}");
    assert_eq!(shelf.snapshot(), before, "a refused form writes nothing");
    let (status, page) = edit_as_shown(&app, "profile", "yours", &profile("", "120000")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let p = shelf.snapshot().profile;
    assert_eq!((p.pay, p.bonus, p.equity), (Some(120_000.0), None, None));
    assert_eq!(
        (p.last_promotion, p.role_start),
        (None, Some(date(2021, 3, 1)))
    );

    // An offer's bonus and deadline, emptied, are none; its base cannot be.
    let add = [
        ("opportunity", "2"),
        ("base", "130000"),
        ("bonus", "9000"),
        ("deadline", "2026-12-01"),
    ];
    let (status, page, _) = send(&app, post("/records/offers", &with_token(&app, &add))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let offer = |s: &Snapshot| s.offers.iter().find(|f| f.opportunity == 2).cloned();
    let terms = |bonus: &'static str, base: &'static str| {
        [
            ("opportunity", "2"),
            ("base", base),
            ("bonus", bonus),
            ("deadline", ""),
        ]
    };
    let before = shelf.snapshot();
    let (status, page) = edit_as_shown(&app, "offers", "2", &terms("ten", "130000")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(r#"id="bonus-error""#), "{page}");
    assert_eq!(shelf.snapshot(), before);
    let (status, page) = edit_as_shown(&app, "offers", "2", &terms("", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(r#"id="base-error""#), "{page}");
    assert_eq!(shelf.snapshot(), before);
    let (status, page) = edit_as_shown(&app, "offers", "2", &terms("", "130000")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let now = offer(&shelf.snapshot()).expect("kept");
    assert_eq!((now.base, now.bonus, now.deadline), (130_000.0, None, None));

    // A value's weight, emptied, is none: the value keeps its place in the ranking instead.
    let (status, page) = edit_as_shown(&app, "values", "growth", &[("name", "growth")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let s = shelf.snapshot();
    let growth = s.values.iter().find(|v| v.id == "growth").unwrap();
    assert_eq!(growth.weight, None);
    assert!(growth.rank.is_some(), "{growth:?}");

    // A contact's cadence and addresses, emptied, are none; a word for the cadence is refused.
    let contact = |cadence: &'static str| {
        [
            ("name", "Luis Ortega"),
            ("cadence", cadence),
            ("emails", ""),
        ]
    };
    let before = shelf.snapshot();
    let (status, page) = edit_as_shown(&app, "contacts", "luis-ortega", &contact("monthly")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(r#"id="cadence-error""#), "{page}");
    assert_eq!(shelf.snapshot(), before);
    let (status, page) = edit_as_shown(&app, "contacts", "luis-ortega", &contact("")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let s = shelf.snapshot();
    let luis = s.contacts.iter().find(|c| c.id == "luis-ortega").unwrap();
    assert_eq!((luis.cadence_days, luis.emails.len()), (None, 0));
}

#[tokio::test]
async fn the_records_are_reached_from_the_navigation() {
    let (_shelf, app) = served();
    let (_, page, _) = send(&app, get("/")).await;
    assert!(page.contains(r#"<a href="/records""#), "{page}");
    let (status, page, _) = send(&app, get("/records")).await;
    assert_eq!(status, StatusCode::OK);
    for kind in [
        "profile",
        "values",
        "dealbreakers",
        "options",
        "risks",
        "finances",
        "tasks",
    ] {
        assert!(
            page.contains(&format!(r#"href="/records/{kind}""#)),
            "{kind}: {page}"
        );
    }
    let (status, _, _) = send(&app, get("/records/options/edit?id=nothing")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_contact_is_added_changed_and_removed_with_their_conversations() {
    let (shelf, app) = served();
    let walk_contacts = Walk {
        kind: "contacts",
        bad: &[("name", ""), ("cadence", "often")],
        bad_field: "cadence",
        add: &[
            ("name", "Ines Duarte"),
            ("company", "Acme"),
            ("emails", "ines@example.org, i.duarte@example.org"),
            ("cadence", "30"),
        ],
        added: |s| {
            s.contacts
                .iter()
                .any(|c| c.id == "ines-duarte" && c.emails.len() == 2 && c.cadence_days == Some(30))
        },
        id: "ines-duarte",
        edit: &[
            ("name", "Inês Duarte"),
            ("company", ""),
            ("mentor", "yes"),
            ("cadence", "0"),
        ],
        edited: |s| {
            s.contacts.iter().any(|c| {
                c.id == "ines-duarte"
                    && c.name == "Inês Duarte"
                    && c.company.is_none()
                    && c.mentor
                    && c.cadence_days.is_none()
            })
        },
        goes: "0 logged conversations",
        removed: |s| !s.contacts.iter().any(|c| c.id == "ines-duarte"),
    };
    walk(&shelf, &app, walk_contacts).await;
    let ask = with_token(&app, &[("id", "dana-whitfield")]);
    let (_, page, _) = send(&app, post("/records/contacts/remove", &ask)).await;
    assert!(page.contains("1 logged conversation with them"), "{page}");
    let (_, page, _) = send(&app, get("/records/contacts/edit?id=dana-whitfield")).await;
    assert!(
        page.contains(r#"href="/records/conversations/edit?id=dana-whitfield%2F"#),
        "{page}"
    );
    // Someone an opportunity names cannot go: the confirmation says why, with no button.
    let ask = with_token(&app, &[("id", "mei-chen")]);
    let (_, page, _) = send(&app, post("/records/contacts/remove", &ask)).await;
    assert!(
        page.contains("It cannot be removed now: opportunity #"),
        "{page}"
    );
    assert!(!page.contains(r#"name="confirm""#), "{page}");
}

/// Dana's log of conversations.
fn dana(s: &Snapshot) -> &[milemarker_core::network::Interaction] {
    let dana = s.contacts.iter().find(|c| c.id == "dana-whitfield");
    &dana.expect("Dana is a contact").log
}

#[tokio::test]
async fn a_conversation_is_logged_changed_and_removed() {
    let (shelf, app) = served();
    let walk_log = Walk {
        kind: "conversations",
        bad: &[("contact", "dana-whitfield"), ("date", "2026-12-25")],
        bad_field: "date",
        add: &[
            ("contact", "dana-whitfield"),
            ("date", "2026-10-20"),
            ("note", "coffee"),
        ],
        added: |s| dana(s).len() == 2 && dana(s)[1].note.as_deref() == Some("coffee"),
        id: "dana-whitfield/2026-10-20/0",
        edit: &[
            ("contact", "dana-whitfield"),
            ("date", "2026-10-20"),
            ("note", "coffee and references"),
        ],
        edited: |s| dana(s)[1].note.as_deref() == Some("coffee and references"),
        goes: "Nothing else goes with it",
        removed: |s| dana(s).len() == 1,
    };
    walk(&shelf, &app, walk_log).await;
    assert_eq!(dana(&shelf.snapshot()), dana(&shelf.initial));
}

fn lead(s: &Snapshot, id: u32) -> Option<&milemarker_core::network::Opportunity> {
    s.opportunities.iter().find(|o| o.id == id)
}

#[tokio::test]
async fn an_opportunity_is_added_changed_and_removed_with_its_history() {
    let (shelf, app) = served();
    let walk_leads = Walk {
        kind: "opportunities",
        bad: &[
            ("company", "Acme"),
            ("role", "Staff engineer"),
            ("source", "recruiter"),
            ("link", "javascript:alert(1)"),
        ],
        bad_field: "link",
        add: &[
            ("company", "Acme"),
            ("role", "Staff engineer"),
            ("source", "referral"),
            ("contact", "dana-whitfield"),
            ("date", "2026-10-27"),
        ],
        added: |s| {
            lead(s, 5).is_some_and(|o| {
                o.contact.as_deref() == Some("dana-whitfield") && o.arrived() == date(2026, 10, 27)
            })
        },
        id: "5",
        edit: &[
            ("company", "Acme Inc"),
            ("role", "Staff engineer"),
            ("source", "referral"),
            ("contact", ""),
            ("date", "2026-10-26"),
            ("note", "hiring manager is Kim"),
        ],
        edited: |s| {
            lead(s, 5).is_some_and(|o| {
                o.company == "Acme Inc"
                    && o.contact.is_none()
                    && o.note.is_some()
                    && o.arrived() == date(2026, 10, 26)
            })
        },
        goes: "its history of 1 stage",
        removed: |s| lead(s, 5).is_none(),
    };
    walk(&shelf, &app, walk_leads).await;
    let (_, page, _) = send(&app, get("/records/opportunities")).await;
    assert!(page.contains("#2 "), "{page}");
    assert!(
        page.contains("offer 2026-10-16"),
        "the stage history: {page}"
    );
    let (_, page, _) = send(&app, get("/records/opportunities/edit?id=2")).await;
    let stage = r#"href="/records/stages/edit?id=2%2F3">stage: offer on 2026-10-16"#;
    assert!(page.contains(stage), "{page}");
}

#[tokio::test]
async fn an_offer_is_recorded_changed_removed_and_made_a_path() {
    let (shelf, app) = served();
    let new = with_token(
        &app,
        &[
            ("company", "Tailspin"),
            ("role", "Head of brand"),
            ("source", "recruiter"),
        ],
    );
    let (status, _, _) = send(&app, post("/records/opportunities", &new)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to_offer = with_token(&app, &[("id", "5"), ("stage", "offer")]);
    let (status, page, _) = send(&app, post("/opportunities/stage", &to_offer)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let offer = |s: &Snapshot| s.offers.iter().find(|f| f.opportunity == 5).cloned();
    let walk_offers = Walk {
        kind: "offers",
        bad: &[("opportunity", "5"), ("base", "lots")],
        bad_field: "base",
        add: &[
            ("opportunity", "5"),
            ("base", "130000"),
            ("deadline", "2026-11-15"),
        ],
        added: |s| {
            s.offers
                .iter()
                .any(|f| f.opportunity == 5 && f.base == 130_000.0)
        },
        id: "5",
        edit: &[
            ("opportunity", "5"),
            ("base", "135000"),
            ("bonus", "10000"),
            ("deadline", "2026-11-15"),
        ],
        edited: |s| {
            s.offers
                .iter()
                .any(|f| f.opportunity == 5 && f.yearly_total() == 145_000.0)
        },
        goes: "Nothing else goes with it",
        removed: |s| !s.offers.iter().any(|f| f.opportunity == 5),
    };
    walk(&shelf, &app, walk_offers).await;
    assert!(offer(&shelf.snapshot()).is_none());
    let again = with_token(&app, &[("opportunity", "5"), ("base", "140000")]);
    send(&app, post("/records/offers", &again)).await;
    let (_, page, _) = send(&app, get("/records/offers")).await;
    assert!(page.contains("Make it a path to weigh"), "{page}");
    let promote = with_token(&app, &[("id", "5")]);
    let (status, _, headers) = send(&app, post("/records/offers/promote", &promote)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/records/options?saved=promoted");
    let s = shelf.snapshot();
    let path = lead(&s, 5)
        .and_then(|o| o.option.clone())
        .expect("promoted");
    assert!(option(&s, &path).is_some(), "{path}");
}

#[tokio::test]
async fn a_season_is_started_changed_and_removed() {
    let (shelf, app) = served();
    let has = |s: &Snapshot, kind: &str| {
        s.seasons
            .iter()
            .any(|x| x.since == date(2026, 10, 1) && milemarker_core::text::word(&x.season) == kind)
    };
    let walk_seasons = Walk {
        kind: "seasons",
        bad: &[
            ("area", "career"),
            ("season", "monsoon"),
            ("since", "2026-10-01"),
        ],
        bad_field: "season",
        add: &[
            ("area", "career"),
            ("season", "winter"),
            ("since", "2026-10-01"),
        ],
        added: |s| s.seasons.iter().any(|x| x.since == date(2026, 10, 1)),
        id: "career/2026-10-01",
        edit: &[
            ("area", "career"),
            ("season", "spring"),
            ("since", "2026-10-01"),
        ],
        edited: |s| {
            s.seasons.iter().any(|x| {
                x.since == date(2026, 10, 1)
                    && x.season == milemarker_core::life::SeasonKind::Spring
            })
        },
        goes: "fall since",
        removed: |s| !s.seasons.iter().any(|x| x.since == date(2026, 10, 1)),
    };
    walk(&shelf, &app, walk_seasons).await;
    assert!(!has(&shelf.snapshot(), "spring"));
    assert_eq!(shelf.snapshot().seasons, shelf.initial.seasons);
}

#[tokio::test]
async fn a_win_is_logged_changed_and_removed() {
    let (shelf, app) = served();
    let next = shelf
        .initial
        .achievements
        .iter()
        .map(|w| w.id)
        .max()
        .unwrap()
        + 1;
    let id = next.to_string();
    let win = |s: &Snapshot| s.achievements.iter().max_by_key(|w| w.id).cloned().unwrap();
    let walk_wins = Walk {
        kind: "wins",
        bad: &[
            ("title", ""),
            ("date", "2026-10-20"),
            ("visibility", "team"),
            ("section", "projects"),
        ],
        bad_field: "title",
        add: &[
            ("title", "Ran the Q3 launch"),
            ("date", "2026-10-20"),
            ("visibility", "team"),
            ("section", "projects"),
        ],
        added: |s| {
            s.achievements
                .iter()
                .any(|w| w.title == "Ran the Q3 launch")
        },
        id: &id,
        edit: &[
            ("title", "Ran the Q3 launch, on time"),
            ("date", "2026-10-21"),
            ("visibility", "company"),
            ("section", "projects"),
            ("impact", "signups up 12%"),
        ],
        edited: |s| {
            s.achievements
                .iter()
                .any(|w| w.title == "Ran the Q3 launch, on time" && w.impact.is_some())
        },
        goes: "Nothing else goes with it",
        removed: |s| {
            !s.achievements
                .iter()
                .any(|w| w.title.starts_with("Ran the Q3"))
        },
    };
    walk(&shelf, &app, walk_wins).await;
    assert_ne!(win(&shelf.snapshot()).id, next);
    let (_, page, _) = send(&app, get("/wins")).await;
    assert!(page.contains(r#"href="/records/wins/edit?id="#), "{page}");
}

#[tokio::test]
async fn a_skill_is_found_by_name_chosen_among_several_leveled_and_removed() {
    let (shelf, app) = served();
    let held = |s: &Snapshot| s.skills.len();
    let before = held(&shelf.initial);
    // A name that fits several skills asks which, and writes nothing until one is chosen.
    let (status, page, _) = send(
        &app,
        post(
            "/records/skills",
            &with_token(&app, &[("name", "management")]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(r#"id="pick-error""#), "{page}");
    assert!(page.contains(r#"<select id="pick""#), "{page}");
    assert_eq!(held(&shelf.snapshot()), before);
    let pick = hidden_option(&page);
    let (status, page, _) = send(
        &app,
        post(
            "/records/skills",
            &with_token(&app, &[("name", "management"), ("pick", &pick)]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    assert!(shelf.snapshot().skills.iter().any(|k| k.id == pick));

    const SQL: &str = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742";
    fn level(s: &Snapshot) -> Option<Option<milemarker_core::skills::Level>> {
        s.skills.iter().find(|k| k.id == SQL).map(|k| k.level)
    }
    // The example person holds SQL: it is added again here.
    shelf.edit(|s| s.skills.retain(|k| k.id != SQL));
    let walk_skills = Walk {
        kind: "skills",
        bad: &[("name", "zzzz qqqq"), ("level", "expert")],
        bad_field: "name",
        add: &[("name", "SQL"), ("level", "competent")],
        added: |s| level(s) == Some(Some(milemarker_core::skills::Level::Competent)),
        id: SQL,
        edit: &[("name", SQL), ("level", "expert")],
        edited: |s| level(s) == Some(Some(milemarker_core::skills::Level::Expert)),
        goes: "Nothing else goes with it",
        removed: |s| level(s).is_none(),
    };
    walk(&shelf, &app, walk_skills).await;
    // Its form names it by its label, where the label names it alone.
    send(
        &app,
        post("/records/skills", &with_token(&app, &[("name", "SQL")])),
    )
    .await;
    let (_, page, _) = send(
        &app,
        get(&format!("/records/skills/edit?id={}", percent(SQL))),
    )
    .await;
    assert!(
        page.contains(r#"name="name" type="text" value="SQL""#),
        "{page}"
    );
}

/// The first choice of the select named pick.
fn hidden_option(page: &str) -> String {
    let at = page.find(r#"<select id="pick""#).unwrap();
    let rest = &page[at..];
    let start = rest.find(r#"<option value=""#).unwrap() + r#"<option value=""#.len();
    rest[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
}

#[tokio::test]
async fn a_stage_is_added_redated_and_taken_back() {
    let (shelf, app) = served();
    // Lead #4 was new 9 days ago and applied 6 days ago (2026-10-22).
    let stages = |s: &Snapshot| lead(s, 4).unwrap().history.clone();
    let walk_stages = Walk {
        kind: "stages",
        bad: &[
            ("opportunity", "4"),
            ("stage", "hired"),
            ("date", "2026-10-26"),
        ],
        bad_field: "stage",
        add: &[
            ("opportunity", "4"),
            ("stage", "interviewing"),
            ("date", "2026-10-26"),
        ],
        added: |s| lead(s, 4).unwrap().stage() == milemarker_core::network::Stage::Interviewing,
        id: "4/2",
        edit: &[
            ("opportunity", "4"),
            ("stage", "interviewing"),
            ("date", "2026-10-27"),
        ],
        edited: |s| lead(s, 4).unwrap().since() == date(2026, 10, 27),
        goes: "Nothing else goes with it",
        removed: |s| lead(s, 4).unwrap().history.len() == 2,
    };
    walk(&shelf, &app, walk_stages).await;
    assert_eq!(stages(&shelf.snapshot()), stages(&shelf.initial));
    // A date before the stage it follows is refused, and says why.
    let early = [
        ("opportunity", "4"),
        ("stage", "interviewing"),
        ("date", "2026-10-01"),
    ];
    let (status, page, _) = send(&app, post("/records/stages", &with_token(&app, &early))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("before it became applied on 2026-10-22; nothing changed</p>"),
        "{page}"
    );
    let ask = with_token(&app, &[("id", "4/0")]);
    let (_, page, _) = send(&app, post("/records/stages/remove", &ask)).await;
    assert!(page.contains("keeps the day it arrived"), "{page}");
}
