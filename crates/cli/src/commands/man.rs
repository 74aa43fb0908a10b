//! Man pages, generated from the same definition as `--help` (clap_mangen): one for milemarker and
//! one for every command, printed one at a time or written all at once.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use clap::CommandFactory;

use crate::cli::Cli;

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

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct ManArgs {
    #[command(flatten)]
    pub unused: NoDatabase,
    /// The command whose page to print, e.g. `init` or `contact add` [default: milemarker's own]
    pub command: Vec<String>,
    /// Write every page (milemarker.1, milemarker-init.1, ...) into this folder instead
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// `man` and `completions` read no database and no settings: their own hidden `--db` and
/// `--config` stand where the global ones would be copied in (clap copies a global argument only
/// into commands without one of the same name), so their help does not offer them.
#[derive(Debug, Args)]
pub struct NoDatabase {
    #[arg(long, hide = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[arg(long, hide = true, value_name = "PATH")]
    config: Option<PathBuf>,
}
