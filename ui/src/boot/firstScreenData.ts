// Reads the first screen's data block the shell put in the page (src-tauri/shell/
// first_screen.rs) and takes it out of the DOM. No block (a dev server, a slow start-up)
// or a malformed one means the app asks over IPC, as it always could.
import type { FirstScreen } from "../api/bindings";

export const BLOCK_ID = "first-screen";

export function takeFirstScreen(doc: Document): FirstScreen | null {
  const block = doc.getElementById(BLOCK_ID);
  if (!block) return null;
  block.remove();
  try {
    const data = JSON.parse(block.textContent ?? "") as Partial<FirstScreen> | null;
    if (!data || typeof data.overview !== "object" || data.overview === null || data.apps === undefined) return null;
    return data as FirstScreen;
  } catch {
    return null;
  }
}
