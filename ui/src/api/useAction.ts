// The one way an action (a command that changes something) is wrapped for React: a
// TanStack mutation whose cache consequences are declared once, next to the action, by
// its feature's hook (`useRevokeToken(app)` says it makes `tokens(app)` and `audit()`
// stale). A call site only says what the action is for on its screen (`mutate(vars,
// { onSuccess })`); it never guesses which queries to refresh.
import { useCallback } from "react";
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";

type Stale<TData, TVars> = "everything" | readonly QueryKey[] | ((data: TData | undefined, vars: TVars) => readonly QueryKey[]);

export type ActionOptions<TData, TVars> = {
  run: (vars: TVars) => Promise<TData>;
  /** Writes the answer into the cache (before the invalidation), when it is the new truth. */
  update?: (client: QueryClient, data: TData, vars: TVars) => void;
  /** The queries the action makes stale. */
  invalidates?: Stale<TData, TVars>;
  /** "settled": stale even when the action fails (a refused OAuth test is still recorded). */
  when?: "success" | "settled";
};

function invalidate<TData, TVars>(client: QueryClient, stale: Stale<TData, TVars> | undefined, data: TData | undefined, vars: TVars) {
  if (stale === undefined) return;
  if (stale === "everything") {
    void client.invalidateQueries();
    return;
  }
  const keys = typeof stale === "function" ? stale(data, vars) : stale;
  for (const queryKey of keys) void client.invalidateQueries({ queryKey });
}

/** What a call site does with the answer on its own screen. */
export type AfterAction<TData> = { onSuccess?: (data: TData) => void; onError?: (error: Error) => void };

export function useAction<TData, TVars = void>(options: ActionOptions<TData, TVars>) {
  const client = useQueryClient();
  const { run, update, invalidates, when = "success" } = options;
  const mutation = useMutation<TData, Error, TVars>({
    mutationFn: run,
    onSuccess: (data, vars) => {
      update?.(client, data, vars);
      invalidate(client, invalidates, data, vars);
    },
    onError: (_error, vars) => {
      if (when === "settled") invalidate(client, invalidates, undefined, vars);
    },
  });
  // The call site's callbacks ride on the promise, not on TanStack's per-call callbacks:
  // those are dropped when the observer is not subscribed yet, which under Preact (whose
  // subscriptions start in a passive effect) happens to a click right after a render.
  const { mutateAsync } = mutation;
  const mutate = useCallback(
    (vars: TVars, after?: AfterAction<TData>) => {
      mutateAsync(vars).then(
        (data) => after?.onSuccess?.(data),
        (error: Error) => after?.onError?.(error),
      );
    },
    [mutateAsync],
  );
  return { ...mutation, mutate };
}
