//! OEWS May 2025 annual wage percentiles (10th, 25th, median, 75th, 90th) for every detailed
//! occupation in every area BLS publishes, embedded as the sorted CSV `data/oews-2025/wages.csv`
//! and searched in place: no parsing of the whole table, so a lookup costs microseconds.

use milemarker_core::markers::Wages;
use serde::Serialize;
use thiserror::Error;

pub const DATASET: &str = "BLS OEWS May 2025";

const WAGES: &str = include_str!("../../../data/oews-2025/wages.csv");
const AREAS: &str = include_str!("../../../data/oews-2025/areas.csv");
const OCCUPATIONS: &str = include_str!("../../../data/oews-2025/occupations.csv");

pub const NATIONAL: &str = "0000000";
/// The percentiles OEWS publishes, in the order of the CSV columns.
pub const PERCENTILES: [f64; 5] = [10.0, 25.0, 50.0, 75.0, 90.0];

#[derive(Debug, Error, PartialEq)]
pub enum WageError {
    #[error(
        "\"{0}\" is not an occupation code; give an O*NET-SOC or SOC code like 11-2021.00 or 11-2021"
    )]
    BadOccupation(String),
    #[error(
        "OEWS publishes no wages for occupation {0} (it may be an O*NET-only code or a broad group)"
    )]
    NoOccupation(String),
    #[error(
        "\"{0}\" is not an OEWS area code (like 41860 for San Francisco, 06 or 0600000 for California)"
    )]
    BadArea(String),
    #[error("OEWS publishes no wages for {occupation} in {area}, its state or nationally")]
    NoWages { occupation: String, area: String },
}

/// One published cell: a wage, suppressed (`-` or `*`: too few responses), or top-coded (`#`: at
/// or above the highest wage BLS publishes).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Wage(f64),
    #[serde(serialize_with = "as_word")]
    Suppressed,
    #[serde(serialize_with = "as_top")]
    TopCoded,
}

fn as_word<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_none()
}

fn as_top<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("top-coded")
}

impl Cell {
    fn parse(text: &str) -> Cell {
        match text.trim() {
            "#" => Cell::TopCoded,
            t => t.parse().map_or(Cell::Suppressed, Cell::Wage),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaLevel {
    National,
    State,
    Metro,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    pub code: String,
    pub level: AreaLevel,
    pub state_code: String,
    pub name: String,
}

impl Area {
    /// The area said as a place, not as its code: "the United States", "Ohio",
    /// "Seattle-Tacoma-Bellevue, WA".
    pub fn place(&self) -> String {
        match self.level {
            AreaLevel::National => "the United States".into(),
            _ => self.name.clone(),
        }
    }
}

/// The wages found for an occupation, and where: the area asked for, or the one it fell back to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WageLookup {
    pub occupation: String,
    pub title: String,
    pub area: Area,
    /// The area asked for, when the wages come from a wider one, and why.
    pub fallback: Option<String>,
    pub percentiles: [Cell; 5],
}

impl WageLookup {
    /// The published points for interpolation; top-coded and suppressed cells are left out.
    pub fn points(&self) -> Vec<(f64, f64)> {
        PERCENTILES
            .iter()
            .zip(&self.percentiles)
            .filter_map(|(&p, cell)| match cell {
                Cell::Wage(w) => Some((p, *w)),
                _ => None,
            })
            .collect()
    }

    /// For the mile markers.
    pub fn for_markers(&self) -> Wages {
        Wages {
            dataset: DATASET.into(),
            occupation: self.occupation.clone(),
            // Prose says the occupation by its title ("Marketing Managers"), not its code.
            title: if self.title.is_empty() {
                self.occupation.clone()
            } else {
                self.title.clone()
            },
            area: self.area.place(),
            percentiles: self.points(),
        }
    }
}

/// "11-2021.00" and "11-2021" both mean SOC 11-2021 (OEWS joins on the first seven characters).
pub fn soc(code: &str) -> Result<String, WageError> {
    let code = code.trim();
    let base = code.get(..7).unwrap_or(code);
    let ok = base.len() == 7
        && base.as_bytes()[2] == b'-'
        && base
            .chars()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
        && (code.len() == 7 || code[7..].starts_with('.'));
    if ok {
        Ok(base.to_string())
    } else {
        Err(WageError::BadOccupation(code.to_string()))
    }
}

/// Splits one CSV line written by Python's csv module (quotes only around fields with commas).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// A person's area as OEWS codes it: 7 digits; fewer are left-padded, and two digits name a state.
pub fn area_code(text: &str) -> Result<String, WageError> {
    let t = text.trim();
    if t.is_empty() || t.len() > 7 || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(WageError::BadArea(text.to_string()));
    }
    Ok(if t.len() == 2 {
        format!("{t}00000")
    } else {
        format!("{t:0>7}")
    })
}

/// An OEWS area by its 7-digit code (583 short lines: a scan is cheaper than building an index).
pub fn area(code: &str) -> Option<Area> {
    let line = AREAS
        .lines()
        .skip(1)
        .find(|l| l.starts_with(code) && l.as_bytes().get(code.len()) == Some(&b','))?;
    area_of(line)
}

/// Every OEWS area: the nation, the states and the metro and nonmetro areas.
pub fn areas() -> Vec<Area> {
    AREAS.lines().skip(1).filter_map(area_of).collect()
}

fn area_of(line: &str) -> Option<Area> {
    let mut fields = csv_fields(line).into_iter();
    let code = fields.next()?;
    let level = match fields.next()?.as_str() {
        "N" => AreaLevel::National,
        "S" => AreaLevel::State,
        _ => AreaLevel::Metro,
    };
    Some(Area {
        code,
        level,
        state_code: fields.next()?,
        name: fields.next()?,
    })
}

pub fn occupation_title(soc: &str) -> Option<String> {
    OCCUPATIONS
        .lines()
        .skip(1)
        .find(|l| l.starts_with(soc) && l.as_bytes().get(7) == Some(&b','))
        .map(|l| csv_fields(l).swap_remove(1))
}

/// The wage lines of one occupation: a binary search over the sorted, embedded table.
fn occupation_rows(soc: &str) -> impl Iterator<Item = &'static str> {
    let text = WAGES;
    let body = text.find('\n').map_or(text.len(), |i| i + 1);
    let key = |start: usize| &text[start..(start + 7).min(text.len())];
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    let (mut lo, mut hi) = (body, text.len());
    // Invariant: lo and hi are line starts; lines before lo sort before `soc`.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = text[..mid].rfind('\n').map_or(0, |i| i + 1).max(lo);
        if key(start) < soc {
            lo = (line_end(start) + 1).min(text.len());
        } else {
            hi = start;
        }
    }
    text[lo..]
        .lines()
        .take_while(move |line| line.starts_with(soc) && line.as_bytes().get(7) == Some(&b','))
}

/// The wages of an occupation in an area (None: national), falling back from a metro area to its
/// state, and from a state to the nation, when BLS published nothing there.
pub fn lookup(occupation: &str, area: Option<&str>) -> Result<WageLookup, WageError> {
    let soc = soc(occupation)?;
    let rows: Vec<&str> = occupation_rows(&soc).collect();
    if rows.is_empty() {
        return Err(WageError::NoOccupation(soc));
    }
    let wanted = match area {
        Some(a) => area_code(a)?,
        None => NATIONAL.to_string(),
    };
    let wanted_area = self::area(&wanted).ok_or_else(|| WageError::BadArea(wanted.clone()))?;
    let mut candidates = vec![wanted.clone()];
    if wanted_area.level == AreaLevel::Metro {
        candidates.push(format!("{}00000", wanted_area.state_code));
    }
    candidates.push(NATIONAL.to_string());
    for (i, code) in candidates.iter().enumerate() {
        let Some(row) = rows.iter().find(|r| r[8..].starts_with(code.as_str())) else {
            continue;
        };
        let cells: Vec<Cell> = row.split(',').skip(2).map(Cell::parse).collect();
        let percentiles: [Cell; 5] = cells
            .try_into()
            .map_err(|_| WageError::NoOccupation(soc.clone()))?;
        if percentiles.iter().all(|c| !matches!(c, Cell::Wage(_))) {
            continue;
        }
        let found = self::area(code)
            .expect("wage rows name known areas")
            .clone();
        return Ok(WageLookup {
            title: occupation_title(&soc).unwrap_or_default(),
            occupation: soc,
            fallback: (i > 0).then(|| {
                format!(
                    "no wages published for {} ({}); {} figures instead",
                    wanted_area.name,
                    wanted,
                    match found.level {
                        AreaLevel::State => "state",
                        _ => "national",
                    }
                )
            }),
            area: found,
            percentiles,
        });
    }
    Err(WageError::NoWages {
        occupation: soc,
        area: wanted_area.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers: BLS OEWS May 2025 cross-industry, as published (shared/data/oews-2025).
    #[test]
    fn marketing_managers_nationally_and_in_san_francisco() {
        let national = lookup("11-2021.00", None).unwrap();
        assert_eq!(national.title, "Marketing Managers");
        assert_eq!(national.area.level, AreaLevel::National);
        assert_eq!(
            national.points(),
            [
                (10.0, 90260.0),
                (25.0, 123020.0),
                (50.0, 166790.0),
                (75.0, 216410.0),
                (90.0, 293610.0)
            ]
        );
        let sf = lookup("11-2021", Some("41860")).unwrap();
        assert_eq!(sf.area.name, "San Francisco-Oakland-Fremont, CA");
        assert_eq!(sf.area.level, AreaLevel::Metro);
        assert!(sf.fallback.is_none());
        assert_eq!(sf.points().len(), 5);
    }

    #[test]
    fn first_and_last_occupations_are_found_by_the_search() {
        let first = WAGES.lines().nth(1).unwrap()[..7].to_string();
        let last = WAGES.lines().last().unwrap()[..7].to_string();
        for soc in [first, last] {
            assert!(lookup(&soc, None).is_ok(), "{soc}");
        }
        assert_eq!(
            lookup("11-2099", None),
            Err(WageError::NoOccupation("11-2099".into()))
        );
        assert_eq!(
            lookup("00-0000", None),
            Err(WageError::NoOccupation("00-0000".into()))
        );
    }

    #[test]
    fn a_suppressed_metro_falls_back_to_its_state() {
        // Web Developers in Abilene, TX: every percentile is '-' in the source.
        let rows: Vec<&str> = occupation_rows("15-1254").collect();
        assert!(
            !rows.iter().any(|r| r.starts_with("15-1254,0010180,")),
            "dropped by compile-data"
        );
        let found = lookup("15-1254", Some("0010180")).unwrap();
        assert_eq!(found.area.code, "4800000");
        assert!(found.fallback.unwrap().contains("Abilene"));
    }

    #[test]
    fn cells_and_codes() {
        assert_eq!(Cell::parse("#"), Cell::TopCoded);
        assert_eq!(Cell::parse("-"), Cell::Suppressed);
        assert_eq!(Cell::parse("*"), Cell::Suppressed);
        assert_eq!(Cell::parse("90260"), Cell::Wage(90260.0));
        assert_eq!(area_code("41860").unwrap(), "0041860");
        assert_eq!(area_code("06").unwrap(), "0600000");
        assert!(area_code("CA").is_err());
        assert_eq!(soc("11-2021.00").unwrap(), "11-2021");
        assert!(soc("112021").is_err());
        assert!(soc("11-2021x").is_err());
        assert!(lookup("11-2021", Some("9999999")).is_err());
    }

    #[test]
    fn top_coded_and_suppressed_cells_stay_out_of_the_interpolation() {
        let mut found = lookup("11-2021", None).unwrap();
        found.percentiles[4] = Cell::TopCoded;
        found.percentiles[0] = Cell::Suppressed;
        assert_eq!(found.points().len(), 3);
        assert_eq!(found.points()[0].0, 25.0);
    }
}
