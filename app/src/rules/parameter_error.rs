//! Why a parameter file, or a change to one, is refused.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParameterError {
    /// The file is not a parameter file; the text says where.
    Unreadable(String),
    /// A key has no entries, or a value that makes no sense (a negative standard, …).
    Invalid(String),
}

impl std::fmt::Display for ParameterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParameterError::Unreadable(why) => write!(f, "parameter file unreadable: {why}"),
            ParameterError::Invalid(why) => write!(f, "parameter file invalid: {why}"),
        }
    }
}

impl std::error::Error for ParameterError {}
