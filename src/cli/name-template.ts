// --name-template: the release name rendered from a Go template with the template functions
// and no data, as helm's TemplateName does.
import { TemplateSet } from '../gotemplate/index.ts';
import { templateFunctions } from '../funcs/index.ts';

export function renderNameTemplate(text: string): string {
  const set = new TemplateSet({ funcs: templateFunctions() });
  set.parse('name-template', text);
  return set.execute('name-template', null);
}
