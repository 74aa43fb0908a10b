//! Man pages, generated from the same definition as `--help` (clap_mangen): one for milemarker and
//! one for every command, printed one at a time or written all at once.

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};

pub fn run(args: ManArgs) -> Result<()> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    // Building names each command as its page is titled: milemarker-contact-add.
    cli.build();
    if let Some(dir) = args.dir {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(cli, &dir)
            .with_context(|| format!("cannot write the pages into {}", dir.display()))?;
        return crate::context::print(&format!(
            "Wrote the man pages into {}; read one with `man {}/milemarker.1`, or put the folder \
             on MANPATH.\n",
            dir.display(),
            dir.display()
        ));
    }
    let mut page = cli;
    for name in &args.command {
        let Some(sub) = page.find_subcommand(name).cloned() else {
            bail!(
                "{} has no command \"{name}\"; `milemarker man --dir DIR` writes every page",
                page.get_display_name().unwrap_or(page.get_name())
            );
        };
        page = sub;
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    crate::context::print(&String::from_utf8(out)?)
}
