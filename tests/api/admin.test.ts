/**
 * Administration through the API: the agency list, accounts and roles (with the last-admin rule),
 * API keys listed without their secret, and the service catalogue edited with its questions, whose
 * changes the report rules follow at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from './harness.js';
import type { TestApp } from './harness.js';

const LINCOLN_SQUARE = { latitude: 41.96679, longitude: -87.67859 };

let app: TestApp;
let admin: { id: string; cookie: string };
let resident: string;
let staff: string;
let cdot: string;

const UPSERT = `mutation U($input: UpsertServiceInput!) {
  upsertService(input: $input) {
    created
    service { code name active slaDays isPrivate agency { code } attributes { code datatype required description values { key name } } }
  }
}`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.user('ADMIN');
  resident = (await app.user('RESIDENT')).cookie;
  staff = (await app.user('STAFF', 'CDOT')).cookie;
  const [row] = (await app.dataSource.query(`SELECT id FROM agencies WHERE code = 'CDOT'`)) as [
    { id: string },
  ];
  cdot = row.id;
});

afterAll(async () => {
  await app?.close();
});

describe('agencies', () => {
  it('lists every agency by name; staff counts only for staff and admins', async () => {
    const q = `{ agencies { agency { id code name } serviceCount staffCount } }`;
    const open = await app.gql(q);
    const rows = open.data!.agencies as {
      agency: { id: string; code: string; name: string };
      serviceCount: number;
      staffCount: number | null;
    }[];
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM agencies`,
    )) as [{ count: number }];
    expect(rows).toHaveLength(count);
    const names = rows.map((r) => r.agency.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const cdotRow = rows.find((r) => r.agency.code === 'CDOT')!;
    expect(cdotRow.serviceCount).toBeGreaterThan(10);
    expect(cdotRow.staffCount).toBeNull();
    const asAdmin = await app.gql(q, {}, admin.cookie);
    const adminCdot = (asAdmin.data!.agencies as typeof rows).find(
      (r) => r.agency.code === 'CDOT',
    )!;
    expect(adminCdot.staffCount).toBeGreaterThanOrEqual(1);
  });
});

describe('accounts and setUserRole', () => {
  const ACCOUNTS = `query A($filter: AccountFilter) { accounts(filter: $filter, first: 10) {
    totalCount edges { node { id displayName email role agency { code } blocked } }
  } }`;
  const SET = `mutation S($input: SetUserRoleInput!) { setUserRole(input: $input) { account { id role agency { code } } } }`;

  it('lets an admin find an account by e-mail and make it staff of an agency', async () => {
    const person = await app.user('RESIDENT');
    const found = await app.gql(ACCOUNTS, { filter: { search: person.email } }, admin.cookie);
    expect(found.errors, JSON.stringify(found.errors)).toBeUndefined();
    expect(found.data!.accounts.totalCount).toBe(1);
    const node = found.data!.accounts.edges[0].node;
    expect(node).toMatchObject({ email: person.email, role: 'RESIDENT', agency: null });

    // before: the queue is refused; after the change: the same session opens it
    const before = await app.gql(`{ staffQueue(first: 1) { totalCount } }`, {}, person.cookie);
    expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await app.gql(
      SET,
      { input: { userId: node.id, role: 'STAFF', agencyId: cdot } },
      admin.cookie,
    );
    expect(set.errors, JSON.stringify(set.errors)).toBeUndefined();
    expect(set.data!.setUserRole.account).toMatchObject({
      role: 'STAFF',
      agency: { code: 'CDOT' },
    });
    const after = await app.gql(`{ staffQueue(first: 1) { agency { code } } }`, {}, person.cookie);
    expect(after.errors, JSON.stringify(after.errors)).toBeUndefined();
    expect(after.data!.staffQueue.agency.code).toBe('CDOT');
    const staffList = await app.gql(
      ACCOUNTS,
      { filter: { roles: ['STAFF'], agencyId: cdot, search: person.email } },
      admin.cookie,
    );
    expect(staffList.data!.accounts.totalCount).toBe(1);
    const [audit] = (await app.dataSource.query(
      `SELECT actor_id, data FROM audit_log WHERE action = 'user.set_role' AND target_id = $1`,
      [person.id],
    )) as [{ actor_id: string; data: { to: { role: string } } }];
    expect(audit.actor_id).toBe(admin.id);
    expect(audit.data.to.role).toBe('STAFF');
  });

  it('names the field: staff need an agency, residents have none', async () => {
    const person = await app.user('RESIDENT');
    const id = Buffer.from(`User:${person.id}`).toString('base64url');
    const noAgency = await app.gql(SET, { input: { userId: id, role: 'STAFF' } }, admin.cookie);
    expect(noAgency.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.agencyId');
    const extra = await app.gql(
      SET,
      { input: { userId: id, role: 'MODERATOR', agencyId: cdot } },
      admin.cookie,
    );
    expect(extra.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.agencyId');
  });

  it('keeps the last active administrator', async () => {
    const self = Buffer.from(`User:${admin.id}`).toString('base64url');
    const others = (await app.dataSource.query(
      `SELECT id FROM users WHERE role = 'ADMIN' AND id <> $1 AND blocked_at IS NULL`,
      [admin.id],
    )) as { id: string }[];
    const ids = others.map((o) => o.id);
    await app.dataSource.query(`UPDATE users SET blocked_at = now() WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    try {
      const res = await app.gql(SET, { input: { userId: self, role: 'RESIDENT' } }, admin.cookie);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      await app.dataSource.query(`UPDATE users SET blocked_at = NULL WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
    }
  });

  it('is for admins only, e-mail included', async () => {
    for (const cookie of [resident, staff]) {
      const res = await app.gql(ACCOUNTS, {}, cookie);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    expect((await app.gql(ACCOUNTS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('apiKeys', () => {
  it('lists keys newest first with their prefix, never the key, and shows revocation', async () => {
    const name = `Civic app ${randomUUID().slice(0, 6)}`;
    const created = await app.gql(
      `mutation($name: String!) { createApiKey(input: { name: $name }) { key apiKey { id prefix } } }`,
      { name },
      admin.cookie,
    );
    const { key, apiKey } = created.data!.createApiKey as {
      key: string;
      apiKey: { id: string; prefix: string };
    };
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const LIST = `{ apiKeys(first: 5) { totalCount edges { node { id name prefix revokedAt } } } }`;
    const list = await app.gql(LIST, {}, admin.cookie);
    expect(list.data!.apiKeys.edges[0].node).toEqual({
      id: apiKey.id,
      name,
      prefix: apiKey.prefix,
      revokedAt: null,
    });
    expect(JSON.stringify(list.data)).not.toContain(key);
    await app.gql(
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } } }`,
      { id: apiKey.id },
      admin.cookie,
    );
    const again = await app.gql(LIST, {}, admin.cookie);
    expect(again.data!.apiKeys.edges[0].node.revokedAt).not.toBeNull();
    expect((await app.gql(LIST, {}, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('upsertService', () => {
  const code = `admin-test-${randomUUID().slice(0, 8)}`;
  const questions = [
    {
      code: 'size',
      datatype: 'SINGLEVALUELIST',
      required: true,
      description: 'How big is it?',
      values: [
        { key: 'small', name: 'Small' },
        { key: 'large', name: 'Large' },
      ],
    },
    { code: 'notes', datatype: 'TEXT', description: 'Anything else?' },
  ];

  async function report(attributes: { code: string; value: string }[]) {
    return app.gql(
      `mutation($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { serviceRequest { attributes { code values } } } }`,
      { input: { serviceCode: code, location: LINCOLN_SQUARE, attributes } },
      resident,
    );
  }

  it('creates a service with its questions, which reports must then answer', async () => {
    const res = await app.gql(
      UPSERT,
      {
        input: {
          code,
          name: 'Fallen tree branch',
          group: 'Trees',
          agencyId: cdot,
          slaDays: 5,
          keywords: ['branch', 'rama'],
          attributes: questions,
        },
      },
      admin.cookie,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.upsertService).toMatchObject({
      created: true,
      service: {
        code,
        name: 'Fallen tree branch',
        active: true,
        slaDays: 5,
        isPrivate: false,
        agency: { code: 'CDOT' },
        attributes: [
          { code: 'size', datatype: 'SINGLEVALUELIST', required: true },
          { code: 'notes', datatype: 'TEXT', required: false, values: [] },
        ],
      },
    });
    const found = await app.gql(`{ service(code: "${code}") { name slaDays } }`);
    expect(found.data!.service).toEqual({ name: 'Fallen tree branch', slaDays: 5 });
    const missing = await report([]);
    expect(missing.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.attributes.size');
    const ok = await report([{ code: 'size', value: 'large' }]);
    expect(ok.errors, JSON.stringify(ok.errors)).toBeUndefined();
  });

  it('changes it by code: kept fields stay, questions are replaced, and it can be retired', async () => {
    const res = await app.gql(
      UPSERT,
      {
        input: {
          code,
          name: 'Fallen branch',
          group: 'Trees',
          agencyId: cdot,
          active: false,
          attributes: [questions[1]],
        },
      },
      admin.cookie,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.upsertService).toMatchObject({
      created: false,
      service: {
        name: 'Fallen branch',
        slaDays: 5,
        active: false,
        attributes: [{ code: 'notes' }],
      },
    });
    const listed = await app.gql(`{ services(group: "Trees") { code } }`);
    expect((listed.data!.services as { code: string }[]).map((s) => s.code)).not.toContain(code);
    const catalogue = await app.gql(`{ serviceCatalogue { code active } }`, {}, admin.cookie);
    expect(catalogue.data!.serviceCatalogue).toContainEqual({ code, active: false });
    const refused = await report([]);
    expect(refused.errors?.[0]?.extensions?.fields?.[0]?.field).toBe('input.serviceCode');
    const [{ n }] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('service.create', 'service.update') AND data->>'code' = $1`,
      [code],
    )) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('names each field at fault and writes nothing', async () => {
    const bad = `bad-${randomUUID().slice(0, 8)}`;
    const res = await app.gql(
      UPSERT,
      {
        input: {
          code: bad,
          name: ' ',
          group: 'Trees',
          agencyId: cdot,
          slaDays: 0,
          attributes: [
            { code: 'kind', datatype: 'MULTIVALUELIST', description: 'Which?' },
            { code: 'kind', datatype: 'STRING', description: 'Again' },
          ],
        },
      },
      admin.cookie,
    );
    const fields = (res.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.name',
        'input.slaDays',
        'input.attributes.0.values',
        'input.attributes.1.code',
      ]),
    );
    const catalogue = await app.gql(`{ serviceCatalogue { code } }`, {}, admin.cookie);
    expect(
      (catalogue.data!.serviceCatalogue as { code: string }[]).map((s) => s.code),
    ).not.toContain(bad);
  });

  it('is for admins only', async () => {
    const input = { code, name: 'Nope', group: 'Trees', agencyId: cdot };
    expect((await app.gql(UPSERT, { input }, staff)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await app.gql(`{ serviceCatalogue { code } }`, {}, staff)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
