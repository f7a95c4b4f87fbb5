// @ts-nocheck
import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});

export async function encryptWithKms(plaintext: string) {
  const out = await kms.send(new EncryptCommand({ KeyId: process.env.EXPORT_KEY_ID, Plaintext: Buffer.from(plaintext) }));
  return out.CiphertextBlob;
}
