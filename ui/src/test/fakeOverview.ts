// The shell's overview as the tests' mocked IPC (or the page's first-screen data) gives
// it: an unlocked store on the OS keyring, on the built-in Sandbox profile unless a test
// says otherwise.
import type { Overview, ProfileView } from "../api/bindings";

export const SANDBOX: ProfileView = {
  id: 1,
  name: "Sandbox",
  kind: "sandbox",
  api_base: "http://127.0.0.1:4100/",
  brand_url: "http://127.0.0.1:4100/",
  directory_token: "…a1b2",
  is_current: true,
  insecure: false,
  created_at: "2026-11-22T10:00:00Z",
};

export function overview(over: Partial<Overview> = {}): Overview {
  return {
    version: "0.1.0",
    data_dir: "/tmp/data",
    store: { unlocked: true, key_source: "keyring", passphrase_prompt: null },
    current_profile: SANDBOX,
    startup_error: null,
    sandbox_login: null,
    ...over,
  };
}
