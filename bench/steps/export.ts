// Bench step: the full national skill-gaps dataset written in one format (argument
// {db, format}) to a sink that counts bytes, as a download would stream it.
import { Writable } from 'node:stream';
import { findDataset } from '../../core/datasets.ts';
import { loadDimensions } from '../../core/dimensions.ts';
import { prepareDatasetQuery } from '../../core/query.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { writeExport, type Format } from '../../server/formats.ts';
import { reportStep } from '../measure.ts';

const { db, format, dataset: name } = JSON.parse(process.argv[2]) as { db: string; format: Format; dataset: string };
const warehouse = await openWarehouse(db, { readOnly: true, memoryLimit: '1GB' }); // as the server's reader
const dataset = findDataset(name)!;
const query = prepareDatasetQuery(dataset, {}, { minCell: 5, dims: await loadDimensions(warehouse.connection) });
let bytes = 0;
const sink = new Writable({ write(chunk, _encoding, callback) { bytes += chunk.length; callback(); } });
const started = performance.now();
await writeExport(format, { connection: warehouse.connection, ...query, lang: 'id' }, sink);
await new Promise<void>((resolve) => (sink.writableFinished ? resolve() : sink.once('finish', () => resolve())));
const seconds = (performance.now() - started) / 1000;
warehouse.close();
reportStep({ bytes, seconds });
