// @ts-nocheck
// Vendors' documented example credentials are placeholders, not anyone's keys.
export const awsDocsExample = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};
