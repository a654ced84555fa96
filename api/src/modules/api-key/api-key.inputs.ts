/** Inputs of the API key mutations. */
import { IsInt, IsOptional, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new Open311 client key.' })
export class CreateApiKeyInput {
  @MaxLength(120)
  @Field(() => String, { description: 'Who or what the key is for.' })
  name: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Field(() => Int, {
    nullable: true,
    description: 'Requests per minute (default 60, at most 10,000).',
  })
  rateLimitPerMinute?: number | null;
}

@InputType({ description: 'The key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Global id of the key.' })
  id: string;
}
