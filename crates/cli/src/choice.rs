//! The domain's choices as flags take them. A flag names the domain's own enum, in the words the
//! domain stores and prints (`core::text::word`), each choice listed once, in core (`ALL`): the
//! command line keeps no copy of them to fall out of step.

use std::ffi::OsStr;
use std::marker::PhantomData;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use milemarker_core::career::{OptionKind, Weighting};
use milemarker_core::decision::document::Method;
use milemarker_core::evidence::{BragSection, Visibility};
use milemarker_core::life::{LifeArea, SeasonKind};
use milemarker_core::network::{Source, Stage};
use milemarker_core::skills::Level;
use milemarker_core::tracker::Tracker;
use milemarker_market::postings::Format;

/// A domain enum a flag takes.
pub trait Choice: Copy + PartialEq + Send + Sync + serde::Serialize + 'static {
    /// Every choice, in the order `--help` lists them.
    const ALL: &'static [Self];

    /// What `--help` says of this choice beyond its word.
    fn help(self) -> Option<&'static str> {
        None
    }

    /// Other words that choose it.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

/// `Choice` for enums whose words are all there is to say.
macro_rules! plain {
    ($($domain:ty),+ $(,)?) => {$(
        impl Choice for $domain {
            const ALL: &'static [Self] = &<$domain>::ALL;
        }
    )+};
}

plain!(
    Weighting,
    Method,
    LifeArea,
    Visibility,
    BragSection,
    Source,
    Stage,
    Level,
    Format
);

impl Choice for OptionKind {
    const ALL: &'static [Self] = &OptionKind::ALL;

    fn help(self) -> Option<&'static str> {
        (self == OptionKind::Lateral)
            .then_some("A move sideways: another role at about the same level")
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            OptionKind::Lateral => &["sideways"],
            _ => &[],
        }
    }
}

impl Choice for SeasonKind {
    const ALL: &'static [Self] = &SeasonKind::ALL;

    // The help says "autumn" too: it is the word outside North America.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            SeasonKind::Fall => &["autumn"],
            _ => &[],
        }
    }
}

impl Choice for Tracker {
    const ALL: &'static [Self] = &Tracker::ALL;

    fn help(self) -> Option<&'static str> {
        Some(match self {
            Tracker::Timewarrior => "`timew export` JSON",
            Tracker::Toggl => "Toggl Track's detailed report CSV (Clockify's detailed CSV too)",
            Tracker::Watson => "Watson's frames file (~/.config/watson/frames)",
            Tracker::Activitywatch => "An ActivityWatch export (not-afk time)",
        })
    }
}

/// The parser of a flag that takes a `T`: `value_parser = choice::<Stage>()`.
pub fn choice<T: Choice>() -> ChoiceParser<T> {
    ChoiceParser(PhantomData)
}

#[derive(Clone)]
pub struct ChoiceParser<T>(PhantomData<T>);

fn possible<T: Choice>(choice: T) -> PossibleValue {
    PossibleValue::new(milemarker_core::text::word(&choice))
        .help(choice.help())
        .aliases(choice.aliases().iter().copied())
}

impl<T: Choice> TypedValueParser for ChoiceParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // Refused as clap refuses a word it does not know, with the choices and a near one.
        let values: Vec<PossibleValue> = T::ALL.iter().map(|c| possible(*c)).collect();
        let word = PossibleValuesParser::new(values.clone()).parse_ref(cmd, arg, value)?;
        let at = values.iter().position(|v| v.matches(&word, false));
        Ok(T::ALL[at.expect("a word the parser took")])
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(T::ALL.iter().map(|c| possible(*c))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each choice is its own word: no two of an enum's choices share one.
    fn distinct<T: Choice>() {
        let mut words: Vec<String> = T::ALL.iter().map(milemarker_core::text::word).collect();
        assert!(words.iter().all(|w| !w.is_empty()), "{words:?}");
        words.sort();
        words.dedup();
        assert_eq!(words.len(), T::ALL.len());
    }

    #[test]
    fn every_choice_has_a_word_of_its_own() {
        distinct::<OptionKind>();
        distinct::<Weighting>();
        distinct::<Method>();
        distinct::<Tracker>();
        distinct::<LifeArea>();
        distinct::<SeasonKind>();
        distinct::<Visibility>();
        distinct::<BragSection>();
        distinct::<Source>();
        distinct::<Stage>();
        distinct::<Level>();
        distinct::<Format>();
    }
}
