/** GraphQL shape of a geocoding answer: the place found, its point, ward and community area. */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
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

@ObjectType({
  description: 'What is at a point: its ward, community area and nearest known address.',
})
export class PlaceAt {
  @Field(() => Int, {
    nullable: true,
    description: 'Ward holding the point; null outside the city.',
  })
  ward: number | null;

  @Field(() => Int, { nullable: true, description: 'Community area holding the point.' })
  communityArea: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The nearest street address Stoop knows, within 120 m; null when none is that close.',
  })
  nearestAddress: string | null;

  @Field(() => Float, { nullable: true, description: 'Metres from the point to that address.' })
  nearestAddressMeters: number | null;
}
