// Build-time flags, replaced by Vite's `define` (vite.config.ts).

/** The start-up benchmark's marks and READY report: on in `make bench`, `make test` and Vitest; off in the packaged app. */
declare const __BENCH__: boolean;
