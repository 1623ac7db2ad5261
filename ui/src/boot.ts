// The page's entry: the theme, then the first screen painted from the data the shell put
// in the page, before the app's bundle even loads (boot/paintFirstScreen.ts); then the app
// (main.tsx), loaded once that frame is drawn, takes the screen over.
import "./styles.css";
import type { AppsListing } from "./api/bindings";
import { commands } from "./api/commands";
import { takeFirstScreen } from "./boot/firstScreenData";
import { paintFirstScreen } from "./boot/paintFirstScreen";
import { markOnce, onFirstPaint, reportFirstPaint } from "./paintMark";
import { applyTheme, loadTheme } from "./theme";

applyTheme(loadTheme());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
const first = takeFirstScreen(document);
const painted = first ? paintFirstScreen(first, root) : null;

/** Loads the app; `cached` is the whole cached list, when the picture already asked for it. */
function loadApp(cached?: Promise<AppsListing>) {
  import("./main")
    .then((app) => app.start(root!, first, painted, cached))
    .catch((error: unknown) => {
      // Not an inert picture left up: say what happened (the app's own bundle is missing
      // or broken, which a reinstall mends).
      painted?.remove();
      root!.textContent = `The console could not load its window (${String(error)}). Reinstall the console; if this keeps happening, run it from a terminal to see its log.`;
    });
}

if (painted) {
  markOnce("first-screen-painted");
  reportFirstPaint();
  // Once the frame is drawn: ask for the whole list (10,000 apps are ~1.5 MB of JSON to
  // parse, which must not delay that frame) while the app's bundle loads.
  onFirstPaint(() => loadApp(commands.appsCached()));
} else {
  loadApp();
}
