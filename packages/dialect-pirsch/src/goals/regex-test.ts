import type { ClickHouseClient } from "@pulse/clickhouse";

export type RegexTestResult = { valid: true; match: boolean } | { valid: false; problem: string };

/** ClickHouse's regex optimizer takes a trailing lone backslash as matching everything where RE2 refuses it. */
const UNFINISHED_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\$/;

/**
 * The optimizer also skips a ")" that closes nothing ("a)b" matches "abc") where RE2 and Go refuse
 * it, so parentheses are counted here, outside escapes and character classes.
 */
function unbalancedParenthesis(regex: string): string | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i];
    if (char === "\\") i++;
    else if (inClass) inClass = char !== "]";
    else if (char === "[") {
      inClass = true;
      // A "]" right after "[" or "[^" is a literal member of the class.
      if (regex[i + 1] === "^") i++;
      if (regex[i + 1] === "]") i++;
    } else if (char === "(") depth++;
    else if (char === ")" && --depth < 0) return "unexpected )";
  }
  return undefined;
}

/**
 * Whether `regex` compiles and matches `sample`, decided by ClickHouse's match(): RE2, the engine
 * the statistics use for patterns and Pirsch itself uses (Go's regexp), so "(?i)" and friends mean
 * the same here as there, and no expression can backtrack catastrophically. Both values travel as
 * query parameters.
 */
export async function testRegex(clickhouse: ClickHouseClient, regex: string, sample: string): Promise<RegexTestResult> {
  if (UNFINISHED_ESCAPE.test(regex)) return { valid: false, problem: "trailing \\ (an unfinished escape)" };
  const unbalanced = unbalancedParenthesis(regex);
  if (unbalanced) return { valid: false, problem: unbalanced };
  try {
    const result = await clickhouse.query({
      query: "SELECT match({sample:String}, {regex:String}) AS matched",
      query_params: { regex, sample },
      format: "JSONEachRow",
    });
    const [row] = await result.json<{ matched: number }>();
    return { valid: true, match: Number(row?.matched) === 1 };
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    if (type !== "CANNOT_COMPILE_REGEXP") throw error;
    const message = (error as Error).message;
    return { valid: false, problem: /error: (.*?)(?:\. Look at|$)/.exec(message)?.[1] ?? "cannot compile" };
  }
}
