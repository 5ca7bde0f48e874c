// Test support: projections written out from EPSG Guidance Note 7-2, to check the exports' reprojection independently of proj4.

const rad = Math.PI / 180;
const arcSecond = rad / 3600;

interface Ellipsoid {
  a: number;
  f: number;
}

export const wgs84: Ellipsoid = { a: 6378137, f: 1 / 298.257223563 };
export const grs80: Ellipsoid = { a: 6378137, f: 1 / 298.257222101 };
export const international1924: Ellipsoid = { a: 6378388, f: 1 / 297 };

/** Spherical ("Popular Visualisation") Pseudo-Mercator, EPSG:3857. */
export function webMercator(lon: number, lat: number): [number, number] {
  return [wgs84.a * lon * rad, wgs84.a * Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2))];
}

/** Lambert Conic Conformal (2SP), EPSG method 9802; angles in degrees. */
export function lambertConformal2sp(
  ellipsoid: Ellipsoid,
  p: { lat1: number; lat2: number; latF: number; lonF: number; eastingF: number; northingF: number },
  lon: number,
  lat: number,
): [number, number] {
  const e = Math.sqrt(ellipsoid.f * (2 - ellipsoid.f));
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - e * e * Math.sin(phi) ** 2);
  const t = (phi: number) => Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);
  const [phi1, phi2, phiF] = [p.lat1 * rad, p.lat2 * rad, p.latF * rad];
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const F = m(phi1) / (n * t(phi1) ** n);
  const r = (phi: number) => (Math.abs(phi - Math.PI / 2) < 1e-12 ? 0 : ellipsoid.a * F * t(phi) ** n);
  const theta = n * (lon - p.lonF) * rad;
  return [p.eastingF + r(lat * rad) * Math.sin(theta), p.northingF + r(phiF) - r(lat * rad) * Math.cos(theta)];
}

function toGeocentric(ellipsoid: Ellipsoid, lon: number, lat: number): [number, number, number] {
  const e2 = ellipsoid.f * (2 - ellipsoid.f);
  const [phi, lambda] = [lat * rad, lon * rad];
  const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return [nu * Math.cos(phi) * Math.cos(lambda), nu * Math.cos(phi) * Math.sin(lambda), nu * (1 - e2) * Math.sin(phi)];
}

function toGeographic(ellipsoid: Ellipsoid, [x, y, z]: [number, number, number]): [number, number] {
  const e2 = ellipsoid.f * (2 - ellipsoid.f);
  const p = Math.hypot(x, y);
  let phi = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    phi = Math.atan2(z + e2 * nu * Math.sin(phi), p);
  }
  return [Math.atan2(y, x) / rad, phi / rad];
}

/**
 * WGS 84 to BD72 geographic: EPSG transformation 15929 (BD72 to WGS 84 (3), Coordinate Frame rotation), applied in
 * reverse by solving its linear system exactly rather than by negating the parameters.
 */
export function wgs84ToBd72(lon: number, lat: number): [number, number] {
  const [tx, ty, tz] = [-106.8686, 52.2978, -103.7239];
  // Coordinate Frame rotations as EPSG publishes them.
  const [rx, ry, rz] = [-0.3366 * arcSecond, 0.457 * arcSecond, -1.8422 * arcSecond];
  const k = 1 + -1.2747e-6;
  // Forward (BD72 → WGS 84): W = T + k·M·B, with M the Coordinate Frame matrix.
  const M = [
    [1, rz, -ry],
    [-rz, 1, rx],
    [ry, -rx, 1],
  ];
  const [wx, wy, wz] = toGeocentric(wgs84, lon, lat);
  const b = [(wx - tx) / k, (wy - ty) / k, (wz - tz) / k];
  // Solve M·B = b by Cramer's rule.
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(M);
  const column = (i: number) => det(M.map((row, r) => row.map((v, c) => (c === i ? b[r] : v))));
  return toGeographic(international1924, [column(0) / d, column(1) / d, column(2) / d]);
}

export const belgianLambert72 = { lat1: 51.16666723333333, lat2: 49.8333339, latF: 90, lonF: 4.367486666666666, eastingF: 150000.013, northingF: 5400088.438 };
export const belgianLambert2008 = { lat1: 49.83333333333334, lat2: 51.16666666666666, latF: 50.797815, lonF: 4.359215833333333, eastingF: 649328, northingF: 665262 };

/** EPSG:31370 from WGS 84: the datum shift to BD72, then the Lambert projection on the International 1924 ellipsoid. */
export function toLambert72(lon: number, lat: number): [number, number] {
  const [bdLon, bdLat] = wgs84ToBd72(lon, lat);
  return lambertConformal2sp(international1924, belgianLambert72, bdLon, bdLat);
}

/** EPSG:3812 from WGS 84 (ETRS89 taken as equal to WGS 84, as the export does). */
export function toLambert2008(lon: number, lat: number): [number, number] {
  return lambertConformal2sp(grs80, belgianLambert2008, lon, lat);
}
