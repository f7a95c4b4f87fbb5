from openai import OpenAI

client = OpenAI()


def triage_summary(form):
    prompt = f"Triage this intake for {form.full_name}, born {form.date_of_birth}: {form.symptoms}"
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return reply.choices[0].message.content


def explain_code(icd10_code):
    prompt = f"Explain ICD-10 code {icd10_code} in plain language for a patient leaflet."
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
