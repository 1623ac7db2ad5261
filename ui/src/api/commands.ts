// Typed wrappers over the shell's #[tauri::command]s. Every call goes through `call`,
// which turns a rejected invoke into a ConsoleError carrying the stable error code.
// The types come from ./bindings, generated from the Rust types (`make bindings`).
import { invoke } from "@tauri-apps/api/core";
import type {
  AppsListing,
  ConsoleError as ConsoleErrorPayload,
  ErrorCode,
  NewProfileInput,
  Overview,
  ProfileView,
} from "./bindings";

export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(payload: ConsoleErrorPayload) {
    super(payload.message);
    this.name = "ConsoleError";
    this.code = payload.code;
    this.field = payload.field;
  }
}

function isCodedError(value: unknown): value is ConsoleErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isCodedError(error)) throw new ConsoleError(error);
    throw new ConsoleError({ code: "internal", message: String(error) });
  }
}

export const commands = {
  overview: () => call<Overview>("console_overview"),
  unlock: (passphrase: string) => call<Overview>("store_unlock", { passphrase }),
  profilesList: () => call<ProfileView[]>("profiles_list"),
  appsList: () => call<AppsListing>("apps_list"),
  profileAdd: (input: NewProfileInput) => call<ProfileView>("profile_add", { input }),
  profileUse: (name: string) => call<ProfileView>("profile_use", { name }),
};
