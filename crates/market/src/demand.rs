//! Demand for skills, counted from job postings (004: "skills that are highly in demand by
//! multiple employers"): per skill and calendar month, the postings asking for it and the distinct
//! employers behind them; the same months a year earlier for the trend.
//!
//! Memory depends on the number of skills, months and employers, never on the number of postings:
//! postings stream through [`Counter::add`] one at a time, grouped by employer.

use std::collections::{HashMap, HashSet};
use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    pub fn of(day: Date) -> Month {
        Month(i32::from(day.year()) * 12 + i32::from(day.month()) - 1)
    }

    pub fn year(self) -> i16 {
        self.0.div_euclid(12) as i16
    }

    pub fn number(self) -> i8 {
        (self.0.rem_euclid(12) + 1) as i8
    }

    pub fn first_day(self) -> Date {
        jiff::civil::date(self.year(), self.number(), 1)
    }

    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    pub fn minus(self, months: i32) -> Month {
        Month(self.0 - months)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

impl std::str::FromStr for Month {
    type Err = String;

    /// "2026-09": a year and a month, as [`Month`]'s `Display` writes it.
    fn from_str(text: &str) -> Result<Month, String> {
        let bad = || format!("{text:?} is not a month written YYYY-MM (like 2026-09)");
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(bad());
        }
        let year: i16 = year.parse().map_err(|_| bad())?;
        let month: i8 = month.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Month::of(jiff::civil::date(year, month, 1)))
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One posting as the counter needs it.
pub struct Posting<'a> {
    pub employer: u32,
    pub title: u32,
    pub month: Month,
    pub skills: &'a [u32],
}

/// Counts postings over `months` months ending at `through`, and the same months a year before.
///
/// Postings must arrive grouped by employer, as the store scans them: the counter holds the
/// skills and months of one employer at a time and adds them to per-month employer counts when
/// the next employer begins. Memory is bounded by the skills asked for, the window and the
/// number of employers, never by the number of postings.
pub struct Counter {
    through: Month,
    months: i32,
    cells: HashMap<u32, SkillCells>,
    postings: u32,
    /// Employers with a posting in the window.
    employers: u32,
    /// Every employer seen so far, to catch postings that are not grouped by employer.
    seen: HashSet<u32>,
    current: Current,
    /// Postings in the window whose title is one of these, and the skills they ask for.
    titles: Option<HashSet<u32>>,
    title_postings: u32,
    title_skills: HashMap<u32, u32>,
}

/// One skill's counts.
struct SkillCells {
    /// Postings per month, oldest first: the year before's months, then the window's.
    postings: Vec<u32>,
    /// Distinct employers per window month (the year before needs only posting counts).
    employers: Vec<u32>,
    /// Distinct employers over the whole window.
    employers_in_window: u32,
}

/// What the employer whose postings are arriving asks for in the window; kept between employers
/// so their allocations are reused.
#[derive(Default)]
struct Current {
    employer: Option<u32>,
    in_window: bool,
    /// (skill, window month): each pair counts once per employer.
    skill_months: HashSet<(u32, u16)>,
    skills: HashSet<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub month: Month,
    pub postings: u32,
    pub employers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillCount {
    pub skill: u32,
    /// Postings in the window asking for it.
    pub postings: u32,
    /// Distinct employers in the window asking for it.
    pub employers: u32,
    pub by_month: Vec<MonthCount>,
    /// Postings asking for it in the same months a year earlier.
    pub year_before: u32,
    /// Change against the year before (0.25 = 25% more); none when the year before had none.
    pub trend: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    pub through: Month,
    pub months: Vec<Month>,
    pub postings: u32,
    pub employers: u32,
    /// Most employers first, then most postings, then skill id.
    pub skills: Vec<SkillCount>,
    /// Postings with a matching title in the window, and per skill how many of them ask for it.
    pub title: Option<(u32, Vec<(u32, u32)>)>,
}

impl Counter {
    /// `titles`: the title ids whose postings the gap to a title counts, if any.
    pub fn new(through: Month, months: u32, titles: Option<HashSet<u32>>) -> Counter {
        Counter {
            through,
            months: months.max(1) as i32,
            cells: HashMap::new(),
            postings: 0,
            employers: 0,
            seen: HashSet::new(),
            current: Current::default(),
            titles,
            title_postings: 0,
            title_skills: HashMap::new(),
        }
    }

    /// The first day a posting must have to be counted (the year-before months included).
    pub fn from(&self) -> Date {
        self.through.minus(self.months - 1 + 12).first_day()
    }

    pub fn to(&self) -> Date {
        self.through.last_day()
    }

    /// Counts one posting.
    ///
    /// # Panics
    /// When an employer's postings come back after another employer's: they must arrive grouped.
    pub fn add(&mut self, p: Posting) {
        let slot = p.month.0 - self.through.minus(self.months - 1 + 12).0;
        let span = self.months + 12;
        if !(0..span).contains(&slot) {
            return;
        }
        if self.current.employer != Some(p.employer) {
            self.end_employer();
            assert!(
                self.seen.insert(p.employer),
                "postings must arrive grouped by employer: employer {} came back after another",
                p.employer
            );
            self.current.employer = Some(p.employer);
        }
        let in_window = slot >= 12;
        if in_window {
            self.postings += 1;
            self.current.in_window = true;
            if self.titles.as_ref().is_some_and(|t| t.contains(&p.title)) {
                self.title_postings += 1;
                for &skill in p.skills {
                    *self.title_skills.entry(skill).or_default() += 1;
                }
            }
        }
        let window = self.months as usize;
        for &skill in p.skills {
            let cells = self.cells.entry(skill).or_insert_with(|| SkillCells {
                postings: vec![0; window + 12],
                employers: vec![0; window],
                employers_in_window: 0,
            });
            cells.postings[slot as usize] += 1;
            if in_window {
                let month = u16::try_from(slot - 12).expect("a window of under 65,536 months");
                self.current.skill_months.insert((skill, month));
            }
        }
    }

    /// Adds the current employer to the employer counts of what it asked for.
    fn end_employer(&mut self) {
        let current = &mut self.current;
        if current.in_window {
            self.employers += 1;
        }
        for (skill, month) in current.skill_months.drain() {
            let cells = self.cells.get_mut(&skill).expect("added with the posting");
            cells.employers[usize::from(month)] += 1;
            if current.skills.insert(skill) {
                cells.employers_in_window += 1;
            }
        }
        current.skills.clear();
        current.in_window = false;
    }

    pub fn finish(mut self) -> Demand {
        self.end_employer();
        let months: Vec<Month> = (0..self.months)
            .rev()
            .map(|back| self.through.minus(back))
            .collect();
        let window = self.months as usize;
        let mut skills: Vec<SkillCount> = self
            .cells
            .into_iter()
            .map(|(skill, cells)| {
                // Window month s and the same month a year earlier, s - 12, are 12 apart.
                let year_before: u32 = cells.postings[..window].iter().sum();
                let by_month = &cells.postings[12..];
                let postings: u32 = by_month.iter().sum();
                SkillCount {
                    skill,
                    postings,
                    employers: cells.employers_in_window,
                    by_month: by_month
                        .iter()
                        .zip(&cells.employers)
                        .zip(&months)
                        .map(|((&postings, &employers), &month)| MonthCount {
                            month,
                            postings,
                            employers,
                        })
                        .collect(),
                    year_before,
                    trend: (year_before > 0)
                        .then(|| f64::from(postings) / f64::from(year_before) - 1.0),
                }
            })
            .filter(|s| s.postings > 0 || s.year_before > 0)
            .collect();
        skills.sort_by(|a, b| {
            (b.employers, b.postings)
                .cmp(&(a.employers, a.postings))
                .then(a.skill.cmp(&b.skill))
        });
        let title = self.titles.map(|_| {
            let mut asked: Vec<(u32, u32)> = self.title_skills.into_iter().collect();
            asked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (self.title_postings, asked)
        });
        Demand {
            through: self.through,
            months,
            postings: self.postings,
            employers: self.employers,
            skills,
            title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_month_reads_back_as_written() {
        assert_eq!("2026-09".parse::<Month>(), Ok(month(2026, 9)));
        assert_eq!(month(2026, 9).to_string(), "2026-09");
        for bad in [
            "2026-13",
            "2026-9",
            "26-09",
            "+026-09",
            "2026",
            "2026-09-01",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }

    fn month(y: i16, m: i8) -> Month {
        Month::of(date(y, m, 1))
    }

    #[test]
    fn months_count_and_print() {
        let m = month(2026, 1);
        assert_eq!(m.minus(1).to_string(), "2025-12");
        assert_eq!(m.minus(13).to_string(), "2024-12");
        assert_eq!(month(2024, 2).last_day(), date(2024, 2, 29));
    }

    #[test]
    fn counts_postings_employers_and_the_year_before() {
        let through = month(2026, 10);
        let mut c = Counter::new(through, 12, Some(HashSet::from([7])));
        let add = |c: &mut Counter, employer, title, m: Month, skills: &[u32]| {
            c.add(Posting {
                employer,
                title,
                month: m,
                skills,
            })
        };
        // Skill 1: three postings by two employers this year, one a year before.
        add(&mut c, 10, 7, month(2026, 10), &[1, 2]);
        add(&mut c, 10, 8, month(2026, 3), &[1]);
        add(&mut c, 11, 7, month(2025, 11), &[1]);
        add(&mut c, 12, 8, month(2025, 10), &[1, 2]);
        // Outside both windows: ignored.
        add(&mut c, 13, 7, month(2024, 10), &[1]);
        add(&mut c, 13, 7, month(2026, 11), &[1]);
        let d = c.finish();
        assert_eq!(d.months.len(), 12);
        assert_eq!(d.months[0].to_string(), "2025-11");
        assert_eq!((d.postings, d.employers), (3, 2));
        let one = &d.skills[0];
        assert_eq!(
            (one.skill, one.postings, one.employers, one.year_before),
            (1, 3, 2, 1)
        );
        assert_eq!(one.trend, Some(2.0));
        assert_eq!(one.by_month[0].postings, 1);
        assert_eq!(one.by_month[11].employers, 1);
        let two = &d.skills[1];
        assert_eq!((two.skill, two.postings, two.year_before), (2, 1, 1));
        assert_eq!(two.trend, Some(0.0));
        // Title 7 in the window: two postings; skill 1 in both, skill 2 in one.
        assert_eq!(d.title, Some((2, vec![(1, 2), (2, 1)])));
    }

    #[test]
    fn a_short_window_compares_with_the_same_months_a_year_earlier() {
        let through = month(2026, 10);
        let mut c = Counter::new(through, 3, None);
        for (m, n) in [
            (month(2025, 10), 2),
            (month(2025, 7), 5),
            (month(2026, 9), 1),
        ] {
            for _ in 0..n {
                c.add(Posting {
                    employer: 1,
                    title: 1,
                    month: m,
                    skills: &[5],
                });
            }
        }
        let d = c.finish();
        // Aug-Oct 2026 against Aug-Oct 2025: 1 against 2 (July 2025 is outside).
        assert_eq!((d.skills[0].postings, d.skills[0].year_before), (1, 2));
        assert_eq!(d.skills[0].trend, Some(-0.5));
        assert_eq!(d.title, None);
    }

    #[test]
    #[should_panic(expected = "grouped by employer")]
    fn postings_out_of_employer_order_are_refused() {
        let mut c = Counter::new(month(2026, 10), 12, None);
        for employer in [1, 2, 1] {
            c.add(Posting {
                employer,
                title: 0,
                month: month(2026, 10),
                skills: &[1],
            });
        }
    }

    /// Distinct employers counted the plain way, with a set per skill and month, for the property test.
    fn employers_by_set(
        postings: &[(u32, i32, Vec<u32>)],
        months: i32,
    ) -> HashMap<u32, (u32, Vec<u32>)> {
        let mut sets: HashMap<u32, Vec<HashSet<u32>>> = HashMap::new();
        for (employer, back, skills) in postings {
            // Window month m (oldest 0) is `months - 1 - m` months back from the last.
            if !(0..months).contains(back) {
                continue;
            }
            let m = months - 1 - back;
            for &skill in skills {
                sets.entry(skill)
                    .or_insert_with(|| vec![HashSet::new(); months as usize])[m as usize]
                    .insert(*employer);
            }
        }
        sets.into_iter()
            .map(|(skill, by_month)| {
                let all: HashSet<u32> = by_month.iter().flatten().copied().collect();
                let counts = by_month.iter().map(|s| s.len() as u32).collect();
                (skill, (all.len() as u32, counts))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn counts_what_plain_sets_count(
            months in 1..=14i32,
            postings in proptest::collection::vec(
                (0..6u32, 0..30i32, proptest::collection::vec(0..5u32, 0..4)),
                0..60,
            ),
        ) {
            let through = month(2026, 10);
            let mut c = Counter::new(through, months as u32, None);
            let mut grouped = postings.clone();
            grouped.sort_by_key(|p| p.0);
            for (employer, back, skills) in &grouped {
                let mut skills = skills.clone();
                skills.sort_unstable();
                skills.dedup();
                c.add(Posting { employer: *employer, title: 0, month: through.minus(*back), skills: &skills });
            }
            let expected = employers_by_set(&postings, months);
            let d = c.finish();
            for s in &d.skills {
                let (all, by_month) = expected
                    .get(&s.skill)
                    .cloned()
                    .unwrap_or((0, vec![0; months as usize]));
                proptest::prop_assert_eq!(s.employers, all);
                let counted: Vec<u32> = s.by_month.iter().map(|m| m.employers).collect();
                proptest::prop_assert_eq!(counted, by_month);
            }
            for skill in expected.keys() {
                proptest::prop_assert!(d.skills.iter().any(|s| s.skill == *skill));
            }
        }
    }
}
