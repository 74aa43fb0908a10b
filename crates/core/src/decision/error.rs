use thiserror::Error;

/// Why a decision document cannot be decided. Each variant says where and how to fix it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DocumentError {
    /// The text is not valid JSON or TOML, or a field has the wrong type.
    #[error("{}", parse_message(format, path.as_deref(), *line, *column, message))]
    Parse {
        format: &'static str,
        path: Option<String>,
        line: usize,
        column: usize,
        message: String,
    },
    /// The document reads fine but says something that cannot be decided.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

impl DocumentError {
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        DocumentError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

fn parse_message(
    format: &str,
    path: Option<&str>,
    line: usize,
    column: usize,
    message: &str,
) -> String {
    let place = if line > 0 {
        format!(" at line {line}, column {column}")
    } else {
        String::new()
    };
    match path {
        Some(path) => format!("{path}: {message} ({format}{place})"),
        None => format!("{format} is malformed{place}: {message}"),
    }
}
