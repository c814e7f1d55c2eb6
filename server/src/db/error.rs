//! What a storage failure is, as the handlers may see it.

/// A storage failure, as the pages may see it: never the database's own text, which goes to
/// the server log instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    Unavailable,
    /// The reference number is already used by another application: draw another.
    ReferenceTaken,
    /// A unique name is taken (a staff username), or an idempotency key was first used for
    /// another request.
    Conflict,
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendError::Unavailable => f.write_str("the database is unavailable"),
            BackendError::ReferenceTaken => f.write_str("the reference number is taken"),
            BackendError::Conflict => f.write_str("the name is taken"),
        }
    }
}

impl std::error::Error for BackendError {}
