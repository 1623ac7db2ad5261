// Redirect URIs' read and actions. Applying a change writes the new OAuth list into the
// cached listing at once (the answer is the truth), then makes the listing, the app (its
// `oauth_redirect_uris`), the apps list and the audit log stale, and leaves the working
// list no longer unsaved. A preview changes nothing.
import { useQuery } from "@tanstack/react-query";
import type { RedirectUriChange, RedirectUrisView } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";
import { readDraft, writeDraft } from "../../unsaved/drafts";
import { sameList } from "./lists";

export function useRedirectUris(app: string) {
  return useQuery({ queryKey: queryKeys.redirectUris(app), queryFn: () => commands.redirectUrisList(app) });
}

export function usePreviewRedirectUris(app: string) {
  return useAction({ run: (change: RedirectUriChange) => commands.redirectUrisPreview(app, change) });
}

export function useApplyRedirectUris(app: string) {
  return useAction({
    run: (change: RedirectUriChange) => commands.redirectUrisApply(app, change),
    update: (client, diff, change) => {
      // Saved: the working list is no longer unsaved (unless it changed while saving).
      if (sameList(readDraft<string[]>(app, "redirect_uris") ?? change.uris, change.uris)) {
        writeDraft(app, "redirect_uris", undefined);
      }
      client.setQueryData<RedirectUrisView>(queryKeys.redirectUris(app), (view) =>
        view
          ? {
              ...view,
              uris: [
                ...view.uris.filter((entry) => entry.role !== "o_auth"),
                ...diff.oauth_redirect_uris.map((uri) => ({ uri, role: "o_auth" as const })),
              ],
            }
          : view,
      );
    },
    invalidates: [queryKeys.redirectUris(app), queryKeys.app(app), queryKeys.apps(), queryKeys.audit()],
  });
}
