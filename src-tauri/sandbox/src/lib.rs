//! intandem-sandbox: the inTandem platform, emulated.
