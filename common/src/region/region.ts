/**
 * Chinese administrative division codes: province 2 digits, city 2, county 2, township 3, village 3.
 * A code padded with zeros names a higher-level area: 320581000000 is the county 320581.
 */
export const REGION_CODE = /^\d{12}$/;
export const REGION_PREFIX = /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/;

/** The significant prefix of a code: the digits that name its area, without the zero padding. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000000000')) return code.slice(0, 2);
  if (code.endsWith('00000000')) return code.slice(0, 4);
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

/** Whether the area `code` lies within the area `container`. */
export function isWithinRegion(code: string, container: string): boolean {
  return code.startsWith(regionPrefix(container));
}
