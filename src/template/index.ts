// The template engine's public entry: a set of Go text/templates sharing functions.
// The implementation lives in src/gotemplate/.
export { TemplateSet, TemplateExecError, TemplateParseError, isTemplateError, type TemplateOptions } from '../gotemplate/index.ts';
