// Raw terminal input → keys. Several keys can arrive in one chunk (a paste, tmux send-keys, a fast typist),
// so a chunk is always split into a list and every key is handled in order.

export type KeyName =
  | 'return'
  | 'space'
  | 'backspace'
  | 'tab'
  | 'escape'
  | 'ctrl-c'
  | 'ctrl-d'
  | 'ctrl-l'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'char'
  | 'unknown';

export interface Key {
  name: KeyName;
  /** The bytes as received (for `char`: the character itself). */
  sequence: string;
}

const escapes: Record<string, KeyName> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  '[H': 'home',
  '[F': 'end',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[4~': 'end',
  '[5~': 'pageup',
  '[6~': 'pagedown',
};

const controls: Record<string, KeyName> = {
  '\r': 'return',
  '\n': 'return',
  ' ': 'space',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x03': 'ctrl-c',
  '\x04': 'ctrl-d',
  '\x0c': 'ctrl-l',
};

export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i]!;
    if (c === '\x1b') {
      // CSI / SS3 sequence: ESC [ params final, or ESC O letter. A lone ESC is the Escape key.
      const m = chunk.slice(i).match(/^\x1b(\[[0-9;?]*[ -/]*[@-~]|O[A-Za-z])/);
      if (m) {
        keys.push({ name: escapes[m[1]!] ?? 'unknown', sequence: m[0] });
        i += m[0].length;
      } else {
        keys.push({ name: 'escape', sequence: c });
        i++;
      }
      continue;
    }
    if (c === '\r' && chunk[i + 1] === '\n') {
      keys.push({ name: 'return', sequence: '\r\n' });
      i += 2;
      continue;
    }
    const char = String.fromCodePoint(chunk.codePointAt(i)!);
    const name = controls[char] ?? (char < ' ' ? 'unknown' : 'char');
    keys.push({ name, sequence: char });
    i += char.length;
  }
  return keys;
}
