import analytics
import posthog
from mixpanel import Mixpanel

from .repo import load_member

mp = Mixpanel("project-token")


def enrolled(account_ref):
    member = load_member(account_ref)
    analytics.track(account_ref, "Enrolled", {"dob": member.birth_date})  # expect: phi-to-analytics
    mp.people_set(account_ref, {"$name": member.full_name})  # expect: phi-to-analytics
    posthog.capture(account_ref, "enrolled", properties={"diagnosis": member.diagnosis})  # expect: phi-to-analytics
