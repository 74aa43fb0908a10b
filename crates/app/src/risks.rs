//! What could go wrong on each path: a fear to test or a fact to plan for.

use anyhow::{Result, bail};
use milemarker_core::career::Snapshot;
use milemarker_core::decision::document::RiskSpec;

use crate::options::find;

/// Adds a risk to the path `option` names; a path holds each risk's name once.
pub fn add(s: &mut Snapshot, option: &str, risk: RiskSpec) -> Result<()> {
    let option = find(s, option)?;
    if option.risks.iter().any(|r| r.name == risk.name) {
        bail!("\"{}\" already has the risk \"{}\"", option.id, risk.name);
    }
    option.risks.push(risk);
    Ok(())
}

/// Changes the risk named `name` on the path `option` names to `risk`, where it stood.
pub fn edit(s: &mut Snapshot, option: &str, name: &str, risk: RiskSpec) -> Result<()> {
    let option = find(s, option)?;
    if risk.name != name && option.risks.iter().any(|r| r.name == risk.name) {
        bail!("\"{}\" already has the risk \"{}\"", option.id, risk.name);
    }
    match option.risks.iter_mut().find(|r| r.name == name) {
        Some(stored) => *stored = risk,
        None => bail!("\"{}\" has no risk named \"{name}\"", option.id),
    }
    Ok(())
}

/// Removes the risk of that name from the path `option` names.
pub fn remove(s: &mut Snapshot, option: &str, name: &str) -> Result<()> {
    let option = find(s, option)?;
    let before = option.risks.len();
    option.risks.retain(|r| r.name != name);
    if option.risks.len() == before {
        bail!("\"{}\" has no risk named \"{name}\"", option.id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{self, OptionFields};
    use milemarker_core::decision::document::RiskKind;

    #[test]
    fn a_path_holds_each_risk_once() {
        let mut s = Snapshot::default();
        options::add(&mut s, "leave", OptionFields::default()).unwrap();
        let risk = RiskSpec {
            name: "gap on my resume".into(),
            probability: 6.0,
            seriousness: 4.0,
            kind: RiskKind::Fear,
        };
        add(&mut s, "lea", risk.clone()).unwrap();
        let err = add(&mut s, "leave", risk.clone()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"leave\" already has the risk \"gap on my resume\""
        );
        let fact = RiskSpec {
            name: "no income".into(),
            kind: RiskKind::Fact,
            ..risk.clone()
        };
        edit(&mut s, "leave", "gap on my resume", fact.clone()).unwrap();
        assert_eq!(s.options[0].risks, [fact]);
        assert!(edit(&mut s, "leave", "gap on my resume", risk.clone()).is_err());
        edit(&mut s, "leave", "no income", risk).unwrap();
        remove(&mut s, "leave", "gap on my resume").unwrap();
        assert!(remove(&mut s, "leave", "gap on my resume").is_err());
    }
}
