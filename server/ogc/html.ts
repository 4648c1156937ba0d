// The HTML face of the OGC API (conformance class html): plain server-rendered pages a person can
// browse with a session — every value escaped, no script, no inline style (the CSP allows neither),
// one stylesheet of our own (/ogc/style.css), nothing fetched from elsewhere.
import type { OgcFeature, Scalar } from '../domain/ogc-features.ts';
import { GRADE_LABELS, STATE_LABELS, STRUCTURE_LABELS, TASK_KIND_LABELS, TASK_STATUS_LABELS, type Label } from '../exports/labels.ts';
import type { Collection } from './collections.ts';
import type { collectionJson, conformance, itemsJson, landingPage, Link } from './documents.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Marks text already escaped, so page() can tell markup from values. */
class Html {
  constructor(readonly text: string) {}
}
type Part = Html | string | number | null | undefined | false | Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.text;
  if (Array.isArray(p)) return p.map(render).join('');
  return escapeHtml(String(p));
}

/** A template tag: values are escaped unless they are Html. */
function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** Column headings of the properties the collections carry. */
const PROPERTY_LABELS: Record<string, string> = {
  householdNo: '户编号',
  headName: '户主',
  grade: '鉴定等级',
  structure: '结构类型',
  status: '状态',
  key: '重点房屋',
  repairedC: '修缮加固的C级',
  mustMoveOut: '须撤离',
  overdue: '逾期',
  appraisedOn: '鉴定日期',
  locationEstimated: '位置为估计',
  structureEstimated: '结构为估计',
  delistedOn: '移出名单日期',
  townshipCode: '镇街代码',
  townshipName: '镇街',
  villageCode: '村代码',
  villageName: '村',
  groupCode: '组代码',
  groupName: '组',
  type: '类型',
  level: '级别',
  event: '事件',
  headline: '标题',
  description: '内容',
  instruction: '防御指引',
  issuer: '发布单位',
  ownerRegion: '所属区划',
  issuedAt: '发布时间',
  effectiveAt: '生效时间',
  expiresAt: '失效时间',
  cancelledAt: '解除时间',
  noExpiryGiven: '未给出到期时间',
  source: '来源',
  code: '区划代码',
  name: '名称',
  parentCode: '上级代码',
  parentName: '上级',
  labelLon: '标注经度',
  labelLat: '标注纬度',
  kind: '任务类别',
  dueAt: '截止时间',
  createdAt: '派发时间',
  assignee: '巡查人',
  alertId: '预警编号',
  alertHeadline: '预警',
  alertLevel: '预警级别',
  stopCount: '户数',
  doneCount: '已巡查',
  routeLengthM: '路线长度（米）',
};

const VALUE_LABELS: Partial<Record<string, Record<string, Label>>> = {
  grade: GRADE_LABELS,
  structure: STRUCTURE_LABELS,
  kind: TASK_KIND_LABELS,
};

function valueText(c: Collection, key: string, v: Scalar): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const table: Record<string, Label> | undefined =
    key === 'status' ? (c.id === 'tasks' ? TASK_STATUS_LABELS : c.id === 'households' ? STATE_LABELS : undefined) : VALUE_LABELS[key];
  const label = table?.[String(v)]?.['zh-CN'];
  return label ? `${label} (${v})` : String(v);
}

const label = (key: string) => PROPERTY_LABELS[key] ?? key;

function page(title: string, crumbs: { href?: string; text: string }[], body: Html, alternate: Link[]): string {
  const json = alternate.find((l) => l.rel === 'alternate');
  return `<!doctype html>\n${
    html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 安居 OGC API</title><link rel="stylesheet" href="/ogc/style.css">${
      json ? html`<link rel="alternate" type="${json.type}" href="${json.href}">` : ''
    }</head>
<body><header><nav>${crumbs.map((c, i) => html`${i > 0 ? html` › ` : ''}${c.href ? html`<a href="${c.href}">${c.text}</a>` : c.text}`)}</nav>${
      json ? html`<a class="json" href="${json.href}">JSON</a>` : ''
    }</header>
<main><h1>${title}</h1>${body}</main></body></html>`.text
  }\n`;
}

const home = (root: string) => ({ href: `${root}?f=html`, text: '安居 OGC API' });

export function landingHtml(doc: ReturnType<typeof landingPage>, root: string): string {
  const body = html`<p>${doc.description}</p>
<ul class="links">
<li><a href="${root}/collections?f=html">数据集合 Collections</a></li>
<li><a href="${root}/conformance?f=html">符合性 Conformance</a></li>
<li><a href="${root}/api">API 定义 OpenAPI 3.0 (JSON)</a></li>
</ul>
<h2>桌面 GIS 连接 Connecting a desktop GIS</h2>
<p>在“我的账户”中创建 API 令牌，以 <code>Authorization: Bearer &lt;令牌&gt;</code> 发送。Make a token under 我的账户 / My account and send it as a Bearer token.</p>
<pre>ogrinfo -ro OAPIF:${root} --config GDAL_HTTP_AUTH BEARER --config GDAL_HTTP_BEARER &lt;token&gt;</pre>
<p>QGIS: 图层 › 添加图层 › 添加 WFS / OGC API – Features 图层 → 新建连接，URL <code>${root}</code>，认证选 “API Header”：<code>Authorization</code> = <code>Bearer &lt;token&gt;</code>。</p>`;
  return page(doc.title, [{ text: '安居 OGC API' }], body, doc.links);
}

export function conformanceHtml(doc: ReturnType<typeof conformance>, root: string): string {
  const body = html`<ul>${doc.conformsTo.map((uri) => html`<li><code>${uri}</code></li>`)}</ul>`;
  return page('符合性 Conformance', [home(root), { text: 'Conformance' }], body, doc.links);
}

type CollectionDoc = ReturnType<typeof collectionJson>;

function extentText(c: CollectionDoc): Html {
  const bbox = c.extent.spatial?.bbox[0];
  const interval = c.extent.temporal?.interval[0];
  return html`${bbox ? bbox.map((n) => n.toFixed(5)).join(', ') : '—'}${interval ? html`<br>${interval[0] ?? '..'} / ${interval[1] ?? '..'}` : ''}`;
}

export function collectionsHtml(docs: CollectionDoc[], root: string, links: Link[]): string {
  const body = html`<table><thead><tr><th>集合</th><th>id</th><th>范围 (CRS84)</th><th>要素</th></tr></thead><tbody>${docs.map(
    (c) => html`<tr><td><a href="${root}/collections/${c.id}?f=html">${c.title}</a><br><small>${c.description}</small></td><td><code>${c.id}</code></td>
<td>${extentText(c)}</td><td><a href="${root}/collections/${c.id}/items?f=html">HTML</a> · <a href="${root}/collections/${c.id}/items?f=json">GeoJSON</a></td></tr>`,
  )}</tbody></table>`;
  return page('数据集合 Collections', [home(root), { text: 'Collections' }], body, links);
}

export function collectionHtml(doc: CollectionDoc, root: string): string {
  const body = html`<p>${doc.description}</p><dl><dt>id</dt><dd><code>${doc.id}</code></dd><dt>范围 Extent</dt><dd>${extentText(doc)}</dd>
<dt>坐标系 CRS</dt><dd><code>${doc.crs[0]}</code></dd></dl>
<p><a href="${root}/collections/${doc.id}/items?f=html">浏览要素 Browse items</a> · <a href="${root}/collections/${doc.id}/items?f=json">GeoJSON</a></p>`;
  return page(doc.title, [home(root), { href: `${root}/collections?f=html`, text: 'Collections' }, { text: doc.id }], body, doc.links);
}

function geometryText(f: OgcFeature): string {
  const g = f.geometry;
  if (!g) return '—';
  if (g.type === 'Point') return `Point ${g.coordinates[0].toFixed(6)}, ${g.coordinates[1].toFixed(6)}`;
  if (g.type === 'MultiPoint') return `MultiPoint (${g.coordinates.length})`;
  return g.type;
}

export function itemsHtml(c: Collection, doc: ReturnType<typeof itemsJson>, offset: number, root: string): string {
  const from = doc.numberReturned === 0 ? 0 : offset + 1;
  const to = offset + doc.numberReturned;
  const prev = doc.links.find((l) => l.rel === 'prev');
  const next = doc.links.find((l) => l.rel === 'next');
  const pager = html`<p class="pager">共 ${doc.numberMatched} 条，第 ${from}–${to} 条 ${prev ? html`<a href="${prev.href}">‹ 上一页</a>` : ''} ${
    next ? html`<a href="${next.href}">下一页 ›</a>` : ''
  }</p>`;
  const body = html`${pager}<table><thead><tr><th>id</th>${c.columns.map((k) => html`<th>${label(k)}</th>`)}<th>几何</th></tr></thead><tbody>${doc.features.map(
    (f) => html`<tr><td><a href="${root}/collections/${c.id}/items/${String(f.id)}?f=html">${String(f.id)}</a></td>${c.columns.map(
      (k) => html`<td>${valueText(c, k, f.properties[k] ?? null)}</td>`,
    )}<td>${geometryText(f)}</td></tr>`,
  )}</tbody></table>${pager}`;
  return page(c.title, [home(root), { href: `${root}/collections?f=html`, text: 'Collections' }, { href: `${root}/collections/${c.id}?f=html`, text: c.id }, { text: 'items' }], body, doc.links);
}

export function itemHtml(c: Collection, f: OgcFeature & { links: Link[] }, root: string): string {
  const body = html`<dl>${Object.entries(f.properties).map(([k, v]) => html`<dt>${label(k)} <small>${k}</small></dt><dd>${valueText(c, k, v)}</dd>`)}
<dt>几何 geometry</dt><dd>${geometryText(f)}</dd></dl>`;
  return page(`${c.title} ${f.id}`, [home(root), { href: `${root}/collections?f=html`, text: 'Collections' }, { href: `${root}/collections/${c.id}/items?f=html`, text: c.id }, { text: String(f.id) }], body, f.links);
}

/** The one stylesheet of the HTML pages (served at /ogc/style.css). */
export const STYLE_CSS = `body{font-family:"Noto Sans SC",system-ui,sans-serif;margin:0;color:#1f2933;background:#f7f8fa}
header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1rem;background:#1f4e79;color:#fff}
header a{color:#fff}main{padding:1rem;max-width:80rem}h1{font-size:1.4rem}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.9rem}th,td{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;background:#fff;padding:1rem}dt{font-weight:600}dd{margin:0}
pre,code{background:#eef2f6;padding:.1rem .3rem;white-space:pre-wrap;word-break:break-all}.pager a{margin-left:.8rem}small{color:#52606d}
@media (max-width:600px){table{font-size:.8rem}dl{grid-template-columns:1fr}}
`;
