/**
 * `"training.l2=0.001,0.01"` → one copy of a settings object per value, the named (dotted) setting replaced: how the
 * leave-one-writer-out scripts try other values of a setting (`--set`).
 */
export function settingVariants<T>(settings: T, spec: string): Array<{ name: string; settings: T }> {
  const [path, values] = spec.split("=") as [string, string];
  return values.split(",").map((value) => {
    const copy = structuredClone(settings) as Record<string, unknown>;
    const keys = path.split(".");
    let node = copy;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys.at(-1) as string] = Number(value);
    return { name: `${path}=${value}`, settings: copy as T };
  });
}
