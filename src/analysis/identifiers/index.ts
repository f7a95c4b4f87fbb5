/** Safe Harbor identifier detectors and the real-vs-synthetic decision, for data files. */
export { CATEGORIES, CATEGORY_ORDER, type Category, type Hit } from './categories.js';
export { detectInText, detectLabelled, detectUnlabelled } from './detect.js';
export { labelCategory, normaliseLabel } from './labels.js';
export { FileTally, judgeRecord, severityOf, type FileVerdict, type RecordVerdict } from './verdict.js';
export { markOfFhirCoding, markOfText, markOfValue } from './marks.js';
