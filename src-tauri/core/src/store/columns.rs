//! Reading column values back into domain types (timestamps have their own module).

use super::StoreError;
use crate::platform::AppCodeName;

/// An app code name read from the store; a value that is not one means the row was
/// written by something other than this store.
pub(crate) fn code_name(what: &'static str, text: String) -> Result<AppCodeName, StoreError> {
    AppCodeName::existing(text.as_str())
        .map_err(|_| StoreError::invalid_row(what, format!("{text:?} is not an app code name")))
}
