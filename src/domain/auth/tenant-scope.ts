import { UserErrorCode, type UserError } from '../user-error.js';
import type { Principal } from './principal.js';

export type TenantScope = { ok: true; tenantId: string } | { ok: false; error: UserError };

/**
 * The one rule of tenant isolation for arguments named `tenantId`: a tenant key works on its
 * own tenant (naming it is optional, naming another is FORBIDDEN with no hint of what exists);
 * an admin key must name the tenant. TenantService adds that the tenant must exist, and
 * throws the refusal for reads.
 */
export function tenantScope(caller: Principal, requested: string | null | undefined): TenantScope {
  const named = requested !== null && requested !== undefined && requested.trim() !== '';
  if (!caller.isAdmin) {
    if (caller.tenantId === null || (named && requested !== caller.tenantId)) {
      return refusal(UserErrorCode.FORBIDDEN, 'This API key is bound to another tenant.');
    }
    return { ok: true, tenantId: caller.tenantId };
  }
  if (!named) {
    return refusal(UserErrorCode.INVALID_INPUT, 'tenantId is required with an admin API key.');
  }
  return { ok: true, tenantId: requested };
}

/** Whether the caller may see an object of `tenantId` (fetches by id answer null otherwise). */
export function canSeeTenant(caller: Principal, tenantId: string): boolean {
  return caller.isAdmin || caller.tenantId === tenantId;
}

function refusal(code: UserErrorCode, message: string): TenantScope {
  return { ok: false, error: { code, message, field: ['tenantId'] } };
}
