//! Form fields read one by one, every problem kept beside the field it belongs to, so a page can
//! show all of them at once next to their inputs; nothing is written while any remain.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::str::FromStr;

use milemarker_core::invalid::InvalidField;

pub struct Fields<'a> {
    form: &'a HashMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

impl<'a> Fields<'a> {
    pub fn new(form: &'a HashMap<String, String>) -> Fields<'a> {
        Fields {
            form,
            errors: BTreeMap::new(),
        }
    }

    /// The whole form as sent.
    pub fn form(&self) -> &'a HashMap<String, String> {
        self.form
    }

    /// The field as typed, trimmed; "" when absent.
    pub fn text(&self, name: &str) -> &'a str {
        self.form.get(name).map_or("", |v| v.trim())
    }

    pub fn optional_text(&self, name: &str) -> Option<String> {
        Some(self.text(name))
            .filter(|t| !t.is_empty())
            .map(String::from)
    }

    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        self.errors
            .entry(name.to_string())
            .or_insert_with(|| message.into());
    }

    /// A value parsed from the field: `default` when left empty (or an error when there is none).
    pub fn parse<T>(&mut self, name: &str, default: Option<T>, hint: &str) -> Option<T>
    where
        T: FromStr,
    {
        let raw = self.text(name);
        if raw.is_empty() {
            if default.is_none() {
                self.fail(name, format!("required: {hint}"));
            }
            return default;
        }
        match raw.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.fail(name, format!("\"{raw}\" is not {hint}"));
                None
            }
        }
    }

    /// A value parsed from an optional field: `None` when left empty, so that emptying the field
    /// says there is none (an error beside it when it does not read).
    pub fn optional<T: FromStr>(&mut self, name: &str, hint: &str) -> Option<T> {
        if self.text(name).is_empty() {
            return None;
        }
        self.parse(name, None, hint)
    }

    /// An optional number within `low..=high`: `None` when left empty.
    pub fn optional_number<T>(&mut self, name: &str, low: T, high: T) -> Option<T>
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        if self.text(name).is_empty() {
            return None;
        }
        self.number(name, None, low, high)
    }

    /// A number within `low..=high`.
    pub fn number<T>(&mut self, name: &str, default: Option<T>, low: T, high: T) -> Option<T>
    where
        T: FromStr + PartialOrd + Display + Copy,
    {
        let hint = format!("a number from {low} to {high}");
        let value = self.parse(name, default, &hint)?;
        if value < low || value > high {
            self.fail(
                name,
                format!("{value} is out of range: give {low} to {high}"),
            );
            return None;
        }
        Some(value)
    }

    /// A choice among `options` by its form value.
    pub fn choice<T: Copy>(&mut self, name: &str, options: &[(String, T)]) -> Option<T> {
        let raw = self.text(name);
        let found = options.iter().find(|(value, _)| *value == raw).map(|o| o.1);
        if found.is_none() {
            let values: Vec<&str> = options.iter().map(|o| o.0.as_str()).collect();
            self.fail(name, format!("choose one of {}", values.join(", ")));
        }
        found
    }

    /// Puts the domain's refusal beside its field when the form has it (one of `fields`); else
    /// at the top of the form, whole, since no input there names the field.
    pub fn domain(&mut self, err: &InvalidField, fields: &[&str]) {
        match fields.iter().find(|f| **f == err.field) {
            Some(name) => self.fail(name, err.message.clone()),
            None => self.fail("form", err.to_string()),
        }
    }

    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_problem_is_kept_beside_its_field() {
        let f = form(&[("hours", "lots"), ("energy", "9"), ("note", "  hi  ")]);
        let mut fields = Fields::new(&f);
        assert_eq!(fields.number::<f64>("hours", None, 0.0, 168.0), None);
        assert_eq!(fields.number::<u8>("energy", None, 1, 5), None);
        assert_eq!(fields.number::<u8>("evenings", Some(0), 0, 7), Some(0));
        assert_eq!(fields.number::<u8>("satisfaction", None, 1, 5), None);
        assert_eq!(fields.optional_text("note").as_deref(), Some("hi"));
        assert_eq!(fields.optional_number::<f64>("bonus", 0.0, 9.0), None);
        assert!(!fields.errors.contains_key("bonus"), "empty is none");
        assert_eq!(
            fields.errors["hours"],
            "\"lots\" is not a number from 0 to 168"
        );
        assert_eq!(fields.errors["energy"], "9 is out of range: give 1 to 5");
        assert!(fields.errors["satisfaction"].starts_with("required"));
        assert!(!fields.errors.contains_key("evenings"));
    }

    #[test]
    fn domain_messages_find_their_field() {
        let f = form(&[]);
        let mut fields = Fields::new(&f);
        fields.domain(
            &InvalidField::new("title", "say what you did"),
            &["title", "date"],
        );
        fields.domain(&InvalidField::new("history", "out of order"), &["title"]);
        assert_eq!(fields.errors["title"], "say what you did");
        assert_eq!(fields.errors["form"], "history: out of order");
    }
}
