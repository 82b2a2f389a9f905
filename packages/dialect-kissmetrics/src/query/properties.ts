import { ValidationError } from "@pulse/service";
import { decodeId, ID_KINDS } from "../http/ids.js";
import { isBuiltInField, type PropertyRef, propertyRefOfId } from "../model/properties.js";

const PROPERTY_KINDS = new Set<string>([ID_KINDS.builtInProperty, ID_KINDS.metaProperty, ID_KINDS.tagProperty]);

/**
 * The property a segment or filter names: a property id from /core/properties, or a name. A name
 * is a built-in property when there is one by that name, else an event metadata key (a tag key is
 * reached by its id). Nothing is looked up: a key the product never saw simply matches no hits.
 */
export function propertyRefOf(siteId: string, nameOrId: string, field: string): PropertyRef {
  const id = decodeId(nameOrId);
  if (id !== undefined && PROPERTY_KINDS.has(id.kind)) {
    const refused = (message: string) => new ValidationError("Invalid query parameters", [{ field, message }]);
    if (id.siteId !== siteId) throw refused("a property of another product");
    const ref = propertyRefOfId(id);
    if (ref === undefined) throw refused("no such property");
    return ref;
  }
  return isBuiltInField(nameOrId) ? { kind: "built_in", key: nameOrId } : { kind: "meta", key: nameOrId };
}
