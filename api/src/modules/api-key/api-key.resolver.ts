/** Admin operations on Open311 API keys: createApiKey and revokeApiKey. */
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { pageInfoOf } from '../../graphql/common.type.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { badField } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId } from '../../lib/ids.js';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs.js';
import { presentApiKey } from './api-key.presenter.js';
import type { ApiKeyService } from './api-key.service.js';
import { ApiKeyConnection, CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.type.js';

@Resolver()
export class ApiKeyResolver {
  constructor(private readonly keys: ApiKeyService) {}

  @Query(() => ApiKeyConnection, {
    description:
      'Open311 client keys, newest first, revoked ones included (admins only). Only prefixes are shown. Cursors are offsets.',
  })
  async apiKeys(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the previous page.' })
    after?: string,
  ): Promise<ApiKeyConnection> {
    let offset = 0;
    if (after) {
      const [value] = decodeCursor(after, 1);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw badField('after', 'is not a valid cursor');
      }
      offset = value;
    }
    const page = await this.keys.list(ctx.actor, first, offset);
    const edges = page.rows.map((k, i) => ({
      node: presentApiKey(k),
      cursor: encodeCursor([offset + i + 1]),
    }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: pageInfoOf(edges, offset + edges.length < page.totalCount, offset > 0),
    };
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Create an Open311 client key (admins). The key is returned once.',
  })
  async createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateApiKeyInput, { description: 'The key.' }) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    const { apiKey, key } = await this.keys.create(ctx.actor, input);
    return { apiKey: presentApiKey(apiKey), key };
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revoke an Open311 client key (admins); it is refused from then on.',
  })
  async revokeApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => RevokeApiKeyInput, { description: 'The key.' }) input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    const id = fromGlobalId(input.id, 'ApiKey', 'input.id');
    return { apiKey: presentApiKey(await this.keys.revoke(ctx.actor, id)) };
  }
}
