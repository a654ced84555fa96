/**
 * Entity → GraphQL mapping for ideas: the one place that decides what a hidden idea shows to whom
 * (title and text only for its author and moderators).
 */
import { toGlobalId } from '../../lib/ids.js';
import type { Actor } from '../user/actor.js';
import type { IdeaEntity } from './idea.entity.js';
import { Idea, IdeaStatusEnum } from './idea.type.js';

/** Maps an idea for one viewer; `canSeeHidden` is true for its author and moderators. */
export function presentIdea(i: IdeaEntity, actor: Actor, canSeeHidden: boolean): Idea {
  const hidden = i.hiddenAt !== null;
  const readable = !hidden || canSeeHidden;
  const coordinates = i.location?.coordinates as [number, number] | undefined;
  return Object.assign(new Idea(), {
    id: toGlobalId('Idea', i.id),
    uuid: i.id,
    title: readable ? i.title : null,
    body: readable ? i.body : null,
    hidden,
    status: i.status as IdeaStatusEnum,
    voteCount: i.voteCount,
    commentCount: i.commentCount,
    location: coordinates ? { latitude: coordinates[1], longitude: coordinates[0] } : null,
    viewerIsAuthor: actor.user?.id === i.authorId,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    authorId: i.authorId,
    serviceDefinitionId: i.serviceDefinitionId,
    areaId: i.areaId,
    response:
      i.responseText !== null && i.responseAt !== null
        ? { text: i.responseText, at: i.responseAt, byId: i.responseById }
        : null,
  });
}
