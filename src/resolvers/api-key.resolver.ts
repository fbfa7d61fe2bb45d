import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgsType } from '../schema/types/connection.type.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { ADMIN } from '../schema/auth-checker.js';
import { localIdOf } from '../schema/global-id.js';
import {
  ApiKeyConnection,
  ApiKeyType,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
} from '../schema/types/api-key.type.js';
import { ARG } from '../schema/descriptions.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized(ADMIN)
  @Query(() => ApiKeyConnection, {
    description:
      'Admin only. The API keys, newest first, without their secrets (only hashes are stored).',
  })
  async apiKeys(
    @Arg('includeRevoked', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: 'Lists revoked keys too.',
    })
    includeRevoked: boolean,
    @Args(() => PageArgsType) page: PageArgsType,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<ApiKeyConnection> {
    const keys = await ctx.services.apiKeys.list(ctx.principal, { ...page, includeRevoked });
    return ApiKeyConnection.ofPage(keys, (key) => ApiKeyType.from(key));
  }

  @Authorized(ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: 'Admin only.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: ARG.input }) input: CreateApiKeyInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CreateApiKeyPayload> {
    const result = await ctx.services.apiKeys.create(ctx.principal, input);
    if (!result.ok) return { apiKey: null, secret: null, userErrors: [result.error] };
    return { apiKey: ApiKeyType.from(result.apiKey), secret: result.secret, userErrors: [] };
  }

  @Authorized(ADMIN)
  @Mutation(() => RevokeApiKeyPayload, { description: 'Admin only.' })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, { description: ARG.input }) input: RevokeApiKeyInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<RevokeApiKeyPayload> {
    const result = await ctx.services.apiKeys.revoke(ctx.principal, localIdOf('ApiKey', input.id));
    if (!result.ok) return { apiKey: null, userErrors: [result.error] };
    return { apiKey: ApiKeyType.from(result.apiKey), userErrors: [] };
  }
}
