// The API definition (conformance class oas30) served at /ogc/api: every path of this API, per
// collection, so a client reading it — GDAL takes its page size from `limit`'s maximum — finds the
// same bounds the server applies (params.ts).
import { COLLECTION_IDS, COLLECTIONS } from './collections.ts';
import { GEOJSON, HTML_TYPE, JSON_TYPE } from './documents.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.ts';

const SCHEMAS = 'https://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas';

// `f` and `offset` leave `style`/`explode` to their defaults: QGIS takes every other form/non-exploded
// query parameter of an items path for a property it may filter on (a "simple queryable").
const f = {
  name: 'f',
  in: 'query',
  description: 'The format of the answer: json (GeoJSON for features) or html. Without it, the Accept header decides; JSON by default.',
  required: false,
  schema: { type: 'string', enum: ['json', 'html'] },
};

/** The items parameters, once: GDAL and QGIS read `limit`'s bounds from components.parameters.limit. */
const parameters = {
  bbox: {
    name: 'bbox',
    in: 'query',
    description: 'minLon,minLat,maxLon,maxLat in CRS84 (six numbers with heights accepted, heights ignored). A box across the antimeridian is refused.',
    required: false,
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
    style: 'form',
    explode: false,
  },
  datetime: {
    name: 'datetime',
    in: 'query',
    description:
      'An RFC 3339 instant or interval (.. for an open end). Alerts: intersected with effectiveAt … expiresAt (or cancelledAt); tasks: with createdAt … dueAt; ' +
      'households and regions have no temporal property, so every feature is selected.',
    required: false,
    schema: { type: 'string' },
    style: 'form',
    explode: false,
  },
  limit: {
    name: 'limit',
    in: 'query',
    description: `Features per page: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT} (a larger value answers ${MAX_LIMIT}).`,
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    style: 'form',
    explode: false,
  },
  offset: {
    name: 'offset',
    in: 'query',
    description: 'Features to skip (the `next` link carries it).',
    required: false,
    schema: { type: 'integer', minimum: 0, default: 0 },
  },
  f,
};
const ref = (name: keyof typeof parameters) => ({ $ref: `#/components/parameters/${name}` });
const itemsParameters = [ref('bbox'), ref('datetime'), ref('limit'), ref('offset'), ref('f')];

const errors = {
  '400': { description: 'A parameter is unknown or its value invalid: `{ error: { code, message, field } }` naming it.' },
  '401': { description: 'No, or an invalid, expired or revoked API token (`token_invalid`, `token_expired`, `token_revoked`).' },
};

const answer = (description: string, jsonType: string, schema: string) => ({
  description,
  content: { [jsonType]: { schema: { $ref: `${SCHEMAS}/${schema}` } }, [HTML_TYPE]: { schema: { type: 'string' } } },
});

export function openApiDocument(root: string) {
  const paths: Record<string, unknown> = {
    '/': { get: { tags: ['Capabilities'], summary: 'Landing page', operationId: 'getLandingPage', parameters: [ref('f')], responses: { '200': answer('The landing page', JSON_TYPE, 'landingPage.yaml'), ...errors } } },
    '/conformance': {
      get: { tags: ['Capabilities'], summary: 'Conformance classes', operationId: 'getConformance', parameters: [ref('f')], responses: { '200': answer('The conformance classes', JSON_TYPE, 'confClasses.yaml'), ...errors } },
    },
    '/collections': {
      get: { tags: ['Capabilities'], summary: 'The feature collections', operationId: 'getCollections', parameters: [ref('f')], responses: { '200': answer('The collections', JSON_TYPE, 'collections.yaml'), ...errors } },
    },
  };
  for (const id of COLLECTION_IDS) {
    const c = COLLECTIONS[id];
    paths[`/collections/${id}`] = {
      get: { tags: [id], summary: `Describe ${c.title}`, operationId: `describe_${id}`, parameters: [ref('f')], responses: { '200': answer(c.description, JSON_TYPE, 'collection.yaml'), ...errors } },
    };
    paths[`/collections/${id}/items`] = {
      get: {
        tags: [id],
        summary: `Features of ${c.title}`,
        operationId: `getFeatures_${id}`,
        parameters: itemsParameters,
        responses: { '200': answer('A page of features, with next/prev links', GEOJSON, 'featureCollectionGeoJSON.yaml'), ...errors },
      },
    };
    paths[`/collections/${id}/items/{featureId}`] = {
      get: {
        tags: [id],
        summary: `One feature of ${c.title}`,
        operationId: `getFeature_${id}`,
        parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, ref('f')],
        responses: { '200': answer('The feature', GEOJSON, 'featureGeoJSON.yaml'), '404': { description: 'No such feature in your jurisdiction' }, ...errors },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '安居 Anju — OGC API – Features',
      version: '1.0.0',
      description: 'Read-only access to the monitored households, alerts, regions and patrol tasks of your jurisdiction. Authenticate with a personal API token (Authorization: Bearer).',
    },
    servers: [{ url: root }],
    security: [{ bearerToken: [] }],
    components: { parameters, securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token from 我的账户 / My account (anju_…).' } } },
    paths,
  };
}
