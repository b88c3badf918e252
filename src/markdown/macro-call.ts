// A command line whose first word names a macro calls that macro, as in demosh: its README says a macro need
// not be invoked with a leading `#@`, and its runner looks the first word of every command up among the
// macros before it hands the line to a shell. The macro wins over a shell function or command of the same
// name, because demosh looks macros up first and because the workshop text then means the same on every
// machine, whatever is on its PATH.
import { parseScript, type ShellCommand, type Word } from './shell/syntax.js';

export interface PlainMacroCall {
  /** The macro called. */
  name: string;
  /** What follows the macro's name in the command (arguments, `&& …`, more commands): it does not run. */
  ignored: string;
}

/** Cheap first look: only a command whose leading token, quotes removed, is a macro's name is parsed. */
const LEADING_TOKEN = /^\s*([^\s;&|<>()]+)/;

/** The first word of the command that runs first in `command`, when it is a plain word after no assignment. */
function leadingWord(command: ShellCommand): Word | undefined {
  switch (command.type) {
    case 'simple':
      return command.assignments.length === 0 ? command.words[0] : undefined;
    case 'andor':
      return leadingWord(command.commands[0]!);
    case 'pipeline':
      return command.negated ? undefined : leadingWord(command.commands[0]!);
    default:
      return undefined;
  }
}

/**
 * The macro that the command `text` calls, if its first word is the name of one (`isMacro` says which names
 * are macros at that point). A command bash would reject calls nothing: it is reported as a syntax error.
 */
export function plainMacroCall(text: string, isMacro: (name: string) => boolean): PlainMacroCall | undefined {
  const candidate = LEADING_TOKEN.exec(text)?.[1]?.replace(/["']/g, '');
  if (candidate === undefined || !isMacro(candidate)) return undefined;
  const { statements, error } = parseScript(text);
  const first = statements[0];
  if (error || !first) return undefined;
  const word = leadingWord(first.command);
  if (word?.literal !== candidate) return undefined;
  return { name: candidate, ignored: text.slice(word.end, statements.at(-1)!.span.end).trim() };
}
