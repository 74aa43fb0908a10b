//! The guided start's later steps: values put in order with buttons, compared two at a time with
//! the consistency ratio shown, or left unsure; a deal-breaker picked from a list; the first
//! check-in. Each step saves on its own and the page resumes where the records are.

use milemarker_core::career::Weighting;

use super::*;

/// A person who named three values, in this order.
async fn begun() -> (Shelf, Shared) {
    let shelf = Shelf::new(Snapshot::default());
    let session = shelf.session();
    let app = blocking(move || test_app(session));
    let values = with_token(
        &app,
        &[
            ("value1", "pay"),
            ("value2", "autonomy"),
            ("value3", "growth"),
        ],
    );
    let (status, _, _) = send(&app, post("/start/values", &values)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    (shelf, app)
}

fn order(shelf: &Shelf) -> Vec<String> {
    let mut values = shelf.snapshot().values;
    values.sort_by_key(|v| v.rank);
    values.into_iter().map(|v| v.id).collect()
}

#[tokio::test]
async fn values_are_put_in_order_with_buttons() {
    let (shelf, app) = begun().await;
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(
        page.contains(r#"aria-label="Move growth up">↑ up</button>"#),
        "{page}"
    );
    assert!(
        !page.contains(r#"aria-label="Move pay up""#),
        "the first has no up"
    );
    let up = with_token(&app, &[("value", "growth"), ("place", "2")]);
    let (status, _, headers) = send(&app, post("/start/order", &up)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/start?saved=order#order-heading"
    );
    assert_eq!(order(&shelf), ["pay", "growth", "autonomy"]);
    let down = with_token(&app, &[("value", "pay"), ("place", "2")]);
    send(&app, post("/start/order", &down)).await;
    assert_eq!(order(&shelf), ["growth", "pay", "autonomy"]);
    let (_, page, _) = send(&app, get("/start?saved=order")).await;
    assert!(page.contains("Saved: the order of what matters to you."));
    assert!(
        page.contains("weigh what matters to you by your order"),
        "{page}"
    );
    // A value that is not one of theirs moves nothing.
    let gone = with_token(&app, &[("value", "fame"), ("place", "1")]);
    let before = shelf.snapshot();
    let (status, page, _) = send(&app, post("/start/order", &gone)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("no value &#34;fame&#34;"), "{page}");
    assert_eq!(shelf.snapshot(), before);
    // Without the token, nothing.
    let (status, _, _) = send(&app, post("/start/order", "value=pay&place=3")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_the_start_page_runs_a_script_its_own_drag_to_rank_over_the_buttons() {
    let (_shelf, app) = begun().await;
    let (status, page, headers) = send(&app, get("/start")).await;
    assert_eq!(status, StatusCode::OK);
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.starts_with("script-src 'self'; default-src 'none';"),
        "{csp}"
    );
    assert!(
        page.contains(r#"<script src="/start/rank.js" defer></script>"#),
        "{page}"
    );
    // The buttons stay: without the script they are the whole of it.
    assert!(
        page.contains(r#"<li data-value="autonomy" data-place="2"><span>autonomy</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"aria-label="Move autonomy up">↑ up</button>"#),
        "{page}"
    );
    assert!(page.contains(r#"<p id="order-drag" hidden>"#), "{page}");
    let (status, script, headers) = send(&app, get("/start/rank.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert!(script.contains("form.submit()"), "{script}");
    for other in ["/", "/checkin", "/records", "/start/rank.js"] {
        let (_, _, headers) = send(&app, get(other)).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with("default-src 'none';"), "{other}: {csp}");
        assert!(!csp.contains("script-src"), "{other}: {csp}");
    }
}

#[tokio::test]
async fn values_are_compared_in_pairs_with_the_consistency_ratio_shown() {
    let (shelf, app) = begun().await;
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(page.contains("Pair 1 of 3"), "{page}");
    assert!(page.contains("<legend>pay or autonomy?</legend>"), "{page}");
    assert!(page.contains("pay matters strongly more (5)"), "{page}");
    let pair = |a: &str, b: &str, answer: &str| {
        with_token(
            &app,
            &[("a", a), ("b", b), ("answer", answer), ("number", "1")],
        )
    };
    // No answer chosen: asked again, nothing saved.
    let (status, page, _) = send(&app, post("/start/pair", &pair("pay", "autonomy", ""))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("choose how the two compare"), "{page}");
    assert!(shelf.snapshot().value_judgements.is_empty());
    // pay strongly more than autonomy (5).
    let (status, _, headers) = send(&app, post("/start/pair", &pair("pay", "autonomy", "2"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/start?saved=pair#pairs-heading");
    let s = shelf.snapshot();
    assert_eq!(s.value_judgements.len(), 1);
    assert_eq!(
        s.settings.weighting,
        Weighting::Rank,
        "not pairwise until every pair is in"
    );
    let (_, page, _) = send(&app, get("/start?saved=pair")).await;
    assert!(
        page.contains("Pair 2 of 3"),
        "resumes at the next pair: {page}"
    );
    assert!(
        page.contains("1 of 3 pairs compared.")
            && page.contains("weights so far: pay 83%, autonomy 17% (growth not compared yet)"),
        "says what is known so far: {page}"
    );
    // pay moderately more than growth (3); autonomy equal to growth (1): inconsistent a little.
    send(&app, post("/start/pair", &pair("pay", "growth", "3"))).await;
    send(&app, post("/start/pair", &pair("autonomy", "growth", "4"))).await;
    let s = shelf.snapshot();
    assert_eq!(s.value_judgements.len(), 3);
    assert_eq!(s.settings.weighting, Weighting::Ahp);
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(page.contains("consistency ratio 0.0"), "{page}");
    assert!(
        page.contains("weights from your comparisons: pay"),
        "{page}"
    );
    assert!(
        page.contains("weigh what matters to you by your comparisons"),
        "{page}"
    );
    // A pair can be asked again by its number.
    let (_, page, _) = send(&app, get("/start?pair=1")).await;
    assert!(page.contains("Pair 1 of 3 (answered"), "{page}");
}

#[tokio::test]
async fn each_pair_answered_shows_the_weights_and_the_consistency_so_far() {
    let (shelf, app) = begun().await;
    let more = with_token(
        &app,
        &[
            ("value1", "pay"),
            ("value2", "autonomy"),
            ("value3", "growth"),
            ("value4", "family"),
        ],
    );
    send(&app, post("/start/values", &more)).await;
    assert_eq!(shelf.snapshot().values.len(), 4);
    let answer = |a: &str, b: &str, answer: &str| {
        let form = with_token(&app, &[("a", a), ("b", b), ("answer", answer)]);
        let app = app.clone();
        async move {
            let (status, page, _) = send(&app, post("/start/pair", &form)).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
            send(&app, get("/start?saved=pair")).await.1
        }
    };
    // pay moderately more than each of the others (3): a star, nothing to contradict yet.
    let page = answer("pay", "autonomy", "3").await;
    assert!(page.contains("1 of 6 pairs compared."), "{page}");
    assert!(
        page.contains("weights so far: pay 75%, autonomy 25% (growth, family not compared yet)"),
        "{page}"
    );
    assert!(page.contains("consistency ratio: not yet"), "{page}");
    answer("pay", "growth", "3").await;
    let page = answer("pay", "family", "3").await;
    assert!(page.contains("3 of 6 pairs compared."), "{page}");
    assert!(page.contains("weights so far: pay 50%"), "{page}");
    assert!(page.contains("consistency ratio: not yet"), "{page}");
    // autonomy as much as growth closes a loop that agrees: consistent so far.
    let page = answer("autonomy", "growth", "4").await;
    assert!(page.contains("4 of 6 pairs compared."), "{page}");
    assert!(
        page.contains("consistency ratio so far 0.000 (consistent)"),
        "{page}"
    );
    // Answered again, autonomy extremely more than growth (9): the loop contradicts itself.
    let page = answer("autonomy", "growth", "0").await;
    assert!(page.contains("4 of 6 pairs compared."), "{page}");
    assert!(
        page.contains("consistency ratio so far 0.") && page.contains("conflicts most"),
        "{page}"
    );
    assert!(
        page.contains("you said pay matters moderately more (3)"),
        "{page}"
    );
    assert_eq!(
        shelf.snapshot().settings.weighting,
        Weighting::Rank,
        "the ranking weighs until every pair is in"
    );
}

#[tokio::test]
async fn not_sure_leaves_the_weights_to_the_decision() {
    let (shelf, app) = begun().await;
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(
        page.contains("I&#39;m not sure how they weigh")
            || page.contains("I'm not sure how they weigh"),
        "{page}"
    );
    let (status, _, _) = send(&app, post("/start/unsure", &with_token(&app, &[]))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(shelf.snapshot().settings.weighting, Weighting::Unsure);
    assert_eq!(
        order(&shelf),
        ["pay", "autonomy", "growth"],
        "the order stays"
    );
    let (_, page, _) = send(&app, get("/start?saved=unsure")).await;
    assert!(page.contains("You are not sure how they weigh"), "{page}");
}

#[tokio::test]
async fn a_deal_breaker_is_picked_from_the_values_and_facts() {
    let (shelf, app) = begun().await;
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(
        page.contains(r#"<option value="autonomy">autonomy (its score, 1 to 10)</option>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="hours_per_week">hours_per_week</option>"#),
        "{page}"
    );
    let rule = |attribute: &str, op: &str, threshold: &str| {
        with_token(
            &app,
            &[
                ("attribute", attribute),
                ("op", op),
                ("threshold", threshold),
            ],
        )
    };
    let (status, page, _) = send(&app, post("/start/rule", &rule("autonomy", ">=", "lots"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains(r#"id="threshold-error">&#34;lots&#34; is not a number, e.g. 5"#),
        "{page}"
    );
    assert!(shelf.snapshot().dealbreakers.is_empty());
    let (status, page, _) = send(&app, post("/start/rule", &rule("autonomy", ">=", "6"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let (status, _, _) = send(
        &app,
        post("/start/rule", &rule("hours_per_week", "<=", "45")),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let rules: Vec<String> = shelf
        .snapshot()
        .dealbreakers
        .iter()
        .map(|d| format!("{} {} {}", d.attribute, d.op.as_str(), d.value))
        .collect();
    assert_eq!(rules, ["autonomy >= 6", "hours_per_week <= 45"]);
    // The same again is refused by the app: it exists already.
    let (status, page, _) = send(&app, post("/start/rule", &rule("autonomy", ">=", "4"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("exists already"), "{page}");
    assert_eq!(shelf.snapshot().dealbreakers.len(), 2);
}

#[tokio::test]
async fn the_first_check_in_is_the_last_step() {
    let (shelf, app) = begun().await;
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(page.contains("6. Your first check-in"), "{page}");
    assert!(
        page.contains(r#"name="week" value="2026-W44""#),
        "this week: {page}"
    );
    let checkin = |hours: &str| {
        with_token(
            &app,
            &[
                ("week", "2026-W44"),
                ("hours", hours),
                ("evenings", "1"),
                ("weekend_days", "0"),
                ("energy", "4"),
                ("satisfaction", "3"),
            ],
        )
    };
    let (status, page, _) = send(&app, post("/start/checkin", &checkin("200"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The path's form has an "hours" field too: the check-in's is named apart on the page.
    assert!(page.contains(r#"id="checkin-hours-error""#), "{page}");
    assert!(shelf.snapshot().checkins.is_empty());
    let (status, _, headers) = send(&app, post("/start/checkin", &checkin("42"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/start?saved=first-checkin#checkin-heading"
    );
    assert_eq!(shelf.snapshot().checkins[0].hours, 42.0);
    let (_, page, _) = send(&app, get("/start")).await;
    assert!(
        page.contains("2026-W44 is checked in (42 hours)"),
        "resumes: {page}"
    );
    // Sent again (another tab): it never replaces the week's check-in.
    let (status, page, _) = send(&app, post("/start/checkin", &checkin("50"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("is checked in already"), "{page}");
    assert_eq!(shelf.snapshot().checkins[0].hours, 42.0);
}
