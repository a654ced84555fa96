/** Entity → GraphQL mapping for areas. */
import { toGlobalId } from '../../lib/ids.js';
import type { AreaEntity } from './area.entity.js';
import { Area, AreaKindEnum } from './area.type.js';

/** Maps an area. */
export function presentArea(a: AreaEntity): Area {
  return Object.assign(new Area(), {
    id: toGlobalId('Area', a.id),
    uuid: a.id,
    kind: a.kind as AreaKindEnum,
    number: a.number,
    name: a.name,
  });
}
