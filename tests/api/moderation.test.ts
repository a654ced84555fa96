/**
 * Moderation through real HTTP: flags (one per account, not on your own content), auto-hide at
 * three distinct accounts, what hidden content shows to whom, the queue for moderators only, the
 * decisions (restore, dismiss, hide, block the author) and their audit log rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const POTHOLE = '4fd3b656e750846c53000004';
const INSIDE = { latitude: 41.96679, longitude: -87.67859 };
const ANSWERS = [
  { code: 'location_on_street', value: 'curb_lane' },
  { code: 'depth', value: 'over_4in' },
];

const FLAG = `mutation($input: FlagContentInput!) { flagContent(input: $input) { targetId alreadyFlagged hidden } }`;
const MODERATE = `mutation($input: ModerateContentInput!) {
  moderateContent(input: $input) { targetId action hidden flagsResolved blockedUntil }
}`;
const QUEUE = `{ moderationQueue(first: 100) {
  totalCount edges { node { targetId targetType flagCount reasons preview hidden autoHidden authorName } }
} }`;
const COMMENTS = `query($id: ID!) { comments(targetId: $id) { edges { node { id body hidden } } } }`;

type User = { id: string; email: string; cookie: string };
let app: TestApp;
let moderator: User;
let flaggers: User[];

async function requestBy(cookie: string): Promise<string> {
  const res = await app.gql(
    `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { id } } }`,
    { input: { serviceCode: POTHOLE, location: INSIDE, attributes: ANSWERS } },
    cookie,
  );
  return res.data!.submitServiceRequest.serviceRequest.id as string;
}

/** A fresh comment by `author` on a fresh request; returns the comment's and request's ids. */
async function commentBy(author: User, body = 'You are all idiots') {
  const requestId = await requestBy(author.cookie);
  const res = await app.gql(
    `mutation($id: ID!, $body: String!) { addComment(input: { targetId: $id, body: $body }) { comment { id } } }`,
    { id: requestId, body },
    author.cookie,
  );
  return { commentId: res.data!.addComment.comment.id as string, requestId };
}

async function flagBy(users: User[], targetId: string, reason = 'abusive language') {
  const results = [];
  for (const u of users) {
    const res = await app.gql(FLAG, { input: { targetId, reason } }, u.cookie);
    expect(res.errors).toBeUndefined();
    results.push(res.data!.flagContent);
  }
  return results;
}

async function commentAs(requestId: string, cookie?: string) {
  const res = await app.gql(COMMENTS, { id: requestId }, cookie);
  expect(res.errors).toBeUndefined();
  return res.data!.comments.edges[0].node as { id: string; body: string | null; hidden: boolean };
}

function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
}

async function auditRows(targetId: string) {
  return (await app.dataSource.query(
    `SELECT action, actor_id FROM audit_log WHERE target_id = $1 ORDER BY id`,
    [uuidOf(targetId)],
  )) as { action: string; actor_id: string | null }[];
}

beforeAll(async () => {
  app = await startTestApp();
  moderator = await app.user('MODERATOR');
  flaggers = [await app.user('RESIDENT'), await app.user('RESIDENT'), await app.user('RESIDENT')];
});

afterAll(async () => {
  await app.close();
});

describe('flagContent', () => {
  it('hides a comment flagged by three distinct accounts; its author still reads it', async () => {
    const author = await app.user('RESIDENT');
    const { commentId, requestId } = await commentBy(author);
    const [one, again] = await flagBy([flaggers[0]!, flaggers[0]!], commentId);
    expect(one).toEqual({ targetId: commentId, alreadyFlagged: false, hidden: false });
    expect(again).toEqual({ targetId: commentId, alreadyFlagged: true, hidden: false });
    const [two] = await flagBy([flaggers[1]!], commentId);
    expect(two!.hidden).toBe(false);
    const [three] = await flagBy([flaggers[2]!], commentId, 'insults neighbours');
    expect(three!.hidden).toBe(true);

    expect(await commentAs(requestId)).toEqual({ id: commentId, body: null, hidden: true });
    expect(await commentAs(requestId, flaggers[0]!.cookie)).toMatchObject({ body: null });
    expect(await commentAs(requestId, author.cookie)).toMatchObject({
      body: 'You are all idiots',
      hidden: true,
    });
    expect(await commentAs(requestId, moderator.cookie)).toMatchObject({
      body: 'You are all idiots',
    });
    expect(await auditRows(commentId)).toEqual([
      { action: 'moderation.auto_hide', actor_id: null },
    ]);
  });

  it('refuses anonymous callers, your own content and ids of things that cannot be flagged', async () => {
    const author = await app.user('RESIDENT');
    const { commentId } = await commentBy(author, 'A fine comment');
    const anonymous = await app.gql(FLAG, { input: { targetId: commentId, reason: 'spam spam' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const own = await app.gql(
      FLAG,
      { input: { targetId: commentId, reason: 'spam spam' } },
      author.cookie,
    );
    expect(own.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const area = Buffer.from('Area:00000000-0000-4000-8000-000000000000').toString('base64url');
    const wrong = await app.gql(
      FLAG,
      { input: { targetId: area, reason: 'spam spam' } },
      flaggers[0]!.cookie,
    );
    expect(wrong.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.targetId');
  });

  it('hides an idea at three flags: others see no title or text, its author does', async () => {
    const author = await app.user('RESIDENT');
    const proposed = await app.gql(
      `mutation { proposeIdea(input: { title: "Rude idea title", body: "A rude body text that is long enough." }) { idea { id } } }`,
      {},
      author.cookie,
    );
    const id = proposed.data!.proposeIdea.idea.id as string;
    await flagBy(flaggers, id);
    const READ = `query($id: ID!) { idea(id: $id) { title body hidden } }`;
    expect((await app.gql(READ, { id }, flaggers[0]!.cookie)).data!.idea).toEqual({
      title: null,
      body: null,
      hidden: true,
    });
    expect((await app.gql(READ, { id }, author.cookie)).data!.idea).toMatchObject({
      title: 'Rude idea title',
      hidden: true,
    });
    expect((await app.gql(READ, { id }, moderator.cookie)).data!.idea.title).toBe(
      'Rude idea title',
    );
    const listed = await app.gql(`{ ideas(filter: { search: "Rude idea title" }) { totalCount } }`);
    expect(listed.data!.ideas.totalCount).toBe(0);
  });

  it('hides a service request at three flags: no description for others', async () => {
    const author = await app.user('RESIDENT');
    const id = await requestBy(author.cookie);
    const [, , third] = await flagBy(flaggers, id);
    expect(third!.hidden).toBe(true);
    const [row] = (await app.dataSource.query(
      `SELECT hidden_at IS NOT NULL AS hidden FROM service_requests WHERE id = $1`,
      [uuidOf(id)],
    )) as [{ hidden: boolean }];
    expect(row.hidden).toBe(true);
  });
});

describe('moderationQueue and moderateContent', () => {
  it('shows the queue to moderators and admins only', async () => {
    for (const role of ['RESIDENT', 'STAFF'] as const) {
      const u = await app.user(role);
      const res = await app.gql(QUEUE, {}, u.cookie);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await app.gql(QUEUE, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await app.user('ADMIN');
    expect((await app.gql(QUEUE, {}, admin.cookie)).errors).toBeUndefined();
    const mutation = await app.gql(
      MODERATE,
      { input: { targetId: (await commentBy(admin)).commentId, action: 'HIDE' } },
      flaggers[0]!.cookie,
    );
    expect(mutation.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists flagged content most flagged first; RESTORE shows it again and clears it', async () => {
    const author = await app.user('RESIDENT');
    const { commentId, requestId } = await commentBy(author, 'Everyone here is a fool');
    const other = await commentBy(author, 'Mildly rude');
    await flagBy(flaggers, commentId);
    await flagBy([flaggers[0]!], other.commentId, 'rude');

    const queue = (await app.gql(QUEUE, {}, moderator.cookie)).data!.moderationQueue;
    const ids = queue.edges.map((e: any) => e.node.targetId as string);
    expect(ids.indexOf(commentId)).toBeLessThan(ids.indexOf(other.commentId));
    expect(queue.edges.find((e: any) => e.node.targetId === commentId).node).toEqual({
      targetId: commentId,
      targetType: 'COMMENT',
      flagCount: 3,
      reasons: ['abusive language', 'abusive language', 'abusive language'],
      preview: 'Everyone here is a fool',
      hidden: true,
      autoHidden: true,
      authorName: 'Test RESIDENT',
    });
    expect(queue.edges.find((e: any) => e.node.targetId === other.commentId).node).toMatchObject({
      flagCount: 1,
      hidden: false,
      autoHidden: false,
    });

    const restored = await app.gql(
      MODERATE,
      { input: { targetId: commentId, action: 'RESTORE' } },
      moderator.cookie,
    );
    expect(restored.data!.moderateContent).toEqual({
      targetId: commentId,
      action: 'RESTORE',
      hidden: false,
      flagsResolved: 3,
      blockedUntil: null,
    });
    expect(await commentAs(requestId)).toMatchObject({
      body: 'Everyone here is a fool',
      hidden: false,
    });
    const after = (await app.gql(QUEUE, {}, moderator.cookie)).data!.moderationQueue;
    expect(after.edges.map((e: any) => e.node.targetId)).not.toContain(commentId);
    expect(await auditRows(commentId)).toEqual([
      { action: 'moderation.auto_hide', actor_id: null },
      { action: 'moderation.restore', actor_id: moderator.id },
    ]);
  });

  it('HIDE keeps content hidden; DISMISS_FLAGS shows auto-hidden content again', async () => {
    const author = await app.user('RESIDENT');
    const hideMe = await commentBy(author, 'Hide me');
    await flagBy([flaggers[0]!], hideMe.commentId);
    const hidden = await app.gql(
      MODERATE,
      { input: { targetId: hideMe.commentId, action: 'HIDE' } },
      moderator.cookie,
    );
    expect(hidden.data!.moderateContent).toMatchObject({ hidden: true, flagsResolved: 1 });
    expect(await commentAs(hideMe.requestId)).toMatchObject({ body: null, hidden: true });

    const dismissMe = await commentBy(author, 'Not actually rude');
    await flagBy(flaggers, dismissMe.commentId);
    const dismissed = await app.gql(
      MODERATE,
      { input: { targetId: dismissMe.commentId, action: 'DISMISS_FLAGS' } },
      moderator.cookie,
    );
    expect(dismissed.data!.moderateContent).toMatchObject({ hidden: false, flagsResolved: 3 });
    expect(await commentAs(dismissMe.requestId)).toMatchObject({ body: 'Not actually rude' });
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM flags WHERE target_id = $1 AND resolution = 'DISMISSED'`,
      [uuidOf(dismissMe.commentId)],
    )) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('BLOCK_AUTHOR hides the content, ends the sessions and refuses sign-in for N days', async () => {
    const author = await app.user('RESIDENT');
    const { commentId, requestId } = await commentBy(author, 'Spam spam spam');
    await flagBy([flaggers[0]!], commentId, 'spam');
    const before = Date.now();
    const res = await app.gql(
      MODERATE,
      { input: { targetId: commentId, action: 'BLOCK_AUTHOR', blockDays: 3 } },
      moderator.cookie,
    );
    expect(res.errors).toBeUndefined();
    const blockedUntil = Date.parse(res.data!.moderateContent.blockedUntil as string);
    expect(blockedUntil - before).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(blockedUntil - before).toBeLessThan(3 * 86_400_000 + 60_000);
    expect(res.data!.moderateContent.hidden).toBe(true);

    expect((await app.gql(`{ viewer { id } }`, {}, author.cookie)).data!.viewer).toBeNull();
    const act = await app.gql(
      `mutation($id: ID!) { addComment(input: { targetId: $id, body: "more spam" }) { comment { id } } }`,
      { id: requestId },
      author.cookie,
    );
    expect(act.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const signIn = await app.gql(
      `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`,
      { input: { email: author.email, password: 'correct horse battery' } },
    );
    expect(signIn.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const [audit] = (await app.dataSource.query(
      `SELECT actor_id, data->>'authorId' AS author, (data->>'blockDays')::int AS days
         FROM audit_log WHERE action = 'moderation.block_author' AND target_id = $1`,
      [uuidOf(commentId)],
    )) as [{ actor_id: string; author: string; days: number }];
    expect(audit).toEqual({ actor_id: moderator.id, author: author.id, days: 3 });

    const badDays = await app.gql(
      MODERATE,
      { input: { targetId: commentId, action: 'BLOCK_AUTHOR', blockDays: 0 } },
      moderator.cookie,
    );
    expect(badDays.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.blockDays');
    const modsComment = await commentBy(moderator, 'A moderator speaks');
    const self = await app.gql(
      MODERATE,
      { input: { targetId: modsComment.commentId, action: 'BLOCK_AUTHOR' } },
      moderator.cookie,
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
