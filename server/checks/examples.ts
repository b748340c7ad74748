/** An example sentence with its expected span written in [brackets]: "We will [empower] them." */
export interface MarkedExample {
  text: string;
  start: number;
  end: number;
}

export function parseMarkedExample(marked: string): MarkedExample | null {
  const open = marked.indexOf('[');
  const close = marked.indexOf(']', open + 1);
  if (open < 0 || close < 0) return null;
  const text = marked.slice(0, open) + marked.slice(open + 1, close) + marked.slice(close + 1);
  return { text, start: open, end: close - 1 };
}
