/** A statement and the values it reads as {name:Type} placeholders. */
export interface CompiledQuery {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Collects the values of one statement. Every value a user gave reaches ClickHouse through here
 * (the server substitutes it as a typed literal), so no such value is ever part of the SQL text.
 * Names are generated, types come from the compiler, never from input.
 */
export class Params {
  private readonly values: Record<string, unknown> = {};
  private next = 0;

  add(type: ParamType, value: unknown): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  /** The same value under one name, for the bounds every subquery repeats. */
  named(name: string, type: ParamType, value: unknown): string {
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  get all(): Record<string, unknown> {
    return { ...this.values };
  }
}

export type ParamType =
  | "String"
  | "Array(String)"
  | "Array(Array(String))"
  | "UInt32"
  | "UInt64"
  | "UUID"
  | "DateTime64(3, 'UTC')";

/** The form DateTime64 parameters take: UTC, milliseconds. */
export function clickhouseTimeOf(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}
