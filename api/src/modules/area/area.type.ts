/** GraphQL shape of an area. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/common.type.js';

export enum AreaKindEnum {
  WARD = 'WARD',
  COMMUNITY_AREA = 'COMMUNITY_AREA',
}
registerEnumType(AreaKindEnum, {
  name: 'AreaKind',
  description: 'Kinds of area.',
  valuesConfig: {
    WARD: { description: "A city council ward (Chicago's 2023 map)." },
    COMMUNITY_AREA: { description: 'One of the 77 community areas.' },
  },
});

@ObjectType({ implements: Node, description: 'A ward or community area.' })
export class Area implements Node {
  @Field(() => ID, { description: 'Global id.' })
  id: string;

  @Field(() => AreaKindEnum, { description: 'Kind of area.' })
  kind: AreaKindEnum;

  @Field(() => Int, { description: 'Number (ward 1–50, community area 1–77).' })
  number: number;

  @Field(() => String, { description: 'Name.' })
  name: string;

  /** Internal uuid for field resolvers. */
  uuid: string;
}
