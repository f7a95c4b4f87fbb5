// @ts-nocheck
export const authOptions = { providers: [] };
