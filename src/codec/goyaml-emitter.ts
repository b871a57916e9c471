// A port of the parts of libyaml's emitter that go-yaml v2's Marshal drives for plain
// data: block mappings and sequences, empty flow collections, and the scalar styles
// with libyaml's line folding at 80 columns (folded blocks as go-yaml v3 writes them).
import { analyzeScalar, doubleQuotedEscape, isBreak, type ScalarAnalysis } from './goyaml-scalar.ts';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export type YamlNode =
  | { kind: 'scalar'; value: string; style: ScalarStyle }
  | { kind: 'mapping'; entries: [YamlNode, YamlNode][] }
  | { kind: 'sequence'; items: YamlNode[] };

export interface EmitterOptions {
  /** Spaces per level (go-yaml v2: 2). */
  indent: number;
  /** Whether a sequence that is a mapping value sits at the key's column (v2) or is indented (v3). */
  indentSequencesInMappings: boolean;
  /** Column after which scalars fold at spaces (v2: 80; v3: never). */
  width: number;
  /** go-yaml v3 writes text containing tabs as a literal block instead of double-quoting it. */
  tabsInBlocks: boolean;
}

interface NodeContext { mapping: boolean; simpleKey: boolean }

const surrogates = /[\ud800-\udfff]/;
/** libyaml's line breaks (isBreak). */
const lineBreaks = /[\n\r\u0085\u2028\u2029]/;
const otherLineBreaks = /[\r\u0085\u2028\u2029]/;
/** Printable ASCII but '"' and '\\': what a double-quoted scalar writes without escapes. */
const unescapedAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export class YamlEmitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private mappingContext = false;
  private simpleKeyContext = false;
  private readonly options: EmitterOptions;

  constructor(options: EmitterOptions) {
    this.options = options;
  }

  /** One implicit document holding `root`, as yaml.Marshal writes it. */
  emitDocument(root: YamlNode): string {
    this.emitNode(root, { mapping: false, simpleKey: false });
    this.writeIndent();
    return this.out;
  }

  private emitNode(node: YamlNode, context: NodeContext): void {
    this.mappingContext = context.mapping;
    this.simpleKeyContext = context.simpleKey;
    if (node.kind === 'scalar') return this.emitScalar(node.value, node.style);
    if (node.kind === 'sequence') {
      if (node.items.length === 0) return this.emitEmptyFlow('[', ']');
      return this.emitBlockSequence(node.items);
    }
    if (node.entries.length === 0) return this.emitEmptyFlow('{', '}');
    return this.emitBlockMapping(node.entries);
  }

  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: YamlNode[]): void {
    const indentless = this.mappingContext && !this.indention && !this.options.indentSequencesInMappings;
    this.increaseIndent(false, indentless);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private emitBlockMapping(entries: [YamlNode, YamlNode][]): void {
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      if (isSimpleKey(key)) {
        this.emitNode(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private emitScalar(value: string, requested: ScalarStyle): void {
    const analysis = analyzeScalar(value, this.options.tabsInBlocks);
    const style = this.selectStyle(value, requested, analysis);
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.writePlain(value, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(value, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(value, allowBreaks);
    else this.writeBlock(style === 'folded' ? '>' : '|', value);
    this.popIndent();
  }

  private selectStyle(value: string, requested: ScalarStyle, analysis: ScalarAnalysis): ScalarStyle {
    let style = requested;
    if (this.simpleKeyContext && analysis.multiline) style = 'double';
    if (style === 'plain') {
      if (!analysis.blockPlainAllowed) style = 'single';
      if (value === '' && this.simpleKeyContext) style = 'single';
    }
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if ((style === 'literal' || style === 'folded') && (!analysis.blockAllowed || this.simpleKeyContext)) style = 'double';
    return style;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? this.options.indent : 0;
    else if (!indentless) this.indent += this.options.indent;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private put(text: string): void {
    this.out += text;
    // Columns count code points.
    this.column += text.length === 1 || !surrogates.test(text) ? text.length : Array.from(text).length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** A line break inside a scalar: '\n' as the emitter's break, other breaks written as they are. */
  private writeBreak(ch: string): void {
    if (ch === '\n') return this.putBreak();
    this.out += ch;
    this.column = 0;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (this.writtenWhole(value)) {
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = Array.from(value);
    this.writeFolding(chars, (i) => allowBreaks && chars[i + 1] !== ' ', (ch) => ch);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    if (!value.includes("'") && this.writtenWhole(value)) {
      this.writeIndicator("'", false, false, false);
      return;
    }
    const chars = Array.from(value);
    this.writeFolding(chars, (i) => allowBreaks && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ', (ch) => (ch === "'" ? "''" : ch));
    this.writeIndicator("'", false, false, false);
  }

  /**
   * Writes text that has no line break and cannot fold (no space, or it ends within the line
   * width) in one piece, as the character loops below would write it; false when it may not.
   */
  private writtenWhole(value: string): boolean {
    if (lineBreaks.test(value) || (this.column + value.length > this.options.width && value.includes(' '))) return false;
    this.put(value);
    return true;
  }

  /**
   * The loop go-yaml's plain and single-quoted writers share: a space past the line width may
   * become a line break (where `mayFold` allows), line breaks are kept, other characters written
   * as `text` renders them.
   */
  private writeFolding(chars: string[], mayFold: (i: number) => boolean, text: (ch: string) => string): void {
    let spaces = false;
    let breaks = false;
    chars.forEach((ch, i) => {
      if (ch === ' ') {
        if (!spaces && this.column > this.options.width && mayFold(i)) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch.codePointAt(0)!)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(text(ch));
        this.indention = false;
        spaces = breaks = false;
      }
    });
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    if (unescapedAscii.test(value) && this.writtenWhole(value)) {
      this.writeIndicator('"', false, false, false);
      return;
    }
    const chars = Array.from(value);
    const startsWithBom = value.startsWith('\ufeff');
    let spaces = false;
    chars.forEach((ch, i) => {
      const escape = doubleQuotedEscape(ch.codePointAt(0)!, startsWithBom);
      if (escape !== undefined) {
        this.put(escape);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > this.options.width && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          // A space that starts the continuation line would be folded away, so escape it.
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
  }

  /**
   * A literal ("|") or folded (">") block. go-yaml v3's folded writer doubles a line break that
   * ends a line not starting with a blank, when the text's first character is not blank (v3
   * looks there, not after the break).
   */
  private writeBlock(indicator: '|' | '>', value: string): void {
    this.writeIndicator(indicator, true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    if (indicator === '|' && !otherLineBreaks.test(value)) return this.writeLiteralLines(value);
    const doublesBreaks = indicator === '>' && !/^[\r\n\u0085\u2028\u2029]*(?:[ \t]|$)/.test(value);
    let breaks = true;
    let leadingSpaces = true;
    for (const ch of value) {
      if (isBreak(ch.codePointAt(0)!)) {
        if (doublesBreaks && !breaks && !leadingSpaces && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = ch === ' ' || ch === '\t';
          breaks = false;
        }
        this.put(ch);
        this.indention = false;
      }
    }
  }

  /** A literal block's text whose only line breaks are '\n', line by line as writeBlock's loop writes it. */
  private writeLiteralLines(value: string): void {
    const lines = value.split('\n');
    let breaks = true;
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      }
      if (lines[i] === '') continue;
      if (breaks) {
        this.writeIndent();
        breaks = false;
      }
      this.put(lines[i]);
      this.indention = false;
    }
  }

  /** The indentation hint for text starting with a space or break, and the chomping indicator. */
  private writeBlockScalarHints(value: string): void {
    const chars = Array.from(value);
    const codeAt = (i: number) => chars[i]?.codePointAt(0) ?? -1;
    if (codeAt(0) === 0x20 || isBreak(codeAt(0))) this.writeIndicator(String(this.options.indent), false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (chars.length === 0 || !isBreak(codeAt(last))) chomp = '-';
    else if (last === 0 || isBreak(codeAt(last - 1))) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }
}

/** libyaml's check_simple_key for scalar keys: one line and at most 128 bytes. */
function isSimpleKey(key: YamlNode): boolean {
  if (key.kind !== 'scalar') return key.kind === 'mapping' ? key.entries.length === 0 : key.items.length === 0;
  return Buffer.byteLength(key.value, 'utf8') <= 128 && !analyzeScalar(key.value).multiline;
}
