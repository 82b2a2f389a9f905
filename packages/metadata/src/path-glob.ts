/**
 * Goal path patterns: globs over the URL path in the form events store it (percent-decoded,
 * without a trailing slash, "/" for the root; see @pulse/enrichment).
 *
 * - `*` matches any run of characters except "/", the empty run included: "/blog/*" matches
 *   "/blog/post" but neither "/blog/2024/post" nor "/blog".
 * - `**` matches any run of characters, "/" included: "/docs/**" matches "/docs/a" and
 *   "/docs/a/b"; "/**" matches every path.
 * - Every other character matches itself, case-sensitively. The whole path must match.
 *
 * A valid pattern starts with "/", is at most PATH_GLOB_MAX_LENGTH characters, has no control
 * characters, no "?" or "#" (the query and fragment are not part of the path) and no more than
 * two "*" in a row. normalizePathGlob brings a pattern into the stored paths' form first.
 */
export const PATH_GLOB_MAX_LENGTH = 1000;

/** Trims, decodes percent-escapes (as stored paths are) and drops trailing slashes except the root's. */
export function normalizePathGlob(text: string): string {
  let pattern = text.trim();
  if (pattern.includes("%")) {
    try {
      pattern = decodeURIComponent(pattern);
    } catch {
      // Malformed escapes stay as written, as they do in stored paths.
    }
  }
  let end = pattern.length;
  while (end > 1 && pattern[end - 1] === "/") end--;
  return pattern.slice(0, end);
}

const isControl = (code: number) => code < 0x20 || code === 0x7f;

/** Why the (normalized) pattern is not a valid glob, or undefined when it is. */
export function pathGlobProblem(pattern: string): string | undefined {
  if (!pattern.startsWith("/")) return 'must start with "/", e.g. /blog/*';
  if (pattern.length > PATH_GLOB_MAX_LENGTH) return `must be at most ${PATH_GLOB_MAX_LENGTH} characters`;
  if (pattern.includes("?") || pattern.includes("#")) return "must not contain ? or #: goals match the path only, without query or fragment";
  if (pattern.includes("***")) return 'must not have more than two "*" in a row (* is one path segment, ** anything)';
  for (let i = 0; i < pattern.length; i++) {
    if (isControl(pattern.charCodeAt(i))) return "must not contain control characters";
  }
  return undefined;
}

const SPECIAL = new Set(["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]);

/**
 * An anchored regular expression equivalent to the glob, valid both in JavaScript and in RE2, so
 * ClickHouse's match(path, ...) and compilePathGlob agree. Pass it as a query parameter, never
 * spliced into SQL.
 */
export function pathGlobToRegExpSource(pattern: string): string {
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        // [\s\S] rather than ".": a decoded path may hold a newline, which "." skips in both engines.
        source += "[\\s\\S]*";
        i++;
      } else {
        source += "[^/]*";
      }
    } else {
      source += SPECIAL.has(char) ? `\\${char}` : char;
    }
  }
  return `${source}$`;
}

/** The glob as a JavaScript RegExp; the pattern is expected to be valid (see pathGlobProblem). */
export function compilePathGlob(pattern: string): RegExp {
  return new RegExp(pathGlobToRegExpSource(pattern));
}
