/**
 * Pirsch's def_time and mod_time. def_time is when the entity was made; mod_time comes from the row
 * version, which the store sets from the clock in microseconds on every write, so no column is needed.
 */
export function defTimeOf(entity: { created_at: string }): string {
  return entity.created_at;
}

export function modTimeOf(entity: { version: number }): string {
  return new Date(Math.floor(entity.version / 1000)).toISOString();
}
