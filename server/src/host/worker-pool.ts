// The worker pool both doors use (the CLI for a large run, the language server
// for a large folder's first lint), so it lives on the host floor, not in either.
// Both cores: documents are parsed and checked (all but the rules that need
// the workspace index) in worker threads, and for the CLI in this thread too,
// between its other work. The bundle is its own worker script (out/cli.js or
// out/server.js started again as a Worker with workerData saying so); texts go out in small batches to
// whichever thread is free, and light documents come back; results are placed
// by request, so the output never depends on which thread finished first.
import { pushAll } from '../core/arrays';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyseDocument, catalogFromPacks, LocalAnalyser, type Analysis, type AnalysisConfig, type AnalysisRequest, type DocumentAnalyser } from '../core/analysis';
import { Catalog } from '../core/standards/catalog';

const WORKER_TAG = 'qmslint-analyse';

/**
 * Below this many documents to analyse, threads cost more to start than they
 * save, and memory is no concern: the CLI (unless --jobs asks) and the
 * language server analyse them on their own thread.
 */
export const PARALLEL_MIN_FILES = 32;

/** Requests per message: few enough to balance the threads, enough to keep messages few. */
const BATCH = 8;
/**
 * A worker's young generation (MB). V8's default lets each worker's heap grow
 * by tens of megabytes of parse garbage before collecting it; a smaller one
 * keeps the process's peak memory near a single thread's for little CPU.
 */
const WORKER_YOUNG_MB = 8;

type ToWorker = { type: 'configs'; configs: [string, AnalysisConfig][] } | { type: 'batch'; id: number; requests: AnalysisRequest[] };
type FromWorker = { type: 'done'; id: number; analyses: string } | { type: 'failed'; id: number; message: string };
type Batch = { id: number; from: number; requests: AnalysisRequest[] };

/** The number of threads to use by default: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerAnalyser implements DocumentAnalyser {
  private workers: Worker[] | undefined;

  constructor(
    /** Threads that analyse (this one included when `here`). */
    private readonly threads: number,
    /** The bundle this file is part of, started again as a worker. */
    private readonly script: string = __filename,
    /**
     * This thread analyses too, one document at a time, reading the workers'
     * answers (and a server's messages) in between: on two cores, it and one
     * worker cost a bundle load and a heap less than two workers beside an
     * idle thread.
     */
    private readonly here = false,
  ) {}

  /**
   * Starts the workers now, so they load the bundle while this thread reads
   * the files. They do not keep the process alive until they are given work
   * (a run may end up needing none: every file ignored, or --base).
   */
  start(): this {
    this.workers ??= Array.from({ length: this.here ? Math.max(1, this.threads - 1) : this.threads }, () => {
      const worker = new Worker(this.script, { workerData: { tag: WORKER_TAG }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      worker.unref();
      return worker;
    });
    return this;
  }

  async analyse(requests: AnalysisRequest[], configs: Map<string, AnalysisConfig>, onDone?: (done: number) => void): Promise<Analysis[]> {
    const results: Analysis[] = new Array(requests.length);
    const batches: Batch[] = [];
    for (let from = 0; from < requests.length; from += BATCH) batches.push({ id: batches.length, from, requests: requests.slice(from, from + BATCH) });
    const workers = this.start().workers!;
    this.workers = undefined;
    for (const w of workers) w.ref();
    let next = 0;
    let done = 0;
    const finished = (batch: Batch, analyses: Analysis[]) => {
      analyses.forEach((a, i) => (results[batch.from + i] = a));
      done += analyses.length;
      onDone?.(done);
    };
    try {
      const inWorkers = workers.map((worker) => this.feed(worker, configs, () => batches[next++], finished));
      // This thread takes a batch too when there is one spare, one document at a time, reading the workers' answers in between.
      const here = this.here && this.threads > 1 ? this.helpHere(configs, () => batches[next++], finished) : Promise.resolve();
      await Promise.all([...inWorkers, here]);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  }

  private feed(worker: Worker, configs: Map<string, AnalysisConfig>, take: () => Batch | undefined, finished: (b: Batch, a: Analysis[]) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const sent = new Map<number, Batch>();
      const send = () => {
        const batch = take();
        if (!batch) {
          if (!sent.size) resolve();
          return;
        }
        sent.set(batch.id, batch);
        worker.postMessage({ type: 'batch', id: batch.id, requests: batch.requests } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'failed') return reject(new Error(m.message));
        const batch = sent.get(m.id)!;
        sent.delete(m.id);
        finished(batch, JSON.parse(m.analyses) as Analysis[]);
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
    });
  }

  private async helpHere(configs: Map<string, AnalysisConfig>, take: () => Batch | undefined, finished: (b: Batch, a: Analysis[]) => void): Promise<void> {
    const local = new LocalAnalyser();
    // Let the workers have their first batches before this thread takes one.
    await yieldToEvents();
    for (let batch = take(); batch; batch = take()) {
      const analyses: Analysis[] = [];
      for (const r of batch.requests) {
        pushAll(analyses, await local.analyse([r], configs));
        await yieldToEvents();
      }
      finished(batch, analyses);
    }
  }
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

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
      // As JSON, not as objects: a structured clone revives every object with spare property slots (a
      // {start, end} range takes about twice its size) and every string apart, while JSON.parse makes
      // objects to size and shares short strings; the main thread keeps these until the report. It is
      // the form the --cache already keeps them in, so nothing in an analysis is lost on the way.
      port.postMessage({ type: 'done', id: m.id, analyses: JSON.stringify(analyses) } satisfies FromWorker);
    } catch (e) {
      port.postMessage({ type: 'failed', id: m.id, message: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
  // Every configuration starts from the built-in standards: load them while this thread waits for the first texts.
  Catalog.builtin();
}
