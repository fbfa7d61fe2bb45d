/** Who is calling: the API key a request authenticated with. */
export interface Principal {
  keyId: string;
  keyName: string;
  /** The tenant the key is bound to; null for an admin key. */
  tenantId: string | null;
  isAdmin: boolean;
  /** Only operations of the trusted-documents manifest may run with this key. */
  trustedDocumentsOnly?: boolean;
}
