/**
 * One table of who may do what: every mutation × {anonymous, resident, the author, another
 * resident, staff of the right agency, staff of another agency, moderator, admin}. Each cell builds
 * fresh fixtures, runs the mutation as that caller and checks "allowed" (no error) or the exact
 * error code, so a missing check fails a row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS, RateLimits } from '../../api/src/lib/rate-limits.js';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

/** The expectation of mutations only administrators may run. */
const ADMIN_ONLY = {
  anonymous: 'UNAUTHENTICATED',
  resident: 'FORBIDDEN',
  author: 'FORBIDDEN',
  otherResident: 'FORBIDDEN',
  staffRight: 'FORBIDDEN',
  staffOther: 'FORBIDDEN',
  moderator: 'FORBIDDEN',
  admin: 'allow',
} as const;

type Role =
  | 'anonymous'
  | 'resident'
  | 'author'
  | 'otherResident'
  | 'staffRight'
  | 'staffOther'
  | 'moderator'
  | 'admin';
const ROLES: Role[] = [
  'anonymous',
  'resident',
  'author',
  'otherResident',
  'staffRight',
  'staffOther',
  'moderator',
  'admin',
];
type Outcome =
  'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT';

const POTHOLE = '4fd3b656e750846c53000004';
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];

let app: TestApp;
const cookies = {} as Record<Exclude<Role, 'anonymous'>, string>;
let authorId: string;
let staffRightId: string;
let agencyRightId: string;

async function gql(query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await app.gql(query, variables, cookie);
  return res;
}

/** A fresh request reported by the author. */
async function authorsRequest(): Promise<string> {
  const res = await gql(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
    {
      input: {
        serviceCode: POTHOLE,
        location: { latitude: 41.9668, longitude: -87.6786 },
        attributes: ANSWERS,
      },
    },
    cookies.author,
  );
  return res.data!.submitServiceRequest.serviceRequest.id as string;
}

async function closeRequest(id: string): Promise<void> {
  await gql(
    `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: COMPLETED }) { serviceRequest { id } } }`,
    { id },
    cookies.staffRight,
  );
}

/** A fresh comment by the author on a fresh request. */
async function authorsComment(): Promise<string> {
  const requestId = await authorsRequest();
  const res = await gql(
    `mutation($id: ID!) { addComment(input: { targetId: $id, body: "Seen it too" }) { comment { id } } }`,
    { id: requestId },
    cookies.author,
  );
  return res.data!.addComment.comment.id as string;
}

/** A fresh idea by the author (written directly: the per-account idea limit is tested elsewhere). */
async function authorsIdea(): Promise<string> {
  const [{ id }] = (await app.dataSource.query(
    `INSERT INTO ideas (title, body, author_id) VALUES ('A stop sign at Leland', 'Cars speed through this corner every morning.', $1) RETURNING id`,
    [authorId],
  )) as [{ id: string }];
  return Buffer.from(`Idea:${id}`).toString('base64url');
}

let clubCounter = 0;

/** A ~200 m square around a point near Lincoln Square, as a GeoJSON polygon. */
function square(dLat = 0) {
  const [lat, lng, d] = [41.9668 + dLat, -87.6786, 0.0009];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng - d, lat - d],
        [lng + d, lat - d],
        [lng + d, lat + d],
        [lng - d, lat + d],
        [lng - d, lat - d],
      ],
    ],
  };
}

/** A fresh block club organised by the author. */
async function authorsClub(joinPolicy: 'OPEN' | 'APPROVAL' = 'OPEN'): Promise<string> {
  clubCounter += 1;
  const res = await gql(
    `mutation($input: CreateBlockClubInput!) { createBlockClub(input: $input) { blockClub { id } } }`,
    {
      input: {
        name: `Leland Neighbours ${process.pid}-${clubCounter}`,
        description: 'Neighbours of the 4700 block',
        boundary: square(),
        joinPolicy,
      },
    },
    cookies.author,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createBlockClub.blockClub.id as string;
}

/** One row: how to build the call, and the expected outcome per role. */
interface Row {
  mutation: string;
  build: () => Promise<{ query: string; variables: Record<string, unknown> }>;
  expect: Record<Role, Outcome>;
}

const signedInAllowed: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  resident: 'allow',
  author: 'allow',
  otherResident: 'allow',
  staffRight: 'allow',
  staffOther: 'allow',
  moderator: 'allow',
  admin: 'allow',
};
const staffOfAgency: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  resident: 'FORBIDDEN',
  author: 'FORBIDDEN',
  otherResident: 'FORBIDDEN',
  staffRight: 'allow',
  staffOther: 'FORBIDDEN',
  moderator: 'FORBIDDEN',
  admin: 'allow',
};
const authorOnly: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  resident: 'FORBIDDEN',
  author: 'allow',
  otherResident: 'FORBIDDEN',
  staffRight: 'FORBIDDEN',
  staffOther: 'FORBIDDEN',
  moderator: 'FORBIDDEN',
  admin: 'FORBIDDEN',
};

const ROWS: Row[] = [
  {
    mutation: 'submitServiceRequest',
    build: async () => ({
      query: `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { created } }`,
      variables: {
        input: {
          serviceCode: POTHOLE,
          location: { latitude: 41.9668, longitude: -87.6786 },
          attributes: ANSWERS,
        },
      },
    }),
    expect: { ...signedInAllowed, anonymous: 'allow' },
  },
  {
    mutation: 'updateServiceRequestStatus',
    build: async () => ({
      query: `mutation($id: ID!) { updateServiceRequestStatus(input: { id: $id, detailedStatus: ACKNOWLEDGED }) { serviceRequest { id } } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: staffOfAgency,
  },
  {
    mutation: 'supportServiceRequest',
    build: async () => ({
      query: `mutation($id: ID!) { supportServiceRequest(input: { id: $id }) { serviceRequest { supportCount } } }`,
      variables: { id: await authorsRequest() },
    }),
    // the reporter cannot co-sign their own request
    expect: { ...signedInAllowed, author: 'BAD_USER_INPUT' },
  },
  {
    mutation: 'withdrawSupport',
    build: async () => ({
      query: `mutation($id: ID!) { withdrawSupport(input: { id: $id }) { serviceRequest { supportCount } } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'followServiceRequest',
    build: async () => ({
      query: `mutation($id: ID!) { followServiceRequest(input: { id: $id }) { following } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'unfollowServiceRequest',
    build: async () => ({
      query: `mutation($id: ID!) { unfollowServiceRequest(input: { id: $id }) { following } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'addComment',
    build: async () => ({
      query: `mutation($id: ID!) { addComment(input: { targetId: $id, body: "Me too" }) { comment { id } } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'editComment',
    build: async () => ({
      query: `mutation($id: ID!) { editComment(input: { id: $id, body: "Edited" }) { comment { body } } }`,
      variables: { id: await authorsComment() },
    }),
    expect: authorOnly,
  },
  {
    mutation: 'deleteComment',
    build: async () => ({
      query: `mutation($id: ID!) { deleteComment(input: { id: $id }) { comment { removed } } }`,
      variables: { id: await authorsComment() },
    }),
    expect: authorOnly,
  },
  {
    mutation: 'markDuplicate',
    build: async () => ({
      query: `mutation($a: ID!, $b: ID!) { markDuplicate(input: { id: $a, duplicateOfId: $b }) { duplicate { id } } }`,
      variables: { a: await authorsRequest(), b: await authorsRequest() },
    }),
    expect: staffOfAgency,
  },
  {
    mutation: 'requestReopen',
    build: async () => {
      const id = await authorsRequest();
      await closeRequest(id);
      return {
        query: `mutation($id: ID!) { requestReopen(input: { id: $id, reason: "Still broken today" }) { reopenRequest { id } } }`,
        variables: { id },
      };
    },
    // only the reporter or a co-signer may ask
    expect: authorOnly,
  },
  {
    mutation: 'decideReopen',
    build: async () => {
      const id = await authorsRequest();
      await closeRequest(id);
      const asked = await gql(
        `mutation($id: ID!) { requestReopen(input: { id: $id, reason: "Still broken today" }) { reopenRequest { id } } }`,
        { id },
        cookies.author,
      );
      return {
        query: `mutation($id: ID!) { decideReopen(input: { id: $id, accept: false, note: "Fixed per inspection" }) { reopenRequest { status } } }`,
        variables: { id: asked.data!.requestReopen.reopenRequest.id },
      };
    },
    expect: staffOfAgency,
  },
  {
    mutation: 'proposeIdea',
    build: async () => ({
      query: `mutation($input: ProposeIdeaInput!) { proposeIdea(input: $input) { idea { id } } }`,
      variables: {
        input: {
          title: 'More benches on Lincoln Ave',
          body: 'Older neighbours need somewhere to rest between the shops.',
          location: { latitude: 41.9668, longitude: -87.6786 },
        },
      },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'voteIdea',
    build: async () => ({
      query: `mutation($id: ID!) { voteIdea(input: { id: $id }) { idea { voteCount } } }`,
      variables: { id: await authorsIdea() },
    }),
    // no vote on your own idea
    expect: { ...signedInAllowed, author: 'BAD_USER_INPUT' },
  },
  {
    mutation: 'unvoteIdea',
    build: async () => ({
      query: `mutation($id: ID!) { unvoteIdea(input: { id: $id }) { idea { voteCount } } }`,
      variables: { id: await authorsIdea() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'respondToIdea',
    build: async () => ({
      query: `mutation($id: ID!) { respondToIdea(input: { id: $id, status: PLANNED, response: "We will install it in spring." }) { idea { status } } }`,
      variables: { id: await authorsIdea() },
    }),
    // an idea without a service may be answered by any staff member
    expect: { ...staffOfAgency, staffOther: 'allow' },
  },
  {
    mutation: 'flagContent',
    build: async () => ({
      query: `mutation($id: ID!) { flagContent(input: { targetId: $id, reason: "Abusive language" }) { alreadyFlagged } }`,
      variables: { id: await authorsComment() },
    }),
    // nobody flags their own content
    expect: { ...signedInAllowed, author: 'BAD_USER_INPUT' },
  },
  {
    mutation: 'moderateContent',
    build: async () => ({
      query: `mutation($id: ID!) { moderateContent(input: { targetId: $id, action: HIDE }) { action } }`,
      variables: { id: await authorsComment() },
    }),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'FORBIDDEN',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'allow',
      admin: 'allow',
    },
  },
  {
    mutation: 'createBlockClub',
    build: async () => {
      clubCounter += 1;
      return {
        query: `mutation($input: CreateBlockClubInput!) { createBlockClub(input: $input) { blockClub { slug } } }`,
        variables: {
          input: { name: `Damen Block ${process.pid}-${clubCounter}`, boundary: square(0.003) },
        },
      };
    },
    expect: signedInAllowed,
  },
  {
    mutation: 'updateBlockClub',
    build: async () => ({
      query: `mutation($id: ID!) { updateBlockClub(input: { id: $id, description: "New description" }) { blockClub { id } } }`,
      variables: { id: await authorsClub() },
    }),
    // the organizer, or an admin
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'allow',
    },
  },
  {
    mutation: 'joinBlockClub',
    build: async () => ({
      query: `mutation($id: ID!) { joinBlockClub(input: { clubId: $id }) { blockClub { id } } }`,
      variables: { id: await authorsClub() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'decideMembership',
    build: async () => {
      const id = await authorsClub('APPROVAL');
      const applicant = await app.user('RESIDENT');
      await gql(
        `mutation($id: ID!) { joinBlockClub(input: { clubId: $id }) { blockClub { id } } }`,
        { id },
        applicant.cookie,
      );
      return {
        query: `mutation($id: ID!, $user: ID!) { decideMembership(input: { clubId: $id, userId: $user, approve: true }) { blockClub { id } } }`,
        variables: { id, user: applicant.id },
      };
    },
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'allow',
    },
  },
  {
    mutation: 'postToBlockClub',
    build: async () => ({
      query: `mutation($id: ID!) { postToBlockClub(input: { clubId: $id, body: "Clean-up on Saturday!" }) { post { id } } }`,
      variables: { id: await authorsClub() },
    }),
    // members only (the author organises the club)
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    mutation: 'createBlockClubAction',
    build: async () => ({
      query: `mutation($input: CreateBlockClubActionInput!) { createBlockClubAction(input: $input) { action { id } } }`,
      variables: {
        input: {
          clubId: await authorsClub(),
          title: 'Spring clean-up',
          place: 'Leland & Damen',
          startsAt: '2030-04-12T14:00:00Z',
          endsAt: '2030-04-12T17:00:00Z',
        },
      },
    }),
    // organizers only
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    mutation: 'adoptServiceRequest',
    build: async () => ({
      query: `mutation($club: ID!, $req: ID!) { adoptServiceRequest(input: { clubId: $club, requestId: $req }) { blockClub { id } } }`,
      variables: { club: await authorsClub(), req: await authorsRequest() },
    }),
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    mutation: 'follow',
    build: async () => ({
      query: `mutation($id: ID!) { follow(input: { targetId: $id }) { following } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'unfollow',
    build: async () => ({
      query: `mutation($id: ID!) { unfollow(input: { targetId: $id }) { following } }`,
      variables: { id: await authorsRequest() },
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'leaveBlockClub',
    build: async () => ({
      query: `mutation($id: ID!) { leaveBlockClub(input: { clubId: $id }) { blockClub { id } } }`,
      variables: { id: await authorsClub() },
    }),
    // the author is the last organizer and must hand over first; others are not members (no-op)
    expect: { ...signedInAllowed, author: 'CONFLICT' },
  },
  {
    mutation: 'rsvpBlockClubAction',
    build: async () => {
      const clubId = await authorsClub();
      const created = await gql(
        `mutation($input: CreateBlockClubActionInput!) { createBlockClubAction(input: $input) { action { id } } }`,
        {
          input: {
            clubId,
            title: 'Spring clean-up',
            place: 'Leland & Damen',
            startsAt: '2030-04-12T14:00:00Z',
            endsAt: '2030-04-12T17:00:00Z',
          },
        },
        cookies.author,
      );
      return {
        query: `mutation($id: ID!) { rsvpBlockClubAction(input: { actionId: $id, response: GOING }) { action { id } } }`,
        variables: { id: created.data!.createBlockClubAction.action.id },
      };
    },
    // members only (the author organises the club)
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'FORBIDDEN',
    },
  },
  {
    mutation: 'setBlockClubMemberRole',
    build: async () => {
      const clubId = await authorsClub();
      const member = await app.user('RESIDENT');
      await gql(
        `mutation($id: ID!) { joinBlockClub(input: { clubId: $id }) { blockClub { id } } }`,
        { id: clubId },
        member.cookie,
      );
      return {
        query: `mutation($club: ID!, $user: ID!) { setBlockClubMemberRole(input: { clubId: $club, userId: $user, role: ORGANIZER }) { blockClub { id } } }`,
        variables: { club: clubId, user: member.id },
      };
    },
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'allow',
    },
  },
  {
    mutation: 'deleteBlockClubPost',
    build: async () => {
      const clubId = await authorsClub();
      const posted = await gql(
        `mutation($id: ID!) { postToBlockClub(input: { clubId: $id, body: "Clean-up on Saturday!" }) { post { id } } }`,
        { id: clubId },
        cookies.author,
      );
      return {
        query: `mutation($id: ID!) { deleteBlockClubPost(input: { id: $id }) { post { id } } }`,
        variables: { id: posted.data!.postToBlockClub.post.id },
      };
    },
    // its author, an organizer of the club, or an admin
    expect: {
      anonymous: 'UNAUTHENTICATED',
      resident: 'FORBIDDEN',
      author: 'allow',
      otherResident: 'FORBIDDEN',
      staffRight: 'FORBIDDEN',
      staffOther: 'FORBIDDEN',
      moderator: 'FORBIDDEN',
      admin: 'allow',
    },
  },
  {
    mutation: 'createApiKey',
    build: async () => ({
      query: `mutation { createApiKey(input: { name: "Civic app", rateLimitPerMinute: 60 }) { key } }`,
      variables: {},
    }),
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'createWebhook',
    build: async () => ({
      query: `mutation { createWebhook(input: { name: "CRM", url: "https://crm.example.org/hooks", eventTypes: ["STATUS_CHANGED"] }) { secret } }`,
      variables: {},
    }),
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'deleteWebhook',
    build: async () => {
      const created = await gql(
        `mutation { createWebhook(input: { name: "Old CRM", url: "https://old.example.org/h", eventTypes: ["SUBMITTED"] }) { webhook { id } } }`,
        {},
        cookies.admin,
      );
      return {
        query: `mutation($id: ID!) { deleteWebhook(input: { id: $id }) { id } }`,
        variables: { id: created.data!.createWebhook.webhook.id },
      };
    },
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'revokeApiKey',
    build: async () => {
      const created = await gql(
        `mutation { createApiKey(input: { name: "Old app" }) { apiKey { id } } }`,
        {},
        cookies.admin,
      );
      return {
        query: `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } } }`,
        variables: { id: created.data!.createApiKey.apiKey.id },
      };
    },
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'assignServiceRequest',
    build: async () => ({
      query: `mutation($id: ID!, $to: ID!) { assignServiceRequest(input: { id: $id, assigneeId: $to }) { serviceRequest { id } } }`,
      variables: {
        id: await authorsRequest(),
        to: Buffer.from(`User:${staffRightId}`).toString('base64url'),
      },
    }),
    expect: staffOfAgency,
  },
  {
    mutation: 'updateServiceRequestStatuses',
    build: async () => ({
      query: `mutation($ids: [ID!]!) { updateServiceRequestStatuses(input: { ids: $ids, detailedStatus: ACKNOWLEDGED }) { serviceRequests { id } } }`,
      variables: { ids: [await authorsRequest(), await authorsRequest()] },
    }),
    expect: staffOfAgency,
  },
  {
    mutation: 'setUserRole',
    build: async () => {
      const person = await app.user('RESIDENT');
      return {
        query: `mutation($id: ID!) { setUserRole(input: { userId: $id, role: MODERATOR }) { account { role } } }`,
        variables: { id: Buffer.from(`User:${person.id}`).toString('base64url') },
      };
    },
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'upsertService',
    build: async () => ({
      query: `mutation($input: UpsertServiceInput!) { upsertService(input: $input) { created } }`,
      variables: {
        input: {
          code: `authz-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
          name: 'Authorization test service',
          group: 'Tests',
          agencyId: agencyRightId,
          slaDays: 3,
        },
      },
    }),
    expect: ADMIN_ONLY,
  },
  {
    mutation: 'signUp',
    build: async () => ({
      query: `mutation($input: SignUpInput!) { signUp(input: $input) { viewer { id } } }`,
      variables: {
        input: {
          email: `new-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
          password: 'a long enough password',
          displayName: 'New Neighbour',
        },
      },
    }),
    expect: {
      anonymous: 'allow',
      resident: 'allow',
      author: 'allow',
      otherResident: 'allow',
      staffRight: 'allow',
      staffOther: 'allow',
      moderator: 'allow',
      admin: 'allow',
    },
  },
  {
    mutation: 'markNotificationsRead',
    build: async () => ({ query: `mutation { markNotificationsRead(input: {}) }`, variables: {} }),
    expect: signedInAllowed,
  },
  {
    mutation: 'updateNotificationPreferences',
    build: async () => ({
      query: `mutation { updateNotificationPreferences(input: { disabledKinds: [], channels: [] }) { channels } }`,
      variables: {},
    }),
    expect: signedInAllowed,
  },
  {
    mutation: 'updateViewer',
    build: async () => ({
      query: `mutation { updateViewer(input: { displayName: "Same Name" }) { id } }`,
      variables: {},
    }),
    expect: signedInAllowed,
  },
  // last: it ends the shared sessions of the rows above
  {
    mutation: 'signOut',
    build: async () => ({ query: `mutation { signOut }`, variables: {} }),
    expect: {
      anonymous: 'allow',
      resident: 'allow',
      author: 'allow',
      otherResident: 'allow',
      staffRight: 'allow',
      staffOther: 'allow',
      moderator: 'allow',
      admin: 'allow',
    },
  },
];

beforeAll(async () => {
  // fixtures write many comments and flags as one author: per-account limits are tested elsewhere
  const generous = Object.fromEntries(
    Object.keys(RATE_LIMITS).map((action) => [action, { points: 100_000, duration: 60 }]),
  );
  app = await startTestApp({ rateLimits: new RateLimits(generous) });
  const [{ code }] = (await app.dataSource.query(
    `SELECT a.code FROM service_definitions s JOIN agencies a ON a.id = s.agency_id WHERE s.code = $1`,
    [POTHOLE],
  )) as [{ code: string }];
  const [{ code: other }] = (await app.dataSource.query(
    `SELECT code FROM agencies WHERE code <> $1 LIMIT 1`,
    [code],
  )) as [{ code: string }];
  cookies.resident = (await app.user('RESIDENT')).cookie;
  const author = await app.user('RESIDENT');
  cookies.author = author.cookie;
  authorId = author.id;
  cookies.otherResident = (await app.user('RESIDENT')).cookie;
  const staffRight = await app.user('STAFF', code);
  cookies.staffRight = staffRight.cookie;
  staffRightId = staffRight.id;
  [{ id: agencyRightId }] = (await app.dataSource.query(`SELECT id FROM agencies WHERE code = $1`, [
    code,
  ])) as [{ id: string }];
  cookies.staffOther = (await app.user('STAFF', other)).cookie;
  cookies.moderator = (await app.user('MODERATOR')).cookie;
  cookies.admin = (await app.user('ADMIN')).cookie;
});

afterAll(async () => {
  await app.close();
});

describe.each(ROWS)('$mutation', (row) => {
  it.each(ROLES)('as %s', async (role) => {
    const { query, variables } = await row.build();
    const res = await gql(query, variables, role === 'anonymous' ? undefined : cookies[role]);
    const expected = row.expect[role];
    if (expected === 'allow') {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data).not.toBeNull();
    } else {
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(expected);
    }
  });
});
