// The `oauth-event`s the shell emits to the main window while an OAuth test runs.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { OAuthEvent } from "./bindings";

export const OAUTH_EVENT = "oauth-event";

/** Calls `handler` with every OAuth test event until the returned function is called. */
export function onOAuthEvent(handler: (event: OAuthEvent) => void): Promise<UnlistenFn> {
  return listen<OAuthEvent>(OAUTH_EVENT, (message) => handler(message.payload));
}
