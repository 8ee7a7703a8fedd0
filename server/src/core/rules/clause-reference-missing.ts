// PLACEHOLDER: not implemented yet; being written in this session.
import type { DocumentRule } from "../rule";

const rule: DocumentRule = {
  id: "clause-reference-missing",
  description: "(not implemented yet)",
  rationale: [],
  severity: "warning",
  scope: "document",
  fixable: false,
  check() {},
};

export default rule;
