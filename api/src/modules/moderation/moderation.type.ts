/** GraphQL shapes of flags and moderation. */
import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { PageInfo } from '../../graphql/common.type.js';

/** Kinds of content that can be flagged. */
export enum FlagTargetEnum {
  COMMENT = 'COMMENT',
  CLUB_POST = 'CLUB_POST',
  IDEA = 'IDEA',
  REQUEST = 'REQUEST',
  BLOCK_CLUB = 'BLOCK_CLUB',
}
registerEnumType(FlagTargetEnum, {
  name: 'FlagTarget',
  description: 'Kinds of content that can be flagged.',
  valuesConfig: {
    COMMENT: { description: 'A comment or reply (global id type Comment).' },
    CLUB_POST: { description: 'A block-club post (BlockClubPost).' },
    IDEA: { description: 'An improvement idea (Idea).' },
    REQUEST: { description: 'A service request (ServiceRequest).' },
    BLOCK_CLUB: { description: 'A block club (BlockClub).' },
  },
});

/** A moderator's decision. */
export enum ModerationActionEnum {
  HIDE = 'HIDE',
  RESTORE = 'RESTORE',
  DISMISS_FLAGS = 'DISMISS_FLAGS',
  BLOCK_AUTHOR = 'BLOCK_AUTHOR',
}
registerEnumType(ModerationActionEnum, {
  name: 'ModerationAction',
  description: "A moderator's decision on flagged content; every one resolves its open flags.",
  valuesConfig: {
    HIDE: { description: 'Hide it: others see "hidden by a moderator"; its author still sees it.' },
    RESTORE: { description: 'Show it again (also after a moderator hid it).' },
    DISMISS_FLAGS: {
      description:
        "The flags were unfounded: content hidden by flags is shown again; a moderator's earlier hide stays.",
    },
    BLOCK_AUTHOR: {
      description:
        "Hide it and block its author's account for blockDays (default 7): they cannot sign in or act.",
    },
  },
});

/** Report content. */
@InputType({ description: 'Report abusive content to the moderators.' })
export class FlagContentInput {
  @Field(() => ID, {
    description: 'Global id of a Comment, BlockClubPost, Idea, ServiceRequest or BlockClub.',
  })
  targetId: string;

  @MaxLength(2000)
  @Field(() => String, { description: 'What is wrong, 3 to 500 characters.' })
  reason: string;
}

/** Decide on flagged content. */
@InputType({ description: 'A moderator decides on content.' })
export class ModerateContentInput {
  @Field(() => ID, {
    description: 'Global id of a Comment, BlockClubPost, Idea, ServiceRequest or BlockClub.',
  })
  targetId: string;

  @Field(() => ModerationActionEnum, { description: 'The decision.' })
  action: ModerationActionEnum;

  @IsOptional()
  @Field(() => Int, {
    nullable: true,
    description: 'Days to block the author, 1 to 365 (BLOCK_AUTHOR only; default 7).',
  })
  blockDays?: number | null;
}

/** Result of flagging. */
@ObjectType({ description: 'Result of flagging content.' })
export class FlagContentPayload {
  @Field(() => ID, { description: 'Global id of the content.' })
  targetId: string;

  @Field(() => Boolean, {
    description: 'Whether you had flagged it before (then nothing changed: one flag per account).',
  })
  alreadyFlagged: boolean;

  @Field(() => Boolean, { description: 'Whether the content is hidden now.' })
  hidden: boolean;
}

/** Result of a decision. */
@ObjectType({ description: "Result of a moderator's decision." })
export class ModerateContentPayload {
  @Field(() => ID, { description: 'Global id of the content.' })
  targetId: string;

  @Field(() => ModerationActionEnum, { description: 'The decision taken.' })
  action: ModerationActionEnum;

  @Field(() => Boolean, { description: 'Whether the content is hidden now.' })
  hidden: boolean;

  @Field(() => Int, { description: 'Open flags resolved by the decision.' })
  flagsResolved: number;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: "End of the author's block (BLOCK_AUTHOR).",
  })
  blockedUntil: Date | null;
}

/** One flagged piece of content awaiting a decision. */
@ObjectType({ description: 'Flagged content awaiting a moderator.' })
export class ModerationQueueItem {
  @Field(() => ID, { description: 'Global id of the content.' })
  targetId: string;

  @Field(() => FlagTargetEnum, { description: 'Kind of content.' })
  targetType: FlagTargetEnum;

  @Field(() => Int, { description: 'Open flags (one per account).' })
  flagCount: number;

  @Field(() => [String], { description: 'Reasons given, oldest first.' })
  reasons: string[];

  @Field(() => String, {
    nullable: true,
    description: 'The start of the text (280 characters); null when the content is gone.',
  })
  preview: string | null;

  @Field(() => Boolean, { description: 'Whether it is hidden now.' })
  hidden: boolean;

  @Field(() => Boolean, {
    description: 'Hidden by flags reaching the threshold, not by a moderator.',
  })
  autoHidden: boolean;

  @Field(() => String, { nullable: true, description: "Author's display name." })
  authorName: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When the first open flag came.' })
  firstFlaggedAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the latest flag came.' })
  lastFlaggedAt: Date;
}

/** An edge of the moderation queue. */
@ObjectType({ description: 'An edge of the moderation queue.' })
export class ModerationQueueEdge {
  @Field(() => ModerationQueueItem, { description: 'The flagged content.' })
  node: ModerationQueueItem;

  @Field(() => String, { description: 'Cursor (an offset).' })
  cursor: string;
}

/** A page of the moderation queue. */
@ObjectType({ description: 'A page of flagged content, most flagged first.' })
export class ModerationQueueConnection {
  @Field(() => [ModerationQueueEdge], { description: 'The page.' })
  edges: ModerationQueueEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Pieces of content with open flags.' })
  totalCount: number;
}
