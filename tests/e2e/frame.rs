//! The main window renders the console's frame.

use crate::harness::App;

#[tokio::test]
async fn main_window_renders_the_frame_with_sidebar_header_and_empty_state() {
    let app = App::launch().await;

    let sidebar = app.text_of("nav.sidebar").await;
    assert!(sidebar.contains("Profiles"), "sidebar: {sidebar:?}");
    assert!(sidebar.contains("Apps"), "sidebar: {sidebar:?}");

    let header = app.text_of("[data-testid=current-profile]").await;
    assert!(
        !header.trim().is_empty(),
        "the header shows no profile state"
    );

    let empty = app.text_of("[data-testid=empty-state]").await;
    assert!(empty.len() > 20, "the empty state says nothing: {empty:?}");

    assert_eq!(app.client.title().await.unwrap(), "inTandem App Console");
    app.quit().await;
}
