/** Entity → GraphQL mapping for notifications. */
import { toGlobalId } from '../../lib/ids.js';
import type { Language } from '../../lib/language.js';
import type { NotificationEntity } from './notification.entity.js';
import { notificationText } from './notification.messages.js';
import { Notification, NotificationKindEnum } from './notification.type.js';

const TARGET_TYPES: Record<string, string> = {
  REQUEST: 'ServiceRequest',
  AREA: 'Area',
  BLOCK_CLUB: 'BlockClub',
  IDEA: 'Idea',
};

/** Maps one notification in a language; the target id becomes a global id. */
export function presentNotification(n: NotificationEntity, language: Language): Notification {
  const text = notificationText(n, language);
  return Object.assign(new Notification(), {
    id: n.id,
    kind: n.kind as NotificationKindEnum,
    title: text.title,
    body: text.body,
    count: n.count,
    targetType: n.targetType,
    targetId: toGlobalId(TARGET_TYPES[n.targetType] ?? n.targetType, n.targetId),
    read: n.readAt !== null,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
  });
}
