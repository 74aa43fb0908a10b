//! The person's own skills (003: "identify and fill in any skill gaps"; 004: "focus on skills that
//! are highly in demand by multiple employers"). Each is a taxonomy id, so the skills a person
//! claims and the skills postings ask for can be compared exactly.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::invalid::InvalidField;

/// Where ESCO skill URIs start; the rest is the skill's UUID.
pub const ESCO_SKILL_URI: &str = "http://data.europa.eu/esco/skill/";

/// How well the person holds a skill: the five stages of the Dreyfus model of skill acquisition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Novice,
    Beginner,
    Competent,
    Proficient,
    Expert,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Novice,
        Level::Beginner,
        Level::Competent,
        Level::Proficient,
        Level::Expert,
    ];

    /// The level on O*NET's 0-7 level scale that this stage stands for, to compare a claimed
    /// skill with the level an occupation asks of it. O*NET's anchors for Programming: 1.3
    /// "write a program in BASIC to sort objects", 4.5 "write a statistical analysis program",
    /// 6.5 "develop software to handle a complex database"; the stages sit between them.
    pub fn onet_level(self) -> f64 {
        match self {
            Level::Novice => 1.0,
            Level::Beginner => 2.0,
            Level::Competent => 3.5,
            Level::Proficient => 5.0,
            Level::Expert => 6.5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// An ESCO skill URI, `onet:` and a UNSPSC commodity code (an O*NET technology skill class),
    /// that code, `/` and a product's folded name (one product of the class: Microsoft Excel), or
    /// `onet:` and an O*NET element id (one of its 35 skills or 33 knowledge areas).
    pub id: String,
    /// The taxonomy's preferred label.
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    pub added: Date,
    /// What the person typed, or the file a skill was proposed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Skill {
    pub fn validate(&self) -> Result<(), InvalidField> {
        let well_formed = match self.id.strip_prefix(ESCO_SKILL_URI) {
            Some(uuid) => {
                uuid.len() == 36 && uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            }
            None => self.id.strip_prefix("onet:").is_some_and(|code| {
                // A product names itself after its class's code: onet:43232110/microsoft-excel.
                let (class, product) = code.split_once('/').unwrap_or((code, "x"));
                !class.is_empty()
                    && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                    && !product.is_empty()
                    && product
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+#-".contains(c))
            }),
        };
        if !well_formed {
            return Err(InvalidField::new(
                "id",
                format!(
                    "\"{}\" is not a taxonomy id (an ESCO skill URI, or onet: and a code)",
                    self.id
                ),
            ));
        }
        if self.label.trim().is_empty() {
            return Err(InvalidField::new(
                "label",
                format!("skill {} has no label", self.id),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(id: &str) -> Skill {
        Skill {
            id: id.into(),
            label: "x".into(),
            level: None,
            added: jiff::civil::date(2026, 1, 1),
            source: None,
        }
    }

    #[test]
    fn ids_are_esco_uris_or_onet_codes() {
        assert!(
            skill("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab")
                .validate()
                .is_ok()
        );
        assert!(skill("onet:43232110").validate().is_ok());
        assert!(skill("onet:2.B.3.e").validate().is_ok());
        assert!(skill("onet:43232110/microsoft-excel").validate().is_ok());
        assert!(skill("onet:43232405/c++").validate().is_ok());
        assert!(skill("onet:43232110/").validate().is_err());
        assert!(skill("onet:43232110/Excel Sheet").validate().is_err());
        for bad in [
            "",
            "python",
            "onet:",
            "http://data.europa.eu/esco/skill/xyz",
        ] {
            assert!(skill(bad).validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn levels_rise_on_the_onet_scale() {
        let levels: Vec<f64> = Level::ALL.iter().map(|l| l.onet_level()).collect();
        assert!(levels.windows(2).all(|w| w[0] < w[1]));
        assert!(levels.iter().all(|l| (0.0..=7.0).contains(l)));
    }
}
