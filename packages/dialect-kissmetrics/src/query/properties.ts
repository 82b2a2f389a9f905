import { ValidationError } from "@pulse/service";
import { decodeId, ID_KINDS } from "../http/ids.js";
import { isBuiltInField, type PropertyRef } from "../model/properties.js";

/**
 * The property a segment or filter names: a property id from /core/properties, or a name. A name
 * is a built-in property when there is one by that name, else an event metadata key (a tag key is
 * reached by its id). Nothing is looked up: a key the product never saw simply matches no hits.
 */
export function propertyRefOf(siteId: string, nameOrId: string, field: string): PropertyRef {
  const id = decodeId(nameOrId);
  if (id !== undefined) {
    const kind = id.kind === ID_KINDS.builtInProperty ? "built_in" : id.kind === ID_KINDS.metaProperty ? "meta" : id.kind === ID_KINDS.tagProperty ? "tag" : undefined;
    if (kind !== undefined) {
      if (id.siteId !== siteId) throw new ValidationError("Invalid query parameters", [{ field, message: "a property of another product" }]);
      if (kind === "built_in") {
        if (!isBuiltInField(id.key)) throw new ValidationError("Invalid query parameters", [{ field, message: "no such property" }]);
        return { kind, key: id.key };
      }
      return { kind, key: id.key };
    }
  }
  return isBuiltInField(nameOrId) ? { kind: "built_in", key: nameOrId } : { kind: "meta", key: nameOrId };
}
