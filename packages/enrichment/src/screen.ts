/**
 * Screen width buckets (CSS pixels, the value of `screen.width`), upper bounds inclusive:
 *
 *   XS  ≤  415   phones in portrait
 *   S   ≤ 1024   large phones in landscape and tablets
 *   M   ≤ 1280   small laptops
 *   L   ≤ 1919   laptops and common desktops (1366, 1440, 1536, 1600, 1680)
 *   XL  ≤ 2559   full HD (1920) and up to QHD
 *   XXL > 2559   QHD (2560) and wider
 *
 * Buckets instead of exact widths keep the dimension small and the visitor less fingerprintable.
 */
const CLASSES: readonly (readonly [maxWidth: number, screenClass: string])[] = [
  [415, "XS"],
  [1024, "S"],
  [1280, "M"],
  [1919, "L"],
  [2559, "XL"],
];

/** The screen class for a width in CSS pixels; "" when the width is missing or not a real width. */
export function screenClassOf(width: number | undefined): string {
  if (width === undefined || !Number.isFinite(width) || width <= 0) return "";
  for (const [maxWidth, screenClass] of CLASSES) {
    if (width <= maxWidth) return screenClass;
  }
  return "XXL";
}
