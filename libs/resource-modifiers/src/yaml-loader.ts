// YAML as go-yaml v2 (behind sigs.k8s.io/yaml) reads it: YAML 1.1 scalars (`yes`, `Y` and `on`
// are booleans), the first document only, and go-yaml's error forms — `yaml: line N: …` for syntax
// and `yaml: unmarshal errors:` for a key set twice when duplicates are refused. One difference of
// the yaml package is closed: it accepts a plain scalar starting with `:` inside `{}`/`[]`
// (`{"a"::1}`), which go-yaml rejects.
import { isCollection, parseAllDocuments, visit, type Document } from 'yaml';

/** Outcome of {@link loadYaml}: the first document (none for empty text), or go-yaml's message. */
export type YamlLoadResult = { readonly ok: true; readonly doc: Document | undefined } | { readonly ok: false; readonly message: string };

/** Parses `text` (pure); `uniqueKeys` refuses a key set twice in one mapping, as UnmarshalStrict does. */
export function loadYaml(text: string, uniqueKeys: boolean): YamlLoadResult {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc === undefined) return { ok: true, doc: undefined };
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0]?.line ?? 1;
    if (error.code === 'DUPLICATE_KEY') {
      const key = keyAt(text.slice(error.pos[0]));
      return { ok: false, message: `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key)} already set in map` };
    }
    const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, message: `yaml: line ${line}: ${first}` };
  }
  const colonScalarLine = flowColonScalarLine(doc, text);
  if (colonScalarLine !== undefined) {
    // A go-yaml parser error (not a scanner one): its line is counted from 0 and left out when 0.
    const where = colonScalarLine > 1 ? `line ${colonScalarLine - 1}: ` : '';
    return { ok: false, message: `yaml: ${where}did not find expected node content` };
  }
  const aliasProblem = aliasError(doc);
  if (aliasProblem !== undefined) return { ok: false, message: aliasProblem };
  return { ok: true, doc };
}

/** The mapping key that starts `rest` (quoted or plain), as go-yaml names it. */
function keyAt(rest: string): string {
  const double = /^"(?:[^"\\]|\\.)*"/.exec(rest);
  if (double !== null) return JSON.parse(double[0]) as string;
  const single = /^'(?:[^']|'')*'/.exec(rest);
  if (single !== null) return single[0].slice(1, -1).replaceAll("''", "'");
  return (/^(.*?)\s*:(?:\s|$)/.exec(rest)?.[1] ?? rest.split('\n')[0] ?? '').trim();
}

/** Most expansions of one anchor's aliases (the yaml package's `maxAliasCount`) before an alias bomb is refused. */
const maxAliasCount = 100;

// go-yaml refuses a document whose aliases expand out of proportion to its size (a billion-laughs
// bomb) and an alias of an anchor not defined before it; the yaml package throws a ReferenceError
// on converting either, a bomb before expanding it.
function aliasError(doc: Document): string | undefined {
  try {
    doc.toJS({ maxAliasCount });
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const unresolved = /^Unresolved alias \(the anchor must be set before the alias\): (.*)$/.exec(error.message);
    return unresolved === null ? 'yaml: document contains excessive aliasing' : `yaml: unknown anchor '${unresolved[1]}' referenced`;
  }
}

function flowColonScalarLine(doc: Document, text: string): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Scalar(_key, node, path) {
      const inFlow = path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true);
      if (inFlow && node.type === 'PLAIN' && node.source?.startsWith(':')) {
        line = text.slice(0, node.range?.[0] ?? 0).split('\n').length;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return line;
}
