// Training impact of a change, for `qmslint review`: which documents in force people must be
// (re)trained on, and the roles to train (core/training.ts: the document's `training:`, else
// its type's default in the configuration).
//
// A document is listed when, after the change, it is approved or effective and
// - it is new (no controlled version at the base), or
// - it came into force with this change (draft or in review at the base), or
// - what it says changed: its content as change control compares it (core/changes.ts: front
//   matter without the paperwork fields, body without the revision history, white space
//   aside). A document moved, by git or by its id, is compared with its version at its old path,
//   so a move with edits is listed and a bare move is not.
// A change to its paperwork alone (revision, status between approved and effective, approvals,
// dates, history rows) is not listed: nothing it asks people to do changed. Deleted and obsolete
// documents are not listed: there is nothing in force to train on.
import { contentChanged } from '../../core/changes';
import { inForce, type Config } from '../../core/config';
import { fieldText, type ControlledDocument } from '../../core/document';
import { trainingRoles } from '../../core/training';

export type TrainingReason = 'new' | 'now in force' | 'content changed';

export interface TrainingNeed {
  doc: ControlledDocument;
  reason: TrainingReason;
  /** Empty when neither the document nor its type's configuration names any: the reviewer must see that gap. */
  roles: string[];
}

/** Why the change makes people train on `head`, if it does. */
export function trainingReason(base: ControlledDocument | undefined, head: ControlledDocument | undefined): TrainingReason | undefined {
  if (!head?.controlled || !inForce(fieldText(head, 'status'))) return undefined;
  if (!base?.controlled) return 'new';
  if (!inForce(fieldText(base, 'status'))) return 'now in force';
  return contentChanged(base, head) ? 'content changed' : undefined;
}

/** The documents to train on, in the order given, each with its roles. */
export async function trainingNeeds(
  changes: { base?: ControlledDocument; head?: ControlledDocument }[],
  configFor: (file: string) => Promise<Config>,
): Promise<TrainingNeed[]> {
  const out: TrainingNeed[] = [];
  for (const { base, head } of changes) {
    const reason = trainingReason(base, head);
    if (reason && head) out.push({ doc: head, reason, roles: trainingRoles(head, await configFor(head.path)) });
  }
  return out;
}
