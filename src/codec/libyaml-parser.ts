// libyaml's parser state machine as go-yaml runs it over the first document of a text, kept only
// as far as it finds syntax errors: it produces no events, just the states and marks that decide
// which error libyaml reports and where. go-yaml's decoder rejects an alias to an anchor not yet
// defined while it reads the events, so that check is made here in the same order.
import { LibyamlError, Scanner, type Mark, type Token } from './libyaml-scanner.ts';

type State =
  | 'STREAM_START' | 'IMPLICIT_DOCUMENT_START' | 'DOCUMENT_START' | 'DOCUMENT_CONTENT' | 'DOCUMENT_END'
  | 'BLOCK_NODE' | 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE' | 'FLOW_NODE'
  | 'BLOCK_SEQUENCE_FIRST_ENTRY' | 'BLOCK_SEQUENCE_ENTRY' | 'INDENTLESS_SEQUENCE_ENTRY'
  | 'BLOCK_MAPPING_FIRST_KEY' | 'BLOCK_MAPPING_KEY' | 'BLOCK_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_FIRST_ENTRY' | 'FLOW_SEQUENCE_ENTRY' | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE' | 'FLOW_SEQUENCE_ENTRY_MAPPING_END'
  | 'FLOW_MAPPING_FIRST_KEY' | 'FLOW_MAPPING_KEY' | 'FLOW_MAPPING_VALUE' | 'FLOW_MAPPING_EMPTY_VALUE' | 'END';

/** The events go-yaml's reader cares about: where documents end, and anchors and aliases. */
type Event = 'STREAM_START' | 'STREAM_END' | 'DOCUMENT_START' | 'DOCUMENT_END' | 'NODE' | 'ALIAS' | 'COLLECTION_START' | 'COLLECTION_END';

const NO_MARK: Mark = { index: 0, line: 0, column: 0, offset: 0 };

class Parser {
  private state: State = 'STREAM_START';
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagHandles = new Set<string>();
  /** The anchor and alias of the last node event. */
  anchor: string | undefined;
  alias: string | undefined;
  /** Where the last document's end was found: go-yaml reads nothing of the text after it. */
  documentEndOffset: number | undefined;

  private readonly scanner: Scanner;

  constructor(scanner: Scanner) {
    this.scanner = scanner;
  }

  private peek(): Token { return this.scanner.peek(); }
  private skip(): void { this.scanner.skipToken(); }

  private fail(problem: string, problemMark: Mark, contextMark: Mark = NO_MARK): never {
    throw new LibyamlError('parser', problem, problemMark, contextMark);
  }

  private pop(): void { this.state = this.states.pop()!; }

  /** A collection's first call steps over its start token, remembering it for error contexts. */
  private enter(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skip();
  }

  /** The token after an entry's ',' (none before the first entry); without one, `problem`. */
  private afterFlowEntry(first: boolean, problem: string): Token {
    const token = this.peek();
    if (first) return token;
    if (token.type !== 'FLOW_ENTRY') this.fail(problem, token.start, this.marks.pop());
    this.skip();
    return this.peek();
  }

  /** A collection's end token: back to the state that holds it. */
  private leave(): Event {
    this.pop();
    this.marks.pop();
    this.skip();
    return 'COLLECTION_END';
  }

  next(): Event {
    this.anchor = undefined;
    this.alias = undefined;
    switch (this.state) {
      case 'STREAM_START': return this.streamStart();
      case 'IMPLICIT_DOCUMENT_START': return this.documentStart(true);
      case 'DOCUMENT_START': return this.documentStart(false);
      case 'DOCUMENT_CONTENT': return this.documentContent();
      case 'DOCUMENT_END': return this.documentEnd();
      case 'BLOCK_NODE': return this.node(true, false);
      case 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE': return this.node(true, true);
      case 'FLOW_NODE': return this.node(false, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY': return this.blockSequenceEntry(true);
      case 'BLOCK_SEQUENCE_ENTRY': return this.blockSequenceEntry(false);
      case 'INDENTLESS_SEQUENCE_ENTRY': return this.indentlessSequenceEntry();
      case 'BLOCK_MAPPING_FIRST_KEY': return this.blockMappingKey(true);
      case 'BLOCK_MAPPING_KEY': return this.blockMappingKey(false);
      case 'BLOCK_MAPPING_VALUE': return this.blockMappingValue();
      case 'FLOW_SEQUENCE_FIRST_ENTRY': return this.flowSequenceEntry(true);
      case 'FLOW_SEQUENCE_ENTRY': return this.flowSequenceEntry(false);
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY': return this.flowSequenceEntryMappingKey();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE': return this.flowSequenceEntryMappingValue();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END':
        this.peek();
        this.state = 'FLOW_SEQUENCE_ENTRY';
        return 'COLLECTION_END';
      case 'FLOW_MAPPING_FIRST_KEY': return this.flowMappingKey(true);
      case 'FLOW_MAPPING_KEY': return this.flowMappingKey(false);
      case 'FLOW_MAPPING_VALUE': return this.flowMappingValue(false);
      case 'FLOW_MAPPING_EMPTY_VALUE': return this.flowMappingValue(true);
      case 'END': return 'STREAM_END';
    }
  }

  private streamStart(): Event {
    const token = this.peek();
    if (token.type !== 'STREAM_START') this.fail('did not find expected <stream-start>', token.start);
    this.state = 'IMPLICIT_DOCUMENT_START';
    this.skip();
    return 'STREAM_START';
  }

  private documentStart(implicit: boolean): Event {
    let token = this.peek();
    if (!implicit) {
      while (token.type === 'DOCUMENT_END') {
        this.skip();
        token = this.peek();
      }
    }
    const directiveOrStart = ['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'STREAM_END'].includes(token.type);
    if (implicit && !directiveOrStart) {
      this.processDirectives();
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return 'DOCUMENT_START';
    }
    if (token.type !== 'STREAM_END') {
      this.processDirectives();
      token = this.peek();
      if (token.type !== 'DOCUMENT_START') this.fail('did not find expected <document start>', token.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      this.skip();
      return 'DOCUMENT_START';
    }
    this.state = 'END';
    this.skip();
    return 'STREAM_END';
  }

  private documentContent(): Event {
    const token = this.peek();
    if (['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'DOCUMENT_END', 'STREAM_END'].includes(token.type)) {
      this.pop();
      return 'NODE';
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const token = this.peek();
    this.documentEndOffset = token.start.offset;
    if (token.type === 'DOCUMENT_END') this.skip();
    this.tagHandles.clear();
    this.state = 'DOCUMENT_START';
    return 'DOCUMENT_END';
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let token = this.peek();
    if (token.type === 'ALIAS') {
      this.pop();
      this.alias = token.value;
      this.skip();
      return 'ALIAS';
    }
    const start = token.start;
    let tagHandle: string | undefined;
    let tagMark = NO_MARK;
    // An anchor and a tag, in either order, before the node.
    for (let properties = 0; properties < 2; properties++) {
      if (token.type === 'ANCHOR' && this.anchor === undefined) this.anchor = token.value;
      else if (token.type === 'TAG' && tagHandle === undefined) {
        tagHandle = token.value;
        tagMark = token.start;
      } else break;
      this.skip();
      token = this.peek();
    }
    // Every tag resolves to some text (an empty one is a scanner error), so a tag makes a node.
    const tagged = tagHandle !== undefined;
    if (tagHandle !== undefined && tagHandle !== '') {
      if (!this.tagHandles.has(tagHandle)) this.fail('found undefined tag handle', tagMark, start);
    }
    if (indentlessSequence && token.type === 'BLOCK_ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return 'COLLECTION_START';
    }
    switch (token.type) {
      case 'SCALAR':
        this.pop();
        this.skip();
        return 'NODE';
      case 'FLOW_SEQUENCE_START':
        this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
        return 'COLLECTION_START';
      case 'FLOW_MAPPING_START':
        this.state = 'FLOW_MAPPING_FIRST_KEY';
        return 'COLLECTION_START';
      case 'BLOCK_SEQUENCE_START':
        if (!block) break;
        this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
        return 'COLLECTION_START';
      case 'BLOCK_MAPPING_START':
        if (!block) break;
        this.state = 'BLOCK_MAPPING_FIRST_KEY';
        return 'COLLECTION_START';
      default:
        break;
    }
    if (this.anchor !== undefined || tagged) {
      this.pop();
      return 'NODE';
    }
    this.fail('did not find expected node content', token.start, start);
  }

  private blockSequenceEntry(first: boolean): Event {
    this.enter(first);
    let token = this.peek();
    if (token.type === 'BLOCK_ENTRY') {
      this.skip();
      token = this.peek();
      if (token.type !== 'BLOCK_ENTRY' && token.type !== 'BLOCK_END') {
        this.states.push('BLOCK_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'BLOCK_SEQUENCE_ENTRY';
      return 'NODE';
    }
    if (token.type === 'BLOCK_END') return this.leave();
    this.fail("did not find expected '-' indicator", token.start, this.marks.pop());
  }

  private indentlessSequenceEntry(): Event {
    let token = this.peek();
    if (token.type === 'BLOCK_ENTRY') {
      this.skip();
      token = this.peek();
      if (!['BLOCK_ENTRY', 'KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('INDENTLESS_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return 'NODE';
    }
    this.pop();
    return 'COLLECTION_END';
  }

  private blockMappingKey(first: boolean): Event {
    this.enter(first);
    let token = this.peek();
    if (token.type === 'KEY') {
      this.skip();
      token = this.peek();
      if (!['KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('BLOCK_MAPPING_VALUE');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_VALUE';
      return 'NODE';
    }
    if (token.type === 'BLOCK_END') return this.leave();
    this.fail('did not find expected key', token.start, this.marks.pop());
  }

  private blockMappingValue(): Event {
    let token = this.peek();
    if (token.type === 'VALUE') {
      this.skip();
      token = this.peek();
      if (!['KEY', 'VALUE', 'BLOCK_END'].includes(token.type)) {
        this.states.push('BLOCK_MAPPING_KEY');
        return this.node(true, true);
      }
    }
    this.state = 'BLOCK_MAPPING_KEY';
    return 'NODE';
  }

  private flowSequenceEntry(first: boolean): Event {
    this.enter(first);
    let token = this.peek();
    if (token.type !== 'FLOW_SEQUENCE_END') {
      token = this.afterFlowEntry(first, "did not find expected ',' or ']'");
      if (token.type === 'KEY') {
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
        this.skip();
        return 'COLLECTION_START';
      }
      if (token.type !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY');
        return this.node(false, false);
      }
    }
    return this.leave();
  }

  private flowSequenceEntryMappingKey(): Event {
    const token = this.peek();
    if (!['VALUE', 'FLOW_ENTRY', 'FLOW_SEQUENCE_END'].includes(token.type)) {
      this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
      return this.node(false, false);
    }
    this.skip();
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
    return 'NODE';
  }

  private flowSequenceEntryMappingValue(): Event {
    const token = this.peek();
    if (token.type === 'VALUE') {
      this.skip();
      const next = this.peek();
      if (next.type !== 'FLOW_ENTRY' && next.type !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
    return 'NODE';
  }

  private flowMappingKey(first: boolean): Event {
    this.enter(first);
    let token = this.peek();
    if (token.type !== 'FLOW_MAPPING_END') {
      token = this.afterFlowEntry(first, "did not find expected ',' or '}'");
      if (token.type === 'KEY') {
        this.skip();
        token = this.peek();
        if (!['VALUE', 'FLOW_ENTRY', 'FLOW_MAPPING_END'].includes(token.type)) {
          this.states.push('FLOW_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_MAPPING_VALUE';
        return 'NODE';
      }
      if (token.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_EMPTY_VALUE');
        return this.node(false, false);
      }
    }
    return this.leave();
  }

  private flowMappingValue(empty: boolean): Event {
    let token = this.peek();
    if (empty) {
      this.state = 'FLOW_MAPPING_KEY';
      return 'NODE';
    }
    if (token.type === 'VALUE') {
      this.skip();
      token = this.peek();
      if (token.type !== 'FLOW_ENTRY' && token.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_KEY');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_MAPPING_KEY';
    return 'NODE';
  }

  private processDirectives(): void {
    let token = this.peek();
    let version = false;
    while (token.type === 'VERSION_DIRECTIVE' || token.type === 'TAG_DIRECTIVE') {
      if (token.type === 'VERSION_DIRECTIVE') {
        if (version) this.fail('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token.start);
        version = true;
      } else {
        if (this.tagHandles.has(token.value!)) this.fail('found duplicate %TAG directive', token.start);
        this.tagHandles.add(token.value!);
      }
      this.skip();
      token = this.peek();
    }
    this.tagHandles.add('!');
    this.tagHandles.add('!!');
  }
}

/**
 * What go-yaml makes of the first document of `text` (as yaml.Unmarshal reads it): the first
 * error it meets, or where it stopped reading (the text's length for all of it).
 */
export type LibyamlVerdict = { error: LibyamlError } | { error?: undefined; readTo: number };

export function readFirstDocument(text: string, version: 2 | 3 = 2): LibyamlVerdict {
  const parser = new Parser(new Scanner(text, version));
  const anchors = new Set<string>();
  try {
    // go-yaml's decoder reads events up to the end of the first document (or of an empty stream).
    for (;;) {
      const event = parser.next();
      if (parser.anchor !== undefined) anchors.add(parser.anchor);
      if (event === 'STREAM_END') return { readTo: text.length };
      if (event === 'DOCUMENT_END') return { readTo: parser.documentEndOffset! };
      if (event === 'ALIAS' && !anchors.has(parser.alias!)) {
        throw new LibyamlError('decoder', `unknown anchor '${parser.alias}' referenced`, NO_MARK, NO_MARK);
      }
    }
  } catch (err) {
    if (err instanceof LibyamlError) return { error: err };
    throw err;
  }
}
