export interface TokenSizeResult {
  /** What goes on the wire as the credential: cookie `sid=…` or `Authorization: Bearer …`. */
  credentialKind: 'cookie' | 'bearer';
  credentialBytes: number;
  requestHeaderBytes: number;
  /** credentialBytes × 1e6, in megabytes. */
  megabytesPerMillionRequests: number;
  /** Decoded JWT header+payload (jwt mode) so a class can see what is inside. */
  decoded?: { header: Record<string, unknown>; payload: Record<string, unknown> };
}
