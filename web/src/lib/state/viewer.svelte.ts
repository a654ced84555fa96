/**
 * Who is signed in, loaded once for the whole app, and the live unread-notification count.
 * Pages read `viewer.current`, `viewer.isStaff`…; sign-in and sign-out call `viewer.reload()`.
 */
import { apollo, restartLive } from '$lib/graphql/client';
import { mutate } from '$lib/graphql/ops.svelte';
import { i18n } from '$lib/i18n/index.svelte';
import {
  NotificationArrivedDocument,
  SaveLanguageDocument,
  SignOutDocument,
  UnreadCountDocument,
  ViewerDocument,
  type ViewerQuery,
} from './viewer.generated';

export type ViewerInfo = NonNullable<ViewerQuery['viewer']>;

class ViewerState {
  current = $state.raw<ViewerInfo | null>(null);
  loaded = $state(false);
  unread = $state(0);
  /** The newest notification that arrived live (for an announcement). */
  latest = $state.raw<{ title: string } | null>(null);
  #live: { unsubscribe(): void } | null = null;

  get signedIn() {
    return this.current !== null;
  }
  get isStaff() {
    return this.current?.role === 'STAFF' || this.current?.role === 'ADMIN';
  }
  get isModerator() {
    return this.current?.role === 'MODERATOR' || this.current?.role === 'ADMIN';
  }
  get isAdmin() {
    return this.current?.role === 'ADMIN';
  }

  /** Loads the viewer (and, when signed in, the unread count and its live updates). */
  async reload() {
    const client = apollo();
    const r = await client.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
    this.current = r.data?.viewer ?? null;
    this.loaded = true;
    this.#live?.unsubscribe();
    this.#live = null;
    if (!this.current) {
      this.unread = 0;
      return;
    }
    if (this.current.locale === 'es' || this.current.locale === 'en') {
      if (!new URLSearchParams(window.location.search).has('lang')) i18n.set(this.current.locale);
    }
    await this.refreshUnread();
    this.#live = client.subscribe({ query: NotificationArrivedDocument }).subscribe({
      next: (result) => {
        const n = result.data?.notificationAdded;
        if (!n) return;
        this.latest = { title: n.title };
        void this.refreshUnread();
      },
    });
  }

  /** Re-reads the unread count from the server. */
  async refreshUnread() {
    const r = await apollo().query({ query: UnreadCountDocument, fetchPolicy: 'network-only' });
    this.unread = r.data?.notifications.unreadCount ?? 0;
  }

  /** Ends the session, forgets cached data and reconnects the socket anonymously. */
  async signOut() {
    await mutate(SignOutDocument, {});
    this.current = null;
    await restartLive();
    await this.reload();
  }

  /** Switches the interface language and, when signed in, saves it to the account. */
  async setLanguage(lang: 'en' | 'es') {
    i18n.set(lang);
    if (!this.current || this.current.locale === lang) return;
    await mutate(SaveLanguageDocument, { input: { locale: lang } });
    this.current = { ...this.current, locale: lang };
  }

  /** After signing in or up: new cookie, so a new socket and fresh data. */
  async signedInNow() {
    await restartLive();
    await this.reload();
  }
}

/** The app's one viewer state. */
export const viewer = new ViewerState();
