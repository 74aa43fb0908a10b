//! The evidence of your value (003: "document your achievements and contributions"; 004: work
//! that is visible to your boss's boss): achievements, and the brag document built from them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::invalid::InvalidField;
use crate::limits::{self, check_length, check_link};

/// How far up an achievement was seen. The order matters: later is wider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Only you know.
    #[serde(rename = "self")]
    Myself,
    Team,
    Manager,
    /// Your manager's manager (004: "your boss's boss").
    Skip,
    Company,
    Public,
}

impl Visibility {
    pub const ALL: [Visibility; 6] = [
        Visibility::Myself,
        Visibility::Team,
        Visibility::Manager,
        Visibility::Skip,
        Visibility::Company,
        Visibility::Public,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Myself => "only you",
            Visibility::Team => "your team",
            Visibility::Manager => "your manager",
            Visibility::Skip => "your manager's manager",
            Visibility::Company => "the company",
            Visibility::Public => "the public",
        }
    }

    /// Reached your manager's manager or beyond: the audience that decides promotions (004).
    pub fn reaches_leadership(self) -> bool {
        self >= Visibility::Skip
    }
}

/// Julia Evans' brag-document sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BragSection {
    Projects,
    DesignDocs,
    Collaboration,
    NotMyJob,
}

impl BragSection {
    pub const ALL: [BragSection; 4] = [
        BragSection::Projects,
        BragSection::DesignDocs,
        BragSection::Collaboration,
        BragSection::NotMyJob,
    ];

    pub fn title(self) -> &'static str {
        match self {
            BragSection::Projects => "Projects",
            BragSection::DesignDocs => "Design and documentation",
            BragSection::Collaboration => "Collaboration and mentorship",
            BragSection::NotMyJob => "What was not my job",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// Numbered from 1 in the order logged; never reused.
    pub id: u32,
    pub date: Date,
    pub title: String,
    /// What changed because of it, with a number where possible.
    pub impact: Option<String>,
    pub visibility: Visibility,
    pub section: BragSection,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    pub link: Option<String>,
}

impl Achievement {
    pub fn validate(&self, today: Option<Date>) -> Result<(), InvalidField> {
        if self.title.trim().is_empty() {
            return Err(InvalidField::new(
                "title",
                "say what you did, e.g. \"Shipped the billing migration\"",
            ));
        }
        if let Some(today) = today
            && self.date > today
        {
            return Err(InvalidField::new(
                "date",
                format!(
                    "{} is in the future (today is {today}); log a win once it happened",
                    self.date
                ),
            ));
        }
        if self.skills.iter().any(|s| s.trim().is_empty()) {
            return Err(InvalidField::new("skills", "a skill is empty"));
        }
        check_length("title", &self.title, limits::WIN_TITLE)?;
        if let Some(impact) = &self.impact {
            check_length("impact", impact, limits::WIN_IMPACT)?;
        }
        if self.skills.len() > limits::WIN_SKILLS {
            return Err(InvalidField::new(
                "skills",
                format!(
                    "{} skills is too many; keep it to {}",
                    self.skills.len(),
                    limits::WIN_SKILLS
                ),
            ));
        }
        for skill in &self.skills {
            check_length("skills", skill, limits::WIN_SKILL)?;
        }
        if let Some(link) = &self.link {
            check_link("link", link)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BragGroup<'a> {
    pub section: BragSection,
    pub title: &'static str,
    pub wins: Vec<&'a Achievement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VisibilityCount {
    pub visibility: Visibility,
    pub wins: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BragDocument<'a> {
    pub from: Date,
    pub to: Date,
    pub total: usize,
    pub sections: Vec<BragGroup<'a>>,
    pub visibility: Vec<VisibilityCount>,
    /// Wins that reached your manager's manager or beyond.
    pub reached_leadership: usize,
}

impl BragDocument<'_> {
    pub fn leadership_share(&self) -> Option<f64> {
        (self.total > 0).then(|| self.reached_leadership as f64 / self.total as f64)
    }
}

/// The wins dated `from..=to`, oldest first within each section; every section is listed, empty
/// or not, so the gaps show.
pub fn brag(wins: &[Achievement], from: Date, to: Date) -> BragDocument<'_> {
    let mut chosen: Vec<&Achievement> = wins
        .iter()
        .filter(|w| (from..=to).contains(&w.date))
        .collect();
    chosen.sort_by_key(|w| (w.date, w.id));
    let sections = BragSection::ALL
        .iter()
        .map(|&section| BragGroup {
            section,
            title: section.title(),
            wins: chosen
                .iter()
                .copied()
                .filter(|w| w.section == section)
                .collect(),
        })
        .collect();
    let visibility = Visibility::ALL
        .iter()
        .map(|&visibility| VisibilityCount {
            visibility,
            wins: chosen.iter().filter(|w| w.visibility == visibility).count(),
        })
        .collect();
    BragDocument {
        from,
        to,
        total: chosen.len(),
        sections,
        visibility,
        reached_leadership: chosen
            .iter()
            .filter(|w| w.visibility.reaches_leadership())
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn win(id: u32, day: Date, visibility: Visibility, section: BragSection) -> Achievement {
        Achievement {
            id,
            date: day,
            title: format!("win {id}"),
            impact: None,
            visibility,
            section,
            skills: vec![],
            link: None,
        }
    }

    #[test]
    fn brag_groups_by_section_and_counts_leadership_reach() {
        let wins = vec![
            win(1, date(2026, 3, 1), Visibility::Team, BragSection::Projects),
            win(2, date(2026, 1, 9), Visibility::Skip, BragSection::Projects),
            win(
                3,
                date(2026, 2, 1),
                Visibility::Public,
                BragSection::NotMyJob,
            ),
            win(
                4,
                date(2025, 12, 31),
                Visibility::Company,
                BragSection::Projects,
            ),
        ];
        let doc = brag(&wins, date(2026, 1, 1), date(2026, 12, 31));
        assert_eq!(doc.total, 3);
        let ids: Vec<u32> = doc.sections[0].wins.iter().map(|w| w.id).collect();
        assert_eq!(
            ids,
            [2, 1],
            "oldest first; the 2025 win is outside the period"
        );
        assert!(doc.sections[1].wins.is_empty());
        assert_eq!(doc.reached_leadership, 2);
        assert_eq!(doc.visibility[1].wins, 1);
        assert!((doc.leadership_share().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn visibility_order_and_words() {
        assert!(Visibility::Skip.reaches_leadership());
        assert!(!Visibility::Manager.reaches_leadership());
        let json = serde_json::to_string(&Visibility::Myself).unwrap();
        assert_eq!(json, "\"self\"");
        let section: BragSection = serde_json::from_str("\"not-my-job\"").unwrap();
        assert_eq!(section, BragSection::NotMyJob);
    }

    #[test]
    fn future_wins_are_refused() {
        let w = win(
            1,
            date(2026, 12, 1),
            Visibility::Team,
            BragSection::Projects,
        );
        assert!(
            w.validate(Some(date(2026, 11, 1)))
                .unwrap_err()
                .message
                .contains("future")
        );
        assert!(w.validate(Some(date(2026, 12, 1))).is_ok());
    }

    #[test]
    fn overlong_words_and_script_links_are_refused() {
        let ok = win(1, date(2026, 1, 1), Visibility::Team, BragSection::Projects);
        let with = |change: fn(&mut Achievement)| {
            let mut w = ok.clone();
            change(&mut w);
            w.validate(None)
        };
        assert!(with(|w| w.title = "x".repeat(limits::WIN_TITLE)).is_ok());
        let err = with(|w| w.title = "x".repeat(1_900_000)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("title: 1900000 characters is too long"),
            "{err}"
        );
        assert!(with(|w| w.impact = Some("x".repeat(5000))).is_err());
        assert!(with(|w| w.skills = vec!["x".repeat(500)]).is_err());
        assert!(with(|w| w.skills = vec!["x".into(); 31]).is_err());
        let err = with(|w| w.link = Some("javascript:alert(1)".into())).unwrap_err();
        assert_eq!(err.field, "link");
        assert!(
            err.message.contains("http://, https:// or mailto:"),
            "{err}"
        );
        assert!(with(|w| w.link = Some("https://example.org/x".into())).is_ok());
    }
}
