import type { TestGateway } from './gateway.js';

/** A ticket in the provider's wire format that the classifier rates HIGH (a legal threat). */
export function highProviderTicket(
  tenantId: string,
  id: string,
  options: { status?: 'open' | 'pending' | 'closed'; ageMs?: number } = {},
) {
  const at = new Date(Date.now() - (options.ageMs ?? 0)).toISOString();
  return {
    id,
    tenant_id: tenantId,
    source: 'email',
    customer_id: `cust-${id}`,
    subject: 'Legal action',
    message: 'My lawyer will call you tomorrow about the data you leaked.',
    created_at: at,
    updated_at: at,
    status: options.status ?? 'open',
  };
}

/** Successful deliveries the mock counted for one ticket. */
export function deliveriesOf(t: TestGateway, tenantId: string, id: string): number {
  return t.mock.notify.deliveries()[`${tenantId}/${id}`] ?? 0;
}
