//! End-to-end tests of the desktop app.
