/** Entity → GraphQL mapping for notifications. */
import { toGlobalId } from '../../lib/ids.js';
import type { NotificationEntity } from './notification.entity.js';
import { Notification, NotificationKindEnum } from './notification.type.js';

const TARGET_TYPES: Record<string, string> = {
  REQUEST: 'ServiceRequest',
  AREA: 'Area',
  BLOCK_CLUB: 'BlockClub',
  IDEA: 'Idea',
};

/** Maps one notification; the target id becomes a global id. */
export function presentNotification(n: NotificationEntity): Notification {
  return Object.assign(new Notification(), {
    id: n.id,
    kind: n.kind as NotificationKindEnum,
    title: n.title,
    body: n.body,
    count: n.count,
    targetType: n.targetType,
    targetId: toGlobalId(TARGET_TYPES[n.targetType] ?? n.targetType, n.targetId),
    read: n.readAt !== null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  });
}
