import { badUserInput, forbidden } from '../errors.js';
import type { Principal } from './principal.js';

/**
 * The one rule of tenant isolation for arguments named `tenantId`: a tenant key works on its
 * own tenant (naming it is optional, naming another is FORBIDDEN with no hint of what exists);
 * an admin key must name the tenant.
 */
export function scopeTenant(caller: Principal, requested: string | null | undefined): string {
  if (!caller.isAdmin) {
    if (requested !== null && requested !== undefined && requested !== caller.tenantId) {
      throw forbidden('This API key is bound to another tenant.');
    }
    return caller.tenantId!;
  }
  if (requested === null || requested === undefined || requested.trim() === '') {
    throw badUserInput('tenantId is required with an admin API key.');
  }
  return requested;
}

/** Whether the caller may see an object of `tenantId` (fetches by id answer null otherwise). */
export function canSeeTenant(caller: Principal, tenantId: string): boolean {
  return caller.isAdmin || caller.tenantId === tenantId;
}
