// The streaming Excel writer: valid parts, escaping, and rolling over at Excel's row limit.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { XLSX_MAX_ROWS, XlsxStreamWriter, type Cell } from '../server/xlsx.ts';

async function build(write: (x: XlsxStreamWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => out.on('end', resolve));
  const xlsx = new XlsxStreamWriter(out);
  await write(xlsx);
  await xlsx.finish();
  await done;
  return Buffer.concat(parts);
}

describe('XlsxStreamWriter', () => {
  it('writes what Excel readers read back: text, numbers, booleans, empty cells, escaped characters', async () => {
    const buffer = await build(async (x) => {
      await x.startSheet('data', ['a', 'b', 'c', 'd']);
      await x.addRows([['Kopi & <Teh> "Susu"', 1.5, true, null], ['ctrl\u0001char', -2, false, 'x']]);
      await x.startSheet('kamus_data', ['column']);
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['data', 'kamus_data']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([undefined, 'Kopi & <Teh> "Susu"', 1.5, true]);
    expect(sheet.getRow(3).values).toEqual([undefined, 'ctrlchar', -2, false, 'x']);
  });

  it('continues on a new sheet, header repeated, past 1,048,576 rows', async () => {
    const rows: Cell[][] = Array.from({ length: XLSX_MAX_ROWS + 1 }, (_, i) => [i]);
    const buffer = await build(async (x) => {
      await x.startSheet('big', ['n']);
      for (let i = 0; i < rows.length; i += 50_000) await x.addRows(rows.slice(i, i + 50_000));
    });
    const zip = await JSZip.loadAsync(buffer);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/')).sort()).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const second = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    // Sheet 1: header + 1,048,575 rows (0 … 1,048,574); sheet 2: header + 1,048,575 and 1,048,576.
    expect(second).toContain('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">n</t></is></c></row><row r="2"><c r="A2"><v>1048575</v></c></row><row r="3"><c r="A3"><v>1048576</v></c></row>');
    expect(await zip.file('xl/workbook.xml')!.async('string')).toContain('<sheet name="big_2" sheetId="2" r:id="rId2"/>');
  }, 120_000);
});
