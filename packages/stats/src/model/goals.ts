import { z } from "zod";

const text = z.string().min(1).max(512);

/**
 * A conversion goal: page views whose path matches `path_pattern`, or events named `event_name`,
 * optionally only those whose metadata `meta_key` has `meta_value` (or merely exists).
 *
 * path_pattern is a glob over the whole path, chosen over regular expressions because people
 * write goals: `*` matches within one path segment, `**` across segments, everything else is literal.
 * "/blog/*" matches "/blog/a" but not "/blog/a/b"; "/docs/**" matches both.
 */
export const goal = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    path_pattern: z.string().min(1).max(512).startsWith("/").optional(),
    event_name: text.optional(),
    meta_key: z.string().min(1).max(100).optional(),
    meta_value: text.optional(),
  })
  .strict()
  .refine((g) => (g.path_pattern === undefined) !== (g.event_name === undefined), {
    error: "a goal needs exactly one of path_pattern and event_name",
  })
  .refine((g) => g.meta_value === undefined || g.meta_key !== undefined, { error: "meta_value needs meta_key", path: ["meta_key"] })
  .refine((g) => g.meta_key === undefined || g.event_name !== undefined, { error: "meta_key applies to event goals", path: ["meta_key"] });

export const goals = z.array(goal).min(1).max(50);

export type Goal = z.infer<typeof goal>;
export type GoalInput = z.input<typeof goal>;

/** The RE2 expression a glob stands for, anchored at both ends; the result is sent as a parameter. */
export function regexOfGlob(glob: string): string {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") {
      out += "[^/]*";
    } else {
      out += /[\\^$.|?+()[\]{}]/.test(c) ? `\\${c}` : c;
    }
  }
  return `${out}$`;
}
