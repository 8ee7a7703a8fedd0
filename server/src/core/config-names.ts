// What the schema cannot know about a configuration: whether the rules and
// standards it names exist. A name that does not would otherwise be dropped
// in silence, and the run would pass with weaker checks than were asked for.
import { configErrorAt, type Config } from './config';
import { closestRuleId, isNoticeId, isRuleId } from './rule-names';
import type { Catalog } from './standards/catalog';

/** A setting laid over every configuration (the CLI's --standard) that names nothing known. */
export class OptionError extends Error {
  constructor(
    /** The setting, as ConfigOverrides names it: `standard`. */
    readonly option: string,
    readonly detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

/**
 * Throws a ConfigError at the first unknown rule or standard in a config
 * file (before overrides), or an OptionError when `standardOption` is
 * unknown. Known standards are the built-in ones and the config's packs.
 */
export function checkConfigNames(config: Config, catalog: Catalog, standardOption?: string): void {
  for (const name of Object.keys(config.rules)) {
    if (isRuleId(name)) continue;
    throw configErrorAt(config, ['rules', name], 'key', unknownRule(name));
  }
  if (standardOption !== undefined && !catalog.pack(standardOption)) throw new OptionError('standard', unknownStandard(standardOption, catalog));
  if (!catalog.pack(config.standard)) throw configErrorAt(config, ['standard'], 'value', unknownStandard(config.standard, catalog));
  for (const [i, id] of config.standards.entries()) {
    if (!catalog.pack(id)) throw configErrorAt(config, ['standards', String(i)], 'value', unknownStandard(id, catalog));
  }
}

function unknownRule(name: string): string {
  if (isNoticeId(name)) return `${name} is a notice, not a rule, and cannot be configured`;
  const guess = closestRuleId(name);
  return guess ? `unknown rule; did you mean ${guess}?` : 'unknown rule; the rules are listed in docs/rules/README.md';
}

function unknownStandard(id: string, catalog: Catalog): string {
  const known = catalog.packs().map((p) => p.id);
  return `unknown standard "${id}"; known standards: ${known.join(', ')} (add your own with packs: in .qmslint.yaml)`;
}
