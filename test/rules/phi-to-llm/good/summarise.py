from openai import OpenAI

client = OpenAI()


def explain_code(icd10_code, clinic_count):
    prompt = f"Explain ICD-10 code {icd10_code} in plain words. Clinics: {clinic_count}"
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
