// The name-list difference and the cross-check's mismatches as tables for a CSV (UTF-8 with a BOM,
// writers.ts): every row, in Chinese — county staff work through them in Excel — with the ID card
// masked as everywhere else and codes in the words the screens use.
import { GUARANTEE_PENDING } from '../domain/housing.ts';
import type { ComparedField, Mismatch } from '../imports/crosscheck.ts';
import type { DiffChange, DiffRow } from '../imports/namelist.ts';
import { CATEGORY_LABELS, GRADE_LABELS, GUARANTEE_MODE_LABELS, STRUCTURE_LABELS, type Label } from './labels.ts';
import type { ExportRow, ExportTable } from './writers.ts';

const zh = (table: Record<string, Label>, code: string | number | null): string => {
  if (code === null) return '';
  if (code === GUARANTEE_PENDING) return '待核定';
  return table[String(code)]?.['zh-CN'] ?? String(code);
};

const FIELD_WORDS: Record<DiffChange['field'] | ComparedField, { name: string; labels: Record<string, Label> | null }> = {
  category: { name: '监测对象类别', labels: CATEGORY_LABELS },
  members: { name: '家庭人口', labels: null },
  guarantee_mode: { name: '保障方式', labels: GUARANTEE_MODE_LABELS },
  grade: { name: '鉴定等级', labels: GRADE_LABELS },
  structure: { name: '结构类型', labels: STRUCTURE_LABELS },
};

const word = (field: keyof typeof FIELD_WORDS, value: string | number | null): string => {
  const { labels } = FIELD_WORDS[field];
  return labels ? zh(labels, value) : value === null ? '' : String(value);
};

const DIFF_TYPES: Record<DiffRow['type'], string> = { added: '新增', left: '退出名单', changed: '信息变更' };

const column = (key: string, header: string, width: number) => ({ key, header, width });

export function diffTable(rows: Iterable<DiffRow>): ExportTable {
  return {
    title: '名单比对',
    columns: [
      column('type', '类型', 10),
      column('householdNo', '户编号', 22),
      column('idCard', '身份证号', 22),
      column('headName', '户主姓名', 10),
      column('village', '所属村', 14),
      column('changes', '变更（原 → 新）', 40),
      column('line', '文件行号', 8),
    ],
    rows: (function* (): Generator<ExportRow> {
      let id = 0;
      for (const d of rows) {
        const changes = (d.changes ?? []).map((c) => `${FIELD_WORDS[c.field].name}：${word(c.field, c.from)} → ${word(c.field, c.to)}`).join('；');
        const type = d.back ? '重新纳入' : DIFF_TYPES[d.type];
        yield { id: ++id, cells: [type, d.householdNo, d.idCard, d.headName, d.villageName, changes, d.line], point: null };
      }
    })(),
  };
}

const MISMATCH_TYPES: Record<Mismatch['type'], string> = {
  field: '信息不一致',
  only_national: '仅国家系统有',
  only_anju: '仅安居有',
  delisted: '安居已退出名单',
};

export function mismatchTable(rows: Iterable<Mismatch>): ExportTable {
  return {
    title: '账账比对',
    columns: [
      column('type', '类型', 14),
      column('field', '比对项', 12),
      column('anju', '安居', 14),
      column('national', '国家系统', 14),
      column('householdNo', '户编号', 22),
      column('idCard', '身份证号', 22),
      column('headName', '户主姓名', 10),
      column('village', '所属村', 14),
      column('line', '文件行号', 8),
    ],
    rows: (function* (): Generator<ExportRow> {
      let id = 0;
      for (const m of rows) {
        const field = m.field ? FIELD_WORDS[m.field].name : '';
        const anju = m.type === 'delisted' ? `${m.anju ?? ''} 退出` : m.field ? word(m.field, m.anju) || (m.field === 'grade' ? '未鉴定' : '未核实') : '';
        const national = m.field ? word(m.field, m.national) : '';
        yield { id: ++id, cells: [MISMATCH_TYPES[m.type], field, anju, national, m.householdNo, m.idCard, m.headName, m.villageName, m.line], point: null };
      }
    })(),
  };
}
