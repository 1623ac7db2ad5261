import { afterEach, describe, expect, it, vi } from "vitest";
import { waitFor } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppSummary, AppsListing, FirstScreen, Overview, ProfileView } from "../api/bindings";
import { start, TAKE_OVER_AFTER_MS } from "../main";
import { firstPaintDone, reportFirstPaint } from "../paintMark";
import { overview, SANDBOX as sandbox } from "../test/fakeOverview";
import { applyTheme } from "../theme";
import { BLOCK_ID, takeFirstScreen } from "./firstScreenData";
import { paintFirstScreen } from "./paintFirstScreen";

const remote: ProfileView = { ...sandbox, id: 2, name: "Staging box", kind: "custom", api_base: "http://10.0.0.7:8080/", insecure: true };

function apps(count: number, withCredentials: (i: number) => boolean): AppSummary[] {
  // Listed in reverse, names in mixed case: the list sorts them by lower-cased name.
  return Array.from({ length: count }, (_, i) => count - 1 - i).map((i) => ({
    app_code_name: `app${i}`,
    app_id: i % 4 === 0 ? null : `id-${i}`,
    name: i === 3 ? null : `${i % 2 ? "Demo" : "demo"} app ${String(i).padStart(3, "0")}`,
    has_credentials: withCredentials(i),
  }));
}

function listing(profile: string, all: AppSummary[]): AppsListing {
  return { profile, apps: all, stale: true, last_synced_at: "2026-11-22T10:00:00Z", sync_error: null };
}

/** What the shell would put in the page for `all` (its first rows unsorted here: the painter sorts). */
function firstScreen(ov: Overview, profile: string, all: AppSummary[]): FirstScreen {
  return {
    overview: ov,
    apps: {
      profile,
      last_synced_at: "2026-11-22T10:00:00Z",
      total: all.length,
      with_credentials: all.filter((app) => app.has_credentials).length,
      rows: all.slice(0, 60),
    },
  };
}

/**
 * An element's outline: tag, classes, its own text, where a row sits, then its children's.
 * The virtualized rows are compared as far as both have them (the app adds a few beyond
 * the window to scroll into).
 */
function outline(element: Element): unknown {
  const ownText = [...element.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  const style = element instanceof HTMLElement ? `${element.style.top}|${element.style.height}` : "";
  let children = [...element.children];
  if (element.parentElement?.classList.contains("vscroll")) children = children.slice(0, 12);
  return [element.tagName.toLowerCase(), element.getAttribute("class") ?? "", ownText, style, children.map(outline)];
}

function newRoot(): HTMLElement {
  const root = document.createElement("div");
  root.id = "root";
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = "";
  document.documentElement.removeAttribute("data-theme");
});

describe("the first paint", () => {
  it.each([
    ["a first run on the Sandbox", overview(), "Sandbox", apps(40, () => false)],
    [
      "a plain-http profile with secrets kept, on a passphrase, in the dark theme",
      overview({ current_profile: remote, store: { unlocked: true, key_source: "passphrase", passphrase_prompt: null } }),
      "Staging box",
      apps(40, (i) => i % 3 === 0),
    ],
  ])("draws what the app's first render draws, and the app replaces it in one go: %s", async (_, ov, profile, all) => {
    if (profile !== "Sandbox") applyTheme("dark");
    mockIPC((cmd) => {
      if (cmd === "apps_cached") return listing(profile, all);
      if (cmd === "apps_list") return new Promise(() => {}); // the refresh is still under way
      if (cmd === "console_overview") return ov;
      return null;
    });
    const root = newRoot();
    const first = firstScreen(ov, profile, all);
    const painted = paintFirstScreen(first, root);
    expect(painted).not.toBeNull();
    expect(painted!.hasAttribute("inert")).toBe(true);
    const picture = outline(painted!);
    reportFirstPaint();
    await waitFor(() => expect(firstPaintDone()).toBe(true));

    await start(root, first, painted);

    expect(document.getElementById("first-screen-paint")).toBeNull();
    const frame = root.querySelector(".frame");
    expect(frame).not.toBeNull();
    expect(outline(frame!)).toEqual(picture);
  });

  it("lists the rows by lower-cased name, then code name, placed as the app places them", () => {
    const all = apps(30, () => false);
    const painted = paintFirstScreen(firstScreen(overview(), "Sandbox", all), newRoot())!;
    const names = [...painted.querySelectorAll(".vscroll .vrow .row-link")].map((b) => b.textContent);
    expect(names.slice(0, 4)).toEqual(["(no name)", "demo app 000", "Demo app 001", "demo app 002"]);
    const rows = painted.querySelectorAll<HTMLElement>(".vscroll .vrow");
    expect(rows[2]!.style.top).toBe("76px");
    expect(painted.querySelector<HTMLElement>(".vscroll > div")!.style.height).toBe(`${30 * 38}px`);
    expect(painted.querySelector("[data-testid]")).toBeNull();
  });

  it.each([
    ["the store is locked", overview({ store: { unlocked: false, key_source: null, passphrase_prompt: null } })],
    ["no profile is chosen", overview({ current_profile: null })],
    ["the start-up reported a problem", overview({ startup_error: { code: "internal", message: "The built-in sandbox could not start" } as never })],
  ])("leaves the screen to the app when %s", (_, ov) => {
    const root = newRoot();
    expect(paintFirstScreen(firstScreen(ov, "Sandbox", apps(5, () => false)), root)).toBeNull();
    expect(document.body.children).toHaveLength(1);
  });

  it("leaves the screen to the app when nothing is cached", () => {
    expect(paintFirstScreen({ overview: overview(), apps: null }, newRoot())).toBeNull();
    expect(paintFirstScreen(firstScreen(overview(), "Sandbox", []), newRoot())).toBeNull();
  });
});

describe("the first screen's data block", () => {
  function block(text: string) {
    const element = document.createElement("script");
    element.type = "application/json";
    element.id = BLOCK_ID;
    element.textContent = text;
    document.head.append(element);
  }

  it("is read once and taken out of the page", () => {
    const data = firstScreen(overview(), "Sandbox", apps(2, () => false));
    block(JSON.stringify(data).replace(/</g, "\\u003c"));
    expect(takeFirstScreen(document)).toEqual(data);
    expect(document.getElementById(BLOCK_ID)).toBeNull();
    expect(takeFirstScreen(document)).toBeNull();
  });

  it.each([["{not json"], ["null"], ['{"apps": null}'], ['{"overview": null, "apps": null}']])(
    "is ignored when malformed (%s), so the app asks over IPC",
    (text) => {
      block(text);
      expect(takeFirstScreen(document)).toBeNull();
      expect(document.getElementById(BLOCK_ID)).toBeNull();
    },
  );
});

describe("the app's take-over", () => {
  it("does not leave the picture up when the whole list never comes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      mockIPC((cmd) => {
        if (cmd === "console_overview") return overview();
        return new Promise(() => {}); // the store never answers
      });
      const root = newRoot();
      const first = firstScreen(overview(), "Sandbox", apps(5, () => false));
      const painted = paintFirstScreen(first, root);
      const started = start(root, first, painted);
      await vi.advanceTimersByTimeAsync(TAKE_OVER_AFTER_MS);
      await started;
      expect(document.getElementById("first-screen-paint")).toBeNull();
      expect(root.textContent).toContain("Loading apps…");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the app's start after the picture", () => {
  it("uses the whole list the picture already asked for, not a second ask", async () => {
    const all = apps(12, () => false);
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "apps_list") return new Promise(() => {});
      return null;
    });
    const root = newRoot();
    const first = firstScreen(overview(), "Sandbox", all);
    const painted = paintFirstScreen(first, root);
    await start(root, first, painted, Promise.resolve(listing("Sandbox", all)));
    expect(root.querySelectorAll(".vscroll .vrow")).toHaveLength(12);
    expect(calls).not.toContain("apps_cached");
  });
});
