// The configuration schema's validator (schemas/qmslint.schema.json). Run from sources (the tests),
// ajv compiles it when this module loads. The bundle does not: esbuild.mjs puts in this module's
// place the code the same ajv makes from the same schema and options at build time, because
// compiling it was a third of every run's start (`qmslint --version`: 0.35 s CPU, 0.24 s without).
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../schemas/qmslint.schema.json';

/** A schema check: true when the data conforms, else false with the errors on `errors`. */
export type SchemaCheck = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

// esbuild.mjs compiles with these same options and stops the build if this line changes.
const validate: SchemaCheck = new Ajv({ allErrors: false, strict: false }).compile(schema);

export default validate;
