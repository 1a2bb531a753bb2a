// A line diff (longest common subsequence) between two texts: an array of { kind, text, a, b }
// with kind 'same', 'removed' (only in a, numbered a) or 'added' (only in b, numbered b).
// Quadratic in the line counts: meant for workflow documents of a few hundred lines.
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const common = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 :
          Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i], a: i + 1, b: j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || common[i + 1][j] >= common[i][j + 1])) {
      out.push({ kind: 'removed', text: a[i], a: i + 1 });
      i++;
    } else {
      out.push({ kind: 'added', text: b[j], b: j + 1 });
      j++;
    }
  }
  return out;
}
