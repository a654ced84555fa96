/** Entity → GraphQL mapping for photos, with the URLs the media routes serve. */
import { Media } from '../service-request/service-request.type.js';
import type { MediaEntity } from './media.entity.js';

/** Relative URLs of a photo and its thumbnail. */
export function mediaPaths(id: string): { url: string; thumbnailUrl: string } {
  return { url: `/media/${id}`, thumbnailUrl: `/media/${id}/thumb` };
}

/** Maps a photo. */
export function presentMedia(m: MediaEntity): Media {
  return Object.assign(new Media(), {
    id: m.id,
    ...mediaPaths(m.id),
    width: m.width,
    height: m.height,
  });
}
