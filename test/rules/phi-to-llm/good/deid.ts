// @ts-nocheck
export function deidentifyBundle(bundle: unknown) {
  return { resourceType: 'Bundle', type: 'collection', entry: [], source: typeof bundle };
}
