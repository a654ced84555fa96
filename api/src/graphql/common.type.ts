/** Types shared by every module: points, pagination and the Node interface. */
import { Field, Float, ID, InputType, Int, InterfaceType, ObjectType } from 'type-graphql';
import { IsLatitude, IsLongitude, Max, Min } from 'class-validator';

/** Relay Node: anything with a global id. */
@InterfaceType({ description: 'An object with a globally unique id, fetchable with `node(id)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global id (opaque).' })
  id: string;
}

/** A WGS84 point as the API shows it. */
@ObjectType({ description: 'A point on the map, WGS84 degrees.' })
export class GeoPoint {
  @Field(() => Float, { description: 'Latitude in degrees (north positive).' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude in degrees (east positive).' })
  longitude: number;
}

/** A WGS84 point as the API accepts it. */
@InputType({ description: 'A point on the map, WGS84 degrees.' })
export class GeoPointInput {
  @IsLatitude()
  @Field(() => Float, { description: 'Latitude in degrees, -90 to 90.' })
  latitude: number;

  @IsLongitude()
  @Field(() => Float, { description: 'Longitude in degrees, -180 to 180.' })
  longitude: number;
}

/** A bounding box. */
@InputType({ description: 'A bounding box in WGS84 degrees (a map viewport).' })
export class BBoxInput {
  @IsLongitude()
  @Field(() => Float, { description: 'Western longitude.' })
  west: number;

  @IsLatitude()
  @Field(() => Float, { description: 'Southern latitude.' })
  south: number;

  @IsLongitude()
  @Field(() => Float, { description: 'Eastern longitude.' })
  east: number;

  @IsLatitude()
  @Field(() => Float, { description: 'Northern latitude.' })
  north: number;
}

/** A circle around a point. */
@InputType({ description: 'A circle: everything within `radiusMeters` of a point.' })
export class NearInput {
  @IsLatitude()
  @Field(() => Float, { description: 'Latitude of the centre.' })
  lat: number;

  @IsLongitude()
  @Field(() => Float, { description: 'Longitude of the centre.' })
  lng: number;

  @Min(1)
  @Max(50_000)
  @Field(() => Float, { description: 'Radius in metres, 1 to 50,000.' })
  radiusMeters: number;
}

/** Relay page info. */
@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass as `after`.' })
  endCursor: string | null;
}

/** Page info of a connection page, from its edges: one definition for every connection. */
export function pageInfoOf(
  edges: readonly { cursor: string }[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** Largest page a connection returns. */
export const MAX_PAGE_SIZE = 100;

/** Default page size. */
export const DEFAULT_PAGE_SIZE = 20;

export { Int };
