// Reads a standards data file (pack, registry, crosswalk or edition transition table) from YAML text and
// validates it against schemas/standard.schema.json. Problems come back as
// data with the source name, key path and line, never as exceptions: a user's
// broken pack must not take the linter down. YAML is parsed with the core
// schema only, so no tag can construct objects or run code.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../../../schemas/standard.schema.json';

export interface PackError {
  /** File name or other label the text came from. */
  source: string;
  message: string;
  /** Key path inside the file, e.g. "clauses[3].title"; absent for syntax errors. */
  path?: string;
  /** 1-based position, when known. */
  line?: number;
  column?: number;
}

/** "my-pack.yaml:12:5: clauses[3].title: must be a string" */
export function formatPackError(e: PackError): string {
  const where = e.line ? `${e.source}:${e.line}:${e.column ?? 1}` : e.source;
  return `${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

export type DataKind = 'pack' | 'registry' | 'crosswalk' | 'transition';

/** A problem found after schema validation, at a key path of the parsed value. */
export interface SemanticProblem {
  path: (string | number)[];
  message: string;
}

let ajv: Ajv | undefined;
const validators = new Map<DataKind, ValidateFunction>();

function validator(kind: DataKind): ValidateFunction {
  let v = validators.get(kind);
  if (v) return v;
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addSchema(schema as object, 'standard');
  }
  const ref = kind === 'pack' ? 'standard' : `standard#/definitions/${kind}File`;
  v = ajv.getSchema(ref);
  if (!v) throw new Error(`schema ${ref} not found`);
  validators.set(kind, v);
  return v;
}

/**
 * Parses and validates one data file. `check` runs only when the schema
 * passes, for rules a schema cannot say (unique ids, existing parents).
 */
export function loadData<T>(
  text: string,
  source: string,
  kind: DataKind,
  check?: (value: T) => SemanticProblem[],
): { value?: T; errors: PackError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  // Warnings count too: an unknown tag such as !!js/function is only a warning
  // to the YAML parser, but a pack that needs one is not a pack we accept.
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length) {
    return {
      errors: syntax.map((e) => ({ source, message: e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), ...at(e.pos?.[0]) })),
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Only alias bombs and similar get here.
    return { errors: [{ source, message: e instanceof Error ? e.message : String(e) }] };
  }

  const validate = validator(kind);
  if (!validate(value)) {
    return { errors: dedupe((validate.errors ?? []).map((e) => schemaError(e, doc, source, at))) };
  }

  const problems = check ? check(value as T) : [];
  if (problems.length) {
    return {
      errors: problems.map((p) => ({ source, message: p.message, path: formatPath(p.path), ...at(offsetOf(doc, p.path)) })),
    };
  }
  return { value: value as T, errors: [] };
}

/**
 * A shipped data file's value, parsed at build time (scripts/yaml-data.mjs) and held to the schema
 * by test/unit/builtin-schema.test.ts, so no run parses its YAML or compiles the schema; the checks
 * a schema cannot say still run. A problem here is a bug in the shipped data, so it throws.
 */
export function builtinValue<T>(value: unknown, source: string, check?: (value: T) => SemanticProblem[]): T {
  const problems = check ? check(value as T) : [];
  if (problems.length) {
    const lines = problems.map((p) => formatPackError({ source, message: p.message, path: formatPath(p.path) }));
    throw new Error(`invalid built-in standards data:\n${lines.join('\n')}`);
  }
  return value as T;
}

function schemaError(
  e: ErrorObject,
  doc: Document,
  source: string,
  at: (offset: number | undefined) => { line?: number; column?: number },
): PackError {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let message: string;
  let keyPath = path;
  let onKey = false;
  switch (e.keyword) {
    case 'required':
      message = `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
      break;
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      message = `unknown property "${extra}"`;
      keyPath = [...path, extra];
      onKey = true;
      break;
    }
    case 'enum':
      message = `must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
      break;
    case 'maxLength':
      message = e.schemaPath.includes('shortText')
        ? `is longer than ${(e.params as { limit: number }).limit} characters: keep headings short and never paste a standard's text`
        : (e.message ?? 'is too long');
      break;
    case 'pattern':
      message = e.schemaPath.includes('clauseId')
        ? `"${String(valueAt(doc, path))}" is not a clause number (like 7.3.2 or 820.10)`
        : e.schemaPath.includes('propertyNames')
          ? 'document type names are upper case, like SOP or WI'
          : `"${String(valueAt(doc, path))}" ${e.message ?? 'has the wrong form'}`;
      break;
    case 'propertyNames':
      // Reported with the failing name by the nested pattern error.
      message = 'has an invalid property name';
      break;
    default:
      message = e.message ?? `fails ${e.keyword}`;
  }
  return { source, message, path: formatPath(keyPath), ...at(offsetOf(doc, keyPath, onKey)) };
}

function dedupe(errors: PackError[]): PackError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = formatPackError(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** ["clauses", 3, "title"] -> "clauses[3].title" */
export function formatPath(path: (string | number)[]): string | undefined {
  if (!path.length) return undefined;
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Start offset of the deepest node on the path that exists (the key itself when `onKey`). */
function offsetOf(doc: Document, path: (string | number)[], onKey = false): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === seg : p.key === seg));
      if (!pair) break;
      if (onKey && i === path.length - 1) return rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      break;
    }
    offset = rangeStart(node) ?? offset;
  }
  return offset;
}

function valueAt(doc: Document, path: (string | number)[]): unknown {
  const node = doc.getIn(path, true);
  return isScalar(node) ? node.value : node;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}
