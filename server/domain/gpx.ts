// GPX 1.1 of a patrol route: the committee, the stops in order, and back — for any GPS app.

const esc = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function routeGpx(
  task: { id: number; villageName: string; start: [number, number] },
  stops: readonly { seq: number; lon: number; lat: number; householdNo: string; headName: string }[],
): string {
  const pt = (tag: string, lon: number, lat: number, name: string) =>
    `    <${tag} lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"><name>${esc(name)}</name></${tag}>`;
  const [lon0, lat0] = task.start;
  const name = `${task.villageName} 巡查路线 #${task.id}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Anju" xmlns="http://www.topografix.com/GPX/1/1">',
    `  <metadata><name>${esc(name)}</name></metadata>`,
    ...stops.map((s) => pt('wpt', s.lon, s.lat, `${s.seq}. ${s.householdNo}`).replace(/^ {4}/, '  ')),
    '  <rte>',
    `    <name>${esc(name)}</name>`,
    pt('rtept', lon0, lat0, '村委会'),
    ...stops.map((s) => pt('rtept', s.lon, s.lat, `${s.seq}. ${s.householdNo}`)),
    pt('rtept', lon0, lat0, '村委会'),
    '  </rte>',
    '</gpx>',
    '',
  ].join('\n');
}
