export type EnrichmentErrorCode = "invalid_url";

/** A hit that cannot be enriched at all; the consumer sends it to the dead-letter topic rather than retrying. */
export class EnrichmentError extends Error {
  override readonly name = "EnrichmentError";

  constructor(
    readonly code: EnrichmentErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
