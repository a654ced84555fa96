/**
 * "Show more" for one list of the club page (requests inside, adopted requests, actions, members).
 *
 * Terminology: the *first page* is the list's connection in the club page query; live updates and
 * re-reads after a change rewrite it in the Apollo cache. *Later pages* are what "Show more"
 * fetched; they are plain results kept here. *Shown* is both, each item once, in the API's order.
 *
 * When the second page is fetched, the first page as it was then is kept too. A re-read of the
 * first page can push its last items out of it (a live request arrived above them); without that
 * copy they would fall in the gap between the new first page and the second, and vanish.
 */

/** The part of a connection's `pageInfo` the lists read. */
export type PageInfo = { hasNextPage: boolean; endCursor?: string | null };

/** One fetched page: its items and whether more come after it. */
export type Page<T> = { items: T[]; pageInfo: PageInfo };

/** The pages after the first of one list, with the state of its "Show more" button. */
export class LaterPages<T> {
  /** The first page as it was when the second was fetched, then every later page. */
  #items = $state.raw<T[]>([]);
  /** Cursor for the next page: undefined until "Show more" was used, null at the end. */
  #cursor = $state<string | null | undefined>(undefined);
  /** A page is being fetched. */
  loading = $state(false);
  /** Why the last fetch failed, or ''. */
  error = $state('');

  readonly #key: (item: T) => string;
  readonly #order: ((a: T, b: T) => number) | undefined;

  /** `key` names an item; `order` is the API's order, so items added locally fall into place. */
  constructor(key: (item: T) => string, order?: (a: T, b: T) => number) {
    this.#key = key;
    this.#order = order;
  }

  /** The first page, then what later pages add, each item once (the first page's copy is fresher). */
  shown(first: readonly T[]): T[] {
    const seen: Record<string, true> = {};
    const out: T[] = [];
    for (const item of [...first, ...this.#items]) {
      const k = this.#key(item);
      if (seen[k]) continue;
      seen[k] = true;
      out.push(item);
    }
    return this.#order ? out.sort(this.#order) : out;
  }

  /** Whether the API has items after those shown. */
  hasMore(first: PageInfo): boolean {
    return this.#cursor === undefined ? first.hasNextPage : this.#cursor !== null;
  }

  /**
   * Fetches the page after those shown and keeps it; returns the keys of the items it newly shows
   * (none when it failed: `error` says why).
   */
  async more(
    first: readonly T[],
    firstInfo: PageInfo,
    fetch: (after: string) => Promise<Page<T>>,
  ): Promise<string[]> {
    const cursor = this.#cursor === undefined ? firstInfo.endCursor : this.#cursor;
    if (!cursor || this.loading) return [];
    this.loading = true;
    this.error = '';
    try {
      const before: Record<string, true> = {};
      for (const item of this.shown(first)) before[this.#key(item)] = true;
      const page = await fetch(cursor);
      const kept = this.#cursor === undefined ? [...first] : this.#items;
      this.#items = [...kept, ...page.items];
      this.#cursor = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
      return page.items.map(this.#key).filter((k) => !before[k]);
    } catch (e) {
      this.error = (e as Error).message;
      return [];
    } finally {
      this.loading = false;
    }
  }

  /**
   * Adds or replaces an item in the later pages after a change seen here (a decision, a live
   * event). Before "Show more" was used the first page is all there is, and its re-read suffices.
   */
  put(item: T): void {
    if (this.#cursor === undefined) return;
    const k = this.#key(item);
    this.#items = this.#items.some((i) => this.#key(i) === k)
      ? this.#items.map((i) => (this.#key(i) === k ? item : i))
      : [...this.#items, item];
  }

  /** Takes an item out of the later pages (someone left the club, a request to join was declined). */
  drop(key: string): void {
    this.#items = this.#items.filter((i) => this.#key(i) !== key);
  }
}
