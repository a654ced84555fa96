/** GraphQL shapes of notifications and preferences. */
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { PageInfo } from '../../graphql/common.type.js';

export enum NotificationKindEnum {
  STATUS_CHANGED = 'STATUS_CHANGED',
  SUPPORTED = 'SUPPORTED',
  COMMENTED = 'COMMENTED',
  MERGED = 'MERGED',
  REOPEN_REQUESTED = 'REOPEN_REQUESTED',
  REOPEN_DECIDED = 'REOPEN_DECIDED',
  AREA_REQUEST = 'AREA_REQUEST',
  CLUB_ACTIVITY = 'CLUB_ACTIVITY',
  MEMBERSHIP = 'MEMBERSHIP',
  IDEA_UNDER_REVIEW = 'IDEA_UNDER_REVIEW',
  IDEA_RESPONSE = 'IDEA_RESPONSE',
  ASSIGNED = 'ASSIGNED',
}
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'Kinds of notification; each can be turned off.',
  valuesConfig: {
    STATUS_CHANGED: { description: 'A followed request changed status (never coalesced).' },
    SUPPORTED: { description: 'Neighbours co-signed a followed request (at most one per hour).' },
    COMMENTED: { description: 'New comments on something followed (at most one per hour).' },
    MERGED: { description: 'A followed request was merged into another as a duplicate.' },
    REOPEN_REQUESTED: { description: 'Someone asked to reopen a closed request (staff).' },
    REOPEN_DECIDED: { description: 'Staff decided on a request to reopen.' },
    AREA_REQUEST: { description: 'A new request in a followed area.' },
    CLUB_ACTIVITY: { description: 'A post or action in a followed block club.' },
    MEMBERSHIP: { description: 'Block club membership news (join requests, decisions).' },
    IDEA_UNDER_REVIEW: { description: 'An idea reached the review threshold (staff, author).' },
    IDEA_RESPONSE: { description: 'The city answered an idea you voted on or follow.' },
    ASSIGNED: { description: 'Another staff member assigned a request to you (staff).' },
  },
});

export enum DeliveryChannelEnum {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(DeliveryChannelEnum, {
  name: 'DeliveryChannel',
  description: 'Channels beyond the in-app list.',
  valuesConfig: {
    EMAIL: { description: 'E-mail to the account address.' },
    SMS: { description: 'Text message to the account phone.' },
    WEBHOOK: { description: 'A webhook (integrations).' },
  },
});

@ObjectType({ description: 'One notification of the signed-in person.' })
export class Notification {
  @Field(() => ID, { description: 'Notification id.' })
  id: string;

  @Field(() => NotificationKindEnum, { description: 'What kind of news.' })
  kind: NotificationKindEnum;

  @Field(() => String, { description: 'One line, e.g. "5 neighbours co-signed SR26-00000042".' })
  title: string;

  @Field(() => String, { description: 'More detail, may be empty.' })
  body: string;

  @Field(() => Int, {
    description: 'How many events it stands for (coalesced supports and comments).',
  })
  count: number;

  @Field(() => String, { description: 'What it is about: REQUEST, AREA, BLOCK_CLUB or IDEA.' })
  targetType: string;

  @Field(() => ID, { description: 'Global id of what it is about.' })
  targetId: string;

  @Field(() => Boolean, { description: 'Whether it has been read.' })
  read: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When it was first written.' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When it last changed (a coalesced event).' })
  updatedAt: Date;
}

@ObjectType({ description: 'An edge of the notification list.' })
export class NotificationEdge {
  @Field(() => Notification, { description: 'The notification.' })
  node: Notification;

  @Field(() => String, { description: 'Cursor.' })
  cursor: string;
}

@ObjectType({ description: 'A page of notifications, newest first.' })
export class NotificationConnection {
  @Field(() => [NotificationEdge], { description: 'The page.' })
  edges: NotificationEdge[];

  @Field(() => PageInfo, { description: 'Paging.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All notifications.' })
  totalCount: number;

  @Field(() => Int, { description: 'Unread notifications (the badge).' })
  unreadCount: number;
}

export enum DigestEnum {
  NONE = 'NONE',
  DAILY = 'DAILY',
}

registerEnumType(DigestEnum, {
  name: 'Digest',
  description: 'How non-urgent e-mail and texts are grouped.',
  valuesConfig: {
    NONE: { description: 'Each as it happens (outside quiet hours).' },
    DAILY: {
      description: 'One message a day at 07:00 Chicago time; status changes still go at once.',
    },
  },
});

@ObjectType({ description: 'A daily window, Chicago time, that may wrap midnight.' })
export class QuietHours {
  @Field(() => String, { description: 'Start, HH:MM (24-hour clock).' })
  start: string;

  @Field(() => String, { description: 'End, HH:MM (24-hour clock).' })
  end: string;
}

@InputType({ description: 'A daily window, Chicago time, that may wrap midnight (22:00–07:00).' })
export class QuietHoursInput {
  @Field(() => String, { description: 'Start, HH:MM (24-hour clock).' })
  start: string;

  @Field(() => String, { description: 'End, HH:MM (24-hour clock).' })
  end: string;
}

@ObjectType({ description: 'Which notifications a person gets, and how.' })
export class NotificationPreferences {
  @Field(() => [NotificationKindEnum], { description: 'Kinds turned off.' })
  disabledKinds: NotificationKindEnum[];

  @Field(() => [DeliveryChannelEnum], { description: 'Extra channels (in-app is always on).' })
  channels: DeliveryChannelEnum[];

  @Field(() => QuietHours, {
    nullable: true,
    description:
      'When e-mail and texts of non-urgent kinds wait (they go out when it ends); null: none. Status changes never wait.',
  })
  quietHours: QuietHours | null;

  @Field(() => DigestEnum, {
    description: 'Whether non-urgent e-mail and texts come as a daily digest.',
  })
  digest: DigestEnum;
}

@InputType({ description: 'New notification preferences (replace the old ones).' })
export class UpdateNotificationPreferencesInput {
  @ArrayMaxSize(20)
  @Field(() => [NotificationKindEnum], { description: 'Kinds to turn off.' })
  disabledKinds: NotificationKindEnum[];

  @ArrayMaxSize(3)
  @Field(() => [DeliveryChannelEnum], { description: 'Extra delivery channels.' })
  channels: DeliveryChannelEnum[];

  @IsOptional()
  @Field(() => QuietHoursInput, {
    nullable: true,
    description: 'Quiet hours; null turns them off; omitted keeps the current ones.',
  })
  quietHours?: QuietHoursInput | null;

  @IsOptional()
  @Field(() => DigestEnum, {
    nullable: true,
    description: 'Daily digest or not; omitted keeps the current choice.',
  })
  digest?: DigestEnum | null;
}

@InputType({ description: 'Which notifications to mark read.' })
export class MarkNotificationsReadInput {
  @IsOptional()
  @ArrayMaxSize(500)
  @Field(() => [ID], { nullable: true, description: 'These ids; all of them when omitted.' })
  ids?: string[] | null;
}
