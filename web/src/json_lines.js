// Where each JSON pointer of a document lies in its text: pointerLines(text) maps "/steps/2/at"
// to the 1-based line of that member's key (or of the array element's value), so the server's
// field errors can be shown at their line. The text must be valid JSON (JSON.parse accepts it);
// otherwise an empty map is answered. syntaxErrorLine(text) gives the line of a syntax error.

function escapePointer(segment) {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerLines(text) {
  const lines = new Map();
  let index = 0;
  let line = 1;

  function skipSpace() {
    while (index < text.length) {
      const c = text[index];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      index++;
    }
  }

  function readString() {
    let out = '';
    index++;  // opening quote
    while (index < text.length && text[index] !== '"') {
      if (text[index] === '\\') {
        const next = text[index + 1];
        if (next === 'u') {
          out += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
          index += 6;
          continue;
        }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[next] ?? next;
        index += 2;
        continue;
      }
      out += text[index++];
    }
    index++;  // closing quote
    return out;
  }

  function value(pointer) {
    skipSpace();
    if (!lines.has(pointer)) lines.set(pointer, line);
    const c = text[index];
    if (c === '{') {
      index++;
      skipSpace();
      if (text[index] === '}') {
        index++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyLine = line;
        const key = readString();
        const child = pointer + '/' + escapePointer(key);
        lines.set(child, keyLine);
        skipSpace();
        index++;  // colon
        value(child);
        skipSpace();
        if (text[index] === ',') {
          index++;
          continue;
        }
        index++;  // closing brace
        return;
      }
    }
    if (c === '[') {
      index++;
      skipSpace();
      if (text[index] === ']') {
        index++;
        return;
      }
      for (let i = 0; ; i++) {
        value(pointer + '/' + i);
        skipSpace();
        if (text[index] === ',') {
          index++;
          continue;
        }
        index++;
        return;
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (index < text.length && !/[\s,\]}]/.test(text[index])) index++;
  }

  try {
    JSON.parse(text);
  } catch {
    return lines;
  }
  value('');
  return lines;
}

// The line of `pointer`, or of its nearest ancestor that has one ("/steps/9" -> "/steps").
export function lineOf(lines, pointer) {
  let current = pointer;
  for (;;) {
    if (lines.has(current)) return lines.get(current);
    if (current === '') return 1;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}

// { line, message } of a JSON syntax error, or null when the text parses.
export function syntaxError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = String(error.message);
    let line = null;
    const lineMatch = /line (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    if (lineMatch) line = Number(lineMatch[1]);
    else if (position) line = text.slice(0, Number(position[1])).split('\n').length;
    return { line: line || 1, message };
  }
}
