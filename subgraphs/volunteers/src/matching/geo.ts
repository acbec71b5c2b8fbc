export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Mean Earth radius (IUGG), and so the km of one degree of latitude. */
const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;

/** Great-circle distance in km (haversine): what a candidate is shown. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * What SQL uses instead: km per degree of longitude at the ticket's latitude, for an
 * equirectangular distance that needs no trigonometry per row and differs from the great circle
 * by far less than a metre over a county.
 */
export const kmPerDegreeOfLongitude = (latitude: number): number => KM_PER_DEGREE * Math.max(Math.cos((latitude * Math.PI) / 180), 1e-6);
