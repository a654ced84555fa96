/**
 * Publish/subscribe by topic. Services publish after commit; subscriptions read. Fan-out is by
 * topic (one request, one ward, one map tile), never a city-wide firehose, so each event reaches only
 * the sockets that care.
 *
 * The in-process implementation serves one instance. A Redis implementation of the same
 * {@link PubSub} interface replaces it for many instances without touching the services.
 */
import { EventEmitter } from 'node:events';

/** What services see: publish only. */
export interface Publisher {
  publish(topic: string, payload: unknown): void;
}

/** A live subscription: an async iterator that buffers from the moment it is created. */
export interface TopicSubscription<T> extends AsyncIterableIterator<T> {
  /** Stops listening and ends the iterator. */
  close(): void;
}

/** Publish and subscribe. */
export interface PubSub extends Publisher {
  /**
   * Subscribes to several topics at once. Listening starts immediately (not at the first `next`),
   * so a caller can subscribe, then read history, and miss nothing in between.
   */
  subscribe<T>(topics: string[]): TopicSubscription<T>;
  close(): Promise<void>;
}

/** Most events a slow subscriber may have queued before the oldest are dropped. */
const MAX_BUFFER = 1000;

/** Single-process pub/sub on an EventEmitter. */
export class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<T>(topics: string[]): TopicSubscription<T> {
    const queue: T[] = [];
    const waiting: ((result: IteratorResult<T>) => void)[] = [];
    let closed = false;
    const listener = (payload: T) => {
      const resolve = waiting.shift();
      if (resolve) resolve({ value: payload, done: false });
      else {
        queue.push(payload);
        if (queue.length > MAX_BUFFER) queue.shift();
      }
    };
    for (const topic of topics) this.emitter.on(topic, listener);
    const close = () => {
      if (closed) return;
      closed = true;
      for (const topic of topics) this.emitter.off(topic, listener);
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    const iterator: TopicSubscription<T> = {
      next() {
        const value = queue.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        if (closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return() {
        close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error?: unknown) {
        close();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      close,
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

/** Topic names, in one place. */
export const topics = {
  /** Every event of one request. */
  request: (requestId: string) => `request:${requestId}`,
  /** Requests created or changed in a ward / community area. */
  area: (kind: string, number: number) => `area:${kind}:${number}`,
  /** Every change of one agency's requests, internal ones included (the staff queue; staff only). */
  agency: (agencyId: string) => `agency:${agencyId}`,
  /** Requests created or changed in one map tile (Web Mercator tile at {@link TILE_ZOOM}). */
  tile: (x: number, y: number) => `tile:${TILE_ZOOM}:${x}:${y}`,
};

/** Zoom of the tiles that live-map topics are keyed by (about 5 km across in Chicago). */
export const TILE_ZOOM = 13;

/** The Web Mercator tile holding a point at {@link TILE_ZOOM}. */
export function tileOf(longitude: number, latitude: number): { x: number; y: number } {
  const n = 2 ** TILE_ZOOM;
  const x = Math.floor(((longitude + 180) / 360) * n);
  const rad = (latitude * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x: Math.min(Math.max(x, 0), n - 1), y: Math.min(Math.max(y, 0), n - 1) };
}

/** Tile topics covering a bounding box; undefined when more than `max` tiles would be needed. */
export function tileTopicsForBbox(
  bbox: { west: number; south: number; east: number; north: number },
  max = 256,
): string[] | undefined {
  const a = tileOf(bbox.west, bbox.north);
  const b = tileOf(bbox.east, bbox.south);
  const count = (b.x - a.x + 1) * (b.y - a.y + 1);
  if (count > max) return undefined;
  const result: string[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) result.push(topics.tile(x, y));
  return result;
}
