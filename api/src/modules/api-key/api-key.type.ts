/** GraphQL shape of Open311 API keys, for administrators. */
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/common.type.js';

@ObjectType({ description: 'An Open311 client key. Only its prefix is ever shown after creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => String, { description: 'Who or what the key is for.' })
  name: string;

  @Field(() => String, { description: 'First characters of the key, to recognise it.' })
  prefix: string;

  @Field(() => Int, { description: 'Requests per minute this key may make.' })
  rateLimitPerMinute: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the key was created.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, {
    nullable: true,
    description: 'When the key was revoked; null while valid.',
  })
  revokedAt: Date | null;
}

@ObjectType({ description: 'Result of createApiKey.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The new key.' })
  apiKey: ApiKey;

  @Field(() => String, {
    description: 'The key itself, shown this once: only its hash is stored.',
  })
  key: string;
}

@ObjectType({ description: 'Result of revokeApiKey.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { description: 'The revoked key.' })
  apiKey: ApiKey;
}

@ObjectType({ description: 'An edge of the API key list.' })
export class ApiKeyEdge {
  @Field(() => ApiKey, { description: 'The key (never the key itself: only its prefix).' })
  node: ApiKey;

  @Field(() => String, { description: 'Cursor (an offset).' })
  cursor: string;
}

@ObjectType({ description: 'A page of API keys, newest first.' })
export class ApiKeyConnection {
  @Field(() => [ApiKeyEdge], { description: 'The page.' })
  edges: ApiKeyEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Every key, revoked ones included.' })
  totalCount: number;
}
