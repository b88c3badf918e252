// Shell syntax highlighting for the commands the audience sees typed. A small scanner, not a parser: it knows
// comments, quoting, variables, substitutions, operators, keywords and command names — enough to colour what
// workshops contain. Where here-documents start and end is the shell parser's answer (markdown/shell/syntax.ts),
// so the highlighter and the runner never disagree about it. Only the display uses it; the shell runs the
// original text.
import { type Heredoc, parseScript } from '../markdown/shell/syntax.js';
import { span, type Span } from './text.js';

export const shellStyles = {
  comment: '90',
  string: '32',
  variable: '35',
  keyword: '1;34',
  command: '1',
  operator: '36',
  option: '33',
} as const;

const keywords = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'in',
  'function',
  'select',
  'time',
  '!',
  '[[',
  ']]',
  '{',
  '}',
]);

/** After these keywords a new command starts. */
const commandStarters = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{']);

/** Longest first, so `<<<` is not read as `<<` and `<`. */
const operators = [
  '&&',
  '||',
  ';;',
  '|&',
  '<<<',
  '<<-',
  '<<',
  '>>',
  '>&',
  '<&',
  '&>',
  '>|',
  '|',
  '&',
  ';',
  '<',
  '>',
  '(',
  ')',
];

export interface HighlightOptions {
  /**
   * The value to show for `${NAME}` (demosh shows values, so the audience sees what will really run), or
   * undefined to show the reference as written.
   */
  lookup?: (name: string) => string | undefined;
}

/** Highlights shell text. The spans' text joined equals `text`, except where `lookup` supplied a value. */
export function highlightShell(text: string, options: HighlightOptions = {}): Span[] {
  return new Scanner(text, options.lookup).run();
}

class Scanner {
  private i = 0;
  private out: Span[] = [];
  private commandPosition = true;
  /** Every here-document in the text, as the shell parser found them. */
  private readonly heredocs: Heredoc[] = [];
  /** Here-documents opened on the current line: their bodies follow its newline. */
  private pending: Heredoc[] = [];

  constructor(
    private readonly text: string,
    private readonly lookup: ((name: string) => string | undefined) | undefined,
  ) {
    parseScript(text, this.heredocs);
  }

  run(): Span[] {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '\n') {
        this.emit('\n');
        this.i++;
        this.commandPosition = true;
        if (this.pending.length) this.heredocBodies();
      } else if (c === ' ' || c === '\t') {
        this.emit(this.take(/^[ \t]+/));
      } else if (c === '\\' && text[this.i + 1] === '\n') {
        this.emit('\\\n');
        this.i += 2;
      } else if (c === '#' && this.atWordStart()) {
        this.emit(this.take(/^#[^\n]*/), shellStyles.comment);
      } else {
        const op = operators.find((o) => text.startsWith(o, this.i));
        if (op && !(op === '<' && text[this.i + 1] === '(') && !(op === '>' && text[this.i + 1] === '(')) {
          this.operator(op);
        } else {
          this.word();
        }
      }
    }
    return merge(this.out);
  }

  private operator(op: string): void {
    const heredoc = op === '<<' || op === '<<-' ? this.heredocs.find((h) => h.operator.start === this.i) : undefined;
    this.emit(op, shellStyles.operator);
    this.i += op.length;
    if (heredoc) {
      // The delimiter word follows (maybe quoted); the body starts on the next line.
      this.emit(this.text.slice(this.i, heredoc.delimiter.start));
      this.emit(this.text.slice(heredoc.delimiter.start, heredoc.delimiter.end), shellStyles.string);
      this.i = heredoc.delimiter.end;
      this.pending.push(heredoc);
      return;
    }
    this.commandPosition = !['<', '>', '>>', '>&', '<&', '&>', '>|', '<<', '<<-', '<<<', ')'].includes(op);
  }

  /** Bodies of the here-documents opened on the line just ended, each up to its terminator line. */
  private heredocBodies(): void {
    for (const { body, terminator } of this.pending) {
      for (const line of this.text.slice(body.start, body.end).split(/(?<=\n)/)) {
        const newline = line.endsWith('\n');
        this.emit(newline ? line.slice(0, -1) : line, shellStyles.string);
        if (newline) this.emit('\n');
      }
      this.i = body.end;
      if (terminator) {
        this.emit(this.text.slice(terminator.start, terminator.end), shellStyles.operator);
        this.i = terminator.end;
        if (this.text[this.i] === '\n') {
          this.emit('\n');
          this.i++;
        }
      }
    }
    this.pending = [];
  }

  /** One word: a run of plain characters, quotes and expansions up to a blank or an operator. */
  private word(): void {
    const start = this.out.length;
    const first = this.i;
    let plainStyle: string | undefined;
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n') break;
      if (operators.some((o) => this.text.startsWith(o, this.i)) && !this.isProcessSubstitution()) break;
      if (c === "'") {
        this.emit(this.take(/^'[^']*'?/), shellStyles.string);
      } else if (c === '$' && this.text[this.i + 1] === "'") {
        this.emit(this.take(/^\$'(?:\\.|[^'\\])*'?/), shellStyles.string);
      } else if (c === '"') {
        this.doubleQuoted();
      } else if (c === '$' || c === '`' || this.isProcessSubstitution()) {
        this.expansion();
      } else if (c === '\\') {
        this.emit(this.text.slice(this.i, this.i + 2));
        this.i += 2;
      } else {
        const chunk = this.take(/^[^\s'"$`\\;&|<>()]+/) || this.text[this.i++]!;
        plainStyle ??= this.classify(first, chunk);
        this.emit(chunk, plainStyle);
      }
    }
    const word = this.text.slice(first, this.i);
    const wasCommand = this.commandPosition;
    if (this.out.length === start) return;
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word);
    if (assignment) {
      // `NAME=value`: the name looks like a variable; a command may still follow.
      const name = word.slice(0, word.indexOf('='));
      this.restyleLeading(start, name.length, shellStyles.variable);
      return;
    }
    this.commandPosition = wasCommand && commandStarters.has(word);
  }

  /** Style of the plain text at the start of a word: keyword, command name, option, or none. */
  private classify(wordStart: number, chunk: string): string {
    if (wordStart !== this.i - chunk.length) return '';
    const word = this.text.slice(wordStart).match(/^[^\s;&|<>()]+/)?.[0] ?? chunk;
    if ((this.commandPosition && keywords.has(word)) || word === ']]') return shellStyles.keyword;
    if (this.commandPosition && !/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word)) return shellStyles.command;
    if (chunk.startsWith('-')) return shellStyles.option;
    return '';
  }

  private doubleQuoted(): void {
    this.emit('"', shellStyles.string);
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      const c = this.text[this.i]!;
      if (c === '\\') {
        this.emit(this.text.slice(this.i, this.i + 2), shellStyles.string);
        this.i += 2;
      } else if (c === '$' || c === '`') {
        this.expansion();
      } else {
        this.emit(this.take(/^[^"\\$`]+/) || this.text[this.i++]!, shellStyles.string);
      }
    }
    if (this.text[this.i] === '"') {
      this.emit('"', shellStyles.string);
      this.i++;
    }
  }

  /** `$NAME`, `${…}`, `$(…)`, `$((…))`, `` `…` ``, `<(…)`, `>(…)`, `$1`, `$?`. */
  private expansion(): void {
    const rest = this.text.slice(this.i);
    const braced = rest.match(/^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/);
    if (braced) {
      const value = this.lookup?.(braced[1]!);
      this.emit(value ?? braced[0], shellStyles.variable);
      this.i += braced[0].length;
      return;
    }
    if (rest.startsWith('${')) {
      this.balanced('${', '{', '}');
      return;
    }
    if (rest.startsWith('$((')) {
      this.balanced('$((', '(', ')', 2);
      return;
    }
    if (/^[$<>]\(/.test(rest)) {
      this.balanced(rest.slice(0, 2), '(', ')');
      return;
    }
    if (rest.startsWith('`')) {
      this.emit(this.take(/^`(?:\\.|[^`\\])*`?/), shellStyles.variable);
      return;
    }
    const simple = rest.match(/^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|[@*#?$!-])/);
    if (simple) {
      this.emit(simple[0], shellStyles.variable);
      this.i += simple[0].length;
      return;
    }
    this.emit('$');
    this.i++;
  }

  /** A construct from `open` to its matching closer (nesting counted, quotes skipped), in variable colour. */
  private balanced(open: string, inc: string, dec: string, closers = 1): void {
    let depth = closers;
    let j = this.i + open.length;
    while (j < this.text.length && depth > 0) {
      const c = this.text[j]!;
      if (c === '\\') j++;
      else if (c === "'") j = skipTo(this.text, j + 1, "'");
      else if (c === inc) depth++;
      else if (c === dec) depth--;
      j++;
    }
    this.emit(this.text.slice(this.i, j), shellStyles.variable);
    this.i = j;
  }

  private isProcessSubstitution(): boolean {
    const c = this.text[this.i];
    return (c === '<' || c === '>') && this.text[this.i + 1] === '(';
  }

  private atWordStart(): boolean {
    const before = this.text[this.i - 1];
    return before === undefined || /[\s;&|()<>]/.test(before);
  }

  private take(re: RegExp): string {
    const m = this.text.slice(this.i).match(re);
    const s = m?.[0] ?? '';
    this.i += s.length;
    return s;
  }

  private emit(text: string, sgr = ''): void {
    if (text) this.out.push(span(text, sgr));
  }

  /** Gives the first `length` characters of the spans from `start` on the style `sgr`. */
  private restyleLeading(start: number, length: number, sgr: string): void {
    const tail = this.out.splice(start);
    let left = length;
    for (const s of tail) {
      if (left > 0) {
        const head = s.text.slice(0, left);
        this.out.push(span(head, sgr));
        if (s.text.length > left) this.out.push(span(s.text.slice(left), s.sgr));
        left -= head.length;
      } else {
        this.out.push(s);
      }
    }
  }
}

function skipTo(text: string, from: number, char: string): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && last.sgr === s.sgr) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
