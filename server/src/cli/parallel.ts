// Both cores: documents are parsed and checked (all but the rules that need
// the workspace index) in worker threads. Parsing's garbage stays in their
// heaps; this thread keeps only the light documents. The bundle is its own worker script
// (out/cli.js started again as a Worker with workerData saying so), texts go
// out in small batches to whichever worker is free, and light documents come
// back; results are placed by request, so the output never depends on which
// thread finished first.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyseDocument, catalogFromPacks, type Analysis, type AnalysisConfig, type AnalysisRequest, type DocumentAnalyser } from '../core/analysis';
import type { Catalog } from '../core/standards/catalog';

const WORKER_TAG = 'qmslint-analyse';
/** Requests per message: few enough to balance two threads, enough to keep messages few. */
const BATCH = 8;

type ToWorker = { type: 'configs'; configs: [string, AnalysisConfig][] } | { type: 'batch'; id: number; requests: AnalysisRequest[] };
type FromWorker = { type: 'done'; id: number; analyses: Analysis[] } | { type: 'failed'; id: number; message: string };

/** The number of threads to use by default: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerAnalyser implements DocumentAnalyser {
  constructor(
    /** Worker threads; this thread only sends texts and collects light documents. */
    private readonly threads: number,
    /** The bundled CLI (this file is part of it), started again as a worker. */
    private readonly script: string = __filename,
  ) {}

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    const results: Analysis[] = new Array(requests.length);
    const batches: { id: number; from: number; requests: AnalysisRequest[] }[] = [];
    for (let from = 0; from < requests.length; from += BATCH) batches.push({ id: batches.length, from, requests: requests.slice(from, from + BATCH) });
    const count = Math.max(1, Math.min(this.threads, batches.length));
    const workers = Array.from({ length: count }, () => new Worker(this.script, { workerData: { tag: WORKER_TAG } }));
    let next = 0;
    let done = 0;
    const finished = (batch: (typeof batches)[number], analyses: Analysis[]) => {
      analyses.forEach((a, i) => (results[batch.from + i] = a));
      done += analyses.length;
      onDone?.(done);
    };
    try {
      const inWorkers = workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let outstanding = 0;
            const send = () => {
              const batch = batches[next];
              if (!batch) {
                if (!outstanding) resolve();
                return;
              }
              next++;
              outstanding++;
              worker.postMessage({ type: 'batch', id: batch.id, requests: batch.requests } satisfies ToWorker);
            };
            worker.on('message', (m: FromWorker) => {
              if (m.type === 'failed') return reject(new Error(m.message));
              outstanding--;
              finished(batches[m.id], m.analyses);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`an analysis thread stopped with code ${code}`));
            });
            worker.postMessage({ type: 'configs', configs: [...configs] } satisfies ToWorker);
            // Two batches ahead, so a worker never waits for this thread to read its answer.
            send();
            send();
          }),
      );
      await Promise.all(inWorkers);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  }
}

/** True in a thread started by WorkerAnalyser. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG;
}

/** The worker's side: analyse each batch it is sent. */
export function runAnalysisWorker(): void {
  const port = parentPort!;
  let configs = new Map<string, AnalysisConfig>();
  const catalogs = new Map<string, Catalog>();
  const catalogOf = (entry: AnalysisConfig): Catalog => {
    const key = JSON.stringify(entry.packs);
    let catalog = catalogs.get(key);
    if (!catalog) catalogs.set(key, (catalog = catalogFromPacks(entry.packs)));
    return catalog;
  };
  port.on('message', (m: ToWorker) => {
    if (m.type === 'configs') {
      configs = new Map(m.configs);
      return;
    }
    try {
      const analyses = m.requests.map((r) => {
        const entry = configs.get(r.config)!;
        return analyseDocument(r.path, r.text, entry.config, catalogOf(entry), r.matchedByGlob);
      });
      port.postMessage({ type: 'done', id: m.id, analyses } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ type: 'failed', id: m.id, message: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
}
