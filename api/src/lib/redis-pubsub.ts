/**
 * Pub/sub across many Stoop instances behind a load balancer: the same {@link PubSub} interface as
 * the in-process one, over Redis channels. Each topic is a Redis channel, subscribed once per
 * process however many sockets listen to it (reference-counted), so fan-out stays by topic.
 *
 * Payloads cross the wire as JSON; Dates are tagged on the way out and revived on the way in, so
 * subscribers see the same shapes as with the in-process implementation.
 */
import { Redis } from 'ioredis';
import type { PubSub, TopicSubscription } from './pubsub.js';
import { InProcessPubSub } from './pubsub.js';

const DATE_TAG = '$date';

/** JSON with Dates kept as Dates. */
export function encodePayload(payload: unknown): string {
  return JSON.stringify(payload, function replacer(this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : (value as unknown);
  });
}

/** The inverse of {@link encodePayload}. */
export function decodePayload(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && DATE_TAG in value) {
      const iso = (value as Record<string, unknown>)[DATE_TAG];
      if (typeof iso === 'string' && Object.keys(value).length === 1) return new Date(iso);
    }
    return value;
  });
}

/** Redis-backed pub/sub. */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  /** Local fan-out of messages received from Redis. */
  private readonly local = new InProcessPubSub();
  private readonly counts = new Map<string, number>();
  private readonly ready: Promise<void>;

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    this.subscriber.on('message', (channel: string, message: string) => {
      this.local.publish(channel, decodePayload(message));
    });
    this.ready = Promise.all([
      new Promise<void>((resolve) => this.publisher.once('ready', () => resolve())),
      new Promise<void>((resolve) => this.subscriber.once('ready', () => resolve())),
    ]).then(() => undefined);
  }

  /** Resolves when both connections are up (start-up waits for it). */
  connected(): Promise<void> {
    return this.ready;
  }

  publish(topic: string, payload: unknown): void {
    void this.publisher.publish(topic, encodePayload(payload));
  }

  subscribe<T>(topics: string[]): TopicSubscription<T> {
    const inner = this.local.subscribe<T>(topics);
    const pending: Promise<unknown>[] = [];
    for (const topic of topics) {
      const n = (this.counts.get(topic) ?? 0) + 1;
      this.counts.set(topic, n);
      if (n === 1) pending.push(this.subscriber.subscribe(topic));
    }
    let closed = false;
    const release = () => {
      if (closed) return;
      closed = true;
      for (const topic of topics) {
        const n = (this.counts.get(topic) ?? 1) - 1;
        if (n <= 0) {
          this.counts.delete(topic);
          void this.subscriber.unsubscribe(topic);
        } else this.counts.set(topic, n);
      }
    };
    const subscription: TopicSubscription<T> & { registered: Promise<void> } = {
      next: () => inner.next(),
      return: (value?: unknown) => {
        release();
        return inner.return
          ? inner.return(value)
          : Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        release();
        return inner.throw ? inner.throw(error) : Promise.reject(error as Error);
      },
      close: () => {
        release();
        inner.close();
      },
      registered: Promise.all(pending).then(() => undefined),
      [Symbol.asyncIterator]() {
        return subscription;
      },
    };
    return subscription;
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
