// The programs localcluster runs, as data: a file and its arguments, never a shell string.

/** A program and its arguments, run without a shell. */
export interface Command {
  file: string;
  args: readonly string[];
  /** Extra environment variables for this command only. */
  env?: Readonly<Record<string, string>>;
}

export function run(
  file: string,
  args: readonly string[],
  extra: Partial<Omit<Command, 'file' | 'args'>> = {},
): Command {
  return { file, args, ...extra };
}
