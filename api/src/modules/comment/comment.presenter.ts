/**
 * Entity → GraphQL mapping for comments: the one place that decides what a removed or hidden
 * comment shows to whom (a hidden comment stays readable by its author and by moderators).
 */
import { toGlobalId } from '../../lib/ids.js';
import type { Actor } from '../user/actor.js';
import type { CommentEntity } from './comment.entity.js';
import { detectLinks } from './comment.service.js';
import { Comment } from './comment.type.js';

/** Maps a comment for one viewer. */
export function presentComment(c: CommentEntity, actor: Actor, authorName: string | null): Comment {
  const isAuthor = actor.user?.id === c.authorId;
  const moderator = actor.user?.role === 'MODERATOR' || actor.user?.role === 'ADMIN';
  const removed = c.deletedAt !== null;
  const hidden = c.hiddenAt !== null;
  const readable = !removed && (!hidden || isAuthor || moderator);
  return Object.assign(new Comment(), {
    id: toGlobalId('Comment', c.id),
    uuid: c.id,
    authorId: c.authorId,
    body: readable ? c.body : null,
    removed,
    hidden,
    links: readable ? detectLinks(c.body) : [],
    authorName: removed ? null : authorName,
    viewerIsAuthor: isAuthor,
    parentId: c.parentId ? toGlobalId('Comment', c.parentId) : null,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
  });
}
