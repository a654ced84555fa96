/** GraphQL shapes of improvement ideas. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GeoPoint, Node, PageInfo } from '../../graphql/common.type.js';

/** Where an idea is in its life. */
export enum IdeaStatusEnum {
  PROPOSED = 'PROPOSED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  PLANNED = 'PLANNED',
  IMPLEMENTED = 'IMPLEMENTED',
  DECLINED = 'DECLINED',
}
registerEnumType(IdeaStatusEnum, {
  name: 'IdeaStatus',
  description: 'Where an idea is in its life.',
  valuesConfig: {
    PROPOSED: { description: 'Proposed; collecting votes.' },
    UNDER_REVIEW: {
      description:
        'The city is looking at it (set by itself when it reaches the review threshold).',
    },
    PLANNED: { description: 'The city plans to do it.' },
    IMPLEMENTED: { description: 'Done. Voting is closed.' },
    DECLINED: {
      description: 'The city will not do it (see the official response). Voting is closed.',
    },
  },
});

/** Sort orders of `ideas`. */
export enum IdeaOrderEnum {
  NEW = 'NEW',
  TOP = 'TOP',
  TRENDING = 'TRENDING',
  STATUS = 'STATUS',
}
registerEnumType(IdeaOrderEnum, {
  name: 'IdeaOrder',
  description: 'How to sort ideas.',
  valuesConfig: {
    NEW: { description: 'Newest first.' },
    TOP: { description: 'Most votes first, then newest. Cursors are offsets.' },
    TRENDING: {
      description: 'Most votes cast in the last 7 days first, then newest. Cursors are offsets.',
    },
    STATUS: {
      description:
        'Grouped by status in lifecycle order (PROPOSED, UNDER_REVIEW, PLANNED, IMPLEMENTED, DECLINED), newest first within each. Cursors are offsets.',
    },
  },
});

/** The city's public answer to an idea. */
@ObjectType({ description: "The city's public answer to an idea." })
export class OfficialResponse {
  @Field(() => String, { description: 'The answer.' })
  text: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was given.' })
  respondedAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Display name of the staff member who answered.',
  })
  responderName: string | null;

  @Field(() => IdeaStatusEnum, { description: 'The status set with the answer.' })
  status: IdeaStatusEnum;

  /** Internal: the account that answered. */
  responderId: string | null;
}

/** An improvement idea. */
@ObjectType({ implements: Node, description: 'An improvement idea for a city service.' })
export class Idea implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'Title; null when hidden by a moderator (its author and moderators still see it).',
  })
  title: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text; null when hidden by a moderator (its author and moderators still see it).',
  })
  body: string | null;

  @Field(() => Boolean, {
    description: 'Hidden by a moderator: show "hidden by a moderator" to others.',
  })
  hidden: boolean;

  @Field(() => IdeaStatusEnum, { description: 'Where it is in its life.' })
  status: IdeaStatusEnum;

  @Field(() => Int, { description: 'Votes (one per account; the author cannot vote).' })
  voteCount: number;

  @Field(() => Int, { description: 'Comments and replies written on it.' })
  commentCount: number;

  @Field(() => GeoPoint, { nullable: true, description: 'Where it applies, when a point.' })
  location: GeoPoint | null;

  @Field(() => Boolean, { description: 'Whether the viewer proposed it.' })
  viewerIsAuthor: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was proposed.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When it last changed.' })
  updatedAt: Date;

  /** Internal. */
  uuid: string;
  authorId: string;
  serviceDefinitionId: string | null;
  areaId: string | null;
  response: { text: string; at: Date; byId: string | null } | null;
}

/** An edge of an idea list. */
@ObjectType({ description: 'An edge of an idea list.' })
export class IdeaEdge {
  @Field(() => Idea, { description: 'The idea.' })
  node: Idea;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

/** A page of ideas. */
@ObjectType({ description: 'A page of ideas.' })
export class IdeaConnection {
  @Field(() => [IdeaEdge], { description: 'The page.' })
  edges: IdeaEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All ideas matching the filter.' })
  totalCount: number;
}

/** Result of an idea mutation. */
@ObjectType({ description: 'Result of an idea mutation.' })
export class IdeaPayload {
  @Field(() => Idea, { description: 'The idea.' })
  idea: Idea;
}
