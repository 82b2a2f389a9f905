const names = new Intl.DisplayNames(["en"], { type: "region" });

/** Kindmetrics shows countries by their English name; we store ISO 3166-1 alpha-2 codes. */
export function countryNameOf(code: string): string {
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    // Not a well-formed region code: show what is stored.
    return code;
  }
}
