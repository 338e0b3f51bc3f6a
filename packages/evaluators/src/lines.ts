/** Text lines with their 1-based numbers; CRLF and LF both end a line, a missing final newline is fine. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A UTF-8 byte order mark is not part of the first field.
  if (lines.length > 0 && lines[0]!.charCodeAt(0) === 0xfeff) lines[0] = lines[0]!.slice(1);
  return lines;
}
