// @ts-nocheck
import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import Client from 'fhir-kit-client';

const fhir = new Client({ baseUrl: 'https://fhir.hospital.example/r4' });
const model = new ChatOpenAI({ model: 'gpt-4o' });
const template = ChatPromptTemplate.fromMessages([['system', 'You are a coding assistant for ICD-10.'], ['user', '{note}']]);

export async function suggestCodes(noteId: string) {
  const note = await fhir.read({ resourceType: 'DocumentReference', id: noteId });
  const chain = template.pipe(model);
  const direct = await model.invoke(`Suggest ICD-10 codes for: ${note.description}`); // expect: phi-to-llm
  return [direct, chain];
}
