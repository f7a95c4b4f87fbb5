// @ts-nocheck
export const logger = { info: (...a: unknown[]) => console.log(...a) };
