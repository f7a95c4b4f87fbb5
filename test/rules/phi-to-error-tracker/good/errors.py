import sentry_sdk


def sync(patient_id, attempt):
    sentry_sdk.set_tag("attempt", attempt)
    try:
        return attempt + 1
    except Exception as exc:
        sentry_sdk.capture_exception(exc)
