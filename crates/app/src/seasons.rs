//! Seasons of career and life (001): every season has a purpose, and it will change again.

use jiff::civil::Date;
use milemarker_core::career::Snapshot;
use milemarker_core::life::{LifeArea, Season, current_seasons};

/// Starts a season: one already starting that day in that area is replaced. Returns the day to
/// show the seasons on, today or, for a season set to start later, its start (it shows as it will
/// be then), and the seasons as they stand that day, one for each area.
pub fn set(s: &mut Snapshot, entry: Season, today: Date) -> (Date, Vec<Season>) {
    let as_of = today.max(entry.since);
    s.seasons
        .retain(|o| !(o.area == entry.area && o.since == entry.since));
    s.seasons.push(entry);
    s.seasons.sort_by_key(|o| o.since);
    let current = current_seasons(&s.seasons, as_of);
    (as_of, current.into_iter().cloned().collect())
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
        let (on, now) = set(&mut s, season(SeasonKind::Spring), day);
        assert_eq!(s.seasons.len(), 1);
        assert_eq!((on, now), (day, vec![season(SeasonKind::Spring)]));
        // A season set to start later shows as it will be then.
        let later = Date::constant(2026, 3, 1);
        let summer = Season {
            since: later,
            ..season(SeasonKind::Summer)
        };
        assert_eq!(set(&mut s, summer.clone(), day), (later, vec![summer]));
        s.seasons.retain(|o| o.since == day);
        remove(&mut s, LifeArea::Career, day).unwrap();
        assert!(s.seasons.is_empty());
        assert!(remove(&mut s, LifeArea::Career, day).is_err());
    }
}
