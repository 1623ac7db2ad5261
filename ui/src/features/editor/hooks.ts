// The app settings' actions and draft. A preview changes nothing; a save writes the saved
// app into the app's cached details, makes the app, the apps list and the audit log stale,
// and leaves nothing unsaved in the app's "settings" draft.
import { useEffect, useMemo } from "react";
import type { App, AppDetails, AppInput } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";
import { readDraft, useDraft, writeDraft } from "../../unsaved/drafts";
import { buildInput, editedFields, formOf, type Form, type SettingsDraft } from "./form";

export function usePreviewAppUpdate(app: string) {
  return useAction({ run: (input: AppInput) => commands.appUpdatePreview(app, input) });
}

export function useSaveAppUpdate(app: string) {
  return useAction({
    run: (input: AppInput) => commands.appUpdate(app, input),
    update: (client, result, sent) => {
      client.setQueryData<AppDetails>(queryKeys.app(app), (details) => (details ? { ...details, app: result.app } : details));
      // Saved: nothing is unsaved any more, unless the person edited on while it was saving.
      const draft = readDraft<SettingsDraft>(app, "settings");
      if (!draft || JSON.stringify(buildInput(draft.form, draft.base)) === JSON.stringify(sent)) {
        writeDraft(app, "settings", undefined);
      }
    },
    invalidates: [queryKeys.app(app), queryKeys.apps(), queryKeys.audit()],
  });
}

/**
 * The settings form of `app` as the draft holds it (the app's own values when there is
 * none), and a setter that keeps a draft only while something is edited. `stale`: `app` is
 * the console's cached copy, not the platform's answer.
 */
export function useSettingsDraft(app: App, stale: boolean): [Form, (next: Form) => void, () => void] {
  const code = app.app_code_name;
  const [draft, setDraft] = useDraft<SettingsDraft>(code, "settings");
  const form = useMemo(() => formOf(draft, app), [draft, app]);
  const set = (next: Form) => setDraft(editedFields(next, app).length > 0 ? { base: app, form: next } : undefined);
  const discard = () => setDraft(undefined);
  // A draft the app has caught up with (kept from an earlier page, and saved since from
  // elsewhere; or a refetch that brought the edited values) holds nothing unsaved: it goes,
  // so the tab and the leave guard do not ask about it. Only against the platform's own
  // answer: a cached copy may equal the draft while the platform has moved on.
  const caughtUp = !stale && draft !== undefined && editedFields(form, app).length === 0;
  useEffect(() => {
    if (caughtUp) setDraft(undefined);
  }, [caughtUp, setDraft]);
  return [form, set, discard];
}
