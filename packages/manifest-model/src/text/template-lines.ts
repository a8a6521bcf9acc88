/**
 * A template file (Jinja, gomplate, a helmfile `.gotmpl`) with the lines that
 * hold only a template statement (`{% … %}`, `{{ … }}`, `{# … #}`) blanked,
 * so that what is left reads as YAML and keeps its line numbers.
 */
export function blankTemplateLines(text: string): string {
  return text.replace(/^[ \t]*(\{%.*%\}|\{\{.*\}\}|\{#.*#\})[ \t]*$/gm, '');
}
