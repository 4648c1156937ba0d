// The county's own basemap, served layer by layer at /api/basemap/:layer and drawn by every map as one
// source each: boundaries (county, townships, villages), rivers, roads and the label points.
export const BASEMAP_LAYERS = ['county', 'townships', 'villages', 'rivers', 'roads', 'labels'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];
