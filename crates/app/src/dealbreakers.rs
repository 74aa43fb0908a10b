//! Deal-breakers: the lines a person will not cross, each a rule an option is tested against.

use anyhow::{Result, bail};
use milemarker_core::career::{DealBreaker, Snapshot, slug, validate_id};

use crate::records::invalid;

/// Adds the rule ("hours_per_week <= 45"), its id the attribute's unless given.
pub fn add(s: &mut Snapshot, rule: &str, id: Option<String>, note: Option<String>) -> Result<()> {
    let (attribute, op, value) = DealBreaker::parse_rule(rule).map_err(invalid)?;
    // A value as people say it ("family time") is the value's id ("family-time"); a fact's name
    // (hours_per_week) is kept as written.
    let attribute = if attribute.contains(char::is_whitespace) {
        slug(&attribute)
    } else {
        attribute
    };
    validate_id("attribute", &attribute).map_err(invalid)?;
    let id = id.unwrap_or_else(|| slug(&attribute));
    validate_id("id", &id).map_err(invalid)?;
    if s.dealbreakers.iter().any(|d| d.id == id) {
        bail!(
            "a deal-breaker \"{id}\" exists already; give this one --id NAME, or remove the old one"
        );
    }
    s.dealbreakers.push(DealBreaker {
        id,
        attribute,
        op,
        value,
        note,
    });
    Ok(())
}

/// Whether a rule reads, for a face that checks it as it is typed; an empty one is no rule yet.
pub fn check_rule(rule: &str) -> std::result::Result<(), String> {
    match rule.trim() {
        "" => Ok(()),
        rule => DealBreaker::parse_rule(rule)
            .map(drop)
            .map_err(|e| e.message),
    }
}

/// Changes the deal-breaker `id` to `rule` and `note`, keeping its id and its place.
pub fn edit(s: &mut Snapshot, id: &str, rule: &str, note: Option<String>) -> Result<()> {
    let Some(at) = s.dealbreakers.iter().position(|d| d.id == id) else {
        bail!("no deal-breaker \"{id}\"; `milemarker dealbreakers` lists them");
    };
    let old = s.dealbreakers.remove(at);
    if let Err(err) = add(s, rule, Some(id.to_string()), note) {
        s.dealbreakers.insert(at, old);
        return Err(err);
    }
    let new = s.dealbreakers.pop().expect("just added");
    s.dealbreakers.insert(at, new);
    Ok(())
}

pub fn remove(s: &mut Snapshot, id: &str) -> Result<()> {
    let before = s.dealbreakers.len();
    s.dealbreakers.retain(|d| d.id != id);
    if s.dealbreakers.len() == before {
        bail!("no deal-breaker \"{id}\"; `milemarker dealbreakers` lists them");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_rule_on_the_same_attribute_needs_its_own_id() {
        let mut s = Snapshot::default();
        add(&mut s, "hours_per_week <= 45", None, None).unwrap();
        let err = add(&mut s, "hours_per_week <= 50", None, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a deal-breaker \"hours-per-week\" exists already; give this one --id NAME, or \
             remove the old one"
        );
        add(
            &mut s,
            "hours_per_week <= 50",
            Some("hours-max".into()),
            None,
        )
        .unwrap();
        assert_eq!(s.dealbreakers.len(), 2);
    }

    #[test]
    fn an_edit_keeps_the_id_and_place_and_a_bad_rule_changes_nothing() {
        let mut s = Snapshot::default();
        add(&mut s, "pay >= 50000", None, None).unwrap();
        add(&mut s, "hours_per_week <= 45", None, None).unwrap();
        edit(&mut s, "pay", "pay >= 60000", Some("rent".into())).unwrap();
        assert_eq!(s.dealbreakers[0].id, "pay");
        assert_eq!(s.dealbreakers[0].value.as_number(), Some(60000.0));
        let before = s.clone();
        assert!(edit(&mut s, "pay", "pay lots", None).is_err());
        assert!(edit(&mut s, "flex", "pay >= 1", None).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn removing_an_unknown_rule_is_refused() {
        let err = remove(&mut Snapshot::default(), "pay").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no deal-breaker \"pay\"; `milemarker dealbreakers` lists them"
        );
        assert!(check_rule("  ").is_ok() && check_rule("pay").is_err());
    }

    #[test]
    fn a_value_said_in_words_is_its_id() {
        let mut s = Snapshot::default();
        add(&mut s, "family time >= 5", None, None).unwrap();
        add(&mut s, "hours_per_week <= 45", None, None).unwrap();
        let attributes: Vec<&str> = s
            .dealbreakers
            .iter()
            .map(|d| d.attribute.as_str())
            .collect();
        assert_eq!(attributes, ["family-time", "hours_per_week"]);
    }
}
