import * as amplitude from '@amplitude/analytics-browser';

export function trackPage(pathname, featureFlags) {
  gtag('event', 'page_view', { page_path: pathname.replace(/\/patients\/[^/]+/, '/patients/:id') });
  amplitude.track('Feature Flags', { flags: featureFlags });
}
