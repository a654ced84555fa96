/** Inputs of the idea operations. Lengths are checked by the service, which names the field. */
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { GeoPointInput, NearInput } from '../../graphql/common.type.js';
import { IdeaStatusEnum } from './idea.type.js';

/** A new idea. */
@InputType({ description: 'A new improvement idea.' })
export class ProposeIdeaInput {
  @MaxLength(1000)
  @Field(() => String, { description: 'Title, 5 to 140 characters.' })
  title: string;

  @MaxLength(20000)
  @Field(() => String, { description: 'What and why, 20 to 5,000 characters.' })
  body: string;

  @IsOptional()
  @MaxLength(64)
  @Field(() => String, {
    nullable: true,
    description: 'Open311 code of the service it is about; its agency answers it.',
  })
  serviceCode?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => GeoPointInput, {
    nullable: true,
    description: 'Where it applies, inside the city. Not together with areaId.',
  })
  location?: GeoPointInput | null;

  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the ward or community area it is about. Not together with location.',
  })
  areaId?: string | null;
}

/** An idea to vote for. */
@InputType({ description: 'An idea to vote for.' })
export class VoteIdeaInput {
  @Field(() => ID, { description: 'Global id of the idea.' })
  id: string;
}

/** An idea to take a vote back from. */
@InputType({ description: 'An idea to take your vote back from.' })
export class UnvoteIdeaInput {
  @Field(() => ID, { description: 'Global id of the idea.' })
  id: string;
}

/** The city's answer. */
@InputType({ description: "The city's public answer to an idea, with its new status." })
export class RespondToIdeaInput {
  @Field(() => ID, { description: 'Global id of the idea.' })
  id: string;

  @Field(() => IdeaStatusEnum, {
    description: 'New status: UNDER_REVIEW, PLANNED, IMPLEMENTED or DECLINED.',
  })
  status: IdeaStatusEnum;

  @MaxLength(20000)
  @Field(() => String, { description: 'The public answer, 1 to 5,000 characters.' })
  response: string;
}

/** Which ideas to list. */
@InputType({ description: 'Which ideas to list; all conditions must hold.' })
export class IdeaFilterInput {
  @IsOptional()
  @ArrayMaxSize(5)
  @Field(() => [IdeaStatusEnum], {
    nullable: true,
    description: 'Only these statuses (one value or a list).',
  })
  status?: IdeaStatusEnum[] | null;

  @IsOptional()
  @MaxLength(64)
  @Field(() => String, { nullable: true, description: 'Only ideas about this service.' })
  serviceCode?: string | null;

  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: 'Only ideas about this area (global Area id): given for it, or located inside it.',
  })
  areaId?: string | null;

  @IsOptional()
  @ValidateNested()
  @Field(() => NearInput, {
    nullable: true,
    description: 'Only ideas with a location within this circle.',
  })
  near?: NearInput | null;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'Words in the title or text.' })
  search?: string | null;
}
