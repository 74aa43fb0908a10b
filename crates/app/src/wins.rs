//! Achievements, logged in seconds (003: "document your achievements and contributions").

use anyhow::{Result, bail};
use jiff::civil::Date;
use milemarker_core::career::{Snapshot, next_number};
use milemarker_core::evidence::{Achievement, BragSection, Visibility};

/// A win to log; what is `None` takes its default (today, seen by the team, under projects).
#[derive(Debug, Clone)]
pub struct NewWin {
    pub title: String,
    pub impact: Option<String>,
    pub visibility: Option<Visibility>,
    pub section: Option<BragSection>,
    pub skills: Vec<String>,
    pub date: Option<Date>,
    pub link: Option<String>,
}

/// The win's title, trimmed; a win without one is refused, with an example.
pub fn title(given: Option<String>) -> Result<String> {
    match given {
        Some(title) => Ok(title.trim().to_string()),
        None => bail!(
            "say what you did: `milemarker win \"Shipped the billing migration\" --impact \"...\"`"
        ),
    }
}

/// Logs a win under the next number; returns it as logged.
pub fn add(s: &mut Snapshot, new: NewWin, today: Date) -> Result<Achievement> {
    let win = Achievement {
        id: next_number(s.achievements.iter().map(|w| w.id)),
        date: new.date.unwrap_or(today),
        title: new.title,
        impact: new.impact.filter(|i| !i.trim().is_empty()),
        visibility: new.visibility.unwrap_or(Visibility::Team),
        section: new.section.unwrap_or(BragSection::Projects),
        skills: new.skills.iter().map(|k| k.trim().to_string()).collect(),
        link: new.link,
    };
    win.validate(Some(today))
        .map_err(|m| anyhow::anyhow!("{m}; nothing was logged"))?;
    s.achievements.push(win.clone());
    Ok(win)
}

/// Changes win `id` to what `now` says, keeping its number; what is `None` takes its default, as
/// when it was logged. Refused, nothing changed, when the changed win does not validate.
pub fn edit(s: &mut Snapshot, id: u32, now: NewWin, today: Date) -> Result<Achievement> {
    let Some(at) = s.achievements.iter().position(|w| w.id == id) else {
        bail!("no win #{id}; `milemarker win list` shows their numbers");
    };
    let win = Achievement {
        id,
        date: now.date.unwrap_or(s.achievements[at].date),
        title: now.title.trim().to_string(),
        impact: now.impact.filter(|i| !i.trim().is_empty()),
        visibility: now.visibility.unwrap_or(Visibility::Team),
        section: now.section.unwrap_or(BragSection::Projects),
        skills: now.skills.iter().map(|k| k.trim().to_string()).collect(),
        link: now.link.filter(|l| !l.trim().is_empty()),
    };
    win.validate(Some(today))
        .map_err(|m| anyhow::anyhow!("{m}; nothing was changed"))?;
    s.achievements[at] = win.clone();
    Ok(win)
}

pub fn remove(s: &mut Snapshot, id: u32) -> Result<()> {
    let before = s.achievements.len();
    s.achievements.retain(|w| w.id != id);
    if s.achievements.len() == before {
        bail!("no win #{id}; `milemarker win list` shows their numbers");
    }
    Ok(())
}

/// The wins from `from` to `to` (each end open when `None`), newest first.
pub fn listed(s: &Snapshot, from: Option<Date>, to: Option<Date>) -> Vec<&Achievement> {
    let mut wins: Vec<&Achievement> = s
        .achievements
        .iter()
        .filter(|w| from.is_none_or(|d| w.date >= d) && to.is_none_or(|d| w.date <= d))
        .collect();
    wins.sort_by_key(|w| std::cmp::Reverse((w.date, w.id)));
    wins
}

#[cfg(test)]
mod tests {
    use super::*;

    fn win(title: &str, date: Option<Date>) -> NewWin {
        NewWin {
            title: title.into(),
            impact: Some(" ".into()),
            visibility: None,
            section: None,
            skills: vec![" rust ".into()],
            date,
            link: None,
        }
    }

    #[test]
    fn a_win_is_changed_under_its_number_and_a_bad_change_is_refused() {
        let mut s = Snapshot::default();
        let today = Date::constant(2026, 11, 20);
        add(&mut s, win("Shipped", None), today).unwrap();
        let changed = edit(&mut s, 1, win("Shipped billing v2", None), today).unwrap();
        assert_eq!(
            (changed.id, changed.title.as_str()),
            (1, "Shipped billing v2")
        );
        assert_eq!(
            s.achievements[0].date, today,
            "the date stays when not given"
        );
        let before = s.clone();
        let later = Date::constant(2027, 1, 1);
        assert!(edit(&mut s, 1, win("Shipped", Some(later)), today).is_err());
        assert!(edit(&mut s, 2, win("Shipped", None), today).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn wins_are_numbered_and_listed_newest_first() {
        let mut s = Snapshot::default();
        let today = Date::constant(2026, 11, 20);
        let first = add(&mut s, win("Shipped", None), today).unwrap();
        assert_eq!((first.id, first.date), (1, today));
        assert_eq!(
            (first.impact, first.skills),
            (None, vec!["rust".to_string()])
        );
        add(
            &mut s,
            win("Earlier", Some(Date::constant(2026, 5, 1))),
            today,
        )
        .unwrap();
        let titles: Vec<&str> = listed(&s, None, None)
            .iter()
            .map(|w| w.title.as_str())
            .collect();
        assert_eq!(titles, ["Shipped", "Earlier"]);
        remove(&mut s, 1).unwrap();
        assert!(
            remove(&mut s, 1)
                .unwrap_err()
                .to_string()
                .starts_with("no win #1")
        );
    }

    #[test]
    fn a_win_needs_a_title() {
        assert!(
            title(None)
                .unwrap_err()
                .to_string()
                .starts_with("say what you did")
        );
        assert_eq!(title(Some(" Shipped ".into())).unwrap(), "Shipped");
    }
}
