// Go's dynamic type of a value decoded from JSON into `interface{}` as apimachinery decodes it
// (map[string]interface {}, []interface {}, string, bool, int64, float64, nil), for the `%T` in
// the error messages Velero and apimachinery write.

/** reflect.TypeOf(v).String() of a decoded JSON value; `<nil>` for null or a missing value. Pure. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int64' : 'float64';
}
