/** Account operations: signUp, signIn, signOut, viewer. */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { UserEntity } from './user.entity.js';
import { SignInInput, SignUpInput, UpdateViewerInput } from './user.inputs.js';
import { presentViewer } from './user.presenter.js';
import type { UserService } from './user.service.js';
import { AuthPayload, Viewer } from './user.type.js';

@Resolver()
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => Viewer, { nullable: true, description: 'The signed-in account, or null.' })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<Viewer | null> {
    const user = await this.users.viewer(ctx.actor);
    return user ? this.present(ctx, user) : null;
  }

  @Mutation(() => AuthPayload, { description: 'Create a resident account and sign in.' })
  async signUp(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SignUpInput, { description: 'The account.' }) input: SignUpInput,
  ): Promise<AuthPayload> {
    const session = await this.users.signUp(ctx.actor, {
      ...input,
      locale: input.locale ?? undefined,
    });
    ctx.setSessionCookie?.(session.token, session.expiresAt);
    return { viewer: await this.present(ctx, session.user) };
  }

  @Mutation(() => AuthPayload, { description: 'Sign in; sets an HTTP-only session cookie.' })
  async signIn(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SignInInput, { description: 'Credentials.' }) input: SignInInput,
  ): Promise<AuthPayload> {
    const session = await this.users.signIn(ctx.actor, input);
    ctx.setSessionCookie?.(session.token, session.expiresAt);
    return { viewer: await this.present(ctx, session.user) };
  }

  @Mutation(() => Boolean, { description: 'Sign out of this session. True if a session ended.' })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    const ended = await this.users.signOut(ctx.actor);
    ctx.clearSessionCookie?.();
    return ended;
  }

  @Mutation(() => Viewer, {
    description: 'Change your own display name or language (signed in); omitted fields stay.',
  })
  async updateViewer(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateViewerInput, { description: 'The changes.' })
    input: UpdateViewerInput,
  ): Promise<Viewer> {
    return this.present(ctx, await this.users.updateProfile(ctx.actor, input));
  }

  private async present(ctx: GraphQLContext, user: UserEntity): Promise<Viewer> {
    const agency = user.agencyId ? await ctx.loaders.agency.load(user.agencyId) : null;
    return presentViewer(user, agency);
  }
}
