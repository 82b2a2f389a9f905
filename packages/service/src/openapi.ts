import { z } from "zod";

export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Hono-style path: `/sites/:id` is documented as `/sites/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** The scope a token needs; omitted for public operations. */
  scope?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Status of the success response (default 200). */
  status?: number;
}

const ERROR = {
  description: "Error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          error: { type: "string" },
          fields: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
        },
        required: ["error"],
      },
    },
  },
};

const jsonSchemaOf = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });

/**
 * Collects the operations routes declare with the same zod schemas that validate them, and renders
 * an OpenAPI 3.1 document from them, so the documentation cannot drift from the checks.
 */
export class OpenApiRegistry {
  private readonly operations: ApiOperation[] = [];

  add(operation: ApiOperation): void {
    this.operations.push(operation);
  }

  list(): readonly ApiOperation[] {
    return this.operations;
  }

  document(info: { title: string; version: string; description?: string }) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.operations) {
      const path = op.path.replace(/:([A-Za-z_]+)/g, "{$1}");
      const pathParams = [...op.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      }));
      const queryParams = op.query
        ? Object.entries(op.query.shape).map(([name, schema]) => ({
            name,
            in: "query",
            required: !(schema as z.ZodType).safeParse(undefined).success,
            schema: jsonSchemaOf(schema as z.ZodType, "input"),
          }))
        : [];
      const status = String(op.status ?? 200);
      paths[path] ??= {};
      paths[path][op.method] = {
        summary: op.summary,
        tags: [op.tag],
        operationId: `${op.method}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`,
        ...(op.scope ? { security: [{ bearer: [] }], description: `Requires the \`${op.scope}\` scope.` } : {}),
        ...(pathParams.length + queryParams.length > 0 ? { parameters: [...pathParams, ...queryParams] } : {}),
        ...(op.body
          ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(op.body, "input") } } } }
          : {}),
        responses: {
          [status]: {
            description: "Success",
            ...(op.response ? { content: { "application/json": { schema: jsonSchemaOf(op.response, "output") } } } : {}),
          },
          "400": ERROR,
          ...(op.scope ? { "401": ERROR, "403": ERROR, "429": ERROR } : {}),
        },
      };
    }
    return {
      openapi: "3.1.0",
      info,
      jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      paths,
    };
  }
}
