//! The desktop app's IPC router, generated from the command list (command_list.rs): a
//! command's arguments are read from the call's JSON by name, then its `Console` method (a
//! `console` line) or its function in commands.rs (a `custom` line) runs in a boxed future
//! whose answer is serialised here, so Tauri spawns and answers one future type for all of
//! them. As `#[tauri::command]`s, each command instantiated Tauri's and Tokio's
//! spawn-and-answer code for its own future type (issue 21: ~0.4 MB of the binary). Tauri's
//! access control is unchanged: it checks a command's permission (capabilities/main.json)
//! before the router sees the call.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeMessage, InvokeResponseBody};
use tauri::{AppHandle, Manager};

#[allow(unused_imports)]
use intandem_core::console::dto::*;
// Globs: a command of the list may name any type of the console, with no edit here.
#[allow(unused_imports)]
use intandem_core::console::*;
#[allow(unused_imports)]
use intandem_core::launch::*;
#[allow(unused_imports)]
use intandem_core::manifest::*;
#[allow(unused_imports)]
use intandem_core::platform::call_log::LoggedCall;
#[allow(unused_imports)]
use intandem_core::store::{AuditEntry, ProfileId};
use intandem_core::{ConsoleError, ErrorCode, Secret};

// The `custom` commands' own types.
#[allow(unused_imports)]
use crate::launch_window::LaunchStarted;
#[allow(unused_imports)]
use crate::manifest_files::OpenedManifest;
#[allow(unused_imports)]
use crate::oauth_window::{OAuthStart, OAuthStarted};
use crate::state::{ConsoleState, Overview};

/// A command's answer: its JSON, or the error the page gets.
type Answer = Pin<Box<dyn Future<Output = Result<String, ConsoleError>> + Send>>;

/// Answers `invoke` if it names a command of the list (`true`); `false` for any other
/// name, which Tauri then rejects.
pub fn route(invoke: Invoke) -> bool {
    let Some(answer) = answer(&invoke.message) else {
        return false;
    };
    invoke.resolver.respond_async_serialized(async move {
        answer
            .await
            .map(InvokeResponseBody::Json)
            .map_err(InvokeError::from)
    });
    true
}

/// What a routed command works with: the app (its managed state) and the call's arguments.
fn call_context(message: &InvokeMessage) -> (AppHandle, Value) {
    let arguments = match message.payload() {
        InvokeBody::Json(arguments) => arguments.clone(),
        // The page's wrappers always send JSON; raw bytes carry no named arguments.
        InvokeBody::Raw(_) => Value::Null,
    };
    (message.webview_ref().app_handle().clone(), arguments)
}

/// The argument `name` of `command`, as Tauri's commands read one: a missing argument is
/// `null`, which only an `Option` accepts.
fn argument<T: DeserializeOwned>(
    arguments: &Value,
    command: &str,
    name: &str,
) -> Result<T, ConsoleError> {
    // serde's message is left out: it can quote the value, and a value may be a secret.
    T::deserialize(arguments.get(name).unwrap_or(&Value::Null)).map_err(|_| {
        ConsoleError::new(
            ErrorCode::InvalidInput,
            format!("The console's page called {command} without a valid `{name}`. Reload the window (Ctrl+R); if it happens again, report it."),
        )
    })
}

fn to_json<T: Serialize>(answer: &T) -> Result<String, ConsoleError> {
    serde_json::to_string(answer).map_err(|error| {
        ConsoleError::new(
            ErrorCode::Internal,
            format!("The answer could not be sent to the page ({error})."),
        )
    })
}

/// Generates `answer` from the command list: one `if` per command.
macro_rules! routes {
    ($($kind:ident $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $(=> $method:ident ($($call:expr),*))?;)*) => {
        /// The answer to the command `message` names; `None` for a name not on the list.
        fn answer(message: &InvokeMessage) -> Option<Answer> {
            let command = message.command();
            $( route!(message, command, $kind $name ($($arg: $ty),*) -> $ret $(=> $method ($($call),*))?); )*
            None
        }
    };
}

macro_rules! route {
    ($message:ident, $command:ident, custom $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
        if $command == stringify!($name) {
            return Some(route!(@answer $message, $name ($($arg: $ty),*) -> $ret, |handle| {
                crate::commands::$name(&handle, $($arg),*).await
            }));
        }
    };
    ($message:ident, $command:ident, console $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty => $method:ident ($($call:expr),*)) => {
        if $command == stringify!($name) {
            return Some(route!(@answer $message, $name ($($arg: $ty),*) -> $ret, |handle| {
                let state = handle.state::<ConsoleState>();
                // Bound before the block ends: the console's read guard borrows `state`.
                let answer = state.console().await?.$method($($call),*).await;
                answer
            }));
        }
    };
    // What every command does around its call: the arguments read by name, the call, the
    // memory debounce poked, the answer serialised.
    (@answer $message:ident, $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty, |$handle:ident| $call:block) => {{
        #[allow(unused_variables)]
        let ($handle, arguments) = call_context($message);
        Box::pin(async move {
            $( let $arg: $ty = argument(&arguments, stringify!($name), stringify!($arg))?; )*
            let answer: Result<$ret, ConsoleError> = $call;
            crate::memory::AFTER_COMMANDS.poke();
            to_json(&answer?)
        })
    }};
}

with_commands!(routes);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_optional_argument_reads_as_none_and_a_missing_required_one_is_invalid_input() {
        let arguments = serde_json::json!({ "app": "demo", "limit": null });
        let app: String = argument(&arguments, "audit", "app").unwrap();
        assert_eq!(app, "demo");
        let limit: Option<u32> = argument(&arguments, "audit", "limit").unwrap();
        assert_eq!(limit, None);
        let absent: Option<u32> = argument(&arguments, "audit", "absent").unwrap();
        assert_eq!(absent, None);
        let error = argument::<String>(&arguments, "app_show", "absent").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("app_show"), "{}", error.message);
        assert!(error.message.contains("`absent`"), "{}", error.message);
    }

    #[test]
    fn an_argument_of_the_wrong_type_is_invalid_input_and_names_the_argument() {
        let arguments = serde_json::json!({ "reveal": "yes" });
        let error = argument::<bool>(&arguments, "app_credentials", "reveal").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("`reveal`"), "{}", error.message);
    }

    #[test]
    fn an_invalid_argument_is_not_quoted_in_the_error() {
        let arguments = serde_json::json!({ "client_secret": 12345678 });
        let error =
            argument::<Secret>(&arguments, "app_credentials_import", "client_secret").unwrap_err();
        assert!(!error.message.contains("12345678"), "{}", error.message);
    }

    #[test]
    fn arguments_sent_as_raw_bytes_have_no_names() {
        let error = argument::<String>(&Value::Null, "app_show", "app").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
    }
}
