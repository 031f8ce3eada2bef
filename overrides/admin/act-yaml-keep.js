// Writing a data file back after an edit so that only what changed changes: the lines of an
// entry, a field or a list item whose value is the same as before are kept as they were
// written (their comments, folded text and quotes too); only changed values are written anew.
// Our data files are block YAML with two-space indentation: a list at the top, mappings in
// it, lists of mappings in those (data/referrals.yml: needs > helplines > fields).
//
// writeKeeping(oldText, oldValue, newValue, dump): the new file text. `oldText` is the file as
// read (without its opening comment), `oldValue` what it held, `newValue` what the form holds,
// `dump(value)` writes a value as YAML text (js-yaml's dump with our options).

// A value with the empty ones left out, and scalars as text: the form gives a number it did
// not touch back as text ("277424"), and an empty list or "" where the file had nothing.
function plain(value) {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const kept = {};
    for (const key of Object.keys(value).sort()) {
      const item = plain(value[key]);
      if (!isNothing(item)) kept[key] = item;
    }
    return kept;
  }
  return value === null || value === undefined ? null : String(value);
}

function isNothing(value) {
  return (
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && value !== null && Object.keys(value).length === 0)
  );
}

export function same(a, b) {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

const isMapping = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isComment = (line) => line.trim() === "" || line.trim().startsWith("#");

// Split lines into chunks, each starting at a line that `starts`; lines before the first
// start are returned as `head`, and comment or blank lines at the end of each chunk as its
// `tail` (kept even when the chunk itself is written anew).
function chunks(lines, starts) {
  const found = [];
  let head = [];
  for (const line of lines) {
    if (starts(line)) found.push({ lines: [line] });
    else if (found.length) found[found.length - 1].lines.push(line);
    else head.push(line);
  }
  for (const chunk of found) {
    let end = chunk.lines.length;
    while (end > 1 && isComment(chunk.lines[end - 1])) end -= 1;
    chunk.tail = chunk.lines.slice(end);
    chunk.lines = chunk.lines.slice(0, end);
  }
  return { head, found };
}

function indented(text, spaces) {
  const pad = " ".repeat(spaces);
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => (line ? pad + line : line));
}

// A list at `indent` ("- " at that column): keep the items that did not change.
function keepList(lines, oldList, newList, indent, dump) {
  const prefix = " ".repeat(indent) + "- ";
  const { head, found } = chunks(lines, (line) => line.startsWith(prefix));
  if (found.length !== oldList.length) return null; // not laid out as we read it: write anew
  const out = [...head];
  newList.forEach((item, index) => {
    const old = index < oldList.length ? oldList[index] : undefined;
    const chunk = index < found.length ? found[index] : null;
    if (chunk && same(old, item)) {
      out.push(...chunk.lines);
    } else if (chunk && isMapping(old) && isMapping(item)) {
      // The item's mapping starts after "- ": read it as a mapping two columns in.
      const asMapping = [" ".repeat(indent + 2) + chunk.lines[0].slice(prefix.length)];
      const kept = keepMapping(
        [...asMapping, ...chunk.lines.slice(1)],
        old,
        item,
        indent + 2,
        dump,
      );
      if (kept === null) out.push(...indented(dump([item]), indent));
      else out.push(prefix + kept[0].slice(indent + 2), ...kept.slice(1));
    } else {
      out.push(...indented(dump([item]), indent));
    }
    if (chunk) out.push(...chunk.tail);
  });
  return out;
}

// A mapping whose keys are at `indent`: keep the fields that did not change, in their order;
// a new field goes at the end, as the form orders it.
function keepMapping(lines, oldMap, newMap, indent, dump) {
  const pad = " ".repeat(indent);
  const { head, found } = chunks(
    lines,
    (line) => line.startsWith(pad) && /^[A-Za-z_][\w-]*:/.test(line.slice(indent)),
  );
  const byKey = new Map(found.map((chunk) => [chunk.lines[0].slice(indent).split(":")[0], chunk]));
  if (byKey.size !== found.length) return null;
  const out = [...head];
  const write = (key, value) => {
    if (isNothing(plain(value))) return;
    out.push(...indented(dump({ [key]: value }), indent));
  };
  for (const [key, chunk] of byKey) {
    const had = oldMap[key];
    const has = newMap[key];
    if (same(had, has)) {
      out.push(...chunk.lines);
    } else if (Array.isArray(had) && Array.isArray(has) && chunk.lines.length > 1) {
      const kept = keepList(chunk.lines.slice(1), had, has, indent + 2, dump);
      if (kept === null || has.length === 0) write(key, has);
      else out.push(chunk.lines[0], ...kept);
    } else {
      write(key, has);
    }
    out.push(...chunk.tail);
  }
  for (const key of Object.keys(newMap)) {
    if (!byKey.has(key)) write(key, newMap[key]);
  }
  return out;
}

export function writeKeeping(oldText, oldValue, newValue, dump) {
  if (!Array.isArray(oldValue) || !Array.isArray(newValue)) return dump(newValue);
  const kept = keepList(oldText.replace(/\n$/, "").split("\n"), oldValue, newValue, 0, dump);
  return kept === null ? dump(newValue) : kept.join("\n") + "\n";
}
