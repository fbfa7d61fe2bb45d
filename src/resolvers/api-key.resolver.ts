import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { ADMIN } from '../schema/auth-checker.js';
import { localIdOf } from '../schema/global-id.js';
import {
  ApiKeyType,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
} from '../schema/types/api-key.type.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized(ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: 'Admin only.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CreateApiKeyPayload> {
    const result = await ctx.services.apiKeys.create(ctx.principal, input);
    if (!result.ok) return { apiKey: null, secret: null, userErrors: [result.error] };
    return { apiKey: ApiKeyType.from(result.apiKey), secret: result.secret, userErrors: [] };
  }

  @Authorized(ADMIN)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Admin only.' })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<RevokeApiKeyPayload> {
    const result = await ctx.services.apiKeys.revoke(ctx.principal, localIdOf('ApiKey', input.id));
    if (!result.ok) return { apiKey: null, userErrors: [result.error] };
    return { apiKey: ApiKeyType.from(result.apiKey), userErrors: [] };
  }
}
