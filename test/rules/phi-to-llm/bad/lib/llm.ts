// @ts-nocheck
import { GoogleGenerativeAI } from '@google/generative-ai';

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });

export async function ask(question: string, context: unknown) {
  const result = await model.generateContent(`${question}\n\nContext:\n${JSON.stringify(context)}`); // expect: phi-to-llm
  return result.response.text();
}
