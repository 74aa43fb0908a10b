//! The labour market (DESIGN 4.9) as typed answers: pay against BLS OEWS wages (seed 000: "I've
//! learned my value"), demand for skills in imported postings (004: "skills that are highly in
//! demand by multiple employers"), and the occupations a person's skills fit (003). The CLI
//! prints them as text or serialises them as its `--json`; the web renders the same values.

pub(crate) mod demand;
mod imported;
mod occupations;
mod pay;

pub use demand::{
    CoveredSkill, DemandAnswer, DemandOptions, DemandRow, GAP_SHARE, Gap, OccupationGap, TitleGap,
    TitleGapSkill, demand, is_class, skill_demand,
};
pub use imported::{
    Counted, DEMAND_FILE, DemandFile, DemandImported, forget as forget_demand,
    import as import_demand, read as read_demand,
};
pub use occupations::{
    Basis, Current, OccupationRow, OccupationsAnswer, Related, occupations, search,
};
pub use pay::{PayAnswer, pay};
