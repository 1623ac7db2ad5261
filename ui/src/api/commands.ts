// Typed wrappers over the shell's #[tauri::command]s. Every call goes through `call`,
// which turns a rejected invoke into a ConsoleError carrying the stable error code.
import { invoke } from "@tauri-apps/api/core";

export interface ProfileSummary {
  name: string;
  kind: "sandbox" | "production" | "custom";
  api_base: string;
}

export interface ConsoleOverview {
  version: string;
  current_profile: ProfileSummary | null;
}

export class ConsoleError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
  }
}

function isCodedError(value: unknown): value is { code: string; message: string } {
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
    if (isCodedError(error)) throw new ConsoleError(error.code, error.message);
    throw new ConsoleError("internal", String(error));
  }
}

export const commands = {
  overview: () => call<ConsoleOverview>("console_overview"),
};
