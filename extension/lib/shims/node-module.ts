// Browser stand-in for Node's "module": email-reply-parser asks createRequire for the optional native `re2` package and
// falls back to the browser's own RegExp when that require throws, which is all the panel needs.
export function createRequire(): (id: string) => never {
  return (id: string) => {
    throw new Error(`${id} is not available in the browser`);
  };
}
