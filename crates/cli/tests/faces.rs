//! One review, four faces: the terminal, Markdown, the HTML file and the web dashboard say the
//! same facts in the same words. Every sentence of the application's review document must be
//! found in each face, once each face's markup is taken away.

mod common;

use common::{Env, request, serve};
use milemarker_app::decide::decide_person;
use milemarker_app::present::{decision_document, review_document};
use milemarker_app::records::Db;
use milemarker_app::settings::Settings;

/// Runs of white space as one space, without backticks (code spans are markup).
fn words(text: &str) -> String {
    text.replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// HTML as its text: tags dropped (a block's tag parts words, an inline one does not), entities
/// read.
fn html_text(html: &str) -> String {
    const INLINE: [&str; 5] = ["code", "strong", "span", "a", "em"];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = rest[open + 1..open + close].trim_start_matches('/');
        let name = tag.split([' ', '>']).next().unwrap_or_default();
        if !INLINE.contains(&name) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    words(&out)
}

/// Markdown as its text: escapes and emphasis dropped.
fn markdown_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars.next().unwrap())
            }
            _ => out.push(c),
        }
    }
    let out = out
        .replace("**", "")
        .replace("\n  - _", "\n")
        .replace("_\n", "\n");
    words(&out)
}

#[test]
fn the_review_says_the_same_in_every_face() {
    let env = Env::new();
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    faces_agree(&env, 40);
}

/// A newcomer whose own words look like markup: each face prints them as written.
#[test]
fn a_newcomers_words_read_the_same_in_every_face() {
    let env = Env::new();
    env.run(&["profile", "set", "--name", "Sam *the* <b>PM</b> & `co`"]);
    env.run(&[
        "opportunity",
        "add",
        "--company",
        "A|B [Labs](http://x) & <i>",
        "--role",
        "# Lead_dev",
        "--source",
        "recruiter",
        "--date",
        "2026-10-01",
    ]);
    faces_agree(&env, 25);
}

fn faces_agree(env: &Env, at_least: usize) {
    let terminal = words(&env.run(&["review"]));
    let markdown = markdown_text(&env.run(&["review", "--format", "markdown"]));
    let file = html_text(&env.run(&["review", "--format", "html"]));
    let server = serve(env.dir.path(), &["--port", "0"]);
    let (status, page) = request(server.addr, "GET", "/", &server.addr.to_string(), "");
    assert_eq!(status, 200, "{page}");
    let dashboard = html_text(&page);

    // The document every face renders, made here from the same records.
    let mut db = Db::open(&env.db()).unwrap();
    let s = db.load().unwrap();
    let decision = decide_person(&s, None).ok();
    let settings = Settings {
        path: env.dir.path().join("config.toml"),
        file_exists: false,
        thresholds: Default::default(),
    };
    let day = jiff::civil::date(2026, 10, 28);
    let review =
        milemarker_app::review::build(&mut db, &s, &settings, day, decision.as_ref()).unwrap();
    let sentences: Vec<String> = review_document(&review)
        .sentences()
        .iter()
        .map(|s| words(s))
        .collect();
    assert!(sentences.len() > at_least, "a full review: {sentences:#?}");
    // The terminal shouts a fired state ("FIRED"): capitals are its emphasis, as bold is HTML's.
    let terminal = terminal.replace("FIRED", "fired");
    for (face, text) in [
        ("terminal", &terminal),
        ("markdown", &markdown),
        ("html file", &file),
        ("web dashboard", &dashboard),
    ] {
        let missing: Vec<&String> = sentences.iter().filter(|s| !text.contains(*s)).collect();
        assert!(missing.is_empty(), "{face} lacks {missing:#?}\n\n{text}");
    }
}

/// The decision: `milemarker decide` and the web's decision page say the same.
#[test]
fn the_decision_says_the_same_on_the_terminal_and_the_web() {
    let env = Env::new();
    env.run(&["demo", "--db", env.db().to_str().unwrap()]);
    let terminal = words(&env.run(&["decide"]));
    let server = serve(env.dir.path(), &["--port", "0"]);
    let (status, page) = request(
        server.addr,
        "GET",
        "/decision",
        &server.addr.to_string(),
        "",
    );
    assert_eq!(status, 200, "{page}");
    let web = html_text(&page);
    let s = Db::open(&env.db()).unwrap().load().unwrap();
    let (result, robustness) = decide_person(&s, None).unwrap();
    let sentences: Vec<String> = decision_document(&result, robustness.as_ref(), Some(&s))
        .sentences()
        .iter()
        .map(|s| words(s))
        .collect();
    assert!(sentences.len() > 30, "a full decision: {sentences:#?}");
    for (face, text) in [("terminal", &terminal), ("web", &web)] {
        let missing: Vec<&String> = sentences.iter().filter(|s| !text.contains(*s)).collect();
        assert!(missing.is_empty(), "{face} lacks {missing:#?}\n\n{text}");
    }
}
