/** GraphQL shape of a geocoding answer: the place found, its point, ward and community area. */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint } from '../../graphql/common.type.js';

export enum GeocodePrecisionEnum {
  ADDRESS = 'ADDRESS',
  INTERSECTION = 'INTERSECTION',
  STREET = 'STREET',
}
registerEnumType(GeocodePrecisionEnum, {
  name: 'GeocodePrecision',
  description: 'What a geocoded point stands for.',
  valuesConfig: {
    ADDRESS: { description: 'A house number, known or interpolated along its street.' },
    INTERSECTION: { description: 'Where two streets meet.' },
    STREET: { description: 'Somewhere on the street, when nothing finer is known.' },
  },
});

@ObjectType({ description: 'A place found for typed text (an address or an intersection).' })
export class GeocodeResult {
  @Field(() => String, { description: 'The place as found, e.g. "1953 W LELAND AVE".' })
  address: string;

  @Field(() => GeoPoint, { description: 'Its point.' })
  location: GeoPoint;

  @Field(() => GeocodePrecisionEnum, { description: 'What the point stands for.' })
  precision: GeocodePrecisionEnum;

  @Field(() => Int, {
    nullable: true,
    description: 'Ward holding the point; null outside the city.',
  })
  ward: number | null;

  @Field(() => Int, { nullable: true, description: 'Community area holding the point.' })
  communityArea: number | null;
}
