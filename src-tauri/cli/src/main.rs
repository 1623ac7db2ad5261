//! `intandem`: the console's command layer from a terminal.
fn main() {}
