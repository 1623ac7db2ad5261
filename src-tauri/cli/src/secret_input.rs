//! Secrets typed or piped in: the directory token (stdin only, never the command line)
//! and the store passphrase (environment or a prompt without echo).

use std::io::{BufRead, IsTerminal};

use intandem_core::{ConsoleError, Secret};

/// One line from stdin: asked for without echo on a terminal, read as piped otherwise.
pub fn read_line_from_stdin(what: &str, field: &str) -> Result<Secret, ConsoleError> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{what}: ")).map_err(|error| {
            ConsoleError::invalid_input(
                field,
                format!("The {what} could not be read from the terminal ({error}): pipe it on stdin instead."),
            )
        })?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|error| {
                ConsoleError::invalid_input(
                    field,
                    format!(
                        "Reading the {what} from stdin failed ({error}): pipe it in, on one line."
                    ),
                )
            })?;
        line
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(ConsoleError::invalid_input(
            field,
            format!("No {what} was given: pipe it on stdin, e.g. `printf '%s\\n' \"$TOKEN\" | intandem profile add …`."),
        ));
    }
    Ok(Secret::new(text))
}

/// Asks for a passphrase on the terminal, twice when choosing a new one.
pub fn prompt_passphrase(choosing: bool) -> Result<Option<Secret>, ConsoleError> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let read = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|error| {
            ConsoleError::invalid_input(
                "passphrase",
                format!("The passphrase could not be read from the terminal ({error}): set INTANDEM_PASSPHRASE instead."),
            )
        })
    };
    if !choosing {
        return Ok(Some(Secret::new(read("Store passphrase: ")?)));
    }
    let first = read("Choose a passphrase for the local store: ")?;
    let again = read("Type it again: ")?;
    if first != again {
        return Err(ConsoleError::invalid_input(
            "passphrase",
            "The two passphrases differ: run the command again and type the same one twice.",
        ));
    }
    Ok(Some(Secret::new(first)))
}
