// The coordinate systems geo exports can be written in: proj4 definitions and ESRI WKT, bundled so nothing is fetched.

export interface CrsDefinition {
  name: string;
  /** proj4 string; the datum shift to WGS84 is EPSG's default transformation for the datum. */
  proj4: string;
  /** ESRI-flavoured WKT 1, as a shapefile's .prj carries it. */
  wkt: string;
}

const wgs84 = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const etrs89 = 'GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const bd72 = 'GEOGCS["GCS_Belge_1972",DATUM["D_Belge_1972",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const projected = (name: string, geographic: string, projection: string, parameters: Record<string, number>) =>
  `PROJCS["${name}",${geographic},PROJECTION["${projection}"],${Object.entries(parameters)
    .map(([k, v]) => `PARAMETER["${k}",${Number.isInteger(v) ? v.toFixed(1) : v}]`)
    .join(',')},UNIT["Meter",1.0]]`;

const utm31 = { False_Easting: 500000, False_Northing: 0, Central_Meridian: 3, Scale_Factor: 0.9996, Latitude_Of_Origin: 0 };

export const crsDefinitions: Record<number, CrsDefinition> = {
  4326: { name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', wkt: wgs84 },
  3857: {
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    wkt: projected('WGS_1984_Web_Mercator_Auxiliary_Sphere', wgs84, 'Mercator_Auxiliary_Sphere', {
      False_Easting: 0,
      False_Northing: 0,
      Central_Meridian: 0,
      Standard_Parallel_1: 0,
      Auxiliary_Sphere_Type: 0,
    }),
  },
  31370: {
    name: 'BD72 / Belgian Lambert 72',
    // EPSG transformation 15929 (BD72 to WGS 84 (3)), the one Belgian agencies use; about 1 m.
    proj4:
      '+proj=lcc +lat_0=90 +lon_0=4.36748666666667 +lat_1=51.1666672333333 +lat_2=49.8333339 +x_0=150000.013 +y_0=5400088.438 +ellps=intl +towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747 +units=m +no_defs',
    wkt: projected('Belge_Lambert_1972', bd72, 'Lambert_Conformal_Conic', {
      False_Easting: 150000.013,
      False_Northing: 5400088.438,
      Central_Meridian: 4.367486666666666,
      Standard_Parallel_1: 49.8333339,
      Standard_Parallel_2: 51.16666723333333,
      Latitude_Of_Origin: 90,
    }),
  },
  3812: {
    name: 'ETRS89 / Belgian Lambert 2008',
    proj4:
      '+proj=lcc +lat_0=50.797815 +lon_0=4.35921583333333 +lat_1=49.8333333333333 +lat_2=51.1666666666667 +x_0=649328 +y_0=665262 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    wkt: projected('ETRS_1989_Belgian_Lambert_2008', etrs89, 'Lambert_Conformal_Conic', {
      False_Easting: 649328,
      False_Northing: 665262,
      Central_Meridian: 4.359215833333333,
      Standard_Parallel_1: 49.83333333333334,
      Standard_Parallel_2: 51.16666666666666,
      Latitude_Of_Origin: 50.797815,
    }),
  },
  4258: { name: 'ETRS89', proj4: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs', wkt: etrs89 },
  3035: {
    name: 'ETRS89-extended / LAEA Europe',
    proj4: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    wkt: projected('ETRS_1989_LAEA', etrs89, 'Lambert_Azimuthal_Equal_Area', {
      False_Easting: 4321000,
      False_Northing: 3210000,
      Central_Meridian: 10,
      Latitude_Of_Origin: 52,
    }),
  },
  25831: {
    name: 'ETRS89 / UTM zone 31N',
    proj4: '+proj=utm +zone=31 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    wkt: projected('ETRS_1989_UTM_Zone_31N', etrs89, 'Transverse_Mercator', utm31),
  },
  32631: {
    name: 'WGS 84 / UTM zone 31N',
    proj4: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs',
    wkt: projected('WGS_1984_UTM_Zone_31N', wgs84, 'Transverse_Mercator', utm31),
  },
};
