/**
 * `"training.l2=0.001,0.01"` → one copy of a settings object per value, the named (dotted) setting replaced: how the
 * leave-one-writer-out scripts try other values of a setting (`--set`). Settings joined by `&`
 * (`"a.b=0,1&a.c=0.3,0.5"`) are tried in every combination.
 */
export function settingVariants<T>(settings: T, spec: string): Array<{ name: string; settings: T }> {
  const [first, ...rest] = spec.split("&") as [string, ...string[]];
  const [path, values] = first.split("=") as [string, string];
  const here = values.split(",").map((value) => {
    const copy = structuredClone(settings) as Record<string, unknown>;
    const keys = path.split(".");
    let node = copy;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys.at(-1) as string] = Number(value);
    return { name: `${path}=${value}`, settings: copy as T };
  });
  if (rest.length === 0) return here;
  return here.flatMap((variant) =>
    settingVariants(variant.settings, rest.join("&")).map((more) => ({
      name: `${variant.name}&${more.name}`,
      settings: more.settings,
    })),
  );
}
