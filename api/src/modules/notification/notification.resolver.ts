/** Notifications of the signed-in person: list, badge, mark read, preferences, live. */
import { Arg, Ctx, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageInfoOf } from '../../graphql/common.type.js';
import { BadInputError } from '../../lib/errors.js';
import { decodeCursor, encodeCursor } from '../../lib/ids.js';
import type {
  DeliveryChannel,
  NotificationEntity,
  NotificationKind,
} from './notification.entity.js';
import { presentNotification } from './notification.presenter.js';
import type {
  NotificationPreferences as NotificationPreferencesValue,
  NotificationService,
} from './notification.service.js';
import {
  MarkNotificationsReadInput,
  Notification,
  NotificationConnection,
  NotificationPreferences,
  UpdateNotificationPreferencesInput,
  type DeliveryChannelEnum,
  type DigestEnum,
  type NotificationKindEnum,
} from './notification.type.js';

@Resolver()
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  @Query(() => NotificationConnection, {
    description: "The signed-in person's notifications, newest first.",
  })
  async notifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor.' }) after?: string,
  ): Promise<NotificationConnection> {
    if (first < 1 || first > 100)
      throw new BadInputError([{ field: 'first', message: 'must be between 1 and 100' }]);
    const cursor = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
    if (cursor && Number.isNaN(Date.parse(cursor[0]))) {
      throw new BadInputError([{ field: 'after', message: 'is not a valid cursor' }]);
    }
    const [page, counts] = await Promise.all([
      this.notificationService.page(ctx.actor, first, cursor),
      this.notificationService.counts(ctx.actor),
    ]);
    const edges = page.rows.map((n) => ({
      // in the interface's language (Accept-Language / the socket's `language` parameter)
      node: presentNotification(n, ctx.language),
      cursor: encodeCursor([n.updatedAt.toISOString(), n.id]),
    }));
    return {
      edges,
      totalCount: counts.total,
      unreadCount: counts.unread,
      pageInfo: pageInfoOf(edges, page.hasNextPage, Boolean(after)),
    };
  }

  @Mutation(() => Int, {
    description: 'Mark notifications read (all when no ids); returns how many changed.',
  })
  markNotificationsRead(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => MarkNotificationsReadInput, { description: 'Which ones.' })
    input: MarkNotificationsReadInput,
  ): Promise<number> {
    return this.notificationService.markRead(ctx.actor, input.ids ?? undefined);
  }

  @Query(() => NotificationPreferences, {
    description: "The signed-in person's notification preferences.",
  })
  async notificationPreferences(@Ctx() ctx: GraphQLContext): Promise<NotificationPreferences> {
    return presentPreferences(await this.notificationService.preferences(ctx.actor));
  }

  @Mutation(() => NotificationPreferences, { description: 'Replace notification preferences.' })
  async updateNotificationPreferences(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateNotificationPreferencesInput, { description: 'The preferences.' })
    input: UpdateNotificationPreferencesInput,
  ): Promise<NotificationPreferences> {
    const current = await this.notificationService.preferences(ctx.actor);
    const p = await this.notificationService.setPreferences(ctx.actor, {
      disabledKinds: input.disabledKinds as NotificationKind[],
      channels: input.channels as DeliveryChannel[],
      quietHours:
        input.quietHours === undefined
          ? current.quietHours
          : input.quietHours && { start: input.quietHours.start, end: input.quietHours.end },
      digest: input.digest ?? current.digest,
    });
    return presentPreferences(p);
  }

  @Subscription(() => Notification, {
    description: "The signed-in person's new (or coalesced) notifications, live: the unread badge.",
    subscribe: ({ context }) =>
      (context as GraphQLContext).services.notifications.subscribe(
        (context as GraphQLContext).actor,
      ),
  })
  notificationAdded(
    @Root() notification: NotificationEntity,
    @Ctx() ctx: GraphQLContext,
  ): Notification {
    return presentNotification(notification, ctx.language);
  }
}

function presentPreferences(p: NotificationPreferencesValue): NotificationPreferences {
  return {
    disabledKinds: p.disabledKinds as NotificationKindEnum[],
    channels: p.channels as DeliveryChannelEnum[],
    quietHours: p.quietHours,
    digest: p.digest as DigestEnum,
  };
}
