// Rust judges what a person types; the forms only show its judgement. The vocabularies
// (URL params, app types, name bounds) are asked once per run. A form's input and a
// redirect-URI list are asked about ~150 ms after the typing stops, through TanStack Query
// keyed by the exact input: an input judged before is answered from the cache at once,
// and while a new judgement is on its way the previous one stays on screen (`fresh` says
// whether it is about what is typed now). An action re-asks with `ensure()` rather than
// trusting a stale judgement, so a quick Save after typing is neither refused by an old
// hint nor let through without one.
import { hashKey, keepPreviousData, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback } from "react";
import type { AppFormCheck, AppInput, AppVocabulary, UriJudgement } from "./bindings";
import { commands } from "./commands";
import { queryKeys } from "./queryKeys";
import { useDebounced } from "../hooks/useDebounced";

/** How long the typing must pause before Rust is asked. */
export const JUDGE_DELAY_MS = 150;

export function useVocabulary() {
  return useQuery<AppVocabulary>({
    queryKey: queryKeys.vocabulary(),
    queryFn: commands.appVocabulary,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export type Judged<T> = {
  /** The latest judgement (possibly of an earlier input while a new one is pending). */
  judgement: T | undefined;
  /** Whether `judgement` is about exactly the current input. */
  fresh: boolean;
  /** The judgement of the current input, asked now if it is not known yet. */
  ensure: () => Promise<T>;
};

function useJudged<I, T>(
  input: I,
  key: (input: I) => QueryKey,
  judge: (input: I) => Promise<T>,
  worthAsking: (input: I) => boolean,
): Judged<T> {
  const client = useQueryClient();
  const sameInput = useCallback((a: I, b: I) => hashKey(key(a)) === hashKey(key(b)), [key]);
  const settled = useDebounced(input, JUDGE_DELAY_MS, sameInput);
  // An input judged before needs no pause: its judgement is in the cache.
  const asked = client.getQueryData(key(input)) !== undefined ? input : settled;
  const query = useQuery({
    queryKey: key(asked),
    queryFn: () => judge(asked),
    enabled: worthAsking(asked),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const fresh = worthAsking(input) && query.isSuccess && !query.isPlaceholderData && sameInput(asked, input);
  const ensure = useCallback(
    () => client.fetchQuery({ queryKey: key(input), queryFn: () => judge(input), staleTime: Infinity }),
    [client, key, judge, input],
  );
  return { judgement: query.data, fresh, ensure };
}

const always = () => true;

/**
 * Rust's judgement of an app form (only the fields present in `input` are judged);
 * `worthAsking` says which inputs need no judgement (an update with no field).
 */
export function useAppFormCheck(input: AppInput, worthAsking: (input: AppInput) => boolean = always): Judged<AppFormCheck> {
  return useJudged(input, queryKeys.appFormCheck, commands.appFormCheck, worthAsking);
}

const judgeUris = (uris: readonly string[]) => commands.redirectUrisJudge([...uris]);

/** Rust's judgement of a redirect-URI list, entry by entry (none for an empty entry or list). */
export function useUriJudgements(uris: readonly string[]): Judged<UriJudgement[]> {
  return useJudged(uris, queryKeys.uriJudgements, judgeUris, nonEmptyList);
}

function nonEmptyList(uris: readonly string[]): boolean {
  return uris.length > 0 && uris.every((uri) => uri.length > 0);
}

/** Whether a form judgement found anything that blocks sending. */
export function formCheckBlocks(check: AppFormCheck | undefined): boolean {
  if (!check) return false;
  return (
    check.name !== null ||
    check.app_code_name !== null ||
    check.redirect_uri !== null ||
    check.url_params !== null ||
    check.oauth_redirect_uris.some((entry) => entry.problem !== null)
  );
}
