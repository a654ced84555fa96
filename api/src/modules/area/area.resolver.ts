/** Queries of areas: `areas(kind)` and `area(id)`, with open request counts. */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { GeoPoint } from '../../graphql/common.type.js';
import { fromGlobalId } from '../../lib/ids.js';
import { presentArea } from './area.presenter.js';
import type { AreaService } from './area.service.js';
import { Area, AreaKindEnum } from './area.type.js';

@Resolver(() => Area)
export class AreaResolver {
  constructor(private readonly areaService: AreaService) {}

  @Query(() => [Area], { description: 'Wards and community areas, by kind and number.' })
  async areas(
    @Ctx() ctx: GraphQLContext,
    @Arg('kind', () => AreaKindEnum, { nullable: true, description: 'Only this kind.' })
    kind?: AreaKindEnum,
  ): Promise<Area[]> {
    return (await this.areaService.list(ctx.actor, kind ?? undefined)).map(presentArea);
  }

  @Query(() => Area, { nullable: true, description: 'One area by global id.' })
  async area(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the area.' }) id: string,
  ): Promise<Area | null> {
    const area = await this.areaService.find(fromGlobalId(id, 'Area', 'id'));
    return area ? presentArea(area) : null;
  }

  @FieldResolver(() => Int, { description: 'Public requests open in this area now.' })
  openRequestCount(@Root() area: Area, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.openCount.load({ kind: area.kind, number: area.number });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The boundary as a GeoJSON MultiPolygon string (simplified unless `full`).',
  })
  boundaryGeoJson(
    @Root() area: Area,
    @Ctx() ctx: GraphQLContext,
    @Arg('full', () => Boolean, { defaultValue: false, description: 'Full detail.' }) full: boolean,
  ): Promise<string | null> {
    return this.areaService.boundaryGeoJson(ctx.actor, area.uuid, !full);
  }

  @FieldResolver(() => GeoPoint, {
    nullable: true,
    description:
      'A point surely inside the area (not always its centre), e.g. to place a report when only the ward is known.',
  })
  pointInside(@Root() area: Area, @Ctx() ctx: GraphQLContext): Promise<GeoPoint | null> {
    return this.areaService.pointInside(ctx.actor, area.uuid);
  }
}
