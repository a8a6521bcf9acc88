import { withoutGeneratedSections } from './generated-sections.js';

describe('withoutGeneratedSections', () => {
  it('blanks the inside of each generated section, keeping every line so that line numbers stay', () => {
    const text = ['# Mine', '<!-- kustodian:begin secrets -->', 'kubectl create secret generic x', '<!-- kustodian:end secrets -->', 'kubectl get pods', ''].join('\n');
    expect(withoutGeneratedSections(text)).toBe(['# Mine', '<!-- kustodian:begin secrets -->', '', '<!-- kustodian:end secrets -->', 'kubectl get pods', ''].join('\n'));
  });

  it('leaves a section that is never closed, or closed under another name, as written', () => {
    const unclosed = '<!-- kustodian:begin a -->\nkept\n';
    expect(withoutGeneratedSections(unclosed)).toBe(unclosed);
    const mismatched = '<!-- kustodian:begin a -->\nkept\n<!-- kustodian:end b -->\n';
    expect(withoutGeneratedSections(mismatched)).toBe(mismatched);
  });
});
