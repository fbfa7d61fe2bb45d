import { pick, seededRandom } from './random.js';

/** A ticket as the provider serves it (snake_case, ISO 8601 timestamps in UTC). */
export interface ProviderTicket {
  id: string;
  tenant_id: string;
  source: 'email' | 'web' | 'chat' | 'api';
  customer_id: string;
  subject: string;
  message: string;
  created_at: string;
  updated_at: string;
  status: 'open' | 'closed' | 'pending';
}

/** A seeded ticket: what is served, plus the provider-side deletion flag. */
export interface SeedTicket {
  ticket: ProviderTicket;
  deleted: boolean;
}

export const SEED_TENANTS = ['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d'] as const;

export const SEED_KEYWORDS = [
  'refund',
  'charged twice',
  'lawsuit',
  'angry',
  'broken',
  'urgent',
  'help',
  'question',
  'feature request',
  'login issue',
  'GDPR',
  'cancel',
] as const;

const SOURCES = ['email', 'web', 'chat', 'api'] as const;
const STATUSES = ['open', 'closed', 'pending'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const SPREAD_MS = 30 * DAY_MS;
const DELETED_SHARE = 0.05;
const MODIFIED_SHARE = 0.1;
const CUSTOMERS_PER_TENANT = 60;
/** Every tenth ticket of a tenant thanks the team: real queues hold some praise too. */
const THANKS_EVERY = 10;

export interface SeedOptions {
  count: number;
  seed: number;
  /** The instant the mock started; created_at is spread over the 30 days before it. */
  now: number;
}

export function externalId(sequence: number): string {
  return `ext-${String(sequence).padStart(3, '0')}`;
}

/** Deterministic for a given seed and `now`: about 5% deleted, 10% modified and 10% thanks. */
export function generateSeedTickets({ count, seed, now }: SeedOptions): SeedTicket[] {
  const random = seededRandom(seed);
  const sequenceByTenant = new Map<string, number>();
  const tickets: SeedTicket[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = pick(random, SEED_TENANTS);
    const sequence = (sequenceByTenant.get(tenant) ?? 0) + 1;
    sequenceByTenant.set(tenant, sequence);
    const id = externalId(sequence);
    const keyword = pick(random, SEED_KEYWORDS);
    const createdAt = Math.floor(now - random() * SPREAD_MS);
    const modified = random() < MODIFIED_SHARE;
    const updatedAt = modified
      ? createdAt + Math.floor(random() * (now - createdAt)) + 1
      : createdAt;
    tickets.push({
      ticket: {
        id,
        tenant_id: tenant,
        source: pick(random, SOURCES),
        customer_id: `cust-${tenant.slice(-1)}-${String(1 + Math.floor(random() * CUSTOMERS_PER_TENANT)).padStart(3, '0')}`,
        ...(sequence % THANKS_EVERY === 0
          ? {
              subject: `Thanks (${id})`,
              message:
                'Just wanted to say thank you: what I wrote about last week is sorted, and your team was wonderful. Great service!',
            }
          : {
              subject: `Issue ${id}: ${keyword}`,
              message: `This is a message about ${keyword}. `.repeat(3).trim(),
            }),
        created_at: new Date(createdAt).toISOString(),
        updated_at: new Date(Math.min(updatedAt, now)).toISOString(),
        status: pick(random, STATUSES),
      },
      deleted: random() < DELETED_SHARE,
    });
  }
  return tickets;
}
