/**
 * A request list read a page at a time ("show more"), that live updates can edit in place: rows
 * are plain state, not Apollo's cache, so a request arriving over a subscription can be inserted,
 * replaced or removed without refetching the pages already shown.
 */
import { fetchOnce } from '$lib/graphql/ops.svelte';
import type { TypedDocumentNode } from '@apollo/client';

/** The connection shape the list reads. */
interface Connection<Row> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Row }[];
}

/** One paged list of requests. */
export class PagedRequests<
  Row extends { id: string },
  TData,
  TVars extends Record<string, unknown>,
> {
  items = $state.raw<Row[]>([]);
  total = $state(0);
  hasNext = $state(false);
  loading = $state(false);
  error = $state('');
  /** Whether a first page has arrived. */
  loaded = $state(false);
  /** Ids of rows that arrived live (shown with a "New" label). */
  fresh = $state.raw<string[]>([]);
  #endCursor: string | null = null;
  #generation = 0;
  readonly #document: TypedDocumentNode<TData, TVars>;
  readonly #pick: (data: TData) => Connection<Row>;
  readonly #pageSize: number;

  constructor(
    document: TypedDocumentNode<TData, TVars>,
    pick: (data: TData) => Connection<Row>,
    pageSize = 20,
  ) {
    this.#document = document;
    this.#pick = pick;
    this.#pageSize = pageSize;
  }

  /** Loads the first page (reset) or the next one, for these variables (without first/after). */
  async load(vars: Omit<TVars, 'first' | 'after'>, reset: boolean): Promise<void> {
    const mine = reset ? ++this.#generation : this.#generation;
    this.loading = true;
    this.error = '';
    try {
      const data = await fetchOnce(this.#document, {
        ...vars,
        first: this.#pageSize,
        after: reset ? null : this.#endCursor,
      } as unknown as TVars);
      if (mine !== this.#generation) return;
      const page = this.#pick(data);
      const rows = page.edges.map((e) => e.node);
      const seen = reset ? [] : this.items.map((r) => r.id);
      this.items = reset ? rows : [...this.items, ...rows.filter((r) => !seen.includes(r.id))];
      if (reset) this.fresh = [];
      this.total = page.totalCount;
      this.loaded = true;
      this.hasNext = page.pageInfo.hasNextPage;
      this.#endCursor = page.pageInfo.endCursor ?? null;
    } catch (e) {
      if (mine === this.#generation) this.error = (e as Error).message;
    } finally {
      if (mine === this.#generation) this.loading = false;
    }
  }

  /** Whether a row with this id is shown. */
  has(id: string): boolean {
    return this.items.some((r) => r.id === id);
  }

  /** Puts a new row where `before` says (the first shown row it goes before), counting it. */
  insert(row: Row, before: (shown: Row) => boolean): void {
    if (this.has(row.id)) return;
    this.total += 1;
    const index = this.items.findIndex(before);
    if (index === -1 && this.hasNext) return; // it belongs to a page not loaded yet
    this.items = this.items.toSpliced(index === -1 ? this.items.length : index, 0, row);
    this.fresh = [...this.fresh, row.id];
  }

  /** Replaces a shown row. */
  replace(row: Row): void {
    const index = this.items.findIndex((r) => r.id === row.id);
    if (index >= 0) this.items = this.items.with(index, row);
  }

  /** Removes a shown row (it no longer belongs), uncounting it. */
  remove(id: string): void {
    const index = this.items.findIndex((r) => r.id === id);
    if (index === -1) return;
    this.items = this.items.toSpliced(index, 1);
    this.total = Math.max(0, this.total - 1);
  }
}
