import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { App, AppInput, FieldChange } from "../../api/bindings";
import { AppEditor } from "./AppEditor";
import { formFromApp } from "./form";
import { discardDrafts, restoreDrafts, stopKeepingDrafts, unsavedParts } from "../../unsaved/drafts";
import { fakeJudge } from "../../test/fakeRust";

const APP: App = {
  app_code_name: "notesapp",
  name: "Notes",
  redirect_uri: "https://notes.example.com/app",
  oauth_redirect_uris: ["https://notes.example.com/oauth/callback"],
  url_params: ["brand_host", "business_uid"],
  trusted: true,
  scopes: ["clients"],
  demand_scopes: [],
  access_token_format: "opaque",
  app_type: ["menu_items"],
  description: { short_description: "Take notes", text: "Notes for clients.", logo: "https://notes.example.com/logo.png" },
  app_features: ["Write notes", "Share notes, fast"],
  app_screenshot_uris: ["https://notes.example.com/s1.png"],
  app_mobile_screenshot_uris: [],
  locales: ["en"],
  open_in_new_tab: false,
  deep_link: { path: "/notes", path_params: { tab: 1 } },
  menu_items: { subitems: [{ category: "clients", item_name: { en: "Notes" }, route: "notes" }] },
};

type Call = { cmd: string; args: Record<string, unknown> };

/** Answers the update commands like Rust would: the changes are the fields sent. Rust's
 * as-you-type judges answer too, and are not recorded as calls. */
function mockUpdates(fail?: (cmd: string) => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const judged = fakeJudge(cmd, args);
    if (judged) return judged.answer;
    const payload = args as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const failure = fail?.(cmd);
    if (failure) throw failure;
    const input = payload.input as AppInput;
    const changes: FieldChange[] = Object.entries(input).map(([field, after]) => ({
      field,
      before: (APP as Record<string, unknown>)[field] as FieldChange["before"],
      after: after as FieldChange["after"],
    }));
    if (cmd === "app_update_preview") return { app_code_name: APP.app_code_name, changes, applied: false, app: APP };
    if (cmd === "app_update") {
      return { app_code_name: APP.app_code_name, changes, applied: true, app: { ...APP, ...input } };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return calls;
}

function renderEditor(app: App = APP, stale = false) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, "invalidateQueries");
  const view = render(
    <QueryClientProvider client={client}>
      <AppEditor app={app} stale={stale} />
    </QueryClientProvider>,
  );
  return { ...view, client, invalidate };
}

function input(id: string): HTMLInputElement {
  const field = document.getElementById(id);
  if (!field) throw new Error(`no #${id}`);
  return field as HTMLInputElement;
}

function fill(id: string, value: string) {
  fireEvent.input(input(id), { target: { value } });
}

const reviewButton = () => screen.getByTestId("editor-review") as HTMLButtonElement;

describe("AppEditor", () => {
  it("reviews and saves only the changed name, then says so and refreshes the app", async () => {
    const calls = mockUpdates();
    const { invalidate } = renderEditor();
    expect(reviewButton().disabled).toBe(true);
    expect(screen.queryByTestId("editor-dirty")).toBeNull();

    fill("edit-name", "Notes Pro");
    expect(screen.getByTestId("editor-dirty").textContent).toContain("Unsaved changes");
    fireEvent.click(reviewButton());

    const diff = await screen.findByTestId("editor-diff");
    const rows = within(diff).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("name");
    expect(rows[0]?.textContent).toContain("Notes");
    expect(rows[0]?.textContent).toContain("Notes Pro");
    expect(calls).toEqual([{ cmd: "app_update_preview", args: { app: "notesapp", input: { name: "Notes Pro" } } }]);

    const save = screen.getByTestId("editor-save");
    expect(save.textContent).toBe("Save 1 change");
    expect(save.className).toContain("primary");
    fireEvent.click(save);

    expect((await screen.findByTestId("editor-saved")).textContent).toBe("Saved: 1 field changed.");
    expect(calls[1]).toEqual({ cmd: "app_update", args: { app: "notesapp", input: { name: "Notes Pro" } } });
    expect(Object.keys((calls[1]?.args.input as AppInput) ?? {})).toEqual(["name"]);
    const keys = invalidate.mock.calls.map(([filters]) => filters?.queryKey);
    expect(keys).toEqual(expect.arrayContaining([["app", "notesapp"], ["apps"], ["audit"]]));
    // The form now shows the saved app, with nothing left unsaved.
    expect(input("edit-name").value).toBe("Notes Pro");
    expect(screen.queryByTestId("editor-dirty")).toBeNull();
  });

  it("shows a too-short name inline and blocks the review", async () => {
    mockUpdates();
    renderEditor();
    fill("edit-name", "No");
    expect((await screen.findByText("The name is 2 characters: use at least 3.")).className).toBe("field-error");
    expect(input("edit-name").getAttribute("aria-invalid")).toBe("true");
    expect(reviewButton().disabled).toBe(true);
  });

  it("keeps every edit when the platform refuses the save, and points at the field", async () => {
    const calls = mockUpdates((cmd) =>
      cmd === "app_update"
        ? { code: "validation", message: "The landing page must be reachable over https.", field: "redirect_uri" }
        : null,
    );
    renderEditor();
    fill("edit-name", "Notes Pro");
    fill("edit-redirect-uri", "https://notes.example.com/new");
    fill("edit-short-description", "Better notes");
    fireEvent.click(reviewButton());
    fireEvent.click(await screen.findByTestId("editor-save"));

    const alert = await screen.findByTestId("editor-error");
    expect(alert.textContent).toContain("The landing page must be reachable over https.");
    expect(alert.getAttribute("data-code")).toBe("validation");
    expect(input("edit-name").value).toBe("Notes Pro");
    expect(input("edit-redirect-uri").value).toBe("https://notes.example.com/new");
    expect(input("edit-short-description").value).toBe("Better notes");
    const fieldError = document.getElementById("edit-redirect-uri-error");
    expect(fieldError?.className).toBe("field-error");
    expect(fieldError?.textContent).toBe("The landing page must be reachable over https.");
    await waitFor(() => expect(document.activeElement).toBe(input("edit-redirect-uri")));
    expect(screen.getByTestId("editor-dirty")).toBeTruthy();

    const sent = calls.find((call) => call.cmd === "app_update")?.args.input as AppInput;
    expect(sent).toEqual({
      name: "Notes Pro",
      redirect_uri: "https://notes.example.com/new",
      description: { short_description: "Better notes", text: "Notes for clients.", logo: "https://notes.example.com/logo.png" },
    });

    // Another field changes: the refusal is still about the landing page as it is.
    fill("edit-name", "Notes Plus");
    expect(document.getElementById("edit-redirect-uri-error")?.textContent).toBe("The landing page must be reachable over https.");
    // The landing page changes: what the platform refused is no longer what is there.
    fill("edit-redirect-uri", "https://notes.example.com/newer");
    expect(document.getElementById("edit-redirect-uri-error")).toBeNull();
    expect(screen.getByTestId("editor-error").textContent).toContain("must be reachable over https");
  });

  it("shows trusted read-only, with why", () => {
    mockUpdates();
    renderEditor();
    const trusted = screen.getByTestId("editor-trusted");
    expect(trusted.textContent).toContain("Yes");
    expect(trusted.textContent).toContain("Trusted apps skip the consent screen.");
    expect(trusted.textContent).toContain("a directory token cannot change it");
    expect(within(trusted).queryAllByRole("checkbox")).toHaveLength(0);
    expect(within(trusted).queryAllByRole("textbox")).toHaveLength(0);
    expect(screen.queryByLabelText(/trusted/i)).toBeNull();
    expect(screen.getByText("Managed in the Redirect URIs tab.")).toBeTruthy();
  });

  it("sends the screenshots as one comma-separated string, a deep link path and url_params", async () => {
    const calls = mockUpdates();
    renderEditor();
    fill("edit-app-screenshot-uris", "https://notes.example.com/s1.png, https://notes.example.com/s2.png");
    fill("edit-deep-link", "/notes/all");
    fireEvent.click(input("edit-url-param-brand_host"));
    expect(screen.getByTestId("editor-brand-host-warning")).toBeTruthy();
    fireEvent.click(input("edit-full-screen"));
    fireEvent.click(reviewButton());
    await screen.findByTestId("editor-diff");
    expect(calls[0]?.args.input).toEqual({
      app_screenshot_uris: "https://notes.example.com/s1.png,https://notes.example.com/s2.png",
      deep_link: { path: "/notes/all", path_params: { tab: 1 } },
      url_params: ["business_uid"],
      full_screen: true,
    });
  });

  it("refuses invalid menu JSON inline, and says when the platform already has the values", async () => {
    mockIPC((cmd, args) => {
      const judged = fakeJudge(cmd, args);
      if (judged) return judged.answer;
      if (cmd === "app_update_preview") return { app_code_name: "notesapp", changes: [], applied: false, app: APP };
      throw new Error(`unexpected ${cmd}`);
    });
    renderEditor();
    fill("edit-menu-items", "{ not json");
    expect(document.getElementById("edit-menu-items-error")?.textContent).toContain("Not valid JSON");
    expect(reviewButton().disabled).toBe(true);

    fill("edit-menu-items", '{"subitems": []}');
    expect(document.getElementById("edit-menu-items-error")).toBeNull();
    fireEvent.click(reviewButton());
    expect((await screen.findByTestId("editor-nothing")).textContent).toBe(
      "Nothing to save: the platform already has these values.",
    );
    expect(screen.queryByTestId("editor-save")).toBeNull();

    fireEvent.click(screen.getByTestId("editor-discard"));
    expect(input("edit-menu-items").value).toBe(JSON.stringify(APP.menu_items, null, 2));
    expect(screen.queryByTestId("editor-dirty")).toBeNull();
  });

  it("follows a refetched app, keeping the fields the user edited", () => {
    mockUpdates();
    const client = new QueryClient();
    const wrap = (app: App) => (
      <QueryClientProvider client={client}>
        <AppEditor app={app} stale={false} />
      </QueryClientProvider>
    );
    const view = render(wrap(APP));
    view.rerender(wrap({ ...APP, name: "Renamed" }));
    expect(input("edit-name").value).toBe("Renamed");
    fill("edit-short-description", "Mine");
    view.rerender(wrap({ ...APP, name: "Renamed again" }));
    expect(input("edit-short-description").value).toBe("Mine");
    expect(input("edit-name").value).toBe("Renamed again");
    expect(screen.getByTestId("editor-dirty").textContent).toContain("1 field");
  });
});

describe("AppEditor over an edit kept from an earlier page", () => {
  afterEach(() => {
    stopKeepingDrafts();
    discardDrafts();
  });

  /** The drafts Rust kept: the name edited to "Notes Pro" over the app as it was then. */
  function keptRename() {
    stopKeepingDrafts();
    discardDrafts();
    mockIPC((cmd) => {
      if (cmd === "draft_keep") return null;
      const judged = fakeJudge(cmd, {});
      if (judged) return judged.answer;
      throw new Error(`unexpected command ${cmd}`);
    });
    restoreDrafts(1, [{ app: APP.app_code_name, part: "settings", body: { base: { ...APP }, form: { ...formFromApp(APP), name: "Notes Pro" } } }]);
  }

  it("shows the kept edit over an app that does not have it yet", () => {
    keptRename();
    renderEditor(APP);
    expect(input("edit-name").value).toBe("Notes Pro");
    expect(screen.getByTestId("editor-dirty").textContent).toContain("1 field");
    expect(unsavedParts(APP.app_code_name)).toEqual([{ app: APP.app_code_name, part: "settings" }]);
  });

  it("drops a kept edit the app has caught up with (saved since from elsewhere): nothing is unsaved", async () => {
    keptRename();
    renderEditor({ ...APP, name: "Notes Pro" });
    expect(input("edit-name").value).toBe("Notes Pro");
    await waitFor(() => expect(unsavedParts(APP.app_code_name)).toEqual([]));
    expect(screen.queryByTestId("editor-dirty")).toBeNull();
  });

  it("keeps a kept edit that only the console's cached copy of the app has caught up with", async () => {
    keptRename();
    renderEditor({ ...APP, name: "Notes Pro" }, true);
    expect(input("edit-name").value).toBe("Notes Pro");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unsavedParts(APP.app_code_name)).toEqual([{ app: APP.app_code_name, part: "settings" }]);
  });
});

describe("AppEditor on a long page", () => {
  const original = Element.prototype.scrollIntoView;
  afterEach(() => {
    Element.prototype.scrollIntoView = original;
  });

  function recordScrolls(): Element[] {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    return scrolled;
  }

  it("keeps the unsaved state in a bar of its own, above the fields, with links to each section", () => {
    mockUpdates();
    renderEditor();
    const bar = screen.getByTestId("editor-bar");
    expect(bar.textContent).toContain("No unsaved changes.");
    // The bar is the editor's first child, not a label floating over the first section.
    expect(screen.getByTestId("app-editor").firstElementChild).toBe(bar);
    expect(within(bar).getAllByRole("button").map((button) => button.textContent)).toEqual([
      "Basics",
      "OAuth",
      "App market",
      "Advanced",
    ]);
    fill("edit-name", "Notes Pro");
    expect(within(bar).getByTestId("editor-dirty").textContent).toContain("Unsaved changes");
  });

  it("jumps to a section: scrolls it into view and puts focus on its first field", () => {
    const scrolled = recordScrolls();
    mockUpdates();
    renderEditor();
    fireEvent.click(screen.getByTestId("editor-jump-ed-market"));
    expect(scrolled).toEqual([document.getElementById("ed-market")]);
    expect(document.activeElement).toBe(input("edit-app-features"));
  });

  it("scrolls the review into view when it appears", async () => {
    const scrolled = recordScrolls();
    mockUpdates();
    renderEditor();
    fill("edit-name", "Notes Pro");
    fireEvent.click(reviewButton());
    const diff = await screen.findByTestId("editor-diff");
    await waitFor(() => expect(scrolled.some((element) => element.contains(diff))).toBe(true));
  });
});

describe("AppEditor hints from Rust", () => {
  it("asks Rust once for a burst of typing, and shows no hint about an earlier value meanwhile", async () => {
    const checks: AppInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "app_form_check") checks.push((args as { input: AppInput }).input);
      return fakeJudge(cmd, args)?.answer ?? null;
    });
    renderEditor();
    fill("edit-name", "No");
    await screen.findByText("The name is 2 characters: use at least 3.");
    const before = checks.length;
    for (const name of ["Not", "Note", "Notes", "Notes P", "Notes Pr"]) fill("edit-name", name);
    // The last judgement was about "No": nothing is said under "Notes Pr" until Rust answers.
    expect(screen.queryByText(/use at least 3/)).toBeNull();
    expect(input("edit-name").getAttribute("aria-invalid")).toBeNull();
    await waitFor(() => expect(checks.slice(before)).toEqual([{ name: "Notes Pr" }]));
    fill("edit-name", "Notes Pr" + "o".repeat(20));
    expect(await screen.findByText("The name is 28 characters: use at most 25.")).toBeTruthy();
  });

  it("keeps the hint under a field that did not change while another field is judged anew", async () => {
    mockIPC((cmd, args) => fakeJudge(cmd, args)?.answer ?? null);
    renderEditor();
    fill("edit-redirect-uri", "http://notes.example.com/app");
    const hint = /plain http on a host that is not loopback/;
    await screen.findByText(hint);
    fill("edit-name", "Notes Pro");
    // The landing page is what was judged: its hint stays put, so nothing below it moves.
    expect(screen.getByText(hint)).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(screen.getByText(hint)).toBeTruthy();
  });

  it("reviews at once after a fix, without waiting for the new hint", async () => {
    const calls = mockUpdates();
    renderEditor();
    fill("edit-name", "No");
    await screen.findByText("The name is 2 characters: use at least 3.");
    fill("edit-name", "Notes Pro");
    expect(reviewButton().disabled).toBe(false);
    fireEvent.click(reviewButton());
    await screen.findByTestId("editor-diff");
    expect(calls).toEqual([{ cmd: "app_update_preview", args: { app: "notesapp", input: { name: "Notes Pro" } } }]);
  });
});

