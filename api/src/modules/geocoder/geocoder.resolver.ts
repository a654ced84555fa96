/** The public `geocode` query: typed place → point, ward and community area. */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { GeocoderService } from './geocoder.service.js';
import { GeoPointInput } from '../../graphql/common.type.js';
import { GeocodeResult, PlaceAt, type GeocodePrecisionEnum } from './geocoder.type.js';

@Resolver(() => GeocodeResult)
export class GeocoderResolver {
  constructor(private readonly geocoding: GeocoderService) {}

  @Query(() => [GeocodeResult], {
    description:
      'Places for typed text: an address ("1953 W Leland Ave") or two streets that meet ("Leland & Damen"), best first; empty when nothing is found.',
  })
  async geocode(
    @Ctx() ctx: GraphQLContext,
    @Arg('query', () => String, {
      description: 'The address or intersection, 1 to 200 characters.',
    })
    query: string,
  ): Promise<GeocodeResult[]> {
    const places = await this.geocoding.search(ctx.actor, query);
    return places.map((p) =>
      Object.assign(new GeocodeResult(), {
        address: p.label,
        location: { latitude: p.latitude, longitude: p.longitude },
        precision: p.precision as GeocodePrecisionEnum,
        ward: p.ward,
        communityArea: p.communityArea,
      }),
    );
  }

  @Query(() => PlaceAt, {
    description:
      'What is at a point (a map pin, the device location): ward, community area, nearest known address.',
  })
  async placeAt(
    @Ctx() ctx: GraphQLContext,
    @Arg('location', () => GeoPointInput, { description: 'The point.' }) location: GeoPointInput,
  ): Promise<PlaceAt> {
    const place = await this.geocoding.placeAt(ctx.actor, location.latitude, location.longitude);
    return Object.assign(new PlaceAt(), place);
  }
}
