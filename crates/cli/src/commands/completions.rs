use anyhow::Result;
use clap::Args;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::commands::man::NoDatabase;

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "milemarker", &mut out);
    crate::context::print(&String::from_utf8(out)?)
}

// The command line of this command, beside its handler.

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[command(flatten)]
    pub unused: NoDatabase,
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
