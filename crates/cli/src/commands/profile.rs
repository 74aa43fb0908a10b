use anyhow::Result;
use milemarker_app::profile::{self, ProfileFields};
use milemarker_core::career::Profile;
use milemarker_core::decision::format_number;
use milemarker_core::markers::grouped;
use milemarker_market::wages;

use crate::cli::{ProfileArgs, ProfileCommand, ProfileSetArgs};
use crate::context::{Db, print, print_json};
use crate::ui::{DIM, HEADING, paint, table};

pub fn run(db: &mut Db, args: ProfileArgs) -> Result<()> {
    match args.command.unwrap_or(ProfileCommand::Show(args.show)) {
        ProfileCommand::Show(flag) => {
            let profile = db.load()?.profile;
            if flag.json {
                print_json(&profile)
            } else {
                print(&render(&profile))
            }
        }
        ProfileCommand::Set(args) => {
            let profile = db.update(|snapshot| {
                profile::apply(&mut snapshot.profile, fields(*args));
                Ok(snapshot.profile.clone())
            })?;
            print(&render(&profile))
        }
    }
}

/// The flags as the profile's fields.
fn fields(args: ProfileSetArgs) -> ProfileFields {
    let ProfileSetArgs {
        name,
        occupation,
        area,
        role_start,
        last_promotion,
        promotion_promised,
        level,
        pay,
        bonus,
        equity,
        currency,
        boundary,
        work_days,
    } = args;
    ProfileFields {
        name,
        occupation,
        area,
        role_start,
        last_promotion,
        promotion_promised,
        level,
        pay,
        bonus,
        equity,
        currency,
        boundary,
        work_days,
    }
}

/// An occupation code with its title where the wage table knows it: "Registered Nurses
/// (29-1141.00)".
fn occupation(code: &str) -> String {
    wages::soc(code)
        .ok()
        .and_then(|soc| wages::occupation_title(&soc))
        .map_or_else(|| code.to_string(), |title| format!("{title} ({code})"))
}

/// The area as a place ("Ohio"); no area is the nation.
fn area(code: Option<&str>) -> String {
    let found = code.map_or_else(|| wages::area("0000000"), wages::area);
    found.map_or_else(|| code.unwrap_or("national").to_string(), |a| a.place())
}

pub fn render(p: &Profile) -> String {
    let unset = || paint(DIM, "not set");
    let text = |v: &Option<String>| v.clone().unwrap_or_else(unset);
    let money = |v: Option<f64>| v.map_or_else(unset, |v| format!("{} {}", grouped(v), p.currency));
    let date = |v: Option<jiff::civil::Date>| v.map_or_else(unset, |d| d.to_string());
    let rows = vec![
        vec!["name".into(), text(&p.name)],
        vec![
            "occupation".into(),
            p.occupation.as_deref().map_or_else(unset, occupation),
        ],
        vec!["area".into(), area(p.area.as_deref())],
        vec!["level".into(), text(&p.level)],
        vec!["role start".into(), date(p.role_start)],
        vec!["last promotion".into(), date(p.last_promotion)],
        vec!["promotion promised".into(), date(p.promotion_promised)],
        vec!["pay".into(), money(p.pay)],
        vec!["bonus".into(), money(p.bonus)],
        vec!["equity".into(), money(p.equity)],
        vec!["total pay".into(), money(p.total_pay())],
        vec![
            "boundary".into(),
            format!("{} hours a week", format_number(p.boundary_hours)),
        ],
        vec!["work days".into(), p.work_days.to_string()],
    ];
    format!("{}\n{}", paint(HEADING, "Profile"), table(&rows))
}
