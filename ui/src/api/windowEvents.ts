// The close request of the console's window, as Tauri sends it to the window's page.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

const CLOSE_REQUESTED = "tauri://close-requested";

/**
 * Calls `handler` each time the user asks to close the console's window. While a handler
 * listens, the window stays open: the page closes it (`commands.mainWindowClose`) or not.
 */
export function onCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen(CLOSE_REQUESTED, () => handler(), { target: { kind: "Window", label: "main" } });
}
