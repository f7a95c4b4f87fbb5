// @ts-nocheck
import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: 'segment-write-key-placeholder' });

export function trackEvent(name: string, props: Record<string, unknown>) {
  analytics.track(name, props); // expect: phi-to-analytics
}
