/** GraphQL shapes of account administration. */
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/common.type.js';
import type { Agency } from '../agency/agency.type.js';
import { RoleEnum } from './user.type.js';

@ObjectType({ description: 'An account as administrators see it (e-mail included).' })
export class Account {
  @Field(() => ID, { description: 'Global id (type User).' })
  id: string;

  @Field(() => String, { description: 'Name shown to others.' })
  displayName: string;

  @Field(() => String, { description: 'E-mail (private: admins, and the person).' })
  email: string;

  @Field(() => RoleEnum, { description: 'Role.' })
  role: RoleEnum;

  /** Resolved by AccountResolver.agency. */
  agency: Agency | null;

  @Field(() => Boolean, { description: 'Whether the account is blocked now.' })
  blocked: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When the account was made.' })
  createdAt: Date;

  /** Internal: for the agency field resolver. */
  agencyId: string | null;
}

@ObjectType({ description: 'An edge of the account list.' })
export class AccountEdge {
  @Field(() => Account, { description: 'The account.' })
  node: Account;

  @Field(() => String, { description: 'Cursor (an offset).' })
  cursor: string;
}

@ObjectType({ description: 'A page of accounts, by name.' })
export class AccountConnection {
  @Field(() => [AccountEdge], { description: 'The page.' })
  edges: AccountEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Accounts matching the filter.' })
  totalCount: number;
}

@InputType({ description: 'Filters of the account list; combined with AND.' })
export class AccountFilter {
  @IsOptional()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'Words of the name or e-mail.' })
  search?: string | null;

  @IsOptional()
  @ArrayMaxSize(4)
  @Field(() => [RoleEnum], { nullable: true, description: 'Any of these roles.' })
  roles?: RoleEnum[] | null;

  @IsOptional()
  @Field(() => ID, { nullable: true, description: 'Only this agency (Agency.id).' })
  agencyId?: string | null;
}

@InputType({ description: "Change an account's role and agency." })
export class SetUserRoleInput {
  @Field(() => ID, { description: 'Account.id of the account.' })
  userId: string;

  @Field(() => RoleEnum, { description: 'The new role.' })
  role: RoleEnum;

  @IsOptional()
  @Field(() => ID, {
    nullable: true,
    description: 'Agency.id: required for STAFF, optional for ADMIN, empty for the others.',
  })
  agencyId?: string | null;
}

@ObjectType({ description: 'Result of setUserRole.' })
export class SetUserRolePayload {
  @Field(() => Account, { description: 'The account after the change.' })
  account: Account;
}
