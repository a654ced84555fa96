/** GraphQL shapes of comments. */
import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Node, PageInfo } from '../../graphql/common.type.js';

@ObjectType({
  description: 'A link found in a comment (comments are plain text; links are detected).',
})
export class CommentLink {
  @Field(() => String, { description: 'Normalised URL.' })
  url: string;

  @Field(() => String, { description: 'The text as written.' })
  text: string;

  @Field(() => Int, { description: 'Start offset in the body.' })
  start: number;

  @Field(() => Int, { description: 'End offset in the body.' })
  end: number;
}

@ObjectType({ implements: Node, description: 'A comment or a reply.' })
export class Comment implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The text; null when removed by its author or hidden by a moderator (see removed, hidden).',
  })
  body: string | null;

  @Field(() => Boolean, { description: 'Removed by its author: show "comment removed".' })
  removed: boolean;

  @Field(() => Boolean, {
    description:
      'Hidden by a moderator: show "hidden by a moderator". Its author still sees the text.',
  })
  hidden: boolean;

  @Field(() => [CommentLink], { description: 'Links in the text.' })
  links: CommentLink[];

  @Field(() => String, {
    nullable: true,
    description: "Author's display name (null when removed).",
  })
  authorName: string | null;

  @Field(() => Boolean, { description: 'Whether the viewer wrote it (may edit and delete).' })
  viewerIsAuthor: boolean;

  @Field(() => ID, { nullable: true, description: 'Global id of the comment this replies to.' })
  parentId: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was written.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was last edited.' })
  editedAt: Date | null;

  /** Internal. */
  uuid: string;
  authorId: string;
}

@ObjectType({ description: 'An edge of a comment list.' })
export class CommentEdge {
  @Field(() => Comment, { description: 'The comment.' })
  node: Comment;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

@ObjectType({ description: 'A page of top-level comments, oldest first; replies hang off each.' })
export class CommentConnection {
  @Field(() => [CommentEdge], { description: 'The page.' })
  edges: CommentEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Top-level comments in all.' })
  totalCount: number;
}

@InputType({ description: 'A new comment or reply.' })
export class AddCommentInput {
  @Field(() => ID, { description: 'Global id of a ServiceRequest, Idea or BlockClubPost.' })
  targetId: string;

  @MaxLength(4000)
  @Field(() => String, { description: 'Plain text, 1 to 2,000 characters; links are detected.' })
  body: string;

  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the comment to reply to (one level).',
  })
  parentId?: string | null;
}

@InputType({ description: 'New text of a comment.' })
export class EditCommentInput {
  @Field(() => ID, { description: 'Global id of the comment.' })
  id: string;

  @MaxLength(4000)
  @Field(() => String, { description: 'The new text.' })
  body: string;
}

@InputType({ description: 'A comment to remove.' })
export class DeleteCommentInput {
  @Field(() => ID, { description: 'Global id of the comment.' })
  id: string;
}

@ObjectType({ description: 'Result of a comment mutation.' })
export class CommentPayload {
  @Field(() => Comment, { description: 'The comment.' })
  comment: Comment;
}
