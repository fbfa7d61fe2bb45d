import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { EVERY_PART, EVERY_PART_FIELDS } from '../support/stats-scan.js';
import { collect, wsClient } from '../support/ws.js';

/** The collections sharded by tenant (docs/stats.md, "Sharding"). */
const SHARDED = [
  'tickets',
  'ticket_history',
  'notifications',
  'stats_rollups',
  'stats_customers',
] as const;

type Command = Record<string, any>;

/**
 * The tenant a roll-up id belongs to: ids start with the encoded tenant and '|'; the end of
 * a tenant's range is the encoded tenant and '}' (the character after '|').
 */
function rollupTenant(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  if (id.includes('|')) return decodeURIComponent(id.split('|')[0]!);
  return id.endsWith('}') ? decodeURIComponent(id.slice(0, -1)) : null;
}

/**
 * The tenants a filter names through the shard key: `tenantId` equal to one string, or (roll-
 * ups, sharded on `_id`) ids of one tenant, singly, in `$in` or as a range. A filter that
 * names none would go to every shard.
 */
export function targetedTenants(collection: string, filter: Command | undefined): string[] {
  if (filter === undefined) return [];
  if (typeof filter.tenantId === 'string') return [filter.tenantId];
  if (collection === 'stats_rollups' && filter._id !== undefined) {
    const id = filter._id;
    const ids: unknown[] =
      typeof id === 'string' ? [id] : (id.$in ?? [id.$gt ?? id.$gte, id.$lt ?? id.$lte]);
    const tenants = ids.map(rollupTenant);
    return tenants.includes(null) ? [] : [...new Set(tenants as string[])];
  }
  return [];
}

/** The tenants one command targets, by the filter (or document) of each of its statements. */
export function commandTenants(name: string, command: Command): string[][] {
  const collection = command[name];
  switch (name) {
    case 'find':
      return [targetedTenants(collection, command.filter)];
    case 'aggregate':
      return [targetedTenants(collection, command.pipeline?.[0]?.$match)];
    case 'count':
    case 'distinct':
      return [targetedTenants(collection, command.query)];
    case 'findAndModify':
      return [targetedTenants(collection, command.query)];
    case 'update':
      return command.updates.map((u: Command) => targetedTenants(collection, u.q));
    case 'delete':
      return command.deletes.map((d: Command) => targetedTenants(collection, d.q));
    case 'insert':
      return command.documents.map((d: Command) =>
        typeof d.tenantId === 'string' ? [d.tenantId] : [],
      );
    default:
      return [[`(unchecked command ${name})`]];
  }
}

describe('commands to the tenant-sharded collections', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'targeting', mock: { tickets: 1200 } });
  });
  afterAll(() => t?.stop());

  it('each target exactly one tenant over a full ingestion, a live stats session and a stats read', async () => {
    const seen: { name: string; collection: string; tenants: string[][] }[] = [];
    const listener = (event: { commandName: string; command: Command }) => {
      const collection = event.command[event.commandName];
      if (!SHARDED.includes(collection)) return;
      if (event.commandName === 'getMore' || event.commandName === 'killCursors') return;
      seen.push({
        name: event.commandName,
        collection,
        tenants: commandTenants(event.commandName, event.command),
      });
    };
    const client = t.db.connection.getClient();
    client.on('commandStarted', listener);
    try {
      const viewer = wsClient(t.gateway.wsUrl, t.adminKey);
      const updates: unknown[] = [];
      void collect(
        viewer,
        `subscription Live($tenantId: String!) { tenantStatsUpdated(tenantId: $tenantId) { ${EVERY_PART_FIELDS} } }`,
        { tenantId: 'tenant_a' },
        (result) => updates.push(result),
      );
      await ingest(t, 'tenant_a', { full: true });
      await ingest(t, 'tenant_a');
      await expect.poll(() => updates.length, { timeout: 10_000 }).toBeGreaterThan(1);
      const read = await t.graphql(EVERY_PART, { tenantId: 'tenant_a' });
      expect(read.body.errors).toBeUndefined();
      await viewer.dispose();
    } finally {
      client.off('commandStarted', listener);
    }

    const untargeted = seen.filter(
      ({ tenants }) =>
        !tenants.every((statement) => statement.length === 1 && statement[0] === 'tenant_a'),
    );
    expect(untargeted).toEqual([]);
    // Every collection was written or read, by the commands that matter.
    const kinds = new Set(seen.map(({ name, collection }) => `${name} ${collection}`));
    for (const kind of [
      'find tickets',
      'update tickets',
      'insert ticket_history',
      'update notifications',
      'find stats_rollups',
      'update stats_rollups',
      'find stats_customers',
      'update stats_customers',
    ])
      expect(kinds, kind).toContain(kind);
  });

  it('tells a targeted command from one that would go to every shard (the check can fail)', () => {
    expect(commandTenants('find', { find: 'tickets', filter: { _id: 'x' } })).toEqual([[]]);
    expect(
      commandTenants('find', {
        find: 'stats_rollups',
        filter: { _id: { $in: ['tenant_a|totals', 'tenant_b|totals'] } },
      }),
    ).toEqual([['tenant_a', 'tenant_b']]);
    expect(
      commandTenants('aggregate', {
        aggregate: 'tickets',
        pipeline: [{ $match: { tenantId: { $in: ['a'] } } }],
      }),
    ).toEqual([[]]);
    expect(
      commandTenants('update', { update: 'tickets', updates: [{ q: { tenantId: 'a', _id: 1 } }] }),
    ).toEqual([['a']]);
  });
});
