import * as amplitude from '@amplitude/analytics-browser';

export function reportLabViewed(labResult) {
  gtag('event', 'lab_viewed', { value: labResult.valueQuantity }); // expect: phi-to-analytics
  amplitude.track('Lab Viewed', { result: labResult }); // expect: phi-to-analytics
}
