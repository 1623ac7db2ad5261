// Rust judges what a person types; the forms only show its judgement. The vocabularies
// (URL params, app types, name bounds) are asked once per run. A form's input and a
// redirect-URI list are asked about ~150 ms after the typing stops, through TanStack Query
// keyed by the exact input: an input judged before is answered from the cache at once.
// A judgement is kept with the input it judged, so while a new one is on its way the
// previous one is shown only for what has not changed since (a field's hint is always
// about its current value; `fresh` says whether the whole judgement is). An action
// re-asks with `ensure()` rather than trusting a stale judgement, so a quick Save after
// typing is neither refused by an old hint nor let through without one.
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
  /**
   * What is known of the current input: its judgement when `fresh`; else, while a new one
   * is on its way, the previous judgement with only its hints about what has not changed
   * since (a hint about a field that changed is left out until the fresh one arrives).
   */
  judgement: T | undefined;
  /** Whether `judgement` is about exactly the current input. */
  fresh: boolean;
  /** The judgement of the current input, asked now if it is not known yet. */
  ensure: () => Promise<T>;
};

/** A judgement, with the input it is about. */
type Verdict<I, T> = { input: I; value: T };

/** A stale judgement limited to what is still true of `input` (it was made for `judged`). */
type StillTrue<I, T> = (value: T, judged: I, input: I) => T;

function useJudged<I, T>(
  input: I,
  key: (input: I) => QueryKey,
  judge: (input: I) => Promise<T>,
  worthAsking: (input: I) => boolean,
  stillTrue: StillTrue<I, T>,
): Judged<T> {
  const client = useQueryClient();
  const sameInput = useCallback((a: I, b: I) => hashKey(key(a)) === hashKey(key(b)), [key]);
  const settled = useDebounced(input, JUDGE_DELAY_MS, sameInput);
  // An input judged before needs no pause: its judgement is in the cache.
  const asked = client.getQueryData(key(input)) !== undefined ? input : settled;
  const query = useQuery<Verdict<I, T>>({
    queryKey: key(asked),
    queryFn: async () => ({ input: asked, value: await judge(asked) }),
    enabled: worthAsking(asked),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const verdict = query.data;
  const fresh = verdict !== undefined && worthAsking(input) && sameInput(verdict.input, input);
  const judgement = verdict === undefined ? undefined : fresh ? verdict.value : stillTrue(verdict.value, verdict.input, input);
  const ensure = useCallback(
    () =>
      client
        .fetchQuery<Verdict<I, T>>({
          queryKey: key(input),
          queryFn: async () => ({ input, value: await judge(input) }),
          staleTime: Infinity,
        })
        .then((known) => known.value),
    [client, key, judge, input],
  );
  return { judgement, fresh, ensure };
}

const always = () => true;

/** Two values of one input field are the same (lists entry by entry; absent is empty). */
function same(a: unknown, b: unknown): boolean {
  return hashKey([a ?? null]) === hashKey([b ?? null]);
}

/**
 * A list's judgement, limited to what still holds for `uris`: an entry's problem is about
 * the entry and those before it (a repeat of an earlier one), so it stands while they are
 * unchanged; a warning compares the entry with the whole list, so it stands only while the
 * list is unchanged.
 */
export function urisStillTrue(judged: UriJudgement[], before: readonly string[], uris: readonly string[]): UriJudgement[] {
  const wholeList = same(before, uris);
  return judged.map((entry, index) => {
    const prefix = index < uris.length && before.slice(0, index + 1).every((uri, i) => uri === uris[i]);
    return {
      uri: entry.uri,
      problem: prefix ? entry.problem : null,
      warning: wholeList ? entry.warning : null,
    };
  });
}

/** A form's judgement, limited to the fields whose value is what was judged. */
export function formCheckStillTrue(check: AppFormCheck, judged: AppInput, input: AppInput): AppFormCheck {
  const kept = (field: keyof AppInput, hint: string | null) => (same(judged[field], input[field]) ? hint : null);
  return {
    name: kept("name", check.name),
    app_code_name: kept("app_code_name", check.app_code_name),
    redirect_uri: kept("redirect_uri", check.redirect_uri),
    url_params: kept("url_params", check.url_params),
    oauth_redirect_uris: urisStillTrue(check.oauth_redirect_uris, judged.oauth_redirect_uris ?? [], input.oauth_redirect_uris ?? []),
  };
}

/**
 * Rust's judgement of an app form (only the fields present in `input` are judged);
 * `worthAsking` says which inputs need no judgement (an update with no field).
 */
export function useAppFormCheck(input: AppInput, worthAsking: (input: AppInput) => boolean = always): Judged<AppFormCheck> {
  return useJudged(input, queryKeys.appFormCheck, commands.appFormCheck, worthAsking, formCheckStillTrue);
}

const judgeUris = (uris: readonly string[]) => commands.redirectUrisJudge([...uris]);

/** Rust's judgement of a redirect-URI list, entry by entry (none for an empty entry or list). */
export function useUriJudgements(uris: readonly string[]): Judged<UriJudgement[]> {
  return useJudged(uris, queryKeys.uriJudgements, judgeUris, nonEmptyList, urisStillTrue);
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
