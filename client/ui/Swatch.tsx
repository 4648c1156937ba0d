/** A map symbol in the legend: a filled circle with an optional ring and outer ring, drawn like the map draws it. */
export function Swatch(props: { fill: string; ring?: { color: string; width: number }; outer?: string; size?: number; dim?: boolean }) {
  const size = props.size ?? 20;
  const c = size / 2;
  const ringW = props.ring?.width ?? 0;
  const r = props.outer ? size * 0.26 : size * 0.32;
  return (
    <svg className="swatch" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" opacity={props.dim ? 0.35 : 1}>
      {props.outer && <circle cx={c} cy={c} r={r + ringW + 3} fill="none" stroke={props.outer} strokeWidth={2.2} />}
      <circle cx={c} cy={c} r={r + ringW / 2} fill={props.fill} stroke={props.ring?.color ?? 'none'} strokeWidth={ringW} />
    </svg>
  );
}
