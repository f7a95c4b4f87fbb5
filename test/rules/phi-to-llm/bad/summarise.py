import json

import anthropic
import boto3
from openai import OpenAI

from .charts import load_chart

client = OpenAI()
claude = anthropic.Anthropic()
bedrock = boto3.client("bedrock-runtime")


def summarise(chart_id):
    chart = load_chart(chart_id)
    prompt = f"Summarise the visit for {chart.patient_name}: {chart.notes}"
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])  # expect: phi-to-llm
    claude.messages.create(model="claude-sonnet-4", max_tokens=500, messages=[{"role": "user", "content": prompt}])  # expect: phi-to-llm
    body = json.dumps({"prompt": prompt})
    bedrock.invoke_model(modelId="anthropic.claude-v2", body=body)  # expect: phi-to-llm
