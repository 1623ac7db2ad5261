// Credentials' reads and actions, each action with the queries it makes stale: importing
// (or replacing) and removing client credentials change the app's and the list's "secret
// kept here" badge and the audit log; creating
// or revoking an app token changes the token list and the audit log. Revealing a secret
// changes nothing (and is never cached: the secret lives only in the field that asked).
import { useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

/** The client id and the masked secret. */
export function useCredentials(app: string) {
  return useQuery({ queryKey: queryKeys.credentials(app), queryFn: () => commands.appCredentials(app, false) });
}

export function useRevealSecret(app: string) {
  return useAction({ run: () => commands.appCredentials(app, true) });
}

export function useImportCredentials(app: string) {
  return useAction({
    run: (input: { clientId: string; clientSecret: string }) =>
      commands.appCredentialsImport(app, input.clientId, input.clientSecret),
    invalidates: [queryKeys.credentials(app), queryKeys.app(app), queryKeys.apps(), queryKeys.audit()],
  });
}

/** Forgets the kept client id and secret (the platform's app is untouched). */
export function useRemoveCredentials(app: string) {
  return useAction({
    run: () => commands.appCredentialsRemove(app),
    invalidates: [queryKeys.credentials(app), queryKeys.app(app), queryKeys.apps(), queryKeys.audit()],
  });
}

export function useTokens(app: string) {
  return useQuery({ queryKey: queryKeys.tokens(app), queryFn: () => commands.tokensList(app) });
}

export function useCreateToken(app: string) {
  return useAction({ run: () => commands.tokenCreate(app), invalidates: [queryKeys.tokens(app), queryKeys.audit()] });
}

export function useRevokeToken(app: string) {
  return useAction({
    run: (tail: string) => commands.tokenRevoke(app, tail),
    invalidates: [queryKeys.tokens(app), queryKeys.audit()],
  });
}
