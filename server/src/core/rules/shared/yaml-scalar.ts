// A value written into front matter by a fix (front-matter-missing, field-missing): quoted only
// when YAML would otherwise read it as something else. The one definition is in
// server/src/shared/yaml-scalar.ts, which the editor's New Document uses too.
export { yamlScalar } from '../../../shared/yaml-scalar';
