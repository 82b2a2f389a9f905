/** A cell as JSON responses have them; objects are flattened into "parent.child" columns. */
type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [key: string]: Value };

// Spreadsheets run a cell starting with these as a formula; visitors choose paths, titles and
// referrers, so such text gets a leading apostrophe (OWASP's advice for CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function flatten(value: Value, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === "" ? key : `${prefix}.${key}`, out);
    return;
  }
  out.set(prefix, textOf(value));
}

function textOf(value: Value): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(textOf).join(";");
  if (typeof value === "string") return FORMULA_START.test(value) ? `'${value}` : value;
  return String(value);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function fieldOf(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV (RFC 4180, CRLF line ends) of JSON-shaped rows: one column per field in order of first
 * appearance, nested objects as "parent.child", arrays joined with ";", null as empty.
 */
export function csvOf(rows: readonly Value[]): string {
  const flat = rows.map((row) => {
    const out = new Map<string, string>();
    flatten(row, "", out);
    return out;
  });
  const columns = [...new Set(flat.flatMap((row) => [...row.keys()]))];
  if (columns.length === 0) return "";
  const lines = [columns, ...flat.map((row) => columns.map((column) => row.get(column) ?? ""))];
  return lines.map((cells) => cells.map(fieldOf).join(",")).join("\r\n").concat("\r\n");
}
