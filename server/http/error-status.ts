/** HTTP status for each stable API error code; anything unlisted is a 400 when thrown on purpose. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  invalid_input: 400,
  enrollment_code_invalid: 400,
  unauthorized: 401,
  terminal_revoked: 401,
  token_expired: 401,
  token_revoked: 401,
  forbidden: 403,
  reseller_suspended: 403,
  not_found: 404,
  misdirected_request: 421,
  rate_limited: 429,
  card_redeem_locked: 429,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  database_too_new: 500,
  internal_error: 500,
};

/** The HTTP status an AppError code answers with. */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}
