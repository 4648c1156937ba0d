// The plate behind a warning zone's name: a white rounded box stretched to the text (icon-text-fit),
// so the name stays readable over the houses and cluster counts drawn in the zone. Drawn here, at
// runtime, rather than loaded: the map uses no sprite and fetches nothing.
import type { Map as MaplibreMap } from 'maplibre-gl';

export const LABEL_PLATE = 'label-plate';

const PX = 2; // device pixels per CSS pixel of the image
const SIZE = 16 * PX;
const RADIUS = 4 * PX;
const BORDER = 1 * PX;

function drawPlate(): ImageData | null {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const inset = BORDER / 2;
  ctx.beginPath();
  ctx.roundRect(inset, inset, SIZE - BORDER, SIZE - BORDER, RADIUS);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fill();
  ctx.lineWidth = BORDER;
  ctx.strokeStyle = 'rgba(31, 41, 55, 0.35)';
  ctx.stroke();
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/**
 * Supplies the plate the first time a layer asks for it, through MapLibre's missing-image resolver.
 * MapLibre 6 asks the resolver first and fires `styleimagemissing` only for an image still missing
 * after it, having already warned "Image "label-plate" could not be loaded": answering that event, as
 * before, drew the plate but left the warning on every page with a warning zone.
 */
export function provideLabelPlate(map: MaplibreMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (id !== LABEL_PLATE || map.hasImage(LABEL_PLATE)) return;
    const data = drawPlate();
    if (!data) return;
    const edge = RADIUS + BORDER;
    map.addImage(LABEL_PLATE, data, {
      pixelRatio: PX,
      stretchX: [[edge, SIZE - edge]],
      stretchY: [[edge, SIZE - edge]],
      content: [edge, edge, SIZE - edge, SIZE - edge],
    });
  });
}
