import analytics
import posthog


def enrolled(account_ref, plan_tier, patient_count):
    analytics.track(account_ref, "Enrolled", {"plan": plan_tier})
    posthog.capture(account_ref, "enrolled", properties={"patients": patient_count})
