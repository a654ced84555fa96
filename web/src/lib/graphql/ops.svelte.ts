/**
 * The small runes wrapper around Apollo Client (STYLE.md): `query()` and `subscription()` are
 * called while a component initialises and live as long as it does; variables are a getter, so a
 * change in what they read re-runs the query. `mutate()` is a plain async function that returns
 * the data or throws a UserError with field messages.
 */
import type { TypedDocumentNode } from '@apollo/client';
import type { WatchQueryFetchPolicy } from '@apollo/client';
import { apollo } from './client';
import { connection } from './connection.svelte';
import { toUserError, type UserError } from './errors';

type Vars = Record<string, unknown>;

/** A live query result. */
export class QueryResult<TData> {
  data = $state.raw<TData | undefined>(undefined);
  error = $state.raw<UserError | undefined>(undefined);
  loading = $state(true);
  #refetch: () => Promise<unknown> = async () => undefined;

  /** Asks the server again (keeps showing the current data meanwhile). */
  refetch = () => this.#refetch();

  /** @internal */
  bind(refetch: () => Promise<unknown>) {
    this.#refetch = refetch;
  }
}

/**
 * Watches a query. `variables` returning `null` pauses it (e.g. until an id is known).
 * After a WebSocket reconnect the query is refetched, so live pages catch up.
 */
export function query<TData, TVars extends Vars>(
  document: TypedDocumentNode<TData, TVars>,
  variables: () => TVars | null = () => ({}) as TVars,
  options: { fetchPolicy?: WatchQueryFetchPolicy; pollInterval?: number } = {},
): QueryResult<TData> {
  const result = new QueryResult<TData>();
  $effect(() => {
    const vars = variables();
    if (vars === null) return;
    const snapshot = $state.snapshot(vars) as TVars;
    const observable = apollo().watchQuery<TData, TVars>({
      query: document,
      variables: snapshot,
      fetchPolicy: options.fetchPolicy ?? 'cache-and-network',
      pollInterval: options.pollInterval,
      notifyOnNetworkStatusChange: false,
    } as never);
    result.bind(() => observable.refetch());
    const sub = observable.subscribe({
      next: (r) => {
        if (r.data !== undefined) result.data = r.data as TData;
        result.loading = r.loading;
        result.error = r.error ? toUserError(r.error) : undefined;
      },
      error: (e: unknown) => {
        result.loading = false;
        result.error = toUserError(e);
      },
    });
    return () => sub.unsubscribe();
  });
  // Catch up after a dropped socket.
  let seen = connection.reconnects;
  $effect(() => {
    const n = connection.reconnects;
    if (n !== seen) {
      seen = n;
      void result.refetch();
    }
  });
  return result;
}

/** Subscribes while the component lives; `variables` returning null pauses it. */
export function subscription<TData, TVars extends Vars>(
  document: TypedDocumentNode<TData, TVars>,
  variables: () => TVars | null,
  onData: (data: TData) => void,
): void {
  $effect(() => {
    const vars = variables();
    if (vars === null) return;
    const snapshot = $state.snapshot(vars) as TVars;
    const sub = apollo()
      .subscribe<TData, TVars>({ query: document, variables: snapshot } as never)
      .subscribe({
        next: (r) => {
          if (r.data) onData(r.data as TData);
        },
        error: () => undefined,
      });
    return () => sub.unsubscribe();
  });
}

/** Runs a mutation; returns its data or throws a UserError. */
export async function mutate<TData, TVars extends Vars>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  options: { refetchQueries?: 'active' | string[] } = {},
): Promise<TData> {
  try {
    const r = await apollo().mutate<TData, TVars>({
      mutation: document,
      variables,
      refetchQueries: options.refetchQueries === 'active' ? 'active' : options.refetchQueries,
    } as never);
    if (!r.data) throw new Error('No data');
    return r.data as TData;
  } catch (e) {
    throw toUserError(e);
  }
}

/** Runs a query once (no watching), e.g. for a search box. */
export async function fetchOnce<TData, TVars extends Vars>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Promise<TData> {
  try {
    const r = await apollo().query<TData, TVars>({
      query: document,
      variables,
      fetchPolicy: 'network-only',
    } as never);
    return r.data as TData;
  } catch (e) {
    throw toUserError(e);
  }
}
