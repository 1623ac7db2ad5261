// Stand-ins for the launch commands in the tests' mocked IPC: a directory's businesses
// (one blocked, staff who cannot sign in), a launch's start and its verdict, shaped as
// core/src/launch answers them; `mockLaunchBackend` records every call.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { BusinessView, LaunchStarted, LaunchVerdict } from "../api/bindings";

export const BUSINESSES: BusinessView[] = [
  {
    uid: "biz-1",
    name: "Sunny Salon",
    blocked: false,
    staff: [
      { uid: "staff-2", email: "bob@sunny.example", display_name: "Bob", role: "staff", owner: false, unavailable: "blocked" },
      { uid: "staff-1", email: "ana@sunny.example", display_name: "Ana", role: "owner", owner: true, unavailable: null },
      { uid: "staff-3", email: "cy@sunny.example", display_name: "Cy", role: "admin", owner: false, unavailable: null },
    ],
  },
  {
    uid: "biz-2",
    name: "Closed Spa",
    blocked: true,
    staff: [{ uid: "staff-9", email: "zoe@closed.example", display_name: null, role: null, owner: true, unavailable: null }],
  },
  {
    uid: "biz-3",
    name: "Quiet Studio",
    blocked: false,
    staff: [
      { uid: "staff-4", email: "dan@quiet.example", display_name: null, role: null, owner: true, unavailable: "not active" },
      { uid: "staff-5", email: "eve@quiet.example", display_name: null, role: "staff", owner: false, unavailable: null },
      { uid: "staff-6", email: null, display_name: "Fay", role: "staff", owner: false, unavailable: null },
    ],
  },
];

export const INSTALLED = "Installed app notesapp in business Sunny Salon for this launch; it stays installed.";
export const KEY = 5;

export const STARTED: LaunchStarted = {
  key: KEY,
  window_label: "launch-5",
  plan: {
    app_code_name: "notesapp",
    business_uid: "biz-1",
    business_name: "Sunny Salon",
    staff_uid: "staff-1",
    staff_email: "ana@sunny.example",
    launch_url: "http://127.0.0.1:4100/app/launch/l1",
    sandbox: true,
    notes: [INSTALLED],
  },
};

export function verdict(over: Partial<LaunchVerdict> = {}): LaunchVerdict {
  return {
    run_id: 12,
    app_code_name: "notesapp",
    business_uid: "biz-1",
    staff_uid: "staff-1",
    verdict: "fail",
    checks: [
      { id: "launched", title: "The app opened", severity: "pass", message: "The platform opened your app.", fix: null },
      {
        id: "redirect_uri",
        title: "A registered redirect URI",
        severity: "fail",
        message: 'The redirect_uri "https://x.example/cb" is not one of the app\'s registered redirect URIs.',
        fix: "Send exactly one of the app's oauth_redirect_uris, or register it.",
      },
      {
        id: "state_sent",
        title: "A state that is sent and unguessable",
        severity: "warn",
        message: "Your app sent a state of only 8 characters.",
        fix: "Use at least 128 random bits for state.",
      },
    ],
    sandbox: true,
    started_at: "2026-11-22T10:00:00Z",
    finished_at: "2026-11-22T10:00:40Z",
    notes: [INSTALLED, "The state probe ran after the flow."],
    markdown: "# Launch 12 of notesapp\n\nVerdict: fail",
    ...over,
  };
}

export type Call = { cmd: string; args: Record<string, unknown> };
type Options = {
  businesses?: () => unknown;
  start?: (args: Record<string, unknown>) => unknown;
  launches?: () => LaunchVerdict[];
};

export function mockLaunchBackend(options: Options = {}): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      const payload = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: payload });
      switch (cmd) {
        case "businesses":
          return options.businesses ? options.businesses() : BUSINESSES;
        case "launches":
          return options.launches?.() ?? [];
        case "launch_start":
          return options.start ? options.start(payload) : STARTED;
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}
