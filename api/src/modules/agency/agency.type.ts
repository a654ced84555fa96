/** GraphQL shape of an agency. */
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A city department that owns services and works their requests.' })
export class Agency {
  @Field(() => ID, { description: 'Agency id.' })
  id: string;

  @Field(() => String, { description: 'Short code, e.g. CDOT.' })
  code: string;

  @Field(() => String, { description: 'Full name.' })
  name: string;
}
