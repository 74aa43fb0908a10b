//! Seasons of career and life (001): every season has a purpose, and it will change again.

use milemarker_core::career::Snapshot;
use milemarker_core::life::{LifeArea, Season, current_seasons};

/// Starts a season: one already starting that day in that area is replaced. Returns the seasons
/// as they stand on `as_of`, one for each area.
pub fn set(s: &mut Snapshot, entry: Season, as_of: jiff::civil::Date) -> Vec<Season> {
    s.seasons
        .retain(|o| !(o.area == entry.area && o.since == entry.since));
    s.seasons.push(entry);
    s.seasons.sort_by_key(|o| o.since);
    current_seasons(&s.seasons, as_of)
        .into_iter()
        .cloned()
        .collect()
}

/// Removes the season started in `area` on `since`; the one before it holds again.
pub fn remove(s: &mut Snapshot, area: LifeArea, since: jiff::civil::Date) -> anyhow::Result<()> {
    let before = s.seasons.len();
    s.seasons.retain(|o| !(o.area == area && o.since == since));
    if s.seasons.len() == before {
        anyhow::bail!("no season starting on {since} in that area");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;
    use milemarker_core::life::SeasonKind;

    #[test]
    fn a_season_set_twice_on_a_day_is_kept_once() {
        let mut s = Snapshot::default();
        let day = Date::constant(2026, 1, 5);
        let season = |season| Season {
            area: LifeArea::Career,
            season,
            since: day,
        };
        set(&mut s, season(SeasonKind::Winter), day);
        let now = set(&mut s, season(SeasonKind::Spring), day);
        assert_eq!(s.seasons.len(), 1);
        assert_eq!(now, [season(SeasonKind::Spring)]);
        remove(&mut s, LifeArea::Career, day).unwrap();
        assert!(s.seasons.is_empty());
        assert!(remove(&mut s, LifeArea::Career, day).is_err());
    }
}
