//! The settings file: the marker thresholds a person or their coach sets.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::input::{CONFIG_LIMIT, read_input};

/// The settings file: `--config`, else `MILEMARKER_CONFIG` (clap reads both), else
/// `config.toml` in the platform config directory.
pub fn config_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "milemarker")
        .context("cannot find a home directory for the settings; pass --config PATH")?;
    Ok(dirs.config_dir().join("config.toml"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    markers: milemarker_core::markers::Thresholds,
}

/// The marker thresholds in effect, and whether a file set any of them.
pub struct Settings {
    pub path: PathBuf,
    pub file_exists: bool,
    pub thresholds: milemarker_core::markers::Thresholds,
}

pub fn load_settings(flag: Option<&Path>) -> Result<Settings> {
    let path = config_path(flag)?;
    let text = match std::fs::metadata(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(read_input(&path, CONFIG_LIMIT)?),
    };
    let file: ConfigFile = match &text {
        Some(text) => toml::from_str(text).map_err(|err| {
            let place = err
                .span()
                .map(|span| {
                    let line = text[..span.start].matches('\n').count() + 1;
                    format!(" line {line}:")
                })
                .unwrap_or_default();
            anyhow::anyhow!(
                "{}:{place} {}; `milemarker config` shows every setting with its default",
                path.display(),
                err.message()
            )
        })?,
        None => ConfigFile::default(),
    };
    file.markers
        .validate()
        .map_err(|err| anyhow::anyhow!("{}: [markers] {err}", path.display()))?;
    Ok(Settings {
        file_exists: text.is_some(),
        path,
        thresholds: file.markers,
    })
}
