/** GraphQL shape of an account. */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Agency } from '../agency/agency.type.js';

export enum RoleEnum {
  RESIDENT = 'RESIDENT',
  STAFF = 'STAFF',
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What an account may do.',
  valuesConfig: {
    RESIDENT: { description: 'Reports, follows, co-signs, comments.' },
    STAFF: { description: 'City staff of one agency: works its requests.' },
    MODERATOR: { description: 'Reviews flagged content.' },
    ADMIN: { description: 'Runs the catalogue, areas, keys and accounts.' },
  },
});

@ObjectType({ description: 'The signed-in account (only ever your own).' })
export class Viewer {
  @Field(() => ID, { description: 'Account id.' })
  id: string;

  @Field(() => String, { description: 'Name shown to others.' })
  displayName: string;

  @Field(() => String, { description: 'Your e-mail (private).' })
  email: string;

  @Field(() => RoleEnum, { description: 'Your role.' })
  role: RoleEnum;

  @Field(() => Agency, { nullable: true, description: 'Your agency, for staff.' })
  agency: Agency | null;

  @Field(() => String, { description: 'Language: en or es.' })
  locale: string;
}

@ObjectType({
  description: 'Result of signUp and signIn. The session itself is an HTTP-only cookie.',
})
export class AuthPayload {
  @Field(() => Viewer, { description: 'The signed-in account.' })
  viewer: Viewer;
}
