//! A value that does not hold, named by the field it belongs to, so that each front end can put
//! the message where its reader looks (the CLI prints "field: message"; the web shows the message
//! beside the input of that name) without parsing text.

use thiserror::Error;

/// A field of the person's data that does not hold, with how to fix it. `field` is spelled as the
/// person meets it: the form field or the CLI flag without its dashes (`hours`, `week`), or a
/// path into the record (`checkins[2]`, `profile.pay`) when a whole record is checked.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{field}: {message}")]
pub struct InvalidField {
    pub field: String,
    pub message: String,
}

impl InvalidField {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> InvalidField {
        InvalidField {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same problem seen from the whole record: the entry (`checkins[2]`) becomes the field
    /// and the message keeps the entry's own field, so it reads "checkins[2]: hours: ...".
    pub fn within(self, path: impl Into<String>) -> InvalidField {
        let message = self.to_string();
        InvalidField::new(path, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_field_then_message_and_nests_under_a_path() {
        let err = InvalidField::new("hours", "200 is not 0 to 168 hours in a week");
        assert_eq!(
            err.to_string(),
            "hours: 200 is not 0 to 168 hours in a week"
        );
        let whole = err.within("checkins[2]");
        assert_eq!(whole.field, "checkins[2]");
        assert_eq!(
            whole.to_string(),
            "checkins[2]: hours: 200 is not 0 to 168 hours in a week"
        );
    }
}
