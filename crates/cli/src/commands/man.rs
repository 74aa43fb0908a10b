use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;

pub fn run() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    crate::context::print(&String::from_utf8(out)?)
}
