/** A query the engine refuses or cannot answer as asked: a client error (HTTP 400), never a server fault. */
export class StatsQueryError extends Error {
  override readonly name = "StatsQueryError";

  constructor(
    message: string,
    /** Where in the query the problem is, as zod reports paths. */
    readonly path: (string | number)[] = [],
  ) {
    super(message);
  }
}
