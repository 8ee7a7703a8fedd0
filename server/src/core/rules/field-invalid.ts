// PLACEHOLDER: not implemented yet; being written in this session.
import type { DocumentRule } from "../rule";

const rule: DocumentRule = {
  id: "field-invalid",
  description: "(not implemented yet)",
  rationale: [],
  severity: "warning",
  scope: "document",
  fixable: false,
  check() {},
};

export default rule;
