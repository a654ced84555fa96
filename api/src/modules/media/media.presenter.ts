/** Entity → GraphQL mapping for photos, with the URLs the media routes serve. */
import { Media } from '../service-request/service-request.type.js';
import type { MediaEntity } from './media.entity.js';

/** The URLs of a photo and its thumbnail. */
export interface MediaUrls {
  url: string;
  thumbnailUrl: string;
}

/**
 * The URLs under which the media routes serve a photo, so GraphQL, the upload response and the
 * Open311 facade link to exactly the same place. `baseUrl` is an origin; relative URLs without it.
 */
export function mediaUrls(id: string, baseUrl = ''): MediaUrls {
  const base = baseUrl.replace(/\/+$/, '');
  return { url: `${base}/media/${id}`, thumbnailUrl: `${base}/media/${id}/thumb` };
}

/** Maps a photo. */
export function presentMedia(m: MediaEntity): Media {
  return Object.assign(new Media(), {
    id: m.id,
    ...mediaUrls(m.id),
    width: m.width,
    height: m.height,
  });
}
