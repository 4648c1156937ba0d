// Draws the app's icons (home screen, install prompt, favicon) into client/public/icons/: a white
// house on the brand's brick red, as paths only, so no font and nothing from the network is needed.
// Run after changing the drawing: `npx tsx client/pwa/make-icons.ts`. Not part of the page bundle.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const BRAND = '#9b3d12'; // --brand in styles.css
const OUT = fileURLToPath(new URL('../public/icons/', import.meta.url));

/**
 * The house on a 512 grid: a roof, a wall with a door, and a chimney. `inset` shrinks it towards the
 * centre (a maskable icon keeps its drawing inside the middle 80 %, which launchers may crop to).
 */
function houseSvg(opts: { rounded: boolean; inset: number }): string {
  const s = 1 - opts.inset;
  const t = (256 * opts.inset).toFixed(1);
  const r = opts.rounded ? 96 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${r}" fill="${BRAND}"/>
  <g transform="translate(${t} ${t}) scale(${s.toFixed(3)})" fill="#fff">
    <path d="M336 112h44v78l-44-36z"/>
    <path d="M256 92 440 246a14 14 0 0 1-18 22l-18-15v159a16 16 0 0 1-16 16H124a16 16 0 0 1-16-16V253l-18 15a14 14 0 0 1-18-22z"/>
    <path fill="${BRAND}" d="M220 428V330a12 12 0 0 1 12-12h48a12 12 0 0 1 12 12v98z"/>
    <path fill="${BRAND}" d="M150 272h52v48h-52zM310 272h52v48h-52z"/>
  </g>
</svg>
`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const plain = houseSvg({ rounded: true, inset: 0.12 });
  const maskable = houseSvg({ rounded: false, inset: 0.22 });
  writeFileSync(`${OUT}icon.svg`, plain);
  const png = (svg: string, size: number, name: string) =>
    sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toFile(`${OUT}${name}`);
  await png(plain, 192, 'icon-192.png');
  await png(plain, 512, 'icon-512.png');
  await png(maskable, 512, 'maskable-512.png');
  // iOS rounds the corners itself and shows transparency as black: a square, full-bleed tile.
  await png(houseSvg({ rounded: false, inset: 0.12 }), 180, 'apple-touch-icon.png');
}

await main();
