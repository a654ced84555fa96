/** Admin operations on Open311 API keys: createApiKey and revokeApiKey. */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { fromGlobalId } from '../../lib/ids.js';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs.js';
import { presentApiKey } from './api-key.presenter.js';
import type { ApiKeyService } from './api-key.service.js';
import { CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.type.js';

@Resolver()
export class ApiKeyResolver {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Create an Open311 client key (admins). The key is returned once.',
  })
  async createApiKey(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => CreateApiKeyInput, { description: 'The key.' }) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    const { apiKey, key } = await this.apiKeys.create(ctx.actor, input);
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
    return { apiKey: presentApiKey(await this.apiKeys.revoke(ctx.actor, id)) };
  }
}
