/** A report table: one row per child region, the total last; numbers right-aligned, rows never split across pages. */
export function ReportTable<R extends { code: string; name: string }>(props: {
  head: string[];
  rows: R[];
  total: R;
  cells(r: R): (string | number)[];
  className?: string;
}) {
  const { head, rows, total, cells } = props;
  return (
    <table className={`report-table${props.className ? ` ${props.className}` : ''}`}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...rows, total].map((r) => (
          <tr key={r.code} className={r === total ? 'is-total' : undefined}>
            <th scope="row">{r.name}</th>
            {cells(r).map((v, i) => (
              <td key={i}>{typeof v === 'number' ? v.toLocaleString('zh-CN') : v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
