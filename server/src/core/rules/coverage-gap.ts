// PLACEHOLDER: not implemented yet; being written in this session.
import type { WorkspaceRule } from "../rule";

const rule: WorkspaceRule = {
  id: "coverage-gap",
  description: "(not implemented yet)",
  rationale: [],
  severity: "warning",
  scope: "workspace",
  fixable: false,
  check() {},
};

export default rule;
