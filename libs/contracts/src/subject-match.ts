/**
 * Pure matching of NATS subjects and subject filters (`*` matches one token, a final `>` one or
 * more). Used to check that streams capture their contracts and that no two contracts collide.
 */

function tokensOf(subject: string): readonly string[] {
  return subject.split('.');
}

/** True when the concrete `subject` is matched by `filter`. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = tokensOf(filter);
  const s = tokensOf(subject);
  for (let i = 0; i < f.length; i++) {
    const token = f[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}

/** True when some concrete subject is matched by both filters. */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = tokensOf(a);
  const y = tokensOf(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === '>' || q === '>') return p !== undefined && q !== undefined;
    if (p === undefined || q === undefined) return false;
    if (p !== '*' && q !== '*' && p !== q) return false;
  }
  return true;
}

/** True when every subject matched by `specific` is also matched by `general`. */
export function subjectCovers(general: string, specific: string): boolean {
  const g = tokensOf(general);
  const s = tokensOf(specific);
  for (let i = 0; i < g.length; i++) {
    const token = g[i];
    if (token === '>') return s.length > i;
    const other = s[i];
    if (other === undefined || other === '>') return false;
    if (token !== '*' && (other === '*' || token !== other)) return false;
  }
  return g.length === s.length;
}
