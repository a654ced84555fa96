/** Account administration: `accounts` and `setUserRole` (admins). */
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { badField } from '../../lib/errors.js';
import { decodeCursor, encodeCursor, fromGlobalId, toGlobalId } from '../../lib/ids.js';
import { Agency } from '../agency/agency.type.js';
import { presentAgency } from '../service-definition/service-definition.presenter.js';
import type { AccountService } from './account.service.js';
import {
  Account,
  AccountConnection,
  AccountFilter,
  SetUserRoleInput,
  SetUserRolePayload,
} from './account.type.js';
import type { Role, UserEntity } from './user.entity.js';
import { RoleEnum } from './user.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Maps an account for administrators. */
function presentAccount(u: UserEntity, now = new Date()): Account {
  return Object.assign(new Account(), {
    id: toGlobalId('User', u.id),
    displayName: u.displayName,
    email: u.email,
    role: u.role as RoleEnum,
    agencyId: u.agencyId,
    agency: null,
    blocked: u.blockedAt !== null || (u.blockedUntil !== null && u.blockedUntil > now),
    createdAt: u.createdAt,
  });
}

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly accountService: AccountService) {}

  @Query(() => AccountConnection, {
    description: 'Accounts by name, with e-mail and role (admins only). Cursors are offsets.',
  })
  async accounts(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AccountFilter, { nullable: true, description: 'Filters.' })
    filter?: AccountFilter,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the previous page.' })
    after?: string,
  ): Promise<AccountConnection> {
    let offset = 0;
    if (after) {
      const [value] = decodeCursor(after, 1);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw badField('after', 'is not a valid cursor');
      }
      offset = value;
    }
    if (filter?.agencyId && !UUID.test(filter.agencyId)) {
      throw badField('filter.agencyId', 'is not an agency id');
    }
    const page = await this.accountService.list(
      ctx.actor,
      {
        search: filter?.search ?? undefined,
        roles: (filter?.roles as Role[] | null) ?? undefined,
        agencyId: filter?.agencyId ?? undefined,
      },
      first ?? 50,
      offset,
    );
    const edges = page.rows.map((u, i) => ({
      node: presentAccount(u),
      cursor: encodeCursor([offset + i + 1]),
    }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: pageInfoOf(edges, offset + edges.length < page.totalCount, offset > 0),
    };
  }

  @Mutation(() => SetUserRolePayload, {
    description:
      "Set an account's role and agency (admins only; audit-logged). STAFF needs an agency; the last administrator cannot step down (CONFLICT).",
  })
  async setUserRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => SetUserRoleInput, { description: 'The change.' }) input: SetUserRoleInput,
  ): Promise<SetUserRolePayload> {
    if (input.agencyId && !UUID.test(input.agencyId)) {
      throw badField('input.agencyId', 'is not an agency id');
    }
    const user = await this.accountService.setRole(ctx.actor, {
      userId: fromGlobalId(input.userId, 'User', 'input.userId'),
      role: input.role as Role,
      agencyId: input.agencyId ?? null,
    });
    return { account: presentAccount(user) };
  }

  @FieldResolver(() => Agency, {
    nullable: true,
    description: 'Agency, for staff (and some admins).',
  })
  async agency(@Root() a: Account, @Ctx() ctx: GraphQLContext): Promise<Agency | null> {
    if (!a.agencyId) return null;
    const agency = await ctx.loaders.agency.load(a.agencyId);
    return agency ? presentAgency(agency) : null;
  }
}
