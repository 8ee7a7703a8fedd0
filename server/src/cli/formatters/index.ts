// Output formats for lint results, by name. A formatter is a pure function
// from results to text; adding one is a file here and a line below.
import type { Formatter } from './context';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export const formatters: Record<string, Formatter> = {
  stylish: (results, ctx) => formatStylish(results, ctx.cwd, { color: ctx.color }),
  json: (results) => formatJson(results),
  sarif: (results, ctx) => formatSarif(results, ctx),
  github: (results, ctx) => formatGithub(results, ctx.cwd),
  gitlab: (results, ctx) => formatGitlab(results, ctx),
  junit: (results, ctx) => formatJunit(results, ctx.cwd),
};
