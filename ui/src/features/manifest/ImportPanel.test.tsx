import { describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ManifestApplied } from "../../api/bindings";
import { queryKeys } from "../../api/queryKeys";
import type { Navigate } from "../../route";
import {
  APPLIED,
  BAD_MANIFEST,
  callsOf,
  JSON_TEXT,
  LOOPBACK_WARNING,
  mockManifestBackend,
  NOTHING_PLAN,
  PRODUCTION,
  TAKEN_NOTE,
  TOML_TEXT,
  TRUSTED_NOTE,
} from "../../test/fakeManifest";
import { ImportPanel } from "./ImportPanel";

function newClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

function renderPanel(client = newClient(), navigate: Navigate = () => {}) {
  const view = render(
    <QueryClientProvider client={client}>
      <ImportPanel profile={PRODUCTION} navigate={navigate} />
    </QueryClientProvider>,
  );
  return { ...view, client };
}

const textArea = () => document.getElementById("manifest-text") as HTMLTextAreaElement;
const applyButton = () => screen.getByTestId("manifest-apply") as HTMLButtonElement;
const rows = () => screen.getAllByTestId("manifest-plan-app");
const row = (code: string) => rows().find((element) => element.dataset.app === code)!;

function paste(text: string) {
  fireEvent.input(textArea(), { target: { value: text } });
}

/** Pastes `text`, asks for the review and waits for it. */
async function review(text = TOML_TEXT) {
  paste(text);
  fireEvent.click(screen.getByTestId("manifest-plan"));
  await screen.findByTestId("manifest-plan-summary");
}

describe("ImportPanel", () => {
  it("reviews a pasted manifest against the current profile: the summary, then each app by action with its diff and warnings", async () => {
    const calls = mockManifestBackend();
    renderPanel();
    expect(screen.getByTestId("manifest-target").textContent).toBe("Apply to profile Production (https://api.vcita.biz/)");
    expect((screen.getByTestId("manifest-plan") as HTMLButtonElement).disabled).toBe(true);

    await review();
    expect(callsOf(calls, "manifest_plan")[0]?.args).toEqual({ text: TOML_TEXT, source: "pasted.toml" });
    expect(screen.getByTestId("manifest-plan-summary").textContent).toBe(
      "2 apps to create, 1 to update, 3 unchanged, 4 on the platform but not in the manifest (left as they are)",
    );
    expect(rows().map((element) => `${element.dataset.action}:${element.dataset.app}`)).toEqual([
      "create:newapp",
      "create:otherapp",
      "update:notesapp",
      "none:keepone",
      "none:keeptwo",
      "none:keepthree",
      "not_in_manifest:legacy1",
      "not_in_manifest:legacy2",
      "not_in_manifest:legacy3",
      "not_in_manifest:legacy4",
    ]);
    // The platform's other apps are collapsed.
    expect((screen.getByTestId("manifest-plan-others") as HTMLDetailsElement).open).toBe(false);

    // An update: field, before and after, lists on one line.
    const diff = within(row("notesapp")).getByTestId("manifest-plan-diff");
    const name = diff.querySelector('[data-field="name"]')!;
    expect(name.querySelector(".diff-before")?.textContent).toBe("Notes");
    expect(name.querySelector(".diff-after")?.textContent).toBe("Notes Pro");
    expect(diff.querySelector('[data-field="oauth_redirect_uris"] .diff-after')?.textContent).toBe(
      '["https://notes.example/cb", "https://notes.example/cb2"]',
    );
    expect(within(row("notesapp")).getByTestId("manifest-plan-note").textContent).toBe(TRUSTED_NOTE);

    // A create: the fields given, and its warning standing out.
    const fields = within(row("newapp")).getByTestId("manifest-plan-fields");
    expect(fields.querySelector('[data-field="name"]')?.textContent).toBe("nameNew app");
    expect(fields.querySelector(".diff-before")).toBeNull();
    const warning = within(row("newapp")).getByTestId("manifest-plan-warning");
    expect(warning.textContent).toBe(`Warning: ${LOOPBACK_WARNING}`);
    expect(warning.className).toContain("mf-warning");

    expect(screen.getByTestId("manifest-target").textContent).toBe("Apply to profile Production (https://api.vcita.biz/)");
    expect(applyButton().textContent).toBe("Apply 3 changes");
    expect(applyButton().disabled).toBe(false);
  });

  it("reads pasted JSON as JSON", async () => {
    const calls = mockManifestBackend();
    renderPanel();
    await review(JSON_TEXT);
    expect(callsOf(calls, "manifest_plan")[0]?.args).toEqual({ text: JSON_TEXT, source: "pasted.json" });
  });

  it("shows a bad manifest's error with its line and column, and keeps the text", async () => {
    const calls = mockManifestBackend({
      manifest_plan: () => {
        throw BAD_MANIFEST;
      },
    });
    renderPanel();
    paste(TOML_TEXT);
    fireEvent.click(screen.getByTestId("manifest-plan"));
    const notice = await screen.findByTestId("manifest-plan-error");
    expect(notice.dataset.code).toBe("invalid_input");
    expect(notice.textContent).toContain("pasted.toml:6:1: unknown field `redirect_urii`, expected one of");
    expect(notice.textContent).toContain("Fix the manifest at the line shown, then review again.");
    expect(textArea().value).toBe(TOML_TEXT);
    expect(screen.queryByTestId("manifest-plan-summary")).toBeNull();
    expect(screen.queryByTestId("manifest-apply")).toBeNull();
    expect(callsOf(calls, "manifest_apply")).toHaveLength(0);
  });

  it("applies only after a confirmation naming the profile, then shows each app's outcome and makes the apps stale", async () => {
    const calls = mockManifestBackend();
    const navigate = vi.fn();
    const client = newClient();
    client.setQueryData(queryKeys.apps(), { profile: "Production", apps: [], stale: false, last_synced_at: null, sync_error: null });
    client.setQueryData(queryKeys.app("otherapp2"), { stale: false });
    renderPanel(client, navigate);
    await review();

    fireEvent.click(applyButton());
    const dialog = await screen.findByTestId("manifest-confirm");
    expect(dialog.textContent).toContain("Apply 3 changes to Production?");
    expect(dialog.textContent).toContain("profile Production (https://api.vcita.biz/)");
    // Cancel is the safe answer, and applies nothing.
    fireEvent.click(screen.getByTestId("manifest-confirm-keep"));
    expect(screen.queryByTestId("manifest-confirm")).toBeNull();
    expect(callsOf(calls, "manifest_apply")).toHaveLength(0);

    fireEvent.click(applyButton());
    fireEvent.click(await screen.findByTestId("manifest-confirm-discard"));
    const result = await screen.findByTestId("manifest-result");
    expect(callsOf(calls, "manifest_apply").map((call) => call.args)).toEqual([{ text: TOML_TEXT, source: "pasted.toml" }]);
    expect(result.dataset.complete).toBe("false");
    expect(within(result).getByTestId("manifest-result-summary").textContent).toBe(APPLIED.summary);
    expect(within(result).getByTestId("manifest-result-next").textContent).toBe(
      "Fix what failed, then review and apply again: only what is left will be done.",
    );
    const outcomes = within(result)
      .getAllByTestId("manifest-result-app")
      .map((element) => `${element.dataset.app}:${element.dataset.outcome}`);
    expect(outcomes.slice(0, 3)).toEqual(["newapp:created", "otherapp:created", "notesapp:failed"]);
    expect(outcomes).toHaveLength(10);

    const resultRow = (code: string) =>
      within(result)
        .getAllByTestId("manifest-result-app")
        .find((element) => element.dataset.app === code)!;
    expect(within(resultRow("newapp")).getByTestId("manifest-result-created").textContent).toBe(
      "Created; its client secret is kept in your encrypted store.",
    );
    expect(resultRow("otherapp").textContent).toContain("as otherapp2");
    expect(within(resultRow("otherapp")).getByTestId("manifest-result-note").textContent).toBe(TAKEN_NOTE);
    const failure = within(resultRow("notesapp")).getByTestId("manifest-result-error");
    expect(failure.dataset.code).toBe("validation");
    expect(failure.textContent).toContain("The platform refused the app: name is too long.");

    // The new app opens under the code name the platform gave it.
    fireEvent.click(within(resultRow("otherapp")).getByTestId("manifest-result-open"));
    expect(navigate).toHaveBeenCalledWith({ view: "app", app: "otherapp2", tab: "credentials" });

    // What was reviewed is applied: no Apply button until the next review.
    expect(screen.queryByTestId("manifest-apply")).toBeNull();
    expect(client.getQueryState(queryKeys.apps())?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.app("otherapp2"))?.isInvalidated).toBe(true);
  });

  it("applies once when Apply and the confirmation are clicked twice, and is disabled while applying", async () => {
    let answer: (applied: ManifestApplied) => void = () => {};
    const calls = mockManifestBackend({ manifest_apply: () => new Promise<ManifestApplied>((resolve) => (answer = resolve)) });
    renderPanel();
    await review();

    fireEvent.click(applyButton());
    fireEvent.click(applyButton());
    const confirm = await screen.findByTestId("manifest-confirm-discard");
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    await waitFor(() => expect(applyButton().textContent).toBe("Applying…"));
    expect(applyButton().disabled).toBe(true);
    expect((screen.getByTestId("manifest-plan") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(applyButton());
    expect(screen.queryByTestId("manifest-confirm")).toBeNull();

    await act(async () => answer({ ...APPLIED, complete: true, summary: "Applied all 3 change(s)." }));
    const result = await screen.findByTestId("manifest-result");
    expect(result.dataset.complete).toBe("true");
    expect(screen.queryByTestId("manifest-result-next")).toBeNull();
    expect(callsOf(calls, "manifest_apply")).toHaveLength(1);
  });

  it("requires a new review once the text is edited after the review", async () => {
    const calls = mockManifestBackend();
    renderPanel();
    await review();
    const edited = TOML_TEXT.replace('"Notes"', '"Notes 2"');
    paste(edited);
    expect(applyButton().disabled).toBe(true);
    expect(screen.getByTestId("manifest-apply-blocked").textContent).toBe(
      "The manifest was edited after the review: review the changes again before applying.",
    );

    fireEvent.click(screen.getByTestId("manifest-plan"));
    await waitFor(() => expect(callsOf(calls, "manifest_plan")).toHaveLength(2));
    await waitFor(() => expect(applyButton().disabled).toBe(false));
    expect(screen.queryByTestId("manifest-apply-blocked")).toBeNull();
    expect(callsOf(calls, "manifest_plan")[1]?.args.text).toBe(edited);
  });

  it("says there is nothing to apply, and offers no Apply button", async () => {
    mockManifestBackend({ manifest_plan: () => NOTHING_PLAN });
    renderPanel();
    await review();
    expect(screen.getByTestId("manifest-plan-summary").textContent).toBe(
      "Nothing to apply: the platform already matches the manifest.",
    );
    expect(screen.queryByTestId("manifest-apply")).toBeNull();
  });

  it("opens a file into the text and reviews it under the file's name; a cancelled dialog changes nothing", async () => {
    let opened: unknown = null;
    const calls = mockManifestBackend({ manifest_open: () => opened });
    renderPanel();
    paste("version = 1\n");
    fireEvent.click(screen.getByTestId("manifest-open"));
    await waitFor(() => expect(callsOf(calls, "manifest_open")).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId("manifest-open") as HTMLButtonElement).disabled).toBe(false));
    expect(textArea().value).toBe("version = 1\n");

    opened = { name: "apps.toml", path: "/tmp/exports/apps.toml", text: TOML_TEXT };
    fireEvent.click(screen.getByTestId("manifest-open"));
    await waitFor(() => expect(textArea().value).toBe(TOML_TEXT));
    expect(screen.getByTestId("manifest-file").textContent).toBe("/tmp/exports/apps.toml");
    fireEvent.click(screen.getByTestId("manifest-plan"));
    await screen.findByTestId("manifest-plan-summary");
    expect(callsOf(calls, "manifest_plan")[0]?.args).toEqual({ text: TOML_TEXT, source: "apps.toml" });
  });

  it("keeps the text when the screen is left and opened again", async () => {
    mockManifestBackend({
      manifest_plan: () => {
        throw BAD_MANIFEST;
      },
    });
    const { client, unmount } = renderPanel();
    paste(TOML_TEXT);
    fireEvent.click(screen.getByTestId("manifest-plan"));
    await screen.findByTestId("manifest-plan-error");
    unmount();

    renderPanel(client);
    expect(textArea().value).toBe(TOML_TEXT);
  });
});
