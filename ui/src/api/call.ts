// How every command is called: `call` turns a rejected invoke into a ConsoleError that
// carries the stable error code (the UI switches on the code, never on message text).
import { invoke } from "@tauri-apps/api/core";
import type { ConsoleError as ConsoleErrorPayload, ErrorCode } from "./bindings";

export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryAfterSecs: number | undefined;
  constructor(payload: ConsoleErrorPayload) {
    super(payload.message);
    this.name = "ConsoleError";
    this.code = payload.code;
    this.field = payload.field;
    this.status = payload.status;
    this.vendorMessage = payload.vendor_message;
    this.retryAfterSecs = payload.retry_after_secs;
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

/** Turns anything thrown into a ConsoleError (TanStack Query types errors as Error). */
export function asConsoleError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  return new ConsoleError({ code: "internal", message: String(error) });
}

