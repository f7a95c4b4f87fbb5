// @ts-nocheck
export async function importHl7(message: string) {
  if (!message.startsWith('MSH|')) throw new Error('not an HL7 v2 message');
  return { segments: message.split('\r').length };
}
