// TEMPORARY until src/markdown lands its extractor.
export function stateChanges(command: string): string | undefined {
  return /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*=|^\s*cd\b|\(\)\s*\{/.test(command) ? command : undefined;
}
