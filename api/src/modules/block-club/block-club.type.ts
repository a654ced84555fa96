/** GraphQL shapes of block clubs: the club page, members, posts, actions and live activity. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GeoPoint, Node, PageInfo } from '../../graphql/common.type.js';
import { Comment } from '../comment/comment.type.js';
import { ServiceRequest } from '../service-request/service-request.type.js';
import type { ClubRow } from './block-club.repository.js';

/** How people join a club. */
export enum BlockClubJoinPolicyEnum {
  OPEN = 'OPEN',
  APPROVAL = 'APPROVAL',
}
registerEnumType(BlockClubJoinPolicyEnum, {
  name: 'BlockClubJoinPolicy',
  description: 'How people join a block club.',
  valuesConfig: {
    OPEN: { description: 'Anyone signed in joins at once.' },
    APPROVAL: { description: 'An organizer approves each request to join.' },
  },
});

/** A member's role. */
export enum BlockClubRoleEnum {
  ORGANIZER = 'ORGANIZER',
  MEMBER = 'MEMBER',
}
registerEnumType(BlockClubRoleEnum, {
  name: 'BlockClubRole',
  description: "A member's role in a block club.",
  valuesConfig: {
    ORGANIZER: {
      description:
        'Runs the club: edits it, decides memberships, schedules actions, adopts requests.',
    },
    MEMBER: { description: 'Posts, comments on posts and answers actions.' },
  },
});

/** Whether a membership is in force. */
export enum BlockClubMemberStatusEnum {
  ACTIVE = 'ACTIVE',
  PENDING = 'PENDING',
}
registerEnumType(BlockClubMemberStatusEnum, {
  name: 'BlockClubMemberStatus',
  description: 'Whether a membership is in force.',
  valuesConfig: {
    ACTIVE: { description: 'A member.' },
    PENDING: { description: 'Asked to join a club with the APPROVAL policy; not decided yet.' },
  },
});

/** An answer to an action. */
export enum RsvpResponseEnum {
  GOING = 'GOING',
  MAYBE = 'MAYBE',
  NOT_GOING = 'NOT_GOING',
}
registerEnumType(RsvpResponseEnum, {
  name: 'RsvpResponse',
  description: "A member's answer to a block club action.",
  valuesConfig: {
    GOING: { description: 'Will come.' },
    MAYBE: { description: 'Might come.' },
    NOT_GOING: { description: 'Will not come.' },
  },
});

/** What an activity item carries. */
export enum BlockClubActivityKindEnum {
  REQUEST = 'REQUEST',
  POST = 'POST',
  ACTION = 'ACTION',
  COMMENT = 'COMMENT',
  MEMBERSHIP = 'MEMBERSHIP',
}
registerEnumType(BlockClubActivityKindEnum, {
  name: 'BlockClubActivityKind',
  description: 'What happened in a block club.',
  valuesConfig: {
    REQUEST: { description: 'A new service request inside the boundary (`request` is set).' },
    POST: { description: 'A new post (`post` is set).' },
    ACTION: { description: 'A new action (`action` is set).' },
    COMMENT: { description: 'A new comment on one of the posts (`comment` and `postId` are set).' },
    MEMBERSHIP: {
      description:
        'Membership news (`member` and `membershipChange` are set). News of requests to join reaches only organizers, moderators, admins and the person concerned.',
    },
  },
});

/** What happened to a membership (live activity). */
export enum BlockClubMembershipChangeEnum {
  JOINED = 'JOINED',
  ASKED = 'ASKED',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
  LEFT = 'LEFT',
  ROLE_CHANGED = 'ROLE_CHANGED',
}
registerEnumType(BlockClubMembershipChangeEnum, {
  name: 'BlockClubMembershipChange',
  description: 'What happened to a block club membership.',
  valuesConfig: {
    JOINED: { description: 'Joined an OPEN club.' },
    ASKED: { description: 'Asked to join a club that needs APPROVAL (organizers only).' },
    APPROVED: { description: 'An organizer approved a request to join.' },
    REFUSED: { description: 'An organizer refused a request to join (organizers only).' },
    WITHDRAWN: { description: 'Withdrew a request to join (organizers only).' },
    LEFT: { description: 'Left the club.' },
    ROLE_CHANGED: {
      description: 'Became an organizer or a member (`member.role` is the new role).',
    },
  },
});

/** A GeoJSON Polygon as the API shows it. */
@ObjectType({
  description: 'A GeoJSON Polygon: [longitude, latitude] positions, outer ring first.',
})
export class GeoJsonPolygon {
  @Field(() => String, { description: 'Always "Polygon".' })
  type: string;

  @Field(() => [[[Float]]], {
    description: 'Rings of [longitude, latitude] positions; each ring closed (last = first).',
  })
  coordinates: number[][][];
}

/** The viewer's own membership. */
@ObjectType({ description: "The viewer's membership of a block club." })
export class BlockClubMembership {
  @Field(() => BlockClubRoleEnum, { description: 'Role.' })
  role: BlockClubRoleEnum;

  @Field(() => BlockClubMemberStatusEnum, { description: 'Active or waiting for approval.' })
  status: BlockClubMemberStatusEnum;
}

/** A block club. */
@ObjectType({
  implements: Node,
  description:
    'Neighbours organised around a drawn boundary: members, requests and ideas inside it, posts, actions and adopted requests.',
})
export class BlockClub implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, { description: 'Unique URL name, stable when the club is renamed.' })
  slug: string;

  @Field(() => String, { description: 'Name.' })
  name: string;

  @Field(() => String, { description: 'What the club is about (plain text).' })
  description: string;

  @Field(() => GeoJsonPolygon, { description: 'The boundary.' })
  boundary: GeoJsonPolygon;

  @Field(() => Float, { description: 'Area of the boundary in square metres.' })
  areaSquareMeters: number;

  @Field(() => GeoPoint, { description: 'A point inside the boundary, for map labels.' })
  center: GeoPoint;

  @Field(() => BlockClubJoinPolicyEnum, { description: 'How people join.' })
  joinPolicy: BlockClubJoinPolicyEnum;

  @Field(() => Int, { description: 'Active members (organizers included).' })
  memberCount: number;

  @Field(() => Boolean, { description: 'Hidden by a moderator (seen by members and moderators).' })
  hidden: boolean;

  @Field(() => BlockClubMembership, {
    nullable: true,
    description: "The viewer's membership, or null when not a member.",
  })
  viewerMembership: BlockClubMembership | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was founded.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was last changed.' })
  updatedAt: Date;

  /** Internal. */
  uuid: string;
  /** Internal: the row the field resolvers hand back to the service (carries the viewer's role). */
  row: ClubRow;
}

/** An edge of a club search. */
@ObjectType({ description: 'An edge of a block club list.' })
export class BlockClubEdge {
  @Field(() => BlockClub, { description: 'The club.' })
  node: BlockClub;

  @Field(() => String, { description: 'Cursor to continue after this edge.' })
  cursor: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Metres from the searched point to the boundary (0 inside), when searching near.',
  })
  distanceMeters: number | null;
}

/** A page of clubs. */
@ObjectType({ description: 'A page of block clubs.' })
export class BlockClubConnection {
  @Field(() => [BlockClubEdge], { description: 'The page.' })
  edges: BlockClubEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All clubs matching.' })
  totalCount: number;
}

/** A member as the club page shows them: display name only. */
@ObjectType({ description: 'A member of a block club (display name only; never contact details).' })
export class BlockClubMember {
  @Field(() => ID, { description: 'Account id (as `viewer.id`).' })
  userId: string;

  @Field(() => String, { description: 'Public display name.' })
  displayName: string;

  @Field(() => BlockClubRoleEnum, { description: 'Role.' })
  role: BlockClubRoleEnum;

  @Field(() => BlockClubMemberStatusEnum, {
    description: 'PENDING members are shown to organizers only.',
  })
  status: BlockClubMemberStatusEnum;

  @Field(() => GraphQLDateTimeISO, { description: 'When they joined or asked to.' })
  joinedAt: Date;
}

/** An edge of a member list. */
@ObjectType({ description: 'An edge of a member list.' })
export class BlockClubMemberEdge {
  @Field(() => BlockClubMember, { description: 'The member.' })
  node: BlockClubMember;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

/** A page of members. */
@ObjectType({ description: 'Members: organizers first, then members, then pending requests.' })
export class BlockClubMemberConnection {
  @Field(() => [BlockClubMemberEdge], { description: 'The page.' })
  edges: BlockClubMemberEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Members the viewer may see in all.' })
  totalCount: number;
}

/** An idea located inside the boundary. */
@ObjectType({ description: 'An improvement idea located inside a block club boundary.' })
export class BlockClubIdeaSummary {
  @Field(() => ID, { description: 'Global id of the Idea.' })
  id: string;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => String, { description: 'PROPOSED, UNDER_REVIEW, PLANNED, IMPLEMENTED or DECLINED.' })
  status: string;

  @Field(() => Int, { description: 'Votes.' })
  voteCount: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was proposed.' })
  createdAt: Date;
}

/** Ideas inside the boundary. */
@ObjectType({ description: 'Ideas inside a block club boundary: the newest few and the count.' })
export class BlockClubIdeas {
  @Field(() => Int, { description: 'Ideas inside the boundary in all.' })
  totalCount: number;

  @Field(() => [BlockClubIdeaSummary], { description: 'The newest, up to `first`.' })
  items: BlockClubIdeaSummary[];
}

/** A post. */
@ObjectType({ implements: Node, description: "A message in a block club's feed." })
export class BlockClubPost implements Node {
  @Field(() => ID, { description: 'Global id (comment on it with addComment).' })
  id: string;

  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @Field(() => String, {
    nullable: true,
    description: 'The text; null when removed or hidden by a moderator (see removed, hidden).',
  })
  body: string | null;

  @Field(() => Boolean, { description: 'Removed by its author or an organizer.' })
  removed: boolean;

  @Field(() => Boolean, {
    description: 'Hidden by a moderator: show "hidden by a moderator". Its author still sees it.',
  })
  hidden: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Author's display name (null when removed).",
  })
  authorName: string | null;

  @Field(() => Boolean, { description: 'Whether the viewer wrote it.' })
  viewerIsAuthor: boolean;

  @Field(() => Int, { description: 'Comments on the post (removed ones not counted).' })
  commentCount: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was posted.' })
  createdAt: Date;
}

/** An edge of a post list. */
@ObjectType({ description: 'An edge of a post list.' })
export class BlockClubPostEdge {
  @Field(() => BlockClubPost, { description: 'The post.' })
  node: BlockClubPost;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

/** A page of posts. */
@ObjectType({ description: 'Posts, newest first.' })
export class BlockClubPostConnection {
  @Field(() => [BlockClubPostEdge], { description: 'The page.' })
  edges: BlockClubPostEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Posts in all (removed ones included, shown as removed).' })
  totalCount: number;
}

/** RSVP counts. */
@ObjectType({ description: 'How many members answered each way.' })
export class RsvpCounts {
  @Field(() => Int, { description: 'Going.' })
  going: number;

  @Field(() => Int, { description: 'Maybe.' })
  maybe: number;

  @Field(() => Int, { description: 'Not going.' })
  notGoing: number;
}

/** An action. */
@ObjectType({
  implements: Node,
  description: 'A dated block club event (clean-up day, walk, meeting) with RSVPs.',
})
export class BlockClubAction implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @Field(() => String, { description: 'Title.' })
  title: string;

  @Field(() => String, { description: 'Details (plain text).' })
  description: string;

  @Field(() => GraphQLDateTimeISO, { description: 'Start.' })
  startsAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'End (after the start).' })
  endsAt: Date;

  @Field(() => String, { description: 'Where, in words ("corner of Leland & Damen").' })
  place: string;

  @Field(() => GeoPoint, { nullable: true, description: 'Where, on the map (optional).' })
  location: GeoPoint | null;

  @Field(() => RsvpCounts, { description: 'Answers so far.' })
  rsvpCounts: RsvpCounts;

  @Field(() => RsvpResponseEnum, {
    nullable: true,
    description: "The viewer's answer, or null when they have not answered.",
  })
  viewerResponse: RsvpResponseEnum | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was scheduled.' })
  createdAt: Date;
}

/** An edge of an action list. */
@ObjectType({ description: 'An edge of an action list.' })
export class BlockClubActionEdge {
  @Field(() => BlockClubAction, { description: 'The action.' })
  node: BlockClubAction;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

/** A page of actions. */
@ObjectType({ description: 'Actions, soonest first.' })
export class BlockClubActionConnection {
  @Field(() => [BlockClubActionEdge], { description: 'The page.' })
  edges: BlockClubActionEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Actions matching in all.' })
  totalCount: number;
}

/** One item of live activity. */
@ObjectType({
  description: 'Something that just happened in a block club; `kind` says which field is set.',
})
export class BlockClubActivity {
  @Field(() => BlockClubActivityKindEnum, { description: 'What happened.' })
  kind: BlockClubActivityKindEnum;

  @Field(() => ServiceRequest, {
    nullable: true,
    description: 'A new request inside the boundary.',
  })
  request: ServiceRequest | null;

  @Field(() => BlockClubPost, { nullable: true, description: 'A new post.' })
  post: BlockClubPost | null;

  @Field(() => BlockClubAction, { nullable: true, description: 'A new action.' })
  action: BlockClubAction | null;

  @Field(() => Comment, { nullable: true, description: 'A new comment on a post.' })
  comment: Comment | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the post a new comment is on.' })
  postId: string | null;

  @Field(() => BlockClubMember, {
    nullable: true,
    description:
      'The member concerned by membership news (as they were when they left or were refused).',
  })
  member: BlockClubMember | null;

  @Field(() => BlockClubMembershipChangeEnum, {
    nullable: true,
    description: 'What happened to the membership, with `member`.',
  })
  membershipChange: BlockClubMembershipChangeEnum | null;
}

/** Result of createBlockClub and updateBlockClub. */
@ObjectType({ description: 'Result of createBlockClub / updateBlockClub.' })
export class BlockClubPayload {
  @Field(() => BlockClub, { description: 'The club as it is now.' })
  blockClub: BlockClub;
}

/** Result of membership mutations. */
@ObjectType({
  description:
    'Result of joinBlockClub, leaveBlockClub, decideMembership and setBlockClubMemberRole.',
})
export class BlockClubMembershipPayload {
  @Field(() => BlockClub, { description: 'The club, with the viewer’s membership as it is now.' })
  blockClub: BlockClub;

  @Field(() => BlockClubMember, {
    nullable: true,
    description: 'The member decided on or changed (null when refused or gone).',
  })
  member: BlockClubMember | null;
}

/** Result of post mutations. */
@ObjectType({ description: 'Result of postToBlockClub / deleteBlockClubPost.' })
export class BlockClubPostPayload {
  @Field(() => BlockClubPost, { description: 'The post.' })
  post: BlockClubPost;
}

/** Result of action mutations. */
@ObjectType({ description: 'Result of createBlockClubAction / rsvpBlockClubAction.' })
export class BlockClubActionPayload {
  @Field(() => BlockClubAction, { description: 'The action with its counts.' })
  action: BlockClubAction;
}

/** Result of adoptServiceRequest. */
@ObjectType({ description: 'Result of adoptServiceRequest.' })
export class AdoptServiceRequestPayload {
  @Field(() => BlockClub, { description: 'The club.' })
  blockClub: BlockClub;

  @Field(() => ServiceRequest, { description: 'The adopted request.' })
  serviceRequest: ServiceRequest;
}
