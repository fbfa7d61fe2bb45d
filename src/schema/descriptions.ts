/** Descriptions shared by many arguments, so that each reads the same everywhere. */
export const ARG = {
  tenantId:
    'The tenant: required with an admin key; a tenant key may omit it (or name its own tenant). An unknown tenant is UNKNOWN_TENANT.',
  input: 'What to do; each field is described on the input type.',
} as const;
