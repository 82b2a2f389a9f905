import { ConflictError, NotFoundError } from "@pulse/metadata";
import { fieldProblemsOf, ValidationError } from "@pulse/service";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";

/** Store errors as HTTP answers: a missing entity is 404, a conflicting write 409, a bad value 400. */
export async function storeErrorsAsHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new HTTPException(404, { message: error.message });
    if (error instanceof ConflictError) throw new HTTPException(409, { message: error.message });
    if (error instanceof z.ZodError) throw new ValidationError("Invalid request", fieldProblemsOf(error));
    throw error;
  }
}
