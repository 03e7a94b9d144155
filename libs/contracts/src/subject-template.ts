import { InvalidDefinitionError } from './errors';
import { assertSubjectToken, plainToken, type TokenCodec } from './subject-token';

/** A named variable token of a subject (e.g. the node of a move job), with its codec. */
export interface SubjectParam<N extends string = string> {
  readonly kind: 'param';
  readonly name: N;
  readonly codec: TokenCodec;
}

/** Declares a variable token `name`; values go through `codec` (default: must already be a token). */
export function param<const N extends string>(name: N, codec: TokenCodec = plainToken): SubjectParam<N> {
  return { kind: 'param', name, codec };
}

/** One part of a template: literal token(s) (`"ferry.job"` is two tokens) or a parameter. */
export type SubjectPart = string | SubjectParam;

/** The parameter names declared in a tuple of parts. */
export type ParamNames<T extends readonly SubjectPart[]> = Extract<T[number], SubjectParam>['name'];

/** Values for every parameter of a template, unencoded (e.g. the real node name). */
export type SubjectParams<P extends string> = { readonly [K in P]: string };

/**
 * A subject with variable tokens. Immutable and pure; `build` and `filter` throw
 * {@link InvalidSubjectTokenError} for values their codec rejects, so no caller can publish to
 * `ferry.job.move.v1.*` by passing `*` as a node.
 */
export interface SubjectTemplate<P extends string = string> {
  /** Human-readable pattern, e.g. `ferry.job.move.v1.{node}`; low cardinality, fit for span names. */
  readonly pattern: string;
  /** Parameter names in subject order. */
  readonly paramNames: readonly P[];
  /** The filter matching every subject of this template (`*` for each parameter). */
  readonly wildcard: string;
  /** The concrete subject for these parameter values. */
  build(params: SubjectParams<P>): string;
  /** A subscription filter: given parameters fixed, the others `*`. */
  filter(params: Partial<SubjectParams<P>>): string;
  /** The decoded parameters of a concrete subject, or `undefined` when it is not one of ours. */
  parse(subject: string): SubjectParams<P> | undefined;
}

type Token = { readonly literal: string } | { readonly param: SubjectParam };

function tokenize(parts: readonly SubjectPart[]): Token[] {
  const tokens: Token[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      for (const literal of part.split('.')) {
        tokens.push({ literal: assertSubjectToken(literal, `literal token of subject part "${part}"`) });
      }
    } else {
      tokens.push({ param: part });
    }
  }
  return tokens;
}

/**
 * Builds a {@link SubjectTemplate} from literal parts and {@link param}s, e.g.
 * `subjectTemplate(['ferry.job.move.v1', param('node', nodeNameToken)])`. Throws at definition time
 * for invalid literals or a parameter declared twice.
 */
export function subjectTemplate<const T extends readonly SubjectPart[]>(parts: T): SubjectTemplate<ParamNames<T>> {
  type P = ParamNames<T>;
  const tokens = tokenize(parts);
  const names = tokens.flatMap((t) => ('param' in t ? [t.param.name as P] : []));
  if (new Set(names).size !== names.length) {
    throw new InvalidDefinitionError(`subject parts ${JSON.stringify(parts)} declare a parameter twice`);
  }
  const pattern = tokens.map((t) => ('param' in t ? `{${t.param.name}}` : t.literal)).join('.');
  const what = (name: string): string => `parameter "${name}" of subject ${pattern}`;
  const render = (params: Partial<Record<string, string>>, requireAll: boolean): string =>
    tokens
      .map((t) => {
        if (!('param' in t)) return t.literal;
        const value = params[t.param.name];
        if (value === undefined) {
          if (requireAll) throw new InvalidDefinitionError(`${what(t.param.name)} is missing`);
          return '*';
        }
        return t.param.codec.encode(value, what(t.param.name));
      })
      .join('.');

  return {
    pattern,
    paramNames: names,
    wildcard: render({}, false),
    build: (params) => render(params, true),
    filter: (params) => render(params, false),
    parse(subject) {
      const parts = subject.split('.');
      if (parts.length !== tokens.length) return undefined;
      const result: Record<string, string> = {};
      for (const [i, t] of tokens.entries()) {
        const actual = parts[i] ?? '';
        if ('param' in t) result[t.param.name] = t.param.codec.decode(actual);
        else if (t.literal !== actual) return undefined;
      }
      return result as SubjectParams<P>;
    },
  };
}
