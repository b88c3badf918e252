// A bash parser that knows exactly as much as stepdown needs: where one complete command ends (heredocs,
// quotes spanning lines, compound commands, continuations, functions, `&&`/`|` chains), what it is made of
// (for replaying state changes and finding function names), and where it is malformed. It is hand-written
// because the packaged parsers were either too slow to start (mvdan-sh: ~300 ms), too slow per call
// (sh-syntax: a fresh WASM instance per parse, ~4 ms), or reported bash-valid code as broken
// (tree-sitter-bash). See the README's development notes.
//
// Every node keeps offsets into the parsed text; callers turn them into line:column.

/** Half-open range of offsets into the parsed text. */
export interface Span {
  start: number;
  end: number;
}

export interface Word extends Span {
  /** The word with quotes removed, when it has no expansion (`$`, backquotes) in it. */
  literal?: string;
}

export type ShellCommand =
  /** `A=1 B=2 cmd arg >file`: assignments, words and redirections (each part optional, not all empty). */
  | { type: 'simple'; span: Span; assignments: Word[]; words: Word[] }
  /** `name () compound` or `function name compound`. */
  | { type: 'function'; span: Span; name: string; body: ShellCommand }
  /** `if`, `for`, `select`, `while`, `until`, `case`, `{ … }`, `( … )`, `(( … ))`, `[[ … ]]`. */
  | { type: 'compound'; span: Span; keyword: CompoundKeyword; body: Statement[] }
  /** `a | b`, `! a`, `time a`. */
  | { type: 'pipeline'; span: Span; commands: ShellCommand[]; negated: boolean }
  /** `a && b || c`. */
  | { type: 'andor'; span: Span; commands: ShellCommand[] };

export type CompoundKeyword = 'if' | 'for' | 'select' | 'while' | 'until' | 'case' | '{' | '(' | '((' | '[[';

/** One command in a list, with the separator that ended it (`;`, `&`, newline or nothing). */
export interface Statement {
  span: Span;
  command: ShellCommand;
  background: boolean;
}

export interface ShellSyntaxError {
  message: string;
  /** Where to point the user: the offending token, or the start of the construct left open. */
  offset: number;
  /** Where the parser gave up (at or after `offset`): callers resume after this point's line. */
  stoppedAt: number;
}

/** A here-document: `<<EOF` (or `<<-EOF`), its body lines and the line that ends it. */
export interface Heredoc {
  /** `<<` or `<<-`. */
  operator: Span;
  /** The delimiter word as written (quotes included). */
  delimiter: Span;
  /** The body lines, up to the terminator line (to the end of the text when there is none). */
  body: Span;
  /** The line that ends the body, without its newline; absent when the text ends first. */
  terminator?: Span;
}

export type CommandParse = { ok: true; statements: Statement[]; end: number } | { ok: false; error: ShellSyntaxError };

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly stoppedAt: number = offset,
  ) {
    super(message);
  }
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  at: number;
  word: Span;
}

const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'for',
  'select',
  'in',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  '{',
  '}',
  '!',
  '[[',
  ']]',
  'time',
]);
/** Words that can only close or continue a construct, so they are errors where a command starts. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ']]']);
const BARE_WORD = /[^\s;&|<>()]+/y;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DEPTH = 200;

/** `target.push(...items)` without the argument-count limit (a long script has many statements). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** Characters that end an unquoted word. */
function isWordEnd(c: string | undefined): boolean {
  return (
    c === undefined ||
    c === ' ' ||
    c === '\t' ||
    c === '\r' ||
    c === '\n' ||
    c === ';' ||
    c === '&' ||
    c === '|' ||
    c === '<' ||
    c === '>' ||
    c === '(' ||
    c === ')'
  );
}

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  if (text[offset] === '\n') return 'newline';
  BARE_WORD.lastIndex = offset;
  const m = BARE_WORD.exec(text);
  const token = m
    ? m[0]
    : /^(;;&|;;|;&|&&|\|\||\|&|&>>|&>|>>|<<<|<<-|<<|<>|>&|<&|>\|)/.exec(text.slice(offset, offset + 3))?.[0];
  return `\`${token ?? text[offset]}\``;
}

class Parser {
  pos: number;
  private heredocs: PendingHeredoc[] = [];
  private depth = 0;

  constructor(
    private readonly src: string,
    start: number,
    /** Where to record each here-document met, if the caller wants them. */
    private readonly found?: Heredoc[],
  ) {
    this.pos = start;
  }

  // --- low level --------------------------------------------------------------------------------------

  private fail(message: string, offset = this.pos): never {
    throw new SyntaxProblem(message, offset, Math.max(offset, this.pos));
  }

  private unexpected(): never {
    if (this.pos >= this.src.length) this.fail('syntax error: unexpected end of input');
    this.fail(`syntax error near unexpected token ${describe(this.src, this.pos)}`);
  }

  /** Spaces, tabs and backslash-newline continuations. */
  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (isBlank(c)) this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  private skipComment(): void {
    if (this.src[this.pos] !== '#') return;
    const nl = this.src.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.src.length : nl;
  }

  /** Consumes one newline token and then the bodies of the heredocs opened on its line. */
  private newline(): void {
    this.pos++;
    const pending = this.heredocs;
    this.heredocs = [];
    for (const doc of pending) this.heredocBody(doc);
  }

  private heredocBody(doc: PendingHeredoc): void {
    const s = this.src;
    const bodyStart = this.pos;
    const record = (body: Span, terminator?: Span) =>
      this.found?.push({
        operator: { start: doc.at, end: doc.at + (doc.stripTabs ? 3 : 2) },
        delimiter: doc.word,
        body,
        ...(terminator && { terminator }),
      });
    for (;;) {
      if (this.pos >= s.length) {
        record({ start: bodyStart, end: s.length });
        this.fail(`here-document is not terminated (wanted \`${doc.delimiter}\`)`, doc.at);
      }
      const lineStart = this.pos;
      const nl = s.indexOf('\n', this.pos);
      const lineEnd = nl === -1 ? s.length : nl;
      let line = s.slice(this.pos, lineEnd);
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      this.pos = nl === -1 ? s.length : nl + 1;
      if (line === doc.delimiter) {
        record({ start: bodyStart, end: lineStart }, { start: lineStart, end: lineEnd });
        return;
      }
    }
  }

  /** Newlines, blanks and comments, as allowed between commands. */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      this.skipComment();
      if (this.src[this.pos] === '\n') this.newline();
      else return;
    }
  }

  private at(token: string): boolean {
    return this.src.startsWith(token, this.pos);
  }

  /** The reserved word at the current position, if the word there is one. */
  private peekReserved(): string | undefined {
    BARE_WORD.lastIndex = this.pos;
    const m = BARE_WORD.exec(this.src);
    if (!m) return undefined;
    const word = m[0];
    if (!RESERVED.has(word)) return undefined;
    // `{` and `!` need a blank after them to be reserved words; the others end at any metacharacter.
    return word;
  }

  private expectReserved(word: string, opener: string, openedAt: number): void {
    this.skipLinebreaks();
    if (this.peekReserved() === word) {
      this.pos += word.length;
      return;
    }
    if (this.pos >= this.src.length) {
      this.fail(`\`${opener}\` is not closed: expected \`${word}\``, openedAt);
    }
    this.fail(`syntax error near unexpected token ${describe(this.src, this.pos)} (expected \`${word}\`)`);
  }

  // --- lists ------------------------------------------------------------------------------------------

  /** One complete command: everything up to the newline that ends it (plus that line's heredocs). */
  completeCommand(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipBlanks();
      this.skipComment();
      if (this.pos >= this.src.length || this.src[this.pos] === '\n') break;
      statements.push(this.statement());
      if (!this.separator(statements)) break;
    }
    if (statements.length === 0) this.unexpected();
    this.skipBlanks();
    this.skipComment();
    if (this.src[this.pos] === '\n') this.newline();
    // Heredocs still pending here were opened on the last line, with no body after them.
    if (this.heredocs.length > 0) this.heredocBody(this.heredocs[0]!);
    return statements;
  }

  /** After a statement: consumes `;` or `&` and says whether more statements may follow on this line. */
  private separator(statements: Statement[]): boolean {
    this.skipBlanks();
    const c = this.src[this.pos];
    const last = statements[statements.length - 1]!;
    if (c === ';' && !this.at(';;') && !this.at(';&')) {
      this.pos++;
      last.span.end = this.pos;
      return true;
    }
    if (c === '&' && !this.at('&&') && !this.at('&>')) {
      this.pos++;
      last.background = true;
      last.span.end = this.pos;
      return true;
    }
    if (c === '#' || c === '\n' || c === undefined) return false;
    this.unexpected();
  }

  /**
   * Statements until one of `stop` (reserved words), a `)` when `closer`, or `;;` when `caseItem`.
   * Newlines separate statements here, as inside any compound command.
   */
  private list(stop: ReadonlySet<string>, options: { closer?: boolean; caseItem?: boolean } = {}): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.src.length) break;
      if (options.closer && this.src[this.pos] === ')') break;
      if (options.caseItem && (this.at(';;') || this.at(';&'))) break;
      const reserved = this.peekReserved();
      if (reserved !== undefined && stop.has(reserved)) break;
      statements.push(this.statement());
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === '\n' || c === '#' || c === undefined) continue;
      if (options.closer && c === ')') break;
      if (options.caseItem && (this.at(';;') || this.at(';&'))) break;
      this.separator(statements);
    }
    return statements;
  }

  private statement(): Statement {
    const start = this.pos;
    const command = this.andOr();
    return { span: { start, end: this.pos }, command, background: false };
  }

  private andOr(): ShellCommand {
    const start = this.pos;
    const commands = [this.pipeline()];
    for (;;) {
      this.skipBlanks();
      if (!this.at('&&') && !this.at('||')) break;
      this.pos += 2;
      this.skipLinebreaks();
      commands.push(this.pipeline());
    }
    return commands.length === 1 ? commands[0]! : { type: 'andor', span: { start, end: this.pos }, commands };
  }

  private pipeline(): ShellCommand {
    const start = this.pos;
    let negated = false;
    let timed = false;
    for (;;) {
      this.skipBlanks();
      const reserved = this.peekReserved();
      if (reserved === '!') {
        negated = true;
        this.pos++;
      } else if (reserved === 'time') {
        timed = true;
        this.pos += 4;
        this.skipBlanks();
        if (this.at('-p') && isWordEnd(this.src[this.pos + 2])) this.pos += 2;
      } else break;
    }
    const commands = [this.command()];
    for (;;) {
      this.skipBlanks();
      if (this.at('||') || !(this.at('|&') || this.at('|'))) break;
      this.pos += this.at('|&') ? 2 : 1;
      this.skipLinebreaks();
      commands.push(this.command());
    }
    if (commands.length === 1 && !negated && !timed) return commands[0]!;
    return { type: 'pipeline', span: { start, end: this.pos }, commands, negated };
  }

  // --- commands ---------------------------------------------------------------------------------------

  private command(): ShellCommand {
    if (++this.depth > MAX_DEPTH) this.fail('commands are nested too deeply');
    try {
      this.skipBlanks();
      const start = this.pos;
      const c = this.src[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')') this.unexpected();
      if (c === '&' && !this.at('&>')) this.unexpected();
      const reserved = this.peekReserved();
      if (reserved !== undefined && CLOSERS.has(reserved)) this.unexpected();
      let command: ShellCommand;
      switch (reserved) {
        case 'if':
          command = this.ifClause(start);
          break;
        case 'while':
        case 'until':
          command = this.loop(start, reserved);
          break;
        case 'for':
        case 'select':
          command = this.forClause(start, reserved);
          break;
        case 'case':
          command = this.caseClause(start);
          break;
        case '{':
          command = this.group(start);
          break;
        case '[[':
          command = this.conditional(start);
          break;
        case 'function':
          return this.functionKeyword(start);
        default:
          if (c === '(' && this.src[this.pos + 1] === '(') command = this.arithmetic(start);
          else if (c === '(') command = this.subshell(start);
          else return this.simple(start);
      }
      this.trailingRedirects();
      command.span.end = this.pos;
      return command;
    } finally {
      this.depth--;
    }
  }

  private compound(keyword: CompoundKeyword, start: number, body: Statement[]): ShellCommand {
    return { type: 'compound', keyword, span: { start, end: this.pos }, body };
  }

  private ifClause(start: number): ShellCommand {
    this.pos += 2;
    const body: Statement[] = [];
    let keyword = 'if';
    let keywordAt = start;
    for (;;) {
      append(body, this.nonEmptyList(new Set(['then']), keyword, keywordAt));
      this.expectReserved('then', 'if', start);
      append(body, this.nonEmptyList(new Set(['elif', 'else', 'fi']), 'then', this.pos));
      this.skipLinebreaks();
      const next = this.peekReserved();
      if (next === 'elif') {
        keyword = 'elif';
        keywordAt = this.pos;
        this.pos += 4;
        continue;
      }
      if (next === 'else') {
        const elseAt = this.pos;
        this.pos += 4;
        append(body, this.nonEmptyList(new Set(['fi']), 'else', elseAt));
      }
      this.expectReserved('fi', 'if', start);
      return this.compound('if', start, body);
    }
  }

  /** A list that bash requires to hold at least one command (`then fi` is an error). */
  private nonEmptyList(stop: ReadonlySet<string>, opener: string, openedAt: number): Statement[] {
    const statements = this.list(stop);
    if (statements.length === 0) {
      if (this.pos >= this.src.length) {
        this.fail(`\`${opener}\` is not closed`, openedAt);
      }
      this.unexpected();
    }
    return statements;
  }

  private loop(start: number, keyword: 'while' | 'until'): ShellCommand {
    this.pos += keyword.length;
    const body = this.nonEmptyList(new Set(['do']), keyword, start);
    append(body, this.doGroup(start, keyword));
    return this.compound(keyword, start, body);
  }

  private doGroup(start: number, opener: string): Statement[] {
    this.expectReserved('do', opener, start);
    const body = this.nonEmptyList(new Set(['done']), 'do', start);
    this.expectReserved('done', opener, start);
    return body;
  }

  private forClause(start: number, keyword: 'for' | 'select'): ShellCommand {
    this.pos += keyword.length;
    this.skipBlanks();
    if (keyword === 'for' && this.at('((')) {
      this.arithmeticBody();
      this.skipBlanks();
      if (this.src[this.pos] === ';') this.pos++;
    } else {
      const name = this.word();
      if (!name || !NAME.test(this.src.slice(name.start, name.end))) {
        this.fail(`\`${keyword}\` needs a variable name`, name?.start ?? this.pos);
      }
      this.skipLinebreaks();
      if (this.peekReserved() === 'in') {
        this.pos += 2;
        for (;;) {
          this.skipBlanks();
          const c = this.src[this.pos];
          if (c === ';' || c === '\n' || c === '#' || c === undefined) break;
          if (!this.word()) this.unexpected();
        }
        this.skipComment();
      }
      this.skipBlanks();
      if (this.src[this.pos] === ';') this.pos++;
    }
    const body = this.doGroup(start, keyword);
    return this.compound(keyword, start, body);
  }

  private caseClause(start: number): ShellCommand {
    this.pos += 4;
    this.skipBlanks();
    if (!this.word()) this.fail('`case` needs a word to match');
    this.expectReserved('in', 'case', start);
    const body: Statement[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.src.length) {
        this.fail(`\`case\` is not closed: expected \`esac\``, start);
      }
      if (this.peekReserved() === 'esac') {
        this.pos += 4;
        return this.compound('case', start, body);
      }
      if (this.src[this.pos] === '(') this.pos++;
      for (;;) {
        this.skipBlanks();
        if (!this.word()) this.unexpected();
        this.skipBlanks();
        if (this.src[this.pos] !== '|') break;
        this.pos++;
      }
      if (this.src[this.pos] !== ')') this.unexpected();
      this.pos++;
      append(body, this.list(new Set(['esac']), { caseItem: true }));
      this.skipBlanks();
      for (const end of [';;&', ';;', ';&']) {
        if (this.at(end)) {
          this.pos += end.length;
          break;
        }
      }
    }
  }

  private group(start: number): ShellCommand {
    this.pos += 1;
    const body = this.nonEmptyList(new Set(['}']), '{', start);
    this.expectReserved('}', '{', start);
    return this.compound('{', start, body);
  }

  private subshell(start: number): ShellCommand {
    this.pos += 1;
    const body = this.list(new Set(), { closer: true });
    this.closeParen(start, '(');
    return this.compound('(', start, body);
  }

  private closeParen(openedAt: number, opener: string): void {
    this.skipLinebreaks();
    if (this.src[this.pos] === ')') {
      this.pos++;
      return;
    }
    if (this.pos >= this.src.length) {
      this.fail(`\`${opener}\` is not closed: expected \`)\``, openedAt);
    }
    this.unexpected();
  }

  private arithmetic(start: number): ShellCommand {
    this.arithmeticBody();
    return this.compound('((', start, []);
  }

  /** `(( … ))` or the `((` of `$((`: balanced parentheses up to the closing `))`. */
  private arithmeticBody(): void {
    const start = this.pos;
    this.pos += 2;
    let depth = 0;
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail(`\`((\` is not closed: expected \`))\``, start);
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (s[this.pos + 1] !== ')') this.fail('syntax error in arithmetic: expected `))`');
          this.pos += 2;
          return;
        }
        depth--;
      } else if (c === '\\') this.pos++;
      else if (c === "'" || c === '"' || c === '`' || c === '$') {
        this.wordPart();
        continue;
      }
      this.pos++;
    }
  }

  private conditional(start: number): ShellCommand {
    this.pos += 2;
    const s = this.src;
    for (;;) {
      this.skipBlanks();
      const c = s[this.pos];
      if (c === undefined) this.fail(`\`[[\` is not closed: expected \`]]\``, start);
      if (this.at(']]') && isWordEnd(s[this.pos + 2])) {
        this.pos += 2;
        return this.compound('[[', start, []);
      }
      if (c === '\n') this.newline();
      else if (this.at('&&') || this.at('||')) this.pos += 2;
      else if (c === '(' || c === ')' || c === '!' || c === '<' || c === '>') this.pos++;
      else if (!this.word({ conditional: true })) this.unexpected();
    }
  }

  private functionKeyword(start: number): ShellCommand {
    this.pos += 8;
    this.skipBlanks();
    const name = this.word();
    if (!name) this.fail('`function` needs a name');
    this.skipBlanks();
    if (this.src[this.pos] === '(') {
      this.pos++;
      this.skipBlanks();
      if (this.src[this.pos] !== ')') this.unexpected();
      this.pos++;
    }
    return this.functionBody(start, this.src.slice(name.start, name.end));
  }

  private functionBody(start: number, name: string): ShellCommand {
    this.skipLinebreaks();
    const reserved = this.peekReserved();
    const compound =
      this.src[this.pos] === '(' ||
      reserved === '{' ||
      reserved === 'if' ||
      reserved === 'while' ||
      reserved === 'until' ||
      reserved === 'for' ||
      reserved === 'select' ||
      reserved === 'case' ||
      reserved === '[[';
    if (!compound) {
      if (this.pos >= this.src.length) this.fail(`function \`${name}\` has no body`, start);
      this.fail(`the body of function \`${name}\` must be a compound command such as \`{ …; }\``);
    }
    const body = this.command();
    return { type: 'function', span: { start, end: this.pos }, name, body };
  }

  private simple(start: number): ShellCommand {
    const assignments: Word[] = [];
    const words: Word[] = [];
    let redirects = 0;
    const s = this.src;
    for (;;) {
      this.skipBlanks();
      const c = s[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')' || c === '#') break;
      if (c === '&' && s[this.pos + 1] !== '>') break;
      if (c === '(') {
        if (words.length === 1 && assignments.length === 0 && redirects === 0) {
          this.pos++;
          this.skipBlanks();
          if (s[this.pos] !== ')') this.unexpected();
          this.pos++;
          return this.functionBody(start, s.slice(words[0]!.start, words[0]!.end));
        }
        this.unexpected();
      }
      if (this.redirect()) {
        redirects++;
        continue;
      }
      const word = this.word();
      if (!word) this.unexpected();
      if (
        (s[this.pos] === '<' || s[this.pos] === '>') &&
        /^(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})$/.test(s.slice(word.start, word.end))
      ) {
        // `2>file`, `{fd}>file`: the word was the redirection's file descriptor.
        if (!this.redirect()) this.unexpected();
        redirects++;
        continue;
      }
      if (words.length === 0 && ASSIGNMENT.test(s.slice(word.start, word.end))) assignments.push(word);
      else words.push(word);
    }
    if (words.length === 0 && assignments.length === 0 && redirects === 0) this.unexpected();
    return { type: 'simple', span: { start, end: this.pos }, assignments, words };
  }

  private trailingRedirects(): void {
    for (;;) {
      this.skipBlanks();
      const save = this.pos;
      if (this.redirect()) continue;
      if (/\d/.test(this.src[this.pos] ?? '')) {
        const word = this.word();
        if (word && /^\d+$/.test(this.src.slice(word.start, word.end)) && this.redirect()) continue;
      }
      this.pos = save;
      return;
    }
  }

  /** A redirection operator and its target, if one starts here. */
  private redirect(): boolean {
    const s = this.src;
    const c = s[this.pos];
    if (c !== '<' && c !== '>' && !(c === '&' && s[this.pos + 1] === '>')) return false;
    if ((c === '<' || c === '>') && s[this.pos + 1] === '(') return false; // process substitution: a word
    const opAt = this.pos;
    const op = /^(&>>|&>|<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)/.exec(s.slice(this.pos, this.pos + 3))![0];
    this.pos += op.length;
    this.skipBlanks();
    const next = s[this.pos];
    if (isWordEnd(next) && !((next === '<' || next === '>') && s[this.pos + 1] === '(')) {
      this.fail(`\`${op}\` must be followed by a word, not ${describe(s, this.pos)}`);
    }
    const target = this.word();
    if (!target) this.unexpected();
    if (op === '<<' || op === '<<-') {
      const raw = s.slice(target.start, target.end);
      this.heredocs.push({ delimiter: unquote(raw), stripTabs: op === '<<-', at: opAt, word: target });
    }
    return true;
  }

  // --- words ------------------------------------------------------------------------------------------

  /**
   * One word: unquoted characters, quotes, escapes, `$…` expansions, backquotes, extglobs, array values.
   * Returns undefined when no word starts here.
   */
  private word(options: { conditional?: boolean } = {}): Word | undefined {
    const s = this.src;
    const start = this.pos;
    let literal = true;
    for (;;) {
      const c = s[this.pos];
      if (c === '(' && this.pos > start) {
        const before = s.slice(start, this.pos);
        if (
          /[@!+*?]$/.test(before) ||
          /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(before) ||
          options.conditional
        ) {
          this.balancedParens();
          literal = false;
          continue;
        }
        break;
      }
      if ((c === '<' || c === '>') && s[this.pos + 1] === '(' && this.pos === start) {
        this.pos += 2;
        this.list(new Set(), { closer: true });
        this.closeParen(start, `${c}(`);
        literal = false;
        continue;
      }
      if (options.conditional && this.pos > start && c === '|' && s[this.pos + 1] !== '|') {
        this.pos++; // inside `[[ … ]]`, a lone `|` belongs to a regular expression
        continue;
      }
      if (isWordEnd(c)) break;
      if (c === '\\') {
        this.pos += s[this.pos + 1] === undefined ? 1 : 2;
        continue;
      }
      if (c === "'" || c === '"' || c === '`' || c === '$') {
        if (this.wordPart()) literal = false;
        continue;
      }
      this.pos++;
    }
    if (this.pos === start) return undefined;
    const word: Word = { start, end: this.pos };
    if (literal) word.literal = unquote(s.slice(start, this.pos));
    return word;
  }

  /**
   * A quoted string or an expansion starting at the current position. Returns whether it keeps its word from
   * being literal: false only for `'…'` and for `"…"` without `$` or backquotes in it (`$'…'` counts as not
   * literal too: quote removal does not decode it).
   */
  private wordPart(): boolean {
    // Quotes and expansions nest in each other (`$(( $(( …`): as deep as a file allows, unless limited.
    if (++this.depth > MAX_DEPTH) this.fail('quotes and expansions are nested too deeply');
    try {
      return this.wordPartWithin();
    } finally {
      this.depth--;
    }
  }

  private wordPartWithin(): boolean {
    const s = this.src;
    const start = this.pos;
    const c = s[this.pos];
    if (c === "'") {
      const close = s.indexOf("'", this.pos + 1);
      if (close === -1) this.fail(`unterminated quoted string: this \`'\` is never closed`, start);
      this.pos = close + 1;
      return false;
    }
    if (c === '"') return this.doubleQuoted();
    if (c === '`') {
      this.backquoted();
    } else if (c === '$') {
      const next = s[this.pos + 1];
      if (next === '(' && s[this.pos + 2] === '(') {
        this.pos++;
        this.arithmeticBody();
      } else if (next === '(') {
        this.pos += 2;
        if (++this.depth > MAX_DEPTH) this.fail('commands are nested too deeply');
        this.list(new Set(), { closer: true });
        this.depth--;
        this.closeParen(start, '$(');
      } else if (next === '{') {
        this.braceParameter();
      } else if (next === "'") {
        this.pos += 2;
        for (;;) {
          const d = s[this.pos];
          if (d === undefined) this.fail(`unterminated quoted string: this \`$'\` is never closed`, start);
          if (d === '\\') this.pos += 2;
          else {
            this.pos++;
            if (d === "'") break;
          }
        }
      } else if (next === '"') {
        this.pos++;
        this.doubleQuoted();
      } else {
        this.pos++;
      }
    }
    return true;
  }

  /** `"…"`; returns whether it has an expansion (`$…` or backquotes) in it. */
  private doubleQuoted(): boolean {
    const s = this.src;
    const start = this.pos;
    let expands = false;
    this.pos++;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail(`unterminated quoted string: this \`"\` is never closed`, start);
      if (c === '"') {
        this.pos++;
        return expands;
      }
      if (c === '\\') this.pos += 2;
      else if (c === '$' || c === '`') {
        this.wordPart();
        expands = true;
      } else this.pos++;
    }
  }

  private backquoted(): void {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail(`unterminated command substitution: this \`\`\` is never closed`, start);
      if (c === '\\') this.pos += 2;
      else {
        this.pos++;
        if (c === '`') return;
      }
    }
  }

  private braceParameter(): void {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail(`unterminated parameter expansion: this \`\${\` is never closed`, start);
      if (c === '}') {
        this.pos++;
        return;
      }
      if (c === '\\') this.pos += 2;
      else if (c === '"' || c === "'" || c === '$' || c === '`') this.wordPart();
      else this.pos++;
    }
  }

  /** `( … )` inside a word (extglob, array value, `[[` regex): quotes respected, newlines allowed. */
  private balancedParens(): void {
    const s = this.src;
    const start = this.pos;
    let depth = 0;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) this.fail(`\`(\` is not closed: expected \`)\``, start);
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      } else if (c === '\\') {
        this.pos++;
      } else if (c === "'" || c === '"' || c === '`' || c === '$') {
        this.wordPart();
        continue;
      } else if (c === '#' && /\s/.test(s[this.pos - 1] ?? '')) {
        this.skipComment();
        continue;
      }
      this.pos++;
    }
  }
}

/** Quote removal for a literal word (`'a b'` → `a b`, `"x"` → `x`, `\$` → `$`). */
export function unquote(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, close === -1 ? raw.length : close);
      i = close === -1 ? raw.length : close;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && '"\\$`\n'.includes(raw[i + 1] ?? '')) i++;
        out += raw[i];
        i++;
      }
    } else if (c === '\\') {
      i++;
      if (raw[i] !== '\n' && i < raw.length) out += raw[i];
    } else out += c;
  }
  return out;
}

/**
 * Parses the one complete command that starts at `start` (which must not be blank or a comment): the
 * statements up to the newline that ends it, including continuation lines and heredoc bodies. `end` is
 * the offset just after that newline (or the end of the text). Messages about something left open are
 * positioned at the opening token.
 */
export function parseCommandAt(text: string, start: number, heredocs?: Heredoc[]): CommandParse {
  const parser = new Parser(text, start, heredocs);
  try {
    const statements = parser.completeCommand();
    return { ok: true, statements, end: parser.pos };
  } catch (error) {
    if (error instanceof SyntaxProblem) {
      return { ok: false, error: { message: error.message, offset: error.offset, stoppedAt: error.stoppedAt } };
    }
    throw error;
  }
}

/**
 * Parses a whole script into its complete commands (stopping at the first syntax error). Here-documents met
 * on the way are added to `heredocs` when it is given (the highlighter's use).
 */
export function parseScript(text: string, heredocs?: Heredoc[]): { statements: Statement[]; error?: ShellSyntaxError } {
  const statements: Statement[] = [];
  const nonBlank = /\S/g;
  let pos = 0;
  for (;;) {
    nonBlank.lastIndex = pos;
    const next = nonBlank.exec(text);
    if (!next) return { statements };
    pos = next.index;
    if (text[pos] === '#') {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) return { statements };
      pos = nl + 1;
      continue;
    }
    const parsed = parseCommandAt(text, pos, heredocs);
    if (!parsed.ok) return { statements, error: parsed.error };
    append(statements, parsed.statements);
    pos = parsed.end;
  }
}

/** Calls `visit` for every command node in `statements`, depth first (function bodies included). */
export function walkCommands(statements: readonly Statement[], visit: (command: ShellCommand) => void): void {
  const walk = (command: ShellCommand): void => {
    visit(command);
    switch (command.type) {
      case 'function':
        walk(command.body);
        break;
      case 'compound':
        for (const statement of command.body) walk(statement.command);
        break;
      case 'pipeline':
      case 'andor':
        for (const part of command.commands) walk(part);
        break;
      case 'simple':
        break;
    }
  };
  for (const statement of statements) walk(statement.command);
}
