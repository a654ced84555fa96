/** Entity → GraphQL mapping for API keys: the hash never leaves the server. */
import { toGlobalId } from '../../lib/ids.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKey } from './api-key.type.js';

/** Maps a key, without its hash. */
export function presentApiKey(k: ApiKeyEntity): ApiKey {
  return Object.assign(new ApiKey(), {
    id: toGlobalId('ApiKey', k.id),
    name: k.name,
    prefix: k.prefix,
    rateLimitPerMinute: k.rateLimitPerMinute,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
  });
}
