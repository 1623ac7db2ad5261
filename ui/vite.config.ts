/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI is written against React's API and runs on Preact (preact/compat), in the app and
// in the tests alike: the first bundle is ~110 kB instead of ~310 kB, which WebKit parses
// ~10-30 ms sooner at start-up (see README, "Start-up"). Preact 11, not 10: Preact 10
// copies virtual nodes with plain assignment, which throws once the main window has
// frozen Object.prototype (the copy's `constructor`; src-tauri/shell/lib.rs).
const preact = [
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom\/test-utils$/, replacement: "preact/test-utils" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react$/, replacement: "preact/compat" },
  // Its package.json has no "exports", so the tests would load its CommonJS build,
  // whose require("react-dom") no alias reaches.
  {
    find: /^@testing-library\/react$/,
    replacement: "@testing-library/react/dist/@testing-library/react.esm.js",
  },
];

// The environment Vite runs in (no Node types in this project).
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

// Tauri serves ui/dist through its custom protocol; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [react()],
  // The start-up benchmark's marks (src/paintMark.ts) are compiled in only for `make bench`
  // and the tests (INTANDEM_BENCH=1, and Vitest); the packaged app's bundle has none.
  define: { __BENCH__: JSON.stringify(env.INTANDEM_BENCH === "1" || env.VITEST === "true") },
  resolve: { alias: preact },
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "safari16", outDir: "dist", sourcemap: false },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // Run through Vite, so the aliases above reach them too.
    server: { deps: { inline: [/@testing-library/, /@tanstack/] } },
  },
});
