//! A browser the console cannot watch (another computer, a redirect URI that is not on
//! loopback): the caller shows the authorize URL, and the user pastes (or a script pipes)
//! the full URL the browser was finally sent to, one line on a reader such as stdin.

use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};
use url::Url;

use super::browser::{Browser, RedirectCatch, RunInbox, RunInput};
use crate::console::ConsoleError;
use crate::oauth::Arrival;

pub struct PastedRedirect<R> {
    show: Box<dyn FnMut(&Url) + Send>,
    reader: Option<R>,
    reading: Option<tokio::task::JoinHandle<()>>,
}

impl<R: AsyncBufRead + Unpin + Send + 'static> PastedRedirect<R> {
    /// `show` gets the authorize URL; the redirect URL is then read from `reader`.
    pub fn new(show: Box<dyn FnMut(&Url) + Send>, reader: R) -> Self {
        PastedRedirect {
            show,
            reader: Some(reader),
            reading: None,
        }
    }
}

impl<R: AsyncBufRead + Unpin + Send + 'static> Browser for PastedRedirect<R> {
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        (self.show)(url);
        let Some(mut reader) = self.reader.take() else {
            return Ok(());
        };
        self.reading = Some(tokio::spawn(async move {
            let mut line = String::new();
            loop {
                line.clear();
                match reader.read_line(&mut line).await {
                    Ok(0) | Err(_) => {
                        inbox.send(RunInput::Stop(
                            "No redirect URL was given (the input ended).".to_owned(),
                        ));
                        return;
                    }
                    Ok(_) if line.trim().is_empty() => continue,
                    Ok(_) => {}
                }
                let arrival = Arrival::now();
                match Url::parse(line.trim()) {
                    Ok(url) if catch.is_redirect(&url) => {
                        inbox.send(RunInput::Redirect { url, arrival });
                        return;
                    }
                    // Not the redirect: the run is told which page it is, and waits on.
                    Ok(url) => inbox.send(RunInput::Navigated(url)),
                    Err(_) => inbox.send(RunInput::Failed(ConsoleError::invalid_input(
                        "redirect_url",
                        "That is not a URL: give the full address the browser was sent to \
                         after the consent page, starting with http:// or https://.",
                    ))),
                }
            }
        }));
        Ok(())
    }

    fn close(&mut self) {
        if let Some(reading) = self.reading.take() {
            reading.abort();
        }
    }
}
