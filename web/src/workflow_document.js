// A workflow document as the editor shows it: pretty JSON without the store-assigned version.
export function documentText(document) {
  const copy = { ...document };
  delete copy.version;
  return JSON.stringify(copy, null, 2);
}
