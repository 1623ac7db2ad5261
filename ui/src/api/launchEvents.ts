// The `launch-event`s the shell emits to the main window when an app launch ends.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { LaunchEvent } from "./bindings";

export const LAUNCH_EVENT = "launch-event";

/** Calls `handler` with every launch's end until the returned function is called. */
export function onLaunchEvent(handler: (event: LaunchEvent) => void): Promise<UnlistenFn> {
  return listen<LaunchEvent>(LAUNCH_EVENT, (message) => handler(message.payload));
}
