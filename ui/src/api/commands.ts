// Typed wrappers over the shell's #[tauri::command]s. Every call goes through `call`,
// which turns a rejected invoke into a ConsoleError carrying the stable error code.
import { invoke } from "@tauri-apps/api/core";

export type ProfileKind = "sandbox" | "production" | "custom";
export type KeySource = "keyring" | "passphrase";

export interface ProfileView {
  id: number;
  name: string;
  kind: ProfileKind;
  api_base: string;
  brand_url: string;
  /** Masked (`…abcd`): the directory token is write-only once saved. */
  directory_token: string;
  is_current: boolean;
  created_at: string;
}

export interface PassphrasePrompt {
  first_run: boolean;
  keyring_unavailable: string | null;
}

export interface StoreStatus {
  unlocked: boolean;
  key_source: KeySource | null;
  passphrase_prompt: PassphrasePrompt | null;
}

export interface ConsoleErrorPayload {
  code: string;
  message: string;
  status?: number;
  vendor_message?: string;
  retry_after_secs?: number;
  field?: string;
}

export interface Overview {
  version: string;
  data_dir: string;
  store: StoreStatus;
  current_profile: ProfileView | null;
  startup_error: ConsoleErrorPayload | null;
}

export interface AppSummary {
  app_code_name: string;
  app_id: string | null;
  name: string | null;
  has_credentials: boolean;
}

export interface AppsListing {
  profile: string;
  apps: AppSummary[];
  stale: boolean;
  last_synced_at: string | null;
  sync_error: ConsoleErrorPayload | null;
}

export class ConsoleError extends Error {
  readonly code: string;
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
};
