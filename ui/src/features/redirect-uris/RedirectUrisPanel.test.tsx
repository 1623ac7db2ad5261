import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { App, RedirectUriChange, RedirectUrisDiff, RedirectUrisView } from "../../api/bindings";
import { RedirectUrisPanel } from "./RedirectUrisPanel";
import { fakeJudge } from "../../test/fakeRust";
import { discardDrafts, restoreDrafts, stopKeepingDrafts, unsavedParts } from "../../unsaved/drafts";

const APP: App = { app_code_name: "notesapp", name: "Notes", redirect_uri: "https://notes.example.com/app" };
const A = "https://notes.example.com/oauth/a";
const B = "https://notes.example.com/oauth/b";
const C = "https://notes.example.com/oauth/c";

type Call = { cmd: string; args: Record<string, unknown> };

/** Answers like Rust: a replace diffs the new list against the stored one (which an apply
 * replaces). Rust's as-you-type judges answer too, and are not recorded as calls. */
function mockRedirects(stored: string[], fail?: (cmd: string) => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const judged = fakeJudge(cmd, args);
    if (judged) return judged.answer;
    const payload = args as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const failure = fail?.(cmd);
    if (failure) throw failure;
    if (cmd === "redirect_uris_list") {
      const view: RedirectUrisView = {
        app_code_name: "notesapp",
        uris: [{ uri: APP.redirect_uri ?? "", role: "landing_page" }, ...stored.map((uri) => ({ uri, role: "o_auth" as const }))],
      };
      return view;
    }
    if (cmd === "redirect_uris_preview" || cmd === "redirect_uris_apply") {
      const uris = (payload.change as RedirectUriChange).uris;
      const diff: RedirectUrisDiff = {
        app_code_name: "notesapp",
        added: uris.filter((uri) => !stored.includes(uri)),
        removed: stored.filter((uri) => !uris.includes(uri)),
        unchanged: uris.filter((uri) => stored.includes(uri)),
        oauth_redirect_uris: uris,
        warnings: [],
        applied: cmd === "redirect_uris_apply",
      };
      if (cmd === "redirect_uris_apply") stored.splice(0, stored.length, ...uris);
      return diff;
    }
    return null;
  });
  return calls;
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, "invalidateQueries");
  render(
    <QueryClientProvider client={client}>
      <RedirectUrisPanel app={APP} />
    </QueryClientProvider>,
  );
  return { invalidate };
}

const newInput = () => document.getElementById("ru-new") as HTMLInputElement;
const addButton = () => screen.getByTestId("ru-add") as HTMLButtonElement;
const rows = () => screen.getAllByTestId("ru-row").map((row) => row.querySelector(".ru-uri")?.textContent);

function type(value: string) {
  fireEvent.input(newInput(), { target: { value } });
}

describe("RedirectUrisPanel", () => {
  it("shows the landing page read-only and the OAuth URIs as the working list", async () => {
    mockRedirects([A, B]);
    renderPanel();
    expect((await screen.findByTestId("ru-landing")).textContent).toContain("https://notes.example.com/app");
    expect(screen.getByText(/edited in Settings/)).toBeTruthy();
    expect(rows()).toEqual([A, B]);
    expect(screen.queryByRole("button", { name: `Remove ${APP.redirect_uri}` })).toBeNull();
    expect(screen.getAllByRole("button", { name: "Copy" })).toHaveLength(3);
    expect((screen.getByTestId("ru-review") as HTMLButtonElement).disabled).toBe(true);
  });

  it("adds and removes, reviews the replace, then saves it", async () => {
    const calls = mockRedirects([A, B]);
    const { invalidate } = renderPanel();
    await screen.findByTestId("ru-list");

    type(C);
    expect(addButton().disabled).toBe(false);
    fireEvent.click(addButton());
    expect(newInput().value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: `Remove ${A}` }));
    expect(rows()).toEqual([B, C]);
    expect(screen.getByTestId("ru-dirty")).toBeTruthy();

    fireEvent.click(screen.getByTestId("ru-review"));
    const diff = await screen.findByTestId("ru-diff");
    expect(within(diff).getByTestId("ru-added").textContent).toContain(C);
    expect(within(diff).getByTestId("ru-removed").textContent).toContain(A);
    expect(within(diff).getByTestId("ru-unchanged").textContent).toContain(B);
    expect(calls.filter((call) => call.cmd === "redirect_uris_preview")).toEqual([
      { cmd: "redirect_uris_preview", args: { app: "notesapp", change: { action: "replace", uris: [B, C] } } },
    ]);

    const save = screen.getByTestId("ru-save");
    expect(save.className).toContain("primary");
    fireEvent.click(save);
    expect((await screen.findByTestId("ru-saved")).textContent).toBe("Saved: 1 added, 1 removed.");
    expect(calls.filter((call) => call.cmd === "redirect_uris_apply")).toEqual([
      { cmd: "redirect_uris_apply", args: { app: "notesapp", change: { action: "replace", uris: [B, C] } } },
    ]);
    const keys = invalidate.mock.calls.map(([filters]) => filters?.queryKey);
    expect(keys).toEqual(
      expect.arrayContaining([["redirect-uris", "notesapp"], ["app", "notesapp"], ["apps"], ["audit"]]),
    );
    expect(rows()).toEqual([B, C]);
  });

  it("adds on Enter", async () => {
    mockRedirects([A]);
    renderPanel();
    await screen.findByTestId("ru-list");
    type(B);
    fireEvent.keyDown(newInput(), { key: "Enter" });
    expect(rows()).toEqual([A, B]);
  });

  it("refuses plain http off loopback as you type", async () => {
    mockRedirects([A]);
    renderPanel();
    await screen.findByTestId("ru-list");
    type("http://example.com/cb");
    const problem = await screen.findByTestId("ru-new-error");
    expect(problem.className).toBe("field-error");
    // Rust's words (redirect_uris_judge): the UI has no copy of the rule.
    expect(problem.textContent).toContain("uses plain http on a host that is not loopback");
    expect(addButton().disabled).toBe(true);
    type("http://127.0.0.1:8080/cb");
    await waitFor(() => expect(screen.queryByTestId("ru-new-error")).toBeNull());
    expect(addButton().disabled).toBe(false);
  });

  it("says nothing about an earlier URI under the one typed now", async () => {
    mockRedirects([A]);
    renderPanel();
    await screen.findByTestId("ru-list");
    type("http://example.com/cb");
    await screen.findByTestId("ru-new-error");
    type("https://example.com/cb");
    // The plain-http hint was about the earlier text: gone at once, not 150 ms later.
    expect(screen.queryByTestId("ru-new-error")).toBeNull();
    type("http://example.com/cb");
    // That text was judged before: its hint is back at once, from the cache.
    expect(screen.getByTestId("ru-new-error").textContent).toContain("plain http");
  });

  it("refuses a duplicate", async () => {
    mockRedirects([A]);
    renderPanel();
    await screen.findByTestId("ru-list");
    type(A);
    expect(screen.getByTestId("ru-new-error").textContent).toBe("Already in the list.");
    expect(addButton().disabled).toBe(true);
    fireEvent.keyDown(newInput(), { key: "Enter" });
    expect(rows()).toEqual([A]);
  });

  it("moves URIs up and down, and says when only the order changes", async () => {
    const calls = mockRedirects([A, B, C]);
    renderPanel();
    await screen.findByTestId("ru-list");
    expect((screen.getByRole("button", { name: `Move up ${A}` }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: `Move down ${C}` }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: `Move up ${C}` }));
    expect(rows()).toEqual([A, C, B]);
    fireEvent.click(screen.getByRole("button", { name: `Move down ${A}` }));
    expect(rows()).toEqual([C, A, B]);

    fireEvent.click(screen.getByTestId("ru-review"));
    expect(await screen.findByTestId("ru-order-changed")).toBeTruthy();
    expect(calls.at(-1)?.args.change).toEqual({ action: "replace", uris: [C, A, B] });
    expect(screen.getByTestId("ru-save")).toBeTruthy();

    fireEvent.click(screen.getByTestId("ru-discard"));
    expect(rows()).toEqual([A, B, C]);
    expect(screen.queryByTestId("ru-diff")).toBeNull();
  });

  it("keeps the working list when the save fails", async () => {
    mockRedirects([A], (cmd) =>
      cmd === "redirect_uris_apply" ? { code: "server", status: 502, message: "The platform failed (HTTP 502)." } : null,
    );
    renderPanel();
    await screen.findByTestId("ru-list");
    type(B);
    fireEvent.click(addButton());
    fireEvent.click(screen.getByTestId("ru-review"));
    fireEvent.click(await screen.findByTestId("ru-save"));
    const alert = await screen.findByTestId("ru-error");
    expect(alert.textContent).toContain("The platform failed (HTTP 502).");
    expect(rows()).toEqual([A, B]);
    expect(screen.queryByTestId("ru-saved")).toBeNull();
  });
});

describe("RedirectUrisPanel over a list kept from an earlier page", () => {
  afterEach(() => {
    stopKeepingDrafts();
    discardDrafts();
  });

  function keptList(uris: string[]) {
    stopKeepingDrafts();
    discardDrafts();
    restoreDrafts(1, [{ app: APP.app_code_name, part: "redirect_uris", body: uris }]);
  }

  it("shows the kept list over a platform list that does not have it yet", async () => {
    mockRedirects([A]);
    keptList([A, B]);
    renderPanel();
    await waitFor(() => expect(rows()).toEqual([A, B]));
    expect(screen.getByTestId("ru-dirty")).toBeTruthy();
    expect(unsavedParts(APP.app_code_name)).toEqual([{ app: APP.app_code_name, part: "redirect_uris" }]);
  });

  it("drops a kept list the platform has caught up with: nothing is unsaved", async () => {
    mockRedirects([A, B]);
    keptList([A, B]);
    renderPanel();
    await waitFor(() => expect(rows()).toEqual([A, B]));
    await waitFor(() => expect(unsavedParts(APP.app_code_name)).toEqual([]));
    expect(screen.queryByTestId("ru-dirty")).toBeNull();
  });
});

describe("RedirectUrisPanel review", () => {
  const original = Element.prototype.scrollIntoView;
  afterEach(() => {
    Element.prototype.scrollIntoView = original;
  });

  it("scrolls the review into view when it appears", async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    mockRedirects([A, B]);
    renderPanel();
    await screen.findByTestId("ru-list");
    type(C);
    fireEvent.click(addButton());
    fireEvent.click(screen.getByTestId("ru-review"));
    const diff = await screen.findByTestId("ru-diff");
    await waitFor(() => expect(scrolled).toContain(diff));
  });
});

