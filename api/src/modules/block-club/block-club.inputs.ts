/** Inputs and arguments of the block club operations. Rules that need the database live in the service. */
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { GeoPointInput, NearInput } from '../../graphql/common.type.js';
import { RequestStatusEnum } from '../service-request/service-request.type.js';
import { BlockClubJoinPolicyEnum, BlockClubRoleEnum, RsvpResponseEnum } from './block-club.type.js';

/** A GeoJSON Polygon, as a typed object rather than a JSON string. */
@InputType({
  description:
    'A GeoJSON Polygon: `{ type: "Polygon", coordinates: [[[lng, lat], …]] }`. The outer ring comes first (holes may follow); each ring has at least 4 positions and repeats its first position at the end. It must be valid (no crossing edges), inside the city of Chicago and at most 5 km².',
})
export class GeoJsonPolygonInput {
  @Field(() => String, { description: 'Must be "Polygon".' })
  type: string;

  @Field(() => [[[Float]]], { description: 'Rings of [longitude, latitude] positions.' })
  coordinates: number[][][];
}

/** A new club. */
@InputType({ description: 'A new block club.' })
export class CreateBlockClubInput {
  @MaxLength(200)
  @Field(() => String, { description: 'Name, 3 to 80 characters; the slug is made from it.' })
  name: string;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, {
    nullable: true,
    description: 'What the club is about, up to 2,000 characters.',
  })
  description?: string | null;

  @Field(() => GeoJsonPolygonInput, { description: 'The area the club covers.' })
  boundary: GeoJsonPolygonInput;

  @IsOptional()
  @Field(() => BlockClubJoinPolicyEnum, {
    nullable: true,
    description: 'How people join (default OPEN).',
  })
  joinPolicy?: BlockClubJoinPolicyEnum | null;
}

/** Changes to a club. */
@InputType({ description: 'Changes to a block club (organizers); omitted fields stay.' })
export class UpdateBlockClubInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  id: string;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'New name (the slug does not change).' })
  name?: string | null;

  @IsOptional()
  @MaxLength(4000)
  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string | null;

  @IsOptional()
  @Field(() => GeoJsonPolygonInput, { nullable: true, description: 'New boundary.' })
  boundary?: GeoJsonPolygonInput | null;

  @IsOptional()
  @Field(() => BlockClubJoinPolicyEnum, { nullable: true, description: 'New join policy.' })
  joinPolicy?: BlockClubJoinPolicyEnum | null;
}

/** Which club to join or leave. */
@InputType({ description: 'A block club to join or leave.' })
export class BlockClubMembershipInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;
}

/** An organizer's decision. */
@InputType({ description: 'An organizer approves or refuses a pending membership.' })
export class DecideMembershipInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @Field(() => ID, { description: 'Account id of the person who asked to join.' })
  userId: string;

  @Field(() => Boolean, { description: 'True to approve, false to refuse.' })
  approve: boolean;
}

/** A role change (hand-over). */
@InputType({
  description:
    'An organizer makes an active member an organizer, or an organizer a member. This is how the last organizer hands over before leaving.',
})
export class SetBlockClubMemberRoleInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @Field(() => ID, { description: 'Account id of the member.' })
  userId: string;

  @Field(() => BlockClubRoleEnum, { description: 'The new role.' })
  role: BlockClubRoleEnum;
}

/** A new post. */
@InputType({ description: "A message to a block club's feed (members only)." })
export class PostToBlockClubInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @MaxLength(8000)
  @Field(() => String, { description: 'Plain text, 1 to 4,000 characters.' })
  body: string;
}

/** A post to remove. */
@InputType({ description: 'A post to remove (its author, an organizer or an admin).' })
export class DeleteBlockClubPostInput {
  @Field(() => ID, { description: 'Global id of the post.' })
  id: string;
}

/** A new action. */
@InputType({ description: 'A dated club event (organizers).' })
export class CreateBlockClubActionInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @MaxLength(400)
  @Field(() => String, { description: 'Title, 1 to 120 characters.' })
  title: string;

  @IsOptional()
  @MaxLength(8000)
  @Field(() => String, { nullable: true, description: 'Details, up to 4,000 characters.' })
  description?: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'Start.' })
  startsAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'End: after the start and in the future.' })
  endsAt: Date;

  @MaxLength(400)
  @Field(() => String, { description: 'Where, in words, 1 to 200 characters.' })
  place: string;

  @IsOptional()
  @Field(() => GeoPointInput, { nullable: true, description: 'Where, on the map.' })
  location?: GeoPointInput | null;
}

/** An answer to an action. */
@InputType({ description: "A member's answer to an action (may be changed)." })
export class RsvpBlockClubActionInput {
  @Field(() => ID, { description: 'Global id of the action.' })
  actionId: string;

  @Field(() => RsvpResponseEnum, { description: 'The answer.' })
  response: RsvpResponseEnum;
}

/** A request to adopt. */
@InputType({ description: 'A club adopts a request inside its boundary (organizers).' })
export class AdoptServiceRequestInput {
  @Field(() => ID, { description: 'Global id of the club.' })
  clubId: string;

  @Field(() => ID, { description: 'Global id of the ServiceRequest.' })
  requestId: string;
}

/** Filters of a club's requests. */
@InputType({ description: 'Filters of the requests inside a block club boundary.' })
export class BlockClubRequestFilter {
  @IsOptional()
  @Field(() => RequestStatusEnum, { nullable: true, description: 'OPEN or CLOSED only.' })
  status?: RequestStatusEnum | null;

  @IsOptional()
  @Field(() => [String], { nullable: true, description: 'Only these service codes.' })
  serviceCodes?: string[] | null;
}

/** Arguments of `blockClubs`. */
@ArgsType()
export class BlockClubsArgs {
  @IsOptional()
  @Field(() => NearInput, {
    nullable: true,
    description: 'Clubs whose boundary lies within the radius, nearest boundary first.',
  })
  near?: NearInput | null;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: 'Words that must all appear in the name (case-insensitive).',
  })
  search?: string | null;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first: number;

  @IsOptional()
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge seen.' })
  after?: string | null;
}
