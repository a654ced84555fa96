/**
 * One polite live region for the whole app (in the layout). Pages call `announcer.say()` when
 * something changes without a reload (a status update, a new comment), so screen-reader users hear
 * it. Saying the same text twice still announces it.
 */
class Announcer {
  message = $state('');

  say(text: string) {
    this.message = '';
    queueMicrotask(() => {
      this.message = text;
    });
  }
}

export const announcer = new Announcer();
