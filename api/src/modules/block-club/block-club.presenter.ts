/**
 * Rows → GraphQL for block clubs. The one place that decides what a removed or hidden post shows
 * to whom and that members appear by display name only.
 */
import { toGlobalId } from '../../lib/ids.js';
import type { Actor } from '../user/actor.js';
import type {
  ActionRow,
  ClubRow,
  IdeaSummaryRow,
  MemberRow,
  PostRow,
} from './block-club.repository.js';
import {
  BlockClub,
  BlockClubAction,
  BlockClubIdeaSummary,
  BlockClubJoinPolicyEnum,
  BlockClubMember,
  BlockClubMemberStatusEnum,
  BlockClubPost,
  BlockClubRoleEnum,
  RsvpResponseEnum,
} from './block-club.type.js';

/** Maps a club for the viewer whose membership the row carries. */
export function presentBlockClub(c: ClubRow): BlockClub {
  return Object.assign(new BlockClub(), {
    id: toGlobalId('BlockClub', c.id),
    uuid: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    boundary: { type: 'Polygon', coordinates: c.boundary.coordinates },
    areaSquareMeters: Math.round(c.areaSquareMeters),
    center: c.center,
    joinPolicy: c.joinPolicy as BlockClubJoinPolicyEnum,
    memberCount: c.memberCount,
    hidden: c.hiddenAt !== null,
    viewerMembership:
      c.viewerRole && c.viewerStatus
        ? {
            role: c.viewerRole as BlockClubRoleEnum,
            status: c.viewerStatus as BlockClubMemberStatusEnum,
          }
        : null,
    row: c,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  });
}

/** Maps a member: display name, role, status; never contact details. */
export function presentMember(m: MemberRow): BlockClubMember {
  return Object.assign(new BlockClubMember(), {
    userId: m.userId,
    displayName: m.displayName,
    role: m.role as BlockClubRoleEnum,
    status: m.status as BlockClubMemberStatusEnum,
    joinedAt: m.joinedAt,
  });
}

/** Maps a post for one viewer (a hidden post stays readable by its author and moderators). */
export function presentPost(p: PostRow, actor: Actor): BlockClubPost {
  const isAuthor = actor.user?.id === p.authorId;
  const moderator = actor.user?.role === 'MODERATOR' || actor.user?.role === 'ADMIN';
  const removed = p.deletedAt !== null;
  const hidden = p.hiddenAt !== null;
  const readable = !removed && (!hidden || isAuthor || moderator);
  return Object.assign(new BlockClubPost(), {
    id: toGlobalId('BlockClubPost', p.id),
    clubId: toGlobalId('BlockClub', p.clubId),
    body: readable ? p.body : null,
    removed,
    hidden,
    authorName: removed ? null : p.authorName,
    viewerIsAuthor: isAuthor,
    commentCount: p.commentCount,
    createdAt: p.createdAt,
  });
}

/** Maps an action with its counts and the viewer's answer. */
export function presentAction(a: ActionRow): BlockClubAction {
  return Object.assign(new BlockClubAction(), {
    id: toGlobalId('BlockClubAction', a.id),
    clubId: toGlobalId('BlockClub', a.clubId),
    title: a.title,
    description: a.description,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    place: a.place,
    location: a.location,
    rsvpCounts: { going: a.going, maybe: a.maybe, notGoing: a.notGoing },
    viewerResponse: a.viewerResponse as RsvpResponseEnum | null,
    createdAt: a.createdAt,
  });
}

/** Maps an idea inside a boundary. */
export function presentIdeaSummary(i: IdeaSummaryRow): BlockClubIdeaSummary {
  return Object.assign(new BlockClubIdeaSummary(), {
    id: toGlobalId('Idea', i.id),
    title: i.title,
    status: i.status,
    voteCount: i.voteCount,
    createdAt: i.createdAt,
  });
}
