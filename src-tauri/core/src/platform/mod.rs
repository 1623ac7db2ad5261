//! The inTandem platform client: every endpoint the console uses, the vendor quirks absorbed in one place.
