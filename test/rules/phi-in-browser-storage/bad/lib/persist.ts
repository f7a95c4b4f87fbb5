// @ts-nocheck
import localforage from 'localforage';

export async function persistDraft(key: string, value: unknown) {
  await localforage.setItem(key, value); // expect: phi-in-browser-storage
}
